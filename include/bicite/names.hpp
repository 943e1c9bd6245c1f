#pragma once
/// Personal names in either script and any order: parsing into CSL name parts, a key that is the
/// same for one person across romanisations and scripts, and a scored same-person test.
/// Example:
///   auto n = bicite::names::parse_name("Лукин А. В.");   // family "Лукин", given "А. В."
///   bicite::names::same_person("Iury Tavrovsky", "Юрий Тавровский").same;  // true
#include <string>
#include <string_view>

#include "bicite/model.hpp"

namespace bicite::names {

/// Parses "Igor E. Denisov", "Denisov, Igor", "Лукин А. В.", "А. В. Лукин", "Sergey G, Luzyannin"
/// into family / given (initials kept as written), particles and suffix; an organisation
/// ("Russian Foreign Ministry") becomes a literal. Never fails: unparseable text becomes a literal.
bicite::name parse_name(std::string_view text);

/// A key that is the same for one person across schemes, spellings and scripts: the folded family
/// name and the first letter of the folded given name ("tavrovski i" for Iury Tavrovsky and
/// Юрий Тавровский). Organisations: "org:" and their folded words.
std::string name_key(const bicite::name& n);

/// A spelling-independent form of one word ("Iurii", "Yury", "Юрий" → "iuri"): Cyrillic is
/// romanised, diacritics and signs dropped, equivalent letter groups folded (ks/x, ts/c, y/i/j, …).
std::string fold_word(std::string_view word);

/// True when `family` has a Russian feminine family-name ending (-ова, -ева, -ина, -ская, …),
/// in either script.
bool is_feminine_family(std::string_view family);

/// True when two family names are forms of one family (Лукин/Lukina, Тавровский/Tavrovskaya).
bool same_family(std::string_view a, std::string_view b);

/// How likely two names are to denote one person.
struct person_match {
  double score;  ///< 0 (surely different) … 1 (surely the same)
  bool same;     ///< the decision: score at or above the threshold and no conflicting part
};

/// Compares two parsed names: family names must be variants of each other (Strokan/Strokhan
/// counts, with a lower score), given names and initials must agree, and the two must be of the
/// same gender form (Лукин and Лукина are one family but not one person).
person_match same_person(const bicite::name& a, const bicite::name& b);

/// Parses both with parse_name() and compares them.
person_match same_person(std::string_view a, std::string_view b);

}  // namespace bicite::names
