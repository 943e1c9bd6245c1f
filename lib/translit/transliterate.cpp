// Cyrillic → Latin. Text is read word by word (a word is a run of letters and combining marks);
// each Cyrillic letter is looked up in the scheme's table by code point, with its context rules
// (previous letter or word start, next letter or word end, the word's last two letters).
// Case: a lower-case letter gives the lower-case output; an upper-case letter gives the title-case
// output ("Щ" → "Shch"), or the upper-case output when the whole word is upper case ("ЩУКИН" →
// "SHCHUKIN"). Everything else is copied; invalid UTF-8 becomes U+FFFD.
#include <algorithm>
#include <cstring>
#include <memory>

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

/// One transliteration pass; `o` points into a buffer big enough for the worst case.
class writer {
 public:
  writer(const scheme& s, std::string_view text, std::string& out)
      : s_(s), t_(text), out_(out), reserve_(std::max<std::size_t>(s.longest_output, 16) * 2 + 16) {
    o_ = buffer_;
  }

  void run() {
    const std::size_t size = t_.size();
    char* const limit = buffer_ + sizeof buffer_ - reserve_;  // room for one more letter, always
    while (pos_ < size) {
      if (o_ >= limit) flush();
      const auto c = static_cast<unsigned char>(t_[pos_]);
      if (c < 0x80) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
          word_char(c);
        } else {
          in_word_ = false;
        }
        *o_++ = static_cast<char>(c);
        ++pos_;
        continue;
      }
      const std::size_t start = pos_;
      char32_t cp = decode(t_, pos_);
      if (cp - 0x400u < 256u) {
        cp = compose(cp);
        letter(cp, start);
        continue;
      }
      if (cp == 0xFFFD) {
        in_word_ = false;
        put("\xEF\xBF\xBD", 3);
        continue;
      }
      if (is_word_cp(cp)) word_char(cp);
      else in_word_ = false;
      put(t_.data() + start, pos_ - start);
    }
    flush();
  }

 private:
  void flush() {
    out_.append(buffer_, static_cast<std::size_t>(o_ - buffer_));
    o_ = buffer_;
  }
  void put(const char* p, std::size_t n) {
    if (n <= 4) {  // one code point: at most 4 bytes
      for (std::size_t i = 0; i < n; ++i) o_[i] = p[i];
    } else {
      std::memcpy(o_, p, n);
    }
    o_ += n;
  }
  /// Copies 16 bytes (the pool is padded, the buffer keeps room) and advances by `n`.
  void put_pooled(std::uint32_t at, std::uint8_t n) {
    if (n <= 16) std::memcpy(o_, s_.pool.data() + at, 16);
    else std::memcpy(o_, s_.pool.data() + at, n);
    o_ += n;
  }
  void put_output(std::int32_t id, bool upper, bool caps) {
    const auto& o = s_.outputs[static_cast<std::size_t>(id)];
    if (!upper) put_pooled(o.lower_at, o.lower_len);
    else if (caps) put_pooled(o.upper_at, o.upper_len);
    else put_pooled(o.title_at, o.title_len);
  }
  void word_char(char32_t cp) {
    if (!in_word_) start_word(pos_);
    prev_ = cp;
    if (cp < 0x300 || cp >= 0x370) ++letters_;
  }
  void start_word(std::size_t at) {
    in_word_ = true;
    word_start_ = at;
    letters_ = 0;
    caps_ = -1;
    prev_ = 0;
  }
  /// е + U+0308 → ё, и + U+0306 → й (decomposed forms), consuming the mark.
  char32_t compose(char32_t cp) {
    if (pos_ + 1 < t_.size() && static_cast<unsigned char>(t_[pos_]) == 0xCC) {
      const auto m = static_cast<unsigned char>(t_[pos_ + 1]);
      if (m == 0x88 && (cp == U'е' || cp == U'Е')) {
        pos_ += 2;
        return cp == U'е' ? U'ё' : U'Ё';
      }
      if (m == 0x86 && (cp == U'и' || cp == U'И')) {
        pos_ += 2;
        return cp + 1;
      }
    }
    return cp;
  }
  /// The code point at `at` (composed), its end, or 0 when it is not a word character.
  char32_t peek(std::size_t at, std::size_t& end) const {
    end = at;
    if (at >= t_.size()) return 0;
    char32_t cp = decode(t_, end);
    if (!is_word_cp(cp)) return 0;
    if ((cp == U'е' || cp == U'Е' || cp == U'и' || cp == U'И') && end + 1 < t_.size() &&
        static_cast<unsigned char>(t_[end]) == 0xCC) {
      const auto m = static_cast<unsigned char>(t_[end + 1]);
      if (m == 0x88 && (cp == U'е' || cp == U'Е')) end += 2, cp = cp == U'е' ? U'ё' : U'Ё';
      else if (m == 0x86 && (cp == U'и' || cp == U'И')) end += 2, cp += 1;
    }
    return cp;
  }
  /// Whether the word from word_start_ is all upper case (two or more upper-case letters, none lower).
  bool caps() {
    if (caps_ < 0) {
      int uppers = 0, lowers = 0;
      std::size_t at = word_start_;
      while (at < t_.size()) {
        std::size_t end;
        const char32_t cp = peek(at, end);
        if (!cp) break;
        const int c = case_of(cp);
        uppers += c > 0;
        lowers += c < 0;
        at = end;
      }
      caps_ = uppers >= 2 && lowers == 0;
    }
    return caps_ == 1;
  }
  void letter(char32_t cp, std::size_t start) {
    if (!in_word_) start_word(start);
    const char32_t lower = detail::cyrillic_lower(cp);
    const bool upper = lower != cp;
    const auto& entry = s_.letters[lower - 0x400];
    std::int32_t id = entry.output;
    // A word ending (-ий → -y): this letter and the next are the word's last two, after others.
    if (!s_.endings.empty() && letters_ >= 1) {
      for (const auto& e : s_.endings) {
        if (e.first != lower) continue;
        std::size_t end, after;
        const char32_t next = peek(pos_, end);
        if (!next || detail::cyrillic_lower(next) != e.second || peek(end, after)) break;
        const bool both_upper = upper && detail::cyrillic_is_upper(next);
        put_output(e.output, both_upper, true);
        pos_ = end;
        prev_ = next;
        letters_ += 2;
        return;
      }
    }
    bool found = false;
    if (entry.after_count) {
      const char32_t prev = detail::cyrillic_lower(prev_);
      for (std::size_t r = entry.after_begin, e = r + entry.after_count; r < e; ++r) {
        const auto& ctx = s_.after[r].context;
        if (prev == 0 ? ctx.edge : ctx.has(prev)) {
          id = s_.after[r].output;
          found = true;
          break;
        }
      }
    }
    if (!found && entry.before_count) {
      std::size_t end;
      const char32_t next = detail::cyrillic_lower(peek(pos_, end));
      for (std::size_t r = entry.before_begin, e = r + entry.before_count; r < e; ++r) {
        const auto& ctx = s_.before[r].context;
        if (next == 0 ? ctx.edge : ctx.has(next)) {
          id = s_.before[r].output;
          break;
        }
      }
    }
    if (id < 0) {
      put(t_.data() + start, pos_ - start);
    } else if (!upper) {
      put_output(id, false, false);
    } else {
      put_output(id, true, !s_.outputs[static_cast<std::size_t>(id)].title_is_upper && caps());
    }
    prev_ = cp;
    ++letters_;
  }

  const scheme& s_;
  std::string_view t_;
  std::string& out_;
  std::size_t reserve_;
  char buffer_[1 << 14];
  char* o_;
  std::size_t pos_ = 0;
  bool in_word_ = false;
  std::size_t word_start_ = 0;
  std::size_t letters_ = 0;
  int caps_ = -1;
  char32_t prev_ = 0;
};

void run(std::string& out, std::string_view text, const scheme& s) {
  out.reserve(out.size() + text.size() + text.size() / 4 + 16);
  writer w(s, text, out);  // writes through a 16 KiB buffer
  w.run();
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
