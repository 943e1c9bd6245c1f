// From a reference string to labelled spans (the trained model) and from labelled spans to CSL
// fields. The field clean-up follows AnyStyle's label meanings as ../shared/tools/anystyle/convert.py
// reads them: journal and container-title are the container, location is the publisher's place,
// a volume label may hold the issue and the pages ("175(7):4769–76").
#include <algorithm>
#include <cctype>

#include <bicite/dates.hpp>
#include <bicite/names.hpp>
#include <bicite/text.hpp>
#include <bicite/venues.hpp>

#include "parse/internal.hpp"
#include "parse/seq/seq.hpp"

namespace bicite::parse::seq {

std::vector<labelled_span> label_reference(std::string_view text, const model* m) {
  if (!m) m = default_model();
  std::vector<labelled_span> out;
  if (!m || m->labels.empty()) return out;
  const auto toks = tokenize(text);
  if (toks.empty()) return out;
  thread_local token_features f;
  thread_local std::vector<float> emis;
  thread_local std::vector<int> path;
  extract_features(text, toks, f);
  m->emissions(f, emis);
  path.assign(toks.size(), 0);
  viterbi(emis.data(), toks.size(), m->size(), m->start.data(), m->trans.data(), path.data());
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const auto& label = m->labels[static_cast<std::size_t>(path[i])];
    if (!out.empty() && out.back().label == label) out.back().end = toks[i].end;
    else out.push_back({label, toks[i].begin, toks[i].end});
  }
  return out;
}

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_ws(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

bool starts_with_ci(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != static_cast<unsigned char>(p[i])) return false;
  return true;
}

// GOST's separators at either end of a span: dashes ("— 2-е изд. —"), slashes ("Title /", "Title //")
// and the spaces around them.
std::string strip_seps(std::string_view s) {
  std::string v = collapse_spaces(s);
  for (bool changed = true; changed && !v.empty();) {
    changed = false;
    std::size_t p = 0;
    const char32_t c = text::next_code_point(v, p);
    if (c == ' ' || c == '/' || (text::is_dash(c) && (p == v.size() || v[p] == ' '))) {
      v.erase(0, p);
      changed = true;
    }
    if (v.empty()) break;
    std::size_t start = 0;
    const char32_t d = parse::detail::prev_code_point(v, v.size(), &start);
    if (d == ' ' || d == '/' || (text::is_dash(d) && (start == 0 || v[start - 1] == ' '))) {
      v.erase(start);
      changed = true;
    }
  }
  return v;
}

// Trims the citation's own punctuation: leading space ( [ and trailing space . , ; : ) ], and GOST's
// separators (strip_seps) at either end.
std::string strip_punct(std::string_view s) {
  std::string v = strip_seps(s);
  for (;;) {
    std::size_t b = 0, e = v.size();
    while (b < e && (v[b] == ' ' || v[b] == '(' || v[b] == '[')) ++b;
    while (e > b && std::string_view(" .,;:)]").find(v[e - 1]) != std::string_view::npos) --e;
    std::string w = strip_seps(std::string_view(v).substr(b, e - b));
    if (w == v) return w;
    v = std::move(w);
  }
}

// Removes balanced-looking quotes around a title. A closing mark that pairs with an opening one inside
// the title stays («Пекин не торопится с «Силой Сибири — 2»»), and a final apostrophe is a letter's
// (the soft sign of a romanised title: "real'nost'", "Kazan'") unless a single quote opened the title.
std::string strip_quotes(std::string v) {
  auto is_single = [](char32_t c) { return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201B; };
  bool single_open = false;
  for (;;) {
    if (v.empty()) break;
    std::size_t p = 0;
    const char32_t c = text::next_code_point(v, p);
    if (!(text::is_quote(c) || is_single(c))) break;
    single_open = single_open || is_single(c);
    v.erase(0, p);
  }
  auto count = [&](char32_t a, std::size_t upto) {
    std::size_t n = 0;
    for (std::size_t p = 0; p < upto;) n += text::next_code_point(v, p) == a;
    return n;
  };
  for (;;) {
    while (!v.empty() && std::string_view(" .,;:").find(v.back()) != std::string_view::npos) v.pop_back();
    if (v.empty()) break;
    std::size_t start = 0;
    const char32_t c = parse::detail::prev_code_point(v, v.size(), &start);
    bool drop = false;
    if (is_single(c)) {
      drop = single_open;
      single_open = false;
    } else if (c == 0xBB) {  // »: kept when an inner « is still open
      drop = count(0xAB, start) <= count(0xBB, start);
    } else if (c == 0x201D) {  // ”
      drop = count(0x201C, start) + count(0x201E, start) <= count(0x201D, start);
    } else if (c == '"') {
      drop = count('"', start) % 2 == 0;
    } else if (text::is_quote(c)) {
      drop = true;
    }
    if (!drop) break;
    v.erase(start);
  }
  while (!v.empty() && v.back() == ' ') v.pop_back();
  while (!v.empty() && v.front() == ' ') v.erase(0, 1);
  return v;
}

std::string container(std::string_view s) {
  std::string v = strip_punct(s);
  for (;;) {
    if (starts_with_ci(v, "in: ")) v.erase(0, 4);
    else if (starts_with_ci(v, "in ") && v.size() > 3 && !std::islower(static_cast<unsigned char>(v[3]))) v.erase(0, 3);
    else break;
  }
  return strip_punct(v);
}

std::string page_clean(std::string_view s) {
  std::string v = strip_seps(s);
  while (!v.empty() && (v.front() == '(' || v.front() == '[')) v.erase(0, 1);
  for (std::string_view p : {"pages ", "page ", "pp. ", "pp.", "pp ", "p. ", "p.", "s. ", "s.", "с. ", "с.", "С. ", "С.",
                             "сс. ", "стр. ", "Стр. ", "стб. "})
    if (starts_with_ci(v, p) || v.starts_with(p)) {
      v.erase(0, p.size());
      break;
    }
  // any dash (with spaces around) becomes '-'
  std::string out;
  std::size_t pos = 0;
  while (pos < v.size()) {
    const std::size_t b = pos;
    const char32_t c = text::next_code_point(v, pos);
    if (text::is_dash(c)) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += '-';
      while (pos < v.size() && v[pos] == ' ') ++pos;
    } else {
      out.append(v, b, pos - b);
    }
  }
  return strip_punct(out);
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_extent(std::string_view s) {
  // "546 pp.", "8 p.", "(12 pages)", "— 345 с."
  std::string v = strip_seps(s);
  while (!v.empty() && std::string_view("().,").find(v.back()) != std::string_view::npos) v.pop_back();
  while (!v.empty() && v.front() == '(') v.erase(0, 1);
  std::size_t i = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  if (i == 0) return false;
  std::string rest = v.substr(i);
  while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
  return rest == "pp" || rest == "p" || rest == "pages" || rest == "P" || rest == "S" || rest == "с" || rest == "С" ||
         rest == "стр" || rest == "л" || rest == "с. : ил" || rest == "с.: ил";
}

// A volume number at the front of v: digits, a Roman numeral, or a letter and digits ("A12").
std::size_t volnum_len(std::string_view v) {
  std::size_t i = 0;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  if (i) return i;
  while (i < v.size() && std::string_view("IVXLCDMivxlcdm").find(v[i]) != std::string_view::npos) ++i;
  if (i && (i == v.size() || !std::isalpha(static_cast<unsigned char>(v[i])))) return i;
  if (!v.empty() && std::isupper(static_cast<unsigned char>(v[0]))) {
    i = 1;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    if (i > 1) return i;
  }
  return 0;
}

std::string_view skip_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  return s;
}

// "no. ", "nos. ", "n° ", "issue ", "iss. ", "n. ", "№": the length of an issue cue at the front, or 0.
std::size_t issue_cue(std::string_view s) {
  for (std::string_view p : {"issue", "iss", "nos", "no", "nr", "n°", "nº", "№", "n", "вып", "Вып"}) {
    if (!starts_with_ci(s, p) && !s.starts_with(p)) continue;
    std::size_t k = p.size();
    if (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) continue;
    if (k < s.size() && s[k] == '.') ++k;
    while (k < s.size() && s[k] == ' ') ++k;
    if (k < s.size() && (std::isdigit(static_cast<unsigned char>(s[k])) || p.size() > 1 || s[p.size()] == '.'))
      return k;
  }
  return 0;
}

std::string issue_clean(std::string_view x) {
  std::string v = strip_seps(x);
  if (const auto k = issue_cue(v)) v.erase(0, k);
  return strip_punct(v);
}

struct volume_parts {
  std::string volume, issue, page;
  int year = 0;
};

volume_parts parse_volume(std::string_view raw, bool have_pages) {
  volume_parts out;
  std::string v = strip_seps(raw);
  // Vancouver "2009;108(2):"
  {
    std::string_view t = v;
    if (!t.empty() && t.front() == ';') t = skip_spaces(t.substr(1));
    if (t.size() > 5 && all_digits(t.substr(0, 4)) && (t[0] == '1' || t[0] == '2')) {
      std::string_view r = skip_spaces(t.substr(4));
      if (!r.empty() && r.front() == ';') {
        out.year = std::stoi(std::string(t.substr(0, 4)));
        v = std::string(skip_spaces(r.substr(1)));
      }
    }
  }
  while (!v.empty() && (v.front() == ';' || v.front() == '(' || v.front() == ' ')) {
    if (v.front() == '(' && v.find(')') != std::string::npos && v.find(')') + 1 < v.size()) {
      // "(39)1:": volume in brackets, then the issue
      const auto close = v.find(')');
      const std::string inner = v.substr(1, close - 1);
      std::string rest = strip_punct(v.substr(close + 1));
      if (all_digits(inner) && all_digits(rest)) {
        out.volume = inner;
        out.issue = rest;
        return out;
      }
    }
    v.erase(0, 1);
  }
  for (std::string_view p : {"volume", "vols", "vol", "v", "том", "т", "Том", "Т"}) {
    if (!starts_with_ci(v, p) && !v.starts_with(p)) continue;
    std::size_t k = p.size();
    if (k < v.size() && (v[k] == '.' || v[k] == ' ' || v[k] == ',')) {
      ++k;
      while (k < v.size() && v[k] == ' ') ++k;
      if (k < v.size()) {
        v.erase(0, k);
        break;
      }
    }
  }
  while (!v.empty() && std::string_view(" .,;:").find(v.back()) != std::string_view::npos) v.pop_back();
  if (v.empty()) return out;
  if (const auto k = issue_cue(v)) {  // "No. 3": issue only
    out.issue = issue_clean(v);
    (void)k;
    return out;
  }
  const std::size_t n = volnum_len(v);
  if (n == 0) {
    out.volume = strip_punct(v);
    return out;
  }
  const std::string num = v.substr(0, n);
  std::string_view rest = skip_spaces(std::string_view(v).substr(n));
  if (rest.empty()) {
    out.volume = num;
    return out;
  }
  if (rest.front() == '(') {  // 12(3), 175(7):4769-76
    const auto close = rest.find(')');
    if (close != std::string_view::npos) {
      out.volume = num;
      out.issue = issue_clean(rest.substr(1, close - 1));
      std::string_view pg = skip_spaces(rest.substr(close + 1));
      while (!pg.empty() && (pg.front() == ':' || pg.front() == ',' || pg.front() == '.' || pg.front() == ' '))
        pg.remove_prefix(1);
      if (!pg.empty()) out.page = page_clean(pg);
      return out;
    }
  }
  {
    std::string_view r = rest;
    if (!r.empty() && (r.front() == ',' || r.front() == ';')) r = skip_spaces(r.substr(1));
    if (const auto k = issue_cue(r)) {  // "12, no. 3"
      out.volume = num;
      std::string_view is = r.substr(k);
      std::size_t e = 0;
      while (e < is.size() && is[e] != ' ' && is[e] != ',' && is[e] != ':' && is[e] != '(') ++e;
      out.issue = strip_punct(is.substr(0, e));
      return out;
    }
  }
  if (rest.front() == ':') {  // "43:17" volume:issue or volume:page; "5:98-108"
    std::string after = strip_punct(rest.substr(1));
    out.volume = num;
    if (all_digits(after) && have_pages) out.issue = after;
    else out.page = page_clean(after);
    return out;
  }
  if ((rest.front() == '.' || rest.front() == '/') && all_digits(num) && rest.size() > 1) {  // "37.2", "4/5"
    out.volume = num;
    out.issue = strip_punct(rest.substr(1));
    return out;
  }
  if (rest.front() == ',') {  // "95, (2)"
    std::string after = strip_punct(rest.substr(1));
    if (!after.empty() && after.front() == '(') after.erase(0, 1);
    if (all_digits(after)) {
      out.volume = num;
      out.issue = after;
      return out;
    }
  }
  {
    std::size_t p = 0;
    const char32_t c = text::next_code_point(rest, p);
    if (text::is_dash(c)) {
      const std::string after = strip_punct(rest.substr(p));
      if (all_digits(after) && all_digits(num)) {
        if (std::stol(num) > 999 && !have_pages) out.page = num + "-" + after;
        else out.volume = num + "-" + after;
        return out;
      }
    }
  }
  out.volume = strip_punct(v);
  return out;
}

std::string doi_of(std::string_view s) {
  std::string v;
  for (char c : s)
    if (!is_ws(c)) v += c;
  const auto k = v.find("10.");
  if (k == std::string::npos) return {};
  std::size_t e = k + 3;
  std::size_t digits = 0;
  while (e < v.size() && std::isdigit(static_cast<unsigned char>(v[e]))) {
    ++e;
    ++digits;
  }
  if (digits < 4 || e >= v.size() || v[e] != '/') return {};
  std::string d = v.substr(k);
  while (!d.empty() && std::string_view(".,;)]>").find(d.back()) != std::string_view::npos) d.pop_back();
  return d;
}

// Role words at either end of a name list that the list reader does not know.
std::string strip_roles(std::string_view s) {
  std::string v = strip_seps(s);
  for (bool changed = true; changed;) {
    changed = false;
    if (v.size() >= 2 && v.front() == '(' && v.back() == ')' && v.find('(', 1) == std::string::npos) {
      v = v.substr(1, v.size() - 2);  // "(I. Mueller, Ed.)"
      changed = true;
    }
    for (std::string_view p : {"in: ", "in ", "edited by ", "ed. by ", "eds. by ", "translated by ", "trans. by ",
                               "transl. by ", "trans. ", "tr. ", "by ", "with ", "and ", "ed. ", "eds. ", "hrsg. v. ",
                               "hrsg. ", "hg. v. ", "hg. ", "dir. ", "éd. ", "под общ. ред. ", "под ред. ", "гл. ред. ",
                               "отв. ред. ", "науч. ред. ", "сост. ", "пер. с англ. ", "пер. с нем. ", "пер. с фр. ",
                               "пер. "}) {
      if (starts_with_ci(v, p) && v.size() > p.size()) {
        v.erase(0, p.size());
        changed = true;
      }
    }
    while (!v.empty() && std::string_view(" .,;:&").find(v.back()) != std::string_view::npos) {
      // keep the period of a final initial ("Smith, J.", "Андреев В.Д.", "de kepper a.-g.")
      if (v.back() == '.') {
        std::size_t b = 0;
        const char32_t c = parse::detail::prev_code_point(v, v.size() - 1, &b);
        if (parse::detail::is_letter(c) && !parse::detail::is_letter(parse::detail::prev_code_point(v, b))) break;
      }
      v.pop_back();
      changed = true;
    }
    for (std::string_view p : {"(eds)", "(ed)", "(eds.)", "(ed.)", "(hrsg.)", "(hg.)", "(trans.)", "(transl.)",
                               "(editors)", "(editor)", "(ред.)", "(сост.)", "(dir.)", "(dir)", "(éd.)", "(éds.)",
                               "(coord.)", " eds", " ed", " eds.", " ed.", " editors", " editor", " trans",
                               " trans.", " transl.", " (hgg.)"}) {
      if (v.size() > p.size()) {
        const std::string tail = text::ascii_lower(std::string_view(v).substr(v.size() - p.size()));
        if (tail == p) {
          v.erase(v.size() - p.size());
          changed = true;
        }
      }
    }
  }
  return v;
}

bool is_initials(std::string_view w) {
  // "J.", "J", "J.-P.", "J.R.R.", "Ch.", "MS" is not (Vancouver initials are handled apart)
  if (w.empty()) return false;
  std::size_t i = 0, letters = 0;
  while (i < w.size()) {
    std::size_t p = i;
    const char32_t c = text::next_code_point(w, p);
    // a lower-case initial only with its period: records written all in lower case ("legriel j.")
    const bool lower_initial = parse::detail::is_lower(c) && p < w.size() && w[p] == '.';
    if (parse::detail::is_upper(c) || lower_initial) {
      ++letters;
      i = p;
      // "Ch." "Th.": one lower-case letter after a capital, then a period
      if (i < w.size()) {
        std::size_t q = i;
        const char32_t d = text::next_code_point(w, q);
        if (parse::detail::is_lower(d) && q < w.size() && w[q] == '.') i = q;
      }
      if (i < w.size() && w[i] == '.') ++i;
      else if (i < w.size() && w[i] != '-') return false;
      if (i < w.size() && w[i] == '-') ++i;
      continue;
    }
    return false;
  }
  return letters > 0 && letters <= 4;
}

bool all_initials(std::string_view piece) {
  bool any = false;
  std::size_t b = 0;
  while (b < piece.size()) {
    while (b < piece.size() && piece[b] == ' ') ++b;
    std::size_t e = piece.find(' ', b);
    if (e == std::string_view::npos) e = piece.size();
    if (e > b) {
      if (!is_initials(piece.substr(b, e - b))) return false;
      any = true;
    }
    b = e;
  }
  return any;
}

std::string trim_copy(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == ',')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == ',')) --e;
  return std::string(s.substr(b, e - b));
}

// One person as written: Vancouver "Slyker JA" (family, then 1–3 capitals) is read here; the rest
// goes to names::parse_name.
name one_person(std::string_view written) {
  std::string buf(written);
  // "Kefi (N.)", "Husson (J.-P.)": initials in brackets after the family name
  if (const auto open = buf.find(" ("); open != std::string::npos && buf.back() == ')' &&
      all_initials(std::string_view(buf).substr(open + 2, buf.size() - open - 3)))
    buf = buf.substr(0, open) + ", " + buf.substr(open + 2, buf.size() - open - 3);
  const std::string_view p = buf;
  // "Feretti L.", "KINDBERG JACOBSEN J.": family name(s), then initials
  if (const auto sp = p.rfind(' '); sp != std::string_view::npos && p.find(',') == std::string_view::npos) {
    const std::string_view last = p.substr(sp + 1), first = p.substr(0, sp);
    if (last.find('.') != std::string_view::npos && is_initials(last) && !all_initials(first) &&
        first.find('.') == std::string_view::npos) {
      name n;
      n.family = std::string(first);
      n.given = std::string(last);
      return n;
    }
  }
  const auto sp = p.rfind(' ');
  if (sp != std::string_view::npos) {
    const std::string_view last = p.substr(sp + 1);
    std::string_view first = p.substr(0, sp);
    bool caps = !last.empty() && last.size() <= 3;
    for (char c : last) caps = caps && c >= 'A' && c <= 'Z';
    bool first_ok = !first.empty();
    for (char c : first) first_ok = first_ok && c != '.';
    bool first_lower = false;
    for (char c : first) first_lower = first_lower || (c >= 'a' && c <= 'z');
    if (caps && first_ok && (first_lower || static_cast<unsigned char>(first[0]) >= 0x80)) {
      name n;
      n.family = std::string(first);
      n.given = std::string(last);
      return n;
    }
  }
  return names::parse_name(p);
}

// A list of names as AnyStyle labels it ("Romero, C., Paunesku, D., & Dweck, C.", "Ko MS, Yang SJ",
// "Lee, L. L., W. E. Howard, and R. E. Marsh") split into persons.
std::vector<name> split_names(std::string_view raw) {
  std::string s = strip_roles(raw);
  // "Roelandt, J. -L.": a hyphenated initial written with a space before its second part
  for (std::size_t k = s.find(". -"); k != std::string::npos; k = s.find(". -", k + 1))
    if (k + 3 < s.size() && s[k + 3] >= 'A' && s[k + 3] <= 'Z') s.erase(k + 1, 1);
  // "et al." and its kin at the end
  for (std::string_view tail : {"[et al.]", " [et al", "et al.", "et al", "and others", "[и др.]", " [и др", "и др.", " и др",
                                "et. al.", " u. a.", " u.a."}) {
    const auto k = s.find(tail);
    if (k != std::string::npos && k > 0) s.erase(k);
  }
  s = strip_roles(s);
  // strong separators: ';', ' and ', ' & ', ' und ', ' et ', ' и '
  std::vector<std::string> groups;
  std::string cur;
  for (std::size_t i = 0; i < s.size();) {
    bool sep = false;
    std::size_t skip = 0;
    if (s[i] == ';') {
      sep = true;
      skip = 1;
    } else {
      for (std::string_view w : {" and ", " & ", " und ", " et ", " и ", " AND "})
        if (s.compare(i, w.size(), w) == 0) {
          sep = true;
          skip = w.size();
          break;
        }
      if (!sep && s.compare(i, 2, "& ") == 0 && i == 0) {
        sep = true;
        skip = 2;
      }
    }
    if (sep) {
      groups.push_back(cur);
      cur.clear();
      i += skip;
      continue;
    }
    cur += s[i++];
  }
  groups.push_back(cur);
  std::vector<name> out;
  for (auto& g : groups) {
    std::vector<std::string> pieces;
    std::size_t b = 0;
    for (;;) {
      const auto c = g.find(',', b);
      auto piece = trim_copy(std::string_view(g).substr(b, c == std::string::npos ? std::string::npos : c - b));
      if (!piece.empty()) pieces.push_back(std::move(piece));
      if (c == std::string::npos) break;
      b = c + 1;
    }
    if (pieces.empty()) continue;
    // "Family, I., Family, I.": family and initials alternate
    bool alternate = pieces.size() >= 2 && pieces.size() % 2 == 0;
    for (std::size_t k = 0; alternate && k < pieces.size(); ++k)
      alternate = (k % 2 == 1) == all_initials(pieces[k]);
    if (alternate) {
      for (std::size_t k = 0; k + 1 < pieces.size(); k += 2) out.push_back(names::parse_name(pieces[k] + ", " + pieces[k + 1]));
      continue;
    }
    std::size_t k = 0;
    // "Smith, John" / "Lee, L. L., W. E. Howard": the first person inverted
    if (pieces.size() >= 2 && pieces[0].find(' ') == std::string::npos && !all_initials(pieces[0]) &&
        (all_initials(pieces[1]) ||
         (pieces[1].find(' ') == std::string::npos &&
          (pieces.size() == 2 || pieces[2].find(' ') != std::string::npos)) ||
         (pieces.size() == 2 && all_initials(pieces[1].substr(pieces[1].rfind(' ') + 1))))) {
      out.push_back(names::parse_name(pieces[0] + ", " + pieces[1]));
      k = 2;
    }
    for (; k < pieces.size(); ++k) {
      // a generational suffix belongs to the previous name ("…, and W. H. Behrens, III.")
      if (!out.empty() && out.back().suffix.empty() && out.back().literal.empty()) {
        std::string_view sfx = pieces[k];
        if (!sfx.empty() && sfx.back() == '.') sfx.remove_suffix(1);
        if (sfx == "Jr" || sfx == "Sr" || sfx == "II" || sfx == "III" || sfx == "IV") {
          out.back().suffix = pieces[k];
          continue;
        }
      }
      // a trailing piece of initials alone belongs to the previous name ("Horn, W." after pairing failed)
      if (all_initials(pieces[k]) && !out.empty() && out.back().given.empty() && out.back().literal.empty()) {
        out.back().given = pieces[k];
        continue;
      }
      out.push_back(one_person(pieces[k]));
    }
  }
  return out;
}

int first_year(std::string_view s) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) continue;
    if (!all_digits(s.substr(i, 4))) continue;
    if (i + 4 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 4]))) continue;
    const int y = std::stoi(std::string(s.substr(i, 4)));
    if (y >= 1500 && y <= 2099) return y;
  }
  return 0;
}

}  // namespace

namespace {

// The text of a span without its closing punctuation, lower-cased (ASCII).
std::string tail_key(std::string_view s) {
  while (!s.empty() && std::string_view(" .,;:").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return text::ascii_lower(s);
}

bool ends_with_editor_mark(std::string_view s) {
  const std::string k = tail_key(s);
  for (std::string_view m : {"(eds)", "(ed)", "(eds.)", "(ed.)", "(hrsg.)", "(hrsg)", "(hg.)", "(hg)", "(dir.)", "(dir)",
                             "(éd.)", "(éds.)", "(coord.)", "(ред.)", " eds"})
    if (k.size() > m.size() && k.compare(k.size() - m.size(), m.size(), m) == 0) return true;
  return false;
}

// The end (byte after it) of the quote closing the one a title opens with, when text follows it; npos
// otherwise. «…» nest; “…” and "…" do not.
std::size_t closing_quote(std::string_view t) {
  std::size_t p = 0;
  const char32_t open = t.empty() ? 0 : text::next_code_point(t, p);
  const char32_t close = open == 0xAB ? 0xBB : open == 0x201C || open == 0x201E ? 0x201D : open == '"' ? '"' : 0;
  if (close == 0) return std::string_view::npos;
  int depth = 1;
  while (p < t.size()) {
    const char32_t c = text::next_code_point(t, p);
    if (c == open && open != '"') ++depth;
    else if (c == close && --depth == 0) return p < t.size() ? p : std::string_view::npos;
  }
  return std::string_view::npos;
}

bool ends_with_colon(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return !s.empty() && s.back() == ':';
}

bool starts_with_in(std::string_view s) { return starts_with_ci(s, "in ") || starts_with_ci(s, "in: "); }

// Label runs the model gets wrong in ways the structure of a reference tells: an APA editors' list
// cut into author and editor ("Gilmore, P., & Sato, Y. (Eds.)." → author "Gilmore, P., & Sato,",
// editor "Y. (Eds.)."); a list of authors marked "(Eds.)"; a chapter's book read as a second title
// after "In … (Eds.),"; a periodical labelled "source" (AnyStyle's label for "The Nation," and the like)
// when it is a known venue and the reading has no container.
std::vector<labelled_span> relabel(std::string_view text, const std::vector<labelled_span>& in) {
  std::vector<labelled_span> out;
  out.reserve(in.size());
  bool container = false;
  for (const auto& s : in) container = container || s.label == "journal" || s.label == "container-title";
  for (std::size_t i = 0; i < in.size(); ++i) {
    labelled_span s = in[i];
    const std::string_view t = text.substr(s.begin, s.end - s.begin);
    if (s.label == "author" && i + 1 < in.size() && in[i + 1].label == "editor") {
      const std::string_view next = text.substr(in[i + 1].begin, in[i + 1].end - in[i + 1].begin);
      // the editor run starts with the initials of the author run's last person ("Sato, | Y. (Eds.).")
      const std::string_view lead = next.substr(0, next.find(' '));
      if (!starts_with_in(next) && ends_with_editor_mark(next) && is_initials(lead)) {
        s.label = "editor";
        s.end = in[i + 1].end;
        ++i;
      }
    } else if (s.label == "author" && ends_with_editor_mark(t)) {
      s.label = "editor";
    } else if (s.label == "title" && !container && i >= 2 && in[i - 1].label == "editor" &&
               starts_with_in(text.substr(in[i - 1].begin, in[i - 1].end - in[i - 1].begin)) &&
               std::any_of(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(i - 1),
                           [](const labelled_span& x) { return x.label == "title"; })) {
      s.label = "container-title";
      container = true;
    } else if (s.label == "title" && !container) {
      // a quoted title the labeller ran on past its closing quote ("“Members,” Shanghai Cooperation
      // Organisation", "…Discourse,” in Russia and the World Order…"): what follows the quote is the container
      if (const std::size_t close = closing_quote(t); close != std::string_view::npos) {
        std::size_t rest = close;
        while (rest < t.size() && (t[rest] == ' ' || t[rest] == ',' || t[rest] == ':')) ++rest;
        bool letters = false;
        for (std::size_t q = rest; q < t.size() && !letters;) letters = parse::detail::is_letter(text::next_code_point(t, q));
        // the quote closes the title only where a comma or "in" marks the field's end ("Members,” Shanghai…",
        // "«…», Коммерсантъ", "…” in Russia and…"); "«Многовекторность» Казахстана…" opens with a quoted word
        std::size_t before = 0;
        parse::detail::prev_code_point(t, close, &before);
        const bool comma = (before > 0 && t[before - 1] == ',') || (close < t.size() && t[close] == ',');
        if (letters && rest > close && (comma || starts_with_in(t.substr(rest))) &&
            t.find(" // ", rest) == std::string_view::npos) {
          out.push_back({"title", s.begin, s.begin + close});
          s = {"container-title", s.begin + rest, s.end};
          container = true;
        }
      }
    } else if (s.label == "collection-title" && !out.empty() &&
               (out.back().label == "container-title" || out.back().label == "journal" || out.back().label == "title") &&
               ends_with_colon(text.substr(out.back().begin, out.back().end - out.back().begin))) {
      // a subtitle after the colon of a title or container ("in Too Soon Too Late: | History in Popular
      // Culture (Bloomington: …)") is part of it, not a series
      out.back().end = s.end;
      continue;
    } else if (s.label == "source" && !container) {
      std::size_t vb = 0, ve = t.size();
      parse::detail::trim_range(t, vb, ve, " .,;:");
      if (const auto m = venues::match_name(t.substr(vb, ve - vb)); m && m.evidence != "fuzzy") {
        s.label = "journal";
        container = true;
      }
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace

citation spans_to_citation(std::string_view text, const std::vector<labelled_span>& labelled) {
  const std::vector<labelled_span> spans = relabel(text, labelled);
  citation cit;
  auto& item = cit.item;
  if (!spans.empty()) cit.where = {spans.front().begin, spans.back().end};
  auto first = [&](std::string_view label) -> const labelled_span* {
    for (const auto& s : spans)
      if (s.label == label) return &s;
    return nullptr;
  };
  auto raw = [&](const labelled_span& s) { return text.substr(s.begin, s.end - s.begin); };
  auto source = [&](std::string_view field, const labelled_span& s) {
    cit.sources.push_back({std::string(field), {s.begin, s.end}, 0.8});
  };
  auto set = [&](std::string_view field, const labelled_span* s, std::string value) {
    if (!s || value.empty()) return;
    item.set(field, std::move(value));
    source(field, *s);
  };
  // names
  auto same_person = [](const name& a, const name& b) {
    if (!a.literal.empty() || !b.literal.empty()) return a.literal == b.literal && a.family == b.family;
    if (text::fold_case(a.family) != text::fold_case(b.family)) return false;
    if (a.given.empty() || b.given.empty()) return true;
    // the same initials ("К. В." and "Константин Владимирович"), so "D. H. Meadows" and "D. L. Meadows" stay two
    const auto initials = [](std::string_view g) {
      std::u32string out;
      bool start = true;
      for (std::size_t p = 0; p < g.size();) {
        const char32_t c = text::next_code_point(g, p);
        const bool letter = parse::detail::is_letter(c);
        if (letter && start) out += c;
        start = !letter;
      }
      return out;
    };
    const auto ia = initials(a.given), ib = initials(b.given);
    const std::size_t k = std::min(ia.size(), ib.size());
    return ia.compare(0, k, ib, 0, k) == 0;
  };
  std::vector<name> authors_after_slash;  // GOST: "Title / И. И. Иванов, П. П. Петров" repeats the authors
  for (std::string_view role : {"author", "editor", "translator"}) {
    std::vector<name> all;
    const labelled_span* where = nullptr;
    for (const auto& s : spans) {
      if (s.label != role) continue;
      auto list = split_names(raw(s));
      std::size_t before = s.begin;  // the span starts with "/" or follows one
      while (before > 0 && is_ws(text[before - 1])) --before;
      const std::string head = collapse_spaces(raw(s));
      const bool slash = (!head.empty() && head.front() == '/') || (before > 0 && text[before - 1] == '/');
      if (role == "editor" && slash && !list.empty() && item.names.count("author") &&
          same_person(item.names["author"].front(), list.front())) {
        authors_after_slash.insert(authors_after_slash.end(), list.begin(), list.end());
        continue;
      }
      if (!where) where = &s;
      for (auto& n : list)
        if (std::none_of(all.begin(), all.end(), [&](const name& o) { return same_person(o, n); }))
          all.push_back(std::move(n));
    }
    if (!all.empty()) {
      item.names[std::string(role)] = std::move(all);
      source(role, *where);
    }
    if (role == "editor")
      for (auto& n : authors_after_slash) {
        auto& au = item.names["author"];
        if (std::none_of(au.begin(), au.end(), [&](const name& o) { return same_person(o, n); })) au.push_back(n);
      }
  }
  if (const auto* s = first("title")) {
    std::string v = collapse_spaces(raw(*s));
    // GOST's medium designation after the title ("[Электронный ресурс]") is not part of it
    for (std::string_view gmd : {"[Электронный ресурс", "[Electronic resource", "[Текст]"})
      if (const auto k = v.find(gmd); k != std::string::npos && k > 0) v.erase(k);
    // GOST's "//" introduces the host document: a title span that runs over it ends there, and what
    // follows it in the span is the container when no container span was labelled
    if (const auto k = v.find(" // "); k != std::string::npos && k > 0) {
      if (!first("journal") && !first("container-title")) {
        std::string host = strip_quotes(container(std::string_view(v).substr(k + 4)));
        if (!host.empty()) set("container-title", s, std::move(host));
      }
      v.erase(k);
    }
    set("title", s, strip_quotes(strip_punct(v)));
  }
  const labelled_span* ct = first("journal");
  if (!ct) ct = first("container-title");
  if (ct) set("container-title", ct, strip_quotes(container(raw(*ct))));
  // volume, issue, pages
  std::vector<const labelled_span*> ranges, extents;
  for (const auto& s : spans)
    if (s.label == "pages") (is_extent(raw(s)) ? extents : ranges).push_back(&s);
  int volume_year = 0;
  std::string page_in_volume;
  const labelled_span* vol_span = nullptr;
  for (const auto& s : spans) {
    if (s.label != "volume") continue;
    auto vp = parse_volume(raw(s), !ranges.empty());
    if (!vp.volume.empty() && !item.has("volume")) set("volume", &s, vp.volume);
    if (!vp.issue.empty() && !item.has("issue")) set("issue", &s, vp.issue);
    if (!vp.page.empty() && page_in_volume.empty()) {
      page_in_volume = vp.page;
      vol_span = &s;
    }
    if (vp.year && !volume_year) volume_year = vp.year;
  }
  if (!ranges.empty()) set("page", ranges.front(), page_clean(raw(*ranges.front())));
  else if (!page_in_volume.empty()) set("page", vol_span, page_in_volume);
  else if (!extents.empty()) {  // "546 pp.": the number of pages
    std::string v;
    for (char ch : raw(*extents.front()))
      if (std::isdigit(static_cast<unsigned char>(ch))) v += ch;
      else if (!v.empty()) break;
    set("number-of-pages", extents.front(), v);
  }
  // date: the year (month and day when the dates reader finds them)
  for (const auto& s : spans) {
    if (s.label != "date") continue;
    const std::string v = strip_punct(raw(s));
    date d;
    if (auto pd = dates::parse_date(v); pd && !pd->date.parts.empty() && pd->date.parts[0].year) d = pd->date;
    else if (v.size() > 6 && all_digits(v.substr(0, 4)) && (v[4] == '.' || v[4] == ',')) {
      // GOST's newspaper date: "2023. 19 мая" → "19 мая 2023"
      const std::string moved = strip_punct(std::string_view(v).substr(5)) + " " + v.substr(0, 4);
      if (auto pm = dates::parse_date(moved); pm && !pm->date.parts.empty() && pm->date.parts[0].year) d = pm->date;
      else d.parts.push_back({std::stoi(v.substr(0, 4)), 0, 0});
    }
    else if (const int y = first_year(v)) d.parts.push_back({y, 0, 0});
    if (!d.parts.empty()) {
      item.dates["issued"] = d;
      source("issued", s);
      break;
    }
  }
  if (!item.dates.count("issued") && volume_year) {
    date d;
    d.parts.push_back({volume_year, 0, 0});
    item.dates["issued"] = d;
  }
  auto unspace = [](std::string v) {  // GOST's " ; " and " : " inside a place or publisher list
    for (std::string_view sep : {" ; ", " : "})
      for (std::size_t k; (k = v.find(sep)) != std::string::npos;) v.replace(k, 3, std::string(sep.substr(1)));
    return v;
  };
  // an abbreviated place keeps its period ("М.", "СПб.", "Washington, D.C."): the word before it has at
  // most three letters and a capital
  auto abbreviated = [](std::string_view written, std::string v) {
    std::size_t k = v.size();
    while (k > 0 && v[k - 1] != ' ' && v[k - 1] != '.') --k;
    std::size_t letters = 0;
    bool capital = false;
    for (std::size_t p = k; p < v.size();) {
      const char32_t c = text::next_code_point(v, p);
      letters += parse::detail::is_letter(c);
      capital = capital || parse::detail::is_upper(c);
    }
    if (letters > 0 && letters <= 3 && capital && written.find(v + ".") != std::string_view::npos) v += '.';
    return v;
  };
  if (const auto* s = first("publisher")) {
    std::string v = unspace(strip_punct(raw(*s)));
    // "М.: Весь мир", "London: Routledge" labelled as one publisher span: a short place before the colon
    const auto colon = v.find(':');
    if (!first("location") && colon != std::string::npos && colon > 0 && colon + 1 < v.size() &&
        std::count(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(colon), ' ') <= 1 &&
        v.find_first_of("0123456789") > colon) {
      std::string place = abbreviated(v, strip_punct(std::string_view(v).substr(0, colon)));
      v = strip_punct(std::string_view(v).substr(colon + 1));
      if (!place.empty()) set("publisher-place", s, place);
    }
    set("publisher", s, v);
  }
  if (const auto* s = first("location")) {
    std::string v = unspace(strip_punct(raw(*s)));
    while (!v.empty() && std::string_view("!?\"'-").find(v.back()) != std::string_view::npos) v.pop_back();
    set("publisher-place", s, abbreviated(unspace(std::string(raw(*s))), v));
  }
  for (const auto& s : spans) {
    if (s.label != "url" && s.label != "doi") continue;
    std::string v;
    for (char c : raw(s))
      if (!is_ws(c)) v += c;
    const bool doi_url = text::ascii_lower(v).find("doi.org") != std::string::npos;
    if (s.label == "doi" || doi_url) {
      if (auto d = doi_of(v); !d.empty() && !item.has("DOI")) set("DOI", &s, d);
      else if (s.label == "url" && !item.has("URL")) set("URL", &s, v);
      continue;
    }
    // "URL:http://…", "Link:http://…", "(http://…)": the link starts at its scheme or "www."
    {
      const std::string low = text::ascii_lower(v);
      std::size_t at = low.find("http");
      if (at == std::string::npos) at = low.find("www.");
      if (at != std::string::npos && at > 0) v.erase(0, at);
    }
    for (bool trimmed = true; trimmed && !v.empty();) {
      trimmed = false;
      const char last = v.back();
      if (last == '.' || last == ',' || last == ';' || last == '>' || last == ']' ||
          (last == ')' && v.find('(') == std::string::npos)) {
        v.pop_back();
        trimmed = true;
      }
    }
    if (!v.empty() && v.front() == '<') v.erase(0, 1);
    if (!item.has("URL")) set("URL", &s, v);
  }
  if (const auto* s = first("edition")) set("edition", s, strip_punct(raw(*s)));
  if (const auto* s = first("genre")) set("genre", s, strip_punct(raw(*s)));
  if (const auto* s = first("isbn")) {
    std::string v = strip_punct(raw(*s));
    if (starts_with_ci(v, "isbn")) {
      v.erase(0, 4);
      while (!v.empty() && (v.front() == ':' || v.front() == ' ')) v.erase(0, 1);
    }
    set("ISBN", s, v);
  }
  if (const auto* s = first("collection-title")) set("collection-title", s, strip_punct(raw(*s)));
  if (const auto* s = first("note")) item.custom["note"] = strip_punct(raw(*s));
  // type from the labels, as AnyStyle's type normaliser does at its simplest
  const auto* genre = first("genre");
  if (first("journal")) item.type = "article-journal";
  else if (first("container-title")) item.type = "chapter";
  else if (genre && (text::ascii_lower(raw(*genre)).find("thesis") != std::string::npos ||
                     text::ascii_lower(raw(*genre)).find("dissert") != std::string::npos))
    item.type = "thesis";
  else if (first("publisher")) item.type = "book";
  else item.type = "document";
  return cit;
}

citation parse_reference(std::string_view text, const model* m) {
  return spans_to_citation(text, label_reference(text, m));
}

}  // namespace bicite::parse::seq
