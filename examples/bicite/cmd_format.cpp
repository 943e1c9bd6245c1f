// bicite format ITEMS --style NAME --mode bibliography|citation --to text|html|markdown [-o FILE]
// bicite format --list-styles
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>
#include <bicite/translit.hpp>

#include "command.hpp"
#include "environment.hpp"
#include "formats.hpp"

namespace bicite_cli {
namespace {

struct format_options {
  std::string input = "-";
  std::string from;
  std::string style = "chicago-fullnote-bibliography";
  std::string mode = "bibliography";
  std::string output_format;
  std::string output;
  std::string locale;
  bool force_locale = false;
  bool per_item_locale = false;     // neither flag: as the style calls for (GOST: on)
  bool no_per_item_locale = false;
  std::string variants;              // empty: original, or transliterated-translated when transliterating
  std::string transliterate;         // a scheme; empty: the style's (bicite:transliterate), else none
  bool no_transliterate = false;
  bool list_styles = false;
};

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// Where styles and locales are looked up: $BICITE_CSL_PATH, $BICITE_CSL_LOCALES, then the system's.
bicite::csl::load_options style_options() {
  bicite::csl::load_options o;
  add_csl_style_path(o.style_path);
  o.locale_dir = csl_locale_dir();
  return o;
}

/// A style by name ("apa"), file name ("apa.csl"), any case ("APA"), or path ("./my.csl"): the
/// name or path open_style takes. A path that does not exist, or an unknown name, is an error
/// that says why and names the nearest styles.
std::string find_style(const std::string& wanted) {
  const bool path = wanted.find('/') != std::string::npos;
  if (path) {
    if (::access(wanted.c_str(), R_OK) != 0) throw file_error("cannot open style " + wanted + ": " + std::strerror(errno));
    return wanted;
  }
  if (::access(wanted.c_str(), R_OK) == 0 && lower(wanted).size() > 4 && lower(wanted).ends_with(".csl")) return wanted;
  std::string name = wanted;
  if (lower(name).ends_with(".csl")) name.resize(name.size() - 4);
  const auto names = bicite::csl::list_styles(style_options());
  for (const auto& n : names)
    if (n == name) return n;
  for (const auto& n : names)
    if (lower(n) == lower(name)) return n;
  std::vector<std::string> near;
  for (const auto& n : names)
    if (lower(n).find(lower(name)) != std::string::npos && near.size() < 5) near.push_back(n);
  std::string message = "no style \"" + wanted + "\" on the search path (" + std::to_string(names.size()) + " styles; " +
                        "`bicite format --list-styles` names them)";
  if (!near.empty()) {
    message += "; did you mean";
    for (std::size_t i = 0; i < near.size(); ++i) message += (i ? ", " : " ") + near[i];
    message += "?";
  }
  throw CLI::ValidationError("--style", message);
}

int run_format(const format_options& o) {
  const auto started = std::chrono::steady_clock::now();
  if (o.list_styles) {
    if (o.input != "-") throw CLI::ValidationError("--list-styles", "--list-styles reads no input");
    std::string out;
    for (const auto& name : bicite::csl::list_styles(style_options())) out += name + "\n";
    write_output(o.output, out);
    return ok;
  }
  std::string to = o.output_format;
  if (to.empty()) {
    const std::string name = lower(o.output);
    to = name.ends_with(".html") || name.ends_with(".htm") ? "html" : name.ends_with(".md") ? "markdown" : "text";
  }
  const std::string style_name = find_style(o.style);
  auto loaded = bicite::csl::open_style(style_name, style_options());
  auto& style = loaded.style;
  const auto& warnings = loaded.diagnostics;
  if (!style) {
    print_diagnostics(o.style, {style.error()}, "");
    return input_problems;
  }
  output out_file(o.output);
  // Any format convert reads: CSL-JSON, BibTeX, RIS, or notes (parsed and resolved first).
  const format_info* in = input_format(o.from, o.input);
  const std::string input = read_text(o.input);
  if (!in) in = sniff_format(input);
  check_claimed_format(o.input, *in, input, !o.from.empty());
  document_data items = in->read(input);
  if (items.references.empty()) check_read_something(o.input, *in, input, items.diagnostics);
  if (progress_allowed()) std::cerr << "bicite format: " << items.references.size() << " items…\r" << std::flush;
  bicite::csl::render_options ro;
  ro.format = to == "html"       ? bicite::csl::output_format::html
              : to == "markdown" ? bicite::csl::output_format::markdown
                                 : bicite::csl::output_format::text;
  ro.locale = o.locale;
  ro.locale_dir = csl_locale_dir();
  ro.force_locale = o.force_locale;
  if (o.per_item_locale) ro.per_item_locale = bicite::csl::item_locale::on;
  if (o.no_per_item_locale) ro.per_item_locale = bicite::csl::item_locale::off;
  // Romanised variants for the Cyrillic fields and names (a "References" list): the scheme asked for,
  // else the one the style declares; shown with their translations unless --variants says otherwise.
  std::string scheme = o.no_transliterate ? std::string() : o.transliterate;
  if (scheme.empty() && !o.no_transliterate) scheme = bicite::csl::style_transliteration(**style);
  std::string variants = o.variants;
  if (!scheme.empty()) {
    for (auto& r : items.references)
      if (auto added = bicite::translit::add_transliterations(r, scheme); !added) {
        print_diagnostics(o.style, {added.error()}, "");
        return input_problems;
      }
    if (variants.empty()) variants = "transliterated-translated";
  }
  ro.variants = variants == "transliterated"             ? bicite::csl::variant_display::transliterated
                : variants == "transliterated-translated" ? bicite::csl::variant_display::transliterated_translated
                                                          : bicite::csl::variant_display::original;
  const bool citations = o.mode == "citation";
  ro.bibliography = !citations;
  auto cites = bicite::csl::one_citation_per_item(items.references);
  auto res = bicite::csl::render(**style, items.references, cites, ro);
  if (progress_allowed()) std::cerr << "\r\033[K";
  std::string out;
  if (citations) {
    for (const auto& c : res.citations) out += c + "\n";
  } else {
    if (ro.format == bicite::csl::output_format::html) out += "<div class=\"csl-bib-body\">\n";
    for (const auto& e : res.bibliography) {
      if (ro.format == bicite::csl::output_format::html) out += "  <div class=\"csl-entry\">" + e + "</div>\n";
      else out += e + (ro.format == bicite::csl::output_format::markdown ? "\n\n" : "\n");
    }
    if (ro.format == bicite::csl::output_format::html) out += "</div>\n";
  }
  out_file.write(out);
  out_file.commit();
  std::vector<bicite::diagnostic> all = std::move(items.diagnostics);
  diagnostic_counts counts;
  bool errors = false;
  for (const auto& d : all) {
    errors = errors || d.level == bicite::severity::error;
    counts.add(d);
  }
  for (const auto& d : warnings) counts.add(d);
  for (const auto& d : res.diagnostics) counts.add(d);
  const std::size_t n = items.references.size();
  print_diagnostics(o.input, std::move(all), input);
  // style diagnostics already carry line and column in the style file
  for (const auto& d : warnings)
    if (shown_diagnostic(d)) std::cerr << style_name << ":" << bicite::to_string(d) << "\n";
  for (const auto& d : res.diagnostics)
    if (shown_diagnostic(d)) std::cerr << style_name << ":" << bicite::to_string(d) << "\n";
  print_summary("format", std::to_string(n) + (n == 1 ? " item" : " items") + " with " + style_name + " → " + to, counts,
                started);
  return errors ? input_problems : ok;
}

const command format_command{40, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<format_options>();
  auto* sub = app.add_subcommand("format", "Format references with a CSL style (citations or a bibliography)");
  sub->add_option("input", opts->input, "CSL-JSON, BibTeX, RIS or notes file, or - for standard input")->capture_default_str();
  sub->add_option("-f,--from", opts->from, "Input format (default: from the file name, else from the content)");
  sub->add_option("-s,--style", opts->style,
                  "Style: a name on the search path or compiled in (apa, gost-r-7-0-100-2018; any case; .csl may follow) or a path "
                  "to a .csl file")
      ->capture_default_str();
  sub->add_option("-m,--mode", opts->mode, "bibliography or citation (one citation per item, in item order)")
      ->check(CLI::IsMember({"bibliography", "citation"}))
      ->capture_default_str();
  sub->add_option("-t,--to", opts->output_format, "Output format: text, html or markdown (default: from the -o name, else text)")
      ->check(CLI::IsMember({"text", "html", "markdown"}));
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  sub->add_option("--locale", opts->locale, "Default locale (default: the style's, else en-US)");
  sub->add_flag("--force-locale", opts->force_locale, "Use --locale for every item, ignoring items' language");
  auto* per_item = sub->add_flag("--per-item-locale", opts->per_item_locale,
                                 "Each item's terms, dates and quotes in its own language (default: for GOST and "
                                 "Russian styles only)");
  sub->add_flag("--no-per-item-locale", opts->no_per_item_locale,
                "Every item's terms, dates and quotes in the list's language, GOST styles too")
      ->excludes(per_item);
  sub->add_option("--variants", opts->variants,
                  "original, transliterated or transliterated-translated (default: original; "
                  "transliterated-translated with --transliterate)")
      ->check(CLI::IsMember({"original", "transliterated", "transliterated-translated"}));
  auto* translit = sub->add_option("--transliterate", opts->transliterate,
                                   "Add a romanisation in SCHEME (bicite translit --list) to every Cyrillic field and "
                                   "name that has none, for a References list (default: the style's; "
                                   "gost-r-7-0-100-2018-references: bsi_journals)")
                       ->check([](const std::string& s) {
                         return bicite::translit::has_scheme(s)
                                    ? std::string()
                                    : "unknown scheme \"" + s + "\" (`bicite translit --list` names them)";
                       });
  sub->add_flag("--no-transliterate", opts->no_transliterate,
                "Add no romanisation, even where the style asks for one")
      ->excludes(translit);
  sub->add_flag("--list-styles", opts->list_styles, "List the style names on the search path and those compiled in");
  sub->callback([opts, &result] {
    if (opts->force_locale && opts->locale.empty())
      throw CLI::ValidationError("--force-locale", "--force-locale needs --locale");
    result = run_format(*opts);
  });
}};

}  // namespace
}  // namespace bicite_cli
