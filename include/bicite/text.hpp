#pragma once
/// Unicode groundwork: UTF-8 checking, normalisation, case, script detection, charset conversion
/// and the repairs that real notes need (mixed-script words, typographic punctuation, inner spaces).
/// Everything takes and returns UTF-8; ICU stays inside the library.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"

namespace bicite::text {

/// Decodes one code point at `pos` and advances `pos`; an invalid or truncated sequence yields
/// U+FFFD and advances by one byte. `pos` must be < s.size().
char32_t next_code_point(std::string_view s, std::size_t& pos) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out` (surrogates and values past U+10FFFF become U+FFFD).
void append_utf8(std::string& out, char32_t cp);

/// Text with its invalid UTF-8 replaced and reported.
struct checked_text {
  std::string text;                      ///< valid UTF-8
  std::vector<diagnostic> diagnostics;  ///< one "text.invalid-utf8" per bad run, at its byte offset
};

/// Replaces every invalid UTF-8 sequence (and NUL bytes) with U+FFFD and reports where each was.
/// `max_reports` caps the number of diagnostics (the repair itself is never capped).
checked_text check_utf8(std::string_view input, std::size_t max_reports = 100);

/// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s) noexcept;

/// Unicode NFC normalisation (composes "е" + U+0308 into "ё").
std::string nfc(std::string_view s);

/// Full case folding, for caseless comparison.
std::string fold_case(std::string_view s);
std::string to_lower(std::string_view s);
/// A–Z lowered, every other byte kept: for ASCII protocol text (HTML tags, hosts, content types).
std::string ascii_lower(std::string_view s);
std::string to_upper(std::string_view s);

/// The script of a code point, as far as bicite cares.
enum class script { latin, cyrillic, other, none };
script script_of(char32_t cp) noexcept;

/// The script of a word: `none` when it has no letters, `other` when mixed or neither.
enum class word_script { latin, cyrillic, mixed, other, none };
word_script script_of_word(std::string_view word);

/// True when the text has at least one Cyrillic letter.
bool has_cyrillic(std::string_view s) noexcept;

/// Converts bytes in a named charset ("windows-1251", "KOI8-R", "UTF-8", …) to UTF-8.
/// Unknown charset names give an error; undecodable bytes become U+FFFD.
result<std::string> to_utf8(std::string_view bytes, std::string_view charset);

/// A repair made to a text, reported so that a user can see it.
struct repair {
  span where;            ///< bytes of the input that were changed
  std::string before;
  std::string after;
  std::string code;      ///< "text.mixed-script", "text.inner-space", …
};

/// Replaces Latin look-alike letters inside a Cyrillic word with their Cyrillic twins
/// ("Pоссийская" → "Российская") and Cyrillic look-alikes inside a Latin word with Latin ones.
/// A word is changed only when the other script clearly dominates it.
std::string repair_mixed_script(std::string_view s, std::vector<repair>* repairs = nullptr);

/// Folds typographic variants: NBSP and other spaces to " ", soft hyphens and zero-width
/// characters removed, U+2010/U+2011 to "-", fancy apostrophes to "’", and runs of white space
/// to one space. Quotes and dashes that carry meaning (« » “ ” — –) are kept as they are.
std::string normalize_spacing(std::string_view s);

/// Replaces typewriter stand-ins with the marks they stand for: "---" → "—", " -- " → " – ",
/// digits "--" digits → "–", "<<" "»" → « », ",," → „, TeX ``…'' → “…”. Each change is reported.
std::string normalize_typing(std::string_view s, std::vector<repair>* repairs = nullptr);

/// The closing quote that matches an opening one (“ → ”, « → », „ → “, " → "), or 0.
char32_t closing_quote_for(char32_t open) noexcept;

/// True for any opening or closing quotation mark bicite recognises.
bool is_quote(char32_t cp) noexcept;

/// True for hyphen, en dash, em dash, minus and figure dash.
bool is_dash(char32_t cp) noexcept;

/// Removes white space that was pasted into a URL ("https://interaffairs .ru/x" →
/// "https://interaffairs.ru/x"), reporting each removal.
std::string remove_url_spaces(std::string_view url, std::vector<repair>* repairs = nullptr);

/// Trims ASCII and Unicode white space at both ends.
std::string_view trim(std::string_view s) noexcept;

}  // namespace bicite::text
