// Endnotes (plain text or Markdown) as an input format, and notes-JSONL as an output format.
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include "formats.hpp"

namespace bicite_cli {
namespace {

document_data read_notes(const std::string& input) {
  auto parsed = bicite::parse::parse_document(input);
  auto bib = bicite::resolve::resolve(std::move(parsed));
  document_data doc;
  doc.notes_jsonl = bicite::notes_jsonl::write(bib.document);
  doc.diagnostics = std::move(bib.document.diagnostics);
  doc.references = std::move(bib.references);
  return doc;
}

const format notes{{
    "notes",
    "Endnotes or a reference list in plain text or Markdown (Chicago, APA, MLA, GOST; English and Russian)",
    {".txt", ".md", ".markdown", ".notes"},
    read_notes,
    {},
}};

const format notes_jsonl{{
    "notes-jsonl",
    "One JSON line per note: {note, text, citations (CSL-JSON), commentary}; needs --from notes",
    {},
    {},
    [](const document_data& doc, const write_options&) { return doc.notes_jsonl; },
}};

}  // namespace
}  // namespace bicite_cli
