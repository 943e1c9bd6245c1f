#pragma once
// Dates in .bib and RIS files → CSL dates.
#include <optional>
#include <string_view>

#include "bicite/model.hpp"

namespace bicite::detail::bib {

/// EDTF as biber reads it: YYYY, YYYY-MM, YYYY-MM-DD, seasons -21…-24, ranges A/B, open "A/" or
/// "A/..", circa "~" and uncertain "?"; a time after "T" is ignored. nullopt when not EDTF.
std::optional<date> parse_edtf(std::string_view s);

/// A month as written in a month field ("5", "May", "may.", "май", "1--2") → 1–12 (and an end
/// month for a range, else 0). {0, 0} when not a month.
std::pair<int, int> parse_month(std::string_view s);

}  // namespace bicite::detail::bib
