// UTF-8 decoding and the script/punctuation predicates, without ICU: these sit on every hot path.
#include <algorithm>

#include "bicite/text.hpp"
#include "core/limits.hpp"
#include "text/utf8.hpp"

namespace bicite::text {

char32_t next_code_point(std::string_view s, std::size_t& pos) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = byte(pos);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + len > s.size()) {
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i < len; ++i) {
    const unsigned char cc = byte(pos + i);
    if ((cc & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return 0xFFFD;
  }
  pos += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

checked_text check_utf8(std::string_view input, std::size_t max_reports) {
  checked_text out;
  out.text.reserve(input.size());
  std::size_t pos = 0;
  std::size_t reported = 0;
  bool in_bad_run = false;
  std::size_t run_start = 0;
  auto close_run = [&](std::size_t end) {
    if (!in_bad_run) return;
    in_bad_run = false;
    if (reported++ < max_reports)
      out.diagnostics.push_back({"text.invalid-utf8", severity::warning, {run_start, end},
                                 end - run_start == 1 ? "invalid UTF-8 byte replaced with U+FFFD"
                                                      : "invalid UTF-8 bytes replaced with U+FFFD"});
  };
  while (pos < input.size()) {
    const unsigned char c = static_cast<unsigned char>(input[pos]);
    if (c > 0 && c < 0x80) {  // fast path for ASCII
      close_run(pos);
      out.text.push_back(static_cast<char>(c));
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    const char32_t cp = next_code_point(input, pos);
    const bool genuine_fffd = cp == 0xFFFD && pos - start == 3 &&
                              input.substr(start, 3) == "\xEF\xBF\xBD";
    if ((cp == 0xFFFD && !genuine_fffd) || cp == 0) {
      if (!in_bad_run) {
        in_bad_run = true;
        run_start = start;
        out.text += "\xEF\xBF\xBD";
      }
      continue;
    }
    close_run(start);
    out.text.append(input.substr(start, pos - start));
  }
  close_run(pos);
  if (reported > max_reports)
    out.diagnostics.push_back({"text.invalid-utf8", severity::warning, {input.size(), input.size()},
                               "more invalid UTF-8 runs were replaced than are reported here"});
  return out;
}

namespace detail {

bool admit_text_input(std::string_view& input, std::string& repaired, std::vector<diagnostic>& diagnostics,
                      std::string_view what, std::string_view hint, bool (*valid_utf8)(std::string_view)) {
  if (auto too_large = bicite::detail::input_too_large(input, what, hint)) {
    diagnostics.push_back(std::move(*too_large));
    return false;
  }
  if (!valid_utf8(input)) {
    auto checked = check_utf8(input);
    repaired = std::move(checked.text);
    for (auto& d : checked.diagnostics) diagnostics.push_back(std::move(d));
    input = repaired;
  }
  return true;
}

}  // namespace detail

bool is_valid_utf8(std::string_view s) noexcept {
  return detail::each_non_ascii(s, [](bool valid) { return valid; });
}

script script_of(char32_t cp) noexcept {
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return script::latin;
  if (cp < 0xC0) return script::none;
  if (cp >= 0x400 && cp <= 0x52F) return script::cyrillic;
  if (cp >= 0x1C80 && cp <= 0x1C8F) return script::cyrillic;
  if (cp >= 0x2DE0 && cp <= 0x2DFF) return script::cyrillic;
  if (cp >= 0xA640 && cp <= 0xA69F) return script::cyrillic;
  if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF))
    return script::latin;
  if (cp == 0x2BC || cp == 0x2B9 || cp == 0x2BA) return script::none;  // modifier letters used as signs
  if (cp >= 0x300 && cp <= 0x36F) return script::none;                 // combining marks
  return script::other;
}

word_script script_of_word(std::string_view word) {
  bool latin = false, cyrillic = false, other = false;
  std::size_t pos = 0;
  while (pos < word.size()) {
    switch (script_of(next_code_point(word, pos))) {
      case script::latin: latin = true; break;
      case script::cyrillic: cyrillic = true; break;
      case script::other: other = true; break;
      case script::none: break;
    }
  }
  if (latin && cyrillic) return word_script::mixed;
  if (other) return word_script::other;
  if (latin) return word_script::latin;
  if (cyrillic) return word_script::cyrillic;
  return word_script::none;
}

bool has_cyrillic(std::string_view s) noexcept {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    if (script_of(next_code_point(s, pos)) == script::cyrillic) return true;
  }
  return false;
}

char32_t closing_quote_for(char32_t open) noexcept {
  switch (open) {
    case U'\u201C': return U'\u201D';  // “ ”
    case U'\u00AB': return U'\u00BB';  // « »
    case U'\u201E': return U'\u201C';  // „ “
    case U'\u2018': return U'\u2019';  // ‘ ’
    case U'\u201A': return U'\u2018';  // ‚ ‘
    case U'\u2039': return U'\u203A';  // ‹ ›
    case U'"': return U'"';
    case U'\u201F': return U'\u201D';
    default: return 0;
  }
}

bool is_quote(char32_t cp) noexcept {
  switch (cp) {
    case U'"': case U'\u201C': case U'\u201D': case U'\u201E': case U'\u201F':
    case U'\u00AB': case U'\u00BB': case U'\u2018': case U'\u2019': case U'\u201A':
    case U'\u2039': case U'\u203A': case U'\u300C': case U'\u300D':
      return true;
    default:
      return false;
  }
}

bool is_dash(char32_t cp) noexcept {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 ||
         cp == 0xFE63 || cp == 0xFF0D;
}

std::string_view trim(std::string_view s) noexcept {
  auto is_space_at_front = [](std::string_view v, std::size_t& len) {
    if (v.empty()) return false;
    const unsigned char c = static_cast<unsigned char>(v[0]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      len = 1;
      return true;
    }
    if (v.substr(0, 2) == "\xC2\xA0") { len = 2; return true; }                 // NBSP
    if (v.substr(0, 3) == "\xE2\x80\xAF" || v.substr(0, 3) == "\xE2\x80\x89" ||  // narrow NBSP, thin
        v.substr(0, 3) == "\xE2\x80\x8B" || v.substr(0, 3) == "\xEF\xBB\xBF") {  // ZWSP, BOM
      len = 3;
      return true;
    }
    return false;
  };
  std::size_t len = 0;
  while (is_space_at_front(s, len)) s.remove_prefix(len);
  while (!s.empty()) {
    const unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\xAF" ||
                                 s.substr(s.size() - 3) == "\xE2\x80\x89" ||
                                 s.substr(s.size() - 3) == "\xE2\x80\x8B")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

}  // namespace bicite::text
