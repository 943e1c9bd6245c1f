#pragma once
/// Endnote parsing: finds the notes of a document (or the entries of a reference list), splits
/// each note into the works it cites and its commentary, and labels the fields of every citation
/// as a CSL-JSON item. Chicago notes, Chicago/APA/MLA reference lists and GOST R 7.0.5/7.0.100
/// entries, in English and Russian. Bad input never throws: problems come back as diagnostics.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::parse {

/// Who reads the fields of a citation unit once the rules have split a note into units.
enum class field_reader {
  rules,   ///< the hand-written rules (lib/parse/unit.cpp)
  model,   ///< the trained labeller (lib/parse/seq) for every unit the rules take for a citation
  hybrid,  ///< per unit, the more plausible of the two readings (see lib/parse/README.md, "Field readers")
};

/// Options for parsing notes.
struct options {
  /// A note longer than this many bytes is parsed only up to here (warning "parse.note-too-long"). Default: 20000
  std::size_t max_note_bytes = 20000;
  /// Repair Latin/Cyrillic look-alike letters inside words of titles and names. Default: true
  bool repair_mixed_script = true;
  /// Who reads each unit's fields. Ibid., short forms naming only an author, archival files and commentary
  /// are read by the rules whatever this says. Default: field_reader::hybrid
  field_reader reader = field_reader::hybrid;
  /// The notes are the entries of a reference list (a bibliography), not notes: words the rules would
  /// give to commentary before or inside an entry are read as part of its work. parse_document and
  /// resolve::stream decide it themselves from the first notes (lib/resolve/README.md, "Reference
  /// lists"); true here says so from the start. Default: false
  bool reference_list = false;
};

/// One note as found in the document, before its fields are labelled.
struct note_text {
  int number = 0;     ///< the number as printed (sequential for unnumbered lists and Markdown labels)
  std::string text;   ///< continuation lines joined with one space, the leading number removed
  span where{};       ///< bytes of the whole note (marker included) in the input
  /// Where each run of `text` came from: {offset in text, offset in input} pairs, in order.
  std::vector<std::pair<std::size_t, std::size_t>> pieces;
};

/// Why a field has its value: where in the note it was read and how sure the parser is.
struct field_source {
  std::string field;        ///< CSL variable name ("title", "author", "issued", …)
  span where{};             ///< bytes of the input (or of the string given to parse_reference)
  double confidence = 0.0;  ///< 0–1
};

/// One cited work inside a note.
struct citation {
  reference item;                      ///< the CSL-JSON item; custom.position and custom.antecedent after resolve
  std::vector<field_source> sources;   ///< one per field that was read
  span where{};                        ///< bytes of the citation in the input
  bool ibid = false;                   ///< written as "Ibid." / "Там же"
  bool short_form = false;             ///< looks like a short form ("Belton, “Russia projects confidence.”")
  std::string locator;                 ///< the page cited by Ibid. or a short form ("45"), if any
  std::string written;                 ///< the citation's text as the note writes it (what `where` covers)
};

/// A parsed note: the works it cites, its commentary, and what was wrong with it.
struct parsed_note {
  int number = 0;
  std::string text;                       ///< as in note_text
  span where{};                           ///< bytes of the note in the input
  std::vector<citation> citations;        ///< in order of appearance
  std::string commentary;                 ///< prose that cites nothing ("See also", thanks, …), or ""
  std::vector<diagnostic> diagnostics;    ///< with byte offsets into the input
};

/// A parsed document.
struct parsed_document {
  std::vector<parsed_note> notes;
  bool reference_list = false;          ///< the notes are the entries of a reference list (options::reference_list)
  std::vector<diagnostic> diagnostics;  ///< every diagnostic of the document and of its notes
};

/// The notes of a text, and what was wrong with finding them.
struct found_notes {
  std::vector<note_text> notes;
  std::vector<diagnostic> diagnostics;
};

/// Finds the notes: a numbered notes section ("1. ", "1) ", "[1] ", Markdown "[^1]: ") at the end of
/// an article or a file of notes only; without numbers, each non-empty line is one entry.
found_notes find_notes(std::string_view text);

/// Deprecated: find_notes returns the diagnostics by value (kept for one release).
[[deprecated("use bicite::parse::find_notes")]]
std::vector<note_text> split_notes(std::string_view text, std::vector<diagnostic>* diagnostics = nullptr);

/// Parses a whole document (plain text or Markdown). Invalid UTF-8 is repaired and reported first;
/// spans then refer to the repaired text.
parsed_document parse_document(std::string_view text, const options& opts = {});

/// Parses the text of one note (without its number); spans are offsets into `text`.
parsed_note parse_note(std::string_view text, int number = 0, const options& opts = {});

/// Parses one reference string (one work); spans are offsets into `text`.
citation parse_reference(std::string_view text, const options& opts = {});

/// Options for writing notes-JSONL (bicite::notes_jsonl::write_options).
struct jsonl_options {
  bool sources = false;  ///< add "sources": [{field, begin, end, confidence}] to each note. Default: false
};

/// Deprecated: bicite::notes_jsonl::write and append (<bicite/notes_jsonl.hpp>) replace these (kept for one release).
[[deprecated("use bicite::notes_jsonl::write")]]
std::string to_notes_jsonl(const parsed_document& document, const jsonl_options& opts = {});
[[deprecated("use bicite::notes_jsonl::write")]]
std::string to_notes_jsonl(const parsed_note& note, const jsonl_options& opts = {});
[[deprecated("use bicite::notes_jsonl::append")]]
void append_note_jsonl(std::string& out, const parsed_note& note, const jsonl_options& opts = {});

}  // namespace bicite::parse
