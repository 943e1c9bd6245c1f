#pragma once
/// Unicode groundwork: UTF-8 checking, normalisation, case, script detection, charset conversion,
/// input encoding detection and decoding, and the repairs that real notes need (mixed-script words,
/// typographic punctuation, inner spaces).
/// Everything takes and returns UTF-8; ICU stays inside the library.
#include <cstdint>
#include <memory>
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

/// The language of a short Latin-script text such as a title, by its function words and the letters
/// only some languages write: "en", "fr", "de", "it", "es", "pt" or "la"; "" when nothing tells
/// (a title of names only, "Gesammelte Werke") or two languages tie.
std::string guess_latin_language(std::string_view s);

/// Converts bytes in a named charset ("windows-1251", "KOI8-R", "UTF-8", …) to UTF-8.
/// Unknown charset names give an error; undecodable bytes become U+FFFD.
result<std::string> to_utf8(std::string_view bytes, std::string_view charset);

/// What an input's bytes are, as far as detect_encoding can tell.
struct detected_encoding {
  /// "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "windows-1251", "KOI8-R", "IBM866",
  /// "windows-1252" or "ISO-8859-1"; "" when `binary`.
  std::string name;
  std::size_t bom_bytes = 0;  ///< length of the byte order mark the input starts with (0, 2, 3 or 4)
  double confidence = 0;      ///< 0..1: 1 for a BOM, a magic number or valid non-ASCII UTF-8
  std::string reason;         ///< for people: "Cyrillic letter pairs, 41 of 44 frequent in Russian", "a PDF file"
  bool binary = false;        ///< not text at all: an archive, a PDF, an executable, NUL bytes, …
};

/// Guesses the encoding of `sample` (the whole input or its start; a multi-byte character cut at
/// the end of the sample is allowed). In order: known binary formats (ZIP/.docx, PDF, ELF, PNG,
/// JPEG, GIF, OLE/.doc, gzip, RTF); byte order marks; UTF-32/UTF-16 without a BOM (NUL or 0x04 in every
/// 4th/2nd byte); NUL bytes and C0 control characters (binary); UTF-8 (also when a few bytes are
/// damaged); then, for single-byte text, windows-1251, KOI8-R or IBM866 by how many Cyrillic letter
/// pairs each reading makes that are frequent in Russian (lib/text/data/ru_bigrams.tsv), else
/// windows-1252 / ISO-8859-1. Linear in the sample's size; never throws.
detected_encoding detect_encoding(std::string_view sample);

/// An input decoded to UTF-8.
struct decoded_text {
  std::string text;                     ///< valid UTF-8 without the BOM; empty on an error
  detected_encoding encoding;           ///< what the input was read as
  std::vector<diagnostic> diagnostics;  ///< spans are byte offsets into the original input
};

/// Decodes a whole input to UTF-8. With `forced_encoding` empty the encoding is detected on the whole
/// input (detect_encoding); otherwise that charset is used (any name ICU knows: "cp1251", "koi8-r",
/// "latin1", "UTF-16", …). Diagnostics: "input.encoding" (note, at offset 0) when the input is read as
/// anything but UTF-8; "input.unknown-encoding" (error, no text) for a charset name nobody knows;
/// "input.binary" (error, no text) for input that is not text; "input.too-large" (error, no text) past
/// limits::max_input_bytes; "text.invalid-utf8" (warning) for each repaired run in UTF-8 input.
/// Never throws on bad input.
decoded_text decode_input(std::string_view bytes, std::string_view forced_encoding = {});

/// The charset names decode_input and decoder understand best (the ones detect_encoding returns).
const std::vector<std::string>& known_encodings();

/// Incremental decoding of a big input, chunk by chunk, to UTF-8. A character cut between two chunks
/// is kept until the next feed, so any split of the input decodes exactly as the whole. A byte order
/// mark at the start is dropped. UTF-8 input passes through unchanged (invalid bytes too: check them
/// with check_utf8); each call's output ends at a character boundary. Other charsets go through ICU,
/// and undecodable bytes become U+FFFD. Example:
///   bicite::text::decoder dec(bicite::text::detect_encoding(first_chunk).name);
///   std::string utf8;
///   while (read(chunk)) { dec.feed(chunk, utf8); consume(utf8); utf8.clear(); }
///   dec.finish(utf8);
class decoder {
 public:
  /// An unknown or empty `encoding` decodes as UTF-8 (check `ok()` to tell).
  explicit decoder(std::string_view encoding);
  ~decoder();
  decoder(decoder&&) noexcept;
  decoder& operator=(decoder&&) noexcept;
  decoder(const decoder&) = delete;
  decoder& operator=(const decoder&) = delete;

  /// False when the encoding given to the constructor was unknown.
  bool ok() const noexcept;
  /// The canonical name of the encoding being decoded ("windows-1251", "UTF-8", …).
  const std::string& encoding() const noexcept;
  /// Appends the UTF-8 for the next chunk of input to `out`.
  void feed(std::string_view chunk, std::string& out);
  /// Appends what is left (a truncated character becomes U+FFFD; in UTF-8, its bytes as they are)
  /// and makes the decoder ready for a new input.
  void finish(std::string& out);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

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
