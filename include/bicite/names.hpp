#pragma once
/// Personal names in either script and any order: parsing into CSL name parts, a key that is the
/// same for one person across romanisations and scripts, a scored same-person test, and Russian
/// names after a role word put back in the nominative.
/// Example:
///   auto n = bicite::names::parse_name("Лукин А. В.");   // family "Лукин", given "А. В."
///   bicite::names::same_person("Iury Tavrovsky", "Юрий Тавровский").same;  // true
///   bicite::names::to_nominative("Ф. А. Лукьянова", bicite::names::grammatical_case::genitive);  // Лукьянов
///   bicite::names::family_to_genitive("Лукьянов").text;  // "Лукьянова"
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bicite/model.hpp"
#include "bicite/translit.hpp"

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

/// The grammatical case a Russian role word puts the names after it in.
enum class grammatical_case { nominative, genitive, instrumental };

/// A person's gender as far as the forms of a name tell.
enum class name_gender { unknown, masculine, feminine };

/// One word put in the nominative.
struct nominative_word {
  std::string text;                            ///< the nominative; the word as written when nothing applies
  name_gender gender = name_gender::unknown;   ///< what the ending (or the known gender) says
  bool changed = false;                        ///< `text` differs from the word as written
  bool confident = true;                       ///< false when the ending leaves a choice (Толстого:
                                               ///< Толстой or Толстый) or the gender is needed and unknown
};

/// Puts one Russian family name written in case `c` in the nominative, keeping its gender:
/// Лукьянова → Лукьянов, Ивановой → Иванова, Достоевского → Достоевский, Ивановым → Иванов. Names
/// that do not decline stay as written (Газенко, Седых, names in -о/-е/-и/-у/-ю, Latin script, a
/// consonant-final name in the genitive such as Давидян); `known` (from a given name or a
/// patronymic) narrows the choice: a woman's consonant-final name is indeclinable (Анны Шмидт). A
/// hyphenated name is done part by part. Data: lib/names/data/name_cases.tsv. Never fails; linear in
/// the word's length.
nominative_word family_to_nominative(std::string_view family, grammatical_case c,
                                     name_gender known = name_gender::unknown);

/// A whole name put in the nominative.
struct nominative_name {
  bicite::name name;                           ///< family and given names in the nominative
  name_gender gender = name_gender::unknown;   ///< from the given name, the patronymic or the family name
  bool changed = false;                        ///< some word was changed
  bool confident = true;                       ///< every change (or decision to keep a word) was sure
};

/// Puts a parsed name written in case `c` in the nominative: the family name, and the given names
/// and patronymic when written in full (Фёдора Михайловича → Фёдор Михайлович, Марии → Мария;
/// initials stay). A full given name known to given_names.tsv gives the gender for the family name.
/// With `c` nominative the name comes back as it is. Literals (organisations) are not touched.
nominative_name to_nominative(const bicite::name& n, grammatical_case c);

/// The same for a name as written after a role word ("Ф. А. Лукьянова", "Фёдора Михайловича
/// Достоевского", "Лукьяновой Ф. А."): the words are put in the nominative first, then parsed with
/// parse_name().
nominative_name to_nominative(std::string_view name, grammatical_case c);

/// One word put in the genitive.
struct genitive_word {
  std::string text;                            ///< the genitive; the word as written when unsure or indeclinable
  name_gender gender = name_gender::unknown;   ///< the gender that decided, or unknown
  bool changed = false;                        ///< `text` differs from the word as written
};

/// Puts a Russian family name in the nominative in the genitive, the direction opposite to
/// family_to_nominative() and read from the same table (lib/names/data/name_cases.tsv, backwards) plus
/// lib/names/data/genitive_endings.tsv: Лукьянов → Лукьянова, Иванова → Ивановой, Достоевский →
/// Достоевского, Толстой → Толстого, Окуджава → Окуджавы. The gender is `known` (from a given name),
/// else the family name's ending (-ов/-ова, -ский/-ская); an ending that needs a gender nobody can
/// tell (Смит, Шевчук with initials only) leaves the name as written, and so do indeclinable names
/// (Белых, Живаго, Шевченко, Дурново), a woman's consonant-final name, Latin script and endings whose
/// genitive is not sure (Кравец). A hyphenated name is done part by part. Never fails.
genitive_word family_to_genitive(std::string_view family, name_gender known = name_gender::unknown);

/// A whole name put in the genitive.
struct genitive_name {
  bicite::name name;                           ///< family name, and given names written in full, in the genitive
  name_gender gender = name_gender::unknown;   ///< from the given name, the patronymic or the family name
  bool changed = false;
};

/// Puts a parsed name in the nominative in the genitive: the family name, a given name of
/// given_names.tsv (Фёдор → Фёдора, Мария → Марии) and a patronymic (Михайлович → Михайловича) when
/// written in full; initials stay. A full given name gives the gender. Literals are not touched.
genitive_name to_genitive(const bicite::name& n);

/// A Russian role phrase of a statement of responsibility and what it means for the names after it.
struct role_phrase {
  std::string role;                                     ///< CSL name variable: "editor", "translator", "compiler", …
  grammatical_case governs = grammatical_case::nominative;  ///< the case of the names that follow
  std::size_t length = 0;  ///< bytes of the text taken by the phrase and the spaces (and a colon) after it
};

/// The role phrase `text` starts with, the longest known one ("под общ. ред. Е. М. Примакова" →
/// editor, genitive, the bytes up to "Е."), or nothing. Case-insensitive; any run of spaces matches a
/// space and none is needed after a period ("пер.с англ."). "пер. с" needs a language word after it
/// (listed, or any abbreviation: "пер. с кирг."). Data: lib/names/data/role_words.tsv.
std::optional<role_phrase> match_role_phrase(std::string_view text);

/// The name lexicon as a ranking for Latin → Cyrillic (translit::to_cyrillic, which uses it unless
/// given another): a reading with a Russian family-name ending (surname_endings.tsv) gains
/// log(1 + frequency per thousand / 20); a spelling of a known given name (given_names.tsv, compared
/// by fold_word) gives that name's Cyrillic form.
const translit::name_ranking& reverse_ranking();

}  // namespace bicite::names
