// bicite names parse [FILE]            one name per line → one JSON object per line
// bicite names match --pairs FILE      name_a<TAB>name_b per line → name_a<TAB>name_b<TAB>score<TAB>same
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include <bicite/names.hpp>

#include "command.hpp"

namespace bicite_cli {
namespace {

struct names_options {
  std::string input = "-";
  std::string pairs;
  std::string output;
};

template <class F>
void for_each_line(std::string_view text, F&& f) {
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(++number, line);
  }
}

int run_parse(const names_options& o) {
  check_writable(o.output);
  const std::string input = read_text(o.input);
  std::string out;
  for_each_line(input, [&](std::size_t, std::string_view line) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    const auto n = bicite::names::parse_name(line);
    nlohmann::json j = nlohmann::json::object();
    j["input"] = std::string(line);
    if (n.is_literal()) {
      j["literal"] = n.literal;
    } else {
      j["family"] = n.family;
      if (!n.given.empty()) j["given"] = n.given;
      if (!n.non_dropping_particle.empty()) j["non-dropping-particle"] = n.non_dropping_particle;
      if (!n.suffix.empty()) j["suffix"] = n.suffix;
    }
    j["key"] = bicite::names::name_key(n);
    out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  });
  write_output(o.output, out);
  return ok;
}

int run_match(const names_options& o) {
  check_writable(o.output);
  const std::string input = read_text(o.pairs);
  std::string out;
  int problems = 0;
  for_each_line(input, [&](std::size_t number, std::string_view line) {
    if (line.empty() || line.front() == '#') return;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      if (!globals().quiet)
        std::cerr << shown_name(o.pairs) << ":" << number << ":1: warning: expected name_a<TAB>name_b [names.pair-format]\n";
      ++problems;
      return;
    }
    const std::string_view a = line.substr(0, tab);
    std::string_view b = line.substr(tab + 1);
    b = b.substr(0, b.find('\t'));
    const auto m = bicite::names::same_person(a, b);
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", m.score);
    out.append(a).append("\t").append(b).append("\t").append(score).append(m.same ? "\t1\n" : "\t0\n");
  });
  write_output(o.output, out);
  return problems ? input_problems : ok;
}

const command names_command{45, [](CLI::App& app, int& result) {
  auto* sub = app.add_subcommand("names", "Personal names: parse them, and tell whether two names are one person");
  sub->require_subcommand(1);
  auto parse_opts = std::make_shared<names_options>();
  auto* parse = sub->add_subcommand("parse", "Parse one name per line; write its parts and key as one JSON object per line");
  parse->add_option("input", parse_opts->input, "Input file, or - for standard input")->capture_default_str();
  parse->add_option("-o,--output", parse_opts->output, "Output file (default: standard output)");
  parse->callback([parse_opts, &result] { result = run_parse(*parse_opts); });
  auto match_opts = std::make_shared<names_options>();
  auto* match = sub->add_subcommand("match", "Compare name pairs: name_a<TAB>name_b per line → name_a<TAB>name_b<TAB>score<TAB>same");
  match->add_option("--pairs,pairs", match_opts->pairs, "TSV file of name pairs, or - for standard input")->required();
  match->add_option("-o,--output", match_opts->output, "Output file (default: standard output)");
  match->callback([match_opts, &result] { result = run_match(*match_opts); });
}};

}  // namespace
}  // namespace bicite_cli
