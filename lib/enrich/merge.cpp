// Merging found metadata into a reference without destroying anything it has.
#include <algorithm>

#include <bicite/names.hpp>
#include <bicite/text.hpp>

#include "enrich/internal.hpp"
#include "web/metadata.hpp"

namespace bicite::enrich {
namespace {

bool separator(char32_t cp) {
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return (cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD ||
         (cp >= 0x3000 && cp <= 0x303F);
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = bicite::text::next_code_point(s, pos);
    if (separator(cp)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      bicite::text::append_utf8(cur, cp);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

/// Words folded for comparison: case-folded when both texts are in one script; in a
/// spelling-independent romanisation when the scripts differ.
std::vector<std::string> fold_words(std::string_view s, bool cross_script) {
  std::vector<std::string> out;
  for (auto& w : words(s)) {
    std::string f = cross_script ? bicite::names::fold_word(w) : bicite::text::fold_case(w);
    if (f.empty()) f = bicite::text::fold_case(w);
    out.push_back(std::move(f));
  }
  return out;
}

std::string digits_only(std::string_view s) {
  std::string out;
  for (char c : s)
    if ((c >= '0' && c <= '9') || c == ' ') out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  return web::clean(out);
}

std::string bare_doi(std::string_view s) {
  std::string v = bicite::text::to_lower(web::clean(s));
  const auto p = v.find("10.");
  return p == std::string::npos ? v : v.substr(p);
}

double dice(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  std::vector<bool> used(b.size(), false);
  std::size_t common = 0;
  for (const auto& x : a)
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!used[j] && b[j] == x) {
        used[j] = true;
        ++common;
        break;
      }
  return 2.0 * double(common) / double(a.size() + b.size());
}

/// True when `shorter` occurs in `longer` as a contiguous run of words.
bool contains_run(const std::vector<std::string>& longer, const std::vector<std::string>& shorter) {
  if (shorter.empty() || shorter.size() > longer.size()) return false;
  return std::search(longer.begin(), longer.end(), shorter.begin(), shorter.end()) != longer.end();
}

nlohmann::json* custom_object(reference& item) {
  if (item.custom.is_null()) item.custom = nlohmann::json::object();
  return item.custom.is_object() ? &item.custom : nullptr;
}

/// True unless the page's title is in another script than its stated language is written in
/// (Cyrillic for ru, uk, be, bg, sr, mk, kk, ky, tg, mn; Latin for the rest).
bool stated_language_fits(std::string_view language, std::string_view page_title) {
  if (page_title.empty()) return true;
  std::string primary = bicite::text::to_lower(web::clean(language));
  primary = primary.substr(0, primary.find_first_of("-_"));
  static constexpr std::string_view cyrillic[] = {"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn", "rus", "ukr"};
  const bool cyr = std::find(std::begin(cyrillic), std::end(cyrillic), primary) != std::end(cyrillic);
  return cyr == bicite::text::has_cyrillic(page_title);
}

bool same_script_family(std::string_view a, std::string_view b) {
  return bicite::text::has_cyrillic(a) == bicite::text::has_cyrillic(b);
}

}  // namespace

double similarity(std::string_view field, std::string_view a, std::string_view b) {
  if (field == "DOI") return bare_doi(a) == bare_doi(b) ? 1.0 : 0.0;
  if (field == "volume" || field == "issue" || field == "page" || field == "number") {
    const std::string da = digits_only(a), db = digits_only(b);
    if (da.empty() || db.empty()) return bicite::text::fold_case(web::clean(a)) == bicite::text::fold_case(web::clean(b)) ? 1.0 : 0.0;
    if (da == db) return 1.0;
    if (da.substr(0, da.find(' ')) == db.substr(0, db.find(' '))) return 0.9;  // same first page
    return 0.0;
  }
  if (field == "language") {
    auto primary = [](std::string_view s) {
      std::string v = bicite::text::to_lower(web::clean(s));
      return v.substr(0, v.find_first_of("-_"));
    };
    return primary(a) == primary(b) ? 1.0 : 0.0;
  }
  if (field == "container-title") {  // "Izvestiia" and "iz.ru" or "Известия — Политика": one venue
    const auto* va = web::known_venue(a);
    if (va && va == web::known_venue(b)) return 1.0;
  }
  const bool cross = !same_script_family(a, b);
  const auto wa = fold_words(a, cross), wb = fold_words(b, cross);
  if (wa == wb) return 1.0;
  const auto& shorter = wa.size() <= wb.size() ? wa : wb;
  const auto& longer = wa.size() <= wb.size() ? wb : wa;
  // A cut title ("Russia and China: …" → "Russia and China") or a site suffix/prefix.
  if (!shorter.empty() && std::equal(shorter.begin(), shorter.end(), longer.begin())) return 0.95;  // cut
  if (shorter.size() >= 2 && contains_run(longer, shorter)) return 0.9;  // site name or rubric around it
  if (!cross) {
    // Different spellings of one word in one script ("Tavrovskii"/"Tavrovsky") still fold alike.
    const auto fa = fold_words(a, true), fb = fold_words(b, true);
    if (fa == fb) return 0.9;
    return std::max(dice(wa, wb), dice(fa, fb) * 0.95);
  }
  return dice(wa, wb);
}

std::string doi_of(const reference& item) {
  std::string doi(item.get("DOI"));
  if (doi.empty()) {
    const std::string url(item.get("URL"));
    const std::string low = bicite::text::to_lower(url);
    for (const char* host : {"doi.org/", "dx.doi.org/"}) {
      const auto p = low.find(host);
      if (p != std::string::npos && low.find("10.", p) != std::string::npos) {
        doi = url.substr(low.find("10.", p));
        break;
      }
    }
  }
  doi = web::clean(doi);
  const auto p = doi.find("10.");
  if (p == std::string::npos) return {};
  doi = doi.substr(p);
  while (!doi.empty() && (doi.back() == '.' || doi.back() == ',' || doi.back() == ';')) doi.pop_back();
  return doi;
}

namespace {

/// Agreement of two single dates: equal where both give a part (a note's "2023" agrees with the
/// page's 2023-03-20).
double part_agreement(const bicite::date::part& a, const bicite::date::part& b) {
  if (a.year != b.year) return 0.0;
  if (a.month && b.month && a.month != b.month) return 0.5;
  if (a.day && b.day && a.day != b.day) return 0.75;
  return 1.0;
}

/// The days a date part covers, as [lo, hi] in YYYYMMDD: "2023" is 20230101–20231231.
std::pair<long, long> span_of(const bicite::date::part& p) {
  const int m = p.month >= 1 && p.month <= 12 ? p.month : 0;  // seasons (13–16) count as the year
  const long y = long(p.year) * 10000;
  if (!m) return {y + 101, y + 1231};
  if (!p.day) return {y + m * 100 + 1, y + m * 100 + 31};
  return {y + m * 100 + p.day, y + m * 100 + p.day};
}

std::pair<long, long> span_of(const bicite::date& d) {
  auto lo = span_of(d.parts.front()), hi = span_of(d.parts.back());
  return {std::min(lo.first, hi.first), std::max(lo.second, hi.second)};
}

}  // namespace

double date_agreement(const bicite::date& note, const bicite::date& page) {
  if (note.parts.empty() || page.parts.empty()) return 1.0;  // literal/raw: nothing to compare
  if (!note.is_range() && !page.is_range()) return part_agreement(note.parts[0], page.parts[0]);
  if (note.is_range() && page.is_range())  // both ends, each as precisely as both give it
    return std::min(part_agreement(note.parts[0], page.parts[0]), part_agreement(note.parts[1], page.parts[1]));
  // A single date against a range: it agrees when inside the range (or the range lies within the
  // single date's year or month: a note's "2023" and a page's 2023-05-01/2023-05-05).
  const auto a = span_of(note), b = span_of(page);
  if ((b.first >= a.first && b.second <= a.second) || (a.first >= b.first && a.second <= b.second)) return 1.0;
  if (a.first <= b.second && b.first <= a.second) return 0.5;  // overlapping, neither within the other
  return 0.0;
}

void merge(reference& item, const metadata& found, std::string_view source, const enrich_options& options,
           enrich_report& report) {
  auto extractor_of = [&](const std::string& field) {
    auto it = found.extractor.find(field);
    return it == found.extractor.end() ? std::string() : it->second;
  };
  auto record_fill = [&](const std::string& field, const std::string& value, const std::string& replaced = {}) {
    const std::string ex = extractor_of(field);
    report.filled.push_back({item.id, field, value, std::string(source), ex, replaced});
    ++report.filled_by_field[field];
    if (!options.fill) return;
    if (auto* c = custom_object(item)) {
      (*c)["filled"][field] = {{"source", std::string(source)}, {"extractor", ex}};
      if (!replaced.empty()) (*c)["filled"][field]["replaced"] = replaced;
    }
  };
  auto record_conflict = [&](const std::string& field, const std::string& note, const std::string& page, double score) {
    // A field the note had and the page contradicts: reported, never overwritten. A field filled
    // from an earlier source (the DOI record) is not the note's: no conflict for it.
    if (item.custom.is_object() && item.custom.contains("filled") && item.custom["filled"].is_object() &&
        item.custom["filled"].contains(field))
      return;
    for (const auto& c : report.conflicts)
      if (c.id == item.id && c.field == field && c.page_value == page) return;
    const std::string ex = extractor_of(field);
    report.conflicts.push_back({item.id, field, note, page, score, std::string(source), ex});
    ++report.conflicts_by_field[field];
    if (auto* c = custom_object(item))
      (*c)["enrich-conflicts"].push_back(
          {{"field", field}, {"note", note}, {"found", page}, {"score", score}, {"source", std::string(source)}});
  };

  for (const auto& [field, value] : found.item.fields) {
    if (value.empty()) continue;
    const std::string note(item.get(field));
    if (note.empty()) {
      // lang="en" on a page whose title is Cyrillic is a template's default, not the page's language.
      if (field == "language" && !stated_language_fits(value, found.item.get("title"))) continue;
      std::string fill_value = value;
      // A site name that is a known venue's domain or carries a rubric ("iz.ru", "Ведомости.
      // Экономика") is filled with the venue's own name from the venue table; a name of the venue
      // ("Izvestia", "Коммерсант") stays as the page writes it.
      bool whole = false;
      if (field == "container-title")
        if (const auto* v = web::known_venue(value, &whole); v && !whole) fill_value = v->canonical;
      if (options.fill) item.set(field, fill_value);
      record_fill(field, fill_value);
      continue;
    }
    const double s = similarity(field, note, value);
    if (s >= options.agree_threshold) continue;
    if (field == "language" && options.language_is_guess) {
      // The note's language is the parser's guess from the title's script (a romanised Russian
      // title reads as "en"), not a stated fact: the page's stated language replaces it, unless
      // the page contradicts itself (lang="en" on a page whose title is Cyrillic: a template default).
      if (stated_language_fits(value, found.item.get("title"))) {
        if (options.fill) item.set(field, value);
        record_fill(field, value, note);
      }
      continue;
    }
    record_conflict(field, note, value, s);
  }

  for (const auto& [field, d] : found.item.dates) {
    const bicite::date* mine = item.date_of(field);
    if (!mine || mine->empty()) {
      if (options.fill) item.dates[field] = d;
      record_fill(field, detail::date_text(d));
      continue;
    }
    const double s = date_agreement(*mine, d);
    if (s < 1.0) record_conflict(field, detail::date_text(*mine), detail::date_text(d), s);
  }

  for (const auto& [role, page_names] : found.item.names) {
    if (page_names.empty()) continue;
    auto it = item.names.find(role);
    if (it == item.names.end() || it->second.empty()) {
      if (options.fill) item.names[role] = page_names;
      record_fill(role, detail::names_text(page_names));
      continue;
    }
    auto& mine = it->second;
    std::vector<bool> used(page_names.size(), false);
    std::size_t matched = 0;
    double score_sum = 0;
    for (auto& n : mine) {
      for (std::size_t j = 0; j < page_names.size(); ++j) {
        if (used[j]) continue;
        const auto m = bicite::names::same_person(n, page_names[j]);
        if (!m.same) continue;
        used[j] = true;
        ++matched;
        score_sum += m.score;
        const auto& p = page_names[j];
        const std::string mine_text = n.family + n.given + n.literal;
        const std::string page_text = p.family + p.given + p.literal;
        // "Iury Tavrovsky" in the note, "Юрий Тавровский" on the page: keep the page's form as the original.
        if (bicite::text::has_cyrillic(page_text) && !bicite::text::has_cyrillic(mine_text)) {
          bool have = false;
          for (const auto& v : n.variants)
            if (v.role == variant_role::original) have = true;
          if (!have) {
            name_variant v;
            static_cast<name_parts&>(v) = static_cast<const name_parts&>(p);
            v.role = variant_role::original;
            v.language = "ru";
            n.variants.push_back(std::move(v));
          }
        }
        break;
      }
    }
    if (matched < mine.size() || matched < page_names.size()) {
      const double s = (2.0 * score_sum) / double(mine.size() + page_names.size());
      record_conflict(role, detail::names_text(mine), detail::names_text(page_names), s);
    }
  }
  if (options.fill && item.type.empty() && !found.item.type.empty()) item.type = found.item.type;
}

}  // namespace bicite::enrich
