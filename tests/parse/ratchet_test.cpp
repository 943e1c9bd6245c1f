// The ratchet: parse the sample article, score it against the hand-checked gold with the shared
// scorer, and fail if micro-F1 drops below what the parser has reached. Raise the floor when the
// parser improves; never lower it.
#include <doctest/doctest.h>

#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include <iostream>

#include "support.hpp"

namespace {
constexpr double micro_f1_floor = 0.990;
constexpr double exact_floor = 0.95;
constexpr double position_f1_floor = 0.98;
}  // namespace

TEST_CASE("ratchet: the sample article scores at least the reached micro-F1") {
  if (bicite_test::run("python3 --version >/dev/null 2>&1").exit_code != 0) {
    MESSAGE("SKIPPED: python3 is not installed, the scorer cannot run");
    return;
  }
  const std::string text = bicite_test::read_file(bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt"));
  const auto bib = bicite::resolve::resolve(bicite::parse::parse_document(text));
  const std::string out = std::string(BICITE_BINARY_DIR) + "/parse_ratchet.notes.jsonl";
  bicite_test::write_file(out, bicite::parse::to_notes_jsonl(bib.document));
  const std::string scorer = "python3 " + bicite_test::shared_path("tools/score_notes.py") + " " +
                             bicite_test::shared_path("gold/weitz-2024.notes.jsonl") + " " + out;
  const auto table = bicite_test::run(scorer);
  std::cout << table.out;  // the scorer's full output, kept in the test log
  REQUIRE(table.exit_code == 0);
  const auto json = bicite_test::run(scorer + " --json");
  REQUIRE(json.exit_code == 0);
  const auto score = nlohmann::json::parse(json.out);
  const double micro = score["micro"]["f1"].get<double>();
  MESSAGE("micro-F1 " << micro << " (floor " << micro_f1_floor << ")");
  CHECK(micro >= micro_f1_floor);
  CHECK(score["exact"].get<double>() >= exact_floor);
  CHECK(score["fields"]["position"]["f1"].get<double>() >= position_f1_floor);
  CHECK(score["fields"]["antecedent"]["f1"].get<double>() >= position_f1_floor);
  CHECK(score["citations"]["spurious"].get<int>() == 0);
}
