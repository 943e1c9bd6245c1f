// Field readers: who reads the fields of a citation unit once note.cpp has split the note. The rules
// (unit.cpp) always run first: they decide whether the unit is a citation and which of its words are
// commentary, and they read the page a short citation cites. The trained labeller (seq/) then reads
// the fields of the citation where options::reader asks for it, and its reading goes through the
// same normaliser passes as the rules' (normalise_reading). See lib/parse/README.md, "Field readers".
#include <algorithm>
#include <unordered_set>

#include <bicite/text.hpp>

#include "parse/internal.hpp"
#include "parse/seq/seq.hpp"
#include "parse/unit.hpp"

namespace bicite::parse::detail {

namespace {

// ---- how plausible a reading is (the hybrid reader's choice)
//
// Both readers are wrong in ways a reader can see: a title that holds the year, the pages or a list of
// names; a publisher that is a place and a publisher; a person called "A." or "2012". The hybrid reader
// keeps the rules' reading unless the labeller's is more plausible by these marks (and, in Latin
// script, fuller). The marks and their weights were chosen on development data only (AnyStyle's
// development part, the project's documents and the shared ones; lib/parse/README.md, "Field readers").

bool digit_at(std::string_view t, std::size_t i) { return i < t.size() && t[i] >= '0' && t[i] <= '9'; }

// Calls f(begin, end) for each run of exactly four digits read as a year 1500–2039.
template <class F>
void for_each_year(std::string_view t, F f) {
  for (std::size_t i = 0; i < t.size();) {
    if (!digit_at(t, i)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (digit_at(t, j)) ++j;
    if (j - i == 4) {
      const int y = std::stoi(std::string(t.substr(i, 4)));
      if (y >= 1500 && y <= 2039) f(i, j);
    }
    i = j;
  }
}

bool has_year(std::string_view t) {
  bool found = false;
  for_each_year(t, [&](std::size_t, std::size_t) { found = true; });
  return found;
}

// ". 1987." / ", 2003)": a year between the punctuation that ends fields
bool year_between_stops(std::string_view t) {
  bool found = false;
  for_each_year(t, [&](std::size_t b, std::size_t e) {
    std::size_t p = b;
    while (p > 0 && t[p - 1] == ' ') --p;
    if (p == 0 || (t[p - 1] != '.' && t[p - 1] != ',')) return;
    if (e < t.size() && std::string_view(".,);:").find(t[e]) != std::string_view::npos) found = true;
  });
  return found;
}

// "297-324", "12 – 19": a number range
bool has_range(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!digit_at(t, i)) continue;
    std::size_t j = i;
    while (digit_at(t, j)) ++j;
    std::size_t k = j;
    while (k < t.size() && t[k] == ' ') ++k;
    std::size_t d = 0;
    if (k < t.size() && t[k] == '-') d = 1;
    else if (t.compare(k, 3, "–") == 0 || t.compare(k, 3, "—") == 0) d = 3;
    if (d) {
      k += d;
      while (k < t.size() && t[k] == ' ') ++k;
      if (digit_at(t, k)) return true;
    }
    i = j;
  }
  return false;
}

bool word_start(std::string_view t, std::size_t i) {
  return i == 0 || !is_letter(prev_code_point(t, i));
}

// a word (or "word:"), followed by a space, starting at a word boundary
bool has_word(std::string_view t, std::string_view w) {
  for (std::size_t k = t.find(w); k != std::string_view::npos; k = t.find(w, k + 1)) {
    if (!word_start(t, k)) continue;
    std::size_t e = k + w.size();
    if (e < t.size() && t[e] == ':') ++e;
    if (e < t.size() && t[e] == ' ') return true;
  }
  return false;
}

// "page 346", "pp. 99", "p.12": a page label and its number inside a value
bool has_page_number(std::string_view t) {
  for (const std::string_view label : {"pages", "page", "pp.", "p."})
    for (std::size_t k = t.find(label); k != std::string_view::npos; k = t.find(label, k + 1)) {
      if (!word_start(t, k)) continue;
      std::size_t e = k + label.size();
      while (e < t.size() && t[e] == ' ') ++e;
      if (digit_at(t, e)) return true;
    }
  return false;
}

bool ends_with_page_label(std::string_view t) {
  for (const std::string_view label : {"pp.", "pp", "p.", "p"})
    if (t.size() >= label.size() && t.substr(t.size() - label.size()) == label &&
        word_start(t, t.size() - label.size()))
      return true;
  return false;
}

bool starts_with_word(std::string_view t, std::string_view w) {
  return t.substr(0, w.size()) == w && (t.size() == w.size() || !is_letter(code_point_at(t, w.size())));
}

// "P. (2009), Réinventer l'Etat", "Е. П. Психомоторная …", "Dubost F": a title that begins or ends with an
// initial holds part of the name list
bool initial_at_edge(std::string_view t) {
  std::size_t after = 0;
  const char32_t c0 = code_point_at(t, 0, &after);
  if (is_upper(c0) && after + 1 < t.size() && t[after] == '.' && t[after + 1] == ' ') return true;
  std::size_t e = t.size();
  if (e > 0 && t[e - 1] == '.') --e;
  std::size_t start = e;
  const char32_t last = prev_code_point(t, e, &start);
  return is_upper(last) && start >= 2 && t[start - 1] == ' ' && is_letter(prev_code_point(t, start - 1));
}

// A word of at least n letters in t
bool has_word_of_letters(std::string_view t, std::size_t n) {
  std::size_t run = 0;
  for (std::size_t p = 0; p < t.size();) {
    const char32_t c = code_point_at(t, p, &p);
    if (is_letter(c) || ((c == U'’' || c == '\'') && run > 0)) {  // "Il’in"
      if (++run >= n) return true;
    } else {
      run = 0;
    }
  }
  return false;
}

// "DF", "JE", "MV": two or three capitals and nothing else (Vancouver initials)
bool capital_run(std::string_view w) {
  std::size_t n = 0;
  for (std::size_t p = 0; p < w.size(); ++n)
    if (!is_upper(code_point_at(w, p, &p))) return false;
  return n >= 2 && n <= 3;
}

// The title begins right after the first author's family name and a comma or colon, and that author has
// no given names: the given names went into the title.
bool given_in_title(const reference& r, std::string_view t, std::string_view text) {
  const auto it = r.names.find("author");
  if (it == r.names.end() || it->second.empty()) return false;
  const auto& first = it->second.front();
  if (first.family.empty() || !first.given.empty() || !first.literal.empty()) return false;
  std::size_t at = text.find(first.family);
  if (at == std::string_view::npos || at > 4) return false;
  at += first.family.size();
  if (at >= text.size() || (text[at] != ',' && text[at] != ':')) return false;
  ++at;
  while (at < text.size() && text[at] == ' ') ++at;
  return text.substr(at, std::min<std::size_t>(t.size(), 12)) == t.substr(0, std::min<std::size_t>(t.size(), 12));
}

// "Husserl, Edmund.", "Ackoff, Russell L.": the text starts with a family name, a comma and a capitalised
// given name
bool starts_with_inverted_name(std::string_view text) {
  std::size_t p = 0, letters = 0;
  if (!is_upper(code_point_at(text, 0))) return false;
  while (p < text.size()) {
    std::size_t n = p;
    const char32_t c = code_point_at(text, p, &n);
    if (!is_letter(c) && c != '-' && c != U'’' && c != '\'') break;
    p = n;
    ++letters;
  }
  if (letters < 2 || p + 2 >= text.size() || text[p] != ',' || text[p + 1] != ' ') return false;
  p += 2;
  std::size_t q = p, given = 0;
  if (!is_upper(code_point_at(text, q))) return false;
  while (q < text.size()) {
    std::size_t n = q;
    if (!is_letter(code_point_at(text, q, &n))) break;
    q = n;
    ++given;
  }
  return given >= 3 && q < text.size() && (text[q] == '.' || text[q] == ' ' || text[q] == ',');
}

double plausibility(const citation& c, std::string_view text) {
  const reference& r = c.item;
  double p = 0;
  const std::string_view t = r.get("title");
  const std::string_view type = r.type;
  if (t.empty()) {
    // an interview or an act may have no title, nor an article cited by its journal, volume and page
    // ("Ascasibar Y., Markevitch M., 2006, ApJ, 650, 102", as astronomy and physics cite)
    const bool journal_volume_page = r.has("container-title") && r.has("volume") && r.has("page");
    if (type != "interview" && type != "legislation" && type != "legal_case" && type != "treaty" && !journal_volume_page)
      p -= 2;
  } else {
    if (has_year(t) && !r.dates.count("issued")) --p;
    if (year_between_stops(t)) --p;
    if (has_range(t) && !r.has("page")) --p;
    if (code_points_in(t) > 200) --p;
    const char32_t first = code_point_at(t, 0);
    if (!(is_letter(first) || (first >= '0' && first <= '9') || is_opening_quote(first) || first == '(' ||
          first == U'¿' || first == U'¡'))
      --p;
    if (has_word(t, "In") || has_word(t, "in")) --p;
    if (has_word(t, "et al") || t.find("et al.") != std::string_view::npos) --p;
    if (has_page_number(t)) --p;
    if (initial_at_edge(t)) --p;
    // "1996", "(AECOM)": no word of three letters
    if (!has_word_of_letters(t, 3)) --p;
    // "Reiser, Helmut: Positionspapier …" read as author "Reiser" and title "Helmut: Positionspapier …": the
    // title starts where the first author's given names should
    if (given_in_title(r, t, text)) --p;
    // "Oxford: Oxford University Press" read as the title: a place and a publisher
    if (const auto colon = t.find(": "); colon != std::string_view::npos) {
      for (const auto& w : words_of(t.substr(colon + 2)))
        if (in_list(strip_word_punct(w), lex().publisher_word)) {
          --p;
          break;
        }
    }
  }
  // a short form's type comes with its antecedent, in resolution
  if (type == "document" && !r.has("archive") && !c.short_form) --p;
  for (const std::string_view f : {"publisher", "container-title", "publisher-place"}) {
    const std::string_view v = r.get(f);
    if (v.empty()) continue;
    if (has_range(v) || ends_with_page_label(v)) --p;
    // "accessed", "URL:": the label of another field taken for a name
    for (const auto* list : {&lex().accessed, &lex().url_label})
      for (const auto& w : *list)
        if (v.substr(0, w.form.size()) == w.form) --p;
    if (f == "publisher") {
      if (starts_with_word(v, "In") || starts_with_word(v, "in")) --p;
      if (v.find(": ") != std::string_view::npos || code_points_in(v) <= 2 || v.front() == ';') --p;
    }
    // "In" taken for a place
    if (f == "publisher-place" && (v == "In" || v == "in")) --p;
    // "Am" from "Am. J. Ophthalmol.": a container cut at its first abbreviation
    if (f == "container-title" && code_points_in(v) <= 2) --p;
  }
  for (const std::string_view role : {"author", "editor"}) {
    const auto it = r.names.find(role);
    if (it == r.names.end()) continue;
    // the same person twice in one list: a list read twice over
    for (std::size_t i = 0; i < it->second.size(); ++i)
      for (std::size_t j = i + 1; j < it->second.size(); ++j)
        if (!it->second[i].family.empty() && it->second[i].family == it->second[j].family &&
            it->second[i].given == it->second[j].given) {
          --p;
          i = j = it->second.size();
        }
    for (const auto& n : it->second) {
      if (n.literal.find_first_of("0123456789,:;") != std::string::npos) --p;
      const std::string_view fam = n.family;
      std::size_t after = 0;
      const char32_t c0 = code_point_at(fam, 0, &after);
      const bool initial = is_upper(c0) && (after == fam.size() || (after + 1 == fam.size() && fam[after] == '.'));
      if (initial || fam.find("et al") != std::string_view::npos || (!fam.empty() && fam.back() == '.')) --p;
      // "Koepke DF" read as given "Koepke", family "DF": Vancouver initials taken for the family name
      if (capital_run(fam) && code_points_in(n.given) > 3 && !capital_run(n.given)) --p;
    }
  }
  // "Husserl, Edmund. Husserliana 21. …" with no person read: the inverted name the text starts with
  if (!r.names.count("author") && !r.names.count("editor") && starts_with_inverted_name(text)) --p;
  if (!r.dates.count("issued") && !r.dates.count("accessed") && has_year(text)) --p;
  // "… in England, 1640-1705. Edinburgh: …, 2012." read as issued 1640–1705; "pp. 1063–1079, 1970" as
  // 1063–1079: a range of years while the text has a year of its own elsewhere, or a year no work has
  if (const auto d = r.dates.find("issued"); d != r.dates.end() && !d->second.parts.empty()) {
    const auto& parts = d->second.parts;
    const int y0 = parts.front().year;
    if (y0 != 0 && (y0 < 1450 || y0 > 2039)) --p;
    if (d->second.is_range() && parts[0].month == 0 && parts[1].month == 0) {
      bool other = false;
      for_each_year(text, [&](std::size_t b, std::size_t e) {
        const int y = std::stoi(std::string(text.substr(b, e - b)));
        if (y != parts[0].year && y != parts[1].year) other = true;
      });
      if (other) --p;
    }
  }
  return p;
}

// How many fields a reading fills
double fullness(const citation& c) {
  std::size_t n = 0;
  for (const auto& [k, v] : c.item.fields)
    if (!v.empty() && k != "language") ++n;
  for (const auto& [k, v] : c.item.names) n += !v.empty();
  return static_cast<double>(n + c.item.dates.size());
}

// What each filled field adds to a reading's plausibility
double fullness_weight(const citation& rules, std::string_view text) {
  return text::has_cyrillic(text) || rules.short_form ? 0.0 : 0.25;
}

// Words of [b, e) of the note that no field of the reading covers: a field cut short ("Biomed" of "Biomed.
// Eng. OnLine", "In Proc" of "In Proc. Intern. Conference …") leaves the rest unread. Words of two letters
// or fewer and label words ("vol", "pp", "ed") do not count.
std::size_t unread_words(const citation& c, std::string_view s, std::size_t b, std::size_t e) {
  std::size_t count = 0;
  std::size_t p = b;
  while (p < e) {
    std::size_t q = p, letters = 0;
    while (q < e) {
      std::size_t n = q;
      const char32_t cp = code_point_at(s, q, &n);
      if (!is_letter(cp)) break;
      ++letters;
      q = n;
    }
    if (q == p) {
      std::size_t n = p;
      code_point_at(s, p, &n);
      p = std::max(n, p + 1);
      continue;
    }
    if (letters >= 3) {
      bool covered = false;
      for (const auto& src : c.sources) covered = covered || (src.where.begin <= p && q <= src.where.end);
      if (!covered) {
        // the label words, lower-cased once
        static const std::unordered_set<std::string> labels = [] {
          std::unordered_set<std::string> out;
          for (const auto* list : {&lex().volume, &lex().issue, &lex().page, &lex().editor, &lex().translator,
                                   &lex().and_, &lex().accessed, &lex().url_label, &lex().etal})
            for (const auto& l : *list) out.insert(text::to_lower(strip_word_punct(l.form)));
          return out;
        }();
        if (!labels.count(text::to_lower(std::string(s.substr(p, q - p))))) ++count;
      }
    }
    p = q;
  }
  return count;
}

// The hybrid reader's choice between the rules' reading and the labeller's of one citation, [b, e) of the note
bool labeller_wins(const citation& rules, const citation& model, std::string_view s, std::size_t b, std::size_t e,
                   bool list) {
  const std::string_view text = s.substr(b, e - b);
  // a fuller reading counts in Latin script only: in Cyrillic the labeller, with little GOST to learn
  // from, fills fields the rules rightly leave empty
  // nor in a short form, which names only part of a work
  const double weight = fullness_weight(rules, text);
  // in a reference list the entry is all citation: the reading that leaves more of it unread is the worse
  // (in notes, words around a citation are often rightly left to the commentary)
  double unread = 0;
  if (list) {
    const std::size_t ur = unread_words(rules, s, b, e), um = unread_words(model, s, b, e);
    unread = ur > um ? 1.0 : um > ur ? -1.0 : 0.0;
  }
  return plausibility(model, text) + unread + weight * fullness(model) > plausibility(rules, text) + weight * fullness(rules);
}

// Where the citation starts inside the unit: after the words the rules gave to the commentary
// ("For a different view, see …"), which the labeller would otherwise read as fields.
std::size_t citation_start(const unit_result& r, std::size_t b) {
  if (r.commentary.empty() || r.cit.sources.empty()) return b;
  std::size_t first = r.cit.sources.front().where.begin;
  for (const auto& src : r.cit.sources) first = std::min(first, src.where.begin);
  return std::max(first, b);
}

// The labeller's reading of [b, e) of the note, its spans in the note's offsets
citation label_span(std::string_view s, std::size_t b, std::size_t e) {
  citation m = seq::parse_reference(s.substr(b, e - b));
  for (auto& src : m.sources) {
    src.where.begin += b;
    src.where.end += b;
  }
  return m;
}

// What the rules read that the labeller has no label for: the page a citation cites after its fields
// ("Lo, Axis of Convenience, 60."), which the labeller calls pages; in an article or chapter the
// labeller's container says the range is the part's pages ("Journal 12, 297–324.")
void carry_locator(citation& m, const std::string& locator) {
  m.locator = locator;
  if (!m.locator.empty() && m.item.get("page") == m.locator) {
    if (m.item.has("container-title")) m.locator.clear();
    else m.item.set("page", "");
  }
}

// A unit the rules took for commentary that the labeller reads as a whole work: a title, a year and
// one of an author, a container or a publisher, with no mark of an implausible reading. Reference
// lists hold such entries in forms the rules do not know ("1-Abdul Rahman YS, … Prehosp Disaster Med
// 2010; 25(1): 59–62.", "La France féodale, le Grand livre du mois, Paris, 1995."); a sentence of
// commentary rarely has all of them. In a reference list every entry is a work: any reading with a
// title, a container or a person beats none.
unit_result rescue(std::string_view s, std::size_t b, std::size_t e, const options& opts, unit_result r) {
  if (!seq::default_model() || r.cit.ibid) return r;
  const std::string_view text = s.substr(b, e - b);
  const bool entry = opts.reference_list;
  if (!entry && (!has_year(text) || text::has_cyrillic(text))) return r;
  citation m = label_span(s, b, e);
  const auto& it = m.item;
  const bool person = it.names.count("author") || it.names.count("editor");
  if (entry ? !(it.has("title") || it.has("container-title") || person)
            : (!it.has("title") || !it.dates.count("issued") ||
               !(person || it.has("container-title") || it.has("publisher"))))
    return r;
  m.where = {b, e};
  normalise_reading(s, b, e, m, opts);
  if (!entry && plausibility(m, text) < 0) return r;
  r.cit = std::move(m);
  r.is_citation = true;
  r.commentary.clear();
  return r;
}

}  // namespace

unit_result read_unit(std::string_view s, std::size_t b, std::size_t e, const options& opts,
                      std::vector<diagnostic>& diagnostics) {
  unit_result r = parse_unit(s, b, e, opts, diagnostics);
  if (opts.reader == field_reader::rules) return r;
  if (!r.is_citation) return rescue(s, b, e, opts, std::move(r));
  // in a reference list every entry is one work: words the rules gave to commentary ("W. H. Enright.
  // Improving … ACM Trans. Math. Softw.," before "4(2), 127-136, June 1978.", "Peter Puschner and Anton
  // Schedl. A tool … In Proc. …," before "1993.") are read with it when the labeller's reading of the
  // whole entry is about as plausible (Latin script: the labeller learnt little GOST)
  if (opts.reference_list && !r.commentary.empty() && !r.cit.ibid && !r.cit.item.has("archive") &&
      !text::has_cyrillic(s.substr(b, e - b)) && seq::default_model()) {
    const std::string_view whole = s.substr(b, e - b);
    citation w = label_span(s, b, e);
    carry_locator(w, r.cit.locator);
    w.where = {b, e};
    normalise_reading(s, b, e, w, opts);
    // words an entry leaves unread count against the rules' reading; the labeller alone reads every entry
    if (w.item.has("title") && (opts.reader == field_reader::model ||
                                plausibility(w, whole) >= plausibility(r.cit, whole) - 1)) {
      r.cit = std::move(w);
      r.commentary.clear();
      return r;
    }
  }
  const std::size_t cb = citation_start(r, b);
  const std::string_view text = s.substr(cb, e - cb);
  // the rules read Ibid. and archival files by their own forms
  if (opts.reader == field_reader::hybrid && (r.cit.ibid || r.cit.item.has("archive"))) return r;
  // where fullness does not count (Cyrillic, short forms) a reading without a mark cannot be beaten:
  // labelling it would only cost time (the labeller takes about twice the rules' time per citation)
  if (opts.reader == field_reader::hybrid && fullness_weight(r.cit, text) == 0.0 && plausibility(r.cit, text) >= 0)
    return r;
  if (!seq::default_model()) return r;
  citation m = label_span(s, cb, e);
  const bool has_content = m.item.has("title") || m.item.has("URL") || m.item.has("DOI") || !m.item.names.empty();
  if (!has_content) return r;
  carry_locator(m, r.cit.locator);
  m.where = r.cit.where;
  m.short_form = r.cit.short_form;  // resolution still matches it to an earlier full citation
  normalise_reading(s, cb, e, m, opts);
  if (opts.reader == field_reader::hybrid && !labeller_wins(r.cit, m, s, cb, e, opts.reference_list)) return r;
  r.cit = std::move(m);
  return r;
}

}  // namespace bicite::parse::detail
