#pragma once
// BibTeX name lists ("von Last, Jr, First and …") → CSL names, as BibTeX and biber split them.
#include <string_view>
#include <vector>

#include "bicite/model.hpp"

namespace bicite::detail::bib {

/// Splits a name list on " and " at brace depth 0 ("and others" is dropped) and parses each name;
/// a name that is one brace group ({The Kremlin}) becomes a literal.
std::vector<name> parse_names(std::string_view raw);

}  // namespace bicite::detail::bib
