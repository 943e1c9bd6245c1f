#pragma once
// The one check of bicite::limits::max_input_bytes, shared by every whole-input reader.
#include <optional>
#include <string_view>

#include "bicite/diagnostic.hpp"
#include "bicite/limits.hpp"

namespace bicite::detail {

/// The "input.too-large" error when `input` is longer than limits::max_input_bytes; `what` names
/// the reader ("CSL-JSON", "BibTeX", …) and `hint` says what to do instead.
std::optional<diagnostic> input_too_large(std::string_view input, std::string_view what, std::string_view hint = {});

}  // namespace bicite::detail
