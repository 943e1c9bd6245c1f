#include <doctest/doctest.h>

#include <string>

#include "support.hpp"

#ifdef BICITE_EXE
namespace {
std::string exe() { return std::string("'") + BICITE_EXE + "'"; }
std::string temp(const std::string& name, const std::string& content) {
  const std::string path = std::string(BICITE_BINARY_DIR) + "/translit_cli_" + name;
  bicite_test::write_file(path, content);
  return path;
}
}  // namespace

TEST_CASE("bicite translit: one output line per input line, scheme by name") {
  const auto in = temp("in.txt", "Юлия, съешь ещё\n\nЩУКИН Щукин\nLatin only\n");
  auto r = bicite_test::run(exe() + " translit --scheme bgn_pcgn < " + in);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "Yuliya, s”yesh’ yeshchë\n\nSHCHUKIN Shchukin\nLatin only\n");
  r = bicite_test::run(exe() + " translit -s gost_779 " + in);
  CHECK(r.out == "Ûliâ, sʺešʹ eŝë\n\nŜUKIN Ŝukin\nLatin only\n");
}

TEST_CASE("bicite translit --list names every scheme with a description") {
  auto r = bicite_test::run(exe() + " translit --list");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("bgn_pcgn\tBGN/PCGN 1947") != std::string::npos);
  CHECK(r.out.find("\ngost_779_alt\t") != std::string::npos);
  std::size_t lines = 0;
  for (char c : r.out) lines += c == '\n';
  CHECK(lines == 31);
}

TEST_CASE("bicite translit: unknown scheme is a usage error") {
  auto r = bicite_test::run(exe() + " translit --scheme klingon < /dev/null 2>/dev/null");
  CHECK(r.exit_code == 2);
}
#endif
