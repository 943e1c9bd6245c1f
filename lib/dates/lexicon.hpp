#pragma once
// The date lexicon: month and season names (dates/months.tsv) and the words around dates
// (dates/date_words.tsv), loaded once from the embedded data files.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bicite::dates::detail {

enum role : std::uint8_t {
  role_none = 0,
  role_accessed = 1,     // first word of an access-date phrase
  role_circa = 2,
  role_year_suffix = 4,  // г., года, гг.
  role_issue = 8,        // No., №, вып.
  role_weekday = 16,
  role_ordinal = 32,     // st, nd, rd, th
  role_range = 64,       // to, until, по, до
};

struct word_info {
  std::int8_t month = 0;     // 1–12, or 21–24 for a season; 0 when not a month word
  bool english = false;      // an English month must be capitalised ("may" is a verb)
  std::uint8_t roles = 0;    // bit set of `role`
  std::vector<std::vector<std::string>> phrases;  // access phrases starting with this word (rest words)
};

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct lexicon {
  std::unordered_map<std::string, word_info, string_hash, std::equal_to<>> words;
  const word_info* find(std::string_view folded) const {
    auto it = words.find(folded);
    return it == words.end() ? nullptr : &it->second;
  }
};

/// The lexicon, built on first use from the embedded data files.
const lexicon& get_lexicon();

/// Lower-cases Latin and Cyrillic letters and folds ё to е, writing into `out` (no allocation when
/// `out` has capacity). Other bytes are copied as they are.
void fold_word(std::string_view word, std::string& out);

}  // namespace bicite::dates::detail
