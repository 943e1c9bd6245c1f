// Input encodings: detection, whole-input decoding and streaming decoding. Test inputs are made
// with glibc's iconv, so that the library's ICU decoding is checked against a second implementation.
#include <doctest/doctest.h>

#include <iconv.h>
#include <unicode/ucsdet.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <bicite/limits.hpp>
#include <bicite/text.hpp>

#include "support.hpp"

using namespace bicite::text;

namespace {

// UTF-8 → `charset` with iconv; nothing when the charset lacks a character of the text.
std::optional<std::string> try_encode(const std::string& utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  REQUIRE_MESSAGE(cd != reinterpret_cast<iconv_t>(-1), charset);
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* to = out.data();
  std::size_t to_left = out.size();
  const std::size_t r = iconv(cd, &in, &in_left, &to, &to_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) return std::nullopt;
  out.resize(out.size() - to_left);
  return out;
}

// The same, failing the test on a character the charset lacks.
std::string encode(const std::string& utf8, const char* charset) {
  auto out = try_encode(utf8, charset);
  REQUIRE_MESSAGE(out.has_value(), "iconv cannot write this text in " << charset << ": " << utf8.substr(0, 80));
  return *out;
}

// Typographic marks that KOI8-R, IBM866 or ISO-8859-1 lack, as ASCII, so that a round trip is exact.
std::string plain_marks(std::string s) {
  static const std::vector<std::pair<std::string, std::string>> marks = {
      {"«", "\""}, {"»", "\""}, {"“", "\""}, {"”", "\""}, {"„", "\""}, {"–", "-"}, {"—", "-"},
      {"№", "N"},  {"…", "..."}, {"’", "'"}, {"‘", "'"}, {"\xC2\xA0", " "}};
  for (const auto& [from, to] : marks)
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

std::string with_bom(const std::string& utf8, const char* charset) {
  const std::string body = encode(utf8, charset);
  const std::string_view name = charset;
  if (name == "UTF-8") return "\xEF\xBB\xBF" + body;
  if (name == "UTF-16LE") return "\xFF\xFE" + body;
  if (name == "UTF-16BE") return "\xFE\xFF" + body;
  if (name == "UTF-32LE") return std::string("\xFF\xFE\x00\x00", 4) + body;
  if (name == "UTF-32BE") return std::string("\x00\x00\xFE\xFF", 4) + body;
  return body;
}

std::string decode_in_chunks(std::string_view bytes, std::string_view encoding, std::size_t chunk) {
  decoder dec(encoding);
  std::string out;
  for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) dec.feed(bytes.substr(pos, chunk), out);
  dec.finish(out);
  return out;
}

bool has_code(const decoded_text& d, std::string_view code) {
  for (const auto& diag : d.diagnostics)
    if (diag.code == code) return true;
  return false;
}

// A small deterministic generator: the same "random" bytes on every run.
std::string random_bytes(std::size_t n, std::uint32_t seed) {
  std::string out(n, '\0');
  for (auto& c : out) {
    seed = seed * 1664525u + 1013904223u;
    c = static_cast<char>(seed >> 24);
  }
  return out;
}

const std::vector<std::string> short_notes = {
    "1. Иванов И. И. История русской философии. — М.: Наука, 2020. — 320 с.",
    "Лукин А. В. Россия и Китай: четыре века взаимодействия // Международная жизнь. 2023. № 5. С. 12–34.",
    "Психологический словарь [Электронный ресурс]. – Режим доступа: http://psylist.net/slovar/",
    "Сидорова Е. П. Эргономика: учебное пособие. Минск: БГУИР, 2015.",
    "См. также: Указ Президента Российской Федерации от 31.03.2023 г. № 229.",
};

std::string corpus(const char* name) {
  std::string text = bicite_test::read_file(bicite_test::shared_path(std::string("corpus/") + name));
  REQUIRE(is_valid_utf8(text));
  return text;
}

// The corpus's notes with Cyrillic in them, one per line ("12. …"), comment lines left out.
std::vector<std::string> cyrillic_notes() {
  std::vector<std::string> notes;
  for (const char* name : {"kinevich-2018-sensorimotor.txt", "weitz-2024-view-from-russia.txt"}) {
    const std::string text = corpus(name);
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(start, end - start);
      start = end + 1;
      if (!line.empty() && line[0] != '#' && has_cyrillic(line)) notes.push_back(line);
    }
  }
  return notes;
}

std::size_t cyrillic_letters(std::string_view s) {
  std::size_t n = 0, pos = 0;
  while (pos < s.size())
    if (script_of(next_code_point(s, pos)) == script::cyrillic) ++n;
  return n;
}

// ICU's charset detector, for comparison: its best guess, or "".
std::string icu_guess(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  std::string name;
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_SUCCESS(status) && match) name = ucsdet_getName(match, &status);
  ucsdet_close(det);
  return name;
}

// The reference strings of AnyStyle's training files as plain text (tags dropped, entities read).
std::vector<std::string> anystyle_references(const char* file) {
  const std::string xml = bicite_test::read_file(bicite_test::shared_path(std::string("training/anystyle/") + file));
  std::vector<std::string> refs;
  for (std::size_t pos = 0; (pos = xml.find("<sequence>", pos)) != std::string::npos;) {
    const std::size_t end = xml.find("</sequence>", pos);
    if (end == std::string::npos) break;
    std::string text;
    bool in_tag = false;
    for (std::size_t i = pos + 10; i < end; ++i) {
      const char c = xml[i];
      if (c == '<') in_tag = true;
      else if (c == '>') in_tag = false, text += ' ';
      else if (!in_tag) text += c == '\n' ? ' ' : c;
    }
    for (const auto& [entity, ch] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
      for (std::size_t e = 0; (e = text.find(entity, e)) != std::string::npos; e += ch.size()) text.replace(e, entity.size(), ch);
    refs.push_back(std::move(text));
    pos = end;
  }
  return refs;
}

}  // namespace

TEST_CASE("empty and ASCII input are UTF-8 without any diagnostic") {
  auto empty = decode_input("");
  CHECK(empty.encoding.name == "UTF-8");
  CHECK_FALSE(empty.encoding.binary);
  CHECK(empty.text.empty());
  CHECK(empty.diagnostics.empty());
  auto ascii = decode_input("1. Smith, J. A History. London, 2001.\n");
  CHECK(ascii.encoding.name == "UTF-8");
  CHECK(ascii.text == "1. Smith, J. A History. London, 2001.\n");
  CHECK(ascii.diagnostics.empty());
}

TEST_CASE("valid UTF-8 is UTF-8; a BOM is removed and counted") {
  const std::string note = "Лукин А. В. «Россия и Китай» — 2023.";
  auto plain = decode_input(note);
  CHECK(plain.encoding.name == "UTF-8");
  CHECK(plain.encoding.confidence == 1.0);
  CHECK(plain.text == note);
  CHECK(plain.diagnostics.empty());
  auto bom = decode_input("\xEF\xBB\xBF" + note);
  CHECK(bom.encoding.name == "UTF-8");
  CHECK(bom.encoding.bom_bytes == 3);
  CHECK(bom.text == note);
  CHECK(bom.diagnostics.empty());  // UTF-8 is no news
  // A sample cut in the middle of a character is still UTF-8.
  CHECK(detect_encoding(std::string_view(note).substr(0, note.find("Россия") + 1)).name == "UTF-8");
}

TEST_CASE("invalid bytes in UTF-8 input are repaired and reported at their offset in the input") {
  const std::string input = "\xEF\xBB\xBF" "Привет, мир: \xFF ещё раз, снова и снова, и ещё";
  const auto detected = detect_encoding(std::string_view(input).substr(3));
  CHECK(detected.name == "UTF-8");
  CHECK(detected.reason == "UTF-8 with 1 invalid byte");
  auto d = decode_input(input);
  CHECK(d.encoding.name == "UTF-8");
  CHECK(d.encoding.bom_bytes == 3);
  CHECK(d.text == "Привет, мир: \xEF\xBF\xBD ещё раз, снова и снова, и ещё");
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == "text.invalid-utf8");
  CHECK(d.diagnostics[0].where.begin == input.find('\xFF'));
}

TEST_CASE("byte order marks name UTF-16 and UTF-32 in both byte orders") {
  const std::string text = "Лукин А. В. Russia and China 𝔸 2023";  // 𝔸: a surrogate pair in UTF-16
  for (const char* charset : {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "UTF-8"}) {
    CAPTURE(charset);
    const std::string bytes = with_bom(text, charset);
    auto d = decode_input(bytes);
    CHECK(d.encoding.name == charset);
    CHECK(d.encoding.bom_bytes == (std::string_view(charset).starts_with("UTF-32") ? 4u : std::string_view(charset) == "UTF-8" ? 3u : 2u));
    CHECK(d.text == text);
    CHECK(has_code(d, "input.encoding") == (std::string_view(charset) != "UTF-8"));
  }
}

TEST_CASE("UTF-16 and UTF-32 without a BOM are recognised by their zero bytes") {
  const std::string text = "1. Smith, J. A History of Russia. London, 2001. Лукин А. В.";
  for (const char* charset : {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
    CAPTURE(charset);
    auto d = decode_input(encode(text, charset));
    CHECK(d.encoding.name == charset);
    CHECK(d.encoding.bom_bytes == 0);
    CHECK(d.text == text);
  }
  // Cyrillic only: no zero byte at all, 0x04 in every second one.
  CHECK(detect_encoding(encode("Россия", "UTF-16LE")).name == "UTF-16LE");
  CHECK(detect_encoding(encode("Россия", "UTF-16BE")).name == "UTF-16BE");
}

TEST_CASE("short Russian notes: windows-1251, KOI8-R and IBM866 are told apart by letter pairs") {
  for (const auto& utf8 : short_notes) {
    const std::string note = plain_marks(utf8);
    for (const char* charset : {"CP1251", "KOI8-R", "CP866"}) {
      const std::string bytes = encode(note, charset);
      CAPTURE(note);
      CAPTURE(charset);
      const auto detected = detect_encoding(bytes);
      const std::map<std::string_view, std::string_view> ours = {{"CP1251", "windows-1251"}, {"KOI8-R", "KOI8-R"}, {"CP866", "IBM866"}};
      CHECK(detected.name == ours.at(charset));
      CHECK(detected.reason.find("Cyrillic letter pairs") != std::string::npos);
      CHECK(detected.confidence > 0.5);
      auto d = decode_input(bytes);
      CHECK(d.text == note);
      REQUIRE(d.diagnostics.size() == 1);
      CHECK(d.diagnostics[0].code == "input.encoding");
      CHECK(d.diagnostics[0].level == bicite::severity::note);
      CHECK(d.diagnostics[0].where.begin == 0);
      CHECK(d.diagnostics[0].message.starts_with("read as " + std::string(ours.at(charset)) + " (detected: Cyrillic letter pairs"));
    }
    // windows-1251 has every mark of the note: the original, unchanged, comes back.
    CHECK(decode_input(encode(utf8, "CP1251")).text == utf8);
  }
}

TEST_CASE("Western text: windows-1252 by its punctuation, else ISO-8859-1") {
  const std::string quoted = "Müller, K. “Gödel’s café” – naïve études. Zürich: Verlag, 1999.";
  auto cp1252 = decode_input(encode(quoted, "CP1252"));
  CHECK(cp1252.encoding.name == "windows-1252");
  CHECK(cp1252.text == quoted);
  CHECK(has_code(cp1252, "input.encoding"));
  const std::string plain = "Müller, K. \"Gödel's café\" - naïve études. Zürich: Verlag, 1999. Façade, señor, Ångström.";
  auto latin1 = decode_input(encode(plain, "ISO-8859-1"));
  CHECK(latin1.encoding.name == "ISO-8859-1");
  CHECK(latin1.text == plain);
  // German "Füße" puts two accented letters together; read as windows-1251 that is "ьЯ", a
  // lower-case letter before a capital, which Russian does not do.
  CHECK(detect_encoding(encode("Die Füße, die Straße; Größe.", "ISO-8859-1")).name == "ISO-8859-1");
}

TEST_CASE("binary input is refused with what it looks like") {
  const std::map<std::string, std::string> samples = {
      {std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml", "ZIP archive (.docx"},
      {"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF file"},
      {std::string("\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", 16), "ELF executable"},
      {std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16), "PNG image"},
      {"\xFF\xD8\xFF\xE0\x00\x10JFIF", "JPEG image"},
      {"GIF89a\x01\x00\x01\x00", "GIF image"},
      {random_bytes(4096, 7), "NUL bytes"},
      {std::string("text\0with\0nuls\0", 15), "NUL bytes"},
      {"\x01\x02\x03\x04\x05\x06 ctl \x0e\x0f\x10", "control characters"},
  };
  for (const auto& [bytes, what] : samples) {
    CAPTURE(what);
    const auto detected = detect_encoding(bytes);
    CHECK(detected.binary);
    CHECK(detected.reason.find(what) != std::string::npos);
    auto d = decode_input(bytes);
    CHECK(d.text.empty());
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].code == "input.binary");
    CHECK(d.diagnostics[0].level == bicite::severity::error);
    CHECK(d.diagnostics[0].message.find(what) != std::string::npos);
  }
  // One stray NUL in a long text is repaired like any invalid byte, not a reason to refuse it.
  std::string long_text(4000, 'a');
  long_text[2000] = '\0';
  auto d = decode_input(long_text);
  CHECK_FALSE(d.encoding.binary);
  CHECK(has_code(d, "text.invalid-utf8"));
}

TEST_CASE("a forced encoding is used as given; an unknown one is an error listing valid names") {
  const std::string bytes = encode("История России", "CP1251");
  for (const char* name : {"cp1251", "windows-1251", "CP1251"}) {
    auto d = decode_input(bytes, name);
    CHECK(d.encoding.name == "windows-1251");
    CHECK(d.text == "История России");
    REQUIRE(d.diagnostics.size() == 1);
    CHECK(d.diagnostics[0].message == "read as windows-1251 (as requested)");
  }
  CHECK(decode_input(bytes, "koi8-r").encoding.name == "KOI8-R");
  CHECK(decode_input(bytes, "latin1").encoding.name == "ISO-8859-1");
  auto utf16 = decode_input(with_bom("Россия", "UTF-16BE"), "UTF-16");
  CHECK(utf16.text == "Россия");
  CHECK(utf16.encoding.bom_bytes == 2);
  auto bom8 = decode_input("\xEF\xBB\xBFок", "utf-8");
  CHECK(bom8.text == "ок");
  CHECK(bom8.diagnostics.empty());

  auto bad = decode_input(bytes, "cp1215x");
  CHECK(bad.text.empty());
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].code == "input.unknown-encoding");
  CHECK(bad.diagnostics[0].level == bicite::severity::error);
  CHECK(bad.diagnostics[0].message.find("cp1215x") != std::string::npos);
  CHECK(bad.diagnostics[0].hint.find("windows-1251") != std::string::npos);
  CHECK(bad.diagnostics[0].hint.find("KOI8-R") != std::string::npos);
}

TEST_CASE("bytes a charset leaves undefined become U+FFFD; input past the size limit is refused") {
  CHECK(decode_input("\x98", "windows-1251").text == "\xEF\xBF\xBD");
  CHECK(decode_input("a\x81z", "windows-1252").text == "a\xEF\xBF\xBD" "z");
  bicite_test::sparse_bytes huge(bicite::limits::max_input_bytes + 1);
  REQUIRE(huge.ok());
  auto d = decode_input(huge.view());
  CHECK(d.text.empty());
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == "input.too-large");
}

TEST_CASE("the decoder gives the same for any chunk size, whatever the encoding") {
  const std::string text = "1. Лукин А. В. «Россия и Китай» — 2023 (𝔸, ё, №). Müller.\n2. Ещё одна сноска.";
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"UTF-8", with_bom(text, "UTF-8")},       {"UTF-8", text},
      {"UTF-16LE", with_bom(text, "UTF-16LE")}, {"UTF-16BE", with_bom(text, "UTF-16BE")},
      {"UTF-32LE", with_bom(text, "UTF-32LE")}, {"UTF-32BE", encode(text, "UTF-32BE")},
      {"UTF-16", with_bom(text, "UTF-16BE")},
  };
  for (const auto& [encoding, bytes] : inputs) {
    CAPTURE(encoding);
    const std::string whole = decode_in_chunks(bytes, encoding, bytes.size());
    CHECK(whole == text);
    for (std::size_t chunk = 1; chunk <= 64; ++chunk) {
      CAPTURE(chunk);
      CHECK(decode_in_chunks(bytes, encoding, chunk) == whole);
    }
  }
  const std::string cyr = encode(plain_marks(short_notes[1]), "KOI8-R");
  for (std::size_t chunk = 1; chunk <= 64; ++chunk) CHECK(decode_in_chunks(cyr, "KOI8-R", chunk) == plain_marks(short_notes[1]));
}

TEST_CASE("the UTF-8 decoder ends every output on a character boundary and keeps bad bytes") {
  const std::string text = "\xEF\xBB\xBF" "Ёж \xFF ёж 𝔸";
  decoder dec("UTF-8");
  std::string all;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string out;
    dec.feed(std::string_view(text).substr(i, 1), out);
    if (!out.empty()) {
      const auto last = static_cast<unsigned char>(out.back());
      CHECK((last < 0x80 || (last & 0xC0) == 0x80 || last == 0xFF));
    }
    all += out;
  }
  dec.finish(all);
  CHECK(all == "Ёж \xFF ёж 𝔸");
  // A truncated character at the very end is handed over as it is by finish().
  decoder cut("utf8");
  std::string out;
  cut.feed("ok \xD0", out);
  CHECK(out == "ok ");
  cut.finish(out);
  CHECK(out == "ok \xD0");
}

TEST_CASE("a truncated UTF-16 character at the end becomes U+FFFD; unknown decoder names are reported") {
  decoder dec("UTF-16LE");
  std::string out;
  dec.feed(std::string("a\0b", 3), out);
  dec.finish(out);
  CHECK(out == "a\xEF\xBF\xBD");
  // A lone lead surrogate, then a good pair and a C1 control written as such (kept, unlike an
  // undefined single-byte code).
  const std::string units("\x00\xD8\x35\xD8\x38\xDD\x85\x00", 8);
  for (std::size_t chunk = 1; chunk <= units.size(); ++chunk) CHECK(decode_in_chunks(units, "UTF-16LE", chunk) == "\xEF\xBF\xBD𝔸\xC2\x85");
  decoder bad("no-such-charset");
  CHECK_FALSE(bad.ok());
  CHECK(bad.encoding() == "UTF-8");
  CHECK(decoder("cp866").encoding() == "IBM866");
  CHECK(decoder("cp866").ok());
}

TEST_CASE("no bytes crash detection or decoding, and every decoding is valid UTF-8") {
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    std::string bytes = random_bytes(seed % 97, seed);
    if (seed % 3 == 0) bytes = "\xFF\xFE" + bytes;  // through the UTF-16 path too
    if (seed % 5 == 0)
      for (auto& c : bytes) c = static_cast<char>(static_cast<unsigned char>(c) | 0x80);  // high bytes only
    (void)detect_encoding(bytes);
    auto d = decode_input(bytes);
    CHECK(is_valid_utf8(d.text));
    for (const auto& name : known_encodings()) {
      auto forced = decode_input(bytes, name);
      CHECK(is_valid_utf8(forced.text));
      CHECK(decode_in_chunks(bytes, name, 1 + seed % 7) == decode_in_chunks(bytes, name, bytes.size() + 1));
    }
  }
}

TEST_CASE("detection and decoding take time linear in the input") {
  // 4 MB of windows-1251: done in one pass each (a quadratic step would not finish here).
  std::string big;
  const std::string note = encode(short_notes[0] + "\n", "CP1251");
  while (big.size() < (4u << 20)) big += note;
  auto d = decode_input(big);
  CHECK(d.encoding.name == "windows-1251");
  CHECK(d.text.size() > big.size());
}

TEST_SUITE("shared") {


TEST_CASE("whole corpus files come back exactly from every encoding they fit") {
  struct round_trip {
    const char* file;
    const char* charset;  // iconv's name
    const char* ours;
    bool plain;           // typographic marks made ASCII first (the charset lacks them)
  };
  const round_trip cases[] = {
      {"weitz-2024-view-from-russia.txt", "CP1251", "windows-1251", false},
      {"kinevich-2018-sensorimotor.txt", "CP1251", "windows-1251", false},
      {"weitz-2024-view-from-russia.txt", "KOI8-R", "KOI8-R", true},
      {"kinevich-2018-sensorimotor.txt", "KOI8-R", "KOI8-R", true},
      {"kinevich-2018-sensorimotor.txt", "CP866", "IBM866", true},
      {"weitz-2024-view-from-russia.txt", "UTF-16LE", "UTF-16LE", false},
      {"kinevich-2018-sensorimotor.txt", "UTF-16BE", "UTF-16BE", false},
      {"weitz-2024-view-from-russia.txt", "UTF-32LE", "UTF-32LE", false},
      {"kinevich-2018-sensorimotor.txt", "UTF-32BE", "UTF-32BE", false},
      {"weitz-2024-view-from-russia.txt", "UTF-8", "UTF-8", false},
      {"robinson-2025-ilyin-freedom.txt", "CP1252", "windows-1252", false},
      {"robinson-2025-ilyin-freedom.txt", "ISO-8859-1", "ISO-8859-1", true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    CAPTURE(c.charset);
    std::string text = corpus(c.file);
    if (c.plain) text = plain_marks(text);
    const std::string bytes = with_bom(text, c.charset);
    auto d = decode_input(bytes);
    CHECK(d.encoding.name == c.ours);
    CHECK(d.text == text);
    CHECK(has_code(d, "input.encoding") == (std::string_view(c.ours) != "UTF-8"));
    for (std::size_t chunk = 1; chunk <= 64; ++chunk) {
      CAPTURE(chunk);
      CHECK(decode_in_chunks(bytes, d.encoding.name, chunk) == text);
    }
  }
}

TEST_CASE("every Russian note of the corpus alone (60-200 bytes) is read right in windows-1251 and KOI8-R") {
  std::size_t tried = 0;
  for (const auto& utf8 : cyrillic_notes()) {
    const std::string note = plain_marks(utf8);
    for (const char* charset : {"CP1251", "KOI8-R"}) {
      std::string bytes = encode(note, charset);
      if (bytes.size() < 60) continue;
      bytes.resize(std::min<std::size_t>(bytes.size(), 200));
      // A note whose first 200 bytes hold one Russian word or two is not a Russian note.
      const std::string head = *to_utf8(bytes, charset == std::string_view("CP1251") ? "windows-1251" : "KOI8-R");
      if (cyrillic_letters(head) < 8) continue;
      CAPTURE(head);
      CHECK(detect_encoding(bytes).name == (charset == std::string_view("CP1251") ? "windows-1251" : "KOI8-R"));
      ++tried;
    }
  }
  MESSAGE(tried << " notes of 60-200 bytes tried");
  CHECK(tried > 100);
}

TEST_CASE("reliability by sample size, measured on the corpus notes (printed for lib/text/README.md)") {
  // Every window of n bytes (n = 16…128, every 8 bytes along each note) of every Cyrillic note in
  // windows-1251, KOI8-R and IBM866; counted by the Cyrillic letters the window holds.
  std::map<std::size_t, std::pair<std::size_t, std::size_t>> by_letters;  // bucket → (right, all)
  std::map<std::size_t, std::pair<std::size_t, std::size_t>> by_bytes;
  std::map<std::size_t, std::pair<std::size_t, std::size_t>> icu_by_bytes;  // windows-1251 and KOI8-R only
  const std::map<std::string_view, std::string_view> ours = {{"CP1251", "windows-1251"}, {"KOI8-R", "KOI8-R"}, {"CP866", "IBM866"}};
  for (const auto& utf8 : cyrillic_notes()) {
    const std::string note = plain_marks(utf8);
    for (const auto& [charset, name] : ours) {
      const std::string bytes = encode(note, std::string(charset).c_str());
      for (std::size_t n : {16, 24, 32, 48, 64, 96, 128}) {
        for (std::size_t start = 0; start == 0 || start + n <= bytes.size(); start += 8) {
          const std::string window = bytes.substr(start, n);
          const std::size_t letters = cyrillic_letters(*to_utf8(window, name));
          if (letters < 4) continue;
          const bool right = detect_encoding(window).name == name;
          if (charset != "CP866" && letters >= 8) {  // ICU's detector knows no IBM866
            auto& i = icu_by_bytes[n];
            i.first += icu_guess(window) == name, ++i.second;
          }
          auto& l = by_letters[std::min<std::size_t>(letters / 4 * 4, 32)];
          l.first += right, ++l.second;
          if (letters >= 8) {
            auto& b = by_bytes[n];
            b.first += right, ++b.second;
          }
        }
      }
    }
  }
  std::string report = "Cyrillic letters in the window: right/all\n";
  for (const auto& [k, v] : by_letters) report += "  " + std::to_string(k) + "+: " + std::to_string(v.first) + "/" + std::to_string(v.second) + "\n";
  report += "window bytes (windows with 8+ letters): right/all\n";
  for (const auto& [k, v] : by_bytes) report += "  " + std::to_string(k) + ": " + std::to_string(v.first) + "/" + std::to_string(v.second) + "\n";
  report += "ICU's ucsdet on the windows-1251 and KOI8-R windows of 8+ letters: right/all\n";
  for (const auto& [k, v] : icu_by_bytes) report += "  " + std::to_string(k) + ": " + std::to_string(v.first) + "/" + std::to_string(v.second) + "\n";
  MESSAGE(report);
  for (const auto& [k, v] : by_letters)
    if (k >= 16) CHECK(v.first == v.second);  // 16 Cyrillic letters or more: never wrong on the corpus
}

TEST_CASE("Western references with accented letters are never read as Cyrillic") {
  // AnyStyle's training references (English, French, German, Spanish, …), each alone, in
  // windows-1252 and, where they fit, ISO-8859-1.
  std::size_t tried = 0, cyrillic = 0;
  for (const char* file : {"core.xml", "good.xml", "ugly.xml", "bad.xml"}) {
    for (const auto& ref : anystyle_references(file)) {
      if (has_cyrillic(ref)) continue;
      for (const char* charset : {"CP1252", "ISO-8859-1"}) {
        const auto bytes = try_encode(ref, charset);
        if (!bytes || is_valid_utf8(*bytes)) continue;  // not encodable, or nothing beyond ASCII
        ++tried;
        const auto detected = detect_encoding(*bytes);
        const bool western = detected.name == "windows-1252" || detected.name == "ISO-8859-1";
        if (!western) ++cyrillic;
        CHECK_MESSAGE(western, ref << " read as " << detected.name << " (" << detected.reason << ")");
        CHECK(decode_input(*bytes).text == ref);
      }
    }
  }
  MESSAGE(tried << " references tried, " << cyrillic << " read as something else");
  CHECK(tried > 1000);
}

}  // TEST_SUITE("shared")
