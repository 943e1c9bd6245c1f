// CSL-JSON as an input and output format.
#include "formats.hpp"

namespace bicite_cli {
namespace {

const format csl_json{{
    "csl-json",
    "CSL-JSON: an array of CSL 1.0.2 items (or a single item)",
    {".json", ".csl.json", ".csljson"},
    [](const std::string& input) {
      auto read = bicite::csljson::read(input);
      return document_data{std::move(read.references), std::move(read.diagnostics), {}};
    },
    [](const document_data& doc, const write_options&) { return bicite::csljson::write(doc.references); },
}};

}  // namespace
}  // namespace bicite_cli
