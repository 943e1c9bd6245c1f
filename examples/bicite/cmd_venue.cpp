// bicite venue NAME · bicite venue --url URL · bicite venue --batch [FILE]
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include <bicite/venues.hpp>

#include "command.hpp"
#include "formats.hpp"

namespace bicite_cli {
namespace {

struct venue_options {
  std::string name;
  std::string url;
  bool batch = false;
  std::string batch_input = "-";
  std::vector<std::string> venue_files;
  std::string output;
};

std::string score_text(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  return buffer;
}

bool looks_like_url(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.rfind("www.", 0) == 0 || s.rfind("WWW.", 0) == 0;
}

std::string describe(std::string_view input, const bicite::venues::venue_match& m) {
  std::ostringstream out;
  out << "input:     " << input << "\n";
  if (!m) {
    out << "venue:     unknown\n";
    return out.str();
  }
  const auto& v = *m.match;
  auto join = [](const std::vector<std::string>& list) {
    std::string s;
    for (const auto& x : list) s += (s.empty() ? "" : " | ") + x;
    return s;
  };
  out << "canonical: " << v.canonical << "\n"
      << "english:   " << v.english << "\n"
      << "type:      " << v.type << "\n"
      << "language:  " << v.language << "\n";
  if (!v.issn.empty()) out << "issn:      " << v.issn << "\n";
  if (!v.domains.empty()) out << "domains:   " << join(v.domains) << "\n";
  if (!v.aliases.empty()) out << "aliases:   " << join(v.aliases) << "\n";
  out << "id:        " << v.id << "\n"
      << "evidence:  " << m.evidence << "\n"
      << "score:     " << score_text(m.score) << "\n";
  return out.str();
}

int run_venue(const venue_options& o) {
  if (!o.batch && o.batch_input != "-") throw CLI::ValidationError("--input", "--input names the file of --batch; add --batch");
  if (o.batch && (!o.name.empty() || !o.url.empty()))
    throw CLI::ValidationError("--batch", "--batch reads names and URLs from its input; give no NAME or --url with it");
  check_writable(o.output);
  bool problems = false;
  bicite::venues::knowledge_base venues;  // the built-in venues, then the --venues files
  for (const auto& file : o.venue_files) {
    const std::string text = read_text(file);
    auto loaded = venues.add(text);
    problems = problems || !loaded.diagnostics.empty();
    print_diagnostics(file, std::move(loaded.diagnostics), text);
  }
  if (o.batch) {
    const std::string input = read_text(o.batch_input);
    std::string out;
    std::istringstream lines(input);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      for (char& c : line)
        if (c == '\t') c = ' ';
      const auto m = looks_like_url(line) ? venues.match_url(line) : venues.match_name(line);
      out += line + "\t" + (m ? m.match->canonical : "") + "\t" + (m ? m.match->english : "") + "\t" +
             (m ? score_text(m.score) : "0") + "\n";
    }
    write_output(o.output, out);
    return problems ? input_problems : ok;
  }
  if (o.name.empty() && o.url.empty()) throw CLI::ValidationError("venue", "give a venue name, --url URL or --batch");
  const auto m = !o.name.empty() && !o.url.empty() ? venues.match(o.name, o.url)
                 : !o.url.empty()                  ? venues.match_url(o.url)
                                                   : venues.match_name(o.name);
  write_output(o.output, describe(o.name.empty() ? o.url : o.name, m));
  return m && !problems ? ok : input_problems;
}

const command venue_command{50, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<venue_options>();
  auto* sub = app.add_subcommand("venue", "Find the canonical name of a newspaper, journal, agency or site");
  sub->add_option("name", opts->name, "A venue name as a note writes it: \"MKRU\", \"Rossiya v Globalnoi Politike\"");
  sub->add_option("--url", opts->url,
                  "A URL: the venue is found by its host (subdomains too); with NAME, the URL decides when the name "
                  "is unknown or only fuzzily matched");
  sub->add_flag("--batch", opts->batch,
                "Read one venue name or URL per line (standard input, or --input FILE) and write "
                "input<TAB>canonical<TAB>english<TAB>score; canonical and english are empty when unknown");
  sub->add_option("--input", opts->batch_input, "Input file for --batch (default: standard input)");
  sub->add_option("--venues", opts->venue_files, "Add venues from a TSV (venues.tsv columns) or JSON file; repeatable")
      ->allow_extra_args(false);
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  sub->footer("Exit code 1 when the venue is unknown (single lookups) or a --venues file has problems.");
  sub->callback([opts, &result] { result = run_venue(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
