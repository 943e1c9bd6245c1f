// bicite date TEXT · bicite date --find TEXT · bicite date --batch
#include <iostream>
#include <memory>
#include <sstream>

#include <bicite/dates.hpp>

#include "command.hpp"
#include "formats.hpp"

namespace bicite_cli {
namespace {

struct date_options {
  std::string text;
  bool find = false;
  bool batch = false;
  bool day_first = false;
  std::string batch_input = "-";
  std::string output;
};

std::string parts_json(const bicite::date& d) {
  std::string s = "[";
  for (std::size_t k = 0; k < d.parts.size(); ++k) {
    const auto& p = d.parts[k];
    s += (k ? ", [" : "[") + std::to_string(p.year);
    if (p.month) s += ", " + std::to_string(p.month);
    if (p.day) s += ", " + std::to_string(p.day);
    s += "]";
  }
  return s + "]";
}

std::string describe(std::string_view text, const bicite::dates::parsed_date& d) {
  std::ostringstream out;
  out << "date:       " << text.substr(d.where.begin, d.where.end - d.where.begin) << "\n"
      << "edtf:       " << d.edtf << "\n"
      << "date-parts: " << parts_json(d.date) << "\n";
  if (!d.date.season.empty()) out << "season:     " << d.date.season << "\n";
  if (d.date.circa) out << "circa:      true\n";
  if (d.accessed) out << "accessed:   true\n";
  if (!d.issue.empty()) out << "issue:      " << d.issue << "\n";
  out << "bytes:      " << d.where.begin << "-" << d.where.end << "\n";
  return out.str();
}

// Diagnostics go to stderr, as everywhere in the command: "date: warning: … [code]".
void warn(std::string_view text, const bicite::dates::parsed_date& d) {
  for (const auto& x : d.diagnostics)
    if (shown_diagnostic(x))
      std::cerr << "\"" << text.substr(d.where.begin, d.where.end - d.where.begin) << "\": warning: " << x.message << " ["
                << x.code << "]\n";
}

int run_date(const date_options& o) {
  bicite::dates::date_options opt;
  opt.day_first = o.day_first;
  if (!o.batch && o.batch_input != "-") throw CLI::ValidationError("--input", "--input names the file of --batch; add --batch");
  if (o.batch && !o.text.empty()) throw CLI::ValidationError("date", "give a date text or --batch, not both");
  if (o.batch && o.find) throw CLI::ValidationError("--find", "--find reads one text; --batch reads one date per line");
  check_writable(o.output);
  if (o.batch) {
    const std::string input = read_text(o.batch_input);
    std::istringstream lines(input);
    std::string line, out;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto d = bicite::dates::parse_date(line, opt);
      std::string flags;
      if (d)
        for (const auto& x : d->diagnostics) flags += (flags.empty() ? "" : ",") + x.code;
      out += line + "\t" + (d ? d->edtf : "") + "\t" + flags + "\n";
    }
    write_output(o.output, out);
    return ok;
  }
  if (o.text.empty()) throw CLI::ValidationError("date", "give a date text or --batch");
  if (o.find) {
    std::string out;
    for (const auto& d : bicite::dates::find_dates(o.text, opt)) {
      out += describe(o.text, d) + "\n";
      warn(o.text, d);
    }
    write_output(o.output, out);
    return out.empty() ? input_problems : ok;
  }
  const auto d = bicite::dates::parse_date(o.text, opt);
  if (!d) {
    std::cerr << "bicite: not a date: " << o.text << "\n";
    return input_problems;
  }
  write_output(o.output, describe(o.text, *d));
  warn(o.text, *d);
  return d->diagnostics.empty() ? ok : input_problems;
}

const command date_command{51, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<date_options>();
  auto* sub = app.add_subcommand("date", "Parse an English or Russian date into CSL date-parts and EDTF");
  sub->add_option("text", opts->text, "The date (\"18 января 2023 г.\", \"January/February 2023\") or, with --find, any text");
  sub->add_flag("--find", opts->find, "Find every date inside the text");
  sub->add_flag("--day-first", opts->day_first, "Read numeric dates such as 03/04/2023 day first (Russian text)");
  sub->add_flag("--batch", opts->batch, "Read one date per line and write input<TAB>edtf<TAB>diagnostic codes");
  sub->add_option("--input", opts->batch_input, "Input file for --batch (default: standard input)");
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  sub->callback([opts, &result] { result = run_date(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
