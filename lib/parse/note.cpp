// Parsing a note: Ibid., splitting a note into the works it cites and its commentary.
#include <algorithm>

#include <bicite/parse.hpp>
#include <bicite/text.hpp>

#include "core/limits.hpp"
#include "parse/internal.hpp"
#include "parse/lines.hpp"
#include "parse/unit.hpp"

namespace bicite::parse {

namespace {

using namespace detail;

bool gost_like(std::string_view s) {
  return s.find(" // ") != std::string_view::npos || s.find(". — ") != std::string_view::npos;
}

std::size_t seealso_at(std::string_view s, std::size_t p, std::size_t e) {
  for (const auto& c : lex().seealso) {
    if (!starts_with_at(s, p, c.form) || p + c.form.size() > e) continue;
    const std::size_t q = p + c.form.size();
    if (q < e && is_letter(code_point_at(s, q))) continue;
    // a cue is followed by a citation: a capital, a quote or a digit
    std::size_t r = q;
    while (r < e && (s[r] == ' ' || s[r] == ':' || s[r] == ',')) ++r;
    if (r >= e) continue;
    const char32_t next = code_point_at(s, r);
    if (is_upper(next) || is_opening_quote(next) || (next >= '0' && next <= '9')) return c.form.size();
  }
  return 0;
}

struct range {
  std::size_t b, e;
};

// "под ред.", "пер. с англ.", "ed." at p: a role in a statement of responsibility.
bool role_at(std::string_view s, std::size_t p) {
  for (const auto* list : {&lex().editor, &lex().translator})
    for (const auto& f : *list)
      if (!f.form.empty() && is_lower(code_point_at(f.form, 0)) && starts_with_at(s, p, f.form)) return true;
  return false;
}

// "Гордеев П. А., …" at p: a family name and an initial, the heading of a GOST entry. In a GOST note, a
// "Fafarman, A." / "Radomski MV": one person, family name then initials, and nothing else (a name of a
// list that ";" separates)
bool lone_inverted_name(std::string_view seg) {
  seg = text::trim(seg);
  if (seg.empty() || seg.size() > 60) return false;
  std::vector<std::string_view> ws;
  for (std::size_t p = 0; p < seg.size();) {
    const std::size_t q = std::min(seg.find(' ', p), seg.size());
    if (q > p) ws.push_back(seg.substr(p, q - p));
    p = q + 1;
  }
  if (ws.size() < 2 || ws.size() > 4) return false;
  auto initials = [](std::string_view w) {  // "A.", "J.-P.", "MV", "P.M."
    if (!w.empty() && w.back() == ',') w.remove_suffix(1);
    if (w.empty() || w.size() > 6) return false;
    std::size_t letters = 0;
    for (std::size_t p = 0; p < w.size();) {
      const char32_t c = code_point_at(w, p, &p);
      if (is_upper(c)) ++letters;
      else if (c != '.' && c != '-') return false;
    }
    return letters >= 1 && letters <= 3;
  };
  if (!is_upper(code_point_at(ws[0], 0)) || initials(ws[0])) return false;
  for (std::size_t i = 1; i < ws.size(); ++i)
    if (!initials(ws[i])) return false;
  return true;
}

// One person of a name list that ";" separates: "Fafarman, A.", "Radomski MV", "Hamrouni, Abdellatif",
// "Boyd, Tyler J."; at the start of a note also "Xu Sun", "Takuya Matsuzaki" (given names first); a run of
// Vancouver names separated by commas ("Balazard F, Le Fur S, Bougnères P") counts as persons too.
bool name_list_member(std::string_view seg, bool given_first) {
  seg = text::trim(seg);
  if (seg.empty() || seg.size() > 80) return false;
  if (seg.front() == '&') seg = text::trim(seg.substr(1));
  if (lone_inverted_name(seg)) return true;
  auto capitalised = [](std::string_view w) {  // "Abdellatif", "Jun'ichi", "Le", "J."
    if (w.empty() || !is_upper(code_point_at(w, 0))) return false;
    for (std::size_t p = 0; p < w.size();) {
      const char32_t c = code_point_at(w, p, &p);
      if (!(is_letter(c) || c == '.' || c == '-' || c == '\'' || c == U'’')) return false;
    }
    return true;
  };
  const std::size_t comma = seg.find(',');
  if (comma != std::string_view::npos) {
    // Vancouver persons separated by commas
    bool all = true;
    std::size_t pieces = 0;
    for (std::size_t p = 0; p <= seg.size() && all; ++pieces) {
      const std::size_t q = std::min(seg.find(',', p), seg.size());
      all = lone_inverted_name(seg.substr(p, q - p));
      p = q + 1;
    }
    if (all && pieces >= 2) return true;
    // "Family, Given [Given]": one comma, one family word, one or two given words
    if (seg.find(',', comma + 1) != std::string_view::npos) return false;
    const std::string_view fam = text::trim(seg.substr(0, comma)), given = text::trim(seg.substr(comma + 1));
    if (fam.empty() || fam.find(' ') != std::string_view::npos || !capitalised(fam)) return false;
    std::size_t words = 0;
    for (std::size_t p = 0; p < given.size();) {
      const std::size_t q = std::min(given.find(' ', p), given.size());
      if (q > p && !capitalised(given.substr(p, q - p))) return false;
      words += q > p;
      p = q + 1;
    }
    return words >= 1 && words <= 2;
  }
  if (!given_first) return false;
  std::size_t words = 0;
  for (std::size_t p = 0; p < seg.size();) {
    const std::size_t q = std::min(seg.find(' ', p), seg.size());
    if (q > p && !capitalised(seg.substr(p, q - p))) return false;
    words += q > p;
    p = q + 1;
  }
  return words >= 2 && words <= 3;
}

// The person after a ";" at p, up to the next ";", "(", ". " or ": "
bool name_list_member_at(std::string_view s, std::size_t p, std::size_t e, bool given_first) {
  std::size_t q = p;
  while (q < e && s[q] != ';' && s[q] != '(' && !((s[q] == '.' || s[q] == ':') && (q + 1 == e || s[q + 1] == ' ') &&
                                                    !(q > p && is_upper(code_point_at(s, q - 1)) && (q < p + 2 || s[q - 2] == ' ' || s[q - 2] == '.'))))
    ++q;
  return name_list_member(s.substr(p, q - p), given_first);
}

// "; " before one starts another work ("Кузьмин В. Н. Указ. соч. С. 60–64; Гордеев П. А. …").
bool gost_heading_at(std::string_view s, std::size_t p, std::size_t e) {
  std::size_t q = p, letters = 0;
  if (q >= e || !is_upper(code_point_at(s, q))) return false;
  while (q < e && is_letter(code_point_at(s, q))) {
    std::size_t n = q;
    code_point_at(s, q, &n);
    q = n;
    ++letters;
  }
  if (letters < 2 || q + 3 > e || s[q] != ' ') return false;
  std::size_t n = q + 1;
  if (!is_upper(code_point_at(s, q + 1, &n))) return false;
  // "Дж.", "Ch.": an initial may keep a second letter
  if (n < e && s[n] != '.') {
    std::size_t m = n;
    if (is_lower(code_point_at(s, n, &m))) n = m;
  }
  return n < e && s[n] == '.';
}

// Where one work ends and the next (or commentary) begins.
std::vector<range> split_units(std::string_view s, std::size_t b, std::size_t e) {
  std::vector<range> units;
  const auto urls = find_urls(s, b, e);
  const bool gost = gost_like(s.substr(b, e - b));
  std::vector<std::size_t> cuts;
  for (const auto& h : urls) {
    std::size_t q = h.end;
    while (q < e && (s[q] == '.' || s[q] == ';' || s[q] == ',' || s[q] == ')')) ++q;
    if (q > h.end && q < e && s[q] == ' ') {
      std::size_t r = q;
      while (r < e && s[r] == ' ') ++r;
      if (r < e && s.substr(r, e - r).find_first_not_of(" .") != std::string_view::npos &&
          !(gost && (starts_with_at(s, r, "—") || starts_with_at(s, r, "(")))) {
        const char32_t next = code_point_at(s, r);
        // "… http://…. Accessed November 12, 2013.": the access date of the same page
        std::size_t len = 0;
        if ((is_upper(next) || is_opening_quote(next)) && !matches_any(s, r, lex().accessed, len)) cuts.push_back(r);
      }
    }
  }
  int paren = 0;
  // running counts instead of rescanning the note at each cut (linear time): spaces in [b, p),
  // spaces in [b, e), the last '(' and whether a ':' came after it
  const auto total_spaces = static_cast<std::ptrdiff_t>(std::count(s.begin() + static_cast<std::ptrdiff_t>(b), s.begin() + static_cast<std::ptrdiff_t>(e), ' '));
  std::ptrdiff_t spaces_before = 0;
  std::size_t last_open = std::string_view::npos;
  std::size_t last_semi = b;  // where the text since the last ";" begins
  bool colon_after_open = false, digit_after_open = false;
  for (std::size_t p = b; p < e; spaces_before += s[p] == ' ' ? 1 : 0, ++p) {
    const char c = s[p];
    if (c == '(') {
      ++paren;
      last_open = p;
      colon_after_open = false;
      digit_after_open = false;
    }
    if (c == ':') colon_after_open = true;
    if (c >= '0' && c <= '9') digit_after_open = true;
    if (c == ')' && paren > 0) --paren;
    // "… казахстанские эксперты (см.: Сарсенбаев Е. Б. … С. 17–29), хотя …": a citation in brackets inside
    // prose is a unit of its own
    if (c == '(' && paren == 1 && seealso_at(s, p + 1, e)) {
      int depth = 1;
      std::size_t close = p + 1;
      for (; close < e && depth > 0; ++close) {
        if (s[close] == '(') ++depth;
        if (s[close] == ')') --depth;
      }
      if (depth == 0) {
        cuts.push_back(p + 1);
        cuts.push_back(close - 1);
      }
    }
    // "As Skirda notes (Alexandre Skirda, Anarchists … (London: Freedom Press, 1972), 8), the army split": a
    // bracket in prose holding a whole citation, with its own publication group, is a unit of its own
    if (c == '(' && paren == 1 && p > b) {
      int depth = 1;
      std::size_t close = p + 1, inner_open = std::string_view::npos;
      bool colon = false, year = false;
      for (; close < e && depth > 0; ++close) {
        const char ch = s[close];
        if (ch == '(') {
          ++depth;
          if (depth == 2 && inner_open == std::string_view::npos) inner_open = close;
        }
        if (ch == ')') --depth;
        if (depth == 2 && ch == ':') colon = true;
        if (depth == 2 && close + 4 <= e && (ch == '1' || ch == '2') && std::all_of(s.begin() + static_cast<std::ptrdiff_t>(close), s.begin() + static_cast<std::ptrdiff_t>(close + 4), [](char d) { return d >= '0' && d <= '9'; }))
          year = true;
      }
      if (depth == 0 && inner_open != std::string_view::npos && colon && year && inner_open > p + 8) {
        cuts.push_back(p + 1);
        cuts.push_back(close - 1);
      }
    }
    if (paren > 0) continue;
    // "Об истории формата подробнее см.: Ахмедова Д. Р. …": a cue ending in a colon starts a citation even
    // inside a sentence
    if (c == ' ' && p + 1 < e && p > b) {
      for (const auto& cue : lex().seealso)
        if (!cue.form.empty() && cue.form.back() == ':' && starts_with_at(s, p + 1, cue.form) &&
            p + 1 + cue.form.size() < e && s[p + 1 + cue.form.size()] == ' ') {
          std::size_t r = p + 1;
          // "подробнее см.:" – the adverb before the cue goes with it
          for (const std::string_view lead : {"подробнее ", "Подробнее ", "также ", "например "})
            if (r >= b + lead.size() && s.substr(r - lead.size(), lead.size()) == lead) r -= lead.size();
          cuts.push_back(r);
          break;
        }
    }
    if ((c == '.' || c == ';') && p + 1 < e && s[p + 1] == ' ') {
      std::size_t r = p + 1;
      while (r < e && s[r] == ' ') ++r;
      if (seealso_at(s, r, e)) {
        cuts.push_back(r);
        continue;
      }
      // GOST entries run together in one note: "… М.: Аспект Пресс, 2000. Сартори Дж. Вертикальная демократия …"
      // (an entry's last area ends with its year or pages, the next starts with a heading)
      if (gost && c == '.' && p > b &&
          ((s[p - 1] >= '0' && s[p - 1] <= '9') || (p >= b + 3 && starts_with_at(s, p - 3, " с")) || s[p - 1] == ']') &&
          gost_heading_at(s, r, e))
        cuts.push_back(r);
      // "; " between two works (Chicago); not in GOST, where ";" separates names and places, nor
      // before a second place of one publication statement ("London: Chatham House; Washington, DC: Brookings")
      // (nor before the next role of a statement of responsibility: "/ Е. В. Петрова ; под общ. ред. …")
      // (nor inside a name list: "Fafarman, A.; Sigala, P.; Smith, J. Evaluation of …")
      // (nor before a number, a volume, issue or page: "2015 Jun; 59(2): 169-80", "1990; Vol. 416", which continue
      // the same work; a lower-case word may start the next: "…; and Hoskins, …", "; on arms sales, Kerr, …")
      const bool in_name_list = c == ';' && (lone_inverted_name(s.substr(last_semi, p - last_semi)) ||
                                             (name_list_member(s.substr(last_semi, p - last_semi), last_semi == b) &&
                                              name_list_member_at(s, r, e, last_semi == b)));
      std::size_t label = 0;
      const bool continues = c == ';' && r < e &&
                             ((s[r] >= '0' && s[r] <= '9') ||
                              ((matches_any(s, r, lex().volume, label) || matches_any(s, r, lex().issue, label) ||
                                matches_any(s, r, lex().page, label)) &&
                               r + label < e && s[r + label] == ' '));
      if (c == ';') last_semi = r;
      if (c == ';' && !in_name_list && !continues &&
          ((!gost && !publication_place_at(s, r, e) && !role_at(s, r)) || (gost && gost_heading_at(s, r, e)))) {
        const auto words_before = spaces_before;  // spaces in [b, p)
        const auto words_after = total_spaces - spaces_before - static_cast<std::ptrdiff_t>(r - p - 1);  // in [r, e)
        // a short form after the semicolon may be two words: "…, 45; Skirda, 47."
        std::size_t ibid_len = 0;
        const bool short_after = (words_after >= 1 && words_after <= 4 && is_upper(code_point_at(s, r)) &&
                                  e > r && s[e - 1 - (s[e - 1] == '.')] >= '0' && s[e - 1 - (s[e - 1] == '.')] <= '9') ||
                                 ibid_at(s, r, e, ibid_len);
        const bool short_before = words_before <= 3 && is_upper(code_point_at(s, b)) && s[p - 1] >= '0' && s[p - 1] <= '9';
        if ((words_before >= 3 || short_before) && (words_after >= 3 || short_after)) cuts.push_back(r);
      }
      // "(Tenafly: Ermitazh, 1989), 153. Egor …", "Samopoznanie 2 (2015): 24. Liubov’ …": a page cited after a
      // publication parenthetical, then the next work
      if (c == '.' && p > b && s[p - 1] >= '0' && s[p - 1] <= '9' && last_open != std::string_view::npos) {
        std::size_t q = p;
        while (q > b && p - q < 16 && ((s[q - 1] >= '0' && s[q - 1] <= '9') || s[q - 1] == ' ' || s[q - 1] == ',' ||
                                       s[q - 1] == ':' || s[q - 1] == '-' || static_cast<unsigned char>(s[q - 1]) >= 0x80))
          --q;
        const char32_t next = code_point_at(s, r);
        if (q > b && s[q - 1] == ')' && q < p && (s[q] == ',' || s[q] == ':') && (is_upper(next) || is_opening_quote(next)))
          cuts.push_back(r);
      }
      // "(London: Routledge, 2024). Next" after a publication parenthetical
      if (c == '.' && p > b && s[p - 1] == ')') {
        const char32_t next = code_point_at(s, r);
        // (a publication group has its year; "(Insecta: Hemiptera: Reduviidae). Acta Zool." has none)
        if (last_open != std::string_view::npos && colon_after_open && digit_after_open &&
            (is_upper(next) || is_opening_quote(next)))
          cuts.push_back(r);
      }
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::size_t start = b;
  for (std::size_t c : cuts) {
    if (c <= start || c >= e) continue;
    units.push_back({start, c});
    start = c;
  }
  units.push_back({start, e});
  return units;
}

// "Д. 374. Л. 5 об." at p: a run of archival levels, each a label (lexicon archive_unit) and a number;
// returns its end, or p when there is none.
std::size_t archive_run(std::string_view s, std::size_t p, std::size_t e) {
  auto digit = [&](std::size_t i) { return i < e && s[i] >= '0' && s[i] <= '9'; };
  std::size_t end = p, q = p;
  while (q < e) {
    std::size_t label = 0;
    for (const auto& u : lex().archive_unit)
      if (starts_with_at(s, q, u.form) && u.form.size() > label) label = u.form.size();
    if (label == 0) break;
    std::size_t r = q + label;
    while (r < e && s[r] == ' ') ++r;
    // a fond with a letter: "Ф. Р-5446", "f. R-5446"
    if (!digit(r)) {
      std::size_t n = r;
      if (r < e && is_upper(code_point_at(s, r, &n))) {
        if (n < e && s[n] == '-') ++n;
        if (digit(n)) r = n;
      }
    }
    if (!digit(r)) break;
    // a number, a range ("5–7"), a list ("5, 7") and "об." (the back of a folio)
    while (true) {
      while (digit(r)) ++r;
      std::size_t t = r;
      while (t < e && s[t] == ' ') ++t;
      if (starts_with_at(s, t, "об.")) r = t + std::string_view("об.").size();
      if (r < e && (s[r] == '-' || s[r] == ',') && digit(r + 1 + (s[r] == ',' && r + 1 < e && s[r + 1] == ' '))) {
        r += 1 + (s[r] == ',' && s[r + 1] == ' ');
        continue;
      }
      if (starts_with_at(s, r, "–") && digit(r + 3)) {
        r += 3;
        continue;
      }
      break;
    }
    end = r;
    q = r;
    while (q < e && (s[q] == ' ' || s[q] == '.' || s[q] == ',' || s[q] == ';')) ++q;
  }
  return end;
}

// An archival reference of two levels or more: "GARF, f. 5881, op. 1, d. 12, l. 4." (a label and a number
// alone may be anything: "d. 3").
bool has_archival_reference(std::string_view u) {
  for (std::size_t k = 0; k < u.size(); ++k) {
    if (k > 0 && u[k - 1] != ' ') continue;
    const std::size_t end = archive_run(u, k, u.size());
    std::size_t numbers = 0;
    for (std::size_t i = k; i < end; ++i)
      if (u[i] >= '0' && u[i] <= '9' && (i == k || !(u[i - 1] >= '0' && u[i - 1] <= '9'))) ++numbers;
    if (numbers >= 2) return true;
  }
  return false;
}

bool has_citation_evidence(std::string_view u) {
  if (has_archival_reference(u)) return true;
  std::size_t p = 0;
  while (p < u.size()) {
    const char32_t c = text::next_code_point(u, p);
    if (is_opening_quote(c) && c != '"') return true;
  }
  if (u.find("http") != std::string_view::npos || u.find("www.") != std::string_view::npos) return true;
  if (u.find(" // ") != std::string_view::npos) return true;
  for (std::size_t i = 0; i + 4 <= u.size(); ++i) {
    if (u[i] >= '1' && u[i] <= '2' && std::all_of(u.begin() + static_cast<std::ptrdiff_t>(i), u.begin() + static_cast<std::ptrdiff_t>(i + 4),
                                                  [](char c) { return c >= '0' && c <= '9'; }))
      return true;
  }
  return false;
}

// "Ibid., 45." / "Там же. С. 5" → the locator
std::string read_locator(std::string_view s, std::size_t& p, std::size_t e) {
  while (p < e && (s[p] == '.' || s[p] == ',' || s[p] == ' ' || s[p] == ':' || s[p] == ';')) ++p;
  std::size_t q = p;
  for (const auto& l : lex().page) {
    if (starts_with_at(s, q, l.form)) {
      q += l.form.size();
      while (q < e && s[q] == ' ') ++q;
      break;
    }
  }
  std::size_t r = q;
  while (true) {
    const std::size_t from = r;
    while (r < e && ((s[r] >= '0' && s[r] <= '9') || s[r] == '-' || starts_with_at(s, r, "–"))) r += starts_with_at(s, r, "–") ? 3 : 1;
    // a list of pages: "Ibid., 68, 125."
    if (r > from && r + 2 < e && s[r] == ',' && s[r + 1] == ' ' && s[r + 2] >= '0' && s[r + 2] <= '9') {
      r += 2;
      continue;
    }
    break;
  }
  if (r == q) return {};
  std::string loc(s.substr(q, r - q));
  p = r;
  while (p < e && (s[p] == '.' || s[p] == ',' || s[p] == ' ')) ++p;
  return loc;
}

void parse_note_into(parsed_note& out, std::string_view s, std::size_t b, std::size_t e, const options& opts) {
  std::size_t nb = b, ne = e;
  trim_range(s, nb, ne);
  // in a reference list every entry is one work: nothing inside it starts another
  const auto units = opts.reference_list && opts.reader != field_reader::rules ? std::vector<range>{{nb, ne}}
                                                                               : split_units(s, nb, ne);
  for (std::size_t ui = 0; ui < units.size(); ++ui) {
    const auto& u = units[ui];
    std::size_t ub = u.b, ue = u.e;
    trim_range(s, ub, ue);
    if (ub >= ue) continue;
    // "Об истории формата «…» подробнее см.: Ахмедова …": words that lead into a cue are commentary
    // unless they hold a link, a "//" or a year (a quotation alone is not a citation)
    if (ui + 1 < units.size()) {
      std::size_t nb2 = units[ui + 1].b, ne2 = units[ui + 1].e;
      trim_range(s, nb2, ne2);
      const std::string_view lead = s.substr(ub, ue - ub);
      const bool strong = lead.find("http") != std::string_view::npos || lead.find("www.") != std::string_view::npos ||
                          lead.find(" // ") != std::string_view::npos ||
                          std::any_of(lead.begin(), lead.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (nb2 < ne2 && seealso_at(s, nb2, ne2) && !strong && lead.back() != '.') {
        if (!out.commentary.empty()) out.commentary += ' ';
        out.commentary += clean_spaces(lead);
        continue;
      }
    }
    // a leading "See also" / "См. также" is commentary
    if (std::size_t cue = seealso_at(s, ub, ue)) {
      if (!out.commentary.empty()) out.commentary += ' ';
      out.commentary += std::string(s.substr(ub, cue));
      ub += cue;
      while (ub < ue && (s[ub] == ' ' || s[ub] == ':' || s[ub] == ',')) ++ub;
    }
    std::size_t ilen = 0;
    if (ibid_at(s, ub, ue, ilen)) {
      citation c;
      c.ibid = true;
      c.where = {ub, ub + ilen};
      std::size_t p = ub + ilen;
      c.locator = read_locator(s, p, ue);
      // "Там же. Д. 374. Л. 5.": archival levels after Ibid. belong to it (resolution reads them)
      if (c.locator.empty()) {
        std::size_t a = p;
        while (a < ue && (s[a] == '.' || s[a] == ',' || s[a] == ' ')) ++a;
        if (const std::size_t ae = archive_run(s, a, ue); ae > a) p = ae;
      }
      c.where.end = std::max(c.where.end, p);
      out.citations.push_back(std::move(c));
      std::size_t rb = p, re = ue;
      trim_range(s, rb, re, ".,;");
      if (rb < re) parse_note_into(out, s, rb, re, opts);
      continue;
    }
    const std::string_view text = s.substr(ub, ue - ub);
    // "Иванов И. И. Указ. соч. С. 45." / "Smith, op. cit., 45.": a short form naming only the author
    {
      std::size_t at = std::string_view::npos, len = 0;
      for (const auto& f : lex().opcit) {
        const auto k = text.find(f.form);
        if (k != std::string_view::npos && k > 0 && k < at) {
          at = k;
          len = f.form.size();
        }
      }
      if (at != std::string_view::npos && at < 120) {
        citation c;
        c.short_form = true;
        c.where = {ub, ue};
        const std::string_view who = text.substr(0, at);
        std::size_t wb = 0, we = who.size();
        trim_range(who, wb, we, ",");
        auto names = parse_name_list(who.substr(wb, we - wb), opts);
        if (!names.empty()) c.item.names["author"] = std::move(names);
        std::size_t p = ub + at + len;
        c.locator = read_locator(s, p, ue);
        if (!c.item.names.empty()) {
          out.citations.push_back(std::move(c));
          continue;
        }
      }
    }
    const bool list_entry = opts.reference_list && opts.reader != field_reader::rules;
    if (!list_entry && !has_citation_evidence(text) && looks_like_prose(text)) {
      if (!out.commentary.empty()) out.commentary += ' ';
      out.commentary += clean_spaces(text);
      continue;
    }
    auto r = read_unit(s, ub, ue, opts, out.diagnostics);
    if (!r.commentary.empty()) {
      if (!out.commentary.empty()) out.commentary += ' ';
      out.commentary += r.commentary;
    }
    if (r.is_citation) out.citations.push_back(std::move(r.cit));
    else if (has_archival_reference(text)) {
      // an archival file the field parser has no reading for: resolution reads its levels
      citation c;
      c.where = {ub, ue};
      c.item.type = "document";
      out.citations.push_back(std::move(c));
    } else {
      if (!out.commentary.empty()) out.commentary += ' ';
      out.commentary += clean_spaces(text);
    }
  }
}


std::size_t map_offset(const note_text& n, std::size_t off) {
  if (n.pieces.empty()) return n.where.begin + off;
  auto it = std::upper_bound(n.pieces.begin(), n.pieces.end(), off,
                             [](std::size_t v, const std::pair<std::size_t, std::size_t>& p) { return v < p.first; });
  if (it == n.pieces.begin()) return n.pieces.front().second;
  --it;
  return it->second + (off - it->first);
}

void map_span(const note_text& n, span& sp) {
  sp.begin = map_offset(n, sp.begin);
  sp.end = map_offset(n, sp.end);
}

}  // namespace

parsed_note parse_note(std::string_view text, int number, const options& opts) {
  parsed_note out;
  out.number = number;
  out.text = std::string(text);
  out.where = {0, text.size()};
  std::size_t e = text.size();
  if (e > opts.max_note_bytes) {
    e = opts.max_note_bytes;
    while (e > 0 && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) --e;
    out.diagnostics.push_back({"parse.note-too-long", severity::warning, {e, text.size()},
                               "the note is longer than " + std::to_string(opts.max_note_bytes) +
                                   " bytes; only its beginning was parsed",
                               "raise options.max_note_bytes if this is really one note"});
  }
  // The parser works on a copy whose exotic spaces (NBSP, thin space, …) are ASCII spaces of the
  // same byte length, so offsets stay those of the input; the note's text gets one space for each.
  std::string work(text.substr(0, e));
  std::string shown;
  shown.reserve(text.size());
  // only lead bytes of the spaces is_space_at knows (U+00A0, U+2000–U+200B, U+202F, U+3000, U+FEFF)
  auto maybe_space = [](unsigned char c) { return c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF; };
  for (std::size_t p = 0; p < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[p]);
    std::size_t len = 0;
    if (maybe_space(c) && is_space_at(text, p, &len)) {
      for (std::size_t k = p; k < p + len && k < work.size(); ++k) work[k] = ' ';
      shown += ' ';
      p += len;
      continue;
    }
    shown += static_cast<char>(c);
    ++p;
  }
  out.text = std::move(shown);
  parse_note_into(out, work, 0, e, opts);
  for (auto& c : out.citations)
    if (c.written.empty() && c.where.end > c.where.begin && c.where.end <= work.size())
      c.written = work.substr(c.where.begin, c.where.end - c.where.begin);
  return out;
}

namespace detail {

parsed_note parse_found_note(const note_text& n, const options& opts, std::vector<diagnostic>& diagnostics) {
  parsed_note pn = parse_note(n.text, n.number, opts);
  pn.where = n.where;
  for (auto& c : pn.citations) {
    map_span(n, c.where);
    for (auto& src : c.sources) map_span(n, src.where);
  }
  for (auto& d : pn.diagnostics) {
    map_span(n, d.where);
    diagnostics.push_back(d);
  }
  return pn;
}

}  // namespace detail

citation parse_reference(std::string_view text, const options& opts) {
  std::vector<diagnostic> diags;
  std::size_t e = std::min(text.size(), opts.max_note_bytes);
  while (e > 0 && e < text.size() && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) --e;
  std::size_t b = 0;
  trim_range(text, b, e);
  if (b >= e) return {};
  return read_unit(text, b, e, opts, diags).cit;
}

namespace detail {

bool looks_like_reference_list(const std::vector<parsed_note>& first) {
  const std::size_t n = std::min(first.size(), reference_list_sample);
  if (n < 8) return false;
  std::size_t plain = 0, short_forms = 0, several = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& note = first[i];
    std::size_t shorts = 0, complete = 0;
    for (const auto& c : note.citations) {
      if (c.ibid) return false;
      shorts += c.short_form;
      // a date or a link: a list entry cut at a ";" inside its author list or title leaves fragments without
      complete += !c.short_form && (c.item.dates.count("issued") || c.item.has("URL") || c.item.has("DOI"));
    }
    // a note citing only in short (an incomplete entry the rules misread looks like one: a few are allowed)
    if (shorts > 0 && complete == 0) ++short_forms;
    if (note.citations.size() == 1 && note.commentary.empty()) ++plain;
    // notes cite several works at once ("…, 2024); see also …"); an entry is one work
    if (complete > 1) ++several;
  }
  return short_forms * 10 <= n && plain * 3 >= n * 2 && several * 20 <= n;
}

}  // namespace detail

parsed_document parse_document(std::string_view input, const options& opts) {
  parsed_document doc;
  if (auto too_large = bicite::detail::input_too_large(input, "notes", "use resolve::stream (bicite convert streams notes files)")) {
    doc.diagnostics.push_back(std::move(*too_large));
    return doc;
  }
  auto checked = text::check_utf8(input);
  doc.diagnostics = std::move(checked.diagnostics);
  const std::string& t = checked.text;
  auto notes = detail::split_notes_into(t, &doc.diagnostics);
  if (notes.empty() && !text::trim(t).empty())
    doc.diagnostics.push_back({"parse.no-notes", severity::warning, {0, std::min<std::size_t>(t.size(), 80)},
                               "no notes or references were found", ""});
  doc.notes.reserve(notes.size());
  // the first notes tell whether this is a reference list; if so they are read again as its entries
  // (their first reading's diagnostics dropped), and so are the rest
  options list_opts = opts;
  std::vector<diagnostic> first_diags;
  const std::size_t sample = std::min(notes.size(), detail::reference_list_sample);
  for (std::size_t i = 0; i < sample; ++i) doc.notes.push_back(detail::parse_found_note(notes[i], opts, first_diags));
  doc.reference_list = opts.reference_list || detail::looks_like_reference_list(doc.notes);
  if (doc.reference_list && !opts.reference_list) {
    list_opts.reference_list = true;
    doc.notes.clear();
    for (std::size_t i = 0; i < sample; ++i) doc.notes.push_back(detail::parse_found_note(notes[i], list_opts, doc.diagnostics));
  } else {
    for (auto& d : first_diags) doc.diagnostics.push_back(std::move(d));
  }
  for (std::size_t i = sample; i < notes.size(); ++i)
    doc.notes.push_back(detail::parse_found_note(notes[i], list_opts, doc.diagnostics));
  return doc;
}

}  // namespace bicite::parse
