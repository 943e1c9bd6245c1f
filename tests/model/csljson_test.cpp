#include <doctest/doctest.h>

#include <bicite/csljson.hpp>
#include <bicite/limits.hpp>

#include "model/corpus.hpp"
#include "support.hpp"

using nlohmann::json;

namespace {
json round_trip(const std::string& text, std::vector<bicite::diagnostic>* diags = nullptr) {
  auto read = bicite::csljson::read(text);
  if (diags) *diags = read.diagnostics;
  return json::parse(bicite::csljson::write(read.references));
}
}  // namespace

TEST_CASE("a generated corpus of 5,000 items covering every variable round-trips exactly") {
  const auto corpus = bicite_test::generated_corpus(5000);
  const std::string text = corpus.dump(2);
  std::vector<bicite::diagnostic> diags;
  const json back = round_trip(text, &diags);
  CHECK(diags.empty());
  const json original = json::parse(text);
  REQUIRE(back.size() == original.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < original.size(); ++i)
    if (back[i] != original[i]) {
      if (differing++ < 3) MESSAGE("item ", i, "\n  in:  ", original[i].dump(), "\n  out: ", back[i].dump());
    }
  CHECK(differing == 0);
}

TEST_CASE("every CSL 1.0.2 variable is known with its kind") {
  CHECK(bicite::kind_of("title") == bicite::variable_kind::standard);
  CHECK(bicite::kind_of("container-title") == bicite::variable_kind::standard);
  CHECK(bicite::kind_of("volume") == bicite::variable_kind::number);
  CHECK(bicite::kind_of("issued") == bicite::variable_kind::date);
  CHECK(bicite::kind_of("author") == bicite::variable_kind::name);
  CHECK(bicite::kind_of("no-such-variable") == bicite::variable_kind::unknown);
  CHECK(bicite::variables_of(bicite::variable_kind::name).size() == 26);
  CHECK(bicite::variables_of(bicite::variable_kind::date).size() == 6);
}

TEST_CASE("edge cases of the schema are read as written") {
  SUBCASE("a single item instead of an array") {
    auto read = bicite::csljson::read(R"({"id": "a", "type": "book", "title": "T"})");
    REQUIRE(read.references.size() == 1);
    CHECK(read.references[0].get("title") == "T");
    CHECK(bicite::csljson::write(read.references, {.indent = -1, .single_item = true}) ==
          "{\"id\":\"a\",\"type\":\"book\",\"title\":\"T\"}\n");
  }
  SUBCASE("numeric strings in date-parts and season become numbers; circa false is dropped") {
    const json back = round_trip(R"([{"id":"d","type":"book","issued":{"date-parts":[["2023","1"],["2023","2"]],"season":"1","circa":false}}])");
    CHECK(back[0]["issued"] == json::parse(R"({"date-parts":[[2023,1],[2023,2]],"season":1})"));
  }
  SUBCASE("circa as the schema also allows it, a number or a string, becomes a boolean") {
    auto read = bicite::csljson::read(
        R"([{"id":"c","type":"book","issued":{"date-parts":[[1990]],"circa":1},"accessed":{"date-parts":[[2000]],"circa":0},)"
        R"("original-date":{"date-parts":[[1900]],"circa":"true"},"submitted":{"date-parts":[[1901]],"circa":""}}])");
    const auto& r = read.references.at(0);
    CHECK(r.dates.at("issued").circa);
    CHECK_FALSE(r.dates.at("accessed").circa);
    CHECK(r.dates.at("original-date").circa);
    CHECK_FALSE(r.dates.at("submitted").circa);
    CHECK(r.dates.at("issued").extra.empty());
    const json back = json::parse(bicite::csljson::write(read.references));
    CHECK(back[0]["issued"] == json::parse(R"({"date-parts":[[1990]],"circa":true})"));
  }
  SUBCASE("names with particles, literal and flags") {
    const std::string in = R"([{"id":"n","type":"book","author":[{"family":"Beethoven","given":"Ludwig","non-dropping-particle":"van"},{"family":"La Fontaine","given":"Jean","dropping-particle":"de"},{"literal":"The Kremlin"},{"family":"Doe","given":"John","suffix":"Jr.","comma-suffix":true,"static-ordering":true}]}])";
    auto read = bicite::csljson::read(in);
    const auto& authors = read.references.at(0).names_of("author");
    REQUIRE(authors.size() == 4);
    CHECK(authors[0].non_dropping_particle == "van");
    CHECK(authors[1].dropping_particle == "de");
    CHECK(authors[2].is_literal());
    CHECK(authors[3].comma_suffix);
    CHECK(json::parse(bicite::csljson::write(read.references)) == json::parse(in));
  }
  SUBCASE("literal and raw dates, circa") {
    const std::string in = R"([{"id":"r","type":"book","issued":{"raw":"18 января 2023 г."},"accessed":{"literal":"n.d."},"original-date":{"date-parts":[[1990]],"circa":true}}])";
    CHECK(round_trip(in) == json::parse(in));
  }
  SUBCASE("numbers stay numbers, strings stay strings") {
    const std::string in = R"([{"id":1,"type":"article-journal","volume":5,"issue":"3","page":"23-34"}])";
    auto read = bicite::csljson::read(in);
    CHECK(read.references[0].id == "1");
    CHECK(read.references[0].get("volume") == "5");
    CHECK(round_trip(in) == json::parse(in));
  }
  SUBCASE("variants are read into the model and written back under custom") {
    const std::string in = R"([{"id":"v","type":"book","title":"Россия","author":[{"family":"Лукин","given":"А. В."}],"custom":{"position":"first","bicite-variants":{"fields":{"title":[{"value":"Rossiya","role":"transliterated","language":"ru-Latn","scheme":"bgn_pcgn"},{"value":"Russia","role":"translated","language":"en"}]},"names":{"author":[[{"family":"Lukin","given":"A. V.","role":"transliterated","language":"ru-Latn","scheme":"bgn_pcgn"}]]}}}}])";
    auto read = bicite::csljson::read(in);
    const auto& item = read.references.at(0);
    CHECK(item.custom == json::parse(R"({"position":"first"})"));
    const auto* translit = item.variant("title", bicite::variant_role::transliterated);
    REQUIRE(translit != nullptr);
    CHECK(translit->value == "Rossiya");
    CHECK(translit->scheme == "bgn_pcgn");
    CHECK(item.variant("title", bicite::variant_role::translated, "en")->value == "Russia");
    REQUIRE(item.names_of("author")[0].variants.size() == 1);
    CHECK(item.names_of("author")[0].variants[0].family == "Lukin");
    CHECK(json::parse(bicite::csljson::write(read.references)) == json::parse(in));
  }
  SUBCASE("an empty array and an empty custom object") {
    CHECK(bicite::csljson::read("[]").references.empty());
    CHECK(bicite::csljson::read("[]").diagnostics.empty());
    const std::string in = R"([{"id":"e","type":"book","custom":{}}])";
    CHECK(round_trip(in) == json::parse(in));
  }
}

TEST_CASE("malformed JSON is reported with line and column and the good items are kept") {
  const std::string in = "[\n  {\"id\": \"a\", \"type\": \"book\", \"title\": \"A\"},\n  {\"id\": \"b\", \"type\": \"book\" \"title\": \"B\"},\n  {\"id\": \"c\", \"type\": \"book\", \"title\": \"C\"}\n]";
  auto read = bicite::csljson::read(in);
  REQUIRE_FALSE(read.diagnostics.empty());
  const auto& d = read.diagnostics[0];
  CHECK(d.code == "csl-json.syntax");
  CHECK(d.level == bicite::severity::error);
  CHECK(d.line == 3);
  CHECK(d.column == 36);  // nlohmann points at the end of the offending token
  CHECK(d.message == "malformed JSON: syntax error while parsing object - unexpected string literal; expected '}'");
  REQUIRE(read.references.size() == 2);
  CHECK(read.references[0].id == "a");
  CHECK(read.references[1].id == "c");
  CHECK(d.hint == "2 item(s) were read; 1 malformed item(s) were skipped");
}

TEST_CASE("truncated, empty, binary and deeply nested input never crash") {
  for (const std::string& in : {std::string(""), std::string("[{\"id\": \"a\", \"title\": \"unterminated"),
                               std::string("\x00\xFF\xFE garbage", 12), std::string("{"), std::string("42"),
                               std::string("[1, \"x\", null]"), std::string(100000, '['),
                               std::string("[{\"id\":\"a\",\"type\":\"book\"}") }) {
    auto read = bicite::csljson::read(in);
    CHECK_FALSE(read.diagnostics.empty());
  }
  auto deep = bicite::csljson::read(std::string(100000, '['));
  CHECK(deep.diagnostics[0].code == "csl-json.too-deep");
  auto truncated = bicite::csljson::read("[{\"id\":\"a\",\"type\":\"book\"}");
  CHECK(truncated.references.size() == 1);
}

TEST_CASE("a wrong-typed field warns with the item and field, keeps the value, and reads the other items") {
  const std::string in = R"([{"id":"a","type":"book","title":42,"author":"Lukin","issued":17},{"id":"b","type":"book","title":"fine"}])";
  auto read = bicite::csljson::read(in);
  REQUIRE(read.references.size() == 2);
  REQUIRE(read.diagnostics.size() == 3);
  // Fields are visited in key order.
  CHECK(read.diagnostics[0].message == "item 1 (id \"a\"), field \"author\": expected an array of name objects");
  CHECK(read.diagnostics[1].message == "item 1 (id \"a\"), field \"issued\": expected a date object, found number");
  CHECK(read.diagnostics[2].message == "item 1 (id \"a\"), field \"title\": expected a string, found number");
  CHECK(read.references[1].get("title") == "fine");
  // Kept verbatim: nothing is lost.
  CHECK(round_trip(in) == json::parse(in));
}

TEST_CASE("an item without a type is reported and written back without one") {
  auto read = bicite::csljson::read(R"([{"id":"a","title":"T"}])");
  CHECK(read.references[0].type.empty());
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].code == "csl-json.missing-type");
  CHECK(json::parse(bicite::csljson::write(read.references)) == json::parse(R"([{"id":"a","title":"T"}])"));
}

TEST_CASE("the streaming writer lays out JSON exactly as nlohmann's dump does") {
  auto read = bicite::csljson::read(bicite_test::generated_corpus(300, 3).dump());
  for (int indent : {-1, 0, 2, 4}) {
    const std::string out = bicite::csljson::write(read.references, {.indent = indent});
    CHECK(nlohmann::ordered_json::parse(out).dump(indent) + "\n" == out);
  }
  bicite::reference r;
  r.id = "x";
  r.set("title", std::string("bad \xFF byte, tab\t, quote \", nul \x01"));
  CHECK(bicite::csljson::write({r}, {.indent = -1}) ==
        "[{\"id\":\"x\",\"title\":\"bad \xEF\xBF\xBD byte, tab\\t, quote \\\", nul \\u0001\"}]\n");
}

#include "model/csljson_internal.hpp"

namespace {
void check_same_reading(const std::string& text) {
  auto fast = bicite::detail::read_csl_json_with(text, true);
  auto careful = bicite::detail::read_csl_json_with(text, false);
  REQUIRE(fast.references.size() == careful.references.size());
  CHECK(bicite::csljson::write(fast.references) == bicite::csljson::write(careful.references));
  REQUIRE(fast.diagnostics.size() == careful.diagnostics.size());
  for (std::size_t i = 0; i < fast.diagnostics.size(); ++i) CHECK(fast.diagnostics[i].message == careful.diagnostics[i].message);
}
}  // namespace

TEST_CASE("the fast reader and the careful reader read every input alike") {
  const std::string corpus = bicite_test::generated_corpus(400, 5).dump(1);
  check_same_reading(corpus);
  check_same_reading(R"({"id": 7, "title": "no type"})");
  check_same_reading(R"([{"id":"a","type":"book","title":"\u0416\ud83d\ude00 \"q\" \/ \\ \b\f\n\r\t","volume":-12,"issued":{"date-parts":[["2023",""]]}}])");
  check_same_reading(R"([{"id":"dup","type":"book","title":"one","title":"two","author":[{"family":"A"}],"author":[{"family":"B"}]}])");
  check_same_reading(R"([{"id":"f","type":"book","volume":1.5,"issued":{"date-parts":[[2023.0]]}}])");
  check_same_reading(R"([{"id":"big","type":"book","volume":123456789012345678901234567890}])");
  check_same_reading("\xEF\xBB\xBF[{\"id\":\"bom\",\"type\":\"book\"}]");
  // Mutations of a real-shaped document: every byte deleted or changed in turn, on a small item.
  const std::string small = R"([{"id":1,"type":"book","title":"Т","author":[{"family":"Л","given":"А.","comma-suffix":true}],"issued":{"date-parts":[[2023,1],[2023,2]],"season":2},"custom":{"k":[1,null]}}])";
  for (std::size_t i = 0; i < small.size(); ++i) {
    std::string deleted = small;
    deleted.erase(i, 1);
    check_same_reading(deleted);
    for (char c : {'"', '{', '1', ']', '\\', 'x'}) {
      std::string changed = small;
      changed[i] = c;
      check_same_reading(changed);
    }
  }
}

TEST_CASE("input past limits::max_input_bytes is refused with a clear error, without reading it") {
  bicite_test::sparse_bytes huge(bicite::limits::max_input_bytes + 1);
  REQUIRE(huge.ok());
  auto read = bicite::csljson::read(huge.view());
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].code == "input.too-large");
  CHECK(read.diagnostics[0].level == bicite::severity::error);
  CHECK(read.diagnostics[0].where.begin == bicite::limits::max_input_bytes);
  CHECK(read.references.empty());
}

TEST_CASE("a number too large for a double is an error, not an exception (fuzz finding)") {
  // nlohmann-json throws out_of_range for such numbers even when asked not to throw.
  auto read = bicite::csljson::read(R"([{"id":"a","type":"book","title":"kept"},{"id":"b","type":"book","volume":1e400}])");
  REQUIRE_FALSE(read.diagnostics.empty());
  CHECK(read.diagnostics[0].level == bicite::severity::error);
  REQUIRE(read.references.size() >= 1);
  CHECK(read.references[0].get("title") == "kept");
  const std::string found = bicite_test::read_file(
      bicite_test::source_path("tests/fuzz/regressions/csljson/crash-163d3623b9404301152eca19b83c2aef3cb6a8b7"));
  CHECK_NOTHROW((void)bicite::csljson::read(found));
}
