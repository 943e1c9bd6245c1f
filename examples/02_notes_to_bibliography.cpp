// Endnotes → CSL-JSON → a formatted bibliography: the main job of bicite, through the public API.
// Reads the bundled sample (run from examples/), keeps its first notes, and prints both results.
#include <bicite/bicite.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

int main() {
  std::ifstream file("data/weitz-2024-view-from-russia.txt", std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();

  // 1. Find and parse the notes (never throws: problems come back as diagnostics).
  auto doc = bicite::parse::parse_document(text.str());
  doc.notes.resize(5);  // keep the first five notes of the sample
  std::erase_if(doc.diagnostics, [&](const bicite::diagnostic& d) {
    return d.where.begin >= doc.notes.back().where.end;  // drop what the other notes reported
  });
  for (const auto& note : doc.notes)
    std::cout << "note " << note.number << ": " << note.citations.size() << " citation(s)"
              << (note.commentary.empty() ? "" : ", commentary") << "\n";

  // 2. Resolve Ibid., short forms and repeats: one bibliography entry per work.
  auto bib = bicite::resolve::resolve(std::move(doc));
  for (const auto& d : bib.diagnostics) std::cerr << bicite::to_string(d) << "\n";

  // 3. The bibliography as CSL-JSON.
  std::cout << bicite::csljson::write(bib.references);

  // 4. The same bibliography formatted with a CSL style (Debian's citation-style-language-styles).
  // An English style writes English terms, dates and quotes for every item ("no. 3", "January 4, 2024",
  // “…”), Russian items too; GOST styles keep each item's own language (render_options::per_item_locale).
  auto style = bicite::csl::load_style("chicago-fullnote-bibliography");
  if (!style) {
    std::cerr << bicite::to_string(style.error()) << "\n";
    return 1;
  }
  bicite::csl::render_options options{.format = bicite::csl::output_format::text};
  auto out = bicite::csl::render(**style, bib.references, bicite::csl::one_citation_per_item(bib.references),
                                 options);
  std::cout << "\nBibliography (chicago-fullnote-bibliography):\n";
  for (const auto& entry : out.bibliography) std::cout << entry << "\n";
  std::cout << "\nNotes:\n";
  for (const auto& citation : out.citations) std::cout << citation << "\n";
}
