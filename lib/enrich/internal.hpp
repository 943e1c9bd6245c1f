#pragma once
// Private helpers of the enrich stage: the report text of dates and names. Reading pages and DOI
// records (collecting values, dates, known venues, cache records) is in lib/web (web/metadata.hpp).
#include <string>
#include <vector>

#include "bicite/enrich.hpp"

namespace bicite::enrich::detail {

/// A date as EDTF-like text "2023-01-07" (for reports).
std::string date_text(const bicite::date& d);

/// Names joined with "; " (family, given).
std::string names_text(const std::vector<bicite::name>& names);

}  // namespace bicite::enrich::detail
