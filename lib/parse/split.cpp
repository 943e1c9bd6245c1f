// Finding the notes of a document: numbered note markers, Markdown footnotes, or one entry per line.
#include <algorithm>

#include <bicite/parse.hpp>
#include <bicite/text.hpp>

#include "parse/internal.hpp"
#include "parse/lines.hpp"

namespace bicite::parse {

namespace detail {

namespace {

// A superscript digit (¹ ² ³ ⁰ ⁴–⁹) at p: its value, and its length in `len`; -1 when none.
int superscript_digit_at(std::string_view s, std::size_t p, std::size_t& len) {
  if (p + 1 < s.size() && static_cast<unsigned char>(s[p]) == 0xC2) {
    const unsigned char c = static_cast<unsigned char>(s[p + 1]);
    len = 2;
    if (c == 0xB9) return 1;
    if (c == 0xB2) return 2;
    if (c == 0xB3) return 3;
  }
  if (p + 2 < s.size() && static_cast<unsigned char>(s[p]) == 0xE2 && static_cast<unsigned char>(s[p + 1]) == 0x81) {
    const unsigned char c = static_cast<unsigned char>(s[p + 2]);
    len = 3;
    if (c == 0xB0) return 0;
    if (c >= 0xB4 && c <= 0xB9) return c - 0xB0;
  }
  return -1;
}

// Digits at p, ASCII or superscript (a note number copied from a word processor is often superscript,
// or printed twice: "12.\t¹²Text"): the number, the end in `q`; -1 when none or more than six.
int note_number_at(std::string_view s, std::size_t p, std::size_t end, std::size_t& q) {
  int n = 0, digits = 0;
  q = p;
  while (q < end && digits <= 6) {
    std::size_t len = 1;
    int d = -1;
    if (s[q] >= '0' && s[q] <= '9') d = s[q] - '0';
    else d = superscript_digit_at(s, q, len);
    if (d < 0) break;
    n = n * 10 + d;
    ++digits;
    q += len;
  }
  return digits == 0 || digits > 6 ? -1 : n;
}

// "12.  text", "12) text", "12\ttext", "¹² text", "[12] text", "[^12]: text", "[^label]: text"; `s` is the
// line. A byte-order mark or other wide space before the marker is indentation.
void read_marker(std::string_view s, line_info& l) {
  std::size_t p = 0, len = 0;
  int indent = 0;
  while (p < l.end && is_space_at(s, p, &len) && indent < 8) {
    p += len;
    ++indent;
  }
  if (p >= l.end) return;
  if (s[p] == '[') {
    std::size_t q = p + 1;
    const bool md = q < l.end && s[q] == '^';
    if (md) ++q;
    const std::size_t label_begin = q;
    while (q < l.end && q - label_begin < 40 && s[q] != ']' && s[q] != ' ') ++q;
    if (q >= l.end || s[q] != ']' || q == label_begin) return;
    const std::string_view label = s.substr(label_begin, q - label_begin);
    ++q;
    if (md) {
      if (q >= l.end || s[q] != ':') return;
      ++q;
    }
    int n = 0;
    bool numeric = !label.empty() && label.size() <= 6;
    for (char c : label) {
      if (c < '0' || c > '9') numeric = false;
      else n = n * 10 + (c - '0');
    }
    if (!numeric && !md) return;
    l.number = numeric ? n : 0;
    l.markdown = md;
    while (q < l.end && (s[q] == ' ' || s[q] == '\t')) ++q;
    l.content = q;
    return;
  }
  std::size_t q = p;
  const int n = note_number_at(s, p, l.end, q);
  if (n < 0 || q >= l.end) return;
  const bool superscript = !(s[p] >= '0' && s[p] <= '9');
  if (s[q] == '.' || s[q] == ')') {
    ++q;
    if (q < l.end && !is_space_at(s, q, &len) && !superscript) return;
  } else if (s[q] != '\t' && !superscript) {
    return;  // "12 text" is not a marker (a year, a count); "12\ttext" and "¹² text" are
  }
  while (q < l.end && is_space_at(s, q, &len)) q += len;
  // the number printed again as a superscript after the marker
  if (!superscript) {
    std::size_t r = q;
    if (note_number_at(s, q, l.end, r) == n && r > q && !(s[q] >= '0' && s[q] <= '9')) {
      q = r;
      while (q < l.end && is_space_at(s, q, &len)) q += len;
    }
  }
  if (q >= l.end) return;
  l.number = n;
  l.content = q;
}

bool ends_sentence(std::string_view t) {
  std::size_t b = 0, e = t.size();
  trim_range(t, b, e, "”»’\")");
  if (e == b) return true;
  const char last = t[e - 1];
  return last == '.' || last == '!' || last == '?';
}

// Appends [b, e) of the line (offsets relative to the line) to the note.
void append_piece(note_text& n, std::string_view line, std::size_t base, std::size_t b, std::size_t e) {
  trim_range(line, b, e);
  if (b >= e) return;
  if (!n.text.empty()) n.text += ' ';
  n.pieces.emplace_back(n.text.size(), base + b);
  n.text.append(line.substr(b, e - b));
  n.where.end = base + e;
}

}  // namespace

line_info classify_line(std::string_view line, std::size_t base) {
  line_info l;
  l.base = base;
  std::size_t e = line.size();
  if (e > 0 && line[e - 1] == '\r') --e;
  l.end = e;
  std::size_t b = 0, t = e;
  trim_range(line, b, t);
  l.blank = b >= t;
  if (!l.blank) read_marker(line, l);
  return l;
}

bool list_heading_line(std::string_view line) {
  std::size_t b = 0, e = line.size();
  trim_range(line, b, e);
  // the longest heading form ("список использованных источников и литературы") with a section number
  if (e - b > 120 || b >= e) return false;
  return seq::line_finder::shape_of(line.substr(b, e - b)).list_heading;
}

void plan_builder::add(std::string_view line, const line_info& l) {
  markdown_ = markdown_ || l.markdown;
  if (!l.blank && l.number < 0 && !l.markdown && list_heading_line(line.substr(0, l.end))) ++headings_;
  // One pass: a marker "1" starts a new run, the next number (or one skipped) extends it.
  const std::size_t i = index_++;
  const int n = l.number;
  if (n == 1) {
    start_ = i;
    len_ = 1;
    expect_ = 2;
  } else if (start_ != none && n >= expect_ && n <= expect_ + max_note_gap) {
    ++len_;
    expect_ = n + 1;
  } else {
    return;
  }
  if (len_ >= best_len_) {
    best_len_ = len_;
    best_start_ = start_;
  }
}

bool plan_builder::needs_finder() const {
  return headings_ > 0 && !markdown_ && finder_.active() && index_ <= finder_max_lines;
}

void plan_builder::add_finder_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (finder_lines_++ < finder_max_lines) finder_.push(line);
}

split_plan plan_builder::finish() {
  split_plan p;
  p.markdown = markdown_;
  if (!markdown_) {
    p.best_start = best_start_;
    p.best_len = best_len_;
  }
  if (!needs_finder() || finder_lines_ != index_) return p;
  finder_.finish();
  const auto& labels = finder_.labels_model()->labels;
  auto label = [&](std::string_view name) {
    const auto it = std::find(labels.begin(), labels.end(), name);
    return it == labels.end() ? -1 : static_cast<int>(it - labels.begin());
  };
  p.ref_label = label("ref");
  p.meta_label = label("meta");
  p.blank_label = label("blank");
  if (p.ref_label < 0 || finder_.runs().size() > finder_max_runs) return p;
  p.finder_runs = finder_.runs();
  // Article text around a list under its heading: lines of text or titles, at least five and one in ten
  // of the non-blank lines, and a heading ("References", "Список литературы"). A plain list, which the
  // finder may partly misread (its lines are longer than those of the theses it learned from), stays a
  // plain list.
  std::size_t article = 0, nonblank = 0;
  for (std::size_t k = 0; k < finder_.counts().size(); ++k) {
    if (static_cast<int>(k) == p.blank_label) continue;
    nonblank += finder_.counts()[k];
    if (static_cast<int>(k) != p.ref_label && static_cast<int>(k) != p.meta_label) article += finder_.counts()[k];
  }
  const std::size_t refs = finder_.counts()[static_cast<std::size_t>(p.ref_label)];
  // A numbered run far shorter than the list the finder sees, and not in it, is a numbered list of the
  // article's (steps, equations), not its notes.
  auto label_at = [&](std::size_t line) {
    const auto& runs = p.finder_runs;
    auto it = std::upper_bound(runs.begin(), runs.end(), line, [](std::size_t v, const auto& r) { return v < r.first; });
    return it == runs.begin() ? -1 : static_cast<int>(std::prev(it)->second);
  };
  p.use_finder = refs >= 2 && article >= 5 && article * 10 >= nonblank &&
                 (best_len_ == 0 || (refs >= 8 * best_len_ && label_at(best_start_) != p.ref_label));
  if (p.use_finder) p.best_len = 0;
  return p;
}

note_assembler::note_assembler(const split_plan& plan, std::vector<diagnostic>* diagnostics)
    : plan_(plan), diagnostics_(diagnostics) {}

void note_assembler::start(std::string_view line, const line_info& l, int number, std::size_t content,
                           std::vector<note_text>& done) {
  if (open_) done.push_back(std::move(note_));
  note_ = note_text{};
  note_.number = number;
  note_.where = {l.base, l.base + l.end};
  append_piece(note_, line, l.base, content, l.end);
  open_ = true;
  any_ = true;
}

bool note_assembler::add(std::string_view line, const line_info& l, std::vector<note_text>& done) {
  const std::size_t i = index_++;
  if (plan_.markdown) {
    if (l.markdown) {
      const int number = l.number > 0 ? l.number : seq_ + 1;
      seq_ = number;
      start(line, l, number, l.content, done);
      return true;
    }
    if (open_ && !l.blank && (line[0] == ' ' || line[0] == '\t')) {
      append_piece(note_, line, l.base, 0, l.end);  // indented continuation
      return true;
    }
    return false;
  }

  if (plan_.use_finder) return add_found(line, l, i, done);
  if (plan_.best_len == 0) {
    // No numbered notes: a reference list, one entry per non-empty line; an indented line, or a
    // line that starts in lower case or with a link after an unfinished line, continues the entry.
    if (l.blank) {
      prev_blank_ = true;
      return false;
    }
    if (open_ && !prev_blank_) {
      const char first = line[0];
      std::size_t b = 0, e = l.end;
      trim_range(line, b, e);
      const char32_t c = code_point_at(line, b);
      const bool indented = first == ' ' || first == '\t';
      const bool continues = !ends_sentence(note_.text) &&
                             (is_lower(c) || line.compare(b, 4, "http") == 0 || (c >= '0' && c <= '9'));
      if (indented || continues) {
        append_piece(note_, line, l.base, 0, l.end);
        return true;
      }
    }
    prev_blank_ = false;
    start(line, l, ++seq_, 0, done);
    return true;
  }

  if (i < plan_.best_start || stopped_) return false;
  if (l.blank) {
    after_blank_ = true;
    return false;
  }
  // after a blank line, a page number or a running head (text taken from a PDF, the finder's "meta"):
  // page furniture, not the end of the notes
  if (after_blank_ && any_ &&
      (seq::line_finder::shape_of(line.substr(0, l.end)).only_number ||
       (ends_sentence(note_.text) && l.number < 0 && !plan_.finder_runs.empty() && finder_label(i) == plan_.meta_label)))
    return false;
  // the next number; a jump forward (notes missing from the text) after a finished note; a new run from 1
  // (notes numbered per chapter) after a finished note, numbered on after the last one
  const bool finished = any_ && ends_sentence(note_.text);
  const bool next = l.number == expect_ || (l.number == expect_ + 1 && any_);
  const bool jump = !next && finished && l.number > expect_ && l.number <= expect_ + max_note_gap;
  const bool restart = !next && finished && l.number == 1 && expect_ > 2;
  if (l.number >= 0 && (next || jump || restart)) {
    if (l.number != expect_ && !restart && diagnostics_) {
      diagnostics_->push_back({"parse.missing-note", severity::warning, {l.base, l.base + l.end},
                               (l.number == expect_ + 1 ? "note " + std::to_string(expect_) + " is missing"
                                                        : "notes " + std::to_string(expect_) + "–" +
                                                              std::to_string(l.number - 1) + " are missing") +
                                   "; the numbering jumps to " + std::to_string(l.number),
                               ""});
    }
    if (restart) {
      offset_ += expect_ - 1;
      if (diagnostics_)
        diagnostics_->push_back({"parse.note-numbering-restart", severity::warning, {l.base, l.base + l.end},
                                 "the note numbering starts again at 1; these notes are numbered on from " +
                                     std::to_string(offset_ + 1),
                                 ""});
    }
    start(line, l, offset_ + l.number, l.content, done);
    expect_ = l.number + 1;
    after_blank_ = false;
    return true;
  }
  if (!any_) return false;
  // A continuation line; after a blank line only when the note is visibly unfinished.
  if (after_blank_ && ends_sentence(note_.text)) {
    stopped_ = true;
    return false;
  }
  append_piece(note_, line, l.base, 0, l.end);
  after_blank_ = false;
  return true;
}

int note_assembler::finder_label(std::size_t line) {
  const auto& runs = plan_.finder_runs;
  while (run_ + 1 < runs.size() && runs[run_ + 1].first <= line) ++run_;
  return run_ < runs.size() && runs[run_].first <= line ? runs[run_].second : -1;
}

namespace {

// An entry's last line: it ends a sentence, but not with an initial ("…, M. T. Ho, E." goes on), or it
// ends with a link or a DOI, which entries put last.
bool ends_entry(std::string_view t) {
  std::size_t b = 0, e = t.size();
  trim_range(t, b, e);
  const std::size_t sp = t.substr(0, e).find_last_of(" \t");
  const std::size_t w = sp == std::string_view::npos ? b : sp + 1;
  const std::string_view last_word = t.substr(w, e - w);
  if (last_word.find("://") != std::string_view::npos || last_word.starts_with("doi:") || last_word.starts_with("www.") ||
      (last_word.starts_with("10.") && last_word.find('/') != std::string_view::npos))
    return true;
  if (!ends_sentence(t)) return false;
  if (e >= 2 && t[e - 1] == '.') {
    std::size_t s = 0;
    const char32_t c = prev_code_point(t, e - 1, &s);
    const char32_t before = prev_code_point(t, s);
    if (is_upper(c) && (s == 0 || before == ' ' || before == '.' || before == '-')) return false;
  }
  return true;
}

}  // namespace

// A line or two the finder does not take for the list's, between lines it does (blank lines and page
// furniture aside): a short note ("Belton, “Russia projects confidence.”") is the list's, not the article's.
bool note_assembler::inside_list() const {
  const auto& runs = plan_.finder_runs;
  if (run_ >= runs.size()) return false;
  const std::size_t end = run_ + 1 < runs.size() ? runs[run_ + 1].first : static_cast<std::size_t>(-1);
  if (end - runs[run_].first > 3) return false;
  auto significant = [&](std::size_t r) { return runs[r].second != plan_.blank_label && runs[r].second != plan_.meta_label; };
  std::size_t before = run_;
  while (before > 0 && !significant(before - 1)) --before;
  std::size_t after = run_ + 1;
  while (after < runs.size() && !significant(after)) ++after;
  return before > 0 && runs[before - 1].second == plan_.ref_label && after < runs.size() && runs[after].second == plan_.ref_label;
}

// Finder mode: only lines the finder labels as the list's; an entry goes on over wrapped lines, page
// furniture and blank lines until a line starts another.
bool note_assembler::add_found(std::string_view line, const line_info& l, std::size_t index, std::vector<note_text>& done) {
  int label = finder_label(index);
  if (l.blank || label == plan_.blank_label || label == plan_.meta_label) return false;
  if (label != plan_.ref_label && inside_list()) label = plan_.ref_label;
  if (label != plan_.ref_label) {
    if (open_) done.push_back(std::move(note_));
    open_ = false;
    return false;
  }
  const auto shape = seq::line_finder::shape_of(line.substr(0, l.end));
  std::size_t b = 0, e = l.end;
  trim_range(line, b, e);
  const char32_t c = code_point_at(line, b);
  if (open_) {
    const bool hanging = shape.indent > entry_indent_;
    const bool starts_entry = shape.marker || shape.name_start;
    const bool goes_on = is_lower(c) || line.compare(b, 4, "http") == 0 || line.compare(b, 4, "doi:") == 0 ||
                         (c >= '0' && c <= '9' && !shape.marker);
    // an unfinished entry goes on on the next line only when its line was wrapped (text taken from a PDF);
    // a long line is a whole entry or paragraph, as a word processor or a web page keeps them
    const bool wrapped = prev_line_points_ <= 110;
    if (!shape.marker && (hanging || goes_on || (wrapped && !ends_entry(note_.text) && !starts_entry))) {
      append_piece(note_, line, l.base, 0, l.end);
      prev_line_points_ = code_points_in(line.substr(b, e - b));
      return true;
    }
  }
  prev_line_points_ = code_points_in(line.substr(b, e - b));
  entry_indent_ = shape.indent;
  std::size_t content = 0;
  if (shape.bullet) {  // the entry's text starts after its bullet
    content = b;
    text::next_code_point(line, content);
    std::size_t len = 0;
    while (content < l.end && is_space_at(line, content, &len)) content += len;
  }
  start(line, l, ++seq_, content, done);
  return true;
}

void note_assembler::finish(std::vector<note_text>& done) {
  if (open_) done.push_back(std::move(note_));
  open_ = false;
}

}  // namespace detail

std::vector<note_text> detail::split_notes_into(std::string_view s, std::vector<diagnostic>* diagnostics) {
  // the lines as the original split them: every '\n' ends one, and there is always a last one
  auto for_each_line = [&](auto&& f) {
    std::size_t pos = 0;
    while (pos <= s.size()) {
      const auto nl = s.find('\n', pos);
      const std::size_t end = nl == std::string_view::npos ? s.size() : nl;
      const std::string_view line = s.substr(pos, end - pos);
      f(line, detail::classify_line(line, pos));
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  };
  detail::plan_builder plan;
  for_each_line([&](std::string_view line, const detail::line_info& l) { plan.add(line, l); });
  if (plan.needs_finder()) for_each_line([&](std::string_view line, const detail::line_info&) { plan.add_finder_line(line); });
  std::vector<note_text> notes;
  detail::note_assembler assembler(plan.finish(), diagnostics);
  for_each_line([&](std::string_view line, const detail::line_info& l) { assembler.add(line, l, notes); });
  assembler.finish(notes);
  return notes;
}

found_notes find_notes(std::string_view text) {
  found_notes found;
  found.notes = detail::split_notes_into(text, &found.diagnostics);
  return found;
}

std::vector<note_text> split_notes(std::string_view text, std::vector<diagnostic>* diagnostics) {
  return detail::split_notes_into(text, diagnostics);
}

}  // namespace bicite::parse
