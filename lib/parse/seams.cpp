// Seams to the names, dates and venues normalisers. Until those stages land, these are minimal
// stand-ins: simple name splitting and an English/Russian date finder driven by the lexicon.
#include <charconv>

#include <bicite/text.hpp>

#include "parse/internal.hpp"

namespace bicite::parse::detail {

namespace {

bool is_initial_token(std::string_view t) {
  // "A.", "A.V.", "Ya.", "G" (a bare capital), "И."
  if (t.empty()) return false;
  std::size_t pos = 0;
  int letters = 0;
  bool dot = false;
  while (pos < t.size()) {
    const char32_t c = text::next_code_point(t, pos);
    if (c == '.') {
      dot = true;
      continue;
    }
    if (c == '-') continue;
    if (!is_letter(c)) return false;
    ++letters;
  }
  std::size_t first = 0;
  const char32_t c0 = text::next_code_point(t, first);
  if (!is_upper(c0)) return false;
  if (letters == 1) return true;
  return dot && letters <= 3 && (t.find('.') != t.size() - 1 || letters <= 2);
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  std::string cur;
  while (pos < s.size()) {
    std::size_t len = 0;
    if (is_space_at(s, pos, &len)) {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
      pos += len;
      continue;
    }
    cur += s[pos++];
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

// "A.V." stays; "Petr." (a whole given name followed by a stray dot) loses the dot.
std::string clean_given_token(const std::string& t) {
  if (t.size() > 1 && t.back() == '.' && !is_initial_token(t)) return t.substr(0, t.size() - 1);
  return t;
}

// "EDenisov": an initial run into the family name.
bool split_run_together_initial(const std::string& w, std::string& initial, std::string& rest) {
  std::size_t p = 0;
  const char32_t a = code_point_at(w, p, &p);
  std::size_t p2 = p;
  const char32_t b = code_point_at(w, p, &p2);
  std::size_t p3 = p2;
  const char32_t c = code_point_at(w, p2, &p3);
  if (is_upper(a) && is_upper(b) && is_lower(c) && w.size() > p3) {
    initial = w.substr(0, p) + ".";
    rest = w.substr(p);
    return true;
  }
  return false;
}

}  // namespace

name parse_person(std::string_view written) {
  name n;
  std::string s = clean_spaces(written);
  while (!s.empty() && (s.back() == ',' || s.back() == ';')) s.pop_back();
  // "Family, Given" (inverted), unless the part before the comma ends with an initial
  // ("Sergey G, Luzyannin": a misplaced comma).
  const auto comma = s.find(',');
  if (comma != std::string::npos) {
    std::string a(text::trim(std::string_view(s).substr(0, comma)));
    std::string b(text::trim(std::string_view(s).substr(comma + 1)));
    auto aw = split_words(a);
    if (!aw.empty() && aw.size() > 1 && is_initial_token(aw.back())) {
      std::string g;
      for (const auto& w : aw) g += (g.empty() ? "" : " ") + clean_given_token(w);
      n.given = g;
      n.family = b;
    } else {
      n.family = a;
      n.given = b;
    }
    return n;
  }
  auto words = split_words(s);
  if (words.empty()) return n;
  if (words.size() == 1) {
    std::string ini, rest;
    n.family = words[0];
    return n;
  }
  // Trailing initials: "Иванов И. И." (GOST) → family first.
  std::size_t trailing = 0;
  while (trailing < words.size() - 1 && is_initial_token(words[words.size() - 1 - trailing])) ++trailing;
  if (trailing > 0 && !is_initial_token(words[0])) {
    n.family = words[0];
    for (std::size_t i = 1; i < words.size(); ++i) n.given += (n.given.empty() ? "" : " ") + words[i];
    return n;
  }
  // East Asian order: "Liu Zhen", "Lee Dong Gyu" (family name first, no initials)
  if (words.size() <= 3) {
    bool known = false;
    for (const auto& f : lex().family_first) known = known || f.form == words[0];
    bool initials = false;
    for (std::size_t i = 1; i < words.size(); ++i) initials = initials || is_initial_token(words[i]);
    if (known && !initials) {
      n.family = words[0];
      for (std::size_t i = 1; i < words.size(); ++i) n.given += (n.given.empty() ? "" : " ") + words[i];
      return n;
    }
  }
  std::string last = words.back();
  words.pop_back();
  std::string ini, rest;
  if (split_run_together_initial(last, ini, rest)) {
    words.push_back(ini);
    last = rest;
  }
  n.family = last;
  for (const auto& w : words) n.given += (n.given.empty() ? "" : " ") + clean_given_token(w);
  return n;
}

// ---------------------------------------------------------------- dates

namespace {

bool digit_at(std::string_view s, std::size_t pos) { return pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; }

// Reads 1–4 digits at pos; returns the count read.
std::size_t read_number(std::string_view s, std::size_t pos, int& value, std::size_t max_digits = 4) {
  std::size_t n = 0;
  while (n < max_digits && digit_at(s, pos + n)) ++n;
  if (n == 0 || digit_at(s, pos + n)) return 0;
  std::from_chars(s.data() + pos, s.data() + pos + n, value);
  return n;
}

bool plausible_year(int y) { return y >= 1000 && y <= 2100; }

// A month name at pos (not preceded by a lower-case letter of the same word unless it is
// capitalised, as in "IzvestiyaFebruary"): returns its length and the month.
std::size_t month_at(std::string_view s, std::size_t pos, int& month) {
  const char c = s[pos];
  const bool ascii_upper = c >= 'A' && c <= 'Z';
  for (const auto& m : lex().month) {
    if (!starts_with_at(s, pos, m.form)) continue;
    const std::size_t end = pos + m.form.size();
    if (end < s.size() && is_letter(code_point_at(s, end)) && m.form.back() != '.') continue;
    std::size_t ps = pos;
    const char32_t before = prev_code_point(s, pos, &ps);
    if (is_letter(before) && !ascii_upper) continue;
    if (is_letter(before) && ascii_upper) {
      // run-together month: demand a day or year to follow
      std::size_t q = end;
      while (q < s.size() && s[q] == ' ') ++q;
      if (!digit_at(s, q)) continue;
    }
    month = std::stoi(m.value);
    return m.form.size();
  }
  return 0;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  std::size_t len = 0;
  while (pos < s.size() && is_space_at(s, pos, &len)) pos += len;
  return pos;
}

bool accessed_before(std::string_view s, std::size_t pos) {
  const std::size_t from = pos > 40 ? pos - 40 : 0;
  const std::string_view window = s.substr(from, pos - from);
  for (const auto& a : lex().accessed)
    if (window.find(a.form) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::vector<found_date> find_dates(std::string_view s) {
  std::vector<found_date> out;
  std::size_t pos = 0;
  auto push = [&](std::size_t b, std::size_t e, std::vector<date::part> parts) {
    found_date d;
    d.value.parts = std::move(parts);
    d.begin = b;
    d.end = e;
    d.accessed = accessed_before(s, b);
    out.push_back(std::move(d));
  };
  while (pos < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    int month = 0;
    std::size_t mlen = 0;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0) mlen = month_at(s, pos, month);
    if (mlen > 0) {
      // Month [D][,] YYYY | Month/Month YYYY | Month–Month YYYY
      std::size_t q = pos + mlen;
      int month2 = 0;
      std::size_t r = q;
      if (r < s.size() && (s[r] == '/' || s[r] == '-' || starts_with_at(s, r, "–") || starts_with_at(s, r, "—"))) {
        r += (s[r] == '/' || s[r] == '-') ? 1 : 3;
        r = skip_spaces(s, r);
        std::size_t m2 = r < s.size() ? month_at(s, r, month2) : 0;
        if (m2 > 0) q = r + m2;
        else month2 = 0;
      }
      q = skip_spaces(s, q);
      int day = 0, year = 0;
      std::size_t n = month2 == 0 ? read_number(s, q, day, 2) : 0;
      if (n > 0 && day >= 1 && day <= 31) {
        std::size_t r2 = q + n;
        if (r2 < s.size() && s[r2] == ',') ++r2;
        r2 = skip_spaces(s, r2);
        std::size_t yn = read_number(s, r2, year, 4);
        if (yn == 4 && plausible_year(year)) {
          push(pos, r2 + yn, {{year, month, day}});
          pos = r2 + yn;
          continue;
        }
      }
      std::size_t yn = read_number(s, q, year, 4);
      if (yn == 4 && plausible_year(year)) {
        if (month2) push(pos, q + yn, {{year, month, 0}, {year, month2, 0}});
        else push(pos, q + yn, {{year, month, 0}});
        pos = q + yn;
        continue;
      }
      pos += mlen;
      continue;
    }
    if (c >= '0' && c <= '9' && (pos == 0 || !digit_at(s, pos - 1))) {
      int a = 0;
      const std::size_t n = read_number(s, pos, a, 4);
      if (n == 0) {  // more than four digits
        while (digit_at(s, pos)) ++pos;
        continue;
      }
      std::size_t q = pos + n;
      // D Month YYYY (Russian and British)
      if (n <= 2 && a >= 1 && a <= 31) {
        std::size_t r = skip_spaces(s, q);
        int m = 0;
        std::size_t ml = r < s.size() && r > q ? month_at(s, r, m) : 0;
        if (ml > 0) {
          std::size_t r2 = skip_spaces(s, r + ml);
          int y = 0;
          std::size_t yn = read_number(s, r2, y, 4);
          if (yn == 4 && plausible_year(y)) {
            std::size_t end = r2 + yn;
            // "2023 г." / "2023 года"
            push(pos, end, {{y, m, a}});
            pos = end;
            continue;
          }
        }
        // DD.MM.YYYY
        if (q < s.size() && s[q] == '.') {
          int m = 0, y = 0;
          std::size_t mn = read_number(s, q + 1, m, 2);
          if (mn > 0 && q + 1 + mn < s.size() && s[q + 1 + mn] == '.') {
            std::size_t yn = read_number(s, q + 2 + mn, y, 4);
            if (yn == 4 && m >= 1 && m <= 12 && plausible_year(y)) {
              push(pos, q + 2 + mn + yn, {{y, m, a}});
              pos = q + 2 + mn + yn;
              continue;
            }
          }
        }
      }
      if (n == 4 && plausible_year(a)) {
        // YYYY-MM-DD
        if (q + 5 < s.size() && s[q] == '-' && digit_at(s, q + 1) && digit_at(s, q + 2) && s[q + 3] == '-') {
          int m = 0, d = 0;
          read_number(s, q + 1, m, 2);
          if (read_number(s, q + 4, d, 2) == 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            push(pos, q + 6, {{a, m, d}});
            pos = q + 6;
            continue;
          }
        }
        // a bare year, not part of a page range or a longer number ("2023-1" in a URL is skipped by callers)
        std::size_t ps = pos;
        const char32_t before = prev_code_point(s, pos, &ps);
        const bool range_before = before == '-' || before == U'–';
        const bool range_after = q < s.size() && (s[q] == '-' || starts_with_at(s, q, "–")) && digit_at(s, q + (s[q] == '-' ? 1 : 3));
        const bool letter_around = is_letter(before) || (q < s.size() && is_letter(code_point_at(s, q)));
        if (!range_before && !range_after && !letter_around) push(pos, q, {{a, 0, 0}});
      }
      pos = q;
      continue;
    }
    ++pos;
  }
  return out;
}

void apply_venue(reference&) {}

}  // namespace bicite::parse::detail
