// The verbs of the public API (csljson::read/write, notes_jsonl::write/append, parse::find_notes,
// csl::read_style/open_style) give exactly what the deprecated names they replace gave, on the
// bundled sample. The deprecated names are called on purpose, so their warning is off in this file.
#include <doctest/doctest.h>

#include <bicite/bicite.hpp>

#include <string>
#include <vector>

#include "support.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace {

const std::string& sample() {
  static const std::string text =
      bicite_test::read_file(bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt"));
  return text;
}

const bicite::resolve::bibliography& resolved() {
  static const auto bib = bicite::resolve::resolve(bicite::parse::parse_document(sample()));
  return bib;
}

std::vector<std::string> lines(const std::vector<bicite::diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics)
    out.push_back(bicite::to_string(d) + " @" + std::to_string(d.where.begin) + "-" + std::to_string(d.where.end));
  return out;
}

}  // namespace

TEST_CASE("parse::find_notes gives split_notes' notes and diagnostics") {
  // the sample, and the sample without the line of its second note (a parse.missing-note diagnostic)
  std::string gap = sample();
  const auto second = gap.find("\n2. ");
  REQUIRE(second != std::string::npos);
  gap.erase(second + 1, gap.find('\n', second + 1) - second);
  for (const std::string& text : {sample(), gap}) {
    std::vector<bicite::diagnostic> old_diagnostics;
    const auto old_notes = bicite::parse::split_notes(text, &old_diagnostics);
    const auto found = bicite::parse::find_notes(text);
    REQUIRE(found.notes.size() == old_notes.size());
    CHECK(found.notes.size() > 80);
    for (std::size_t i = 0; i < old_notes.size(); ++i) {
      CHECK(found.notes[i].number == old_notes[i].number);
      CHECK(found.notes[i].text == old_notes[i].text);
      CHECK(found.notes[i].where.begin == old_notes[i].where.begin);
      CHECK(found.notes[i].where.end == old_notes[i].where.end);
      CHECK(found.notes[i].pieces == old_notes[i].pieces);
    }
    CHECK(lines(found.diagnostics) == lines(old_diagnostics));
  }
  std::vector<bicite::diagnostic> old_gap;
  (void)bicite::parse::split_notes(gap, &old_gap);
  CHECK(!old_gap.empty());
}

TEST_CASE("notes_jsonl::write and append give to_notes_jsonl's and append_note_jsonl's lines") {
  const auto& doc = resolved().document;
  REQUIRE(doc.notes.size() > 80);
  CHECK(bicite::notes_jsonl::write(doc) == bicite::parse::to_notes_jsonl(doc));
  CHECK(bicite::notes_jsonl::write(doc, {.sources = true}) == bicite::parse::to_notes_jsonl(doc, {.sources = true}));
  std::string appended, old_appended;
  for (const auto& note : doc.notes) {
    CHECK(bicite::notes_jsonl::write(note) == bicite::parse::to_notes_jsonl(note));
    bicite::notes_jsonl::append(appended, note, {.sources = true});
    bicite::parse::append_note_jsonl(old_appended, note, {.sources = true});
  }
  CHECK(appended == old_appended);
}

TEST_CASE("csljson::read, write and read_item give read_csl_json's, write_csl_json's and from_csl_json's") {
  const auto& items = resolved().references;
  REQUIRE(items.size() > 50);
  const std::string json = bicite::csljson::write(items);
  CHECK(json == bicite::write_csl_json(items));
  CHECK(bicite::csljson::write(items, {.indent = -1}) == bicite::write_csl_json(items, {.indent = -1}));
  CHECK(bicite::csljson::write({items[0]}, {.single_item = true}) ==
        bicite::write_csl_json({items[0]}, {.single_item = true}));

  // whole, and cut in the middle (a syntax error; the items before the cut are still read)
  for (const std::string& text : {json, json.substr(0, json.size() / 2)}) {
    const auto now = bicite::csljson::read(text);
    const auto old = bicite::read_csl_json(text);
    CHECK(bicite::csljson::write(now.references) == bicite::csljson::write(old.references));
    CHECK(lines(now.diagnostics) == lines(old.diagnostics));
  }

  // one item at a time, with a wrong-typed field (a warning) in the first
  auto array = nlohmann::json::parse(json);
  array[0]["volume"] = nlohmann::json::array({1, 2});
  for (std::size_t i = 0; i < array.size(); ++i) {
    std::vector<bicite::diagnostic> old_diagnostics;
    const auto old = bicite::from_csl_json(array[i], old_diagnostics, i);
    const auto now = bicite::csljson::read_item(array[i], i);
    CHECK(bicite::to_csl_json(now.item) == bicite::to_csl_json(old));
    CHECK(lines(now.diagnostics) == lines(old_diagnostics));
    if (i == 0) CHECK(!now.diagnostics.empty());
  }
}

TEST_CASE("csl::open_style and read_style give load_style's and parse_style's style and warnings") {
  const auto& items = resolved().references;
  const auto cites = bicite::csl::one_citation_per_item(items);
  const auto bibliography = [&](const bicite::csl::style& s) {
    return bicite::csl::render(s, items, cites, {.format = bicite::csl::output_format::text}).bibliography;
  };

  std::vector<bicite::diagnostic> old_warnings;
  const auto old = bicite::csl::load_style("gost-r-7-0-100-2018", {}, &old_warnings);
  const auto now = bicite::csl::open_style("gost-r-7-0-100-2018");
  REQUIRE(old);
  REQUIRE(now.style);
  CHECK(bibliography(**now.style) == bibliography(**old));
  CHECK(lines(now.diagnostics) == lines(old_warnings));

  // the same style with an element CSL does not know: a warning with line and column
  std::string xml = bicite_test::read_file(bicite_test::source_path("lib/csl/data/gost-r-7-0-100-2018.csl"));
  const auto at = xml.find("<bibliography");
  REQUIRE(at != std::string::npos);
  xml.insert(at, "<frobnicate/>");
  std::vector<bicite::diagnostic> old_parse_warnings;
  const auto old_parsed = bicite::csl::parse_style(xml, {}, &old_parse_warnings);
  const auto parsed = bicite::csl::read_style(xml);
  REQUIRE(old_parsed);
  REQUIRE(parsed.style);
  CHECK(bibliography(**parsed.style) == bibliography(**old_parsed));
  CHECK(!parsed.diagnostics.empty());
  CHECK(lines(parsed.diagnostics) == lines(old_parse_warnings));

  const auto missing = bicite::csl::open_style("no-such-style-anywhere");
  CHECK(!missing.style);
  CHECK(missing.style.error().code == bicite::csl::load_style("no-such-style-anywhere").error().code);
}

#pragma GCC diagnostic pop
