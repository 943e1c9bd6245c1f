// Latin → Cyrillic (placeholder until the letter-sequence model lands).
#include "bicite/translit.hpp"

namespace bicite::translit {

std::vector<candidate> to_cyrillic(std::string_view latin, std::string_view, std::size_t max_candidates) {
  if (max_candidates == 0) return {};
  return {candidate{std::string(latin), 1.0}};
}

}  // namespace bicite::translit
