#pragma once
/// Resolution of parsed notes: Ibid./Там же to the previous work (a new archival file after "Там же. Д. …"),
/// short forms (author only, author and short title, op. cit./Указ. соч., Idem/Его же, abbreviations the
/// author defines) to an earlier full citation of the same work, repeated full citations to one
/// bibliography entry; the page each citation cites as its locator. See lib/resolve/README.md.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/model.hpp"
#include "bicite/parse.hpp"

namespace bicite::resolve {

/// One citing occurrence of a bibliography entry.
struct cite {
  int note = 0;               ///< the note's number
  std::size_t index = 0;      ///< the citation's index inside the note
  std::string id;             ///< the id of the bibliography entry
  std::string position;       ///< "first", "subsequent" or "ibid"
  int antecedent = 0;         ///< for subsequent/ibid: the note holding the full citation; else 0
  std::string locator;        ///< page cited, if any (also custom.locator of the citation)
  double confidence = 1.0;    ///< how sure the link to the entry is: 1 for a full citation, less for a guess
  std::string reason;         ///< why the citation is linked to this entry ("Ibid.", "author and short title", …)
};

/// A work a short form was compared with, and why it was not taken.
struct candidate {
  std::string id;     ///< the bibliography entry's id
  int note = 0;       ///< the note of its first full citation
  std::string title;  ///< its title
  std::string why;    ///< "author differs", "short title not in the title", …
};

/// A citation that looks like a short form (or Ibid.) but was matched to no earlier work; it is kept as
/// a full citation of a new work.
struct unmatched {
  int note = 0;
  std::size_t index = 0;                ///< the citation's index inside the note
  std::string written;                  ///< its text as the note writes it
  std::vector<candidate> candidates;    ///< the works considered (at most 8), each with why it was rejected
};

/// The unmatched short forms as text, one block per citation with its candidates (what `bicite
/// convert --report` prints).
std::string format_report(const std::vector<unmatched>& list);

/// The result of resolution.
struct bibliography {
  /// One entry per distinct work, in order of first citation; custom.notes lists the citing notes,
  /// custom.cites each citing note with its locator ([{"note": 12, "locator": "45"}]).
  std::vector<reference> references;
  std::vector<cite> cites;                 ///< every citation, in note order
  parse::parsed_document document;         ///< the notes with positions, antecedents and full fields filled
  std::vector<diagnostic> diagnostics;     ///< e.g. "resolve.unmatched-ibid", "resolve.unmatched-short-form"
  std::vector<unmatched> report;           ///< short forms left unmatched, with the candidates considered
};

/// Resolves Ibid., short forms and repeated citations of a parsed document (pass it with
/// std::move when it is no longer needed, to save a copy).
bibliography resolve(parse::parsed_document document);

/// Reads the next piece of the input into `chunk` (replacing its content; any size); false at the end.
using chunk_reader = std::function<bool(std::string& chunk)>;

/// Opens the input at its beginning. stream() opens it twice: a first pass finds the notes
/// section (only line markers are kept), the second parses and resolves.
using chunk_source = std::function<chunk_reader()>;

/// A source reading a file in chunks of `chunk_bytes`; a file that cannot be opened reads as empty.
chunk_source file_source(std::string path, std::size_t chunk_bytes = 1 << 16);

/// A source over text in memory (which must outlive the stream), in chunks of `chunk_bytes`.
chunk_source text_source(std::string_view text, std::size_t chunk_bytes = 1 << 16);

/// Options of stream().
struct stream_options {
  parse::options parse{};  ///< as for parse_document
  bool locate = true;      ///< fill line and column of each diagnostic (as bicite::locate would). Default: true
  bool references = true;  ///< return the bibliography (false saves its memory when only notes are wanted). Default: true
};

/// What stream() returns once the input is read.
struct stream_summary {
  std::size_t notes = 0;              ///< notes handed to the callback
  std::size_t bytes = 0;              ///< bytes read (one pass)
  std::vector<reference> references;  ///< the bibliography, exactly as resolve() gives it
  std::vector<unmatched> report;      ///< short forms left unmatched, as resolve() gives them
};

/// Called once per note, in order, as soon as the note is finished and resolved: the note as in
/// resolve()'s document, and its cites. Both are valid during the call only.
using note_callback = std::function<void(const parse::parsed_note& note, const std::vector<cite>& cites)>;

/// Called for each diagnostic as it is found (parse, resolve and text.invalid-utf8), in input order
/// per note; spans are byte offsets as parse_document gives them.
using diagnostic_callback = std::function<void(const diagnostic& d)>;

/// Parses and resolves a notes document in bounded memory: what parse_document + resolve give,
/// note by note. Memory: the longest line and the longest note, plus per distinct work its
/// reference as compact CSL-JSON and its matching keys (not the notes). The notes, cites and references are identical to
/// resolve(parse_document(text)); diagnostics are the same, in a different order.
stream_summary stream(const chunk_source& source, const note_callback& on_note,
                      const diagnostic_callback& on_diagnostic = {}, const stream_options& opts = {});

}  // namespace bicite::resolve
