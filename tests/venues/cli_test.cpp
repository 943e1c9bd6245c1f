// The `bicite venue` and `bicite date` subcommands.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "support.hpp"

#ifdef BICITE_EXE
using bicite_test::run;

TEST_CASE("bicite venue NAME and --url") {
  auto r = run(std::string(BICITE_EXE) + " venue MKRU");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("canonical: Московский комсомолец\n") != std::string::npos);
  CHECK(r.out.find("evidence:  alias\n") != std::string::npos);
  r = run(std::string(BICITE_EXE) + " venue --url https://www.ng.ru/courier/2023-05-14/9_8722_summit.html");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("canonical: Независимая газета\n") != std::string::npos);
  CHECK(r.out.find("evidence:  domain\n") != std::string::npos);
  r = run(std::string(BICITE_EXE) + " venue 'Nowhere Gazette'");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("venue:     unknown") != std::string::npos);
  r = run(std::string(BICITE_EXE) + " venue 2>/dev/null");
  CHECK(r.exit_code == 2);
}

TEST_CASE("bicite venue --batch") {
  const std::string in = std::string(BICITE_BINARY_DIR) + "/venue_batch_in.txt";
  bicite_test::write_file(in, "MKRU\nhttps://nvo.ng.ru/realty/x\nNEWS\r\nRossiya v Globalnoi Politike\n\nwww.mk.ru/x\n");
  auto r = run(std::string(BICITE_EXE) + " venue --batch < " + in);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "MKRU\tМосковский комсомолец\tMoskovsky Komsomolets\t1.00\n"
        "https://nvo.ng.ru/realty/x\tНезависимая газета\tNezavisimaya Gazeta\t0.90\n"
        "NEWS\t\t\t0\n"
        "Rossiya v Globalnoi Politike\tРоссия в глобальной политике\tRussia in Global Affairs\t0.95\n"
        "\t\t\t0\n"
        "www.mk.ru/x\tМосковский комсомолец\tMoskovsky Komsomolets\t0.90\n");
  std::remove(in.c_str());
}

TEST_CASE("bicite venue --venues FILE") {
  const std::string file = std::string(BICITE_BINARY_DIR) + "/venue_user.tsv";
  bicite_test::write_file(file, "canonical\tenglish\ttype\tdomains\nМой вестник\tMy Herald\tjournal\tmy-herald.example\n");
  auto r = run(std::string(BICITE_EXE) + " venue --venues " + file + " 'Moi vestnik'");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("canonical: Мой вестник\n") != std::string::npos);
  std::remove(file.c_str());
}

TEST_CASE("bicite date") {
  auto r = run(std::string(BICITE_EXE) + " date '5–7 мая 2023'");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("edtf:       2023-05-05/2023-05-07\n") != std::string::npos);
  CHECK(r.out.find("date-parts: [[2023, 5, 5], [2023, 5, 7]]\n") != std::string::npos);
  r = run(std::string(BICITE_EXE) + " date '30 February 2023' 2>/dev/null");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("[date.impossible]") == std::string::npos);  // a warning goes to stderr, not the result
  r = run(std::string(BICITE_EXE) + " date '30 February 2023' 2>&1 >/dev/null");
  CHECK(r.out.find("warning: ") != std::string::npos);
  CHECK(r.out.find("[date.impossible]") != std::string::npos);
  r = run(std::string(BICITE_EXE) + " date --find 'IzvestiyaFebruary 10, 2023, https://iz.ru/1467557/x'");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("date:       February 10, 2023\n") != std::string::npos);
  r = run(std::string(BICITE_EXE) + " date 'not a date' 2>/dev/null");
  CHECK(r.exit_code == 1);
}
#endif
