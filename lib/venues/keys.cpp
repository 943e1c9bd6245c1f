#include "venues/keys.hpp"

#include <algorithm>

#include "bicite/text.hpp"

namespace bicite::venues::detail {
namespace {

char32_t lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c >= 0x100 && c <= 0x17F && c % 2 == 0 && c != 0x130 && c != 0x138) return c + 1;  // Latin Extended-A pairs
  if (c == 0x490) return 0x491;
  return c;
}

bool letter_or_digit(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  if (c >= 0x370 && c <= 0x52F) return true;  // Greek, Cyrillic
  if (c >= 0x2BB && c <= 0x2BC) return false;  // modifier apostrophes
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  return c > 0x2FF;  // other scripts (CJK, …) count as letters
}

// The base Latin letter of a Latin-1 / Latin Extended-A letter, or 0.
char base_latin(char32_t c) {
  if (c >= 0xE0 && c <= 0xE5) return 'a';
  if (c == 0xE7) return 'c';
  if (c >= 0xE8 && c <= 0xEB) return 'e';
  if (c >= 0xEC && c <= 0xEF) return 'i';
  if (c == 0xF1) return 'n';
  if ((c >= 0xF2 && c <= 0xF6) || c == 0xF8) return 'o';
  if (c >= 0xF9 && c <= 0xFC) return 'u';
  if (c == 0xFD || c == 0xFF) return 'y';
  if (c == 0xDF) return 's';
  if (c >= 0x100 && c <= 0x17F) {
    static constexpr char ext[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    const std::size_t k = c - 0x100;
    if (k < sizeof ext - 1) return ext[k];
  }
  return 0;
}

}  // namespace

bool has_cyrillic(std::string_view s) noexcept {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xD0 || c == 0xD1 || c == 0xD2 || c == 0xD3) return true;
  }
  return false;
}

std::string alias_form(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  std::size_t pos = 0;
  bool pending_space = false;
  while (pos < name.size()) {
    char32_t c = bicite::text::next_code_point(name, pos);
    if (c == 0x2019 || c == 0x27 || c == 0x2BC || c == 0x2B9 || c == 0x2BA || c == 0x60) continue;  // apostrophes
    if (c >= 0x300 && c <= 0x36F) continue;  // combining marks (й written и + breve, ligature ties)
    if (!letter_or_digit(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    c = lower(c);
    if (c == 0x451) c = 0x435;  // ё → е
    bicite::text::append_utf8(out, c);
  }
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  return out;
}

std::string skeleton(std::string_view s) {
  std::string raw;
  raw.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t c = bicite::text::next_code_point(s, pos);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) raw.push_back(static_cast<char>(c));
      else if (c >= 'A' && c <= 'Z') raw.push_back(static_cast<char>(c + 32));
      continue;
    }
    if (char b = base_latin(lower(c))) {
      raw.push_back(b);
      continue;
    }
    if (c == 0x161) { raw.push_back('s'); continue; }
    if (letter_or_digit(c)) raw.append(s.substr(start, pos - start));
  }
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
    if (c == 'j' || c == 'y') c = 'i';
    else if (c == 'w') c = 'v';
    else if (c == 'x') c = 'h';
    else if (c == 'k' && next == 'h') {
      c = 'h';
      ++i;
    } else if ((c == 't' && next == 's') || (c == 'c' && next == 'z')) {
      c = 'c';
      ++i;
    }
    if (c == 'e' && !out.empty() && out.back() == 'i' && out.size() >= 2) {  // ie → e (ye, ie)
      out.back() = 'e';
      continue;
    }
    if (!out.empty() && out.back() == c && static_cast<unsigned char>(c) < 0x80) continue;  // doubled letters
    out.push_back(c);
  }
  return out;
}

std::string word_keys(std::string_view s) {
  static const std::string_view stop[] = {"the", "of", "and", "for", "in", "on", "a", "an", "i", "v", "na", "za", "po", "s"};
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view w = s.substr(start, end - start);
    if (!w.empty() && std::find(std::begin(stop), std::end(stop), w) == std::end(stop)) words.push_back(skeleton(w));
    start = end + 1;
  }
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

std::string russian_stems(std::string_view s) {
  // longest endings first; UTF-8 Cyrillic letters are two bytes each
  static const std::string_view endings[] = {
      "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ой", "ей", "ая", "яя", "ое", "ее", "ые", "ие",
      "ую", "юю", "ых", "их", "ым", "им", "ом", "ем", "ам", "ям", "ах", "ях", "ий", "ый", "ы", "и", "а", "я",
      "е", "у", "ю", "о", "ь", "й", "ъ"};
  std::string out;
  out.reserve(s.size());
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(' ', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view w = s.substr(start, end - start);
    for (const auto e : endings) {
      if (w.size() >= e.size() + 6 && w.substr(w.size() - e.size()) == e) {  // keep three letters
        w.remove_suffix(e.size());
        break;
      }
    }
    if (!out.empty()) out.push_back(' ');
    out.append(w);
    start = end + 1;
  }
  return out;
}

std::size_t bounded_levenshtein(std::string_view a, std::string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  // only the cells within `limit` of the diagonal can stay within the limit
  const std::size_t big = limit + 1;
  thread_local std::vector<std::size_t> row;
  row.assign(a.size() + 1, big);
  for (std::size_t i = 0; i <= a.size() && i <= limit; ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    const std::size_t lo = j > limit ? j - limit : 1;
    const std::size_t hi = std::min(a.size(), j + limit);
    std::size_t diag = row[lo - 1];  // D(lo-1, j-1), inside the previous band
    row[lo - 1] = lo == 1 && j <= limit ? j : big;
    std::size_t best = row[lo - 1];
    for (std::size_t i = lo; i <= hi; ++i) {
      const std::size_t up = row[i];
      std::size_t v = std::min(up, row[i - 1]) + 1;
      const std::size_t sub = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
      if (sub < v) v = sub;
      if (v > big) v = big;
      row[i] = v;
      diag = up;
      best = std::min(best, v);
    }
    if (hi < a.size()) row[hi + 1] = big;
    if (best > limit) return limit + 1;
  }
  return std::min(row[a.size()], big);
}

}  // namespace bicite::venues::detail
