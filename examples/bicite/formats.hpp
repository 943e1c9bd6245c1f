#pragma once
// Input and output formats of `bicite convert` (and of other subcommands that read references).
// Each format registers itself from its own fmt_*.cpp, like subcommands do.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <bicite/bicite.hpp>

namespace bicite_cli {

/// What a reader makes of an input file.
struct document_data {
  std::vector<bicite::reference> references;   ///< the bibliography (deduplicated where it applies)
  std::vector<bicite::diagnostic> diagnostics; ///< problems, with byte offsets into the input
  std::string notes_jsonl;                     ///< set by the notes reader: one JSON line per note
};

/// Options every writer may read.
struct write_options {
  bool ascii = false;  ///< escape non-ASCII (BibTeX)
  std::map<std::string, std::string> extra;
};

using reader = std::function<document_data(const std::string& input)>;
using writer = std::function<std::string(const document_data&, const write_options&)>;

struct format_info {
  std::string name;
  std::string description;
  std::vector<std::string> extensions;  ///< file name endings that select this reader: ".json"
  reader read;                          ///< may be empty (output only)
  writer write;                         ///< may be empty (input only)
};

/// Registers a format at start-up.
struct format {
  explicit format(format_info info);
};

std::vector<format_info>& formats();
const format_info* find_format(const std::string& name);
/// The reader for a file name's extension (any case: ".JSON"), or nullptr.
const format_info* format_for_path(const std::string& path);
/// The reader `from` (--from) names, else the one for the input path's extension; nullptr when neither
/// tells (standard input, an unknown extension: the content decides). Throws CLI::ValidationError for
/// an unknown --from. One rule for every subcommand that reads references (convert, format, resolve).
const format_info* input_format(const std::string& from, const std::string& input_path);
/// The writer for an output file name's extension, or nullptr.
const format_info* format_for_output_path(const std::string& path);
/// "csl-json, biblatex, …": the formats that read (or write).
std::string format_names(bool readers);

/// The reader the content looks like: CSL-JSON ([ or {), BibTeX (@type{), RIS (TY  - ), else notes.
const format_info* sniff_format(std::string_view text);
/// Throws a file_error when `head` (the decoded start of the input) clearly is another format than
/// the one it is read as ("refs.json looks like BibTeX: give --from biblatex").
void check_claimed_format(const std::string& path, const format_info& claimed, std::string_view head, bool explicit_from);
/// Throws a file_error when a reader found nothing at all in a non-empty input and said nothing.
void check_read_something(const std::string& path, const format_info& format, std::string_view text,
                          const std::vector<bicite::diagnostic>& diagnostics);

/// Whether diagnostics make the command exit with 1: any error (part of the input could not be
/// used), or with `strict` any warning too (something was repaired or guessed).
bool has_problems(const std::vector<bicite::diagnostic>& diagnostics, bool strict);

/// Prints diagnostics on stderr as "FILE:line:col: severity: message [code]" (with --quiet, errors only).
void print_diagnostics(const std::string& file, std::vector<bicite::diagnostic> diagnostics,
                       const std::string& input);

}  // namespace bicite_cli
