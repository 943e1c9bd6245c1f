#pragma once
// A compiled transliteration scheme: lookup tables indexed by Cyrillic code point (U+0400–U+04FF),
// built once from the data files in lib/translit/data/*.tsv.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/translit.hpp"

namespace bicite::translit::detail {

/// A 256-bit set over U+0400–U+04FF (lower-case letters), plus a flag for "word edge".
struct letter_set {
  std::array<std::uint64_t, 4> bits{};
  bool edge = false;  ///< word start (for "after") or word end (for "before")
  bool has(char32_t lower_cp) const noexcept {
    const std::uint32_t i = static_cast<std::uint32_t>(lower_cp) - 0x400u;
    return i < 256 && ((bits[i >> 6] >> (i & 63)) & 1u);
  }
  void add(char32_t lower_cp) noexcept {
    const std::uint32_t i = static_cast<std::uint32_t>(lower_cp) - 0x400u;
    if (i < 256) bits[i >> 6] |= std::uint64_t{1} << (i & 63);
  }
};

/// An output string in three cases, stored in the scheme's byte pool.
struct cased_output {
  std::uint32_t lower_at = 0, title_at = 0, upper_at = 0;
  std::uint8_t lower_len = 0, title_len = 0, upper_len = 0;
  bool title_is_upper = true;  ///< title case == upper case (single letters): no need to look at the word
};

struct context_rule {
  letter_set context;
  std::int32_t output = -1;
};

/// What one lower-case Cyrillic letter becomes: its plain output and its context rules.
struct letter_entry {
  std::int32_t output = -1;  ///< -1: not in the scheme, passes through
  std::uint16_t after_begin = 0, after_count = 0;
  std::uint16_t before_begin = 0, before_count = 0;
};

struct ending_rule {
  char32_t first = 0, second = 0;  ///< lower case
  std::int32_t output = -1;
};

struct scheme {
  std::string name;
  std::string description;
  std::string source;
  std::string pool;  ///< bytes of every output, followed by 16 bytes of padding (for fixed-size copies)
  std::size_t longest_output = 0;  ///< bytes of the longest output in any case
  std::vector<cased_output> outputs;
  std::array<letter_entry, 256> letters{};
  std::vector<context_rule> after;
  std::vector<context_rule> before;
  std::vector<ending_rule> endings;
  /// Plain-map inverse data for Latin → Cyrillic: (lower-case output, letter) pairs.
  std::vector<std::pair<std::string, char32_t>> plain;
};

/// The scheme called `name`, or nullptr.
const scheme* find_scheme(std::string_view name);

/// All schemes, sorted by name.
const std::vector<scheme>& all_schemes();

/// Lower-case form of a code point in U+0400–U+04FF (itself elsewhere); the Unicode simple case
/// mapping of the Cyrillic block, checked against ICU by a test.
constexpr char32_t compute_cyrillic_lower(char32_t cp) noexcept {
  if (cp >= 0x400 && cp < 0x410) return cp + 0x50;
  if (cp >= 0x410 && cp < 0x430) return cp + 0x20;
  if ((cp >= 0x460 && cp < 0x482) || (cp >= 0x48A && cp < 0x4C0) || (cp >= 0x4D0 && cp < 0x500))
    return (cp & 1) ? cp : cp + 1;
  if (cp == 0x4C0) return 0x4CF;
  if (cp >= 0x4C1 && cp < 0x4CF) return (cp & 1) ? cp + 1 : cp;
  return cp;
}

inline constexpr std::array<char16_t, 256> cyrillic_lower_table = [] {
  std::array<char16_t, 256> t{};
  for (char32_t i = 0; i < 256; ++i) t[i] = static_cast<char16_t>(compute_cyrillic_lower(0x400 + i));
  return t;
}();

inline char32_t cyrillic_lower(char32_t cp) noexcept {
  return cp - 0x400u < 256u ? cyrillic_lower_table[cp - 0x400] : cp;
}
inline bool cyrillic_is_upper(char32_t cp) noexcept {
  return cp - 0x400u < 256u && cyrillic_lower_table[cp - 0x400] != cp;
}

}  // namespace bicite::translit::detail
