// A normaliser pass of the labeller's readings: a title that ran on into the name of its periodical.
// APA and many web references write "Title. Venue. URL" ("Uzbekistan's gas deficit and the Russian
// solution. Eurasianet. https://…"), and the labeller often reads the venue as the title's last sentence.
// When that sentence is the name of a known venue (lib/venues), it is the container.
#include <bicite/text.hpp>
#include <bicite/venues.hpp>

#include "parse/internal.hpp"
#include "parse/unit.hpp"

namespace bicite::parse::detail {

bool split_venue_from_title(std::string_view s, citation& cit) {
  reference& r = cit.item;
  if (!r.has("title") || r.has("container-title")) return false;
  field_source* src = nullptr;
  for (auto& f : cit.sources)
    if (f.field == "title") src = &f;
  if (!src || src->where.end > s.size() || src->where.begin >= src->where.end) return false;
  const std::string_view raw = s.substr(src->where.begin, src->where.end - src->where.begin);
  // the last two sentence breaks of the title: ". ", "? ", "! " (after a closing quote too) before a capital
  std::size_t tried = 0;
  for (std::size_t k = raw.size(); k > 1 && tried < 2; --k) {
    const char c = raw[k - 2];
    if (raw[k - 1] != ' ' || (c != '.' && c != '?' && c != '!')) continue;
    // "J. Smith", "U.S. Policy": a period after a single letter ends no sentence
    if (c == '.') {
      std::size_t start = 0;
      const char32_t before = prev_code_point(raw, k - 2, &start);
      if (is_letter(before) && (start == 0 || !is_letter(prev_code_point(raw, start)))) continue;
    }
    if (!is_upper(code_point_at(raw, k))) continue;
    ++tried;
    std::size_t tb = k, te = raw.size();
    trim_range(raw, tb, te, " .,;:");
    const std::string_view tail = raw.substr(tb, te - tb);
    if (tail.empty()) continue;
    const auto m = venues::match_name(tail);
    if (!m || m.evidence == "fuzzy") continue;
    // the title's value loses the same sentence: find it from the end of the cleaned value
    const std::string title(r.get("title"));
    const std::size_t at = title.rfind(std::string(tail));
    if (at == std::string::npos || at == 0) continue;
    std::string head = title.substr(0, at);
    while (!head.empty() && std::string_view(" .").find(head.back()) != std::string_view::npos) head.pop_back();
    if (head.empty()) continue;
    r.set("title", head);
    r.set("container-title", std::string(tail));
    const span tail_where{src->where.begin + tb, src->where.begin + te};
    src->where.end = src->where.begin + k - 1;
    cit.sources.push_back({"container-title", tail_where, src->confidence});
    return true;
  }
  return false;
}

}  // namespace bicite::parse::detail
