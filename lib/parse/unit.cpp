// Labelling the fields of one cited work: links, title, authors, container, numbers, dates,
// publisher, type and language. Chicago notes and bibliographies, APA, MLA and GOST entries.
#include <algorithm>
#include <array>

#include <bicite/text.hpp>

#include "parse/internal.hpp"
#include "parse/unit.hpp"

namespace bicite::parse::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view slice(std::string_view s, std::size_t b, std::size_t e) { return s.substr(b, e - b); }

// A Roman numeral typed with Cyrillic look-alikes ("XХ" with a Cyrillic Х) becomes Latin; the general
// mixed-script repair would otherwise follow the Cyrillic around it.
std::string latin_roman_numerals(const std::string& v) {
  auto latin_twin = [](char32_t c) -> char32_t {
    switch (c) {
      case 0x425: return 'X';
      case 0x421: return 'C';
      case 0x41C: return 'M';
      case 0x406: return 'I';
      default: return 0;
    }
  };
  std::string out;
  std::size_t p = 0;
  while (p < v.size()) {
    std::size_t q = p;
    int latin = 0, cyr = 0;
    bool roman = true;
    while (q < v.size()) {
      std::size_t n = q;
      const char32_t c = text::next_code_point(v, n);
      if (!is_letter(c)) break;
      if (c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C' || c == 'D' || c == 'M') ++latin;
      else if (latin_twin(c)) ++cyr;
      else roman = false;
      q = n;
    }
    if (q == p) {
      std::size_t n = p;
      text::next_code_point(v, n);
      out.append(v, p, n - p);
      p = n;
      continue;
    }
    if (roman && latin > 0 && cyr > 0) {
      for (std::size_t k = p; k < q;) {
        const char32_t c = text::next_code_point(v, k);
        out += latin_twin(c) ? static_cast<char>(latin_twin(c)) : static_cast<char>(c);
      }
    } else {
      out.append(v, p, q - p);
    }
    p = q;
  }
  return out;
}

// ---------------------------------------------------------------- the working state of a unit

struct unit {
  std::string_view s;
  std::size_t b = 0, e = 0;
  std::vector<char> used;  // per byte of [b, e): already labelled
  citation cit;
  std::string commentary;
  const options* opts = nullptr;
  std::vector<diagnostic>* diags = nullptr;
  bool act = false;        // a law or decree, read from the words before its name
  bool interview = false;  // an interview the author held ("interview by the author")
  std::string kind;        // the type a bracket after the title says ("[Doctoral dissertation, …]": thesis)

  bool is_used(std::size_t p) const { return p >= b && p < e && used[p - b]; }
  void mark(std::size_t from, std::size_t to) {
    for (std::size_t p = std::max(from, b); p < std::min(to, e); ++p) used[p - b] = 1;
  }
  void set(const std::string& field, std::string value, std::size_t from, std::size_t to, double conf) {
    if (value.empty()) return;
    cit.item.set(field, std::move(value));
    cit.sources.push_back({field, {from, to}, conf});
  }
  void source(const std::string& field, std::size_t from, std::size_t to, double conf) {
    cit.sources.push_back({field, {from, to}, conf});
  }
  void add_commentary(std::string_view t) {
    std::string c = clean_spaces(t);
    if (c.empty()) return;
    if (!commentary.empty()) commentary += ' ';
    commentary += c;
  }
  std::string repaired(std::string_view t) const {
    std::string v = clean_spaces(t);
    if (opts->repair_mixed_script) v = text::repair_mixed_script(latin_roman_numerals(v));
    return v;
  }
};

// ---------------------------------------------------------------- links

bool url_char_stop(std::string_view s, std::size_t p) {
  const unsigned char c = static_cast<unsigned char>(s[p]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>' || c == '"') return true;
  if (c >= 0x80) {
    const char32_t cp = code_point_at(s, p);
    return cp == U'”' || cp == U'»' || cp == U'“' || cp == U'«' || cp == 0xA0 || cp == U'’' || cp == U'‘';
  }
  return false;
}

bool schemeless_host_at(std::string_view s, std::size_t p, std::size_t e) {
  // host.tld/… with an ASCII host of letters, digits, dots and hyphens.
  std::size_t q = p;
  bool dot = false;
  std::size_t last_dot = 0;
  while (q < e && (is_ascii_alnum(s[q]) || s[q] == '.' || s[q] == '-')) {
    if (s[q] == '.') {
      dot = true;
      last_dot = q;
    }
    ++q;
  }
  if (!dot || q >= e || s[q] != '/' || q == p) return false;
  std::size_t tld = q - last_dot - 1;
  if (tld < 2 || tld > 12) return false;
  for (std::size_t k = last_dot + 1; k < q; ++k)
    if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) return false;
  return q + 1 < e && !url_char_stop(s, q + 1);
}

}  // namespace

std::vector<url_hit> find_urls(std::string_view s, std::size_t b, std::size_t e) {
  std::vector<url_hit> hits;
  std::size_t p = b;
  while (p < e) {
    std::size_t start = std::string_view::npos;
    if (!is_ascii_alnum(s[p])) {
      ++p;
      continue;
    }
    const char c0 = s[p];
    const bool maybe_prefix = c0 == 'h' || c0 == 'H' || c0 == 'w' || c0 == 'd' || c0 == 'D';
    if (!maybe_prefix && !(p == b || s[p - 1] == ' ' || s[p - 1] == '(' || s[p - 1] == ',')) {
      ++p;
      continue;
    }
    if (starts_with_at(s, p, "http://") || starts_with_at(s, p, "https://") || starts_with_at(s, p, "HTTP")) {
      start = p;
    } else if (starts_with_at(s, p, "www.") && (p == b || !is_ascii_alnum(s[p - 1]))) {
      start = p;
    } else if ((starts_with_at(s, p, "doi") || starts_with_at(s, p, "DOI")) && (p == b || !is_ascii_alnum(s[p - 1]))) {
      // "doi:10.…", "DOI: 10.…", "DOI 10.…" (GOST)
      std::size_t q = p + 3;
      if (q < e && s[q] == ':') ++q;
      while (q < e && s[q] == ' ') ++q;
      if (starts_with_at(s, q, "10.")) start = q;
    } else if ((p == b || s[p - 1] == ' ' || s[p - 1] == '(' || s[p - 1] == ',') && is_ascii_alnum(s[p]) &&
               schemeless_host_at(s, p, e)) {
      start = p;
    }
    if (start == std::string_view::npos) {
      ++p;
      continue;
    }
    url_hit h;
    h.begin = p;
    std::size_t q = start;
    std::string url;
    while (true) {
      while (q < e && !url_char_stop(s, q)) url += s[q++];
      // "https://interaffairs .ru/x": a pasted space before a host or path part.
      if (q + 2 < e && s[q] == ' ' && (s[q + 1] == '.' || s[q + 1] == '/') && is_ascii_alnum(s[q + 2]) &&
          url.find('/', url.find("//") == std::string::npos ? 0 : url.find("//") + 2) == std::string::npos) {
        h.inner_space = true;
        ++q;
        continue;
      }
      // a path broken where a line was wrapped: ".../analytics/ sanktsii-i-torgovlya/", ".../9c2e -8f1d2a6b4c90":
      // the piece after the space goes on with a hyphen or is lower-case with a hyphen, slash or dot in it
      if (q + 2 < e && s[q] == ' ' && url.find("//") != std::string::npos &&
          url.find('/', url.find("//") + 2) != std::string::npos) {
        std::size_t r = q + 1;
        while (r < e && !url_char_stop(s, r)) ++r;
        const std::string_view next = slice(s, q + 1, r);
        const bool hyphen_on = next.size() >= 2 && next[0] == '-' && is_ascii_alnum(next[1]);
        const bool broken_path = (url.back() == '/' || url.back() == '-' || url.back() == '_') && !next.empty() &&
                                 ((next[0] >= 'a' && next[0] <= 'z') || is_digit(next[0])) &&
                                 next.find_first_of("-/_.=") != std::string_view::npos &&
                                 std::all_of(next.begin(), next.end(), [](char c) {
                                   return (c >= 'a' && c <= 'z') || is_digit(c) || c == '-' || c == '/' || c == '_' ||
                                          c == '.' || c == '=' || c == '?' || c == '&' || c == '%';
                                 });
        if (hyphen_on || broken_path) {
          h.inner_space = true;
          ++q;
          continue;
        }
      }
      break;
    }
    // Trailing punctuation is not part of the link.
    auto count = [&](char c) { return std::count(url.begin(), url.end(), c); };
    while (!url.empty()) {
      const char c = url.back();
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
          (c == ')' && count('(') < count(')'))) {
        url.pop_back();
        continue;
      }
      break;
    }
    // q may be ahead of the cleaned URL: compute the end in the source.
    std::size_t end = q;
    {
      std::size_t extra = 0;
      std::string raw(slice(s, start, q));
      std::string nospace;
      for (char c : raw)
        if (c != ' ') nospace += c;
      extra = nospace.size() - url.size();
      std::size_t k = q;
      while (extra > 0 && k > start) {
        --k;
        if (s[k] != ' ') --extra;
      }
      end = k;
    }
    if (url.size() >= 4) {
      h.end = end;
      h.url = std::move(url);
      hits.push_back(std::move(h));
    }
    p = std::max(q, p + 1);
  }
  return hits;
}

bool ibid_at(std::string_view s, std::size_t b, std::size_t e, std::size_t& len) {
  for (const auto& f : lex().ibid) {
    const std::size_t l = f.form.size();
    if (!starts_with_at(s, b, f.form) || b + l > e) continue;
    if (is_letter(code_point_at(s, b + l))) continue;
    len = l;
    return true;
  }
  return false;
}

namespace {

// ---------------------------------------------------------------- titles

struct title_span {
  std::size_t open = 0, close = 0;  // the quote characters (close = end of the closing quote)
  std::size_t b = 0, e = 0;         // the title text
  bool closed = false;
  bool found = false;
};

bool title_start_ok(const unit& u, std::size_t q) {
  // A quote opens a title at the start, after , . : ; ( or "//", or run into a name ("Skosyrev“От").
  std::size_t p = q;
  std::size_t ps = p;
  char32_t prev = prev_code_point(u.s, p, &ps);
  if (is_letter(prev)) return true;  // run together
  while (p > u.b) {
    std::size_t len = 0;
    const char32_t c = prev_code_point(u.s, p, &ps);
    if (c == ' ' || c == 0xA0 || c == '\t' || (is_space_at(u.s, ps, &len) && ps + len == p)) {
      p = ps;
      continue;
    }
    break;
  }
  if (p <= u.b) return true;
  prev = prev_code_point(u.s, p, &ps);
  return prev == ',' || prev == '.' || prev == ':' || prev == ';' || prev == '(' || prev == '/' || prev == U'—' ||
         prev == U'–' || prev == '?' || prev == '!';
}

// After the closing quote: is this where the title ends?
bool ends_title_here(const unit& u, std::size_t after) {
  std::size_t n = after;
  const char32_t c = code_point_at(u.s, n, &n);
  if (after >= u.e) return true;
  return !is_letter(c) && c != U'’';
}

char32_t closer_for(char32_t open) {
  switch (open) {
    case U'“': return U'”';
    case U'«': return U'»';
    case U'„': return U'“';
    case U'"': return U'"';
    case U'‘': return U'’';
    case U'‹': return U'›';
    default: return 0;
  }
}

// Finds the closing quote of the title opened at `open`; handles nesting of the same pair,
// doubled openers ("““Title,”"), "„…“" and a subtitle after a nested closing quote.
bool find_closer(const unit& u, std::size_t open, char32_t oq, std::size_t& cb, std::size_t& ce) {
  const char32_t cq = closer_for(oq);
  int depth = 0;
  std::size_t p = open;
  std::size_t first_b = std::string_view::npos, first_e = 0;
  while (p < u.e) {
    if (u.is_used(p)) {
      ++p;
      continue;
    }
    std::size_t next = p;
    const char32_t c = code_point_at(u.s, p, &next);
    if (c == oq && oq != cq) {
      ++depth;
    } else if (c == cq || (oq == U'„' && c == U'”') || (oq == U'«' && c == U'”' && depth == 1)) {
      if (oq == cq) {
        if (p != open) {
          cb = p;
          ce = next;
          return true;
        }
      } else {
        if (first_b == std::string_view::npos && ends_title_here(u, next)) {
          first_b = p;
          first_e = next;
        }
        --depth;
        if (depth == 0 && ends_title_here(u, next)) {
          cb = p;
          ce = next;
          return true;
        }
        if (depth < 0) depth = 0;
      }
    }
    p = next;
  }
  if (first_b != std::string_view::npos) {
    cb = first_b;
    ce = first_e;
    return true;
  }
  return false;
}

title_span find_quoted_title(const unit& u, bool anywhere) {
  title_span t;
  std::size_t p = u.b;
  while (p < u.e) {
    std::size_t next = p;
    const char32_t c = code_point_at(u.s, p, &next);
    if (u.is_used(p) || !is_opening_quote(c) || (c == U'‘' && !anywhere)) {
      p = next;
      continue;
    }
    if (!anywhere && !title_start_ok(u, p)) {
      p = next;
      continue;
    }
    // A straight quote or ‘ that is an apostrophe (letter before and after) is not a title.
    if ((c == '"' || c == U'‘') && is_letter(prev_code_point(u.s, p)) && is_letter(code_point_at(u.s, next))) {
      p = next;
      continue;
    }
    t.found = true;
    t.open = p;
    std::size_t tb = next;
    // doubled opener
    while (tb < u.e && is_opening_quote(code_point_at(u.s, tb)) && code_point_at(u.s, tb) == c) {
      std::size_t n2 = tb;
      code_point_at(u.s, tb, &n2);
      tb = n2;
    }
    t.b = tb;
    std::size_t cb = 0, ce = 0;
    const bool closed = find_closer(u, p, c, cb, ce);
    const auto quoted_words = [&] {
      return std::count(u.s.begin() + static_cast<std::ptrdiff_t>(tb), u.s.begin() + static_cast<std::ptrdiff_t>(cb), ' ') + 1;
    };
    if (anywhere && closed && is_lower(code_point_at(u.s, tb)) && cb > tb &&
        (std::string_view(",.?!").find(u.s[cb - 1]) == std::string_view::npos || quoted_words() <= 3)) {
      // "The term “sovereign globalization” appears …": a quoted word in prose, not a title
      t = {};
      p = ce;
      continue;
    }
    if (closed) {
      t.closed = true;
      t.e = cb;
      t.close = ce;
      // A subtitle after a nested closing quote: «A»: b c,” → the title runs to the next closer.
      std::size_t q = ce;
      if (q < u.e && u.s[q] == ':') {
        std::size_t r = q + 1;
        while (r < u.e) {
          std::size_t rn = r;
          const char32_t rc = code_point_at(u.s, r, &rn);
          if (is_closing_quote(rc) && rc != U'’' && ends_title_here(u, rn)) {
            t.e = r;
            t.close = rn;
            t.b = t.open;  // «A»: b — the quoted part is a quotation inside the title
            break;
          }
          if (u.is_used(r)) break;
          r = rn;
        }
      }
    } else {
      t.closed = false;
      t.e = u.e;
      t.close = u.e;
    }
    return t;
  }
  return t;
}

std::string clean_title(std::string_view raw) {
  std::string t = clean_spaces(raw);
  // "‘Валдай,’" at the end → "‘Валдай’"; drop the separating comma or period before the closer.
  while (!t.empty()) {
    const char last = t.back();
    if (last == ',' || last == ';' || last == ':' || last == ' ') {
      t.pop_back();
      continue;
    }
    if (last == '.' && !(t.size() >= 2 && (t[t.size() - 2] == '.' || (t.size() >= 3 && t[t.size() - 3] == ' ')))) {
      // keep "U.S." and initials, drop a plain final period
      std::size_t ps = t.size();
      const char32_t before = prev_code_point(t, t.size() - 1, &ps);
      if (!(is_upper(before) && ps > 0 && (t[ps - 1] == '.' || t[ps - 1] == ' '))) {
        t.pop_back();
        continue;
      }
    }
    break;
  }
  // ",’" / ".’" before a final closing quote
  for (std::string_view closer : {"’", "»", "”", "\""}) {
    if (t.size() > closer.size() + 1 && t.compare(t.size() - closer.size(), closer.size(), closer) == 0) {
      const char p = t[t.size() - closer.size() - 1];
      if (p == ',' || p == '.') t.erase(t.size() - closer.size() - 1, 1);
    }
  }
  return t;
}

// ---------------------------------------------------------------- names

bool is_name_word(std::string_view w) {
  if (w.empty()) return false;
  std::size_t p = 0;
  const char32_t c = text::next_code_point(w, p);
  return is_upper(c);
}

const std::vector<std::string_view>& particles() {
  static const std::vector<std::string_view> p{"van", "von", "de", "da", "di", "der", "den", "du", "le", "la",
                                               "dos", "des", "bin", "ibn", "al", "el", "ter", "ten"};
  return p;
}

bool is_initialish(std::string_view w) {
  // "A.", "A.V.", "Ya.", "G", "И."
  std::size_t p = 0;
  int letters = 0;
  bool first_upper = false;
  while (p < w.size()) {
    const char32_t c = text::next_code_point(w, p);
    if (c == '.' || c == '-') continue;
    if (!is_letter(c)) return false;
    if (letters == 0) first_upper = is_upper(c);
    ++letters;
  }
  return first_upper && (letters == 1 || (w.find('.') != std::string_view::npos && letters <= 3));
}

bool is_org(std::string_view s) {
  const auto ws = words_of(s);
  if (ws.empty()) return false;
  if (ws[0] == "The" && ws.size() >= 2) return true;
  for (const auto& w : ws) {
    const std::string t = strip_word_punct(w);
    if (t == "The") continue;
    if (in_list(t, lex().org)) return true;
  }
  int lower = 0;
  for (const auto& w : ws)
    if (is_lower(code_point_at(w, 0)) && !in_list(w, lex().and_) ) ++lower;
  return ws.size() >= 4 && lower >= 1 && std::none_of(ws.begin(), ws.end(), [](const std::string& w) {
           return in_list(strip_word_punct(w), lex().and_);
         });
}

// Two to four capitalised words that can be a person's names ("Viktoriia Pankratova"), not "The …".
bool person_words(std::string_view s) {
  const auto ws = words_of(s);
  if (ws.size() < 2 || ws.size() > 4 || ws[0] == "The" || ws[0] == "A" || ws[0] == "An") return false;
  for (const auto& w : ws)
    if (!is_name_word(w) && !is_initialish(w)) return false;
  return true;
}

// "trans. " / "transl. " / "tr. " at the start of `s`: its length, or 0
std::size_t english_translator_label(std::string_view s) {
  for (const std::string_view t : {"trans. ", "transl. ", "tr. "})
    if (s.substr(0, t.size()) == t) return t.size();
  return 0;
}

// Nothing but punctuation or a remark in brackets ("(emphasis in the original)") follows.
bool only_remark_after(std::string_view rest) {
  rest = text::trim(rest);
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ',')) rest.remove_suffix(1);
  rest = text::trim(rest);
  return rest.empty() || (rest.front() == '(' && rest.back() == ')' && rest.find('(', 1) == std::string_view::npos);
}

// "Ivan Aleksandrovich Il’in", or a family name alone as a short form gives it ("Il’in"): the author of a
// book named before its title
bool book_author_words(std::string_view v) {
  const auto ws = words_of(v);
  const bool family_alone = ws.size() == 1 && is_name_word(ws[0]) && code_points_in(v) >= 3 && !in_list(v, lex().city) &&
                            !in_list(v, lex().org);
  return person_words(v) || family_alone;
}

// Does this text read like a list of persons or an organisation (the author part of a note)?
bool name_like(std::string_view s, std::size_t max_words = 12) {
  const auto ws = words_of(s);
  if (ws.empty() || ws.size() > max_words) return false;
  for (const auto& w0 : ws) {
    const std::string w = strip_word_punct(w0);
    if (w.empty()) continue;
    if (in_list(w, lex().and_) || in_list(w, lex().etal) || in_list(w, lex().editor)) continue;
    if (std::find(particles().begin(), particles().end(), w) != particles().end()) continue;
    if (w == "et" || w == "al." || w == "др.") continue;
    if (is_initialish(w) || is_name_word(w)) continue;
    return false;
  }
  return true;
}

// Splits [b, e) of s at a separator word (" and ", " & ", " и ") outside nothing fancy.
std::vector<std::string> split_name_list(std::string_view s, std::vector<int>& chunk_of) {
  std::vector<std::string> chunks;
  const auto ws = words_of(s);
  std::string cur;
  for (const auto& w : ws) {
    const std::string t = strip_word_punct(w);
    if (in_list(t, lex().and_) || w == ";") {
      if (!cur.empty()) chunks.push_back(cur);
      cur.clear();
      continue;
    }
    cur += (cur.empty() ? "" : " ") + w;
    if (!w.empty() && w.back() == ';') {
      cur.pop_back();
      chunks.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) chunks.push_back(cur);
  // each chunk split at commas
  std::vector<std::string> parts;
  chunk_of.clear();
  for (const auto& c : chunks) {
    std::size_t p = 0;
    while (p <= c.size()) {
      auto q = c.find(',', p);
      if (q == std::string::npos) q = c.size();
      std::string part(text::trim(std::string_view(c).substr(p, q - p)));
      if (!part.empty()) {
        parts.push_back(part);
        chunk_of.push_back(static_cast<int>(&c - chunks.data()));
      }
      p = q + 1;
    }
  }
  return parts;
}

struct name_list {
  std::vector<name> names;
  bool editors = false;
  bool etal = false;
  std::string role;  // a Russian role phrase's CSL role ("translator" after "пер. с англ."), or ""
};

name_list parse_names_as_written(std::string_view raw, const options& opts);

// The persons of a name list. After a Russian role phrase ("под ред. Ф. А. Лукьянова", "пер. с англ.
// Н. И. Петровой") the names are in the case the phrase governs: they are given in the nominative, the
// persons' own names. `name_case` (0 nominative, 1 genitive, 2 instrumental) overrides it when the caller
// has already taken the role phrase off.
name_list parse_names(std::string_view raw, const options& opts, int name_case = -1) {
  const std::string_view body = text::trim(raw);
  const role_at role = russian_role_at(body);
  std::string_view rest = role.role.empty() ? raw : body.substr(role.length);
  if (!role.role.empty()) {
    // "пер. с нем., примеч. и предисл. С. А. Ромашко": the other roles of the same person, in lower case,
    // run up to the names
    std::size_t p = 0;
    while (p < rest.size()) {
      const char32_t c = code_point_at(rest, p);
      if (c == ' ' || c == ',' || c == ';') {
        ++p;
        continue;
      }
      if (!is_lower(c)) break;
      while (p < rest.size() && rest[p] != ' ') ++p;
    }
    rest = rest.substr(p);
  }
  name_list out = parse_names_as_written(rest, opts);
  if (!role.role.empty()) {
    out.role = role.role;
    if (role.role == "editor") out.editors = true;
  }
  const int c = name_case >= 0 ? name_case : role.name_case;
  if (c > 0)
    for (auto& n : out.names) to_nominative(n, c);
  return out;
}

name_list parse_names_as_written(std::string_view raw, const options& opts) {
  name_list out;
  std::string s = clean_spaces(raw);
  // "Igor Vostrikov (@vostok_analytics)": an account's handle is not part of the name
  for (auto at = s.find(" (@"); at != std::string::npos; at = s.find(" (@")) {
    const auto close = s.find(')', at);
    if (close == std::string::npos) break;
    s.erase(at, close - at + 1);
  }
  if (opts.repair_mixed_script) s = text::repair_mixed_script(s);
  // editor markers at either end
  for (const auto& ed : lex().editor) {
    const std::string& f = ed.form;
    if (s.size() > f.size() && s.compare(s.size() - f.size(), f.size(), f) == 0 &&
        (s[s.size() - f.size() - 1] == ' ' || s[s.size() - f.size() - 1] == ',')) {
      s.erase(s.size() - f.size());
      out.editors = true;
      break;
    }
    if (s.size() > f.size() && s.compare(0, f.size(), f) == 0 && s[f.size()] == ' ') {
      s.erase(0, f.size() + 1);
      out.editors = true;
      break;
    }
  }
  for (const auto& ea : lex().etal) {
    const auto k = s.find(ea.form);
    if (k != std::string::npos && k > 0) {
      s.erase(k, ea.form.size());
      out.etal = true;
      break;
    }
  }
  while (!s.empty() && (s.back() == ',' || s.back() == ' ' || s.back() == ';' || s.back() == ':')) s.pop_back();
  if (!s.empty() && s.back() == '.') {
    const auto ws = words_of(s);
    if (!ws.empty() && !is_initialish(ws.back())) s.pop_back();
  }
  if (s.empty()) return out;
  if (is_org(s)) {
    name n;
    n.literal = s;
    out.names.push_back(std::move(n));
    return out;
  }
  std::vector<int> chunk_of;
  const auto parts = split_name_list(s, chunk_of);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    const bool has_next = i + 1 < parts.size() && chunk_of[i + 1] == chunk_of[i];
    const auto pw = words_of(p);
    if (has_next) {
      const auto nw = words_of(parts[i + 1]);
      const bool next_initials = !nw.empty() && std::all_of(nw.begin(), nw.end(), [](const std::string& w) { return is_initialish(w); });
      const bool p_ends_initial = pw.size() >= 2 && is_initialish(pw.back()) && !is_initialish(pw.front());
      if (pw.size() == 1 && !is_initialish(pw[0]) && (next_initials || nw.size() <= 3) &&
          !(nw.size() >= 2 && !next_initials && is_initialish(nw.back()) == false && parts.size() > 2 && false)) {
        // "Smith, John" / "Smith, J." (inverted)
        if (next_initials || nw.size() <= 2) {
          out.names.push_back(parse_person(p + ", " + parts[i + 1]));
          ++i;
          continue;
        }
      }
      if (p_ends_initial && nw.size() == 1 && !is_initialish(nw[0])) {
        // "Sergey G, Luzyannin": a stray comma between given names and family name
        out.names.push_back(parse_person(p + ", " + parts[i + 1]));
        ++i;
        continue;
      }
    }
    out.names.push_back(parse_person(p));
  }
  return out;
}

// ---------------------------------------------------------------- numbers

// A number token at p: digits, an optional range, or a Roman numeral; returns its end.
std::size_t number_token(std::string_view s, std::size_t p, std::size_t e, bool allow_range, bool allow_roman) {
  std::size_t q = p;
  while (q < e && is_digit(s[q])) ++q;
  if (q == p) {
    if (!allow_roman) return p;
    while (q < e && (s[q] == 'I' || s[q] == 'V' || s[q] == 'X' || s[q] == 'L')) ++q;
    if (q == p || (q < e && is_letter(code_point_at(s, q)))) return p;
    return q;
  }
  if (q < e && is_letter(code_point_at(s, q))) {
    // "23a" page suffix is fine, a word is not
    std::size_t n = q;
    code_point_at(s, q, &n);
    if (n < e && is_letter(code_point_at(s, n))) return p;
    q = n;
  }
  if (allow_range) {
    std::size_t r = q;
    while (r < e && s[r] == ' ') ++r;
    std::size_t dash_len = 0;
    // any dash text::is_dash knows: en and em dash, the minus, and the (non-breaking) hyphen of word
    // processors ("579‑616")
    if (r < e) {
      std::size_t n = r;
      if (text::is_dash(code_point_at(s, r, &n))) dash_len = n - r;
    }
    if (dash_len) {
      std::size_t t = r + dash_len;
      while (t < e && s[t] == ' ') ++t;
      std::size_t u = t;
      while (u < e && is_digit(s[u])) ++u;
      if (u > t) q = u;
    }
  }
  return q;
}

std::string normalize_range(std::string_view v) {
  std::string out;
  std::size_t p = 0;
  while (p < v.size()) {
    std::size_t n = p;
    const char32_t c = code_point_at(v, p, &n);
    if (c == ' ') {
      p = n;
      continue;
    }
    if (text::is_dash(c)) out += '-';
    else out.append(v.substr(p, n - p));
    p = n;
  }
  return out;
}

bool label_boundary_ok(const unit& u, std::size_t p, std::string_view form) {
  std::size_t ps = p;
  const char32_t before = p > u.b ? prev_code_point(u.s, p, &ps) : U' ';
  if (!is_letter(before) && !is_digit(static_cast<char>(before < 0x80 ? before : 0))) return true;
  // "ZhiznNo. 9": a capitalised label run into the previous word
  const char32_t first = code_point_at(form, 0);
  return is_upper(first) && is_lower(before) && form.size() >= 2;
}

// Whether a label at p follows a lower-case word of a publisher's name: GOST's " : " before it in the same
// area (no ". " between) and no punctuation between the word and the label.
bool in_publisher_name(std::string_view s, std::size_t rb, std::size_t p) {
  std::size_t w = p;
  while (w > rb && s[w - 1] == ' ') --w;
  if (w == rb || w == p) return false;
  std::size_t ws = w;
  if (!is_lower(prev_code_point(s, w, &ws))) return false;
  const std::string_view before = s.substr(rb, w - rb);
  const auto colon = before.rfind(" : ");
  return colon != std::string_view::npos && before.find(". ", colon) == std::string_view::npos &&
         before.find("//", colon) == std::string_view::npos;
}

void labelled_numbers(unit& u, std::size_t rb, std::size_t re) {
  const lexicon& L = lex();
  struct kind {
    const std::vector<lexicon_entry>* list;
    const char* field;
    bool range;
    bool roman;
  };
  // "Ст. 3451" / "art. 5222": the article of a law gazette, not a volume
  const kind kinds[] = {{&L.section, "section", false, false},
                        {&L.volume, "volume", false, true},
                        {&L.issue, "issue", true, false},
                        {&L.page, "page", true, false}};
  // the first bytes any label can start with, so that most positions are skipped at once
  static const auto first_bytes = [] {
    std::array<bool, 256> t{};
    for (const auto* list : {&lex().section, &lex().volume, &lex().issue, &lex().page})
      for (const auto& e : *list)
        if (!e.form.empty()) t[static_cast<unsigned char>(e.form[0])] = true;
    return t;
  }();
  std::size_t p = rb;
  while (p < re) {
    if (u.is_used(p) || !first_bytes[static_cast<unsigned char>(u.s[p])]) {
      ++p;
      continue;
    }
    {
      // a label starts a word, or is capitalised and run into the previous word ("ZhiznNo.")
      std::size_t ps = p;
      const char32_t before = p > u.b ? prev_code_point(u.s, p, &ps) : U' ';
      if (is_letter(before) && !is_upper(code_point_at(u.s, p))) {
        ++p;
        continue;
      }
    }
    bool hit = false;
    for (const auto& k : kinds) {
      for (const auto& entry : *k.list) {
        const std::string& f = entry.form;
        if (!starts_with_at(u.s, p, f) || p + f.size() > re) continue;
        if (!label_boundary_ok(u, p, f)) continue;
        // "СПб. : Полиграфическое предприятие №3, 1996": a number in a publisher's name (after GOST's " : "
        // in the same area, run on from a word in lower case), not an issue
        if (std::string_view(k.field) == "issue" && in_publisher_name(u.s, rb, p)) continue;
        std::size_t q = p + f.size();
        // the label must end the word ("No." / "vol14" / "№3")
        if (f.back() != '.' && q < re && is_letter(code_point_at(u.s, q))) continue;
        while (q < re && (u.s[q] == ' ' || starts_with_at(u.s, q, "\xC2\xA0"))) q += u.s[q] == ' ' ? 1 : 2;
        const std::size_t t = number_token(u.s, q, re, k.range, k.roman);
        if (t == q) continue;
        if (!u.cit.item.has(k.field)) {
          std::string v = std::string(k.field) == "page" || std::string(k.field) == "issue"
                              ? normalize_range(slice(u.s, q, t))
                              : std::string(slice(u.s, q, t));
          u.set(k.field, v, p, t, 0.9);
        }
        u.mark(p, t);
        p = t;
        hit = true;
        break;
      }
      if (hit) break;
    }
    if (!hit) {
      std::size_t n = p;
      code_point_at(u.s, p, &n);
      p = std::max(n, p + 1);
    }
  }
  // APA "5(3)": volume and issue
  for (std::size_t q = rb; q + 3 < re; ++q) {
    if (u.is_used(q) || !is_digit(u.s[q]) || (q > rb && (is_digit(u.s[q - 1]) || is_letter(prev_code_point(u.s, q))))) continue;
    std::size_t a = q;
    while (a < re && is_digit(u.s[a])) ++a;
    if (a - q > 4 || a >= re || u.s[a] != '(') continue;
    std::size_t c = a + 1;
    while (c < re && (is_digit(u.s[c]) || u.s[c] == '-' || u.s[c] == '/')) ++c;
    if (c == a + 1 || c >= re || u.s[c] != ')') continue;
    if (!u.cit.item.has("volume")) u.set("volume", std::string(slice(u.s, q, a)), q, a, 0.8);
    if (!u.cit.item.has("issue")) u.set("issue", std::string(slice(u.s, a + 1, c)), a + 1, c, 0.8);
    u.mark(q, c + 1);
  }
}

// ---------------------------------------------------------------- dates

void set_date(unit& u, const char* field, const date& d, std::size_t b, std::size_t e, double conf) {
  u.cit.item.dates[field] = d;
  u.source(field, b, e, conf);
}

// GOST gives a newspaper's day after its year: "2022. — 15 марта.", "2024. 15 мая", "2022. March 15".
void day_after_year(unit& u, int year, std::size_t year_end, std::size_t re) {
  std::size_t p = year_end;
  while (p < re && !u.is_used(p) &&
         (u.s[p] == '.' || u.s[p] == ' ' || u.s[p] == ',' || starts_with_at(u.s, p, "—") || starts_with_at(u.s, p, "–")))
    p += starts_with_at(u.s, p, "—") || starts_with_at(u.s, p, "–") ? 3 : 1;
  if (p == year_end || p >= re || u.is_used(p)) return;
  // two words: "15 марта" / "March 15"
  std::size_t q = p;
  for (int words = 0; words < 2 && q < re; ++words) {
    if (words) {
      if (u.s[q] != ' ') return;
      ++q;
    }
    const std::size_t w = q;
    while (q < re && !u.is_used(q) && u.s[q] != ' ' && u.s[q] != '.' && u.s[q] != ',' && u.s[q] != '(') ++q;
    if (q == w) return;
  }
  const std::string candidate = std::string(slice(u.s, p, q)) + " " + std::to_string(year);
  const auto found = find_dates(candidate);
  if (found.size() != 1 || found[0].begin != 0 || found[0].end != candidate.size()) return;
  const date& d = found[0].value;
  if (d.parts.size() != 1 || d.parts[0].year != year || d.parts[0].day == 0) return;
  set_date(u, "issued", d, p, q, 0.85);
  u.mark(p, q);
}

void dates_in(unit& u, std::size_t rb, std::size_t re) {
  std::string masked(slice(u.s, rb, re));
  for (std::size_t p = rb; p < re; ++p)
    if (u.is_used(p)) masked[p - rb] = ' ';
  for (const auto& d : find_dates(masked)) {
    std::size_t b = rb + d.begin;
    const std::size_t e = rb + d.end;
    // "Полиграфическое предприятие №3, 1996": the number belongs to the publisher's name, the date is the year
    const bool publisher_number = !d.issue.empty() && in_publisher_name(u.s, rb, b);
    if (publisher_number) {
      const std::size_t comma = u.s.substr(0, e).find(", ", b);
      if (comma == std::string_view::npos) continue;
      b = comma + 2;
    }
    const char* field = d.accessed ? "accessed" : "issued";
    if (u.cit.item.dates.count(field)) {
      if (!d.accessed && d.value.parts.size() == 1 && d.value.parts[0].month == 0) continue;  // another bare year
      continue;
    }
    set_date(u, field, d.value, b, e, d.value.parts[0].month ? 0.9 : 0.7);
    if (!d.accessed && d.value.parts.size() == 1 && d.value.parts[0].month == 0) day_after_year(u, d.value.parts[0].year, e, re);
    if (!d.issue.empty() && !publisher_number && !u.cit.item.has("issue")) u.set("issue", d.issue, b, e, 0.85);  // "No. 3 (2023)"
    std::size_t mb = b, me = e;
    // "(2023)" and "(дата обращения: 01.02.2024)": take the brackets and the label too
    // searches bounded to the unit and the distances checked below, so that a long note stays linear
    const std::size_t lo = std::max(rb, b >= 40 ? b - 40 : 0);
    const std::size_t open_at = u.s.substr(lo, b - lo + 1).rfind('(');
    const std::size_t open = open_at == std::string_view::npos ? open_at : lo + open_at;
    if (open != std::string_view::npos && open >= rb && b - open <= 40) {
      std::size_t close = u.s.substr(0, std::min(re, e + 4)).find(')', e);
      if (close != std::string_view::npos && close < re && close - e <= 3) {
        bool clean = true;
        for (std::size_t k = open + 1; k < b; ++k)
          if (u.s[k] == ')' || u.s[k] == '(') clean = false;
        if (clean && (d.accessed || std::string_view(masked).substr(open - rb + 1, b - open - 1).find_first_not_of(" ") == std::string_view::npos)) {
          mb = open;
          me = close + 1;
        }
      }
    }
    if (d.accessed) {
      // "Retrieved March 3, 2024, from https://…": the "from" belongs to the label
      std::size_t q = me;
      while (q < re && (u.s[q] == ',' || u.s[q] == ' ')) ++q;
      if (starts_with_at(u.s, q, "from ") && q + 4 <= re) me = q + 4;
      for (const auto& a : lex().accessed) {
        const auto at = u.s.substr(lo, b - lo + a.form.size()).rfind(a.form);
        const std::size_t k = at == std::string_view::npos ? at : lo + at;
        if (k != std::string_view::npos && k >= rb && b - k <= 40) mb = std::min(mb, k);
      }
    }
    u.mark(mb, me);
  }
}

// ---------------------------------------------------------------- publication facts

// "М.: Наука", "СПб. : Питер", "New York: Norton" at p: a place and the colon before a publisher.
bool place_colon_at(std::string_view s, std::size_t p, std::size_t e) {
  const std::size_t colon = s.substr(0, std::min(e, p + 40)).find(':', p);
  if (colon == std::string_view::npos || colon + 1 >= e || s[colon + 1] != ' ') return false;
  const std::string_view place = text::trim(slice(s, p, colon));
  for (const auto& l : lex().url_label)  // "URL: …", "Available at: …" label a link, not a place
    if (std::string_view(l.form).substr(0, l.form.find(':')) == place) return false;
  // "Aliyev. Oxford" is a name ending a sentence and a place; "St. Petersburg", "Washington, D. C." are places
  for (std::size_t k = place.find(". "); k != std::string_view::npos; k = place.find(". ", k + 1)) {
    std::size_t w = k;
    while (w > 0 && place[w - 1] != ' ') --w;
    if (k - w > 3) return false;
  }
  return !place.empty() && place != "URL" && name_like(place, 3);
}

bool all_digits(std::string_view v);

// "М., 2022" / "Томск, 2019": a place (an abbreviation of up to four letters, or a city) and a year, the
// imprint of a thesis or of a book without a publisher. Returns where the place starts in v, or npos.
std::size_t place_year_at(std::string_view v) {
  for (std::size_t k = v.find(", "); k != std::string_view::npos; k = v.find(", ", k + 1)) {
    std::size_t y = k + 2;
    if (y + 4 > v.size() || !all_digits(v.substr(y, 4)) || (y + 4 < v.size() && is_digit(v[y + 4]))) continue;
    std::size_t pb = k;
    while (pb > 0 && v[pb - 1] != ' ') --pb;
    const std::string_view place = v.substr(pb, k - pb);
    if (place.empty() || !is_upper(code_point_at(place, 0))) continue;
    const bool abbreviated = place.back() == '.' && place.size() <= 10;  // "М.", "СПб.", "Л."
    if (abbreviated || in_list(place, lex().city)) return pb;
  }
  return std::string_view::npos;
}
bool place_year_in(std::string_view v) { return place_year_at(v) != std::string_view::npos; }

// True when a word of `text` (its trailing , ; : left out) is in `list`.
bool has_word_in(std::string_view text, const std::vector<lexicon_entry>& list) {
  for (const auto& w : words_of(text))
    if (in_list(strip_word_punct(w), list)) return true;
  return false;
}

// True when `text` starts with the name of a kind of act ("Федеральный закон", "Указ"; with `treaty`, also
// "Договор", "Agreement").
bool starts_with_act(std::string_view text, bool treaty) {
  for (const auto& c : lex().type_cue)
    if ((c.value == "legislation" || (treaty && c.value == "treaty")) && text.rfind(c.form, 0) == 0) return true;
  return false;
}

// "Valdai Discussion Club Annual Report", "CSIS Brief", "press release": a name ending in a kind of publication.
bool ends_with_genre(std::string_view v) {
  for (const auto& g : lex().genre)
    if (v.size() == g.form.size() ? v == g.form && is_lower(code_point_at(v, 0))
                                  : v.size() > g.form.size() && v.compare(v.size() - g.form.size(), g.form.size(), g.form) == 0 &&
                                        v[v.size() - g.form.size() - 1] == ' ')
      return true;
  return false;
}

// "(London: Routledge, 2024)" / "(Santa Barbara, CA: Praeger, 2022)"
bool publication_parenthetical(unit& u, std::size_t rb, std::size_t re) {
  std::size_t p = rb;
  while (p < re) {
    const auto open = u.s.substr(0, re).find('(', p);  // bounded to the unit: linear in a long note
    if (open == std::string_view::npos || open >= re) return false;
    const auto close = u.s.substr(0, re).find(')', open);
    if (close == std::string_view::npos || close >= re) return false;
    const std::string_view in = slice(u.s, open + 1, close);
    const auto colon = in.find(':');
    const auto comma = in.rfind(',');
    // "(PhD diss., Harvard University, 2015)": a thesis, its university and year
    for (const auto& t : lex().thesis_paren) {
      const auto first = in.find(", ");
      if (in.rfind(t.form, 0) != 0 || first == std::string_view::npos || comma == first) continue;
      const auto found = find_dates(in.substr(comma + 1));
      if (found.empty()) continue;
      const std::size_t ib = open + 1;
      u.set("genre", std::string(in.substr(0, first)), ib, ib + first, 0.85);
      u.set("publisher", u.repaired(text::trim(in.substr(first + 2, comma - first - 2))), ib + first + 2, ib + comma, 0.85);
      if (!u.cit.item.dates.count("issued")) set_date(u, "issued", found[0].value, ib + comma + 1, close, 0.85);
      u.kind = "thesis";
      u.mark(open, close + 1);
      return true;
    }
    if (colon != std::string_view::npos && comma != std::string_view::npos && comma > colon) {
      std::string_view year = text::trim(in.substr(comma + 1));
      // "(Moscow: Valdai Discussion Club, October 2023)": a date with its month ends the statement too
      const auto dated = find_dates(year);
      const bool date_only = !dated.empty() && dated[0].begin == 0 && dated[0].end >= year.size();
      if (date_only || (year.size() >= 4 && is_digit(year[0]) && is_digit(year[1]) && is_digit(year[2]) && is_digit(year[3]))) {
        const std::size_t ib = open + 1;
        // "(London: Chatham House; Washington, DC: Brookings, 2008)": places and publishers joined by "; "
        std::string places, publishers;
        std::size_t from = 0;
        // "(1922; reprint London: Freedom Press, 1987)": the first edition's year, then the reprint's statement
        if (in.size() > 8 && all_digits(in.substr(0, 4)) && in.substr(4, 2) == "; ")
          for (const std::string_view w : {"reprint, ", "reprint ", "reprinted ", "repr. ", "rpt. ", "reissued "})
            if (in.substr(6, w.size()) == w && 6 + w.size() < colon) {
              if (const auto first = find_dates(in.substr(0, 4)); !first.empty())
                set_date(u, "original-date", first[0].value, ib, ib + 4, 0.8);
              from = 6 + w.size();
              break;
            }
        while (from < comma) {
          std::size_t next = comma;
          for (std::size_t k = in.find("; ", from); k != std::string_view::npos && k < comma; k = in.find("; ", k + 2))
            if (place_colon_at(u.s, ib + k + 2, close)) {
              next = k;
              break;
            }
          const std::string_view group = in.substr(from, next - from);
          const auto c = group.find(':');
          if (!places.empty()) {
            places += "; ";
            publishers += "; ";
          }
          places += u.repaired(text::trim(group.substr(0, std::min(c, group.size()))));
          if (c != std::string_view::npos) publishers += u.repaired(text::trim(group.substr(c + 1)));
          from = next == comma ? comma : next + 2;
        }
        u.set("publisher-place", places, ib, ib + colon, 0.85);
        u.set("publisher", publishers, ib + colon + 1, ib + comma, 0.85);
        const auto found = find_dates(year);
        if (!found.empty() && !u.cit.item.dates.count("issued")) {
          const std::size_t yb = ib + (year.data() - in.data());
          set_date(u, "issued", found[0].value, yb, yb + year.size(), 0.9);
        }
        u.mark(open, close + 1);
        return true;
      }
    }
    p = close + 1;
  }
  return false;
}

// "London: Routledge, 2024" or GOST "Москва : Наука, 2020" in the unused text of a book.
bool publication_statement(unit& u, std::size_t rb, std::size_t re) {
  std::size_t first_b = std::string_view::npos;
  std::string places, publishers;
  for (std::size_t p = rb; p < re; ++p) {
    if (u.s[p] != ':' || u.is_used(p)) continue;
    // place: back to the previous separator
    // back to the previous separator; an abbreviated place keeps its period ("М.: Наука", "N.Y.: Norton")
    // ("М. : Наука": the period before " :" is the place's own, so the place is not empty yet)
    std::size_t pb = p;
    while (pb > rb && !u.is_used(pb - 1) && u.s[pb - 1] != ';' && u.s[pb - 1] != '(' &&
           !(u.s[pb - 1] == '.' && pb < p && u.s[pb] == ' ' &&
             slice(u.s, pb, p).find_first_not_of(' ') != std::string_view::npos))
      --pb;
    std::size_t pe = p;
    trim_range(u.s, pb, pe, "—–,");
    std::size_t qb = p + 1, qe = p + 1;
    // the publisher runs to a comma or a period that ends it ("Изд-во Том. ун-та": an abbreviation goes on)
    // ("Изд-во С.-Петерб. ун-та": a period inside a word goes on too)
    while (qe < re && !u.is_used(qe) && u.s[qe] != ',' && u.s[qe] != ';' &&
           !(u.s[qe] == '.' && !(qe + 2 < re && u.s[qe + 1] == ' ' && is_lower(code_point_at(u.s, qe + 2))) &&
             !(qe + 1 < re && (u.s[qe + 1] == '-' || is_letter(code_point_at(u.s, qe + 1))))))
      ++qe;
    std::size_t pub_e = qe;
    trim_range(u.s, qb, pub_e);
    if (pb >= pe || qb >= pub_e) continue;
    if (!name_like(slice(u.s, pb, pe), 4)) continue;
    std::string place = u.repaired(slice(u.s, pb, pe));
    // "Oxford ; New York : Oxford University Press": earlier places of the same publisher, each before a ";"
    for (std::size_t k = pb, places_seen = 0; k > rb && places_seen < 4; ++places_seen) {  // a few places at most
      std::size_t j = k;
      while (j > rb && u.s[j - 1] == ' ') --j;
      if (j == rb || u.s[j - 1] != ';' || u.is_used(j - 1)) break;
      const std::size_t oe = j - 1;
      std::size_t ob = oe;
      while (ob > rb && !u.is_used(ob - 1) && u.s[ob - 1] != ';' && u.s[ob - 1] != ':' && u.s[ob - 1] != '(' &&
             !(u.s[ob - 1] == '.' && u.s[ob] == ' ' && slice(u.s, ob, oe).find_first_not_of(' ') != std::string_view::npos))
        --ob;
      if (ob > rb && u.s[ob - 1] == ':') break;  // "London: Chatham House; Washington, DC: …" is another publisher
      std::size_t tb = ob, te = oe;
      trim_range(u.s, tb, te, "—–,");
      if (tb >= te || !name_like(slice(u.s, tb, te), 3)) break;
      place = u.repaired(slice(u.s, tb, te)) + "; " + place;
      pb = tb;
      k = tb;
    }
    // a year must follow soon after (already consumed as a date, or a bare year)
    bool year_follows = false;
    for (std::size_t k = qe; k < std::min(re, qe + 16); ++k)
      if (is_digit(u.s[k])) year_follows = true;
    // APA: "Smith, J. (2008). Title. Toronto, ON: Viking." — the year was read before, the statement ends
    // the citation
    if (!year_follows && u.cit.item.dates.count("issued")) {
      std::size_t k = qe;
      while (k < re && (u.s[k] == '.' || u.s[k] == ' ')) ++k;
      year_follows = k >= re;
    }
    if (!year_follows) {
      // "London: Chatham House; Washington, DC: Brookings, 2008": places and publishers joined by "; "
      std::size_t r = qe;
      if (r < re && u.s[r] == ';') {
        ++r;
        while (r < re && u.s[r] == ' ') ++r;
        if (place_colon_at(u.s, r, re)) {
          if (first_b == std::string_view::npos) first_b = pb;
          places += place + "; ";
          publishers += u.repaired(slice(u.s, qb, pub_e)) + "; ";
        }
      }
      continue;
    }
    if (first_b == std::string_view::npos) first_b = pb;
    u.set("publisher-place", places + place, first_b, pe, 0.75);
    u.set("publisher", publishers + u.repaired(slice(u.s, qb, pub_e)), first_b, pub_e, 0.75);
    u.mark(first_b, pub_e);
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- the rest of a citation

struct piece {
  std::size_t b, e;
};

// "ed." / "trans." / "под ред." end just before the period at p.
bool abbreviation_before(std::string_view s, std::size_t rb, std::size_t p) {
  for (const auto* list : {&lex().editor, &lex().translator}) {
    for (const auto& e : *list) {
      const std::string& f = e.form;
      if (f.empty() || f.back() != '.' || p + 1 < f.size()) continue;
      const std::size_t start = p + 1 - f.size();
      if (start < rb || s.compare(start, f.size(), f) != 0) continue;
      if (start == rb || !is_letter(prev_code_point(s, start))) return true;
    }
  }
  return false;
}

std::vector<piece> unused_pieces(const unit& u, std::size_t rb, std::size_t re) {
  std::vector<piece> out;
  std::size_t p = rb;
  auto flush = [&](std::size_t b, std::size_t e) {
    trim_range(u.s, b, e, ",.;:()[]—–-");
    if (b < e) out.push_back({b, e});
  };
  std::size_t start = rb;
  while (p < re) {
    if (u.is_used(p)) {
      flush(start, p);
      while (p < re && u.is_used(p)) ++p;
      start = p;
      continue;
    }
    const char c = u.s[p];
    bool sep = c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']';
    if (c == ':' && (p + 1 >= re || u.s[p + 1] == ' ')) sep = true;
    if (c == '.' && (p + 1 >= re || u.s[p + 1] == ' ') && abbreviation_before(u.s, rb, p)) {
      ++p;
      continue;
    }
    if (c == '.' && (p + 1 >= re || u.s[p + 1] == ' ')) {
      // not after a lone capital ("U.S. News") 
      std::size_t ps = p;
      const char32_t before = prev_code_point(u.s, p, &ps);
      std::size_t ps2 = ps;
      const char32_t before2 = prev_code_point(u.s, ps, &ps2);
      sep = !(is_upper(before) && (before2 == '.' || before2 == ' ' || ps == rb));
    }
    if (starts_with_at(u.s, p, "—") || starts_with_at(u.s, p, "–")) {
      const bool spaced = p > rb && u.s[p - 1] == ' ';
      if (spaced) sep = true;
    }
    if (sep) {
      flush(start, p);
      std::size_t n = p;
      code_point_at(u.s, p, &n);
      p = n;
      start = p;
      continue;
    }
    ++p;
  }
  flush(start, re);
  return out;
}

bool all_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return is_digit(c); });
}

bool is_page_range(std::string_view v) {
  std::size_t q = number_token(v, 0, v.size(), true, false);
  return q == v.size() && normalize_range(v).find('-') != std::string::npos;
}

bool is_url_label(std::string_view v) {
  for (const auto& l : lex().url_label) {
    std::string f = l.form;
    while (!f.empty() && f.back() == ':') f.pop_back();
    if (v == f) return true;
  }
  return v == "URL" || v == "Электронный ресурс" || v == "Electronic resource" || v == "Online" || v == "online";
}

void set_names(unit& u, std::string_view raw, std::size_t b, std::size_t e, double conf, bool force_editor = false,
               int name_case = -1);

// What a reference list says of a book besides its publisher: "ISBN 978-5-…", the edition ("2-е изд.",
// "3rd ed.") and the number of pages ("345 с.", "277 p."). Read first, so that no digit of an ISBN is
// taken for a year and "ed." after an edition is not an editor's.
void book_facts(unit& u, std::size_t rb, std::size_t re) {
  const std::string_view s = u.s;
  for (std::size_t p = rb; p < re; ++p) {
    if (u.is_used(p)) continue;
    const bool word_start = p == rb || !is_letter(prev_code_point(s, p));
    if (word_start && starts_with_at(s, p, "ISBN")) {
      std::size_t q = p + 4;
      while (q < re && (s[q] == ' ' || s[q] == ':')) ++q;
      std::size_t t = q;
      int digits = 0;
      while (t < re && (is_digit(s[t]) || s[t] == '-' || s[t] == 'X' || s[t] == 'x')) digits += s[t++] != '-';
      while (t > q && s[t - 1] == '-') --t;
      if (digits == 10 || digits == 13) {
        if (!u.cit.item.has("ISBN")) u.set("ISBN", std::string(slice(s, q, t)), q, t, 0.95);
        u.mark(p, t);
        p = t;
      }
      continue;
    }
    if (!is_digit(s[p]) || !word_start || (p > rb && is_digit(s[p - 1]))) continue;
    std::size_t q = p;
    while (q < re && is_digit(s[q])) ++q;
    auto ends_word = [&](std::size_t k) {
      return k >= re || s[k] == ' ' || s[k] == ',' || s[k] == ';' || s[k] == ')' || s[k] == ']';
    };
    bool hit = false;
    for (const std::string_view suffix : {"-е изд.", "-е изд", "-е издание", "st ed.", "nd ed.", "rd ed.", "th ed.",
                                          "st edn", "nd edn", "rd edn", "th edn", "st edition", "nd edition",
                                          "rd edition", "th edition"}) {
      const std::size_t k = q + suffix.size();
      if (!starts_with_at(s, q, suffix) || k > re || (suffix.back() != '.' && !ends_word(k) && s[k] != '.')) continue;
      // "2-е изд., испр. и доп.": the rest of the edition statement, lower-case words, goes with it
      std::size_t end = k;
      if (end + 2 < re && s[end] == ',' && s[end + 1] == ' ' && is_lower(code_point_at(s, end + 2))) {
        std::size_t r = end + 2;
        while (r < re && !(s[r] == '.' && (r + 1 >= re || (s[r + 1] == ' ' && !is_lower(code_point_at(s, r + 2))))) &&
               s[r] != ',' && !u.is_used(r))
          ++r;
        if (r < re && s[r] == '.') end = r + 1;
      }
      if (!u.cit.item.has("edition")) u.set("edition", std::string(slice(s, p, q)), p, k, 0.9);
      u.mark(p, end);
      hit = true;
      break;
    }
    // "399, [1] с.": unnumbered pages in brackets after the numbered ones
    std::size_t qe = q;
    if (!hit && q + 3 < re && s[q] == ',' && s[q + 1] == ' ' && s[q + 2] == '[') {
      std::size_t k = q + 3;
      while (k < re && is_digit(s[k])) ++k;
      if (k > q + 3 && k < re && s[k] == ']') qe = k + 1;
    }
    if (!hit && qe + 1 < re && s[qe] == ' ')
      for (const std::string_view pages : {"с.", "p.", "pp.", "S.", "стр."}) {
        const std::size_t k = qe + 1 + pages.size();
        // "345 с." ends an area; "С. 45" (a label before its number) is the page cited
        if (!starts_with_at(s, qe + 1, pages) || !ends_word(k)) continue;
        if (!u.cit.item.has("number-of-pages")) u.set("number-of-pages", std::string(slice(s, p, q)), p, k, 0.85);
        u.mark(p, k);
        break;
      }
    p = q;
  }
}

bool romanized_russian(std::string_view s, int needed = 3);

void parse_rest(unit& u, std::size_t rb, std::size_t re, bool container_expected) {
  if (rb >= re) return;
  book_facts(u, rb, re);
  const bool book_paren = publication_parenthetical(u, rb, re);
  dates_in(u, rb, re);
  labelled_numbers(u, rb, re);
  // where a container was expected, "Toronto, ON: Viking." with no number after the title is a book's
  // publication statement all the same (APA's books)
  const std::string_view rest_text = slice(u.s, rb, re);
  const bool no_numbers = std::none_of(rest_text.begin(), rest_text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!book_paren && (!container_expected || no_numbers) && !publication_statement(u, rb, re)) {
    // "М., 2022. 214 с.": a place and a year without a publisher
    const std::string_view rest = slice(u.s, rb, re);
    if (const std::size_t at = place_year_at(rest); at != std::string_view::npos && !u.is_used(rb + at)) {
      const std::size_t comma = rest.find(", ", at);
      u.set("publisher-place", std::string(rest.substr(at, comma - at)), rb + at, rb + comma, 0.7);
      u.mark(rb + at, rb + comma + 1);
    }
  }
  bool container_done = container_expected ? u.cit.item.has("container-title") : u.cit.item.has("publisher");
  const auto pieces = unused_pieces(u, rb, re);
  for (std::size_t pi = 0; pi < pieces.size(); ++pi) {
    const piece& pc = pieces[pi];
    std::string_view v = slice(u.s, pc.b, pc.e);
    if (is_page_range(v) || (all_digits(v) && book_paren && pc.b > rb)) {
      // after "(Place: Publisher, Year)" a number is the page cited, not part of the work
      if (book_paren && !u.cit.item.has("container-title")) {
        if (u.cit.locator.empty()) u.cit.locator = normalize_range(v);
      } else if (!u.cit.item.has("page")) {
        u.set("page", normalize_range(v), pc.b, pc.e, 0.7);
      }
      continue;
    }
    // "New York Times, February 5, 2022, A1.": a newspaper's section and page
    if (container_done && container_expected && v.size() >= 2 && v.size() <= 4 && v[0] >= 'A' && v[0] <= 'Z' &&
        all_digits(v.substr(1)) && !u.cit.item.has("page")) {
      u.set("page", std::string(v), pc.b, pc.e, 0.6);
      continue;
    }
    if (all_digits(v)) {
      if (v.size() == 4 && !u.cit.item.dates.count("issued")) {
        auto d = find_dates(v);
        if (!d.empty()) set_date(u, "issued", d[0].value, pc.b, pc.e, 0.6);
      } else if (container_done && container_expected && pi > 0 && only_remark_after(slice(u.s, pc.e, re)) &&
                 text::trim(slice(u.s, pieces[pi - 1].e, pc.b)) == "," && !u.cit.item.has("page") &&
                 u.cit.locator.empty() && !u.cit.item.has("volume") && !text::has_cyrillic(slice(u.s, u.b, u.e))) {
        // "“Svobodnyi chelovek,” in Il’in, Novaia natsional’naia Rossiia, 635": a number after the book, last
        // and after a comma, is the page cited
        u.cit.locator = std::string(v);
        u.mark(pc.b, pc.e);
      } else if (container_done && !u.cit.item.has("volume") && v.size() <= 3 &&
                 !(pc.b > rb && u.s[pc.b - 1] == '(' && u.cit.item.has("issue"))) {  // "№ 2 (76)": a running number
        // "— 2010. — 3 (76).": a Russian journal's issue and, in brackets, its running number
        std::size_t k = pc.e;
        while (k < re && u.s[k] == ' ') ++k;
        std::size_t d = k + 1;
        while (d < re && is_digit(u.s[d])) ++d;
        const bool running = k < re && u.s[k] == '(' && d > k + 1 && d - k - 1 <= 6 && d < re && u.s[d] == ')' &&
                             std::stoi(std::string(slice(u.s, k + 1, d))) > std::stoi(std::string(v)) &&
                             text::has_cyrillic(slice(u.s, u.b, u.e));
        if (running && !u.cit.item.has("issue")) u.set("issue", std::string(v), pc.b, pc.e, 0.6);
        else u.set("volume", std::string(v), pc.b, pc.e, 0.5);
      }
      continue;
    }
    {
      // "ed. Andrei Tsygankov" / "под ред. А. А. Сидорова" / "trans. X"
      std::size_t len = 0;
      if (matches_any(u.s, pc.b, lex().editor, len) && pc.b + len < pc.e && u.s[pc.b + len] == ' ') {
        std::size_t nb = pc.b + len + 1, ne = pc.e;
        trim_range(u.s, nb, ne);
        if (nb < ne) set_names(u, slice(u.s, nb, ne), pc.b, pc.e, 0.75, true);
        continue;
      }
      if (matches_any(u.s, pc.b, lex().translator, len) && pc.b + len < pc.e && u.s[pc.b + len] == ' ') continue;
    }
    bool letters = false;
    for (std::size_t k = 0; k < v.size();) {
      if (is_letter(text::next_code_point(v, k))) {
        letters = true;
        break;
      }
    }
    if (!letters || is_url_label(v)) continue;
    // "Rossiia v global'noi politike 15, no. 2": a capitalised name with a volume after a title is a
    // journal, however many of its words are in lower case
    const bool journal_with_volume = [&] {
      if (!container_expected || container_done || !is_upper(code_point_at(v, 0)) || words_of(v).size() > 7) return false;
      std::size_t k = v.size();
      while (k > 0 && is_digit(v[k - 1])) --k;
      if (k < v.size() && v.size() - k <= 4 && k > 1 && v[k - 1] == ' ' && u.cit.item.has("issue")) return true;
      // "Mirovaia ekonomika i mezhdunarodnye otnosheniia, 64(9), 98–107": the numbers read already
      return u.cit.item.has("volume") && u.cit.item.has("issue");
    }();
    // "in Russia and the World Order after 2014, ed. …": a title-case name where the container is due
    const bool title_case = [&] {
      if (!container_expected || container_done || !is_upper(code_point_at(v, 0))) return false;
      int upper = 0, lower = 0;
      for (const auto& w : words_of(v)) {
        const char32_t c = code_point_at(w, 0);
        if (is_upper(c)) ++upper;
        else if (is_lower(c) && !in_list(w, lex().and_) && !in_list(w, lex().english_word) && w != "a")
          ++lower;
      }
      return upper >= 2 && lower == 0;
    }();
    // "Rossiiskii sovet po mezhdunarodnym delam": a romanized Russian name in sentence case
    const bool romanized_name = container_expected && !container_done && is_upper(code_point_at(v, 0)) &&
                                words_of(v).size() <= 8 && romanized_russian(v);
    if (!journal_with_volume && !title_case && !romanized_name && looks_like_prose(v)) {
      u.add_commentary(v);
      continue;
    }
    // "“Foreign Minister Sergey Lavrov's remarks,” press release, January 18, 2023" and "Strategic Studies Institute
    // Report": a kind of publication, not a venue; "China-Russia Report" (a newsletter) is a venue
    const bool kind_of_publication = !u.cit.item.has("genre") && words_of(v).size() <= 7 && [&] {
      if (ends_with_genre(v) && is_lower(code_point_at(v, 0))) return true;  // "press release"
      bool genre_word = false;
      for (const auto& w : words_of(v)) {
        const std::string t = strip_word_punct(w);
        for (const auto& g : lex().genre) genre_word = genre_word || (t == g.form && is_upper(code_point_at(t, 0)));
      }
      // "Strategic Studies Institute Report"; "BOFIT Policy Brief 7/2023 (Helsinki: …, 2023)"
      return genre_word && (book_paren || has_word_in(v, lex().think_tank_word));
    }();
    // "“…,” interview by Gleb Stoliarov, Izvestiia": the interviewer
    for (const std::string_view by : {"interview by ", "interviewed by "})
      if (v.rfind(by, 0) == 0 && v.size() > by.size()) {
        auto nl = parse_names(v.substr(by.size()), *u.opts);
        for (auto& n : nl.names) u.cit.item.names["interviewer"].push_back(std::move(n));
        u.source("interviewer", pc.b + by.size(), pc.e, 0.75);
        u.kind = "interview";
        v = {};
        break;
      }
    if (v.empty()) continue;
    // "“…,” Astana, October 6, 2023": a city where the venue would be is where it was said
    // ("Paris: Presses Universitaires de France" is the place of a publisher)
    if (!container_done && in_list(v, lex().city)) {
      std::size_t q = pc.e;
      while (q < u.e && u.s[q] == ' ') ++q;
      const bool publisher_follows = q < u.e && u.s[q] == ':' && !u.cit.item.has("publisher-place");
      u.set(publisher_follows ? "publisher-place" : "event-place", std::string(v), pc.b, pc.e, 0.7);
      continue;
    }
    if (kind_of_publication) {
      u.set("genre", std::string(v), pc.b, pc.e, 0.7);
      continue;
    }
    if (!container_done) {
      std::size_t cb = pc.b, ce = pc.e;
      // "in Ivan Aleksandrovich Il’in, Novaia natsional’naia Rossiia: …" / "in Il’in, Novaia …": a chapter in a
      // book cited under its author; the name is the book's author and the next piece its title
      if (container_expected && pi + 1 < pieces.size() && u.cit.item.names_of("container-author").empty() &&
          text::trim(slice(u.s, pc.e, pieces[pi + 1].b)) == "," && book_author_words(v)) {
        const std::string_view next = slice(u.s, pieces[pi + 1].b, pieces[pi + 1].e);
        std::size_t len = 0;
        if (words_of(next).size() >= 2 && is_upper(code_point_at(next, 0)) && !name_like(next, 12) &&
            !matches_any(u.s, pieces[pi + 1].b, lex().editor, len) &&
            !matches_any(u.s, pieces[pi + 1].b, lex().translator, len) && find_dates(next).empty()) {
          auto nl = parse_names(v, *u.opts);
          if (nl.names.size() == 1 && !nl.names[0].is_literal()) {
            u.cit.item.names["container-author"] = std::move(nl.names);
            u.source("container-author", pc.b, pc.e, 0.6);
            ++pi;
            cb = pieces[pi].b;
            ce = pieces[pi].e;
          }
        }
      }
      // "Journal of Things 5" (Chicago bibliography): the volume follows the title
      std::size_t k = ce;
      while (k > cb && is_digit(u.s[k - 1])) --k;
      const bool year_like = ce - k == 4 && (u.s[k] == '1' || u.s[k] == '2');  // "… after 2014" ends a title
      if (k < ce && k > cb + 1 && u.s[k - 1] == ' ' && ce - k <= 4 && !year_like && !u.cit.item.has("volume")) {
        u.set("volume", std::string(slice(u.s, k, ce)), k, ce, 0.6);
        ce = k - 1;
        trim_range(u.s, cb, ce);
      }
      // "Rossiia i Vostok: Problemy vzaimodeistviia": a subtitle after ": " belongs to the container
      if (container_expected && pi + 1 < pieces.size() && slice(u.s, ce, pieces[pi + 1].b).find_first_not_of(": ") ==
                                                               std::string_view::npos &&
          slice(u.s, ce, pieces[pi + 1].b).find(':') != std::string_view::npos) {
        const std::string_view sub = slice(u.s, pieces[pi + 1].b, pieces[pi + 1].e);
        std::size_t len = 0;
        // (a subtitle may hold years: "Publitsistika 1924–1952 godov"; a date is not a subtitle)
        const auto sub_dates = find_dates(sub);
        if (is_upper(code_point_at(sub, 0)) && (sub_dates.empty() || (sub_dates[0].begin > 0 && words_of(sub).size() >= 3)) &&
            !matches_any(u.s, pieces[pi + 1].b, lex().editor, len)) {
          ce = pieces[pi + 1].e;
          ++pi;
        }
      }
      // "Vestnik Moskovskogo universiteta. Seriia 25: Mezhdunarodnye otnosheniia": a journal's series, with
      // its own title after the colon, belongs to the journal's name
      while (container_expected && pi + 1 < pieces.size() &&
             slice(u.s, ce, pieces[pi + 1].b).find_first_not_of(". :") == std::string_view::npos) {
        const std::string_view next = slice(u.s, pieces[pi + 1].b, pieces[pi + 1].e);
        bool series = false;
        for (const std::string_view w : {"Seriia ", "Seriya ", "Series ", "Серия ", "Сер. ", "Ser. "})
          series = series || next.rfind(w, 0) == 0;
        const bool after_series = slice(u.s, cb, ce).find("Seri") != std::string_view::npos ||
                                  slice(u.s, cb, ce).find("Сер") != std::string_view::npos;
        if (!series && !(after_series && slice(u.s, ce, pieces[pi + 1].b).find(':') != std::string_view::npos)) break;
        ce = pieces[pi + 1].e;
        ++pi;
      }
      const std::string field = container_expected ? "container-title" : "publisher";
      u.set(field, u.repaired(slice(u.s, cb, ce)), cb, ce, container_expected ? 0.8 : 0.6);
      container_done = true;
    }
  }
}

// ---------------------------------------------------------------- type and language

bool contains_word(std::string_view hay, std::string_view w) {
  std::size_t p = 0;
  while ((p = hay.find(w, p)) != std::string_view::npos) {
    const bool left = p == 0 || !is_letter(prev_code_point(hay, p));
    const bool right = p + w.size() >= hay.size() || !is_letter(code_point_at(hay, p + w.size()));
    if (left && right) return true;
    p += w.size();
  }
  return false;
}

std::string infer_type(const unit& u, bool book_like, bool chapter) {
  const reference& r = u.cit.item;
  if (u.act) return "legislation";
  if (!u.kind.empty()) return u.kind;
  if (u.interview) return "interview";
  const std::string_view title = r.get("title");
  for (const auto& t : lex().thesis)
    if (u.s.substr(u.b, u.e - u.b).find(t.form) != std::string_view::npos) return "thesis";
  for (const auto& cue : lex().type_start)
    if (title.rfind(cue.form, 0) == 0) return cue.value;
  for (const auto& cue : lex().type_cue)
    if (contains_word(title, cue.form) || contains_word(r.get("genre"), cue.form)) return cue.value;
  const bool container = r.has("container-title");
  if (chapter && container) return "chapter";
  if (r.has("publisher") && !container) {
    // "(Washington, DC: Carnegie Endowment for International Peace, 2022)": what a think tank publishes is a report
    const std::string_view publisher = r.get("publisher");
    const bool press = has_word_in(publisher, lex().publisher_word) || contains_word(publisher, "University") ||
                       contains_word(publisher, "Университет");
    return has_word_in(publisher, lex().think_tank_word) && !press ? "report" : "book";
  }
  if (book_like && !container) return "book";
  const date* d = r.date_of("issued");
  if (r.has("URL")) {
    const std::string_view url = r.get("URL");
    const auto host_end = url.find('/', url.find("//") == std::string_view::npos ? 0 : url.find("//") + 2);
    const std::string_view host = url.substr(0, host_end);
    for (const auto& h : lex().blog_host)
      if (host.find(h.form) != std::string_view::npos) return "post-weblog";
  }
  if (container && !r.has("volume") && !r.has("issue")) {
    // a page of an organisation (club, council, institute, university), not a periodical
    for (const auto& w : words_of(r.get("container-title")))
      if (w != "The" && in_list(strip_word_punct(w), lex().org)) return "webpage";
  }
  if (container) {
    if (r.has("volume") || r.has("issue") || r.has("page")) return "article-journal";
    if (d && !d->parts.empty() && d->parts[0].day != 0) return "article-newspaper";
    if (d && !d->parts.empty()) return "article-journal";
    return "article-newspaper";
  }
  if (r.has("URL")) return "webpage";
  return "document";
}

// How much a text in Latin letters reads as romanized Russian: two points for each Russian function word,
// one for each soft sign inside a word or Russian ending; -1 when it has an English function word
// ("Ot Povorota na Vostok k Bol'shoi Evrazii", "Rossiia v global'noi politike").
int romanized_evidence(std::string_view s) {
  int russian = 0;
  for (const auto& w0 : words_of(s)) {
    // the soft sign as LC and typographers write it: ’ ʹ ʼ as well as ' (one pass: linear in the word)
    std::string w;
    w.reserve(w0.size());
    const std::string lowered = text::ascii_lower(w0);
    for (std::size_t k = 0; k < lowered.size();) {
      std::size_t n = k;
      const char32_t c = code_point_at(lowered, k, &n);
      if (c == U'’' || c == U'ʹ' || c == U'ʼ') w += '\'';
      else w.append(lowered, k, n - k);
      k = std::max(n, k + 1);
    }
    while (!w.empty() && std::string_view(",.:;!?)»”\"").find(w.back()) != std::string_view::npos) w.pop_back();
    while (!w.empty() && std::string_view("(«“\"").find(w.front()) != std::string_view::npos) w.erase(0, 1);
    if (in_list(w, lex().english_word)) return -1;
    // one-letter words as written: "i" (and), "v", "k", "s", "o" in lower case; English "I" is upper case
    const bool one_letter_russian =
        w.size() == 1 && w0.size() == 1 && std::string_view("ivkso").find(w0[0]) != std::string_view::npos;
    if (one_letter_russian || (w.size() > 1 && in_list(w, lex().romanized_word))) {
      russian += 2;
      continue;
    }
    // a soft sign inside a word ("Bol'shoi", "Interv'iu", "desiat'"), not an English contraction or possessive
    if (const auto apostrophe = w.find('\''); apostrophe != std::string::npos && apostrophe > 0) {
      const std::string after = w.substr(apostrophe + 1);
      if (after != "s" && after != "t" && after != "ll" && after != "re" && after != "ve" && after != "d" && after != "m" &&
          !(after.empty() && w[apostrophe - 1] == 's')) {
        ++russian;
        continue;
      }
    }
    for (const auto& e : lex().romanized_ending)
      if (w.size() > e.form.size() + 2 && w.compare(w.size() - e.form.size(), e.form.size(), e.form) == 0) {
        ++russian;
        break;
      }
  }
  return russian;
}

bool romanized_russian(std::string_view s, int needed) { return romanized_evidence(s) >= needed; }

// The language of a work: its title's script; a Latin title that reads as romanized Russian, alone or with
// the container it appeared in ("Svoboda" in "Novaia natsional’naia Rossiia"), is Russian.
std::string language_of(std::string_view s);
std::string work_language(const reference& r, bool translated_title) {
  const std::string_view title = r.has("title") ? r.get("title") : r.get("container-title");
  std::string lang = language_of(title);
  // a Latin-script title may be romanized Russian whatever its function words say ("Rossiiskie SMI o Kitae")
  if (lang.empty() || lang == "ru" || !r.has("title")) return lang;
  const int own = romanized_evidence(title);
  if (own < 0) return lang;
  if (translated_title && own >= 1) return "ru";
  const int container = r.has("container-title") ? romanized_evidence(r.get("container-title")) : 0;
  if (container >= 3) return "ru";
  return lang;
}

std::string language_of(std::string_view s) {
  if (text::has_cyrillic(s)) return "ru";
  for (std::size_t p = 0; p < s.size();)
    if (text::script_of(text::next_code_point(s, p)) == text::script::latin) {
      if (romanized_russian(s)) return "ru";
      // French, German, … titles by their function words; English when nothing tells
      std::string lang = text::guess_latin_language(s);
      return lang.empty() ? "en" : lang;
    }
  return "";
}

void set_names(unit& u, std::string_view raw, std::size_t b, std::size_t e, double conf, bool force_editor,
               int name_case) {
  auto nl = parse_names(raw, *u.opts, name_case);
  if (nl.names.empty()) return;
  const char* field = nl.role == "translator"            ? "translator"
                      : nl.role == "compiler"            ? "compiler"
                      : (nl.editors || force_editor)     ? "editor"
                                                         : "author";
  auto& list = u.cit.item.names[field];
  for (auto& n : nl.names) list.push_back(std::move(n));
  u.source(field, b, e, nl.names.size() == 1 && !list.back().literal.empty() ? conf * 0.8 : conf);
  if (nl.etal) u.cit.item.custom["et-al"] = true;
}

// Where a label that introduces the link at `link` begins ("URL: ", "Режим доступа: ", "Available at "),
// or `link` when there is none: the label belongs to the link, not to the title before it.
std::size_t url_label_before(std::string_view s, std::size_t b, std::size_t link) {
  std::size_t q = link;
  while (q > b && s[q - 1] == ' ') --q;
  for (const auto& l : lex().url_label) {
    std::string_view f = l.form;
    while (!f.empty() && f.back() == ':') f.remove_suffix(1);
    std::size_t r = q;
    if (r > b && s[r - 1] == ':') {
      --r;
      while (r > b && s[r - 1] == ' ') --r;  // "URL :"
    }
    if (r - b < f.size() || s.substr(r - f.size(), f.size()) != f) continue;
    // a label after punctuation ("Title. URL: …", "— URL: …"), not inside prose ("… is available at …")
    std::size_t before = r - f.size();
    while (before > b && s[before - 1] == ' ') --before;
    if (before == b || std::string_view(".,;:)]").find(s[before - 1]) != std::string_view::npos ||
        starts_with_at(s, before >= 3 ? before - 3 : before, "—"))
      return r - f.size();
  }
  return link;
}

// A law or decree before its name: "Федеральный закон от 28.12.2010 № 390-ФЗ", "Federal'nyi zakon ot
// 14.07.2022 № 255-FZ", "Указ Президента Российской Федерации от 31.03.2023 № 229". Sets the date of adoption
// (issued) and the number; false when [lb, le) does not start with a kind of act.
bool legislation_lead(unit& u, std::size_t lb, std::size_t le) {
  const std::string_view lead = slice(u.s, lb, le);
  if (!starts_with_act(lead, false)) return false;
  u.act = true;
  for (const auto& d : find_dates(lead))
    if (d.value.parts.size() == 1 && d.value.parts[0].day != 0) {
      set_date(u, "issued", d.value, lb + d.begin, lb + d.end, 0.9);
      break;
    }
  for (const std::string_view sign : {"№", "No."}) {
    const auto k = lead.find(sign);
    if (k == std::string_view::npos) continue;
    std::size_t q = k + sign.size();
    while (q < lead.size() && lead[q] == ' ') ++q;
    std::size_t t = q;
    while (t < lead.size() && lead[t] != ' ' && lead[t] != ',') ++t;
    if (t > q) u.set("number", std::string(lead.substr(q, t - q)), lb + q, lb + t, 0.85);
    break;
  }
  u.mark(lb, le);
  return true;
}

// ---------------------------------------------------------------- the styles

std::size_t sentence_end(const unit& u, std::size_t p, std::size_t e);

// GOST puts a space before the colon of a subtitle ("Название : подзаголовок"); the title has none.
std::string without_space_before_colon(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!(v[i] == ' ' && i + 1 < v.size() && v[i + 1] == ':')) out += v[i];
  return out;
}

// GOST R 7.0.100: "Иванов И. И. Название / И. И. Иванов // Журнал. — 2023. — Т. 5, № 3. — С. 23–34."
bool parse_gost(unit& u, bool& chapter) {
  const std::string_view s = u.s;
  std::size_t dbl = std::string_view::npos;
  for (std::size_t p = u.b; p + 2 <= u.e; ++p)
    if (!u.is_used(p) && s[p] == '/' && p + 1 < u.e && s[p + 1] == '/') {
      dbl = p;
      break;
    }
  std::size_t dash_area = std::string_view::npos;
  for (std::size_t p = u.b; p + 5 <= u.e; ++p)
    if (s[p] == '.' && !u.is_used(p) && (starts_with_at(s, p, ". — ") || starts_with_at(s, p, ". – "))) {
      dash_area = p;
      break;
    }
  if (dbl == std::string_view::npos && dash_area == std::string_view::npos) {
    // a work under its title with a statement of responsibility, no dashes: "Энергетическая безопасность
    // Центральной Азии / Е. В. Петрова [и др.] ; под общ. ред. Р. К. Садыкова. Алматы : КИСИ, 2021. 244 с."
    std::size_t sor = std::string_view::npos;
    for (std::size_t p = u.b; p + 3 <= u.e && p < u.b + 400; ++p) {
      if (is_opening_quote(code_point_at(s, p)) && s[p] != '\'') break;  // a quoted title is not GOST's
      if (s[p] == ' ' && s[p + 1] == '/' && s[p + 2] == ' ' && !u.is_used(p)) {
        sor = p;
        break;
      }
    }
    if (sor != std::string_view::npos && sor > u.b)
      for (std::size_t q = sor + 3; q + 2 < u.e && q < sor + 400; ++q)
        if (s[q] == '.' && s[q + 1] == ' ' && !u.is_used(q) &&
            (place_colon_at(s, q + 2, u.e) || place_year_in(slice(s, q + 2, std::min(u.e, q + 40))))) {
          dash_area = q;
          break;
        }
  }
  if (dbl == std::string_view::npos && dash_area == std::string_view::npos) {
    // GOST R 7.0.5 in a note without dashes: "Лукин А. В. Поворот на Восток. М.: Весь мир, 2014. С. 45."
    // or several: "Кашин В. Б., Тимофеев И. Н. [и др.] Название. М.: Валдай, 2022."
    const auto ws = words_of(slice(s, u.b, std::min(u.e, u.b + 300)));
    auto initial = [](const std::string& w) {
      const std::string t = strip_word_punct(w);
      return is_initialish(t) && t.find('.') != std::string::npos;
    };
    std::size_t k = 0;
    for (;;) {
      if (k + 1 >= ws.size() || ws[k].back() == ',' || !is_name_word(ws[k]) || initial(ws[k]) || !initial(ws[k + 1]))
        return false;
      ++k;
      for (std::size_t n = 0; k < ws.size() && n < 2 && initial(ws[k]); ++n)
        if (ws[k++].back() == ',') break;
      if (ws[k - 1].back() != ',') break;  // a comma after the initials: another author follows
    }
    if (k < ws.size() && ws[k].front() == '[')  // "[и др.]", "[et al.]"
      while (k < ws.size() && ws[k++].back() != ']') {
      }
    // "Alexander V. Lukin, “…”" is a given name, an initial and a family name: not a GOST heading
    if (k >= ws.size() || ws[k].back() == ',') return false;
    for (std::size_t q = u.b; q < u.e;) {
      const char32_t c = text::next_code_point(s, q);
      if (c == U'“' || c == U'„' || c == '"') return false;
    }
    std::size_t p = u.b + ws[0].size();
    for (std::size_t j = 1; j < k; ++j) p = s.find(ws[j], p) + ws[j].size();
    // a short form with its title cut short: "Кузьмин В. Н. Поворот на Восток… С. 78."
    if (const auto cut = slice(s, p, u.e).find("…"); cut != std::string_view::npos) {
      const std::size_t title_e = p + cut, after = title_e + std::string_view("…").size();
      std::size_t q = after;
      while (q < u.e && (s[q] == ' ' || s[q] == '.' || s[q] == ',')) ++q;
      std::size_t len = 0;
      if (q >= u.e || matches_any(s, q, lex().page, len)) {
        std::size_t tb = p, te = title_e;
        trim_range(s, tb, te, ".,");
        if (tb < te && slice(s, tb, te).find(". ") == std::string_view::npos) {
          set_names(u, slice(s, u.b, p), u.b, p, 0.8);
          u.set("title", u.repaired(std::string(slice(s, tb, te))), tb, te, 0.7);
          if (q < u.e) {
            std::size_t nb = q + len;
            while (nb < u.e && s[nb] == ' ') ++nb;
            const std::size_t ne = number_token(s, nb, u.e, true, false);
            if (ne > nb) u.cit.locator = normalize_range(slice(s, nb, ne));
          }
          u.mark(u.b, u.e);
          return true;
        }
      }
    }
    std::size_t end = sentence_end(u, p + 1, u.e);
    // "Бытие и время, пер. с нем. В. В. Бибихина. М.: …", "…, trans. И. Вдовиной, Канон философии. М.: …": a
    // role after the title's comma and its names belong to the title area, whose periods are abbreviations
    for (std::size_t last_role = std::string_view::npos; end < u.e;) {
      const std::string_view head = slice(s, p, end);
      const auto comma = head.rfind(", ");
      if (comma == std::string_view::npos || p + comma == last_role) break;
      const std::string_view from = slice(s, p + comma + 2, u.e);
      if (russian_role_at(from).role.empty() && english_translator_label(from) == 0) break;
      last_role = p + comma;
      const std::size_t next = sentence_end(u, end + 1, u.e);
      if (next <= end) break;
      end = next;
    }
    // a title may end with "?" or "!" ("Почему не стало Советского Союза? / пер. с англ. …")
    const bool asks = end > 0 && end < u.e && (s[end - 1] == '?' || s[end - 1] == '!');
    if (asks) {
      std::size_t q = end;
      while (q < u.e && s[q] == ' ') ++q;
      if (q < u.e && s[q] == '/') end = sentence_end(u, q + 1, u.e);  // its statement of responsibility
    }
    if (end >= u.e || (s[end] != '.' && !asks)) return false;
    // a place and a publisher must follow ("М.: Весь мир, 2014"), or a place and a year ("М., 2022", a thesis)
    const std::string_view after = slice(s, end, u.e);
    if (after.find(':') == std::string_view::npos && !place_year_in(after)) return false;
    dash_area = end;
  }
  const std::size_t head_end = dbl != std::string_view::npos ? dbl : dash_area;
  // statement of responsibility after a single " / "
  std::size_t slash = std::string_view::npos;
  for (std::size_t p = u.b; p < head_end; ++p)
    if (!u.is_used(p) && s[p] == '/' && p > u.b && s[p - 1] == ' ') {
      slash = p;
      break;
    }
  std::size_t tb = u.b, te = slash != std::string_view::npos ? slash : head_end;
  // heading: "Иванов И. И." or "Ivanov I. I." (family then one or two initials)
  {
    const auto ws = words_of(slice(s, tb, te));
    auto initial = [](const std::string& w) {
      return is_initialish(strip_word_punct(w)) && strip_word_punct(w).find('.') != std::string::npos;
    };
    // "Петров П. П., Сидоров С. С. Название": one or more "Family I. I." in a row
    std::size_t nwords = 0, idx = 0;
    while (idx + 1 < ws.size() && is_name_word(ws[idx]) && !initial(ws[idx]) && initial(ws[idx + 1])) {
      std::size_t k = idx + 2;
      if (ws[idx + 1].back() != ',' && k < ws.size() && initial(ws[k]) && strip_word_punct(ws[k]).size() <= 4) ++k;
      nwords = k;
      if (ws[k - 1].back() != ',') break;
      idx = k;
    }
    if (nwords > 0) {
      // find the byte end of those words
      std::size_t p = tb, count = 0;
      while (p < te && count < nwords) {
        std::size_t len = 0;
        while (p < te && is_space_at(s, p, &len)) p += len;
        while (p < te && !is_space_at(s, p, &len)) ++p;
        ++count;
      }
      const std::string_view first = slice(s, tb, p);
      // a single-initial form ("Smith J. Title") leaves the title's first word capitalised; fine
      set_names(u, first, tb, p, 0.85);
      u.mark(tb, p);
      tb = p;
    }
  }
  // title (with subtitle after " : "), without "[Электронный ресурс]"
  std::string title(clean_spaces(slice(s, tb, te)));
  for (const char* tag : {"[Электронный ресурс]", "[Electronic resource]", "[Текст]", "[Text]", "[и др.]", "[et al.]"}) {
    const auto k = title.find(tag);
    if (k != std::string::npos) {
      title.erase(k, std::string_view(tag).size());
      if (std::string_view(tag) == "[и др.]" || std::string_view(tag) == "[et al.]") u.cit.item.custom["et-al"] = true;
    }
  }
  title = clean_spaces(title);
  std::string cleaned = u.repaired(clean_title(without_space_before_colon(title)));
  // "Бытие и время, пер. с нем. В. В. Бибихина, Канон философии" (no " / "): a role after the title's comma
  // starts the statement of responsibility, and what follows the names is the series
  if (slash == std::string_view::npos)
    for (std::size_t k = cleaned.find(", "); k != std::string::npos; k = cleaned.find(", ", k + 2)) {
      const std::string_view after = std::string_view(cleaned).substr(k + 2);
      const role_at ra = russian_role_at(after);
      std::string role = ra.role;
      std::size_t skip = ra.length;
      int name_case = ra.name_case;
      if (const std::size_t t = english_translator_label(after); role.empty() && t > 0) {
        role = "translator";
        skip = t;
        name_case = text::has_cyrillic(after) ? 1 : 0;  // "trans. И. Вдовиной": the Russian genitive
      }
      if (role.empty() || (role != "translator" && role != "editor" && role != "compiler")) continue;
      const std::size_t names_end = after.find(", ", skip);
      const std::string_view names_text = after.substr(skip, names_end == std::string_view::npos ? std::string_view::npos : names_end - skip);
      auto nl = parse_names(names_text, *u.opts, name_case);
      if (nl.names.empty() || !name_like(names_text, 12)) continue;
      auto& list = u.cit.item.names[role];
      for (auto& n : nl.names) list.push_back(std::move(n));
      u.source(role, tb, te, 0.7);
      if (names_end != std::string_view::npos) {
        std::string series(text::trim(after.substr(names_end + 2)));
        if (!series.empty()) u.set("collection-title", series, tb, te, 0.6);
      }
      cleaned.resize(k);
      break;
    }
  // "Многосторонние форматы … : дис. … канд. полит. наук", "«Мы не делим …» : интервью": what the work is,
  // after the title's colon (subtitles like "учебник" or "сб. ст." stay in the title)
  std::string genre_type;
  if (const auto at = title_genre_at(cleaned, &genre_type); at != std::string::npos) {
    u.set("genre", cleaned.substr(at + 2), tb, te, 0.75);
    if (!genre_type.empty()) u.kind = genre_type;
    cleaned.resize(at);
    while (!cleaned.empty() && cleaned.back() == ' ') cleaned.pop_back();
  }
  // a title quoted whole ("«Мы не делим Центральную Азию с Китаем» : интервью") loses its quotation marks
  if (cleaned.rfind("«", 0) == 0 && cleaned.size() > 4 && cleaned.compare(cleaned.size() - 2, 2, "»") == 0 &&
      cleaned.find("«", 2) == std::string::npos)
    cleaned = cleaned.substr(2, cleaned.size() - 4);
  // "Россия и Центральная Азия: новая повестка. Доклад № 85/2023": the kind of publication after the title
  if (const auto stop = cleaned.rfind(". "); stop != std::string::npos) {
    const std::string rest = cleaned.substr(stop + 2);
    for (const auto& g : lex().genre)
      if (rest.rfind(g.form, 0) == 0 && is_upper(code_point_at(rest, 0)) &&
          (rest.size() == g.form.size() || rest[g.form.size()] == ' ')) {
        u.set("genre", rest, tb, te, 0.7);
        cleaned.resize(stop);
        break;
      }
  }
  u.set("title", cleaned, tb, te, 0.85);
  u.mark(tb, te);
  // statement of responsibility
  if (slash != std::string_view::npos) {
    std::size_t sb = slash + 1, se = head_end;
    std::string_view sor = slice(s, sb, se);
    // "; под ред. А. А. Сидорова": editors
    std::size_t ed = std::string_view::npos;
    for (const auto& e : lex().editor) {
      const auto k = sor.find(e.form);
      if (k != std::string_view::npos && (ed == std::string_view::npos || k < ed) && e.form.size() > 3) ed = k;
    }
    // "/ пер. с англ. Н. И. Петровой": translators, after a Russian role phrase (it says their case)
    std::size_t tr = std::string_view::npos;
    for (const auto& t : lex().translator)
      for (std::size_t k = sor.find(t.form); k != std::string_view::npos; k = sor.find(t.form, k + 1))
        if ((k == 0 || !is_letter(prev_code_point(sor, k))) && russian_role_at(sor.substr(k)).role == "translator") {
          if (tr == std::string_view::npos || k < tr) tr = k;
          break;
        }
    std::string_view authors_part = sor.substr(0, std::min(ed, tr));
    if (tr != std::string_view::npos) {
      std::size_t te2 = sor.size();
      if (const auto semi = sor.find(" ;", tr); semi != std::string_view::npos) te2 = semi;
      if (ed != std::string_view::npos && ed > tr) te2 = std::min(te2, ed);
      if (const auto dash = sor.find(" —", tr); dash != std::string_view::npos) te2 = std::min(te2, dash);
      set_names(u, sor.substr(tr, te2 - tr), sb + tr, sb + te2, 0.8);
    }
    // "И. Д. Зайцева, Р. М. Зайцев [и др.] ; Российский совет по международным делам": the persons end at
    // " ; " (another body or role follows) and "[и др.]" says there are more
    if (const auto semi = authors_part.find(" ;"); semi != std::string_view::npos) authors_part = authors_part.substr(0, semi);
    for (const std::string_view more : {"[и др.]", "[et al.]"})
      if (const auto k = authors_part.find(more); k != std::string_view::npos) {
        authors_part = text::trim(authors_part.substr(0, k));
        u.cit.item.custom["et-al"] = true;
      }
    // "И. И. Иванов. — Текст : электронный": the names end before the next area
    if (const auto dash = authors_part.find(" —"); dash != std::string_view::npos) authors_part = authors_part.substr(0, dash);
    if (const auto dash = authors_part.find(". – "); dash != std::string_view::npos) authors_part = authors_part.substr(0, dash + 1);
    while (!authors_part.empty() && (authors_part.back() == ';' || authors_part.back() == ' ')) authors_part.remove_suffix(1);
    if (!authors_part.empty() && name_like(authors_part, 30)) {
      // the statement of responsibility names every author; the heading only the first ones
      const std::size_t heading = u.cit.item.names_of("author").size();
      auto sor_names = parse_names(authors_part, *u.opts);
      if (!sor_names.editors && sor_names.names.size() > heading) {
        u.cit.item.names.erase("author");
        set_names(u, authors_part, sb, sb + authors_part.size(), 0.8);
      }
    }
    if (ed != std::string_view::npos) {
      std::string_view eds = sor.substr(ed, tr != std::string_view::npos && tr > ed ? tr - ed : std::string_view::npos);
      set_names(u, eds, sb + ed, sb + ed + eds.size(), 0.8, true);
    }
    u.mark(slash, head_end);
  }
  if (dbl != std::string_view::npos) {
    // container up to ". — " or the first "."/"," that ends it
    std::size_t cb = dbl + 2, ce = cb;
    // an en dash ends the container only after a period: word processors write GOST's area dash as "–",
    // which is also the dash inside a title ("Биология – наука XXI века")
    while (ce < u.e && !starts_with_at(s, ce, ". —") && !starts_with_at(s, ce, " —") && !starts_with_at(s, ce, ". – ") &&
           !u.is_used(ce)) {
      // GOST R 7.0.5 without dashes: "// Журнал. 2023. № 3. С. 23–34." — the container ends at a
      // period followed by a year, a number or a number label
      if (s[ce] == '.' && ce + 2 < u.e && s[ce + 1] == ' ') {
        const std::size_t nx = ce + 2;
        std::size_t len = 0;
        const bool number_next = is_digit(s[nx]) || matches_any(s, nx, lex().volume, len) ||
                                 matches_any(s, nx, lex().issue, len) || matches_any(s, nx, lex().page, len) ||
                                 matches_any(s, nx, lex().url_label, len) || starts_with_at(s, nx, "URL") ||
                                 place_colon_at(s, nx, u.e);
        if (number_next) break;
      }
      ++ce;
    }
    std::size_t cb2 = cb, ce2 = ce;
    trim_range(s, cb2, ce2, ".,");
    // "// В кн.: Название" / "// In: Title": the container is a book
    for (const std::string_view in : {"В кн.:", "In:", "In "})
      if (starts_with_at(s, cb2, in)) {
        cb2 += in.size();
        trim_range(s, cb2, ce2);
        chapter = true;
        break;
      }
    // "// Название сборника / под ред. А. В. Лукина": the book's statement of responsibility
    std::size_t sor = std::string_view::npos;
    for (std::size_t p = cb2; p + 3 <= ce2; ++p)
      if (s[p] == ' ' && s[p + 1] == '/' && s[p + 2] == ' ') {
        sor = p;
        break;
      }
    if (sor != std::string_view::npos) {
      const std::string_view resp = slice(s, sor + 3, ce2);
      for (const auto& e : lex().editor) {
        const auto k = resp.find(e.form);
        if (k == std::string_view::npos || (k > 0 && is_letter(prev_code_point(resp, k)))) continue;
        std::size_t nb = sor + 3 + k + e.form.size();  // the names after "под ред." / "ed. by"
        while (nb < ce2 && s[nb] == ' ') ++nb;
        if (starts_with_at(s, nb, "by ")) nb += 3;
        // the case the whole role phrase governs ("под ред." → genitive), not only the word found ("ред.")
        const auto whole = russian_role_at(text::trim(resp));
        const int name_case = whole.role.empty() ? russian_role_at(resp.substr(k)).name_case : whole.name_case;
        if (nb < ce2) set_names(u, slice(s, nb, ce2), nb, ce2, 0.8, true, name_case);
        break;
      }
      ce2 = sor;
      chapter = true;
    }
    // "материалы междунар. науч. конф. (Томск, 12–13 мая 2021 г.)": the place and dates of a conference
    if (ce2 > cb2 && s[ce2 - 1] == ')') {
      const std::size_t open = s.substr(0, ce2).rfind('(');
      if (open != std::string_view::npos && open > cb2 && !find_dates(slice(s, open, ce2)).empty()) {
        ce2 = open;
        trim_range(s, cb2, ce2, ".,");
      }
    }
    std::string cont = u.repaired(clean_title(without_space_before_colon(slice(s, cb2, ce2))));
    u.set("container-title", cont, cb2, ce2, 0.85);
    u.mark(cb, ce);
    // a place and a publisher after the container make it a book: "// Сборник. — М. : Наука, 2018. — С. 45–67."
    if (publication_statement(u, ce, u.e)) chapter = true;
    parse_rest(u, ce, u.e, true);
  } else {
    parse_rest(u, dash_area, u.e, false);
    publication_statement(u, dash_area, u.e);
  }
  return true;
}

// APA: "In P. Gilmore & Y. Sato (Eds.), The Eurasian Economic Union (pp. 141–166). Palgrave Macmillan." at p
// (at "In "): the editors, the book, its pages and its publisher. Returns where the rest begins.
std::size_t apa_chapter(unit& u, std::size_t p, std::size_t e) {
  const std::string_view s = u.s;
  const std::size_t names_b = p + 3;
  const std::size_t eds = s.substr(0, e).find(" (Ed", names_b);
  if (eds == std::string_view::npos || eds - names_b > 200) return p;
  const std::size_t close = s.substr(0, e).find("),", eds);
  if (close == std::string_view::npos || close - eds > 8) return p;
  set_names(u, slice(s, names_b, eds), names_b, eds, 0.8, true);
  std::size_t book_b = close + 2;
  while (book_b < e && s[book_b] == ' ') ++book_b;
  std::size_t book_e = s.substr(0, e).find(" (pp.", book_b);
  std::size_t after = std::string_view::npos;
  if (book_e != std::string_view::npos) {
    const std::size_t pages_close = s.substr(0, e).find(')', book_e);
    if (pages_close != std::string_view::npos) {
      std::size_t pb = book_e + 5, pe = pages_close;
      trim_range(s, pb, pe);
      if (pb < pe && is_page_range(slice(s, pb, pe))) u.set("page", normalize_range(slice(s, pb, pe)), pb, pe, 0.85);
      after = pages_close + 1;
    }
  } else {
    book_e = sentence_end(u, book_b, e);
    after = book_e;
  }
  if (after == std::string_view::npos || book_e <= book_b) return p;
  u.set("container-title", u.repaired(clean_title(slice(s, book_b, book_e))), book_b, book_e, 0.8);
  u.mark(p, after);
  // the publisher: the next sentence, when it is not a link
  std::size_t qb = after;
  while (qb < e && (s[qb] == '.' || s[qb] == ' ')) ++qb;
  const std::size_t qe = sentence_end(u, qb, e);
  if (qb < qe && !u.is_used(qb)) {
    u.set("publisher", u.repaired(slice(s, qb, qe)), qb, qe, 0.75);
    u.mark(qb, qe);
    return qe;
  }
  return after;
}

// Finds "(2020)." or "(2020, May 3)." or "(n.d.)." after the authors (APA).
bool apa_year(const unit& u, std::size_t& yb, std::size_t& ye) {
  for (std::size_t p = u.b; p + 6 < u.e && p < u.b + 400; ++p) {
    if (u.s[p] != '(' || u.is_used(p)) continue;
    const auto close = u.s.substr(0, std::min(u.e, p + 42)).find(')', p);  // bounded: must be within 40 below
    if (close == std::string_view::npos || close >= u.e || close - p > 40) continue;
    const std::string_view in = slice(u.s, p + 1, close);
    const bool year = in.size() >= 4 && all_digits(in.substr(0, 4));
    if (!year && in != "n.d." && in != "б. г.") continue;
    std::size_t after = close + 1;
    if (after < u.e && u.s[after] == '.') {
      yb = p;
      ye = after + 1;
      return true;
    }
  }
  return false;
}

// The end of the sentence starting at p: ". " not after an initial or inside brackets; "?" / "!" too.
std::size_t sentence_end(const unit& u, std::size_t p, std::size_t e) {
  int depth = 0;
  for (std::size_t q = p; q < e; ++q) {
    if (u.is_used(q)) return q;
    const char c = u.s[q];
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
    if (depth == 0 && (c == '.' || c == '?' || c == '!') && (q + 1 >= e || u.s[q + 1] == ' ')) {
      if (c == '.') {
        std::size_t ps = q;
        const char32_t before = prev_code_point(u.s, q, &ps);
        std::size_t ps2 = ps;
        const char32_t before2 = prev_code_point(u.s, ps, &ps2);
        if (is_upper(before) && (ps == p || before2 == ' ' || before2 == '.')) continue;  // an initial
        // "дис. … канд. полит. наук", "ст. и выступления": a short lower-case abbreviation inside the title
        if (q + 2 < e && (is_lower(code_point_at(u.s, q + 2)) || starts_with_at(u.s, q + 2, "…"))) {
          std::size_t w = q;
          int letters = 0;
          bool lower = true;
          while (w > p && !u.is_used(w - 1) && u.s[w - 1] != ' ') {
            std::size_t pw = w;
            const char32_t lc = prev_code_point(u.s, w, &pw);
            lower = lower && is_lower(lc);
            ++letters;
            w = pw;
          }
          if (lower && letters > 0 && letters <= 6) continue;
        }
      }
      return c == '.' ? q : q + 1;
    }
  }
  return e;
}

// "Telegram post", "post on Telegram": the platform a post was published on, or "" (lexicon: platform)
std::string platform_of(std::string_view written) {
  for (const auto& pl : lex().platform)
    for (const std::string_view post : {" post", " channel", " video"})
      if (written == pl.form + std::string(post) || written == "post on " + pl.form) return pl.form;
  return {};
}

// What follows a title in brackets (APA and others): "[The Chinese factor …]" is its translation,
// "[Doctoral dissertation, University of Oxford]" and "[Transcript]" say what it is, "(2nd ed.)" is the
// edition and "(Policy Report No. 14)" the kind of report
bool title_brackets(unit& u) {
  reference& r = u.cit.item;
  bool translated_title = false;
  for (int guard = 0; guard < 4 && r.has("title"); ++guard) {
    std::string title(r.get("title"));
    while (!title.empty() && (title.back() == ' ' || title.back() == '.')) title.pop_back();
    if (title.empty()) break;
    // "Kitaiskii faktor … [The Chinese factor …": a reading that dropped the closing bracket with the
    // title's own punctuation
    for (const char pair_open : {'[', '('}) {
      const char pair_close = pair_open == '[' ? ']' : ')';
      const auto o = title.rfind(pair_open);
      if (o != std::string::npos && o > 0 && title[o - 1] == ' ' && title.find(pair_close, o) == std::string::npos &&
          title.back() != ']' && title.back() != ')')
        title += pair_close;
    }
    const char close = title.back();
    if (close != ']' && close != ')') break;
    const auto open = title.rfind(close == ']' ? '[' : '(');
    if (open == std::string::npos || open == 0 || title[open - 1] != ' ') break;
    const std::string inner(text::trim(std::string_view(title).substr(open + 1, title.size() - open - 2)));
    const std::string head(text::trim(std::string_view(title).substr(0, open)));
    if (inner.empty() || head.empty()) break;
    bool taken = false;
    for (const auto& ea : lex().etal)
      if (inner == ea.form || inner == "и др." || inner == "et al.") {
        r.custom["et-al"] = true;  // "[и др.]": more authors than named
        taken = true;
      }
    if (!taken) {
      for (const auto& d : lex().descriptor)
        if (inner.rfind(d.form, 0) == 0) {
          if (!d.value.empty()) u.kind = d.value;
          if (d.value == "thesis") {
            if (const auto comma = inner.find(", "); comma != std::string::npos && !r.has("publisher"))
              r.set("publisher", inner.substr(comma + 2));
            r.set("genre", inner.substr(0, inner.find(", ")));
          } else {
            r.set("genre", inner);
          }
          taken = true;
          break;
        }
    }
    if (!taken && close == ')') {
      std::size_t q = 0;
      while (q < inner.size() && is_digit(inner[q])) ++q;
      for (const std::string_view ed : {"st ed.", "nd ed.", "rd ed.", "th ed.", "-е изд."})
        if (q > 0 && inner.compare(q, ed.size(), ed) == 0) {
          r.set("edition", inner.substr(0, q));
          taken = true;
        }
      if (!taken && ends_with_genre(inner.substr(0, inner.find(" No."))) ) {
        r.set("genre", inner);
        taken = true;
      }
      if (!taken) {
        for (const auto& g : lex().genre)
          if (inner.rfind(g.form, 0) == 0 && inner.size() > g.form.size() && inner[g.form.size()] == ' ') {
            r.set("genre", inner);  // "Report 23/4"
            taken = true;
            break;
          }
      }
    }
    if (!taken && close == ']') {
      // a translation: the title itself is then in another language (romanized Russian, with any evidence)
      text_variant v;
      v.value = inner;
      v.role = variant_role::translated;
      v.language = language_of(inner);
      r.variants["title"].push_back(std::move(v));
      translated_title = true;
      taken = true;
    }
    if (!taken) break;
    r.set("title", head);
  }
  return translated_title;
}

// "“Заявление …,” Ministry of Foreign Affairs of the Russian Federation, July 26, 2022": an issuing body where
// the venue would be, and no person as author, is the author (a place run into it is dropped)
// (GOST writes the body after "//": "… // Президент России. 2024. 16 мая. URL: …")
void issuing_body_as_author(unit& u, bool chapter) {
  reference& r = u.cit.item;
  if (!chapter && r.names.empty() && r.has("container-title") && !r.has("volume") && !r.has("issue") && !r.has("page")) {
    std::string body(r.get("container-title"));
    bool authority = false;
    for (const auto& a : lex().authority) authority = authority || contains_word(body, a.form);
    if (authority) {
      for (const auto& c : lex().city)
        if (body.size() > c.form.size() + 1 && body.compare(body.size() - c.form.size(), c.form.size(), c.form) == 0 &&
            body[body.size() - c.form.size() - 1] == ' ') {
          body.resize(body.size() - c.form.size() - 1);
          break;
        }
      name org;
      org.literal = body;
      r.names["author"].push_back(std::move(org));
      r.set("container-title", "");
      for (auto& src : u.cit.sources)
        if (src.field == "container-title") src.field = "author";
    }
  }
}

}  // namespace

void container_author(unit& u, bool chapter);

unit_result parse_unit(std::string_view s, std::size_t b, std::size_t e, const options& opts,
                       std::vector<diagnostic>& diagnostics) {
  unit u;
  u.s = s;
  u.b = b;
  u.e = e;
  u.used.assign(e - b, 0);
  u.opts = &opts;
  u.diags = &diagnostics;
  u.cit.where = {b, e};
  unit_result out;

  // Links first: nothing inside a link is a title, a date or a number.
  const auto urls = find_urls(s, b, e);
  for (const auto& h : urls) {
    u.mark(url_label_before(s, b, h.begin), h.end);
    if (u.cit.item.has("URL") || u.cit.item.has("DOI")) continue;
    std::string url = h.url;
    if (url.rfind("10.", 0) == 0) {
      u.set("DOI", url, h.begin, h.end, 0.95);
    } else {
      // a doi.org link is the DOI (styles print it as a link; CSL-JSON keeps it once)
      const auto k = url.find("doi.org/10.");
      if (k != std::string::npos) u.set("DOI", url.substr(k + 8), h.begin, h.end, 0.95);
      else u.set("URL", url, h.begin, h.end, 0.95);
    }
    if (h.inner_space)
      diagnostics.push_back({"parse.url-space", severity::note, {h.begin, h.end},
                             "a space inside the link was removed", ""});
  }

  bool book_like = false, chapter = false, title_quoted = false, apa_style = false;
  std::size_t rest_b = e;
  if (parse_gost(u, chapter)) {
    // a titled resource with only a link ("Название [Электронный ресурс]. — URL: …") is a web page
    book_like = !u.cit.item.has("container-title") && (u.cit.item.has("publisher") || !u.cit.item.has("URL"));
  } else {
    title_span t = find_quoted_title(u, false);
    std::size_t yb = 0, ye = 0;
    // APA: the date in brackets after the authors comes before any quotation mark of the title
    // ('President of Russia. (2022, October 14). Sammit "Tsentral'naia Aziia – Rossiia" [Transcript].')
    const bool apa = apa_year(u, yb, ye) && (!t.found || t.open > ye);
    if (apa) t = {};
    apa_style = apa;
    if (!t.found && !apa) {
      // A book: "Author, Title (Place: Publisher, Year)" / "Author. Title. Place: Publisher, Year."
      const auto paren = [&]() -> std::size_t {
        for (std::size_t p = b; p < e; ++p) {
          if (u.is_used(p) || s[p] != '(') continue;
          const auto close = s.find(')', p);
          if (close == std::string_view::npos || close >= e) return std::string_view::npos;
          const std::string_view in = slice(s, p + 1, close);
          bool accessed = false;  // "(дата обращения: 01.02.2024)" is not "(Place: Publisher, Year)"
          for (const auto& a : lex().accessed) accessed = accessed || text::trim(in).rfind(a.form, 0) == 0;
          if (!accessed && in.find(':') != std::string_view::npos && in.find_first_of("0123456789") != std::string_view::npos)
            return p;
        }
        return std::string_view::npos;
      }();
      if (paren == std::string_view::npos) t = find_quoted_title(u, true);
      if (!t.found) {
        const std::size_t stop = paren != std::string_view::npos ? paren : e;
        // comma segments before the publication facts: prose → commentary, names → authors, the rest → title
        std::vector<piece> segs;
        std::size_t sb = b;
        int depth = 0;
        for (std::size_t p = b; p <= stop; ++p) {
          if (p < stop && (s[p] == '(' || s[p] == '[')) ++depth;
          if (p < stop && (s[p] == ')' || s[p] == ']') && depth > 0) --depth;
          if (p == stop || (depth == 0 && s[p] == ',' && !u.is_used(p))) {
            segs.push_back({sb, p});
            sb = p + 1;
          }
        }
        // "Lo, Axis of Convenience, 60.": a final number is the page cited
        if (segs.size() >= 3 && paren == std::string_view::npos) {
          std::size_t lb = segs.back().b, le = segs.back().e;
          trim_range(s, lb, le, ".;");  // "…, 201; Trenin, …": the page before the next work
          const bool year = le - lb == 4 && all_digits(slice(s, lb, le)) && !find_dates(slice(s, lb, le)).empty();
          if (lb < le && !year && (all_digits(slice(s, lb, le)) || is_page_range(slice(s, lb, le)))) {
            u.cit.locator = normalize_range(slice(s, lb, le));
            u.mark(segs.back().b - 1, e);
            segs.pop_back();
          }
        }
        std::size_t i = 0;
        std::size_t ab = std::string_view::npos, ae = 0;
        std::size_t lead_b = b;
        auto interview_title = [&](std::size_t k) {  // "Interview with a senior Russian diplomat"
          std::size_t vb = segs[k].b;
          while (vb < segs[k].e && s[vb] == ' ') ++vb;
          for (const auto& f : lex().interview_start)
            if (starts_with_at(s, vb, f.form)) return true;
          return false;
        };
        while (i + 1 < segs.size() && looks_like_prose(slice(s, segs[i].b, segs[i].e)) && !interview_title(i)) {
          // "… made the same argument the following day: Rybar, Telegram post, …": after the colon
          // the citation begins
          const std::string_view v = slice(s, segs[i].b, segs[i].e);
          const auto colon = v.rfind(": ");
          if (colon != std::string_view::npos && colon + 2 < v.size() && !looks_like_prose(v.substr(colon + 2)) &&
              is_upper(code_point_at(v, colon + 2))) {
            u.add_commentary(v.substr(0, colon + 1));
            segs[i].b += colon + 2;
            lead_b = segs[i].b;
            break;
          }
          u.add_commentary(slice(s, segs[i].b, segs[i].e + 1));
          lead_b = segs[i + 1].b;
          ++i;
        }
        if (i > 0) {
          // "For a different view, see Dmitri Trenin, …": the cue after the prose is commentary too
          std::size_t cb = segs[i].b;
          while (cb < segs[i].e && s[cb] == ' ') ++cb;
          for (const auto& cue : lex().seealso) {
            const std::size_t after = cb + cue.form.size();
            if (!starts_with_at(s, cb, cue.form) || after + 1 >= segs[i].e || s[after] != ' ' ||
                !is_upper(code_point_at(s, after + 1)))
              continue;
            u.add_commentary(slice(s, cb, after));
            segs[i].b = after + 1;
            lead_b = after + 1;
            break;
          }
        }
        // Inverted first author + ". " (bibliography style): "Smith, John. Title. Place: Publisher, 2020."
        std::size_t first_sentence = sentence_end(u, lead_b, stop);
        // (a sentence that ends at a period: "Trenin, Should We Fear Russia?, 50." ends at the page cited)
        if (paren == std::string_view::npos && first_sentence < stop && s[first_sentence] == '.' &&
            name_like(slice(s, lead_b, first_sentence), 16)) {
          set_names(u, slice(s, lead_b, first_sentence), lead_b, first_sentence, 0.75);
          std::size_t tb = first_sentence + 1;
          std::size_t te = sentence_end(u, tb, stop);
          std::size_t tb2 = tb, te2 = te;
          trim_range(s, tb2, te2);
          u.set("title", u.repaired(clean_title(slice(s, tb2, te2))), tb2, te2, 0.6);
          u.mark(lead_b, std::min(te + 1, e));
          rest_b = std::min(te + 1, e);
          book_like = true;
        } else {
          // the authors: the first segment, then segments that are one more person each ("Paul Stronski,
          // Richard Sokolsky, and Ann Lee,", "eds."), not the capitalised words of an unquoted title
          // ("Marlene Hoskins, Russia’s Eastern Turn: Power, Markets, and Memory, 1991–2022 (…)")
          const std::size_t first_name = i;
          // "Fyodor Romanenko (deputy director, Institute of Far Eastern Studies)": the affiliation is not the name
          auto name_end = [&](std::size_t k) {
            std::size_t ne = segs[k].e;
            while (ne > segs[k].b && s[ne - 1] == ' ') --ne;
            if (ne > segs[k].b && s[ne - 1] == ')') {
              const auto open = slice(s, segs[k].b, ne).find('(');
              if (open != std::string_view::npos && open > 0) return segs[k].b + open;
            }
            return segs[k].e;
          };
          auto person_segment = [&](std::size_t k) {
            const std::string_view v = slice(s, segs[k].b, name_end(k));
            if (v.find_first_of(":?!") != std::string_view::npos || !name_like(v)) return false;
            if (k == first_name) return true;
            std::size_t words = 0;
            for (const auto& w0 : words_of(v)) {
              const std::string w = strip_word_punct(w0);
              if (!in_list(w, lex().and_) && !in_list(w, lex().etal) && !in_list(w, lex().editor) && w != "et" &&
                  w != "al.")
                ++words;
            }
            return words == 0 || (words >= 2 && words <= 4);
          };
          while (i + 1 < segs.size() && person_segment(i)) {
            if (ab == std::string_view::npos) ab = segs[i].b;
            ae = name_end(i);
            ++i;
          }
          if (ab != std::string_view::npos) set_names(u, slice(s, ab, ae), ab, ae, 0.7);
          std::size_t title_stop = stop;
          bool publication_follows = false, held_interview = false;
          // "…, interview by the author, Moscow, October 14, 2019.": an interview the author held has no title;
          // the place before its date is where it was held
          if (i < segs.size() && ab != std::string_view::npos) {
            std::size_t vb = segs[i].b, ve = segs[i].e;
            trim_range(s, vb, ve, ".");
            const std::string_view v = slice(s, vb, ve);
            bool held = false;
            for (const auto& f : lex().interview_form) held = held || v == f.form;
            if (held) {
              u.set("genre", std::string(v), vb, ve, 0.8);
              u.interview = held_interview = true;
              std::size_t next = segs[i].e;
              if (i + 2 < segs.size()) {
                std::size_t pb = segs[i + 1].b, pe = segs[i + 1].e;
                trim_range(s, pb, pe);
                const auto ds = find_dates(slice(s, pb, std::min(stop, pe + 40)));
                if (pb < pe && name_like(slice(s, pb, pe), 3) && (ds.empty() || ds[0].begin > pe - pb)) {
                  u.set("event-place", std::string(slice(s, pb, pe)), pb, pe, 0.7);
                  next = segs[i + 1].e;
                }
              }
              u.mark(b, next);
              rest_b = next;
              i = segs.size();  // no title
            }
          }
          // the title ends before a segment that names the kind of publication ("CSIS Brief") or, in a
          // note without "(Place: Publisher, Year)", a dated one ("…, December 2017, https://…")
          for (std::size_t k = i + 1; k < segs.size(); ++k) {
            std::size_t gb = segs[k].b, ge = segs[k].e;
            trim_range(s, gb, ge, ".");
            if (gb >= ge || u.is_used(gb)) break;
            std::string_view v = slice(s, gb, ge);
            // "Valdai Report (Moscow, October 2022)": the place and date of the report in brackets after it
            std::size_t where_open = std::string_view::npos;
            if (v.back() == ')' && v.find('(') != std::string_view::npos) {
              where_open = gb + v.find('(');
              v = text::trim(slice(s, gb, where_open));
            }
            if (ends_with_genre(v) && words_of(v).size() <= 6) {
              u.set("genre", u.repaired(std::string(v)), gb, gb + v.size(), 0.7);
              if (where_open != std::string_view::npos) {
                const std::string_view in = slice(s, where_open + 1, ge - 1);
                const auto comma = in.find(',');
                const auto ds = find_dates(in);
                if (comma != std::string_view::npos && !ds.empty() && ds[0].begin > comma &&
                    name_like(text::trim(in.substr(0, comma)), 3)) {
                  u.set("publisher-place", std::string(text::trim(in.substr(0, comma))), where_open + 1, where_open + 1 + comma, 0.7);
                  set_date(u, "issued", ds[0].value, where_open + 1 + ds[0].begin, where_open + 1 + ds[0].end, 0.8);
                }
              }
              u.mark(gb, ge);
              title_stop = segs[k].b - 1;
              break;
            }
            // "…, The Return of Global Russia, Carnegie Endowment for International Peace, December 2017": an
            // institution after the title publishes it
            if (paren == std::string_view::npos && k + 1 < segs.size() && is_upper(code_point_at(v, 0)) &&
                words_of(v).size() <= 8) {
              if (has_word_in(v, lex().think_tank_word)) {
                title_stop = segs[k].b - 1;
                break;
              }
            }
            if (paren == std::string_view::npos) {
              // "March 15, 2024" spans two segments; a date starts within the next 40 bytes (linear time)
              const auto ds = find_dates(slice(s, gb, std::min(stop, gb + 40)));
              if (!ds.empty() && ds[0].begin == 0 && !ds[0].accessed && ds[0].value.parts[0].month != 0) {
                title_stop = segs[k].b - 1;
                break;
              }
            }
          }
          if (i < segs.size() && interview_title(i)) {
            // "Interview with a senior Russian diplomat, Moscow, March 2023": the place before the date
            u.interview = true;
            std::size_t last = segs.size();
            for (std::size_t k = i + 1; k < segs.size(); ++k)
              if (segs[k].b > title_stop) {
                last = k;
                break;
              }
            if (last != segs.size() && last >= i + 2) {
              std::size_t pb = segs[last - 1].b, pe = segs[last - 1].e;
              trim_range(s, pb, pe);
              if (pb < pe && name_like(slice(s, pb, pe), 3)) {
                u.set("event-place", std::string(slice(s, pb, pe)), pb, pe, 0.7);
                u.mark(pb, pe);
                title_stop = segs[last - 1].b - 1;
              }
            }
          }
          if (i < segs.size()) {
            // the title ends where its link (with the link's label) begins, or before a publication
            // statement ("Bobo Lo, Axis of Convenience. London: Chatham House, 2008."); what follows is read
            for (std::size_t q = segs[i].b; q < title_stop; ++q) {
              if (u.is_used(q)) {
                title_stop = q;
                break;
              }
              if (paren == std::string_view::npos && s[q] == '.' && q + 2 < stop && s[q + 1] == ' ' &&
                  place_colon_at(s, q + 2, stop)) {
                title_stop = q;
                publication_follows = true;
                break;
              }
            }
            std::size_t tb = segs[i].b, te = title_stop;
            trim_range(s, tb, te, ",.");
            // "Rybar, Telegram post, March 15, 2024": a post names its platform, not a title
            const std::string_view written = slice(s, tb, te);
            const std::string platform = platform_of(written);
            if (!platform.empty()) {
              u.set("container-title", platform, tb, te, 0.8);
              u.mark(b, title_stop);
            } else if (tb < te) {
              u.set("title", u.repaired(clean_title(written)), tb, te, paren != std::string_view::npos ? 0.75 : 0.4);
              u.mark(b, title_stop);
            }
          }
          if (!held_interview) rest_b = title_stop;
          book_like = paren != std::string_view::npos || publication_follows;
        }
      }
    }
    if (apa) {
      std::size_t ab = b, ae = yb;
      trim_range(s, ab, ae, ",");
      if (ae > ab + 1 && s[ae - 1] == '.' && s[ae - 2] == ')') --ae;  // "Gilmore, P., & Sato, Y. (Eds.)."
      // "Russia's Central Asian problem. (2023, June 1). The Economist.": with no author the title comes first
      const std::string_view head = slice(s, ab, ae);
      const bool title_first = [&] {
        if (head.find('[') != std::string_view::npos || head.find('?') != std::string_view::npos) return true;
        for (const auto& w0 : words_of(head)) {
          const std::string w = strip_word_punct(w0);
          if (!w.empty() && is_lower(code_point_at(w, 0)) && !in_list(w, lex().english_word) && !in_list(w, lex().and_) &&
              std::find(particles().begin(), particles().end(), w) == particles().end())
            return true;
        }
        return false;
      }();
      if (ab < ae && title_first) {
        std::size_t tb = ab, te = ae;
        trim_range(s, tb, te, ".");
        u.set("title", u.repaired(clean_title(slice(s, tb, te))), tb, te, 0.7);
      } else if (ab < ae) {
        set_names(u, slice(s, ab, ae), ab, ae, 0.8);
      }
      // "(2021, May 3)": APA puts the year first
      std::string when(slice(s, yb + 1, ye));
      while (!when.empty() && (when.back() == '.' || when.back() == ')')) when.pop_back();
      const auto comma = when.find(", ");
      if (comma == 4 && when.size() > 6) when = when.substr(6) + ", " + when.substr(0, 4);
      auto d = find_dates(when);
      if (!d.empty()) set_date(u, "issued", d[0].value, yb, ye, 0.9);
      u.mark(b, ye);
      // a quoted title right after the date; a quotation inside the title is part of it
      t = find_quoted_title(u, false);
      if (t.found) {
        std::size_t q = ye;
        while (q < e && s[q] == ' ') ++q;
        if (t.open != q) t = {};
      }
      if (u.cit.item.has("title")) {
        rest_b = ye;  // the title came first: what follows the date is the container
        title_quoted = true;
      } else if (!t.found) {
        std::size_t tb = ye, te = sentence_end(u, ye, e);
        trim_range(s, tb, te);
        u.set("title", u.repaired(clean_title(slice(s, tb, te))), tb, te, 0.7);
        u.mark(ye, std::min(te + 1, e));
        rest_b = std::min(te + 1, e);
        title_quoted = true;  // APA: what follows the title is the container
        const std::string_view after = slice(s, rest_b, e);
        if (text::trim(after).rfind("In ", 0) == 0) {
          chapter = true;
          rest_b = apa_chapter(u, rest_b + (after.size() - text::trim(after).size()), e);
        }
      }
    }
    if (t.found) {
      title_quoted = true;
      if (!t.closed) {
        // An unclosed quote: the title runs to the venue before the first date or link.
        std::size_t stop = e;
        for (const auto& h : urls)
          if (h.begin > t.b) {
            stop = std::min(stop, h.begin);
            break;
          }
        {
          std::string masked(slice(s, t.b, stop));
          auto ds = find_dates(masked);
          if (!ds.empty()) stop = t.b + ds[0].begin;
        }
        std::size_t last_comma = std::string_view::npos, prev_comma = std::string_view::npos;
        for (std::size_t p = t.b; p < stop; ++p)
          if (s[p] == ',') {
            prev_comma = last_comma;
            last_comma = p;
          }
        // "…, Title, Venue, Date": the segment before the date is the venue
        std::size_t title_end = stop;
        std::size_t stop_trim = stop;
        while (stop_trim > t.b && (s[stop_trim - 1] == ' ' || s[stop_trim - 1] == ',')) --stop_trim;
        if (last_comma != std::string_view::npos && last_comma + 1 >= stop_trim && prev_comma != std::string_view::npos)
          last_comma = prev_comma;
        if (last_comma != std::string_view::npos && last_comma > t.b) title_end = last_comma;
        t.e = title_end;
        t.close = title_end;
        diagnostics.push_back({"parse.unclosed-quote", severity::warning, {t.open, t.b},
                               "the quotation mark that opens the title is never closed; the title was taken up to the venue",
                               "close the quotation mark"});
      }
      // authors before the title
      std::size_t title_from = t.b;
      std::size_t ab = b, ae = t.open;
      trim_range(s, ab, ae, ",.:;");
      // "For a different view, see Pavel Kremenetskii, “…”" / "On energy, see Julia Novak, “…”": the words up to
      // the cue are commentary, the names after it the authors
      for (std::size_t p = ae; p > ab;) {
        --p;
        if (p != ab && s[p - 1] != ' ') continue;
        bool cut = false;
        for (const auto& cue : lex().seealso) {
          const std::size_t after = p + cue.form.size();
          if (!starts_with_at(s, p, cue.form) || after + 1 >= ae || s[after] != ' ' || !is_upper(code_point_at(s, after + 1)))
            continue;
          if (p > ab) u.add_commentary(slice(s, ab, after));
          else u.add_commentary(cue.form);
          ab = after + 1;
          cut = true;
          break;
        }
        if (cut) break;
      }
      if (ab < ae && legislation_lead(u, ab, ae)) {
        // "Federal'nyi zakon ot 14.07.2022 № 255-FZ “O kontrole …”": the act's kind, date and number
      } else if (ab < ae) {
        const std::string_view before = slice(s, ab, ae);
        const bool attached = t.open > b && is_letter(prev_code_point(s, t.open));
        const bool separated = attached || s.substr(ae, t.open - ae).find_first_of(",.:") != std::string_view::npos;
        const auto comma = before.rfind(',');
        if (separated && !looks_like_prose(before)) {
          set_names(u, before, ab, ae, attached ? 0.7 : 0.85);
        } else if (!separated && comma != std::string_view::npos && words_of(before.substr(comma + 1)).size() <= 4 &&
                   !looks_like_prose(before.substr(0, comma))) {
          // "Rozman and Christofferson, eds., Putin’s “Turn to the East.”": the title starts after the comma
          std::size_t nb = ab, ne = ab + comma;
          trim_range(s, nb, ne, ",");
          if (nb < ne) set_names(u, slice(s, nb, ne), nb, ne, 0.7);
          title_from = ab + comma + 1;
        } else if (!separated && person_words(before)) {
          // "Viktoriia Pankratova “Dushanbe …”": the comma after the author left out
          set_names(u, before, ab, ae, 0.6);
        } else {
          // "The “Joint Statement…” is available at …": the words around are commentary
          u.add_commentary(before);
        }
      }
      std::size_t tb = title_from, te = t.e;
      trim_range(s, tb, te);
      u.set("title", u.repaired(clean_title(slice(s, tb, te))), tb, te, t.closed ? 0.95 : 0.6);
      u.mark(b, t.close);
      rest_b = t.close;
      // "СанПиН «…» Постановление Министерства здравоохранения … от 28.12.2012 № 211.": the act that adopted
      // the document follows its title (its kind, date and number; nothing else may follow)
      {
        std::size_t ab2 = rest_b, ae2 = e;
        while (ab2 < ae2 && (s[ab2] == ' ' || s[ab2] == '.' || s[ab2] == ',')) ++ab2;
        trim_range(s, ab2, ae2, ".,;");
        const std::string_view act = slice(s, ab2, ae2);
        if (ab2 < ae2 && act.find("http") == std::string_view::npos && act.find("//") == std::string_view::npos &&
            legislation_lead(u, ab2, ae2))
          rest_b = e;
      }
      // "In Title, ed. X" → chapter
      std::size_t k = rest_b;
      while (k < e && (s[k] == ' ' || s[k] == ',' || s[k] == '.')) ++k;
      if (starts_with_at(s, k, "in ") || starts_with_at(s, k, "In ") || starts_with_at(s, k, "In: ") ||
          starts_with_at(s, k, "В кн.:")) {
        chapter = true;
        u.mark(k, k + (starts_with_at(s, k, "В кн.:") ? std::string_view("В кн.:").size() : 3));
      }
    }
    // "Volkov and Chen, “Managing Asymmetry,” 1020.": after a short title only the page cited, not a year
    std::size_t lb = rest_b, le = e;
    trim_range(s, lb, le, ",.;");
    if (t.found && !chapter && !apa_style && lb < le && (all_digits(slice(s, lb, le)) || is_page_range(slice(s, lb, le))) &&
        u.cit.item.names_of("author").size() > 0 && u.cit.item.names_of("author")[0].given.empty()) {
      u.cit.locator = normalize_range(slice(s, lb, le));
      u.mark(rest_b, e);
    } else {
      parse_rest(u, rest_b, e, title_quoted || chapter);
    }
  }

  reference& r = u.cit.item;
  // "Кузьмин В. Н. Поворот на Восток. М.: Аспект Пресс, 2019. С. 45.": a page of a whole book is the page cited
  if (!chapter && !apa_style && r.has("publisher") && !r.has("container-title") && r.has("page")) {
    if (u.cit.locator.empty()) u.cit.locator = std::string(r.get("page"));
    r.set("page", "");
  }
  // APA: "Title (2nd ed.). Routledge." — after the title a name with no volume, issue, pages or day is the
  // publisher of a book or report, not a periodical
  if (apa_style && !chapter && r.has("container-title") && !r.has("publisher") && !r.has("volume") && !r.has("issue") &&
      !r.has("page")) {
    const date* d = r.date_of("issued");
    if (!d || d->parts.empty() || d->parts[0].day == 0) {
      r.set("publisher", std::string(r.get("container-title")));
      r.set("container-title", "");
      for (auto& src : u.cit.sources)
        if (src.field == "container-title") src.field = "publisher";
      book_like = true;
    }
  }
  // "Title. Brookings Institution Press." (APA, MLA books): a publisher read as a container
  if (r.has("container-title") && !r.has("publisher") && !r.has("volume") && !r.has("issue") && !r.has("page") && !chapter) {
    for (const auto& w : words_of(r.get("container-title"))) {
      if (in_list(strip_word_punct(w), lex().publisher_word)) {
        r.set("publisher", std::string(r.get("container-title")));
        r.set("container-title", "");
        for (auto& src : u.cit.sources)
          if (src.field == "container-title") src.field = "publisher";
        book_like = true;
        break;
      }
    }
  }
  // "Договор между … о союзнических отношениях от 14 ноября 2005 г.": the date an act or treaty was made ends
  // its name; it is the date issued, not the year of the bulletin that printed it
  if (r.has("title")) {
    const std::string title(r.get("title"));
    const bool act = starts_with_act(title, true);
    constexpr std::string_view of = " от ";
    const auto at = title.rfind(of);
    if (act && at != std::string::npos && at > 0) {
      const auto ds = find_dates(std::string_view(title).substr(at + of.size()));
      if (!ds.empty() && ds[0].begin == 0 && ds[0].value.parts.size() == 1 && ds[0].value.parts[0].day != 0) {
        const std::string rest = std::string(text::trim(std::string_view(title).substr(at + of.size() + ds[0].end)));
        if (rest.empty() || rest == "г" || rest == "г." || rest == "года") {
          r.dates["issued"] = ds[0].value;
          r.set("title", title.substr(0, at));
        }
      }
    }
  }
  const bool translated_title = title_brackets(u);
  // "Федеральный закон от 28.12.2010 № 390-ФЗ «О безопасности»" read as one title: the act's name is the
  // title, its date of adoption the date issued (not the gazette's year), its number the number
  // (the span is copied first: legislation_lead adds sources)
  const span title_at = [&] {
    for (const auto& src : u.cit.sources)
      if (src.field == "title") return src.where;
    return span{};
  }();
  if (title_at.end > title_at.begin) [&] {
    const std::string_view written = slice(s, title_at.begin, title_at.end);
    std::size_t open = written.find("«"), close = written.rfind("»");
    if (open == std::string_view::npos) {
      open = written.find("“");
      close = written.rfind("”");
    }
    if (!starts_with_act(written, false) || open == std::string_view::npos || close == std::string_view::npos || close <= open) return;
    const std::size_t name_b = open + (written.compare(open, 2, "«") == 0 ? 2 : 3);
    const std::string name(text::trim(written.substr(name_b, close - name_b)));
    const date gazette = r.dates.count("issued") ? r.dates["issued"] : date{};
    r.dates.erase("issued");
    const std::size_t tb = title_at.begin;
    legislation_lead(u, tb, tb + open);
    if (!r.dates.count("issued") && !gazette.empty()) r.dates["issued"] = gazette;
    if (!name.empty()) r.set("title", name);
  }();
  container_author(u, chapter);
  issuing_body_as_author(u, chapter);
  // language of the work: the title's script
  const std::string lang = work_language(r, translated_title);
  if (!lang.empty()) r.set("language", lang);
  r.type = infer_type(u, book_like, chapter);
  apply_venue(r);
  // "The term … appears in official documents only after 2022": a sentence of prose with a year is commentary
  if (!title_quoted && !book_like && !u.interview && r.names.empty() && !r.has("URL") && !r.has("DOI") &&
      !r.has("container-title") && !r.has("publisher") && looks_like_prose(r.get("title")))
    r = reference{};  // the note keeps the unit's text as commentary
  // "… гранта Российского научного фонда № 23-28-01457 «Трансформация …»", "… понятие «Большое Евразийское
  // партнерство» практически не используется": a quotation in prose, with nothing else of a citation
  if (title_quoted && !apa_style && r.names.empty() && !r.has("URL") && !r.has("DOI") && !r.has("container-title") &&
      !r.has("publisher") && !r.dates.count("issued") && !r.has("volume") && !r.has("issue") && !r.has("page") &&
      !u.commentary.empty() && looks_like_prose(u.commentary))
    r = reference{};  // the note keeps the unit's text as commentary
  const bool has_content = r.has("title") || r.has("URL") || r.has("DOI") || !r.names.empty();
  out.is_citation = has_content;
  u.cit.short_form = has_content && !r.has("URL") && !r.has("DOI") && !r.has("container-title") &&
                     !r.has("publisher") && !r.dates.count("issued") && !r.has("volume") && !r.has("issue");
  out.cit = std::move(u.cit);
  out.commentary = std::move(u.commentary);
  return out;
}

// "“Svoboda,” in Ivan Aleksandrovich Il’in, Novaia natsional’naia Rossiia …": a chapter in a book cited
// under its author; the container is the book's title, and the name before it is the book's author
void container_author(unit& u, bool chapter) {
  reference& r = u.cit.item;
  if (!chapter || !r.names_of("container-author").empty()) return;
  const std::string v(r.get("container-title"));
  const auto k = v.find(", ");
  if (k == std::string::npos) return;
  const std::string_view name = std::string_view(v).substr(0, k);
  const std::string_view book = std::string_view(v).substr(k + 2);
  if (!book_author_words(name) || words_of(book).size() < 2 || !is_upper(code_point_at(book, 0)) || name_like(book, 12))
    return;
  for (const auto* list : {&lex().editor, &lex().translator})
    for (const auto& w : *list)
      if (book.substr(0, w.form.size()) == w.form) return;
  auto nl = parse_names(name, *u.opts);
  if (nl.names.size() != 1 || nl.names[0].is_literal()) return;
  r.names["container-author"] = std::move(nl.names);
  r.set("container-title", std::string(book));
}

void normalise_reading(std::string_view s, std::size_t b, std::size_t e, citation& cit, const options& opts) {
  std::vector<diagnostic> unused;
  unit u;
  u.s = s;
  u.b = b;
  u.e = e;
  u.used.assign(e - b, 0);
  u.opts = &opts;
  u.diags = &unused;
  u.cit = std::move(cit);
  reference& r = u.cit.item;
  // the reader's own type says only chapter or book; the rules' type inference decides the rest
  bool chapter = r.type == "chapter";
  bool book_like = r.type == "book";
  // GOST's area punctuation the labeller leaves on a field ("– СПб", "Название : учебное пособие /")
  auto strip_area = [](std::string v) {
    std::size_t b0 = 0, e0 = v.size();
    while (b0 < e0) {
      std::size_t n = 0;
      if (v[b0] == ' ' || v[b0] == '-') n = 1;
      else if (v.compare(b0, 3, "–") == 0 || v.compare(b0, 3, "—") == 0) n = 3;
      if (n == 0) break;
      b0 += n;
    }
    while (e0 > b0 && std::string_view(" /:;,").find(v[e0 - 1]) != std::string_view::npos) --e0;
    return v.substr(b0, e0 - b0);
  };
  for (const char* field : {"title", "container-title", "publisher", "publisher-place"})
    if (r.has(field)) r.set(field, u.repaired(strip_area(std::string(r.get(field)))));
  // "– 384 с.", "277 p.": the number of pages of the book, not pages of a part
  for (std::string* where : {&u.cit.locator, static_cast<std::string*>(nullptr)}) {
    const std::string value = where ? *where : std::string(r.get("page"));
    const std::string v = strip_area(value);
    std::size_t q = 0;
    while (q < v.size() && is_digit(v[q])) ++q;
    bool extent = false;
    for (const std::string_view pages : {" с.", " с", " p.", " p", " pp.", " pp", " S.", " стр."})
      extent = extent || (q > 0 && v.compare(q, std::string::npos, pages) == 0);
    if (!extent) continue;
    if (!r.has("number-of-pages")) r.set("number-of-pages", v.substr(0, q));
    if (where) where->clear();
    else r.set("page", "");
  }
  // a page of a whole book is the page cited (as the rules read "М.: Наука, 2019. С. 45.")
  if (!chapter && r.has("publisher") && !r.has("container-title") && r.has("page")) {
    if (u.cit.locator.empty()) u.cit.locator = std::string(r.get("page"));
    r.set("page", "");
  }
  const std::string platform = platform_of(r.get("container-title"));
  if (!platform.empty()) r.set("container-title", platform);
  // "Vali, Ferenc A., The Turkish Straits and NATO, California, …, 1972.": a container with no title inside
  // it and no volume, issue or pages is the work's own title (a post on a platform has none: "Rybar,
  // Telegram post, March 15, 2024")
  if (platform.empty() && !r.has("title") && r.has("container-title") && !r.has("volume") && !r.has("issue") &&
      !r.has("page")) {
    r.set("title", std::string(r.get("container-title")));
    r.set("container-title", "");
    for (auto& src : u.cit.sources)
      if (src.field == "container-title") src.field = "title";
    // a work standing alone: a book when it has a publisher, else the type inference decides
    book_like = book_like || r.has("publisher") || r.has("publisher-place");
    chapter = false;
  }
  if (split_venue_from_title(s, u.cit)) chapter = book_like = false;
  if (const std::string kind = split_genre_from_title(u.cit); !kind.empty()) u.kind = kind;
  const bool translated_title = title_brackets(u);
  container_author(u, chapter);
  issuing_body_as_author(u, chapter);
  const std::string lang = work_language(r, translated_title);
  if (!lang.empty()) r.set("language", lang);
  r.type = infer_type(u, book_like, chapter);
  apply_venue(r);
  const bool has_content = r.has("title") || r.has("URL") || r.has("DOI") || !r.names.empty();
  u.cit.short_form = has_content && !r.has("URL") && !r.has("DOI") && !r.has("container-title") &&
                     !r.has("publisher") && !r.dates.count("issued") && !r.has("volume") && !r.has("issue");
  cit = std::move(u.cit);
}

std::vector<name> parse_name_list(std::string_view text, const options& opts) { return parse_names(text, opts).names; }

bool publication_place_at(std::string_view s, std::size_t p, std::size_t e) { return place_colon_at(s, p, e); }

}  // namespace bicite::parse::detail
