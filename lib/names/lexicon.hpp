#pragma once
// The name lexicons of lib/names/data, loaded once: given names (with their folded forms and
// gender), particles, suffixes, titles, organisation words, family-name endings.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bicite::names::detail {

struct given_name {
  std::string cyrillic;   ///< "Юрий"
  std::string canonical;  ///< folded form of the Cyrillic name: "iuri"
  char gender = 'm';      ///< 'm' or 'f'
};

struct surname_ending {
  std::string masculine, feminine;  ///< Cyrillic: "ов", "ова"
  std::string masculine_folded, feminine_folded;  ///< "ov", "ova"
  int frequency = 0;      ///< per thousand
};

struct lexicon {
  std::unordered_map<std::string, const given_name*> given_by_fold;  ///< every folded variant
  std::vector<given_name> given;
  std::unordered_set<std::string> particles, suffixes, titles, organisation_words;  ///< lower case
  std::unordered_set<std::string> family_first;  ///< Chinese and Korean family names, lower case
  std::vector<surname_ending> endings;  ///< longest first
};

const lexicon& get_lexicon();

/// The given name whose folded form (or a variant's) is `folded`, or nullptr.
const given_name* find_given(std::string_view folded);

}  // namespace bicite::names::detail
