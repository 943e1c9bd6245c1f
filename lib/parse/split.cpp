// Finding the notes of a document: numbered note markers, Markdown footnotes, or one entry per line.
#include <bicite/parse.hpp>
#include <bicite/text.hpp>

#include "parse/internal.hpp"

namespace bicite::parse {

namespace {

using detail::is_space_at;

struct line_info {
  std::size_t begin = 0, end = 0;  // the line without its line break
  bool blank = true;
  int number = -1;                 // marker number, -1 when the line has no marker
  bool markdown = false;
  std::size_t content = 0;         // where the text after the marker starts
};

// "12.  text", "12) text", "[12] text", "[^12]: text", "[^label]: text"
void read_marker(std::string_view s, line_info& l) {
  std::size_t p = l.begin;
  int indent = 0;
  while (p < l.end && (s[p] == ' ' || s[p] == '\t') && indent < 8) {
    ++p;
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
  int n = 0;
  while (q < l.end && q - p < 6 && s[q] >= '0' && s[q] <= '9') n = n * 10 + (s[q++] - '0');
  if (q == p || q >= l.end || (s[q] >= '0' && s[q] <= '9')) return;
  if (s[q] != '.' && s[q] != ')') return;
  ++q;
  std::size_t len = 0;
  if (q < l.end && !is_space_at(s, q, &len)) return;
  while (q < l.end && is_space_at(s, q, &len)) q += len;
  if (q >= l.end) return;
  l.number = n;
  l.content = q;
}

bool ends_sentence(std::string_view t) {
  std::size_t b = 0, e = t.size();
  detail::trim_range(t, b, e, "”»’\")");
  if (e == b) return true;
  const char last = t[e - 1];
  return last == '.' || last == '!' || last == '?';
}

void append_piece(note_text& n, std::string_view s, std::size_t b, std::size_t e) {
  detail::trim_range(s, b, e);
  if (b >= e) return;
  if (!n.text.empty()) n.text += ' ';
  n.pieces.emplace_back(n.text.size(), b);
  n.text.append(s.substr(b, e - b));
  n.where.end = e;
}

}  // namespace

std::vector<note_text> split_notes(std::string_view s, std::vector<diagnostic>* diagnostics) {
  std::vector<line_info> lines;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    line_info l;
    l.begin = pos;
    auto nl = s.find('\n', pos);
    l.end = nl == std::string_view::npos ? s.size() : nl;
    std::size_t e = l.end;
    if (e > l.begin && s[e - 1] == '\r') --e;
    l.end = e;
    std::size_t b = l.begin, t = l.end;
    detail::trim_range(s, b, t);
    l.blank = b >= t;
    if (!l.blank) read_marker(s, l);
    lines.push_back(l);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }

  // The notes section: the run of markers 1, 2, 3, … that is longest (the later one on a tie).
  std::size_t best_start = lines.size(), best_len = 0;
  bool any_markdown = false;
  for (const auto& l : lines) any_markdown = any_markdown || l.markdown;
  if (!any_markdown) {
    // One pass: a marker "1" starts a new run, the next number (or one skipped) extends it.
    std::size_t start = lines.size(), len = 0;
    int expect = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const int n = lines[i].number;
      if (n == 1) {
        start = i;
        len = 1;
        expect = 2;
      } else if (start < lines.size() && (n == expect || n == expect + 1)) {
        ++len;
        expect = n + 1;
      } else {
        continue;
      }
      if (len >= best_len) {
        best_len = len;
        best_start = start;
      }
    }
  }

  std::vector<note_text> notes;
  if (any_markdown) {
    int seq = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& l = lines[i];
      if (l.markdown) {
        note_text n;
        n.number = l.number > 0 ? l.number : seq + 1;
        seq = n.number;
        n.where = {l.begin, l.end};
        append_piece(n, s, l.content, l.end);
        notes.push_back(std::move(n));
      } else if (!notes.empty() && !l.blank && (s[l.begin] == ' ' || s[l.begin] == '\t')) {
        append_piece(notes.back(), s, l.begin, l.end);  // indented continuation
      }
    }
    return notes;
  }

  if (best_len == 0) {
    // No numbered notes: a reference list, one entry per non-empty line; an indented line, or a
    // line that starts in lower case or with a link after an unfinished line, continues the entry.
    int seq = 0;
    bool prev_blank = true;
    for (const auto& l : lines) {
      if (l.blank) {
        prev_blank = true;
        continue;
      }
      if (!notes.empty() && !prev_blank) {
        const char first = s[l.begin];
        std::size_t b = l.begin, e = l.end;
        detail::trim_range(s, b, e);
        const char32_t c = detail::code_point_at(s, b);
        const bool indented = first == ' ' || first == '\t';
        const bool continues = !ends_sentence(notes.back().text) &&
                               (detail::is_lower(c) || s.compare(b, 4, "http") == 0 || (c >= '0' && c <= '9'));
        if (indented || continues) {
          append_piece(notes.back(), s, l.begin, l.end);
          continue;
        }
      }
      prev_blank = false;
      note_text n;
      n.number = ++seq;
      n.where = {l.begin, l.end};
      append_piece(n, s, l.begin, l.end);
      notes.push_back(std::move(n));
    }
    return notes;
  }

  int expect = 1;
  bool after_blank = false;
  for (std::size_t i = best_start; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.blank) {
      after_blank = true;
      continue;
    }
    if (l.number >= 0 && (l.number == expect || (l.number == expect + 1 && !notes.empty()))) {
      if (l.number != expect && diagnostics) {
        diagnostics->push_back({"parse.missing-note", severity::warning, {l.begin, l.end},
                                "note " + std::to_string(expect) + " is missing; the numbering jumps to " +
                                    std::to_string(l.number),
                                ""});
      }
      note_text n;
      n.number = l.number;
      n.where = {l.begin, l.end};
      append_piece(n, s, l.content, l.end);
      notes.push_back(std::move(n));
      expect = l.number + 1;
      after_blank = false;
      continue;
    }
    if (notes.empty()) continue;
    // A continuation line; after a blank line only when the note is visibly unfinished.
    if (after_blank && ends_sentence(notes.back().text)) break;
    append_piece(notes.back(), s, l.begin, l.end);
    after_blank = false;
  }
  return notes;
}

}  // namespace bicite::parse
