#pragma once
#include <string_view>

#include "bicite/csljson.hpp"

namespace bicite::detail {
/// csljson::read with the fast path on or off; tests check that both read alike.
csl_json_read read_csl_json_with(std::string_view text, bool fast_path);
}  // namespace bicite::detail
