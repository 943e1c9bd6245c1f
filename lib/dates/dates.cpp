// Date parsing: a small tokenizer (numbers, words, punctuation; URLs skipped; run-together words
// split at case changes) and a hand-written matcher over the tokens. Every attempt at a token looks
// at a bounded number of tokens, so find_dates is linear in the input.
#include "bicite/dates.hpp"

#include <cstdint>
#include <string>

#include "bicite/text.hpp"
#include "dates/lexicon.hpp"

namespace bicite::dates {
namespace {

using detail::word_info;

enum class kind : std::uint8_t { number, word, punct };

struct token {
  kind k = kind::punct;
  bool space_before = false;
  bool upper_initial = false;
  char ch = 0;            // punctuation: . , / - (ASCII hyphen) d (typographic dash) : ; ( ) [ ] x (other)
  std::uint8_t ndigits = 0;
  std::uint32_t begin = 0, end = 0;
  int value = 0;          // number value (first 9 digits)
  const word_info* info = nullptr;
};

bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    len = 2;
    return true;
  }
  if (c == 0xE2 && i + 2 < s.size()) {
    const unsigned char d = static_cast<unsigned char>(s[i + 1]), e = static_cast<unsigned char>(s[i + 2]);
    if ((d == 0x80 && (e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF)) || (d == 0x81 && e == 0x9F)) {
      len = 3;
      return true;
    }
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    len = 3;
    return true;
  }
  return false;
}

// Letter case of the code point starting at i (ASCII and Cyrillic): 1 upper, 2 lower, 0 not a letter.
// `len` receives the byte length of the letter.
int letter_at(std::string_view s, std::size_t i, std::size_t& len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  len = 1;
  if (c >= 'A' && c <= 'Z') return 1;
  if (c >= 'a' && c <= 'z') return 2;
  if (c >= 0xD0 && c <= 0xD3 && i + 1 < s.size()) {
    const unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if ((d & 0xC0) != 0x80) return 0;
    len = 2;
    const char32_t cp = ((c & 0x1F) << 6) | (d & 0x3F);
    if (cp >= 0x400 && cp <= 0x42F) return 1;
    if (cp >= 0x430 && cp <= 0x45F) return 2;
    return (cp & 1) ? 2 : 1;  // Cyrillic supplement: pairs upper/lower
  }
  if (c == 0xC3 && i + 1 < s.size()) {  // Latin-1 letters
    const unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if (d >= 0x80 && d <= 0xBF && d != 0x97 && d != 0xB7) {
      len = 2;
      return d < 0x9F ? 1 : 2;
    }
  }
  return 0;
}

bool starts_with_ci(std::string_view s, std::size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[k]) return false;
  }
  return true;
}

bool url_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// A URL starts at i: "http://", "https://", "www.", or a scheme-less "host.tld/…" at a chunk start.
bool url_at(std::string_view s, std::size_t i, bool chunk_start) {
  if (starts_with_ci(s, i, "http://") || starts_with_ci(s, i, "https://") || starts_with_ci(s, i, "www.") ||
      starts_with_ci(s, i, "ftp://"))
    return true;
  if (!chunk_start) return false;
  std::size_t j = i, last_dot = std::string_view::npos;
  while (j < s.size() && url_char(s[j])) {
    if (s[j] == '.') last_dot = j;
    ++j;
  }
  if (last_dot == std::string_view::npos || j >= s.size() || s[j] != '/' || j - last_dot < 3) return false;
  for (std::size_t k = last_dot + 1; k < j; ++k)
    if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) return false;
  return true;
}

void tokenize(std::string_view s, std::vector<token>& out) {
  const auto& lex = detail::get_lexicon();
  std::string folded;
  folded.reserve(64);
  out.clear();
  bool space = true;
  std::size_t i = 0;
  auto push_word = [&](std::size_t b, std::size_t e, bool upper, bool sp) {
    token t;
    t.k = kind::word;
    t.begin = static_cast<std::uint32_t>(b);
    t.end = static_cast<std::uint32_t>(e);
    t.space_before = sp;
    t.upper_initial = upper;
    if (e - b <= 48) {
      detail::fold_word(s.substr(b, e - b), folded);
      t.info = lex.find(folded);
    }
    out.push_back(t);
  };
  while (i < s.size()) {
    std::size_t len = 0;
    if (is_space_at(s, i, len)) {
      space = true;
      i += len;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool chunk_start = space || (!out.empty() && out.back().k == kind::punct &&
                                       (out.back().ch == '(' || out.back().ch == '[' || out.back().ch == 'x'));
    if ((c < 0x80 && url_char(static_cast<char>(c)) && c != '-' && c != '.') && url_at(s, i, chunk_start)) {
      while (i < s.size() && !is_space_at(s, i, len)) ++i;
      // the URL is not a token; the next token is not adjacent to anything
      space = true;
      continue;
    }
    if (c >= '0' && c <= '9') {
      token t;
      t.k = kind::number;
      t.begin = static_cast<std::uint32_t>(i);
      t.space_before = space;
      std::size_t n = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (n < 9) t.value = t.value * 10 + (s[i] - '0');
        ++n;
        ++i;
      }
      t.ndigits = static_cast<std::uint8_t>(n > 255 ? 255 : n);
      t.end = static_cast<std::uint32_t>(i);
      out.push_back(t);
      space = false;
      continue;
    }
    int cs = letter_at(s, i, len);
    if (cs) {
      // a run of letters, split where case changes inside it ("IzvestiyaFebruary", "MKRUFebruary")
      std::size_t b = i;
      bool sp = space;
      int prev = cs;
      i += len;
      while (i < s.size()) {
        std::size_t l2 = 0;
        const int cur = letter_at(s, i, l2);
        if (!cur) break;
        bool split = false;
        if (cur == 1 && prev == 2) split = true;
        else if (cur == 1 && prev == 1 && i + l2 < s.size()) {
          std::size_t l3 = 0;
          split = letter_at(s, i + l2, l3) == 2 && i > b + 1;
        }
        if (split) {
          push_word(b, i, letter_at(s, b, len) == 1, sp);
          b = i;
          sp = false;
        }
        prev = cur;
        i += l2;
      }
      push_word(b, i, letter_at(s, b, len) == 1, sp);
      space = false;
      continue;
    }
    token t;
    t.k = kind::punct;
    t.begin = static_cast<std::uint32_t>(i);
    t.space_before = space;
    std::size_t l = 1;
    switch (c) {
      case '.': case ',': case '/': case '-': case ':': case ';': case '(': case ')': case '[': case ']':
        t.ch = static_cast<char>(c);
        break;
      default:
        t.ch = 'x';
        if (c >= 0xC0) {
          l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
          if (i + l > s.size()) l = s.size() - i;
          if (c == 0xE2 && l == 3) {
            const unsigned char d = static_cast<unsigned char>(s[i + 1]), e = static_cast<unsigned char>(s[i + 2]);
            if (d == 0x80 && e >= 0x90 && e <= 0x95) t.ch = e <= 0x91 ? '-' : 'd';   // hyphens, dashes
            else if (d == 0x88 && e == 0x92) t.ch = 'd';                              // minus
            else if (d == 0x84 && e == 0x96) {                                        // №
              t.k = kind::word;
              t.info = lex.find("№");
            }
          } else if (c == 0xC2 && l == 2 && static_cast<unsigned char>(s[i + 1]) == 0xAD) {
            i += 2;  // soft hyphen: ignored
            continue;
          }
        }
    }
    t.end = static_cast<std::uint32_t>(i + l);
    out.push_back(t);
    i += l;
    space = false;
  }
}

// One side of a date: what was written (0 = not given).
struct point {
  int y = 0, m = 0, d = 0, season = 0;
  bool y2digit = false;
};

class matcher {
 public:
  matcher(const std::vector<token>& t, std::string_view text, const date_options& o) : t_(t), text_(text), opt_(o) {}

  // Tries a date at token i; on success returns the index after it (fill() then makes the result).
  std::size_t match(std::size_t i) {
    diags_.clear();
    const std::size_t start = i;
    bool accessed = false, circa = false, paren = false;
    std::size_t issue_b = 0, issue_e = 0;
    if (std::size_t j = access_phrase(i); j != i) {
      accessed = true;
      i = j;
      if (is_punct(i, ':')) ++i;
    }
    if (std::size_t j = issue_prefix(i, issue_b, issue_e); j != i) {
      i = j;
      if (is_punct(i, '(')) {
        paren = true;
        ++i;
      }
    }
    if (is_word(i) && (t_[i].info->roles & detail::role_circa)) {
      std::size_t j = i + 1;
      if (is_punct(j, '.') && !t_[j].space_before) ++j;
      if (j < t_.size() && t_[j].k == kind::number) {
        circa = true;
        i = j;
      }
    }
    point p1, p2;
    bool range = false;
    std::size_t j = side(i, p1, true);
    if (j == i) return start;
    // a range: "January/February 2023", "5–7 мая 2023", "2022–2023", "December 2022 – January 2023"
    if (j < t_.size() && (is_punct(j, '/') || is_punct(j, '-') || is_punct(j, 'd') ||
                          (is_word(j) && (t_[j].info->roles & detail::role_range)))) {
      point q;
      std::size_t k = j + 1;
      if (p1.y && !p1.m && !p1.season && j + 1 < t_.size() && t_[j + 1].k == kind::number &&
          t_[j + 1].ndigits == 2 && !t_[j + 1].space_before && p1.y / 100 * 100 + t_[j + 1].value > p1.y) {
        // "2022–23"
        q.y = p1.y / 100 * 100 + t_[j + 1].value;
        k = year_suffix(j + 2);
      } else {
        k = side(j + 1, q, true);
      }
      if (k != j + 1 && combine(p1, q)) {
        p2 = q;
        range = true;
        j = k;
      }
    }
    if (!range && !p1.y) return start;
    if (paren) {
      if (!is_punct(j, ')')) return start;
      ++j;
    }
    m_ = {p1, p2, range, accessed, circa, start, j, issue_b, issue_e};
    return j;
  }

  // The parsed date of the last successful match(); `out` is a fresh value.
  void fill(parsed_date& out) {
    const auto [p1, p2, range, accessed, circa, start, j, issue_b, issue_e] = m_;
    out.where = {t_[start].begin, t_[j - 1].end};
    out.accessed = accessed;
    if (issue_e > issue_b) out.issue.assign(text_.substr(issue_b, issue_e - issue_b));
    out.date.circa = circa;
    out.diagnostics = std::move(diags_);
    diags_.clear();
    const std::string_view written = text_.substr(out.where.begin, out.where.end - out.where.begin);
    bool bad = false;
    const bool is_range = range;  // clang 14 cannot capture structured bindings
    auto put = [&](point p) {
      if (p.m > 12 || p.m < 0 || (p.m == 0 && p.d)) {
        bad = true;
        p.m = 0;
        p.d = 0;
      }
      if (p.d && (p.d > days_in_month(p.y, p.m))) {
        bad = true;
        p.d = 0;
      }
      if (p.season && !is_range) out.date.season = std::to_string(p.season - 20);
      out.date.parts.push_back({p.y, p.season && is_range ? p.season - 8 : p.m, p.d});
    };
    put(p1);
    if (range) put(p2);
    if (bad) {
      out.date.raw = std::string(written);
      out.diagnostics.push_back({"date.impossible", severity::warning, out.where,
                                 "impossible date \"" + std::string(written) + "\": kept only its valid part",
                                 "check the day and month"});
    }
    if (range) {
      const auto& a = out.date.parts[0];
      const auto& b = out.date.parts[1];
      if (std::tie(b.year, b.month, b.day) < std::tie(a.year, a.month, a.day))
        out.diagnostics.push_back({"date.reversed-range", severity::warning, out.where,
                                   "date range \"" + std::string(written) + "\" ends before it begins", ""});
    }
    out.edtf = to_edtf(out.date);
  }

 private:
  struct last_match {
    point p1, p2;
    bool range = false, accessed = false, circa = false;
    std::size_t start = 0, end = 0, issue_b = 0, issue_e = 0;
  };
  last_match m_;
  const std::vector<token>& t_;
  std::string_view text_;
  const date_options& opt_;
  std::vector<diagnostic> diags_;

  bool is_punct(std::size_t i, char c) const { return i < t_.size() && t_[i].k == kind::punct && t_[i].ch == c; }
  bool is_word(std::size_t i) const { return i < t_.size() && t_[i].k == kind::word && t_[i].info; }
  bool adjacent(std::size_t i) const { return i < t_.size() && !t_[i].space_before; }

  std::size_t access_phrase(std::size_t i) const {
    if (!is_word(i) || !(t_[i].info->roles & detail::role_accessed)) return i;
    std::size_t best = i;
    std::string folded;
    for (const auto& rest : t_[i].info->phrases) {
      std::size_t j = i + 1;
      bool ok = true;
      for (const auto& w : rest) {
        if (is_punct(j, '.') && !t_[j].space_before) ++j;  // "дата обр."
        if (j >= t_.size() || t_[j].k != kind::word) {
          ok = false;
          break;
        }
        detail::fold_word(text_.substr(t_[j].begin, t_[j].end - t_[j].begin), folded);
        if (folded != w) {
          ok = false;
          break;
        }
        ++j;
      }
      if (ok && j > best) best = j;
    }
    if (best != i && is_punct(best, '.') && !t_[best].space_before) ++best;
    return best;
  }

  // "No. 3", "№ 3", "no 7", "No. 1-2" followed by a comma or a parenthesis and a date.
  std::size_t issue_prefix(std::size_t i, std::size_t& issue_b, std::size_t& issue_e) const {
    if (!is_word(i) || !(t_[i].info->roles & detail::role_issue)) return i;
    std::size_t j = i + 1;
    if (is_punct(j, '.') && adjacent(j)) ++j;
    if (j >= t_.size() || t_[j].k != kind::number || t_[j].ndigits > 4) return i;
    std::size_t k = j + 1;
    if ((is_punct(k, '-') || is_punct(k, 'd') || is_punct(k, '/')) && adjacent(k) && k + 1 < t_.size() &&
        t_[k + 1].k == kind::number && adjacent(k + 1) && t_[k + 1].ndigits <= 3)
      k += 2;
    // "No. 3 (2023)", "No. 1, 2023"; a bare "No. 3 2023" is not taken
    if (is_punct(k, ',') || is_punct(k, '(')) {
      issue_b = t_[j].begin;
      issue_e = t_[k - 1].end;
      return is_punct(k, ',') ? k + 1 : k;
    }
    return i;
  }

  std::size_t year_suffix(std::size_t j) const {
    if (is_word(j) && (t_[j].info->roles & detail::role_year_suffix)) {
      ++j;
      if (is_punct(j, '.') && adjacent(j)) {
        ++j;
        // "г.г."
        if (is_word(j) && adjacent(j) && (t_[j].info->roles & detail::role_year_suffix) && is_punct(j + 1, '.')) j += 2;
      }
    }
    return j;
  }

  // A four-digit year at i (1000–2199) that is not part of a bigger number; returns the index after it
  // (and its "г." / "года" suffix), or i.
  std::size_t year(std::size_t i, int& y) const {
    if (i >= t_.size() || t_[i].k != kind::number || t_[i].ndigits != 4) return i;
    const int v = t_[i].value;
    if (v < 1000 || v > 2199) return i;
    // "227.2023", "2023.5", "1990s"
    if (i >= 2 && !t_[i].space_before && t_[i - 1].k == kind::punct && (t_[i - 1].ch == '.' || t_[i - 1].ch == ',') &&
        t_[i - 2].k == kind::number && !t_[i - 1].space_before)
      return i;
    if (i + 2 < t_.size() && adjacent(i + 1) && t_[i + 1].k == kind::punct &&
        (t_[i + 1].ch == '.' || t_[i + 1].ch == ',') && t_[i + 2].k == kind::number && adjacent(i + 2))
      return i;
    if (i + 1 < t_.size() && adjacent(i + 1) && t_[i + 1].k == kind::word && t_[i + 1].end - t_[i + 1].begin == 1 &&
        (text_[t_[i + 1].begin] == 's' || text_[t_[i + 1].begin] == 'x'))
      return i;
    if (i >= 1 && adjacent(i) && t_[i - 1].k == kind::punct && t_[i - 1].ch == 'x' &&
        (text_[t_[i - 1].begin] == '$' || text_[t_[i - 1].begin] == '#'))
      return i;
    y = v;
    return year_suffix(i + 1);
  }

  int month_word(std::size_t i, std::size_t& next) const {
    if (!is_word(i)) return 0;
    const auto* w = t_[i].info;
    if (w->month < 1 || w->month > 12) return 0;
    if (w->english && !t_[i].upper_initial) return 0;
    next = i + 1;
    if (is_punct(next, '.') && adjacent(next)) ++next;
    return w->month;
  }

  int season_word(std::size_t i, std::size_t& next) const {
    if (!is_word(i)) return 0;
    const auto* w = t_[i].info;
    if (w->month < 21) return 0;
    next = i + 1;
    return w->month;
  }

  int day(std::size_t i, std::size_t& next) const {
    if (i >= t_.size() || t_[i].k != kind::number || t_[i].ndigits > 2 || t_[i].value < 1 || t_[i].value > 31)
      return 0;
    next = i + 1;
    if (is_word(next) && adjacent(next) && (t_[next].info->roles & detail::role_ordinal)) ++next;
    else if (is_punct(next, '-') && adjacent(next) && next + 1 < t_.size() && t_[next + 1].k == kind::word &&
             adjacent(next + 1) && t_[next + 1].end - t_[next + 1].begin <= 4 &&
             text_.substr(t_[next + 1].begin, 2) == "\xD0\xB3")  // "5-го"
      next += 2;
    return t_[i].value;
  }

  // Numeric dates: 2023-01-07, 2023-01, 01.02.2024, 03/04/2023, 01.2024, 01.02.24.
  std::size_t numeric(std::size_t i, point& p) {
    if (i + 2 >= t_.size() || t_[i].k != kind::number || t_[i + 1].k != kind::punct || !adjacent(i + 1) ||
        t_[i + 2].k != kind::number || !adjacent(i + 2))
      return i;
    const char sep = t_[i + 1].ch;
    if (sep != '.' && sep != '/' && sep != '-') return i;
    const bool third = i + 4 < t_.size() && is_punct(i + 3, sep) && adjacent(i + 3) && t_[i + 4].k == kind::number &&
                       adjacent(i + 4);
    const token& a = t_[i];
    const token& b = t_[i + 2];
    if (a.ndigits == 4) {  // year first
      if (third) {
        const token& c = t_[i + 4];
        if (b.ndigits > 2 || c.ndigits > 2) return i;
        p.y = a.value;
        p.m = b.value;
        p.d = c.value;
        return time_suffix(i + 5);
      }
      if (sep == '-' && b.ndigits == 2 && b.value >= 1 && b.value <= 12) {
        p.y = a.value;
        p.m = b.value;
        return i + 3;
      }
      return i;
    }
    if (a.ndigits > 2) return i;
    if (!third) {  // 01.2024, 1/2024
      if (b.ndigits != 4 || sep == '-' || a.value < 1 || a.value > 12) return i;
      if (i + 4 < t_.size() && is_punct(i + 3, sep) && adjacent(i + 3)) return i;
      p.y = b.value;
      p.m = a.value;
      return year_suffix(i + 3);
    }
    const token& c = t_[i + 4];
    if (b.ndigits > 2 || (c.ndigits != 4 && c.ndigits != 2)) return i;
    if (i + 6 < t_.size() && is_punct(i + 5, sep) && adjacent(i + 5)) return i;  // 1.2.3.4: a version number
    if (c.ndigits == 2 && sep == '-') return i;
    int y = c.value;
    if (c.ndigits == 2) {
      if (sep == '.' && a.value > 31) return i;
      y = y <= 49 ? 2000 + y : 1900 + y;
      diags_.push_back({"date.two-digit-year", severity::note, span_of(i, i + 5),
                        "two-digit year read as " + std::to_string(y), ""});
    }
    const int x = a.value, z = b.value;
    bool day_first = opt_.day_first || sep == '.';
    if (x > 12 && z <= 12) day_first = true;
    else if (z > 12 && x <= 12) day_first = false;
    else if (x <= 12 && z <= 12 && x != z && !day_first) {
      diags_.push_back({"date.ambiguous-numeric", severity::warning, span_of(i, i + 5),
                        "ambiguous numeric date \"" + std::string(text(i, i + 5)) + "\": read month first (" +
                            std::to_string(y) + "-" + two(x) + "-" + two(z) + ")",
                        "day first would give " + std::to_string(y) + "-" + two(z) + "-" + two(x) +
                            "; write the date with a month name or as ISO 2023-04-03"});
    }
    p.y = y;
    p.m = day_first ? z : x;
    p.d = day_first ? x : z;
    return year_suffix(i + 5);
  }

  // "T10:00:00Z" after an ISO date
  std::size_t time_suffix(std::size_t j) const {
    if (j < t_.size() && t_[j].k == kind::word && adjacent(j) && t_[j].end - t_[j].begin >= 1 &&
        (text_[t_[j].begin] == 'T' || text_[t_[j].begin] == 't') && t_[j].end - t_[j].begin == 1 &&
        j + 1 < t_.size() && t_[j + 1].k == kind::number && adjacent(j + 1)) {
      std::size_t k = j + 2;
      while (k + 1 < t_.size() && (is_punct(k, ':') || is_punct(k, '.')) && adjacent(k) &&
             t_[k + 1].k == kind::number && adjacent(k + 1))
        k += 2;
      if (k < t_.size() && t_[k].k == kind::word && adjacent(k) && t_[k].end - t_[k].begin == 1 &&
          (text_[t_[k].begin] == 'Z' || text_[t_[k].begin] == 'z'))
        ++k;
      return k;
    }
    return j;
  }

  static std::string two(int v) {
    std::string s = std::to_string(v);
    if (v < 10) s.insert(s.begin(), '0');
    return s;
  }
  span span_of(std::size_t a, std::size_t b) const { return {t_[a].begin, t_[b - 1].end}; }
  std::string_view text(std::size_t a, std::size_t b) const {
    return text_.substr(t_[a].begin, t_[b - 1].end - t_[a].begin);
  }

  // The year that may close a date whose month `m` and/or day `d` end at `i` (", 2023" or " 2023"):
  // sets `p` and returns where the date ends; without a year, a point with year 0 ending at `i` when
  // `partial`, else nothing (`p` untouched). Shared by every month/day order side() reads.
  std::optional<std::size_t> year_after(std::size_t i, int m, int d, point& p, bool partial) const {
    std::size_t k = i;
    if (is_punct(k, ',')) ++k;
    int y = 0;
    if (std::size_t e = year(k, y); e != k) {
      p = {y, m, d, 0, false};
      return e;
    }
    if (partial) {
      p = {0, m, d, 0, false};
      return i;
    }
    return std::nullopt;
  }

  // One side of a date; `partial` allows forms without a year (the first side of a range).
  std::size_t side(std::size_t i, point& p, bool partial) {
    p = {};
    if (i >= t_.size()) return i;
    if (std::size_t j = numeric(i, p); j != i) return j;
    p = {};
    // weekday: "Monday, January 7, 2023", "понедельник, 7 января"
    std::size_t i0 = i;
    if (is_word(i) && (t_[i].info->roles & detail::role_weekday)) {
      i0 = i + 1;
      if (is_punct(i0, ',')) ++i0;
    }
    std::size_t j = 0;
    if (int m = month_word(i0, j)) {  // January 7, 2023 · January 2023 · January 7 · January
      std::size_t k = 0;
      if (int d = day(j, k))
        if (auto end = year_after(k, m, d, p, partial)) return *end;
      if (auto end = year_after(j, m, 0, p, partial)) return *end;
      return i;
    }
    if (int d = day(i0, j)) {  // 7 January 2023 · 18 января 2023 г. · 7 января · 7 (· 7, 2023 in a range)
      std::size_t k = 0;
      if (int m = month_word(j, k)) {
        if (auto end = year_after(k, m, d, p, partial)) return *end;
        return i;
      }
      if (partial && i0 == i) return *year_after(j, 0, d, p, partial);  // never empty when partial
      // a bare number is not a date
    }
    if (int s = season_word(i, j)) {  // Spring 2023 · весна 2023 г. · Winter 2022/2023
      std::size_t k = j;
      if (is_punct(k, ',')) ++k;
      int y = 0;
      if (std::size_t k3 = year(k, y); k3 != k) {
        p = {y, 0, 0, s, false};
        if (s == 24 && (is_punct(k3, '/') || is_punct(k3, '-') || is_punct(k3, 'd')) && k3 + 1 < t_.size() &&
            t_[k3 + 1].k == kind::number &&
            (t_[k3 + 1].value == y + 1 || (t_[k3 + 1].ndigits == 2 && t_[k3 + 1].value == (y + 1) % 100)))
          return year_suffix(k3 + 2);
        return k3;
      }
      if (partial) {
        p = {0, 0, 0, s, false};
        return j;
      }
      return i;
    }
    int y = 0;
    if (std::size_t k = year(i, y); k != i) {
      p = {y, 0, 0, 0, false};
      return k;
    }
    return i;
  }

  // Completes the two sides of a range from each other; false when they do not make a range.
  static bool combine(point& a, point& b) {
    if (!b.y && !a.y) return false;
    if (!a.y) a.y = b.y;
    if (!b.y) {
      if (!(b.m || b.d)) return false;
      b.y = a.y;
    }
    if (a.season || b.season) {
      if (!a.season || !b.season) return false;
      return true;
    }
    if (a.d && !a.m) {
      if (!b.m || !b.d) return false;
      a.m = b.m;
    }
    if (b.d && !b.m) {
      if (!a.m || !a.d) return false;
      b.m = a.m;
    }
    return (a.m > 0) == (b.m > 0) && (a.d > 0) == (b.d > 0);
  }
};

}  // namespace

int days_in_month(int year, int month) noexcept {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return days[month - 1];
}

std::string to_edtf(const bicite::date& date) {
  if (date.parts.empty()) return {};
  std::string out;
  auto pad = [&](int v, int width) {
    std::string s = std::to_string(v < 0 ? -v : v);
    if (v < 0) out.push_back('-');
    for (int k = static_cast<int>(s.size()); k < width; ++k) out.push_back('0');
    out += s;
  };
  int season = 0;
  if (!date.season.empty()) {
    const std::string_view s = date.season;
    if (s.size() == 1 && s[0] >= '1' && s[0] <= '4') season = 20 + (s[0] - '0');
    else if (s == "spring" || s == "Spring") season = 21;
    else if (s == "summer" || s == "Summer") season = 22;
    else if (s == "autumn" || s == "fall" || s == "Autumn" || s == "Fall") season = 23;
    else if (s == "winter" || s == "Winter") season = 24;
  }
  for (std::size_t k = 0; k < date.parts.size() && k < 2; ++k) {
    if (k) out.push_back('/');
    const auto& p = date.parts[k];
    pad(p.year, 4);
    if (p.month >= 13 && p.month <= 16) {
      out.push_back('-');
      pad(p.month + 8, 2);
    } else if (p.month) {
      out.push_back('-');
      pad(p.month, 2);
      if (p.day) {
        out.push_back('-');
        pad(p.day, 2);
      }
    } else if (season && date.parts.size() == 1) {
      out.push_back('-');
      pad(season, 2);
    }
    if (date.circa) out.push_back('~');
  }
  return out;
}

std::optional<parsed_date> parse_date(std::string_view text, const date_options& options) {
  if (bicite::text::trim(text).size() > 1024) return std::nullopt;  // no date is that long
  thread_local std::vector<token> tokens;
  tokenize(text, tokens);
  std::size_t first = 0, last = tokens.size();
  while (first < last && tokens[first].k == kind::punct &&
         (tokens[first].ch == '(' || tokens[first].ch == '[' || tokens[first].ch == ','))
    ++first;
  if (first == last) return std::nullopt;
  matcher m(tokens, text, options);
  const std::size_t end = m.match(first);
  if (end == first) return std::nullopt;
  for (std::size_t k = end; k < last; ++k) {
    const auto& t = tokens[k];
    if (t.k != kind::punct || !(t.ch == '.' || t.ch == ',' || t.ch == ';' || t.ch == ')' || t.ch == ']'))
      return std::nullopt;
  }
  std::optional<parsed_date> out(std::in_place);
  m.fill(*out);
  return out;
}

std::vector<parsed_date> find_dates(std::string_view text, const date_options& options) {
  // The text is read in blocks of about 64 KiB cut at white space, so that memory stays bounded for
  // huge inputs; a block stops matching 1 KiB before its end and the next block starts there, so a
  // date is never cut in two.
  constexpr std::size_t block = 1 << 16, margin = 1 << 10;
  std::vector<token> tokens;
  std::vector<parsed_date> found;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.size(), pos + block);
    while (end < text.size() && end < pos + block + 4096 && text[end] != ' ' && text[end] != '\n') ++end;
    const std::string_view chunk = text.substr(pos, end - pos);
    const bool last = end == text.size();
    tokenize(chunk, tokens);
    matcher m(tokens, chunk, options);
    std::size_t i = 0, next = end;
    while (i < tokens.size()) {
      if (!last && tokens[i].begin + margin >= chunk.size()) {
        next = pos + tokens[i].begin;
        break;
      }
      const std::size_t stop = m.match(i);
      if (stop == i) {
        ++i;
        continue;
      }
      parsed_date& d = found.emplace_back();
      m.fill(d);
      d.where.begin += pos;
      d.where.end += pos;
      for (auto& x : d.diagnostics) {
        x.where.begin += pos;
        x.where.end += pos;
      }
      i = stop;
    }
    pos = next > pos ? next : end;
  }
  return found;
}

}  // namespace bicite::dates
