// Cyrillic → Latin. Text is read word by word (a word is a run of letters and combining marks);
// each Cyrillic letter is looked up in the scheme's table by code point, with its context rules
// (previous letter or word start, next letter or word end, the word's last two letters).
// Case: a lower-case letter gives the lower-case output; an upper-case letter gives the title-case
// output ("Щ" → "Shch"), or the upper-case output when the whole word is upper case ("ЩУКИН" →
// "SHCHUKIN"). Everything else is copied; invalid UTF-8 becomes U+FFFD.
#include <algorithm>

#include "bicite/text.hpp"
#include "bicite/translit.hpp"
#include "translit/scheme.hpp"

namespace bicite::translit {
namespace {

using detail::scheme;

inline bool is_word_cp(char32_t cp) noexcept {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (cp >= 0x400 && cp < 0x530) return cp < 0x482 || cp > 0x489;  // Cyrillic letters (not signs/marks)
  if (cp >= 0xC0 && cp < 0x250) return cp != 0xD7 && cp != 0xF7;    // Latin letters
  if (cp >= 0x300 && cp < 0x370) return true;                       // combining marks
  return cp >= 0x1E00 && cp < 0x1F00;                               // Latin Extended Additional
}

/// Decodes one code point; fast paths for ASCII and two-byte sequences.
inline char32_t decode(std::string_view s, std::size_t& pos) noexcept {
  const auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  if (c >= 0xC2 && c <= 0xDF && pos + 1 < s.size()) {
    const auto c2 = static_cast<unsigned char>(s[pos + 1]);
    if ((c2 & 0xC0) == 0x80) {
      pos += 2;
      return (char32_t(c & 0x1F) << 6) | (c2 & 0x3F);
    }
  }
  return text::next_code_point(s, pos);
}

/// -1 lower, 0 uncased, 1 upper.
inline int case_of(char32_t cp) noexcept {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? 1 : (cp >= 'a' && cp <= 'z' ? -1 : 0);
  if (cp >= 0x400 && cp < 0x500) {
    if (cp < 0x430) return 1;
    if (cp < 0x460) return -1;
    return detail::cyrillic_is_upper(cp) ? 1 : -1;
  }
  if (cp >= 0x500 && cp < 0x530) return (cp & 1) ? -1 : 1;
  if (cp >= 0xC0 && cp <= 0xDE) return 1;
  if (cp >= 0xDF && cp <= 0xFF) return -1;
  if (cp >= 0x100 && cp < 0x180) return (cp & 1) ? -1 : 1;  // approximately
  return 0;
}

inline void put(std::string& out, const scheme& s, std::int32_t id, int letter_case, bool caps) {
  const auto& o = s.outputs[static_cast<std::size_t>(id)];
  if (letter_case <= 0) out.append(s.pool.data() + o.lower_at, o.lower_len);
  else if (caps) out.append(s.pool.data() + o.upper_at, o.upper_len);
  else out.append(s.pool.data() + o.title_at, o.title_len);
}

void emit_word(std::string& out, const scheme& s, const std::vector<char32_t>& w) {
  const std::size_t n = w.size();
  int uppers = 0, lowers = 0;
  for (char32_t cp : w) {
    const int c = case_of(cp);
    uppers += c > 0;
    lowers += c < 0;
  }
  const bool caps = uppers >= 2 && lowers == 0;
  std::size_t stem_end = n;
  const detail::ending_rule* ending = nullptr;
  if (!s.endings.empty() && n > 2) {
    const char32_t a = detail::cyrillic_lower(w[n - 2]), b = detail::cyrillic_lower(w[n - 1]);
    for (const auto& e : s.endings)
      if (e.first == a && e.second == b) {
        ending = &e;
        stem_end = n - 2;
        break;
      }
  }
  for (std::size_t i = 0; i < stem_end; ++i) {
    const char32_t cp = w[i];
    if (cp < 0x400 || cp >= 0x500) {
      text::append_utf8(out, cp);
      continue;
    }
    const char32_t lower = detail::cyrillic_lower(cp);
    const auto& entry = s.letters[lower - 0x400];
    std::int32_t id = entry.output;
    bool found = false;
    if (entry.after_count) {
      const char32_t prev = i ? detail::cyrillic_lower(w[i - 1]) : 0;
      for (std::size_t r = entry.after_begin, e = r + entry.after_count; r < e; ++r) {
        const auto& ctx = s.after[r].context;
        if (prev == 0 ? ctx.edge : ctx.has(prev)) {
          id = s.after[r].output;
          found = true;
          break;
        }
      }
    }
    if (!found && entry.before_count) {
      const char32_t next = i + 1 < n ? detail::cyrillic_lower(w[i + 1]) : 0;
      for (std::size_t r = entry.before_begin, e = r + entry.before_count; r < e; ++r) {
        const auto& ctx = s.before[r].context;
        if (next == 0 ? ctx.edge : ctx.has(next)) {
          id = s.before[r].output;
          break;
        }
      }
    }
    if (id < 0) {
      text::append_utf8(out, cp);
      continue;
    }
    put(out, s, id, lower != cp ? 1 : -1, caps);
  }
  if (ending) {
    const bool upper_end = detail::cyrillic_is_upper(w[n - 2]) && detail::cyrillic_is_upper(w[n - 1]);
    put(out, s, ending->output, upper_end ? 1 : -1, true);
  }
}

void run(std::string& out, std::string_view text, const scheme& s) {
  out.reserve(out.size() + text.size() + text.size() / 4 + 16);
  std::vector<char32_t> word;
  word.reserve(64);
  std::size_t pos = 0;
  const std::size_t size = text.size();
  while (pos < size) {
    // Copy a run of ASCII non-letters at once.
    std::size_t run_end = pos;
    while (run_end < size) {
      const auto c = static_cast<unsigned char>(text[run_end]);
      if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) break;
      ++run_end;
    }
    if (run_end != pos) {
      out.append(text.data() + pos, run_end - pos);
      pos = run_end;
      continue;
    }
    std::size_t next = pos;
    char32_t cp = decode(text, next);
    if (!is_word_cp(cp)) {
      if (cp == 0xFFFD) text::append_utf8(out, cp);
      else out.append(text.data() + pos, next - pos);
      pos = next;
      continue;
    }
    word.clear();
    while (true) {
      // е + U+0308 → ё, и + U+0306 → й (decomposed forms).
      if (cp == 0x308 && !word.empty() && (word.back() == U'е' || word.back() == U'Е'))
        word.back() = word.back() == U'е' ? U'ё' : U'Ё';
      else if (cp == 0x306 && !word.empty() && (word.back() == U'и' || word.back() == U'И'))
        word.back() += 1;
      else word.push_back(cp);
      pos = next;
      if (pos >= size) break;
      cp = decode(text, next);
      if (!is_word_cp(cp)) {
        next = pos;
        break;
      }
    }
    emit_word(out, s, word);
  }
}

}  // namespace

const std::vector<scheme_info>& schemes() {
  static const std::vector<scheme_info> list = [] {
    std::vector<scheme_info> out;
    for (const auto& s : detail::all_schemes()) out.push_back({s.name, s.description, s.source});
    return out;
  }();
  return list;
}

bool has_scheme(std::string_view scheme) { return detail::find_scheme(scheme) != nullptr; }

bool transliterate_to(std::string& out, std::string_view text, std::string_view scheme) {
  const auto* s = detail::find_scheme(scheme);
  if (!s) return false;
  run(out, text, *s);
  return true;
}

bicite::result<std::string> transliterate(std::string_view text, std::string_view scheme) {
  std::string out;
  if (!transliterate_to(out, text, scheme))
    return bicite::diagnostic{"translit.unknown-scheme", severity::error, {0, 0},
                              "unknown transliteration scheme \"" + std::string(scheme) + "\"",
                              "see bicite::translit::schemes() or `bicite translit --list`"};
  return out;
}

}  // namespace bicite::translit
