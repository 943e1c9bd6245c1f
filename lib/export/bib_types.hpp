#pragma once
// Entry types: CSL type ↔ biblatex type (+ entrysubtype) ↔ classic BibTeX type ↔ RIS TY
// (lib/export/data/types.tsv, read_types.tsv).
#include <string>
#include <string_view>

#include "bicite/model.hpp"

namespace bicite::detail::bib {

struct entry_kind {
  std::string type;     // "article"
  std::string subtype;  // "newspaper", or a CSL type for @misc; may be empty
};

entry_kind biblatex_kind(const reference& r);
entry_kind bibtex_kind(const reference& r);
std::string ris_type(const reference& r);

/// The CSL type for a .bib entry type and its entrysubtype.
std::string csl_type_for_bib(std::string_view bib_type, std::string_view subtype);
/// The CSL type for a RIS TY code.
std::string csl_type_for_ris(std::string_view ty);
/// True for a CSL 1.0.2 type name listed in types.tsv.
bool is_csl_type(std::string_view type);

}  // namespace bicite::detail::bib
