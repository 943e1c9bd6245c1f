#pragma once
// Plain text → LaTeX field content that cannot break a .bib file, and back.
#include <string>
#include <string_view>

namespace bicite::detail::bib {

/// Escapes `{ } \ % & # _ $ ~ ^` (braces as \textbraceleft{}/\textbraceright{} so that brace
/// counting never breaks); with `ascii`, non-ASCII as {\'e}, {\cyrzh}, --, ``…''.
std::string escape(std::string_view s, bool ascii);
/// escape(s, ascii) appended to `out` (runs of plain ASCII and, without `ascii`, valid UTF-8 are copied whole).
void escape_into(std::string& out, std::string_view s, bool ascii);
/// escape_protecting_capitals(s, ascii) appended to `out` (lib/export/case_protect.cpp).
void escape_protecting_capitals_into(std::string& out, std::string_view s, bool ascii);
/// escape_verbatim(s) appended to `out`.
void escape_verbatim_into(std::string& out, std::string_view s);

/// Like escape, and protects with braces the words of an English title whose capitals a style that
/// changes case must keep: acronyms and words with inner capitals or digits, the capitalised first
/// word of a subtitle, and proper nouns — in a title in sentence case every capitalised word but the
/// first, in a title in title case the ones in lib/export/data/title_case.tsv. Braces hold whole
/// words, never the punctuation around them; neighbouring protected words share one pair.
std::string escape_protecting_capitals(std::string_view s, bool ascii);

/// A URL or DOI for a verbatim field: braces, backslash and white space percent-encoded.
std::string escape_verbatim(std::string_view s);

/// LaTeX field content → Unicode text (accents, \cyr… commands, ligatures, escaped specials);
/// braces dropped, unknown commands kept as written, white space runs folded.
std::string decode(std::string_view latex);
/// decode(latex) appended to `out` (which must be empty or end in a non-space).
void decode_into(std::string& out, std::string_view latex);

}  // namespace bicite::detail::bib
