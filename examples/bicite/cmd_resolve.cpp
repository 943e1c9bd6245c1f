// bicite resolve FILE --fill --to …   and   bicite resolve --doi 10.xxxx/yyy
// Completes and verifies references from the pages and DOI records they cite.
#ifdef BICITE_HAVE_LINKS
#include <chrono>
#include <iostream>
#include <memory>
#include <set>

#include <bicite/enrich.hpp>
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include "command.hpp"
#include "environment.hpp"
#include "formats.hpp"

namespace bicite_cli {
namespace {

struct resolve_options {
  std::string input;
  std::string from;
  std::string to = "csl-json";
  std::string output;
  std::vector<std::string> dois;
  bool fill = false;
  bool no_pages = false;
  bool strict = false;
  bool language_stated = false;
  bicite::enrich::enrich_options enrich;
};

void print_enrich_report(const bicite::enrich::enrich_report& r, bool fill) {
  if (globals().quiet) return;
  std::cerr << (fill ? "filled " : "could fill ") << r.filled.size() << " fields in " << r.references_filled
            << " references, " << r.conflicts.size() << " conflicts (" << r.references_looked_up
            << " references looked up, " << r.errors.size() << " problems)\n";
  std::set<std::string> fields;
  for (const auto& [f, n] : r.filled_by_field) fields.insert(f);
  for (const auto& [f, n] : r.conflicts_by_field) fields.insert(f);
  for (const auto& f : fields) {
    auto count = [&](const auto& m) { auto it = m.find(f); return it == m.end() ? 0 : it->second; };
    std::cerr << "  " << f << ": " << count(r.filled_by_field) << " filled, " << count(r.conflicts_by_field)
              << " conflicts\n";
  }
  for (const auto& c : r.conflicts) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", c.score);
    std::cerr << c.id << ": conflict: " << c.field << ": note says \"" << c.note_value << "\", " << c.source
              << " says \"" << c.page_value << "\" (score " << score << ", " << c.extractor << ")\n";
  }
  for (const auto& f : r.filled)
    if (!f.replaced.empty())
      std::cerr << f.id << ": " << f.field << ": guess \"" << f.replaced << "\" " << (fill ? "replaced" : "would be replaced")
                << " by \"" << f.value << "\" from " << f.source << " (" << f.extractor << ")\n";
  for (const auto& e : r.errors)
    std::cerr << e.id << ": " << (e.problem.level == bicite::severity::error ? "error" : "warning") << ": "
              << e.problem.message << " [" << e.problem.code << "]\n";
}

bool fatal(const bicite::enrich::enrich_report& r) {
  for (const auto& e : r.errors)
    if (e.problem.level == bicite::severity::error) return true;
  return false;
}

/// Carries what was filled into the notes' own citations (not Ibid. or short forms), for notes-jsonl.
void fill_notes(bicite::parse::parsed_document& doc, const std::vector<bicite::reference>& refs) {
  std::map<std::string, const bicite::reference*> by_id;
  for (const auto& r : refs) by_id[r.id] = &r;
  for (auto& note : doc.notes)
    for (auto& c : note.citations) {
      if (c.ibid || c.short_form) continue;
      auto it = by_id.find(c.item.id);
      if (it == by_id.end()) continue;
      const auto& r = *it->second;
      if (!r.custom.is_object()) continue;
      if (r.custom.contains("filled"))
        for (const auto& [field, src] : r.custom["filled"].items()) {
          if (r.has(field)) c.item.set(field, std::string(r.get(field)));
          if (auto d = r.date_of(field)) c.item.dates[field] = *d;
          if (!r.names_of(field).empty()) c.item.names[field] = r.names_of(field);
          if (c.item.custom.is_null()) c.item.custom = nlohmann::json::object();
          if (c.item.custom.is_object()) c.item.custom["filled"][field] = src;
        }
      // Original-script variants of names the note had.
      for (const auto& [role, list] : r.names) {
        auto mine = c.item.names.find(role);
        if (mine != c.item.names.end() && mine->second.size() == list.size())
          for (std::size_t i = 0; i < list.size(); ++i)
            if (mine->second[i].variants.empty()) mine->second[i].variants = list[i].variants;
      }
      if (r.custom.contains("enrich-conflicts") && c.item.custom.is_object())
        c.item.custom["enrich-conflicts"] = r.custom["enrich-conflicts"];
      else if (r.custom.contains("enrich-conflicts") && c.item.custom.is_null())
        c.item.custom = {{"enrich-conflicts", r.custom["enrich-conflicts"]}};
    }
}

int run_resolve(resolve_options& o) {
  o.enrich.fill = o.fill || !o.dois.empty();
  o.enrich.use_pages = !o.no_pages;
  o.enrich.language_is_guess = !o.language_stated;
  apply_fetch_environment(o.enrich.fetch);
  const format_info* out = find_format(o.to);
  if (!out || !out->write) throw CLI::ValidationError("--to", "unknown output format \"" + o.to + "\"");
  if (!o.dois.empty() && (!o.input.empty() || !o.from.empty()))
    throw CLI::ValidationError("--doi", "--doi resolves DOIs instead of reading a file; give no input file or --from with it");
  output out_file(o.output);  // checked before the lookups start
  if (!o.dois.empty()) {
    document_data doc;
    bool problems = false;
    for (const auto& d : o.dois) {
      auto r = bicite::enrich::resolve_doi(d, o.enrich);
      if (!r) {
        std::cerr << d << ": error: " << r.error().message << " [" << r.error().code << "]\n";  // errors show even with --quiet
        problems = true;
        continue;
      }
      doc.references.push_back(std::move(*r));
    }
    if (o.to == "notes-jsonl") throw CLI::ValidationError("--to", "notes-jsonl needs a notes file, not --doi");
    out_file.write(out->write(doc, {}));
    out_file.commit();
    return problems ? input_problems : ok;
  }
  if (o.input.empty()) throw CLI::ValidationError("input", "give a file of notes (or -), or --doi");
  const auto started = std::chrono::steady_clock::now();
  const format_info* in = input_format(o.from, o.input);
  const std::string input = read_text(o.input);
  if (!in) in = sniff_format(input);
  check_claimed_format(o.input, *in, input, !o.from.empty());
  document_data doc;
  bicite::parse::parsed_document parsed_notes;
  const bool notes = in->name == "notes";
  if (notes) {
    auto parsed = bicite::parse::parse_document(input);
    auto bib = bicite::resolve::resolve(parsed);
    doc.diagnostics = std::move(bib.document.diagnostics);
    doc.references = std::move(bib.references);
    parsed_notes = std::move(bib.document);
  } else {
    if (o.to == "notes-jsonl") throw CLI::ValidationError("--to", "notes-jsonl needs notes input");
    doc = in->read(input);
    if (doc.references.empty()) check_read_something(o.input, *in, input, doc.diagnostics);
  }
  if (progress_allowed())
    std::cerr << "bicite resolve: looking up " << doc.references.size() << " references…\r" << std::flush;
  const auto report = bicite::enrich::enrich(doc.references, o.enrich);
  if (notes) {
    if (o.enrich.fill) fill_notes(parsed_notes, doc.references);
    doc.notes_jsonl = bicite::notes_jsonl::write(parsed_notes);
  }
  if (progress_allowed()) std::cerr << "\r\033[K";
  out_file.write(out->write(doc, {}));
  out_file.commit();
  const bool problems = has_problems(doc.diagnostics, o.strict);
  diagnostic_counts counts;
  for (const auto& d : doc.diagnostics) counts.add(d);
  const std::size_t n = doc.references.size();
  print_diagnostics(o.input, std::move(doc.diagnostics), input);
  print_enrich_report(report, o.enrich.fill);
  print_summary("resolve", std::to_string(n) + (n == 1 ? " reference" : " references") + " → " + out->name, counts, started);
  return problems || fatal(report) ? input_problems : ok;
}

const command resolve_command{35, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<resolve_options>();
  auto* sub = app.add_subcommand("resolve", "Complete and verify references from the pages and DOIs they cite");
  sub->add_option("input", opts->input, "Notes, CSL-JSON or .bib file, or - for standard input (notes)");
  sub->add_option("--from", opts->from, "Input format (default: from the file name)");
  sub->add_flag("--fill", opts->fill, "Fill missing fields (without it: only report what would be filled and the conflicts)");
  sub->add_option("--to", opts->to, "Output format: notes-jsonl, csl-json, biblatex, bibtex, …")->capture_default_str();
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  sub->add_option("--doi", opts->dois, "Resolve this DOI (repeatable) instead of reading a file");
  sub->add_option("--doi-endpoint", opts->enrich.doi_endpoint, "Crossref-compatible API base; /works/{doi} is appended")
      ->capture_default_str();
  sub->add_option("--timeout", opts->enrich.fetch.timeout_s, "Deadline of one request in seconds (> 0)")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 86400.0));
  sub->add_option("--retries", opts->enrich.fetch.retries, "Extra tries for 5xx, 429 and resets")
      ->capture_default_str()
      ->check(CLI::Range(0, 100));
  sub->add_flag("--no-pages", opts->no_pages, "Use DOI records only, do not fetch the cited pages");
  sub->add_option("--cache", opts->enrich.fetch.cache_file,
                  "JSON-lines cache shared with `bicite links check --cache` (pages and DOI records fetched once)");
  sub->add_option("--max-age", opts->enrich.fetch.cache_max_age_s, "Reuse cache entries younger than this, in seconds")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--language-stated", opts->language_stated,
                "Treat the references' language as stated (conflicts), not as the parser's guess (replaced by the page's)");
  sub->add_flag("--strict", opts->strict, "Exit with 1 on warnings too");
  sub->callback([opts, &result] { result = run_resolve(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
#endif
