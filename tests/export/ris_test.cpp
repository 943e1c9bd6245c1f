#include <doctest/doctest.h>

#include <bicite/csljson.hpp>
#include <bicite/limits.hpp>
#include <bicite/ris.hpp>

#include "support.hpp"

namespace {

bicite::reference from_json(const char* json) {
  std::vector<bicite::diagnostic> d;
  return bicite::from_csl_json(nlohmann::json::parse(json), d);
}

}  // namespace

TEST_CASE("RIS export: TY, AU, TI, T2, PY, DA, VL, IS, SP, EP, UR, LA, DO, ER") {
  const auto out = bicite::ris::write({from_json(R"({"id": "x", "type": "article-journal",
    "title": "Российско-китайские отношения", "container-title": "Российское китаеведение",
    "author": [{"family": "Илов", "given": "Игорь"}, {"literal": "МИД России"}],
    "issued": {"date-parts": [[2023, 5, 1]]}, "volume": "12", "issue": "3", "page": "23-34", "language": "ru",
    "URL": "https://x.ru/a", "DOI": "10.1/x", "publisher": "Наука", "publisher-place": "Москва", "ISSN": "0028-0836"})")});
  CHECK(out ==
        "TY  - JOUR\n"
        "AU  - Илов, Игорь\n"
        "AU  - МИД России\n"
        "TI  - Российско-китайские отношения\n"
        "T2  - Российское китаеведение\n"
        "PY  - 2023\n"
        "DA  - 2023/05/01/\n"
        "VL  - 12\n"
        "IS  - 3\n"
        "SP  - 23\n"
        "EP  - 34\n"
        "PB  - Наука\n"
        "CY  - Москва\n"
        "SN  - 0028-0836\n"
        "DO  - 10.1/x\n"
        "UR  - https://x.ru/a\n"
        "LA  - ru\n"
        "ID  - x\n"
        "ER  - \n\n");
}

TEST_CASE("RIS export: an abbreviated page range ends at a full page number") {
  auto pages = [](const std::string& page) {
    const std::string json = R"({"id": "x", "type": "article-journal", "title": "T", "page": ")" + page + R"("})";
    const std::string out = bicite::ris::write({from_json(json.c_str())});
    const auto sp = out.find("SP  - "), ep = out.find("EP  - ");
    std::string r = sp == std::string::npos ? "" : out.substr(sp + 6, out.find('\n', sp) - sp - 6);
    r += "|";
    if (ep != std::string::npos) r += out.substr(ep + 6, out.find('\n', ep) - ep - 6);
    return r;
  };
  CHECK(pages("101–19") == "101|119");
  CHECK(pages("150-68") == "150|168");
  CHECK(pages("1234-56") == "1234|1256");
  CHECK(pages("1234 – 1256") == "1234|1256");
  CHECK(pages("99-101") == "99|101");
  CHECK(pages("190-9") == "190|199");
  CHECK(pages("195-3") == "195|3");      // 193 would end before the start: kept as written
  CHECK(pages("xii-xv") == "xii|xv");    // roman numerals as written
  CHECK(pages("S10-12") == "S10|12");    // a letter prefix: as written
  CHECK(pages("45") == "45|");
}

TEST_CASE("RIS import: tags, continuation lines, CRLF, BOM, missing ER, lines outside records") {
  auto r = bicite::ris::read("\xEF\xBB\xBFTY  - BOOK\r\nAU  - Lo, Bobo\r\nTI  - Axis of\r\n  Convenience\r\nPY  - 2008///\r\n"
                             "SN  - 978-0-8157-5340-4\r\nER  - \r\n\r\njunk line\r\nTY  - ELEC\r\nTI  - Page\r\nUR  - https://a.b\r\n");
  REQUIRE(r.references.size() == 2);
  CHECK(r.references[0].type == "book");
  CHECK(r.references[0].get("title") == "Axis of Convenience");
  CHECK(r.references[0].names_of("author").at(0).family == "Lo");
  CHECK(r.references[0].date_of("issued")->parts.at(0).year == 2008);
  CHECK(r.references[0].get("ISBN") == "978-0-8157-5340-4");
  CHECK(r.references[1].type == "webpage");
  CHECK(r.references[1].get("URL") == "https://a.b");
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == "ris.syntax");
  CHECK(r.diagnostics[0].line == 9);
  CHECK(r.diagnostics[1].code == "ris.missing-er");
  CHECK(r.diagnostics[1].line == 10);
}

TEST_CASE("RIS import of hostile input does not crash") {
  std::string junk;
  for (int i = 0; i < 50000; ++i) junk += static_cast<char>((i * 131) % 256);
  auto r = bicite::ris::read(junk);
  (void)r;
  auto r2 = bicite::ris::read("TY  - JOUR\nPY  - 99999999999999999999\nDA  - ////\nER  - \n");
  CHECK(r2.references.size() == 1);
}

TEST_CASE("RIS past limits::max_input_bytes is refused with input.too-large") {
  bicite_test::sparse_bytes huge(bicite::limits::max_input_bytes + 1);
  REQUIRE(huge.ok());
  const auto read = bicite::ris::read(huge.view());
  CHECK(read.references.empty());
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].code == "input.too-large");
}
