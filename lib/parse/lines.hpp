#pragma once
// Line-by-line note finding, shared by split_notes (whole text) and the streaming reader
// (lib/resolve/stream.cpp), so that both find exactly the same notes.
//   pass 1: classify every line and feed it to a plan_builder (which numbered run is the notes section)
//   pass 2: classify every line again and feed it to a note_assembler, which hands over finished notes
// Both passes keep O(1) state besides the note being assembled.
#include <cstddef>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/parse.hpp"
#include "parse/seq/seq.hpp"

namespace bicite::parse::detail {

/// One line of the input; offsets are relative to the line's first byte, `base` is its offset in the input.
struct line_info {
  std::size_t base = 0;     // offset of the line in the input
  std::size_t end = 0;      // length without the line break (and without a '\r' before it)
  bool blank = true;
  int number = -1;          // marker number, -1 when the line has no marker
  bool markdown = false;
  std::size_t content = 0;  // where the text after the marker starts
};

/// Classifies one line (`line` without its '\n'; a trailing '\r' is dropped).
line_info classify_line(std::string_view line, std::size_t base);

/// The longest forward jump in note numbers that still continues the notes (notes missing from the
/// text, "…, 79, 80, 118, 119, …"); a larger one is taken for a number of the text.
inline constexpr int max_note_gap = 100;

/// The document finder reads at most this many lines (a longer input is a notes or reference file, not
/// an article), and keeps at most this many changes of label, so that its memory stays bounded.
inline constexpr std::size_t finder_max_lines = 4'000'000;
inline constexpr std::size_t finder_max_runs = 100'000;

/// Where the notes are, decided from the markers of all lines and the document finder's labels.
struct split_plan {
  bool markdown = false;            // Markdown footnotes anywhere: only they are notes
  std::size_t best_start = 0;       // index of the line starting the notes section
  std::size_t best_len = 0;         // 0: no numbered run, one entry per line
  /// An unnumbered list inside an article (the finder labelled article text around list lines): only
  /// the lines the finder labels as the list's are read, as entries that may wrap over several lines.
  bool use_finder = false;
  std::vector<std::pair<std::size_t, std::uint8_t>> finder_runs;  // seq::line_finder::runs()
  int ref_label = -1, meta_label = -1, blank_label = -1;
};

/// Pass 1: the run of markers 1, 2, 3, … (forward jumps up to max_note_gap allowed) that is longest
/// (the later one on a tie), and whether a list's heading is there. When it is (needs_finder()), a
/// second pass gives every line to add_finder_line(), and the document finder's labels join the plan.
class plan_builder {
 public:
  void add(std::string_view line, const line_info& l);
  bool needs_finder() const;
  void add_finder_line(std::string_view line);
  split_plan finish();

 private:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t index_ = 0, start_ = none, len_ = 0, best_start_ = 0, best_len_ = 0;
  int expect_ = 0;
  bool markdown_ = false;
  std::size_t headings_ = 0, finder_lines_ = 0;
  seq::line_finder finder_;
};

/// Whether a line is a list's heading ("References", "1.3 Bibliography", "Список литературы"); cheap for
/// the long lines of notes.
bool list_heading_line(std::string_view line);

/// Pass 2: assembles notes from the lines in order. The last note stays open until a later line
/// starts another note or finish() is called; `done` receives each finished note.
class note_assembler {
 public:
  note_assembler(const split_plan& plan, std::vector<diagnostic>* diagnostics);
  /// Adds the next line; returns true when the line became part of the open note.
  bool add(std::string_view line, const line_info& l, std::vector<note_text>& done);
  void finish(std::vector<note_text>& done);
  bool has_open() const { return open_; }

 private:
  void start(std::string_view line, const line_info& l, int number, std::size_t content, std::vector<note_text>& done);
  split_plan plan_;
  std::vector<diagnostic>* diagnostics_;
  note_text note_;
  bool open_ = false;
  bool any_ = false;
  std::size_t index_ = 0;
  int seq_ = 0;
  int expect_ = 1;
  int offset_ = 0;  // added to printed numbers after the numbering started again at 1
  bool after_blank_ = false;
  bool prev_blank_ = true;
  bool stopped_ = false;
  std::size_t run_ = 0;   // the finder's run of the current line
  int entry_indent_ = 0;  // indentation of the open entry's first line (finder mode)
  std::size_t prev_line_points_ = 0;  // length of the list's previous line, in code points (finder mode)

  int finder_label(std::size_t line);
  bool inside_list() const;
  bool add_found(std::string_view line, const line_info& l, std::size_t index, std::vector<note_text>& done);
};

/// Parses one found note and maps its spans back to the input; its diagnostics are appended to `diagnostics`.
parsed_note parse_found_note(const note_text& n, const options& opts, std::vector<diagnostic>& diagnostics);

/// How many notes decide whether the input is a reference list (looks_like_reference_list).
inline constexpr std::size_t reference_list_sample = 30;

/// Whether the first notes of an input (at most reference_list_sample, parsed as notes) are the entries
/// of a reference list: at least 8 of them, no Ibid., at most one in ten citing only in short (an
/// incomplete entry may look like a short form), two in three with one citation and no commentary, and at
/// most one in twenty citing several complete works (each with a date or a link). Notes cite a work in short after its first citation, cite several works at once
/// and comment on their sources; a bibliography does none of these.
bool looks_like_reference_list(const std::vector<parsed_note>& first);

/// The notes of s (what find_notes returns); diagnostics are appended to `diagnostics` when given.
std::vector<note_text> split_notes_into(std::string_view s, std::vector<diagnostic>* diagnostics);

}  // namespace bicite::parse::detail
