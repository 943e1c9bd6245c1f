// The command: `bicite convert FILE --to notes-jsonl` and `--to csl-json` on the sample article.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "support.hpp"

#ifdef BICITE_EXE
TEST_CASE("bicite convert reads notes and writes notes-JSONL and a deduplicated CSL-JSON bibliography" * doctest::test_suite("shared")) {
  const std::string sample = bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt");
  const auto jsonl = bicite_test::run(std::string(BICITE_EXE) + " convert " + sample + " --to notes-jsonl 2>/dev/null");
  CHECK(jsonl.exit_code == 0);  // warnings (an unclosed quote) are reported on stderr; exit 1 only with --strict
  CHECK(bicite_test::run(std::string(BICITE_EXE) + " convert " + sample + " --strict --to notes-jsonl >/dev/null 2>&1").exit_code == 1);
  std::istringstream lines(jsonl.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const auto o = nlohmann::json::parse(line);
    CHECK(o["note"].get<int>() == ++count);
    CHECK(o.contains("citations"));
  }
  CHECK(count == 93);
  const auto csl = bicite_test::run(std::string(BICITE_EXE) + " convert " + sample + " --to csl-json 2>/dev/null");
  const auto items = nlohmann::json::parse(csl.out);
  CHECK(items.size() < 93);  // repeated works appear once
  CHECK(items.size() > 80);
  const auto diag = bicite_test::run(std::string(BICITE_EXE) + " convert " + sample + " --to csl-json 2>&1 >/dev/null");
  CHECK(diag.out.find("[parse.unclosed-quote]") != std::string::npos);
  const auto md = bicite_test::run("printf '[^1]: Smith, “A Title,” Venue, May 5, 2020.\\n' | " + std::string(BICITE_EXE) +
                                   " convert - --from notes --to notes-jsonl");
  CHECK(md.exit_code == 0);
  CHECK(md.out.find("\"title\":\"A Title\"") != std::string::npos);
}
#endif
