// The ratchet: parse an article, score it against its hand-checked gold with the shared scorer, and
// fail if micro-F1 drops below what the parser has reached. Raise a floor when the parser improves;
// never lower it. The sample article's gold is shared (../shared/gold); the development documents'
// gold is the project's own (tests/parse/data, written by hand apart from the parser).
#include <doctest/doctest.h>

#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include <iostream>

#include "support.hpp"

namespace {

struct floors {
  double micro_f1, exact, position_f1;
  double locator_f1 = 0;  // custom.locator, the page each citation cites (0: not checked)
};

void check_document(const std::string& name, const std::string& text_path, const std::string& gold_path, floors f) {
  REQUIRE_MESSAGE(bicite_test::run("python3 --version >/dev/null 2>&1").exit_code == 0,
                  "python3 runs the shared scorer: sh cmake/install-deps.sh --test installs it");
  const std::string text = bicite_test::read_file(text_path);
  const auto bib = bicite::resolve::resolve(bicite::parse::parse_document(text));
  const std::string out = std::string(BICITE_BINARY_DIR) + "/parse_ratchet." + name + ".notes.jsonl";
  bicite_test::write_file(out, bicite::notes_jsonl::write(bib.document));
  const std::string scorer = "python3 " + bicite_test::shared_path("tools/score_notes.py") + " " + gold_path + " " + out;
  const auto table = bicite_test::run(scorer);
  std::cout << name << ":\n" << table.out;  // the scorer's full output, kept in the test log
  REQUIRE(table.exit_code == 0);
  const auto json = bicite_test::run(scorer + " --json");
  REQUIRE(json.exit_code == 0);
  const auto score = nlohmann::json::parse(json.out);
  const double micro = score["micro"]["f1"].get<double>();
  MESSAGE(name << ": micro-F1 " << micro << " (floor " << f.micro_f1 << ")");
  CHECK(micro >= f.micro_f1);
  CHECK(score["exact"].get<double>() >= f.exact);
  CHECK(score["fields"]["position"]["f1"].get<double>() >= f.position_f1);
  CHECK(score["fields"]["antecedent"]["f1"].get<double>() >= f.position_f1);
  CHECK(score["citations"]["spurious"].get<int>() == 0);
  if (f.locator_f1 > 0) CHECK(score["fields"]["locator"]["f1"].get<double>() >= f.locator_f1);
}

std::string data(const std::string& file) { return std::string(BICITE_SOURCE_DIR) + "/tests/parse/data/" + file; }

}  // namespace

TEST_CASE("ratchet: the sample article scores at least the reached micro-F1" * doctest::test_suite("shared")) {
  check_document("weitz-2024", bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt"),
                 bicite_test::shared_path("gold/weitz-2024.notes.jsonl"), {0.997, 0.975, 0.98});
}

TEST_CASE("ratchet: the development documents (Chicago notes, a GOST list) score at least the reached micro-F1" * doctest::test_suite("shared")) {
  check_document("dev-chicago", data("dev-chicago.txt"), data("dev-chicago.notes.jsonl"), {0.995, 0.94, 0.98, 0.99});
  check_document("dev-gost", data("dev-gost.txt"), data("dev-gost.notes.jsonl"), {0.99, 0.93, 0.98, 0.99});
}

TEST_CASE("ratchet: the second set (Russian GOST notes, English notes with romanized sources, an APA list)" * doctest::test_suite("shared")) {
  // first scored before any tuning on them: 0.884, 0.924 and 0.755 micro-F1 (0.757, 0.817, 0.755 with the code
  // of the session before)
  check_document("test-ru-notes", data("test-ru-notes.txt"), data("test-ru-notes.notes.jsonl"), {0.98, 0.85, 0.98, 0.99});
  check_document("test-en-mixed", data("test-en-mixed.txt"), data("test-en-mixed.notes.jsonl"), {0.985, 0.9, 0.98, 0.99});
  check_document("test-apa-refs", data("test-apa-refs.txt"), data("test-apa-refs.notes.jsonl"), {0.975, 0.8, 0.98});
}

TEST_CASE("ratchet: the two other shared documents (Chicago footnotes with long Ibid. runs, a GOST 7.1 list)" * doctest::test_suite("shared")) {
  // resolution and locators are what robinson-2025 measures (antecedent 1.0, locator 0.985 and 1.0 on
  // 2026-12-07); the GOST 7.1 list ("Фамилия, И. О. Title : genre / … – М. : …") the headings with a comma and
  // the en-dash areas (0.928 with the default reader on 2026-12-07)
  check_document("robinson-2025", bicite_test::shared_path("corpus/robinson-2025-ilyin-freedom.txt"),
                 bicite_test::shared_path("gold/robinson-2025-ilyin-freedom.notes.jsonl"), {0.97, 0.75, 0.99, 0.98});
  check_document("kinevich-2018", bicite_test::shared_path("corpus/kinevich-2018-sensorimotor.txt"),
                 bicite_test::shared_path("gold/kinevich-2018.notes.jsonl"), {0.92, 0.6, 0.96});
}
