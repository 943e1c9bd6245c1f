// bicite convert FILE --from FORMAT --to FORMAT
#include <iostream>
#include <memory>
#include <stdexcept>

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

int run_convert(const convert_options& o) {
  const format_info* in = nullptr;
  if (!o.from.empty()) in = find_format(o.from);
  else if (o.input != "-") in = format_for_path(o.input);
  if (!in || !in->read)
    throw CLI::ValidationError("--from", o.from.empty() ? "cannot tell the input format from the file name; give --from"
                                                         : "unknown input format \"" + o.from + "\"");
  const format_info* out = find_format(o.to);
  if (!out || !out->write) throw CLI::ValidationError("--to", "unknown output format \"" + o.to + "\"");
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
