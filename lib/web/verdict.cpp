// Verdict names (bicite/web.hpp): the cache stores them, the reports print them.
#include <array>

#include "bicite/web.hpp"

namespace bicite::links {
namespace {

constexpr std::array<std::string_view, verdict_count> names = {
    "ok",          "redirected", "broken",  "blocked",        "rate_limited", "server_error",
    "timeout",     "unreachable", "invalid", "title_mismatch", "interrupted"};

}  // namespace

std::string_view to_string(verdict v) noexcept { return names[static_cast<std::size_t>(v)]; }

std::optional<verdict> verdict_from_string(std::string_view name) noexcept {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<verdict>(i);
  return std::nullopt;
}

}  // namespace bicite::links
