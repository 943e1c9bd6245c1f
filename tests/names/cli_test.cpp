#include <doctest/doctest.h>

#include <string>

#include "support.hpp"

#ifdef BICITE_EXE
namespace {
std::string exe() { return std::string("'") + BICITE_EXE + "'"; }
std::string temp(const std::string& name, const std::string& content) {
  const std::string path = std::string(BICITE_BINARY_DIR) + "/names_cli_" + name;
  bicite_test::write_file(path, content);
  return path;
}
}  // namespace

TEST_CASE("bicite names match --pairs FILE writes name_a, name_b, score, same") {
  const auto pairs = temp("pairs.tsv", "Iury Tavrovsky\tЮрий Тавровский\nAlexander Lukin\tFyodor Lukyanov\n");
  auto r = bicite_test::run(exe() + " names match --pairs " + pairs);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "Iury Tavrovsky\tЮрий Тавровский\t1.000\t1\nAlexander Lukin\tFyodor Lukyanov\t0.000\t0\n");
  const auto bad = temp("bad.tsv", "no tab here\n");
  r = bicite_test::run(exe() + " names match --pairs " + bad + " 2>/dev/null");
  CHECK(r.exit_code == 1);
}

TEST_CASE("bicite names parse writes one JSON object per name") {
  const auto in = temp("names.txt", "Лукин А. В.\nThe Kremlin\n");
  auto r = bicite_test::run(exe() + " names parse < " + in);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "{\"family\":\"Лукин\",\"given\":\"А. В.\",\"input\":\"Лукин А. В.\",\"key\":\"lukin a\"}\n"
        "{\"input\":\"The Kremlin\",\"key\":\"org:te kremlin\",\"literal\":\"The Kremlin\"}\n");
}
#endif
