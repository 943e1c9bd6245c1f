// A normaliser pass of the labeller's readings: what a GOST entry says the work is after the title's
// colon (": учебное пособие", ": дис. … канд. полит. наук", ": интервью") is its genre, not its title, as
// the rules read it (lexicon kind title_genre, lib/parse/data/lexicon.tsv).
#include "parse/internal.hpp"
#include "parse/unit.hpp"

namespace bicite::parse::detail {

std::size_t title_genre_at(std::string_view title, std::string* type) {
  for (const auto& g : lex().title_genre) {
    const auto at = title.find(": " + g.form);
    if (at == std::string_view::npos) continue;
    const std::size_t after = at + 2 + g.form.size();
    if (after < title.size() && title[after] != ' ' && title[after] != ',') continue;
    if (type) *type = g.value;
    return at;
  }
  return std::string_view::npos;
}

std::string split_genre_from_title(citation& cit) {
  reference& r = cit.item;
  std::string title(r.get("title"));
  if (title.empty() || r.has("genre")) return {};
  std::string type;
  const std::size_t at = title_genre_at(title, &type);
  if (at == std::string_view::npos) return {};
  std::string head = title.substr(0, at);
  while (!head.empty() && head.back() == ' ') head.pop_back();
  if (head.empty()) return {};
  r.set("genre", title.substr(at + 2));
  r.set("title", head);
  for (const auto& src : cit.sources)
    if (src.field == "title") {
      cit.sources.push_back({"genre", src.where, src.confidence});
      break;
    }
  return type;
}

}  // namespace bicite::parse::detail
