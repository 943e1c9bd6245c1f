#include "core/limits.hpp"

#include <fmt/format.h>

namespace bicite::detail {

std::optional<diagnostic> input_too_large(std::string_view input, std::string_view what, std::string_view hint) {
  if (input.size() <= limits::max_input_bytes) return std::nullopt;
  // Nothing is read, so nothing is half-read: the caller gets this error and no partial value.
  diagnostic d{"input.too-large", severity::error, {limits::max_input_bytes, input.size()},
               fmt::format("the {} input is {} bytes; one call reads at most {} bytes", what, input.size(),
                           limits::max_input_bytes),
               hint.empty() ? std::string("split the input into smaller parts") : std::string(hint)};
  return d;
}

}  // namespace bicite::detail
