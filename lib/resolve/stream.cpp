// Parsing and resolving notes in bounded memory: the input is read twice in chunks, line by line.
// Pass 1 keeps only the markers' run state (which numbered run is the notes section); pass 2
// assembles one note at a time with the same line code as split_notes, parses it, resolves it
// against the works seen so far, and hands it over.
#include <bicite/resolve.hpp>
#include <bicite/text.hpp>

#include <algorithm>
#include <fstream>
#include <memory>

#include "parse/lines.hpp"
#include "resolve/resolver.hpp"

namespace bicite::resolve {

namespace {

// Calls f(line) for every line of the input (without its '\n'), and once more for the text after
// the last '\n' (possibly empty), as split_notes sees lines. Returns the bytes read.
template <class F>
std::size_t for_each_line(const chunk_reader& read, F&& f) {
  std::string chunk, carry;
  std::size_t bytes = 0;
  while (read && read(chunk)) {
    bytes += chunk.size();
    std::size_t p = 0;
    while (true) {
      const auto nl = chunk.find('\n', p);
      if (nl == std::string::npos) {
        carry.append(chunk, p, std::string::npos);
        break;
      }
      if (carry.empty()) {
        f(std::string_view(chunk).substr(p, nl - p));
      } else {
        carry.append(chunk, p, nl - p);
        f(std::string_view(carry));
        carry.clear();
      }
      p = nl + 1;
    }
  }
  f(std::string_view(carry));
  return bytes;
}

bool plain_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0 && static_cast<unsigned char>(c) < 0x80; });
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

constexpr std::size_t max_utf8_reports = 100;  // as text::check_utf8

// A line kept while its note is open, to give diagnostics a line and column.
struct kept_line {
  std::size_t base = 0;
  std::size_t number = 0;
  std::string text;
};

void locate_in(diagnostic& d, const std::vector<kept_line>& lines) {
  if (lines.empty()) return;
  auto it = std::upper_bound(lines.begin(), lines.end(), d.where.begin,
                             [](std::size_t x, const kept_line& l) { return x < l.base; });
  if (it != lines.begin()) --it;
  const std::size_t off = d.where.begin > it->base ? std::min(d.where.begin - it->base, it->text.size()) : 0;
  d.line = it->number;
  d.column = code_points(std::string_view(it->text).substr(0, off)) + 1;
}

}  // namespace

chunk_source file_source(std::string path, std::size_t chunk_bytes) {
  if (chunk_bytes == 0) chunk_bytes = 1;
  return [path = std::move(path), chunk_bytes]() -> chunk_reader {
    auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
    return [in, chunk_bytes](std::string& chunk) {
      if (!*in) return false;
      chunk.resize(chunk_bytes);
      in->read(chunk.data(), static_cast<std::streamsize>(chunk_bytes));
      chunk.resize(static_cast<std::size_t>(in->gcount()));
      return !chunk.empty();
    };
  };
}

chunk_source text_source(std::string_view text, std::size_t chunk_bytes) {
  if (chunk_bytes == 0) chunk_bytes = 1;
  return [text, chunk_bytes]() -> chunk_reader {
    auto pos = std::make_shared<std::size_t>(0);
    return [text, chunk_bytes, pos](std::string& chunk) {
      if (*pos >= text.size()) return false;
      const std::size_t n = std::min(chunk_bytes, text.size() - *pos);
      chunk.assign(text.substr(*pos, n));
      *pos += n;
      return true;
    };
  };
}

stream_summary stream(const chunk_source& source, const note_callback& on_note, const diagnostic_callback& on_diagnostic,
                      const stream_options& opts) {
  stream_summary summary;
  if (!source) return summary;
  auto emit = [&](const diagnostic& d) {
    if (on_diagnostic) on_diagnostic(d);
  };
  std::string repaired_buffer;
  // the line as parse_document sees it (invalid UTF-8 replaced); its text.invalid-utf8 diagnostics
  auto repair = [&](std::string_view line, std::vector<diagnostic>* diags) -> std::string_view {
    if (plain_ascii(line)) return line;
    auto checked = text::check_utf8(line, static_cast<std::size_t>(-1));
    repaired_buffer = std::move(checked.text);
    if (diags) *diags = std::move(checked.diagnostics);
    return repaired_buffer;
  };

  // pass 1: where the notes are
  parse::detail::plan_builder plan;
  {
    std::size_t base = 0;
    for_each_line(source(), [&](std::string_view line) {
      const std::string_view t = repair(line, nullptr);
      plan.add(t, parse::detail::classify_line(t, base));
      base += t.size() + 1;
    });
  }
  // pass 1b, under a list's heading only: the document finder's labels of the lines
  if (plan.needs_finder())
    for_each_line(source(), [&](std::string_view line) { plan.add_finder_line(repair(line, nullptr)); });

  // pass 2: the notes, one at a time
  std::vector<diagnostic> split_diags;
  parse::detail::note_assembler assembler(plan.finish(), &split_diags);
  detail::resolver resolver(/*packed=*/true);
  std::vector<kept_line> kept;
  std::vector<parse::note_text> done;
  std::vector<diagnostic> diags, utf8_diags;
  std::vector<cite> cites;
  std::size_t orig = 0, base = 0, line_no = 1, utf8_reported = 0, last_columns = 0;
  bool any_text = false;

  auto resolve_note = [&](parse::parsed_note& pn, std::vector<diagnostic>& note_diags, const std::vector<kept_line>& lines) {
    cites.clear();
    resolver.add_note(pn, cites, note_diags);
    for (auto& d : note_diags) {
      if (opts.locate) locate_in(d, lines);
      emit(d);
    }
    ++summary.notes;
    if (on_note) on_note(pn, cites);
  };
  // The first notes wait, parsed, until they tell whether the input is a reference list (a bounded
  // number of them: parse::detail::reference_list_sample, with their lines for the diagnostics' places);
  // in a list they are read again as its entries, as parse_document does.
  struct waiting {
    parse::note_text text;
    parse::parsed_note note;
    std::vector<diagnostic> diags;
    std::vector<kept_line> lines;
  };
  std::vector<waiting> first_notes;
  bool decided = false;
  parse::options parse_opts = opts.parse;
  auto decide = [&] {
    if (decided) return;
    decided = true;
    std::vector<parse::parsed_note> sample;
    sample.reserve(first_notes.size());
    for (auto& w : first_notes) sample.push_back(std::move(w.note));
    const bool list = parse_opts.reference_list || parse::detail::looks_like_reference_list(sample);
    resolver.set_reference_list(list);
    if (list && !parse_opts.reference_list) {
      parse_opts.reference_list = true;
      for (std::size_t i = 0; i < first_notes.size(); ++i) {
        first_notes[i].diags.clear();
        sample[i] = parse::detail::parse_found_note(first_notes[i].text, parse_opts, first_notes[i].diags);
      }
    }
    for (std::size_t i = 0; i < first_notes.size(); ++i) resolve_note(sample[i], first_notes[i].diags, first_notes[i].lines);
    first_notes.clear();
  };
  auto finish_note = [&](const parse::note_text& n) {
    diags.clear();
    parse::parsed_note pn = parse::detail::parse_found_note(n, parse_opts, diags);
    if (decided) {
      resolve_note(pn, diags, kept);
      return;
    }
    first_notes.push_back({n, std::move(pn), diags, kept});
    if (first_notes.size() >= parse::detail::reference_list_sample) decide();
  };

  summary.bytes = for_each_line(source(), [&](std::string_view line) {
    utf8_diags.clear();
    const std::string_view t = repair(line, &utf8_diags);
    for (auto& d : utf8_diags) {
      if (utf8_reported++ >= max_utf8_reports) continue;
      d.where.begin += orig;
      d.where.end += orig;
      if (opts.locate) {
        d.line = line_no;
        d.column = code_points(line.substr(0, d.where.begin - orig)) + 1;
      }
      emit(d);
    }
    any_text = any_text || !text::trim(t).empty();
    const auto l = parse::detail::classify_line(t, base);
    done.clear();
    split_diags.clear();
    const bool used = assembler.add(t, l, done);
    for (const auto& n : done) finish_note(n);
    if (!done.empty()) kept.clear();
    if (used) kept.push_back({base, line_no, std::string(t)});
    for (auto& d : split_diags) {
      if (opts.locate) {
        d.line = line_no;
        d.column = 1;
      }
      emit(d);
    }
    orig += line.size() + 1;
    base += t.size() + 1;
    last_columns = code_points(line);
    ++line_no;
  });
  done.clear();
  assembler.finish(done);
  for (const auto& n : done) finish_note(n);
  decide();
  kept.clear();
  --line_no;  // the last line has no '\n'
  if (summary.notes == 0 && any_text) {
    diagnostic d{"parse.no-notes", severity::warning, {0, std::min<std::size_t>(base - 1, 80)},
                 "no notes or references were found", ""};
    if (opts.locate) d.line = d.column = 1;
    emit(d);
  }
  if (utf8_reported > max_utf8_reports) {
    diagnostic d{"text.invalid-utf8", severity::warning, {orig - 1, orig - 1},
                 "more invalid UTF-8 runs were replaced than are reported here"};
    if (opts.locate) {
      d.line = line_no;
      d.column = last_columns + 1;
    }
    emit(d);
  }
  if (opts.references) summary.references = resolver.references();
  summary.report = resolver.report();
  return summary;
}

}  // namespace bicite::resolve
