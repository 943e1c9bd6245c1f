// Repairs for the defects real notes have: look-alike letters from the other script inside a word,
// typographic spacing characters, and white space pasted into URLs.
#include <array>
#include <cctype>
#include <utility>

#include "bicite/text.hpp"

namespace bicite::text {
namespace {

// Letters that look the same in Latin and Cyrillic, as pairs (Latin, Cyrillic).
constexpr std::array<std::pair<char32_t, char32_t>, 22> homoglyphs{{
    {U'A', U'А'}, {U'a', U'а'}, {U'B', U'В'}, {U'C', U'С'}, {U'c', U'с'}, {U'E', U'Е'},
    {U'e', U'е'}, {U'H', U'Н'}, {U'K', U'К'}, {U'M', U'М'}, {U'O', U'О'}, {U'o', U'о'},
    {U'P', U'Р'}, {U'p', U'р'}, {U'T', U'Т'}, {U'X', U'Х'}, {U'x', U'х'}, {U'y', U'у'},
    {U'Y', U'У'}, {U'I', U'І'}, {U'i', U'і'}, {U'j', U'ј'},
}};

char32_t cyrillic_twin(char32_t latin) {
  for (auto [l, c] : homoglyphs)
    if (l == latin) return c;
  return 0;
}
char32_t latin_twin(char32_t cyrillic) {
  for (auto [l, c] : homoglyphs)
    if (c == cyrillic) return l;
  return 0;
}

bool is_word_char(char32_t cp) {
  const script s = script_of(cp);
  return s == script::latin || s == script::cyrillic || (cp >= 0x300 && cp <= 0x36F);
}

}  // namespace

std::string repair_mixed_script(std::string_view s, std::vector<repair>* repairs) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    // Copy non-word text through.
    std::size_t start = pos;
    char32_t cp = next_code_point(s, pos);
    if (!is_word_char(cp)) {
      out.append(s.substr(start, pos - start));
      continue;
    }
    // Gather one word.
    std::size_t end = pos;
    int latin = 0, cyrillic = 0, latin_unique = 0, cyrillic_unique = 0;
    auto count = [&](char32_t c) {
      const script sc = script_of(c);
      if (sc == script::latin) {
        ++latin;
        if (!cyrillic_twin(c)) ++latin_unique;
      } else if (sc == script::cyrillic) {
        ++cyrillic;
        if (!latin_twin(c)) ++cyrillic_unique;
      }
    };
    count(cp);
    while (end < s.size()) {
      std::size_t next = end;
      const char32_t c = next_code_point(s, next);
      if (!is_word_char(c)) break;
      count(c);
      end = next;
    }
    const std::string_view word = s.substr(start, end - start);
    pos = end;
    int target = 0;  // 1: make Cyrillic, 2: make Latin
    if (latin > 0 && cyrillic > 0) {
      if (latin_unique == 0 && cyrillic_unique > 0) target = 1;
      else if (cyrillic_unique == 0 && latin_unique > 0) target = 2;
      else if (latin_unique == 0 && cyrillic_unique == 0) target = cyrillic >= latin ? 1 : 2;
    }
    if (target == 0) {
      out.append(word);
      continue;
    }
    std::string fixed;
    std::size_t wp = 0;
    while (wp < word.size()) {
      const char32_t c = next_code_point(word, wp);
      char32_t twin = 0;
      if (target == 1 && script_of(c) == script::latin) twin = cyrillic_twin(c);
      if (target == 2 && script_of(c) == script::cyrillic) twin = latin_twin(c);
      append_utf8(fixed, twin ? twin : c);
    }
    if (repairs)
      repairs->push_back({{start, end}, std::string(word), fixed, "text.mixed-script"});
    out += fixed;
  }
  return out;
}

std::string normalize_spacing(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  bool last_space = false;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(s, pos);
    const bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
                       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    if (space) {
      if (!last_space) out.push_back(' ');
      last_space = true;
      continue;
    }
    last_space = false;
    if (cp == 0xAD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF) continue;
    if (cp == 0x2010 || cp == 0x2011) {
      out.push_back('-');
      continue;
    }
    if (cp == 0x2BC || cp == 0x2032) {  // modifier apostrophe, prime used as apostrophe
      out += "\xE2\x80\x99";
      continue;
    }
    out.append(s.substr(start, pos - start));
  }
  return out;
}

std::string remove_url_spaces(std::string_view url, std::vector<repair>* repairs) {
  std::string out;
  out.reserve(url.size());
  const std::string_view trimmed = trim(url);
  const std::size_t offset = static_cast<std::size_t>(trimmed.data() - url.data());
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    const char c = trimmed[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      std::size_t j = i;
      while (j < trimmed.size() && (trimmed[j] == ' ' || trimmed[j] == '\t' || trimmed[j] == '\n' || trimmed[j] == '\r')) ++j;
      if (repairs)
        repairs->push_back({{offset + i, offset + j}, std::string(trimmed.substr(i, j - i)), "", "text.inner-space"});
      i = j - 1;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace bicite::text

namespace bicite::text {

std::string normalize_typing(std::string_view s, std::vector<repair>* repairs) {
  // Typewriter stand-ins for typographic marks, as people type them in notes. Longest first.
  static constexpr std::pair<std::string_view, std::string_view> stand_ins[] = {
      {"---", "\xE2\x80\x94"},  // —
      {" -- ", " \xE2\x80\x93 "},
      {"<<", "\xC2\xAB"},       // «
      {">>", "\xC2\xBB"},       // »
      {",,", "\xE2\x80\x9E"},   // „ (Russian typists' low opening quote)
      {"``", "\xE2\x80\x9C"},   // “ (TeX)
      {"''", "\xE2\x80\x9D"},   // ” (TeX)
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    for (auto [from, to] : stand_ins) {
      if (s.compare(i, from.size(), from) != 0) continue;
      // "--" between digits is a range, "<<" and ">>" in code-like text are rare in notes.
      if (repairs) repairs->push_back({{i, i + from.size()}, std::string(from), std::string(to), "text.typing"});
      out += to;
      i += from.size();
      replaced = true;
      break;
    }
    if (replaced) continue;
    // "1990--2000": a TeX en dash between numbers.
    if (s.compare(i, 2, "--") == 0 && i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1])) &&
        i + 2 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 2]))) {
      if (repairs) repairs->push_back({{i, i + 2}, "--", "\xE2\x80\x93", "text.typing"});
      out += "\xE2\x80\x93";
      i += 2;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

}  // namespace bicite::text
