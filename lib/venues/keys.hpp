#pragma once
// Name forms used to match venues: the alias form (case and punctuation folded), the key
// (romanised, spelling variants folded), and the sorted word keys for fuzzy matching.
#include <string>
#include <string_view>
#include <vector>

namespace bicite::venues::detail {

/// Transliteration schemes whose romanisations of a Cyrillic name become keys.
const std::vector<std::string>& key_schemes();

/// Romanises Cyrillic in `text` with `scheme` (other text is kept). This is the one place that
/// calls the transliteration engine (bicite::translit); an unknown scheme leaves the text as it is.
std::string romanize(std::string_view text, std::string_view scheme);

/// Lower case (Latin, Latin-1, Cyrillic; ё → е), every run of non-letters and non-digits as one
/// space, trimmed, a leading "the " dropped: "The Moscow  Times," → "moscow times".
std::string alias_form(std::string_view name);

/// The key of a name already in alias form and in Latin script: diacritics, apostrophes and spaces
/// dropped, then j/y → i, w → v, kh/x → h, ts/cz → c, ie → e, and doubled letters made single.
std::string skeleton(std::string_view latin_alias_form);

/// The sorted, space-joined keys of the words of a Latin alias form, stop words dropped.
std::string word_keys(std::string_view latin_alias_form);

/// Each word of a Cyrillic alias form cut to its stem (common Russian case endings removed, at
/// least three letters kept): "независимой газете" and "независимая газета" give "независим газет".
std::string russian_stems(std::string_view alias_form);

/// True when the text has a Cyrillic letter.
bool has_cyrillic(std::string_view s) noexcept;

/// Edit distance between a and b, or limit + 1 when it is larger than `limit`.
std::size_t bounded_levenshtein(std::string_view a, std::string_view b, std::size_t limit);

}  // namespace bicite::venues::detail
