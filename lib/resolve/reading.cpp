// Reading a citation's own text for resolution: the place cited, the shape of a short form, archival
// levels, and abbreviations a note defines.
#include "resolve/reading.hpp"

#include <algorithm>

#include "core/embedded.hpp"
#include "parse/internal.hpp"
#include "parse/unit.hpp"

namespace bicite::resolve::detail {

namespace {

using parse::detail::code_point_at;
using parse::detail::is_letter;
using parse::detail::is_upper;
using parse::detail::lex;
using parse::detail::starts_with_at;

bool digit(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

std::string_view trim(std::string_view s, std::string_view extra = {}) {
  std::size_t b = 0, e = s.size();
  parse::detail::trim_range(s, b, e, extra);
  return s.substr(b, e - b);
}

// The longest form of `list` at p that is not followed by a letter; its length or 0.
std::size_t form_at(std::string_view s, std::size_t p, const std::vector<parse::detail::lexicon_entry>& list,
                    std::string* value = nullptr) {
  std::size_t best = 0;
  for (const auto& f : list) {
    if (f.form.size() <= best || !starts_with_at(s, p, f.form)) continue;
    const std::size_t q = p + f.form.size();
    if (q < s.size() && is_letter(code_point_at(s, q)) && is_letter(code_point_at(f.form, f.form.size() - 1))) continue;
    best = f.form.size();
    if (value) *value = f.value;
  }
  return best;
}

bool is_roman(std::string_view w) {
  if (w.empty() || w.size() > 7) return false;
  return std::all_of(w.begin(), w.end(), [](char c) { return std::string_view("ivxlcdm").find(c) != std::string_view::npos; });
}

}  // namespace

const cue_words& cues() {
  static const cue_words c = [] {
    cue_words out;
    for (const auto& cells : bicite::detail::data_rows("resolve/cues.tsv")) {
      if (cells.size() < 2) continue;
      if (cells[0] == "define") out.define.emplace_back(cells[1]);
      else if (cells[0] == "idem") out.idem.emplace_back(cells[1]);
    }
    return out;
  }();
  return c;
}

std::string whole_locator(std::string_view s) {
  if (s.size() > 120) return {};  // before trimming: a run of punctuation must not be trimmed at every call
  s = trim(s, ".,;:");
  if (s.empty() || s.size() > 60) return {};
  std::string out;
  bool any = false, after_volume = false, labelled = false;
  std::size_t p = 0;
  std::string pending_sep;
  while (p < s.size()) {
    // separators
    std::size_t q = p;
    bool comma = false;
    while (q < s.size() && (s[q] == ' ' || s[q] == ',' || s[q] == '.' || s[q] == ':' || s[q] == ';')) {
      comma = comma || s[q] == ',' || s[q] == ';';
      ++q;
    }
    if (q > p && !out.empty()) pending_sep = after_volume ? ": " : comma ? ", " : " ";
    p = q;
    if (p >= s.size()) break;
    std::string value;
    if (std::size_t n = form_at(s, p, lex().page)) {  // "С.", "P.", "pp.": dropped
      if (any) return {};  // "384 с.", "277 p.": a book's extent, not a page cited
      p += n;
      labelled = true;
      continue;
    }
    if (std::size_t n = form_at(s, p, lex().archive_unit, &value); n && value == "folio") {
      p += n;
      labelled = true;
      continue;
    }
    if (std::size_t n = form_at(s, p, lex().volume)) {  // "vol. 2", "Т. 5": kept, the page follows after ": "
      std::size_t r = p + n;
      while (r < s.size() && s[r] == ' ') ++r;
      std::size_t d = r;
      while (digit(s, d)) ++d;
      if (d == r) return {};
      out += pending_sep;
      out += std::string(s.substr(p, n)) + " " + std::string(s.substr(r, d - r));
      pending_sep.clear();
      p = d;
      after_volume = true;
      labelled = true;
      continue;
    }
    // a number, a range, a list item; "об." (the back of a folio)
    if (digit(s, p)) {
      std::size_t d = p;
      while (digit(s, d)) ++d;
      const std::string_view num = s.substr(p, d - p);
      if (!labelled && num.size() == 4 && (num[0] == '1' || num[0] == '2') && num >= "1500" && num <= "2100")
        return {};  // a year, not a page
      out += pending_sep;
      pending_sep.clear();
      out += std::string(num);
      p = d;
      // "577–79", "5-7"
      for (const std::string_view dash : {"–", "—", "-", "‒"}) {
        if (starts_with_at(s, p, dash) && digit(s, p + dash.size())) {
          std::size_t e = p + dash.size();
          while (digit(s, e)) ++e;
          out += "-" + std::string(s.substr(p + dash.size(), e - p - dash.size()));
          p = e;
          break;
        }
      }
      std::size_t r = p;
      while (r < s.size() && s[r] == ' ') ++r;
      if (starts_with_at(s, r, "об") && (r + 4 >= s.size() || !is_letter(code_point_at(s, r + 4)))) {
        out += " об.";
        p = r + std::string_view("об").size();
        if (p < s.size() && s[p] == '.') ++p;
      }
      any = true;
      after_volume = false;
      continue;
    }
    // "xxi", "xi–xv"
    std::size_t w = p;
    while (w < s.size() && s[w] >= 'a' && s[w] <= 'z') ++w;
    if (w > p && is_roman(s.substr(p, w - p)) && (w == s.size() || !is_letter(code_point_at(s, w)))) {
      out += pending_sep;
      pending_sep.clear();
      out += std::string(s.substr(p, w - p));
      p = w;
      for (const std::string_view dash : {"–", "-"}) {
        if (starts_with_at(s, p, dash)) {
          std::size_t e = p + dash.size();
          while (e < s.size() && s[e] >= 'a' && s[e] <= 'z') ++e;
          if (e > p + dash.size() && is_roman(s.substr(p + dash.size(), e - p - dash.size()))) {
            out += "-" + std::string(s.substr(p + dash.size(), e - p - dash.size()));
            p = e;
          }
          break;
        }
      }
      any = true;
      after_volume = false;
      continue;
    }
    return {};
  }
  return any ? out : std::string();
}

std::string trailing_locator(std::string_view s, std::size_t& head_end) {
  head_end = s.size();
  std::string_view t = trim(s, ".;,");
  // a remark in brackets after the place cited: "577 (emphasis in the original)"
  if (!t.empty() && t.back() == ')') {
    const auto open = t.rfind('(');
    if (open != std::string_view::npos && open > 0 && whole_locator(t.substr(open + 1, t.size() - open - 2)).empty())
      t = trim(t.substr(0, open), ".;,");
  }
  std::size_t word = 0;  // where the word before i starts
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    const char c = t[i];
    if (c == ' ') word = i + 1;
    // after a closing quote or "…" a space alone separates: "Il’in, “Svoboda,” 577–79", "Восток… С. 78"
    const char32_t before = i > 0 ? parse::detail::prev_code_point(t, i) : 0;
    const bool sep = ((c == ',' || c == '.' || c == ':') && t[i + 1] == ' ') ||
                     (c == ' ' && i > 0 && (parse::detail::is_closing_quote(before) || before == U'…')) ||
                     (c == ' ' && (form_at(t, i + 1, lex().page) || starts_with_at(t, i + 1, "vol.")) && i > 0);
    if (!sep) continue;
    // "art. 5222", "Ст. 2", "no. 29": a short abbreviation before the period labels the number
    if (c == '.' && i > word && i - word <= 4 && is_letter(code_point_at(t, word))) {
      bool letters = true;
      for (std::size_t k = word; k < i;) {
        std::size_t n = k;
        const bool letter = is_letter(code_point_at(t, k, &n));
        letters = letters && letter;
        k = n > k ? n : k + 1;
      }
      if (letters && !(i - word == 1 && is_upper(code_point_at(t, word)))) continue;
    }
    std::string loc = whole_locator(t.substr(i + 1));
    if (loc.empty()) continue;
    head_end = i;
    return loc;
  }
  return {};
}

std::vector<archive_level> read_levels(std::string_view s, std::size_t& p) {
  std::vector<archive_level> out;
  std::size_t q = p;
  while (q < s.size()) {
    std::string level;
    const std::size_t n = form_at(s, q, lex().archive_unit, &level);
    if (n == 0) break;
    std::size_t r = q + n;
    while (r < s.size() && s[r] == ' ') ++r;
    // a fond with a letter: "Ф. Р-5446", "f. R-5446"
    if (!digit(s, r) && r < s.size()) {
      std::size_t m = r;
      if (is_upper(code_point_at(s, r, &m))) {
        if (m < s.size() && s[m] == '-') ++m;
        if (digit(s, m)) r = m;
      }
    }
    if (!digit(s, r)) break;
    while (true) {
      while (digit(s, r) || (r < s.size() && s[r] >= 'a' && s[r] <= 'z' && r > 0 && digit(s, r - 1) &&
                             (r + 1 >= s.size() || !is_letter(code_point_at(s, r + 1)))))
        ++r;
      std::size_t t = r;
      while (t < s.size() && s[t] == ' ') ++t;
      if (starts_with_at(s, t, "об.")) r = t + std::string_view("об.").size();
      if (r + 1 < s.size() && (s[r] == '-' || s[r] == ',') && digit(s, r + 1 + (s[r] == ',' && s[r + 1] == ' '))) {
        r += 1 + (s[r] == ',' && s[r + 1] == ' ');
        continue;
      }
      if (starts_with_at(s, r, "–") && digit(s, r + 3)) {
        r += 3;
        continue;
      }
      break;
    }
    out.push_back({level, std::string(s.substr(q, r - q))});
    p = r;
    q = r;
    while (q < s.size() && (s[q] == ' ' || s[q] == '.' || s[q] == ',' || s[q] == ';')) ++q;
  }
  return out;
}

std::string location_of(const std::vector<archive_level>& levels, const std::string& separator) {
  std::string out;
  for (const auto& l : levels) {
    if (l.level == "folio") continue;
    if (!out.empty()) out += separator;
    out += l.written;
  }
  return out;
}

archival read_archival(std::string_view w) {
  archival a;
  for (std::size_t p = 0; p < w.size(); ++p) {
    if (p > 0 && w[p - 1] != ' ' && w[p - 1] != ',' && w[p - 1] != '.') continue;
    std::size_t q = p;
    auto levels = read_levels(w, q);
    const bool fond = !levels.empty() && levels.front().level == "fond";
    const bool file = std::any_of(levels.begin(), levels.end(), [](const archive_level& l) { return l.level == "file"; });
    if (levels.size() < 2 || !(fond || file)) continue;
    a.found = true;
    const std::string_view before = trim(w.substr(0, p), " .,;:");
    // the archive is the last segment before the levels; what precedes it is the file's heading
    std::size_t cut = std::string_view::npos, cut_len = 0;
    for (const std::string_view sep : {" // ", ". ", ", "}) {
      const auto k = before.rfind(sep);
      if (k != std::string_view::npos && (cut == std::string_view::npos || k > cut)) {
        cut = k;
        cut_len = sep.size();
      }
    }
    if (cut == std::string_view::npos) {
      a.archive = std::string(before);
    } else {
      a.archive = std::string(trim(before.substr(cut + cut_len)));
      a.title = std::string(trim(before.substr(0, cut), " ,;:/"));  // "1937 г." keeps its period
    }
    // the separator between the first two levels as written
    const std::string_view first = levels[0].written;
    const auto at = w.find(first, p);
    if (at != std::string_view::npos) {
      std::size_t e = at + first.size(), f = e;
      while (f < w.size() && (w[f] == ' ' || w[f] == '.' || w[f] == ',' || w[f] == ';')) ++f;
      if (f > e) a.separator = std::string(w.substr(e, f - e));
    }
    for (auto& l : levels) {
      if (l.level == "folio") a.locator = whole_locator(l.written);
      else a.levels.push_back(std::move(l));
    }
    return a;
  }
  return a;
}

short_shape read_short(std::string_view written) {
  short_shape sh;
  std::string_view t = trim(written, ".;,");
  if (t.empty()) return sh;
  std::size_t head_end = t.size();
  sh.locator = trailing_locator(t, head_end);
  std::string_view head = trim(t.substr(0, head_end), ".,;:");
  // "Его же", "Idem": the author of the citation before
  for (const auto& f : cues().idem) {
    if (starts_with_at(head, 0, f) && (head.size() == f.size() || !is_letter(code_point_at(head, f.size())))) {
      sh.idem = true;
      head = trim(head.substr(f.size()), ".,:;");
      break;
    }
  }
  sh.head = std::string(head);
  // no year, link, "//" or publication group: a full citation, not a short form
  bool year = false;
  for (std::size_t i = 0; i + 4 <= head.size(); ++i)
    if ((head[i] == '1' || head[i] == '2') && digit(head, i + 1) && digit(head, i + 2) && digit(head, i + 3) &&
        (i == 0 || !digit(head, i - 1)) && !digit(head, i + 4))
      year = true;
  std::size_t words = 1;
  for (char c : head) words += c == ' ';
  sh.plausible = !year && head.find("http") == std::string_view::npos && head.find("www.") == std::string_view::npos &&
                 head.find(" // ") == std::string_view::npos && head.find(": ") == std::string_view::npos &&
                 words <= 18 && written.size() <= 260;
  std::string_view names_text, title;
  // "Иванов И. И. Указ. соч." / "Lo, op. cit."
  for (const auto& f : lex().opcit) {
    const auto k = head.find(trim(f.form, "."));
    if (k == std::string_view::npos) continue;
    sh.opcit = true;
    names_text = trim(head.substr(0, k), " ,.");
    break;
  }
  if (!sh.opcit) {
    std::size_t quote = std::string_view::npos;
    for (std::size_t p = 0; p < head.size();) {
      std::size_t n = p;
      const char32_t c = code_point_at(head, p, &n);
      if (parse::detail::is_opening_quote(c)) {
        quote = p;
        break;
      }
      p = n;
    }
    const auto comma = head.find(", ");
    if (quote != std::string_view::npos && (comma == std::string_view::npos || comma > quote)) {
      names_text = trim(head.substr(0, quote), " ,.");
      title = head.substr(quote);
    } else if (comma != std::string_view::npos) {
      names_text = head.substr(0, comma);
      title = head.substr(comma + 2);
    } else {
      // GOST "Кузьмин В. Н. Поворот на Восток…": a family name and initials, then the title
      std::size_t q = 0;
      while (q < head.size() && is_letter(code_point_at(head, q))) {
        std::size_t n = q;
        code_point_at(head, q, &n);
        q = n;
      }
      std::size_t r = q, initials = 0;
      while (r + 1 < head.size() && head[r] == ' ') {
        std::size_t n = r + 1;
        const char32_t c = code_point_at(head, r + 1, &n);
        if (!is_upper(c) || n >= head.size() || head[n] != '.') break;
        r = n + 1;
        ++initials;
      }
      if (initials > 0 && q > 0) {
        names_text = head.substr(0, r);
        title = head.substr(r);
      } else {
        names_text = head;  // "Skirda" alone; or a short title alone (decided by the matcher)
      }
    }
  }
  // a role after the names ("Rozman and Christofferson, eds.")
  title = trim(title, " ,.");
  for (const auto* list : {&lex().editor, &lex().translator})
    for (const auto& f : *list)
      if (starts_with_at(title, 0, f.form)) title = trim(title.substr(f.form.size()), " ,.");
  for (const std::string_view ell : {"…", "..."})
    if (title.size() >= ell.size() && title.substr(title.size() - ell.size()) == ell) {
      sh.cut = true;
      title = trim(title.substr(0, title.size() - ell.size()), " ,.");
    }
  std::string cleaned;
  for (std::size_t p = 0; p < title.size();) {
    std::size_t n = p;
    const char32_t c = code_point_at(title, p, &n);
    if (!parse::detail::is_opening_quote(c) && !parse::detail::is_closing_quote(c)) cleaned.append(title.substr(p, n - p));
    p = n;
  }
  sh.title = std::string(trim(cleaned, " ,."));
  // names: at most six words, starting in upper case, no digits
  names_text = trim(names_text, " ,.");
  std::size_t name_words = 1;
  for (char c : names_text) name_words += c == ' ';
  const bool digits = std::any_of(names_text.begin(), names_text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!names_text.empty() && name_words <= 6 && !digits && is_upper(code_point_at(names_text, 0)))
    sh.names = parse::detail::parse_name_list(names_text, parse::options{});
  return sh;
}

std::vector<definition> read_definitions(std::string_view text) {
  std::vector<definition> out;
  for (std::size_t p = 0; p < text.size(); ++p) {
    if (p > 0 && text[p - 1] != '(' && text[p - 1] != ' ' && text[p - 1] != ';') continue;
    std::size_t len = 0;
    for (const auto& f : cues().define)
      if (f.size() > len && starts_with_at(text, p, f)) len = f.size();
    if (len == 0) continue;
    const std::string_view cue = text.substr(p, len);
    // a bare word ("далее", "hereafter") defines only inside brackets: "(далее ПСС)"
    const bool strong = cue.find(' ') != std::string_view::npos || cue.back() == ':';
    const bool bracket = p > 0 && text[p - 1] == '(';
    if (!strong && !bracket) continue;
    std::size_t q = p + len;
    if (q < text.size() && is_letter(code_point_at(text, q))) continue;
    while (q < text.size() && (text[q] == ' ' || text[q] == ':' || text[q] == ',' || starts_with_at(text, q, "—") ||
                               starts_with_at(text, q, "–") || text[q] == '-'))
      q += starts_with_at(text, q, "—") || starts_with_at(text, q, "–") ? 3 : 1;
    if (starts_with_at(text, q, "as ")) q += 3;
    std::size_t e = q;
    while (e < text.size() && text[e] != ')' && text[e] != ';' && text[e] != ',' &&
           !(text[e] == '.' && (e + 1 >= text.size() || text[e + 1] == ' ' || text[e + 1] == ')')))
      ++e;
    const std::string key = abbreviation_key(text.substr(q, e - q));
    std::size_t words = 1;
    for (char c : key) words += c == ' ';
    if (key.empty() || key.size() > 48 || words > 4) continue;
    if (!is_upper(code_point_at(key, 0)) && !(key[0] >= '0' && key[0] <= '9')) continue;
    out.push_back({key, p});
    p = e;
  }
  return out;
}

std::string abbreviation_key(std::string_view s) {
  std::string out;
  for (std::size_t p = 0; p < s.size();) {
    std::size_t n = p;
    const char32_t c = code_point_at(s, p, &n);
    if (!parse::detail::is_opening_quote(c) && !parse::detail::is_closing_quote(c)) out.append(s.substr(p, n - p));
    p = n;
  }
  return std::string(trim(out, " .,:;"));
}

}  // namespace bicite::resolve::detail
