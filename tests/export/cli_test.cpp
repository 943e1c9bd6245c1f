// bicite convert with the biblatex, bibtex and ris formats.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include <filesystem>

#include <bicite/csljson.hpp>

#include "export/sample.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

fs::path cli_dir() {
  fs::path dir = fs::path(BICITE_BINARY_DIR) / "tests" / "export_cli";
  fs::create_directories(dir);
  return dir;
}

std::string exe() { return std::string(BICITE_EXE); }

}  // namespace

TEST_CASE("bicite convert: CSL-JSON → biblatex, bibtex --ascii, ris, and back to CSL-JSON" * doctest::test_suite("shared")) {
  const fs::path dir = cli_dir();
  const std::string json = (dir / "sample.json").string();
  bicite_test::write_file(json, bicite::csljson::write(bicite_test::gold_sample()));
  const auto bib = bicite_test::run(exe() + " convert " + json + " --to biblatex -o " + (dir / "sample.bib").string());
  CHECK(bib.exit_code == 0);
  const std::string bib_text = bicite_test::read_file((dir / "sample.bib").string());
  // one key per item: the CSL-JSON id is the BibLaTeX key, unless a pattern is asked for
  for (const auto& item : bicite_test::gold_sample())
    if (!item.id.empty() && std::all_of(item.id.begin(), item.id.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
        }))
      CHECK(bib_text.find("{" + item.id + ",\n") != std::string::npos);
  const auto patterned = bicite_test::run(exe() + " convert " + json + " --to biblatex --key-pattern '[auth:lower][year][title:lower]'");
  CHECK(patterned.out.find("@article{ilov2023rossiysko,\n") != std::string::npos);
  CHECK(bib_text.find("  langid = {russian},\n") != std::string::npos);

  const auto classic = bicite_test::run(exe() + " convert " + json + " --to bibtex --ascii");
  CHECK(classic.exit_code == 0);
  CHECK(classic.out.find("  journal = {{\\CYRR}") != std::string::npos);
  CHECK(std::all_of(classic.out.begin(), classic.out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));

  const auto ris = bicite_test::run(exe() + " convert " + json + " --to ris -o " + (dir / "sample.ris").string());
  CHECK(ris.exit_code == 0);

  // .bib and .ris are recognised by their extension.
  const auto back = bicite_test::run(exe() + " convert " + (dir / "sample.bib").string() + " --to csl-json");
  CHECK(back.exit_code == 0);
  auto items = bicite::csljson::read(back.out);
  CHECK(items.references.size() == bicite_test::gold_sample().size());
  const auto back_ris = bicite_test::run(exe() + " convert " + (dir / "sample.ris").string() + " --to csl-json");
  CHECK(back_ris.exit_code == 0);
  CHECK(bicite::csljson::read(back_ris.out).references.size() == items.references.size());
}

TEST_CASE("bicite convert: a broken .bib reports FILE:line:col and exit code 1, other entries converted") {
  const fs::path dir = cli_dir();
  const std::string path = (dir / "broken.bib").string();
  bicite_test::write_file(path, "@book{a, title = {One}}\n@book{b, title = {Two\n@book{c, title = {Three}}\n");
  const auto r = bicite_test::run(exe() + " convert " + path + " --to csl-json 2>&1");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(path + ":2:1: error: unbalanced braces in field \"title\" of entry \"b\" [bibtex.unbalanced-brace]") !=
        std::string::npos);
  CHECK(r.out.find("\"Three\"") != std::string::npos);
}
