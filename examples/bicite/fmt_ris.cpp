// RIS as an input and output format.
#include <bicite/ris.hpp>

#include "formats.hpp"

namespace bicite_cli {
namespace {

const format ris_format{{
    "ris",
    "RIS: TY … ER records (EndNote, Zotero, Mendeley)",
    {".ris"},
    [](const std::string& input) {
      auto read = bicite::ris::read(input);
      return document_data{std::move(read.references), std::move(read.diagnostics), {}};
    },
    [](const document_data& doc, const write_options&) { return bicite::ris::write(doc.references); },
}};

}  // namespace
}  // namespace bicite_cli
