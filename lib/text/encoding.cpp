// Input encodings: what an input's bytes are (detect_encoding), and turning them into UTF-8 (decode_input
// for a whole input, decoder for a stream). Detection is ours, without ICU's charset detector: on
// short notes that detector cannot tell windows-1251 from KOI8-R (lib/text/README.md, "Input
// encodings"), and a note of 60 bytes is exactly what bicite reads.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include "bicite/limits.hpp"
#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "text/utf8.hpp"

namespace bicite::text {

namespace {

using converter_ptr = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

converter_ptr open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  converter_ptr cnv(name.empty() ? nullptr : ucnv_open(name.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) cnv.reset();
  return cnv;
}

// ---------------------------------------------------------------------------------------------
// Single-byte Cyrillic charsets, as tables of Russian letters (0..32 = а..я, ё last) for the
// letter-pair statistic. Built once from ICU's own tables, so they cannot drift from the decoding.

constexpr int letter_count = 33;
constexpr int yo = 32;

enum cyrillic_charset { cp1251, koi8r, cp866, cyrillic_charsets };
constexpr std::array<const char*, cyrillic_charsets> cyrillic_names = {"windows-1251", "KOI8-R", "IBM866"};

struct byte_letter {
  std::int8_t letter = -1;  // -1: not a Russian letter
  bool upper = false;
};

struct cyrillic_model {
  std::array<std::array<byte_letter, 256>, cyrillic_charsets> bytes{};
  std::array<std::array<bool, letter_count>, letter_count> frequent{};  // pair in ru_bigrams.tsv
  bool loaded = false;
};

int letter_of(char32_t cp, bool& upper) {
  upper = false;
  if (cp == U'ё') return yo;
  if (cp == U'Ё') return upper = true, yo;
  if (cp >= U'а' && cp <= U'я') return static_cast<int>(cp - U'а');
  if (cp >= U'А' && cp <= U'Я') return upper = true, static_cast<int>(cp - U'А');
  return -1;
}

const cyrillic_model& model() {
  static const cyrillic_model m = [] {
    cyrillic_model out;
    for (int c = 0; c < cyrillic_charsets; ++c) {
      const converter_ptr cnv = open_converter(cyrillic_names[c]);
      if (!cnv) continue;
      for (int b = 0x80; b < 0x100; ++b) {
        const char byte = static_cast<char>(b);
        UChar u[4];
        UErrorCode status = U_ZERO_ERROR;
        ucnv_reset(cnv.get());
        const int32_t n = ucnv_toUChars(cnv.get(), u, 4, &byte, 1, &status);
        if (U_FAILURE(status) || n != 1) continue;
        bool upper = false;
        const int l = letter_of(u[0], upper);
        out.bytes[c][b] = {static_cast<std::int8_t>(l), upper};
      }
    }
    for (const auto& row : bicite::detail::data_rows("text/ru_bigrams.tsv")) {
      if (row.empty()) continue;
      std::size_t pos = 0;
      const std::string_view pair = row[0];
      if (pair.empty()) continue;
      bool upper = false;
      const int a = letter_of(next_code_point(pair, pos), upper);
      if (pos >= pair.size()) continue;
      const int b = letter_of(next_code_point(pair, pos), upper);
      if (a >= 0 && b >= 0 && pos == pair.size()) out.frequent[a][b] = out.loaded = true;
    }
    return out;
  }();
  return m;
}

// What each Cyrillic reading of the bytes makes of them.
struct cyrillic_reading {
  std::size_t letters = 0;   // Russian letters
  std::size_t pairs = 0;     // two letters in a row
  std::size_t frequent = 0;  // pairs in the table of frequent Russian pairs
  std::size_t case_flips = 0;  // a lower-case letter followed by a capital: wrong readings swap case
  long score() const { return static_cast<long>(frequent) - 2 * static_cast<long>(case_flips); }
};

std::array<cyrillic_reading, cyrillic_charsets> read_cyrillic(std::string_view s) {
  const cyrillic_model& m = model();
  std::array<cyrillic_reading, cyrillic_charsets> r{};
  for (int c = 0; c < cyrillic_charsets; ++c) {
    const auto& table = m.bytes[c];
    auto& out = r[c];
    byte_letter prev;
    for (const char ch : s) {
      const byte_letter cur = table[static_cast<unsigned char>(ch)];
      if (cur.letter >= 0) {
        ++out.letters;
        if (prev.letter >= 0) {
          ++out.pairs;
          if (m.frequent[prev.letter][cur.letter]) ++out.frequent;
          if (!prev.upper && cur.upper) ++out.case_flips;
        }
      }
      prev = cur;
    }
  }
  return r;
}

// ---------------------------------------------------------------------------------------------

struct magic_number {
  std::string_view bytes;
  const char* what;
};

// Files people hand to a notes parser by mistake. "\x7f" "ELF" is split so that the hex escape
// stops where it should.
constexpr std::array<magic_number, 11> magic_numbers = {{
    {"PK\x03\x04", "a ZIP archive (.docx, .odt, .epub, …)"},
    {"PK\x05\x06", "a ZIP archive (.docx, .odt, .epub, …)"},
    {"%PDF-", "a PDF file"},
    {"\x7f" "ELF", "an ELF executable"},
    {"\x89PNG\r\n\x1a\n", "a PNG image"},
    {"\xFF\xD8\xFF", "a JPEG image"},
    {"GIF87a", "a GIF image"},
    {"GIF89a", "a GIF image"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an OLE2 compound file (.doc, .xls, …)"},
    {"\x1F\x8B\x08", "a gzip file"},
    {"{\\rtf", "an RTF document"},
}};

struct bom {
  std::string_view bytes;
  const char* name;
};
// UTF-32LE before UTF-16LE: FF FE 00 00 starts both.
constexpr std::array<bom, 5> boms = {{
    {"\xEF\xBB\xBF", "UTF-8"},
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {"\xFF\xFE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE"},
}};

detected_encoding make(std::string name, std::size_t bom_bytes, double confidence, std::string reason) {
  return {std::move(name), bom_bytes, confidence, std::move(reason), false};
}

detected_encoding make_binary(std::string reason) { return {"", 0, 1.0, std::move(reason), true}; }

// UTF-16/32 without a BOM: in Latin or Cyrillic text every code unit has a high byte of 0x00 or
// 0x04, which single-byte text never has in every second byte (0x00 and 0x04 are control codes).
std::string unicode_without_bom(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto plain = [](unsigned hi) { return hi == 0x00 || hi == 0x04; };
  if (s.size() >= 8) {
    std::size_t le = 0, be = 0, units = s.size() / 4;
    for (std::size_t i = 0; i + 4 <= units * 4; i += 4) {
      if (byte(i + 3) == 0 && byte(i + 2) == 0 && plain(byte(i + 1)) && (byte(i) | byte(i + 1)) != 0) ++le;
      if (byte(i) == 0 && byte(i + 1) == 0 && plain(byte(i + 2)) && (byte(i + 2) | byte(i + 3)) != 0) ++be;
    }
    if (le * 10 >= units * 9) return "UTF-32LE";
    if (be * 10 >= units * 9) return "UTF-32BE";
  }
  if (s.size() >= 4) {
    std::size_t le = 0, be = 0, le_nul = 0, be_nul = 0, units = s.size() / 2;
    for (std::size_t i = 0; i + 2 <= units * 2; i += 2) {
      const unsigned a = byte(i), b = byte(i + 1);
      if (a != 0 && plain(b)) ++le;
      if (b != 0 && plain(a)) ++be;
      if (a != 0 && b == 0) ++le_nul;
      if (b != 0 && a == 0) ++be_nul;
    }
    // A NUL unit (two zero bytes) or anything else in more than a tenth of the units: not text.
    if (le * 10 >= units * 9 && le_nul > 0) return "UTF-16LE";
    if (be * 10 >= units * 9 && be_nul > 0) return "UTF-16BE";
    if (le == units) return "UTF-16LE";  // Cyrillic only: 0x04 in every second byte
    if (be == units) return "UTF-16BE";
  }
  return {};
}

// Bytes at the end of `s` that begin a UTF-8 character but stop before it ends (0..3).
std::size_t incomplete_utf8_tail(std::string_view s) {
  const std::size_t n = s.size();
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    const unsigned char c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
    const std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (len <= back) return 0;
    // The lead's first continuation byte has a narrower range for some leads (no overlongs,
    // surrogates or values past U+10FFFF): check it, so that a cut-off character is told from junk.
    if (back >= 2) {
      const unsigned char c1 = static_cast<unsigned char>(s[n - back + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
          (c == 0xF4 && c1 > 0x8F))
        return 0;
    }
    return back;
  }
  return 0;
}

struct utf8_counts {
  std::size_t multibyte = 0;  // valid characters of two or more bytes
  std::size_t invalid = 0;    // bytes of invalid sequences
};

utf8_counts count_utf8(std::string_view s) {
  utf8_counts c;
  s.remove_suffix(incomplete_utf8_tail(s));
  detail::each_non_ascii(s, [&](bool valid) {
    ++(valid ? c.multibyte : c.invalid);
    return true;
  });
  return c;
}

bool cp1252_punctuation(unsigned char c) {
  return c >= 0x80 && c <= 0x9F && c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D;
}

// The canonical names, and ICU's internal name for each, to map any alias onto one of ours.
struct canonical {
  std::string name;
  std::string icu;
};

const std::vector<canonical>& canonicals() {
  static const std::vector<canonical> list = [] {
    std::vector<canonical> out;
    for (const char* name : {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "windows-1251", "KOI8-R",
                             "IBM866", "windows-1252", "ISO-8859-1", "UTF-16", "UTF-32"}) {
      const converter_ptr cnv = open_converter(name);
      UErrorCode status = U_ZERO_ERROR;
      if (cnv) out.push_back({name, ucnv_getName(cnv.get(), &status)});
    }
    return out;
  }();
  return list;
}

// Our name for a charset name ICU knows ("cp1251" → "windows-1251"); empty when ICU does not know it.
std::string canonical_name(std::string_view name) {
  const std::string wanted(name);
  const converter_ptr cnv = open_converter(wanted);
  if (!cnv) return {};
  UErrorCode status = U_ZERO_ERROR;
  const char* icu = ucnv_getName(cnv.get(), &status);
  if (U_FAILURE(status) || !icu) return wanted;
  for (const auto& c : canonicals())
    if (c.icu == icu) return c.name;
  status = U_ZERO_ERROR;
  if (const char* iana = ucnv_getStandardName(icu, "IANA", &status); U_SUCCESS(status) && iana) return iana;
  return icu;
}

bool is_unicode(std::string_view name) { return name.starts_with("UTF-16") || name.starts_with("UTF-32"); }

}  // namespace

const std::vector<std::string>& known_encodings() {
  static const std::vector<std::string> names = {"UTF-8",  "UTF-16LE",     "UTF-16BE", "UTF-32LE",
                                                 "UTF-32BE", "windows-1251", "KOI8-R",   "IBM866",
                                                 "windows-1252", "ISO-8859-1"};
  return names;
}

detected_encoding detect_encoding(std::string_view s) {
  if (s.empty()) return make("UTF-8", 0, 1.0, "empty input");
  for (const auto& m : magic_numbers)
    if (s.starts_with(m.bytes)) return make_binary(m.what);
  for (const auto& b : boms)
    if (s.starts_with(b.bytes)) return make(b.name, b.bytes.size(), 1.0, std::string(b.name) + " byte order mark");
  if (std::string name = unicode_without_bom(s); !name.empty())
    return make(name, 0, 0.9,
                name.starts_with("UTF-32") ? "three zero bytes in every four (UTF-32 without a byte order mark)"
                                           : "a zero byte in every two (UTF-16 without a byte order mark)");

  // Past this point the text is in a byte-oriented encoding, where NUL and most C0 controls have
  // no business. A stray one is repaired downstream (check_utf8); many mean binary data.
  std::size_t nul = 0, controls = 0, high = 0;
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0)
      ++nul;
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A && c != 0x1B)
      ++controls;
    else if (c >= 0x80)
      ++high;
  }
  if (nul > 0 && nul * 1000 >= s.size()) return make_binary(fmt::format("NUL bytes ({} of {})", nul, s.size()));
  if (controls >= 2 && controls * 100 >= s.size())
    return make_binary(fmt::format("control characters ({} of {} bytes)", controls, s.size()));
  if (high == 0) return make("UTF-8", 0, 1.0, "ASCII only");

  const utf8_counts u = count_utf8(s);
  if (u.invalid == 0) return make("UTF-8", 0, 1.0, "valid UTF-8");
  // A UTF-8 file with a few damaged bytes is still UTF-8 (they are repaired and reported), while
  // single-byte text makes valid UTF-8 sequences only by accident ("О»" in windows-1251 is "λ").
  if (u.multibyte >= 4 * u.invalid)
    return make("UTF-8", 0, 0.8, fmt::format("UTF-8 with {} invalid byte{}", u.invalid, u.invalid == 1 ? "" : "s"));

  // Single-byte text. Cyrillic when its best reading makes Russian words: most of its letters
  // stand in pairs, at least two pairs are frequent in Russian, and a good part of them (names like
  // "Вайнштейн" have rare pairs). Western accented letters read as Cyrillic stand alone ("café" →
  // "cafй") or make one pair now and then ("réédition" → "rИИdition" in KOI8-R).
  const auto readings = read_cyrillic(s);
  int best = 0;  // ties go to windows-1251, the most common, then KOI8-R
  for (int c = 1; c < cyrillic_charsets; ++c)
    if (readings[c].score() > readings[best].score()) best = c;
  long second = -1000000000L;
  for (int c = 0; c < cyrillic_charsets; ++c)
    if (c != best) second = std::max(second, readings[c].score());
  const cyrillic_reading& r = readings[best];
  if (r.pairs * 5 >= r.letters * 2 && r.score() >= 2 && r.score() * 4 >= static_cast<long>(r.pairs)) {
    // The lead over the runner-up, in frequent pairs: one pair decides little, ten a lot.
    const double lead = static_cast<double>(r.score() - second);
    const double confidence = std::clamp(lead / (lead + 2.0), 0.1, 0.99);
    return make(cyrillic_names[best], 0, confidence,
                fmt::format("Cyrillic letter pairs, {} of {} frequent in Russian", r.frequent, r.pairs));
  }
  for (const char ch : s)
    if (cp1252_punctuation(static_cast<unsigned char>(ch)))
      return make("windows-1252", 0, 0.7, "Latin text with windows-1252 punctuation in bytes 0x80-0x9F");
  return make("ISO-8859-1", 0, 0.6, "Latin text with accented letters, nothing in bytes 0x80-0x9F");
}

// ---------------------------------------------------------------------------------------------

struct decoder::impl {
  std::string name;
  bool known = true;
  bool utf8 = true;
  bool at_start = true;     // a BOM may still come
  std::string pending;      // UTF-8: bytes of a character cut at the end of the last chunk
  char16_t high_surrogate = 0;  // ICU: the first half of a pair cut at the end of a buffer
  converter_ptr cnv{nullptr, &ucnv_close};

  void put(char32_t cp, std::string& out) {
    if (at_start) {
      at_start = false;
      if (cp == 0xFEFF && is_unicode(name)) return;
    }
    // ICU maps a byte a single-byte charset leaves undefined (0x98 in windows-1251) to the C1
    // control of the same value; that is no character anybody wrote, so it is U+FFFD here as in
    // the Unicode encodings (where a C1 control, written as such, is kept).
    if (cp >= 0x80 && cp <= 0x9F && !is_unicode(name)) cp = 0xFFFD;
    append_utf8(out, cp);
  }

  // ICU's UTF-16 output to UTF-8; a surrogate pair cut at the end of one buffer is joined with
  // the next.
  void emit(const UChar* u, std::size_t n, std::string& out) {
    for (std::size_t i = 0; i < n; ++i) {
      const char16_t c = u[i];
      if (high_surrogate) {
        const char16_t lead = high_surrogate;
        high_surrogate = 0;
        if (U16_IS_TRAIL(c)) {
          put(U16_GET_SUPPLEMENTARY(lead, c), out);
          continue;
        }
        put(0xFFFD, out);
      }
      if (U16_IS_LEAD(c))
        high_surrogate = c;
      else
        put(c, out);
    }
  }

  void convert(std::string_view chunk, bool flush, std::string& out) {
    const char* source = chunk.data();
    const char* const limit = chunk.data() + chunk.size();
    std::array<UChar, 4096> buffer;
    for (;;) {
      UChar* target = buffer.data();
      UErrorCode status = U_ZERO_ERROR;
      ucnv_toUnicode(cnv.get(), &target, buffer.data() + buffer.size(), &source, limit, nullptr, flush, &status);
      emit(buffer.data(), static_cast<std::size_t>(target - buffer.data()), out);
      if (status != U_BUFFER_OVERFLOW_ERROR) break;  // any other failure: nothing more to get
    }
  }

  void feed_utf8(std::string_view chunk, std::string& out) {
    std::string joined;
    if (!pending.empty()) {
      joined = std::move(pending);
      joined.append(chunk);
      chunk = joined;
      pending.clear();
    }
    if (at_start) {
      constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
      if (chunk.size() < utf8_bom.size() && utf8_bom.starts_with(chunk)) {
        pending.assign(chunk);  // maybe the start of a BOM: wait for more
        return;
      }
      at_start = false;
      if (chunk.starts_with(utf8_bom)) chunk.remove_prefix(utf8_bom.size());
    }
    const std::size_t tail = incomplete_utf8_tail(chunk);
    out.append(chunk.substr(0, chunk.size() - tail));
    pending.assign(chunk.substr(chunk.size() - tail));
  }
};

decoder::decoder(std::string_view encoding) : impl_(std::make_unique<impl>()) {
  impl_->name = canonical_name(encoding);
  if (impl_->name.empty()) {
    impl_->known = false;
    impl_->name = "UTF-8";
  }
  impl_->utf8 = impl_->name == "UTF-8";
  if (!impl_->utf8) {
    impl_->cnv = open_converter(impl_->name);
    if (!impl_->cnv) impl_->cnv = open_converter(std::string(encoding));
    if (!impl_->cnv) impl_->known = false, impl_->utf8 = true, impl_->name = "UTF-8";
  }
}

decoder::~decoder() = default;
decoder::decoder(decoder&&) noexcept = default;
decoder& decoder::operator=(decoder&&) noexcept = default;

bool decoder::ok() const noexcept { return impl_ && impl_->known; }

const std::string& decoder::encoding() const noexcept {
  static const std::string none;
  return impl_ ? impl_->name : none;
}

void decoder::feed(std::string_view chunk, std::string& out) {
  if (!impl_ || chunk.empty()) return;
  if (impl_->utf8)
    impl_->feed_utf8(chunk, out);
  else
    impl_->convert(chunk, false, out);
}

void decoder::finish(std::string& out) {
  if (!impl_) return;
  if (impl_->utf8) {
    out.append(impl_->pending);
    impl_->pending.clear();
  } else {
    impl_->convert({}, true, out);
    if (impl_->high_surrogate) impl_->put(0xFFFD, out);
    impl_->high_surrogate = 0;
    ucnv_reset(impl_->cnv.get());
  }
  impl_->at_start = true;
}

// ---------------------------------------------------------------------------------------------

decoded_text decode_input(std::string_view bytes, std::string_view forced_encoding) {
  decoded_text out;
  if (bytes.size() > limits::max_input_bytes) {
    out.diagnostics.push_back({"input.too-large", severity::error, {0, 0},
                               fmt::format("the input has {} bytes, more than the {} bicite reads at once",
                                           bytes.size(), limits::max_input_bytes),
                               "split the input, or read it with the streaming parser"});
    return out;
  }
  if (!forced_encoding.empty()) {
    const std::string name = canonical_name(forced_encoding);
    if (name.empty()) {
      std::string names;
      for (const auto& n : known_encodings()) names += (names.empty() ? "" : ", ") + n;
      out.diagnostics.push_back({"input.unknown-encoding", severity::error, {0, 0},
                                 fmt::format("unknown encoding \"{}\"", forced_encoding),
                                 "use one of " + names + " (or another name ICU knows, e.g. cp1251, koi8-r, latin1)"});
      return out;
    }
    out.encoding = make(name, 0, 1.0, "as requested");
    // A BOM of the requested encoding (or, for the unmarked UTF-16/32, of either byte order) is
    // still a BOM, not text.
    for (const auto& b : boms)
      if (bytes.starts_with(b.bytes) && (name == b.name || (is_unicode(name) && name.size() == 6 &&
                                                             std::string_view(b.name).starts_with(name)))) {
        out.encoding.bom_bytes = b.bytes.size();
        break;
      }
  } else {
    out.encoding = detect_encoding(bytes);
  }

  const detected_encoding& enc = out.encoding;
  if (enc.binary) {
    out.diagnostics.push_back({"input.binary", severity::error, {0, 0},
                               "the input is not text: it looks like " + enc.reason,
                               "save it as plain text (UTF-8) first"});
    return out;
  }
  if (enc.name == "UTF-8") {
    checked_text checked = check_utf8(bytes.substr(enc.bom_bytes));
    out.text = std::move(checked.text);
    for (auto& d : checked.diagnostics) {
      d.where.begin += enc.bom_bytes;
      d.where.end += enc.bom_bytes;
      out.diagnostics.push_back(std::move(d));
    }
    return out;
  }
  // The decoder drops the BOM itself, as it does for a stream: one code path for both.
  decoder dec(enc.name);
  out.text.reserve(bytes.size() + bytes.size() / 2);
  dec.feed(bytes, out.text);
  dec.finish(out.text);
  out.diagnostics.push_back({"input.encoding", severity::note, {0, 0},
                             forced_encoding.empty() ? fmt::format("read as {} (detected: {})", enc.name, enc.reason)
                                                     : fmt::format("read as {} (as requested)", enc.name)});
  return out;
}

}  // namespace bicite::text
