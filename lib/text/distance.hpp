#pragma once
// Edit distance for fuzzy matching of titles and names; internal to lib/.
#include <cstddef>
#include <string_view>

namespace bicite::text {
/// Levenshtein distance between two byte strings, or limit + 1 as soon as it must exceed `limit`.
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit);
}  // namespace bicite::text
