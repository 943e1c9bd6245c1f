// The bicite command as a user runs it: exit codes, stdin/stdout, -o, diagnostics on stderr.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>

#include "support.hpp"

using bicite_test::run;

namespace {
const std::string exe = BICITE_EXE;
std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("bicite_cli_test_" + name)).string();
}
}  // namespace

TEST_CASE("--version and --help") {
  auto version = run(exe + " --version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("bicite 0.1.0") != std::string::npos);
  auto help = run(exe + " --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("convert") != std::string::npos);
  CHECK(run(exe + " convert --help").exit_code == 0);
}

TEST_CASE("every subcommand has --help") {
  auto help = run(exe + " --help");
  const auto pos = help.out.find("Subcommands:");
  REQUIRE(pos != std::string::npos);
  std::size_t line_start = help.out.find('\n', pos);
  int checked = 0;
  while (line_start != std::string::npos && line_start + 1 < help.out.size()) {
    const std::size_t end = help.out.find('\n', line_start + 1);
    std::string line = help.out.substr(line_start + 1, end - line_start - 1);
    line_start = end;
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos) break;
    const std::string name = line.substr(first, line.find(' ', first) - first);
    CHECK_MESSAGE(run(exe + " " + name + " --help").exit_code == 0, name);
    ++checked;
  }
  CHECK(checked >= 1);
}

TEST_CASE("usage errors exit with 2") {
  CHECK(run(exe + " 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " no-such-command 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " convert --to no-such-format - </dev/null 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " convert --from no-such-format - </dev/null 2>/dev/null").exit_code == 2);
}

TEST_CASE("convert csl-json to csl-json through stdin and stdout") {
  const std::string in = temp_path("in.json");
  bicite_test::write_file(in, R"([{"id":"a","type":"book","title":"Книга","issued":{"date-parts":[[2023]]}}])");
  auto r = run(exe + " convert --from csl-json --to csl-json - < " + in);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"title\": \"Книга\"") != std::string::npos);
  // The format is inferred from the file name; -o writes a file.
  const std::string out = temp_path("out.json");
  CHECK(run(exe + " convert " + in + " --to csl-json -o " + out).exit_code == 0);
  CHECK(bicite_test::read_file(out).find("\"id\": \"a\"") != std::string::npos);
  std::remove(in.c_str());
  std::remove(out.c_str());
}

TEST_CASE("input problems are reported on stderr with line and column, and exit 1") {
  const std::string in = temp_path("bad.json");
  bicite_test::write_file(in, "[\n{\"id\":\"a\",\"type\":\"book\"},\n{\"id\": }\n]");
  auto r = run(exe + " convert " + in + " --to csl-json 2>&1 >/dev/null");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(in + ":3:") != std::string::npos);
  CHECK(r.out.find("[csl-json.syntax]") != std::string::npos);
  auto good = run(exe + " convert " + in + " --to csl-json 2>/dev/null");
  CHECK(good.out.find("\"id\": \"a\"") != std::string::npos);  // the good item is still converted
  CHECK(run(exe + " convert /no/such/file.json --to csl-json 2>/dev/null").exit_code == 1);
  std::remove(in.c_str());
}
