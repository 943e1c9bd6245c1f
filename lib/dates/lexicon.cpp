#include "dates/lexicon.hpp"

#include "core/embedded.hpp"

namespace bicite::dates::detail {
namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = line.find(sep, start);
    out.push_back(line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}


lexicon load() {
  lexicon lex;
  std::string key;
  for (const auto& f : bicite::detail::data_rows("dates/months.tsv")) {
    if (f.size() < 4) continue;
    fold_word(f[0], key);
    auto& w = lex.words[key];
    int value = 0;
    for (char c : f[1]) value = value * 10 + (c - '0');
    w.month = static_cast<std::int8_t>(value);
    w.english = f[2] == "en";
  }
  for (const auto& f : bicite::detail::data_rows("dates/date_words.tsv")) {
    if (f.size() < 2) continue;
    {
      const auto parts = split(f[0], ' ');
      fold_word(parts[0], key);
      auto& w = lex.words[key];
      const std::string_view r = f[1];
      std::uint8_t bit = r == "accessed" ? role_accessed
                         : r == "circa"  ? role_circa
                         : r == "year_suffix" ? role_year_suffix
                         : r == "issue"  ? role_issue
                         : r == "weekday" ? role_weekday
                         : r == "ordinal" ? role_ordinal
                         : r == "range"  ? role_range
                                         : role_none;
      w.roles |= bit;
      if (bit == role_accessed) {
        std::vector<std::string> rest;
        for (std::size_t i = 1; i < parts.size(); ++i) {
          fold_word(parts[i], key);
          rest.push_back(key);
        }
        w.phrases.push_back(std::move(rest));
      }
    }
  }
  return lex;
}

}  // namespace

const lexicon& get_lexicon() {
  static const lexicon lex = load();
  return lex;
}

void fold_word(std::string_view word, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
    } else if ((c == 0xD0 || c == 0xD1) && i + 1 < word.size()) {
      const unsigned char d = static_cast<unsigned char>(word[i + 1]);
      char32_t cp = ((c & 0x1F) << 6) | (d & 0x3F);
      if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;        // А–Я → а–я
      else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;   // Ѐ–Џ → ѐ–џ
      if (cp == 0x451) cp = 0x435;                       // ё → е
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

}  // namespace bicite::dates::detail
