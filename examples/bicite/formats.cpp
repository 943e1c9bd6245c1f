#include "formats.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "io.hpp"

namespace bicite_cli {

std::vector<format_info>& formats() {
  static std::vector<format_info> all;
  return all;
}

format::format(format_info info) { formats().push_back(std::move(info)); }

const format_info* find_format(const std::string& name) {
  for (const auto& f : formats())
    if (f.name == name) return &f;
  return nullptr;
}

namespace {

bool ends_with_nocase(const std::string& path, const std::string& ending) {
  if (path.size() < ending.size()) return false;
  for (std::size_t i = 0; i < ending.size(); ++i) {
    char c = path[path.size() - ending.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != ending[i]) return false;
  }
  return true;
}

// A line of the head without its end, from `pos`; `pos` moves to the next line.
std::string_view next_line(std::string_view text, std::size_t& pos) {
  const std::size_t end = std::min(text.find('\n', pos), text.size());
  std::string_view line = text.substr(pos, end - pos);
  pos = end + 1;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

const char* display_name(const std::string& format) {
  if (format == "csl-json") return "CSL-JSON";
  if (format == "biblatex" || format == "bibtex") return "BibTeX";
  if (format == "ris") return "RIS";
  return "notes";
}

}  // namespace

const format_info* format_for_path(const std::string& path) {
  for (const auto& f : formats())
    for (const auto& ext : f.extensions)
      if (f.read && ends_with_nocase(path, ext)) return &f;
  return nullptr;
}

const format_info* input_format(const std::string& from, const std::string& input_path) {
  if (from.empty()) return input_path != "-" ? format_for_path(input_path) : nullptr;
  const format_info* in = find_format(from);
  if (!in || !in->read)
    throw CLI::ValidationError("--from", "unknown input format \"" + from + "\" (" + format_names(true) + ")");
  return in;
}

const format_info* format_for_output_path(const std::string& path) {
  if (ends_with_nocase(path, ".jsonl")) return find_format("notes-jsonl");
  for (const auto& f : formats())
    for (const auto& ext : f.extensions)
      if (f.write && ends_with_nocase(path, ext)) return &f;
  return nullptr;
}

std::string format_names(bool readers) {
  std::string names;
  for (const auto& f : formats())
    if (readers ? bool(f.read) : bool(f.write)) names += (names.empty() ? "" : ", ") + f.name;
  return names;
}

const format_info* sniff_format(std::string_view text) {
  std::size_t pos = 0;
  for (int lines = 0; pos < text.size() && lines < 200; ++lines) {
    const std::string_view line = next_line(text, pos);
    if (line.empty() || line.front() == '%') continue;  // BibTeX comments before the first entry
    if (line.front() == '[' || line.front() == '{') {
      // JSON: "[" then "{" or "]", "{" then a key; a Markdown footnote "[^1]: …" or "[1] …" is not.
      const std::size_t at = static_cast<std::size_t>(line.data() - text.data());
      const std::size_t next = text.find_first_not_of(" \t\r\n", at + 1);
      const char c = next == std::string_view::npos ? '\0' : text[next];
      if ((line.front() == '[' && (c == '{' || c == ']')) || (line.front() == '{' && (c == '"' || c == '}')))
        return find_format("csl-json");
    }
    if (line.front() == '@') {
      std::size_t i = 1;
      while (i < line.size() && ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))) ++i;
      while (i < line.size() && line[i] == ' ') ++i;
      if (i > 1 && i < line.size() && (line[i] == '{' || line[i] == '(')) return find_format("biblatex");
    }
    if (line.size() >= 5 && line[0] >= 'A' && line[0] <= 'Z' && ((line[1] >= 'A' && line[1] <= 'Z') || (line[1] >= '0' && line[1] <= '9')) &&
        line.substr(2, 3) == "  -")
      return find_format("ris");
    break;
  }
  return find_format("notes");
}

void check_claimed_format(const std::string& path, const format_info& claimed, std::string_view head, bool explicit_from) {
  const format_info* looks = sniff_format(head);
  if (!looks || looks->name == "notes") return;  // prose can be anything; the reader reports what it cannot read
  const bool same = looks->name == claimed.name ||
                    (looks->name == "biblatex" && claimed.name == "bibtex");
  if (same) return;
  throw file_error(shown_name(path) + " looks like " + display_name(looks->name) + ", not " + display_name(claimed.name) +
                   (explicit_from ? " as --from says" : " as its name says") + ": read it with --from " + looks->name);
}

void check_read_something(const std::string& path, const format_info& format, std::string_view text,
                          const std::vector<bicite::diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.level == bicite::severity::error) return;  // the reader said what was wrong
  std::string_view t = text;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\n' || t.front() == '\r' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n' || t.back() == '\r' || t.back() == '\t')) t.remove_suffix(1);
  if (format.name == "csl-json" && (t == "[]" || t == "{}")) return;  // an empty list is a list
  const std::string expected = format.name == "ris"        ? "RIS records (TY  - … ER  - )"
                               : format.name == "csl-json" ? "CSL-JSON items"
                                                           : "BibTeX entries (@type{key, …})";
  throw file_error(shown_name(path) + ": no " + expected + " found");
}

bool has_problems(const std::vector<bicite::diagnostic>& diagnostics, bool strict) {
  for (const auto& d : diagnostics)
    if (d.level == bicite::severity::error || (strict && d.level == bicite::severity::warning)) return true;
  return false;
}

void print_diagnostics(const std::string& file, std::vector<bicite::diagnostic> diagnostics,
                       const std::string& input) {
  bicite::locate(diagnostics, input);
  for (const auto& d : diagnostics)
    if (shown_diagnostic(d)) std::cerr << shown_name(file) << ":" << bicite::to_string(d) << "\n";
}

}  // namespace bicite_cli
