// BibLaTeX and classic BibTeX as input and output formats (.bib reads as either).
#include <bicite/bibtex.hpp>

#include "formats.hpp"

namespace bicite_cli {
namespace {

document_data read_bib(const std::string& input) {
  auto read = bicite::bibtex::read(input);
  return document_data{std::move(read.references), std::move(read.diagnostics), {}};
}

std::string write_bib(const document_data& doc, const write_options& o, bicite::bibtex::dialect d) {
  bicite::bibtex::write_options wo;
  wo.target = d;
  wo.ascii = o.ascii;
  // one key per item in every format: the item's id (CSL-JSON's id, RIS's ID), unless a pattern is asked for
  if (auto it = o.extra.find("key-pattern"); it != o.extra.end()) wo.key_pattern = it->second;
  else wo.keep_ids = true;
  return bicite::bibtex::write(doc.references, wo);
}

const format biblatex_format{{
    "biblatex",
    "BibLaTeX for biber: UTF-8, EDTF dates, journaltitle, langid",
    {".bib", ".biblatex"},
    read_bib,
    [](const document_data& doc, const write_options& o) { return write_bib(doc, o, bicite::bibtex::dialect::biblatex); },
}};

const format bibtex_format{{
    "bibtex",
    "classic BibTeX: year/month, journal, howpublished/url (--ascii escapes non-ASCII)",
    {".bibtex"},
    read_bib,
    [](const document_data& doc, const write_options& o) { return write_bib(doc, o, bicite::bibtex::dialect::bibtex); },
}};

}  // namespace
}  // namespace bicite_cli
