#pragma once
// Page ranges as the export formats want them: both ends full page numbers.
#include <optional>
#include <string>
#include <string_view>

namespace bicite::detail::bib {

struct page_range {
  std::string_view start, end;  // trimmed
};

/// "101–19", "23-34", "23--34", "1234 – 1256" → its two ends; nullopt when `page` is not one range
/// (no dash, or an end missing).
std::optional<page_range> split_page_range(std::string_view page);

/// The end of a range as a full page number: an end with fewer digits than the start takes the
/// start's leading digits when that makes it larger ("101", "19" → "119"; "195", "3" → "3"); other
/// ends ("xv", "S12") are kept as written.
std::string full_end_page(std::string_view start, std::string_view end);

}  // namespace bicite::detail::bib
