// Hostile input: binary data, invalid UTF-8, a long line without breaks, a huge note, unclosed
// quotes. Never a crash; a warning with a position; the rest is still parsed.
#include <doctest/doctest.h>

#include <bicite/limits.hpp>
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include <chrono>
#include <random>

#include "expect.hpp"
#include "support.hpp"

using bicite::parse::parse_document;

namespace {
bool has_code(const std::vector<bicite::diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return true;
  return false;
}
}  // namespace

TEST_CASE("binary data does not crash the parser") {
  std::mt19937 rng(42);
  std::string junk(200000, '\0');
  for (auto& c : junk) c = static_cast<char>(rng() & 0xFF);
  const auto doc = parse_document(junk);
  CHECK(has_code(doc.diagnostics, "text.invalid-utf8"));
  const auto bib = bicite::resolve::resolve(doc);
  const std::string jsonl = bicite::notes_jsonl::write(bib.document);
  CHECK(jsonl.size() < junk.size() * 8);
}

TEST_CASE("invalid UTF-8 inside a note: a warning with its position, the note still parsed") {
  const std::string input =
      "1. Catherine Belton, “Russia \xFF\xFE projects,” The Washington Post, January 28, 2024, https://wapo.com/a.\n"
      "2. Ibid.\n";
  const auto doc = parse_document(input);
  REQUIRE(!doc.diagnostics.empty());
  CHECK(doc.diagnostics[0].code == "text.invalid-utf8");
  CHECK(doc.diagnostics[0].where.begin == input.find('\xFF'));
  REQUIRE(doc.notes.size() == 2);
  REQUIRE(doc.notes[0].citations.size() == 1);
  CHECK(parse_test::field(doc.notes[0].citations[0].item, "container-title") == "The Washington Post");
}

TEST_CASE("a 2 MB line without breaks and a 100,000-byte note: a warning, the rest parsed, time linear") {
  std::string note = "1. Catherine Belton, “";
  while (note.size() < 100000) note += "Russia projects confidence as it pursues alliances ";
  note += ",” The Washington Post, January 28, 2024.\n2. Stephen Blank, “A View from Russia,” The Asan Forum, October 23, 2023.\n";
  const auto doc = parse_document(note);
  REQUIRE(doc.notes.size() == 2);
  CHECK(has_code(doc.diagnostics, "parse.note-too-long"));
  for (const auto& d : doc.diagnostics)
    if (d.code == "parse.note-too-long") CHECK(d.where.begin > 0);
  REQUIRE(doc.notes[1].citations.size() == 1);
  CHECK(parse_test::field(doc.notes[1].citations[0].item, "title") == "A View from Russia");

  // One line without breaks: 1 MB and 2 MB take time in proportion (not quadratic).
  auto time_of = [](std::size_t bytes) {
    std::string line;
    while (line.size() < bytes) line += "Smith, “A Title,” Venue, May 5, 2020, https://example.org/x; ";
    const auto t0 = std::chrono::steady_clock::now();
    const auto d = parse_document(line);
    const auto t1 = std::chrono::steady_clock::now();
    CHECK(d.notes.size() == 1);
    return std::chrono::duration<double>(t1 - t0).count();
  };
  const double small = time_of(1 << 20);
  const double big = time_of(2 << 20);
  CHECK(big < small * 4 + 0.05);
}

TEST_CASE("unclosed quotes everywhere, empty and odd notes") {
  const char* inputs[] = {"", "\n\n\n", "1.", "1. “", "1. «««««", "1. ”,”,”,", "1. (((((((", "1. Ibid", "1. — — — //",
                          "1. https://", "1. 99999999999999999999", "[^]: x", "1. Smith, “A, B, C, D, E, F, G"};
  for (const char* in : inputs) {
    CAPTURE(in);
    const auto doc = parse_document(in);
    const auto bib = bicite::resolve::resolve(doc);
    CHECK(bicite::notes_jsonl::write(bib.document).size() < 10000);
  }
  const auto doc = parse_document("1. Smith, “A Title, Venue, 2020.\n2. Jones, “Other,” Venue, 2021.\n");
  REQUIRE(doc.notes.size() == 2);
  CHECK(has_code(doc.notes[0].diagnostics, "parse.unclosed-quote"));
  CHECK(parse_test::field(doc.notes[1].citations.at(0).item, "title") == "Other");
}

TEST_CASE("a document past limits::max_input_bytes is refused whole with input.too-large") {
  bicite_test::sparse_bytes huge(bicite::limits::max_input_bytes + 1);
  REQUIRE(huge.ok());
  const auto doc = parse_document(huge.view());
  CHECK(doc.notes.empty());
  REQUIRE(doc.diagnostics.size() == 1);
  CHECK(doc.diagnostics[0].code == "input.too-large");
  CHECK(doc.diagnostics[0].level == bicite::severity::error);
}
