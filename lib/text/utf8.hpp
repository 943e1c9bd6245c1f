#pragma once
// UTF-8 helpers internal to lib/, each kept in one place so that its callers judge bytes alike.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

/// The start of a whole-input text reader (BibTeX, RIS): false, with core's "input.too-large" error
/// appended to `diagnostics`, when `input` is too large; else true, and when `valid_utf8` (the reader's
/// own test) rejects it, `input` is pointed at `repaired`, check_utf8's copy, whose repairs are
/// appended to `diagnostics`.
bool admit_text_input(std::string_view& input, std::string& repaired, std::vector<diagnostic>& diagnostics,
                      std::string_view what, std::string_view hint, bool (*valid_utf8)(std::string_view));

}  // namespace bicite::text::detail
