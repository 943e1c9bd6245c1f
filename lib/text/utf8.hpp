#pragma once
// UTF-8 helpers internal to lib/, each kept in one place so that its callers judge bytes alike.
#include <cstddef>
#include <string_view>

#include "bicite/text.hpp"

namespace bicite::text::detail {

/// The walk over UTF-8 of the validity test (utf8.cpp) and of encoding detection (encoding.cpp):
/// calls `f(valid)` for each non-ASCII character of `s` in order: `valid` is true for a well-formed
/// sequence (next_code_point reads two or more bytes, U+FFFD written out included), false for an
/// invalid byte (it reads one). Stops when `f` returns false; returns false then, else true.
template <class F>
bool each_non_ascii(std::string_view s, F f) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    next_code_point(s, pos);
    if (!f(pos - start > 1)) return false;
  }
  return true;
}

}  // namespace bicite::text::detail
