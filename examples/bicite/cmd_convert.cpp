// bicite convert FILE --from FORMAT --to FORMAT -o FILE
#include <fcntl.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <bicite/notes_jsonl.hpp>
#include <bicite/resolve.hpp>
#include <bicite/text.hpp>

#include "command.hpp"
#include "formats.hpp"
#include "io.hpp"

namespace bicite_cli {
namespace {

struct convert_options {
  std::string input = "-";
  std::string from;
  std::string to;
  std::string output;
  bool ascii = false;
  bool strict = false;
  bool report = false;
  std::string key_pattern;
  std::string parser = "hybrid";
};

/// An open file read in chunks from its start, decoded to UTF-8 (the stream opens it twice).
bicite::resolve::chunk_source decoded_source(int fd, const std::string& encoding) {
  return [fd, encoding]() -> bicite::resolve::chunk_reader {
    auto decoder = std::make_shared<bicite::text::decoder>(encoding);
    auto offset = std::make_shared<off_t>(0);
    auto done = std::make_shared<bool>(false);
    return [fd, decoder, offset, done](std::string& chunk) {
      chunk.clear();
      std::string raw(1 << 16, '\0');
      while (chunk.empty() && !*done) {
        const ssize_t n = ::pread(fd, raw.data(), raw.size(), *offset);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw file_error(std::string("cannot read the input: ") + std::strerror(errno));
        if (n == 0) {
          decoder->finish(chunk);
          *done = true;
        } else {
          *offset += n;
          decoder->feed(std::string_view(raw.data(), static_cast<std::size_t>(n)), chunk);
        }
      }
      return !chunk.empty();
    };
  };
}

/// A file descriptor closed on scope exit.
struct fd_guard {
  int fd;
  ~fd_guard() {
    if (fd > 2) ::close(fd);
  }
};

/// Copies `from` to an unlinked temporary file in bounded memory and returns it.
int spool(int from, const std::string& path) {
  std::FILE* temp = std::tmpfile();
  if (!temp) throw file_error(std::string("cannot create a temporary file for the input: ") + std::strerror(errno));
  const int fd = ::dup(::fileno(temp));
  std::fclose(temp);
  std::string buffer(1 << 16, '\0');
  for (;;) {
    const ssize_t n = ::read(from, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw file_error("cannot read " + shown_name(path) + ": " + std::strerror(errno));
    if (n == 0) break;
    std::string_view rest(buffer.data(), static_cast<std::size_t>(n));
    while (!rest.empty()) {
      const ssize_t w = ::write(fd, rest.data(), rest.size());
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) throw file_error(std::string("cannot copy the input to a temporary file: ") + std::strerror(errno));
      rest.remove_prefix(static_cast<std::size_t>(w));
    }
  }
  return fd;
}

/// Opens the input for reading at any offset; standard input (or a pipe) is spooled, since the
/// stream reads its input twice.
int open_input(const std::string& path) {
  if (path == "-") return spool(STDIN_FILENO, path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw file_error("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw file_error(path + " is a folder, not a file");
  }
  if (S_ISREG(st.st_mode)) return fd;
  fd_guard guard{fd};
  return spool(fd, path);
}

/// 64 KiB of the input from its first byte outside ASCII (linear; "" when it is all ASCII).
std::string first_non_ascii_window(int fd, std::size_t size) {
  std::string buffer(1 << 16, '\0');
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return {};
    for (ssize_t i = 0; i < n; ++i)
      if (static_cast<unsigned char>(buffer[static_cast<std::size_t>(i)]) >= 0x80) {
        // The first byte past ASCII starts a character in any of the encodings detected.
        std::string window(size, '\0');
        const off_t from = offset + i;
        const ssize_t got = ::pread(fd, window.data(), size, from);
        window.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
        return window;
      }
    offset += n;
  }
}

std::string read_at(int fd, std::size_t limit) {
  std::string out;
  std::string buffer(1 << 16, '\0');
  while (out.size() < limit) {
    const ssize_t n = ::pread(fd, buffer.data(), std::min(buffer.size(), limit - out.size()), static_cast<off_t>(out.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw file_error(std::string("cannot read the input: ") + std::strerror(errno));
    if (n == 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return out;
}

write_options writer_options(const convert_options& o) {
  write_options wo;
  wo.ascii = o.ascii;
  if (!o.key_pattern.empty()) wo.extra["key-pattern"] = o.key_pattern;
  return wo;
}

bicite::parse::options parse_options(const convert_options& o) {
  bicite::parse::options p;
  if (o.parser == "model") p.reader = bicite::parse::field_reader::model;
  else if (o.parser == "rules") p.reader = bicite::parse::field_reader::rules;
  else p.reader = bicite::parse::field_reader::hybrid;
  return p;
}

// Notes are read in bounded memory (bicite::resolve::stream): notes-JSONL is written note by note;
// other formats get the bibliography at the end.
int run_notes_streaming(const convert_options& o, int fd, const std::string& encoding, const format_info& out_format,
                        output& out, std::chrono::steady_clock::time_point started) {
  const std::string shown = shown_name(o.input);
  const bool jsonl = out_format.name == "notes-jsonl";
  std::string buffer;
  diagnostic_counts counts;
  bool problems = false;
  const bool progress = progress_allowed();
  std::size_t notes = 0;
  auto last = std::chrono::steady_clock::now();
  auto summary = bicite::resolve::stream(
      decoded_source(fd, encoding),
      [&](const bicite::parse::parsed_note& note, const std::vector<bicite::resolve::cite>&) {
        ++notes;
        if (progress && (notes & 63) == 0) {
          const auto now = std::chrono::steady_clock::now();
          if (now - last > std::chrono::milliseconds(200)) {
            last = now;
            std::cerr << "\rbicite convert: " << notes << " notes…" << std::flush;
          }
        }
        if (!jsonl) return;
        bicite::notes_jsonl::append(buffer, note);
        if (buffer.size() >= (1u << 20)) {
          out.write(buffer);
          buffer.clear();
        }
      },
      [&](const bicite::diagnostic& d) {
        counts.add(d);
        problems = problems || d.level == bicite::severity::error || (o.strict && d.level == bicite::severity::warning);
        if (shown_diagnostic(d)) {
          if (progress) std::cerr << "\r\033[K";
          std::cerr << shown << ":" << bicite::to_string(d) << "\n";
        }
      },
      {.parse = parse_options(o), .references = !jsonl});
  if (progress) std::cerr << "\r\033[K";
  if (summary.notes == 0)
    throw file_error(shown + ": no notes found: expected numbered endnotes (\"1. Author, Title, …\") or one "
                     "reference per line");
  const std::size_t references = summary.references.size();
  if (!jsonl) {
    document_data doc;
    doc.references = std::move(summary.references);
    buffer = out_format.write(doc, writer_options(o));
  }
  out.write(buffer);
  out.commit();
  if (o.report) {
    // on stderr, so that the report never mixes with the converted output on stdout
    const std::string text = bicite::resolve::format_report(summary.report);
    std::cerr << (text.empty() ? "every short form and Ibid. was matched to an earlier work\n" : text);
  }
  print_summary("convert",
                std::to_string(summary.notes) + (summary.notes == 1 ? " note" : " notes") +
                    (jsonl ? "" : ", " + std::to_string(references) + (references == 1 ? " reference" : " references")) +
                    " → " + out_format.name,
                counts, started);
  return problems ? input_problems : ok;
}

int run_convert(const convert_options& o) {
  const auto started = std::chrono::steady_clock::now();
  const format_info* out_format = nullptr;
  if (o.to.empty()) {
    // From the -o name's ending (.bib, .ris, .jsonl, …); CSL-JSON when it does not tell.
    out_format = o.output.empty() || o.output == "-" ? nullptr : format_for_output_path(o.output);
    if (!out_format) out_format = find_format("csl-json");
  } else {
    out_format = find_format(o.to);
    if (!out_format || !out_format->write)
      throw CLI::ValidationError("--to", "unknown output format \"" + o.to + "\" (" + format_names(false) + ")");
  }
  const bool bib_out = out_format->name == "biblatex" || out_format->name == "bibtex";
  if (o.ascii && !bib_out)
    throw CLI::ValidationError("--ascii", "only BibTeX and BibLaTeX output escape non-ASCII; " + out_format->name + " is UTF-8");
  if (!o.key_pattern.empty() && !bib_out)
    throw CLI::ValidationError("--key-pattern", "citation keys are written only in BibTeX and BibLaTeX, not " + out_format->name);
  const format_info* in = input_format(o.from, o.input);
  output out(o.output);  // checked before the work starts
  fd_guard input{open_input(o.input)};
  const std::string shown = shown_name(o.input);
  // The first bytes decide the encoding, and whether this is text and in the format claimed.
  const std::string sample = read_at(input.fd, 1 << 16);
  if (sample.empty()) throw file_error(shown + " is empty: nothing to read");
  auto head = bicite::text::decode_input(sample, globals().encoding);
  if (globals().encoding.empty() && head.encoding.name == "UTF-8" && sample.size() == (1 << 16)) {
    // An ASCII start tells nothing about the rest: detect on the first 64 KiB with other bytes.
    const std::string window = first_non_ascii_window(input.fd, 1 << 16);
    if (!window.empty()) {
      auto rest = bicite::text::detect_encoding(window);
      if (!rest.binary && rest.name != "UTF-8") head.encoding = rest;
    }
  }
  for (const auto& d : head.diagnostics)
    if (d.level == bicite::severity::error) throw file_error(shown + ": " + d.message);
  if (head.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos && sample.size() < (1 << 16))
    throw file_error(shown + " holds only white space: nothing to read");
  if (!in) in = sniff_format(head.text);
  check_claimed_format(o.input, *in, head.text, !o.from.empty());
  if (out_format->name == "notes-jsonl" && in->name != "notes")
    throw CLI::ValidationError("--to", "notes-jsonl is written from notes, not from " + in->name);
  if (o.report && in->name != "notes")
    throw CLI::ValidationError("--report", "short forms are resolved only when reading notes, not " + in->name);
  if (in->name == "notes") {
    if (head.encoding.name != "UTF-8") note_encoding(o.input, head.encoding);
    return run_notes_streaming(o, input.fd, head.encoding.name, *out_format, out, started);
  }
  const std::string input_text = decode_text(o.input, read_at(input.fd, SIZE_MAX));
  document_data doc = in->read(input_text);
  if (doc.references.empty()) check_read_something(o.input, *in, input_text, doc.diagnostics);
  out.write(out_format->write(doc, writer_options(o)));
  out.commit();
  diagnostic_counts counts;
  for (const auto& d : doc.diagnostics) counts.add(d);
  const bool problems = has_problems(doc.diagnostics, o.strict);
  const std::size_t n = doc.references.size();
  print_diagnostics(o.input, std::move(doc.diagnostics), input_text);
  print_summary("convert", std::to_string(n) + (n == 1 ? " reference" : " references") + " " + in->name + " → " + out_format->name,
                counts, started);
  return problems ? input_problems : ok;
}

const command convert_command{10, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<convert_options>();
  auto* sub = app.add_subcommand("convert", "Convert between formats: endnotes, CSL-JSON, BibTeX, …");
  sub->add_option("input", opts->input, "Input file, or - for standard input")->capture_default_str();
  sub->add_option("-f,--from", opts->from,
                  "Input format (default: from the file name, else from the content): " + format_names(true));
  sub->add_option("-t,--to", opts->to,
                  "Output format (default: from the -o file name, else csl-json): " + format_names(false));
  sub->add_option("-o,--output", opts->output,
                  "Output file (default: standard output); replaced only after a complete write, so it may be the input");
  sub->add_flag("--ascii", opts->ascii, "BibTeX/BibLaTeX: escape non-ASCII characters as LaTeX commands");
  sub->add_option("--key-pattern", opts->key_pattern,
                  "BibTeX/BibLaTeX citation-key pattern, e.g. \"[auth:lower][year][title:lower]\" (default: each "
                  "item's id, as in CSL-JSON and RIS, where it is a valid key; else that pattern)");
  sub->add_option("--parser", opts->parser,
                  "Who reads the fields of each cited work in notes: rules (hand-written), model (the trained "
                  "labeller) or hybrid (both, and per cited work the more plausible reading)")
      ->check(CLI::IsMember({"rules", "model", "hybrid"}))
      ->capture_default_str();
  sub->add_flag("--strict", opts->strict, "Exit with 1 on warnings too (repairs, guesses), not only on errors");
  sub->add_flag("--report", opts->report,
                "Notes: print on standard error each short form or Ibid. left unmatched, with the earlier works "
                "considered and why each was rejected");
  sub->callback([opts, &result] { result = run_convert(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
