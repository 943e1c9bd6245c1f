// bicite format ITEMS.json --style NAME --mode bibliography|citation --output text|html|markdown [-o FILE]
// bicite format --list-styles
#include <iostream>
#include <memory>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>

#include "command.hpp"
#include "formats.hpp"

namespace bicite_cli {
namespace {

struct format_options {
  std::string input = "-";
  std::string style = "chicago-fullnote-bibliography";
  std::string mode = "bibliography";
  std::string output_format = "text";
  std::string output;
  std::string locale;
  bool force_locale = false;
  std::string variants = "original";
  bool list_styles = false;
};

int run_format(const format_options& o) {
  if (o.list_styles) {
    std::string out;
    for (const auto& name : bicite::csl::list_styles()) out += name + "\n";
    write_output(o.output, out);
    return ok;
  }
  std::vector<bicite::diagnostic> warnings;
  auto style = bicite::csl::load_style(o.style, {}, &warnings);
  if (!style) {
    print_diagnostics(o.style, {style.error()}, "");
    return input_problems;
  }
  const std::string input = read_input(o.input);
  auto items = bicite::read_csl_json(input);
  bicite::csl::render_options ro;
  ro.format = o.output_format == "html"       ? bicite::csl::output_format::html
              : o.output_format == "markdown" ? bicite::csl::output_format::markdown
                                              : bicite::csl::output_format::text;
  ro.locale = o.locale;
  ro.force_locale = o.force_locale;
  ro.variants = o.variants == "transliterated"             ? bicite::csl::variant_display::transliterated
                : o.variants == "transliterated-translated" ? bicite::csl::variant_display::transliterated_translated
                                                            : bicite::csl::variant_display::original;
  const bool citations = o.mode == "citation";
  ro.bibliography = !citations;
  auto cites = bicite::csl::one_citation_per_item(items.references);
  auto res = bicite::csl::render(**style, items.references, cites, ro);
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
  write_output(o.output, out);
  std::vector<bicite::diagnostic> all = std::move(items.diagnostics);
  bool errors = false;
  for (const auto& d : all) errors = errors || d.level == bicite::severity::error;
  print_diagnostics(o.input, std::move(all), input);
  // style diagnostics already carry line and column in the style file
  for (const auto& d : warnings) std::cerr << o.style << ":" << bicite::to_string(d) << "\n";
  for (const auto& d : res.diagnostics) std::cerr << o.style << ":" << bicite::to_string(d) << "\n";
  return errors ? input_problems : ok;
}

const command format_command{40, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<format_options>();
  auto* sub = app.add_subcommand("format", "Format CSL-JSON items with a CSL style (citations or a bibliography)");
  sub->add_option("input", opts->input, "CSL-JSON file, or - for standard input")->capture_default_str();
  sub->add_option("-s,--style", opts->style, "Style name on the search path, or a .csl file")->capture_default_str();
  sub->add_option("-m,--mode", opts->mode, "bibliography or citation (one citation per item, in item order)")
      ->check(CLI::IsMember({"bibliography", "citation"}))
      ->capture_default_str();
  sub->add_option("--output", opts->output_format, "Output format: text, html or markdown")
      ->check(CLI::IsMember({"text", "html", "markdown"}))
      ->capture_default_str();
  sub->add_option("-o,--output-file", opts->output, "Output file (default: standard output)");
  sub->add_option("--locale", opts->locale, "Default locale (default: the style's, else en-US)");
  sub->add_flag("--force-locale", opts->force_locale, "Use --locale for every item, ignoring items' language");
  sub->add_option("--variants", opts->variants, "original, transliterated or transliterated-translated")
      ->check(CLI::IsMember({"original", "transliterated", "transliterated-translated"}))
      ->capture_default_str();
  sub->add_flag("--list-styles", opts->list_styles, "List the style names on the search path");
  sub->callback([opts, &result] { result = run_format(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
