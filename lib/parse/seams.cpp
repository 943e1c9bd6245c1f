// Seams to the names, dates and venues normalisers: the parser calls them only through these
// functions, so each normaliser can change without touching the parser.
#include <bicite/dates.hpp>
#include <bicite/names.hpp>
#include <bicite/venues.hpp>

#include "parse/internal.hpp"

namespace bicite::parse::detail {

namespace {

// "Igor EDenisov": an initial typed into the family name ("E" + "Denisov") is split off first.
std::string split_run_together_initials(std::string_view written) {
  std::string out;
  std::size_t p = 0;
  bool word_start = true;
  while (p < written.size()) {
    std::size_t n1 = p;
    const char32_t a = code_point_at(written, p, &n1);
    if (word_start && is_upper(a)) {
      std::size_t n2 = n1, n3 = n1;
      const char32_t b = code_point_at(written, n1, &n2);
      const char32_t c = code_point_at(written, n2, &n3);
      const char32_t d = code_point_at(written, n3);
      if (is_upper(b) && is_lower(c) && is_lower(d) && p > 0) {
        out.append(written.substr(p, n1 - p));
        out += ". ";
        p = n1;
        word_start = false;
        continue;
      }
    }
    word_start = a == ' ';
    out.append(written.substr(p, n1 - p));
    p = n1;
  }
  return out;
}

}  // namespace

name parse_person(std::string_view written) {
  return names::parse_name(split_run_together_initials(clean_spaces(written)));
}

std::vector<found_date> find_dates(std::string_view s) {
  std::vector<found_date> out;
  for (auto& d : dates::find_dates(s)) {
    if (d.date.parts.empty()) continue;
    found_date f;
    f.value = std::move(d.date);
    f.begin = d.where.begin;
    f.end = d.where.end;
    f.accessed = d.accessed;
    f.issue = std::move(d.issue);
    out.push_back(std::move(f));
  }
  return out;
}

void apply_venue(reference& item) {
  const std::string_view container = item.get("container-title");
  if (container.empty()) return;  // a page on an institution's own site names no venue
  if (item.type == "chapter") return;  // the container of a chapter is a book, not a periodical or a site
  const auto m = venues::match(container, item.get("URL"));
  if (!m) return;
  item.custom["venue"] = m.match->canonical;
  item.custom["venue_en"] = m.match->english;
  const std::string& t = m.match->type;
  std::string type;
  if (t == "newspaper" || t == "agency") type = "article-newspaper";
  else if (t == "magazine") type = "article-magazine";
  else if (t == "journal") type = "article-journal";
  else if (t == "website" || t == "government") type = "webpage";
  // the kind of venue decides between newspaper, magazine, journal and web page; a type read from
  // the work itself (book, chapter, speech, treaty, blog post, …) stays
  const bool periodical = item.type == "article-newspaper" || item.type == "article-journal" ||
                          item.type == "article-magazine" || item.type == "webpage";
  if (!type.empty() && periodical) item.type = type;
}

role_at russian_role_at(std::string_view s) {
  role_at out;
  if (const auto r = names::match_role_phrase(s)) {
    out.role = r->role;
    out.name_case = r->governs == names::grammatical_case::genitive      ? 1
                    : r->governs == names::grammatical_case::instrumental ? 2
                                                                          : 0;
    out.length = r->length;
  }
  return out;
}

void to_nominative(name& n, int name_case) {
  if (name_case == 0 || n.is_literal()) return;
  const auto c = name_case == 1 ? names::grammatical_case::genitive : names::grammatical_case::instrumental;
  auto r = names::to_nominative(n, c);
  if (r.changed) n = std::move(r.name);
}

}  // namespace bicite::parse::detail
