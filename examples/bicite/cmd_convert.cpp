// bicite convert FILE --from FORMAT --to FORMAT
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <bicite/resolve.hpp>

#include "command.hpp"
#include "formats.hpp"

namespace bicite_cli {
namespace {

struct convert_options {
  std::string input = "-";
  std::string from;
  std::string to = "csl-json";
  std::string output;
  bool ascii = false;
  bool strict = false;
  std::string key_pattern;
};

// Notes are read in bounded memory (bicite::resolve::stream): notes-JSONL is written note by note;
// other formats get the bibliography at the end. Standard input is spooled to a temporary file,
// since the stream reads its input twice.
int run_notes_streaming(const convert_options& o, const format_info& out) {
  bicite::resolve::chunk_source source;
  std::shared_ptr<std::FILE> spool;
  if (o.input == "-") {
    spool.reset(std::tmpfile(), [](std::FILE* f) { if (f) std::fclose(f); });
    if (!spool) throw std::runtime_error("cannot create a temporary file for standard input");
    std::string buf(1 << 16, '\0');
    while (std::cin.read(buf.data(), static_cast<std::streamsize>(buf.size())) || std::cin.gcount() > 0)
      std::fwrite(buf.data(), 1, static_cast<std::size_t>(std::cin.gcount()), spool.get());
    source = [spool]() -> bicite::resolve::chunk_reader {
      std::rewind(spool.get());
      return [spool](std::string& chunk) {
        chunk.resize(1 << 16);
        chunk.resize(std::fread(chunk.data(), 1, chunk.size(), spool.get()));
        return !chunk.empty();
      };
    };
  } else {
    if (!std::ifstream(o.input, std::ios::binary)) throw std::runtime_error("cannot open " + o.input);
    source = bicite::resolve::file_source(o.input);
  }
  const bool jsonl = out.name == "notes-jsonl";
  std::ofstream file;
  if (!o.output.empty() && o.output != "-") {
    file.open(o.output, std::ios::binary);
    if (!file) throw std::runtime_error("cannot write " + o.output);
  }
  std::ostream& sink = file.is_open() ? static_cast<std::ostream&>(file) : std::cout;
  std::string buffer;
  bool problems = false;
  const std::string shown = o.input == "-" ? "<stdin>" : o.input;
  auto summary = bicite::resolve::stream(
      source,
      [&](const bicite::parse::parsed_note& note, const std::vector<bicite::resolve::cite>&) {
        if (!jsonl) return;
        bicite::parse::append_note_jsonl(buffer, note);
        if (buffer.size() >= (1u << 20)) {
          sink.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
          buffer.clear();
        }
      },
      [&](const bicite::diagnostic& d) {
        problems = problems || d.level == bicite::severity::error || (o.strict && d.level == bicite::severity::warning);
        std::cerr << shown << ":" << bicite::to_string(d) << "\n";
      },
      {.references = !jsonl});
  if (!jsonl) {
    document_data doc;
    doc.references = std::move(summary.references);
    write_options wo;
    wo.ascii = o.ascii;
    if (!o.key_pattern.empty()) wo.extra["key-pattern"] = o.key_pattern;
    buffer = out.write(doc, wo);
  }
  sink.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  sink.flush();
  return problems ? input_problems : ok;
}

int run_convert(const convert_options& o) {
  const format_info* in = nullptr;
  if (!o.from.empty()) in = find_format(o.from);
  else if (o.input != "-") in = format_for_path(o.input);
  if (!in || !in->read)
    throw CLI::ValidationError("--from", o.from.empty() ? "cannot tell the input format from the file name; give --from"
                                                         : "unknown input format \"" + o.from + "\"");
  const format_info* out = find_format(o.to);
  if (!out || !out->write) throw CLI::ValidationError("--to", "unknown output format \"" + o.to + "\"");
  if (in->name == "notes") return run_notes_streaming(o, *out);
  const std::string input = read_input(o.input);
  document_data doc = in->read(input);
  write_options wo;
  wo.ascii = o.ascii;
  if (!o.key_pattern.empty()) wo.extra["key-pattern"] = o.key_pattern;
  write_output(o.output, out->write(doc, wo));
  const bool problems = has_problems(doc.diagnostics, o.strict);
  print_diagnostics(o.input, std::move(doc.diagnostics), input);
  return problems ? input_problems : ok;
}

std::string format_names(bool readers) {
  std::string names;
  for (const auto& f : formats())
    if (readers ? bool(f.read) : bool(f.write)) names += (names.empty() ? "" : ", ") + f.name;
  return names;
}

const command convert_command{10, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<convert_options>();
  auto* sub = app.add_subcommand("convert", "Convert between formats: endnotes, CSL-JSON, BibTeX, …");
  sub->add_option("input", opts->input, "Input file, or - for standard input")->capture_default_str();
  sub->add_option("--from", opts->from, "Input format (default: from the file name): " + format_names(true));
  sub->add_option("--to", opts->to, "Output format: " + format_names(false))->capture_default_str();
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  sub->add_flag("--ascii", opts->ascii, "Escape non-ASCII characters where the format allows it");
  sub->add_option("--key-pattern", opts->key_pattern,
                  "BibTeX citation-key pattern (see the README; default: family name, year, first title word)");
  sub->add_flag("--strict", opts->strict, "Exit with 1 on warnings too (repairs, guesses), not only on errors");
  sub->callback([opts, &result] { result = run_convert(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
