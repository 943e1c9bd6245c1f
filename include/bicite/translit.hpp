#pragma once
/// Transliteration of Russian (and other Cyrillic) text into Latin in every standard scheme, and
/// back: Latin → Cyrillic with ranked candidates. Schemes are data files compiled into the library.
/// Example:
///   auto latin = bicite::translit::transliterate("Щукин", "bgn_pcgn");  // "Shchukin"
///   if (!latin) std::cerr << bicite::to_string(latin.error());
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::translit {

/// One transliteration scheme: its name (as on the command line) and a one-line description.
struct scheme_info {
  std::string name;         ///< "bgn_pcgn", "gost_779_alt", "ala_lc_diacritics", …
  std::string description;  ///< one line: standard, year, what it is for
  std::string source;       ///< the standard the data file was written from
};

/// All schemes, sorted by name.
const std::vector<scheme_info>& schemes();

/// True when `scheme` names a known scheme.
bool has_scheme(std::string_view scheme);

/// Cyrillic → Latin in `scheme`. Case is kept ("Щукин" → "Shchukin", "ЩУКИН" → "SHCHUKIN");
/// non-Cyrillic text passes through; invalid UTF-8 becomes U+FFFD. Unknown scheme: error
/// "translit.unknown-scheme".
bicite::result<std::string> transliterate(std::string_view text, std::string_view scheme);

/// Like transliterate(), appending to `out` (no allocation per call); false for an unknown scheme.
bool transliterate_to(std::string& out, std::string_view text, std::string_view scheme);

/// A Cyrillic reading of a romanised string, with a score in (0, 1]; higher is likelier.
struct candidate {
  std::string text;
  double score;
};

/// What Latin → Cyrillic may know about names, to rank the readings of a word written with a
/// capital letter. Either member may be empty. The names stage supplies one made from its lexicon:
/// bicite::names::reverse_ranking() (given names, family-name endings).
struct name_ranking {
  /// A bonus (natural log, 0 for none) for one lower-case Cyrillic reading of the word.
  std::function<double(std::string_view cyrillic)> reading_bonus;
  /// The Cyrillic form of a lower-case Latin word known as a name, or empty; it ranks above every
  /// reading found letter by letter.
  std::function<std::string(std::string_view latin)> known_form;
};

/// Latin → Cyrillic: the likeliest Cyrillic forms of `latin`, best first (at most max_candidates).
/// `scheme` (optional) is the scheme the text was written in; empty or unknown: any scheme.
/// Non-Latin text passes through. Words written with a capital are ranked with the names stage's
/// lexicon: this is to_cyrillic(latin, scheme, max_candidates, bicite::names::reverse_ranking()),
/// and is defined in lib/names.
std::vector<candidate> to_cyrillic(std::string_view latin, std::string_view scheme = {},
                                   std::size_t max_candidates = 5);

/// Latin → Cyrillic with the caller's ranking of name-like words; with name_ranking{} the readings
/// are ranked by letter trigrams, the schemes' spellings and the round trip only.
std::vector<candidate> to_cyrillic(std::string_view latin, std::string_view scheme, std::size_t max_candidates,
                                   const name_ranking& names);

/// What add_transliterations() added.
struct added_transliterations {
  std::size_t fields = 0;  ///< text fields that got a transliterated variant
  std::size_t names = 0;   ///< personal names that got one
};

/// Adds to `r` a transliterated variant in `scheme` (role transliterated, language "<item
/// language>-Latn", default "ru-Latn", `scheme` recorded) for every text field and every name written in
/// Cyrillic that has no transliterated variant yet (identifiers such as URL and DOI excepted): what a
/// romanised "References" list is made of
/// (`bicite format --transliterate`). A name is romanised part by part (family, given names and
/// initials, particles, suffix; an organisation's literal as a whole), so "Я." becomes "Ya.". Fields
/// and names in Latin script and variants the input carries are left as they are. Unknown scheme:
/// error "translit.unknown-scheme", and `r` is not changed.
bicite::result<added_transliterations> add_transliterations(reference& r, std::string_view scheme);

}  // namespace bicite::translit
