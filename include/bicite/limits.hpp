#pragma once
/// The limits every bicite reader holds to. Past a limit the reader stops with a clear diagnostic
/// (code in brackets) instead of exhausting memory, stack or time; the input before it is kept
/// wherever the format allows. README "Hardening" has the whole table.
#include <cstddef>

namespace bicite::limits {

/// Bytes one call of a whole-input reader accepts (csljson::read, parse_document, bibtex::read,
/// ris::read, csl::read_style); longer input is refused ["input.too-large"]. Notes files of any
/// size go through the streaming parser instead.
inline constexpr std::size_t max_input_bytes = std::size_t{1} << 30;

/// JSON arrays/objects nested deeper than this are refused before any recursion ["csl-json.too-deep"].
inline constexpr std::size_t max_json_depth = 512;

/// CSL style elements nested deeper than this are ignored from there on ["csl.too-deep"].
inline constexpr int max_csl_element_depth = 200;

/// Macro calls nested deeper than this (or a macro calling itself) render nothing ["csl.macro-recursion"].
inline constexpr int max_csl_macro_depth = 64;

/// BibTeX braces nested deeper than this: that entry is skipped, the next ones are read ["bibtex.too-deep"].
inline constexpr int max_bibtex_brace_depth = 256;

/// A personal name longer than this many bytes is not split into parts: it is kept whole as a
/// literal (real names, even of organisations, are far shorter).
inline constexpr std::size_t max_name_bytes = 512;

}  // namespace bicite::limits
