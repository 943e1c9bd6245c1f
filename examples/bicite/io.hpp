#pragma once
// Reading the user's files and writing results without ever losing data: inputs are decoded from
// their encoding or refused with a reason; outputs go to a temporary file in the target folder that
// replaces the target only after a complete, flushed write.
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <bicite/diagnostic.hpp>
#include <bicite/text.hpp>

namespace bicite_cli {

/// Options every subcommand shares (set on the main command, accepted after the subcommand too).
struct global_options {
  bool quiet = false;        ///< only errors on stderr: no warnings, no summary, no progress
  std::string encoding;      ///< forced input encoding; empty = detect
};
global_options& globals();

/// A problem with the user's files (cannot open, cannot write, not text): exit 1 with the message.
struct file_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// "FILE" or "<stdin>" for "-".
std::string shown_name(const std::string& path);

/// The raw bytes of a file, or of standard input for "-". Refuses folders; every failure says why
/// ("cannot open X: No such file or directory").
std::string read_bytes(const std::string& path);

/// The text of a file as UTF-8: the encoding detected (or --encoding), a byte-order mark dropped.
/// Binary data and empty input are refused with a file_error saying what was seen. A note that the
/// input was not UTF-8 goes to stderr (unless --quiet).
std::string read_text(const std::string& path);

/// Same as read_text for bytes already read (`path` names them in messages).
std::string decode_text(const std::string& path, std::string_view bytes);

/// An output file written atomically, or standard output for "" or "-".
class output {
 public:
  /// Checks at once that the target can be written (its folder exists and is writable, it is not a
  /// folder), so that a long job does not run before failing.
  explicit output(std::string path);
  ~output();
  output(const output&) = delete;
  output& operator=(const output&) = delete;

  void write(std::string_view data);
  /// Flushes, syncs and renames the temporary file over the target (or flushes standard output).
  void commit();
  bool to_stdout() const { return path_.empty() || path_ == "-"; }

 private:
  void open_temp();
  std::string path_;
  std::string temp_;
  int fd_ = -1;
  bool committed_ = false;
};

/// Checks that `path` can be written, without creating anything (for jobs that write at the end).
void check_writable(const std::string& path);

/// Writes a whole output at once (atomically for a file).
void write_output(const std::string& path, std::string_view content);

/// Counts of diagnostics by severity, for the summary line.
struct diagnostic_counts {
  std::size_t errors = 0, warnings = 0, infos = 0;
  void add(const bicite::diagnostic& d);
};

/// "bicite: convert: 93 notes, 95 references; 0 errors, 2 warnings (0.41 s)" on stderr unless
/// --quiet. `what` lists what was done ("93 notes, 95 references").
void print_summary(const std::string& command, const std::string& what, const diagnostic_counts& counts,
                   std::chrono::steady_clock::time_point started);

/// Whether a diagnostic is shown: errors always, the rest unless --quiet.
bool shown_diagnostic(const bicite::diagnostic& d);

/// "FILE: note: read as windows-1251 (detected: …) [input.encoding]" on stderr unless --quiet.
void note_encoding(const std::string& path, const bicite::text::detected_encoding& encoding);

/// True when standard error is a terminal and progress lines may be drawn.
bool progress_allowed();

}  // namespace bicite_cli
