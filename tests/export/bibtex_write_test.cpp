#include <algorithm>
#include <doctest/doctest.h>

#include <bicite/bibtex.hpp>
#include <bicite/csljson.hpp>

#include "support.hpp"

namespace {

bicite::reference from_json(const char* json) {
  std::vector<bicite::diagnostic> d;
  auto r = bicite::from_csl_json(nlohmann::json::parse(json), d);
  REQUIRE(d.empty());
  return r;
}

std::string one(const char* json, bicite::bibtex::write_options o = {}) {
  return bicite::bibtex::write({from_json(json)}, o);
}

bool braces_balanced(std::string_view s) {
  int depth = 0;
  for (char c : s) {
    if (c == '{') ++depth;
    if (c == '}' && --depth < 0) return false;
  }
  return depth == 0;
}

const char* russian_article = R"({"id": "x", "type": "article-journal",
  "title": "Российско-китайские отношения отличает зрелый и стабильный характер",
  "container-title": "Российское китаеведение", "author": [{"family": "Илов", "given": "Игорь"}],
  "issued": {"date-parts": [[2023, 1], [2023, 2]]}, "issue": "3", "page": "23-34", "language": "ru",
  "URL": "https://lk.iccaras.ru/a_b.pdf", "accessed": {"date-parts": [[2024, 5, 1]]},
  "custom": {"bicite-variants": {"fields": {"title": [
    {"value": "Rossiysko-kitayskiye otnosheniya", "role": "transliterated", "language": "ru-Latn", "scheme": "bgn_pcgn"},
    {"value": "Russian-Chinese relations are mature and stable", "role": "translated", "language": "en"}]}}}})";

}  // namespace

TEST_CASE("a Russian article in BibLaTeX: original title, transliteration in usera, translation in titleaddon") {
  CHECK(one(russian_article) ==
        "@article{ilov2023rossiysko,\n"
        "  author = {{Илов}, Игорь},\n"
        "  title = {Российско-китайские отношения отличает зрелый и стабильный характер},\n"
        "  titleaddon = {{Russian-Chinese} relations are mature and stable},\n"
        "  usera = {Rossiysko-kitayskiye otnosheniya},\n"
        "  journaltitle = {Российское китаеведение},\n"
        "  number = {3},\n"
        "  pages = {23--34},\n"
        "  date = {2023-01/2023-02},\n"
        "  url = {https://lk.iccaras.ru/a_b.pdf},\n"
        "  urldate = {2024-05-01},\n"
        "  langid = {russian},\n"
        "}\n\n");
}

TEST_CASE("classic BibTeX: year/month macros, journal, language; --ascii escapes Cyrillic as T2A commands") {
  bicite::bibtex::write_options o;
  o.target = bicite::bibtex::dialect::bibtex;
  const std::string out = one(russian_article, o);
  CHECK(out.find("  journal = {Российское китаеведение},\n") != std::string::npos);
  CHECK(out.find("  year = {2023},\n  month = jan # \"--\" # feb,\n") != std::string::npos);
  CHECK(out.find("  language = {russian},\n") != std::string::npos);
  CHECK(out.find("journaltitle") == std::string::npos);
  o.ascii = true;
  const std::string ascii = one(russian_article, o);
  CHECK(ascii.find("  journal = {{\\CYRR}{\\cyro}{\\cyrs}{\\cyrs}{\\cyri}{\\cyrishrt}{\\cyrs}{\\cyrk}{\\cyro}{\\cyre} "
                   "{\\cyrk}{\\cyri}{\\cyrt}{\\cyra}{\\cyre}{\\cyrv}{\\cyre}{\\cyrd}{\\cyre}{\\cyrn}{\\cyri}{\\cyre}},\n") !=
        std::string::npos);
  CHECK(std::all_of(ascii.begin(), ascii.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
}

TEST_CASE("classic BibTeX: a web page is @misc with howpublished = {\\url{…}}") {
  bicite::bibtex::write_options o;
  o.target = bicite::bibtex::dialect::bibtex;
  const std::string out = one(R"({"type": "webpage", "title": "Joint Statement", "URL": "https://x.org/a b",
    "issued": {"date-parts": [[2022, 2, 4]]}})", o);
  CHECK(out.find("@misc{") == 0);
  CHECK(out.find("  url = {https://x.org/a%20b},\n") != std::string::npos);
  CHECK(out.find("  howpublished = {\\url{https://x.org/a%20b}},\n") != std::string::npos);
  CHECK(out.find("  key = {Joint Statement},\n") != std::string::npos);
  CHECK(out.find("  month = feb,\n") != std::string::npos);
}

TEST_CASE("names: {Family}, Given; organisations in double braces; particles and Jr.") {
  const std::string out = one(R"({"type": "book", "title": "T", "author": [
    {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
    {"literal": "Министерство обороны Российской Федерации"},
    {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
    {"family": "Plato"}]})");
  CHECK(out.find("  author = {van {Beethoven}, Ludwig and {Министерство обороны Российской Федерации} and "
                 "{King}, Jr., Martin Luther and Plato},\n") != std::string::npos);
}

TEST_CASE("capitals are protected in English titles only") {
  // Title case: the acronym and the listed proper noun, not the words title case capitalised.
  CHECK(one(R"({"type": "book", "title": "The Rise of NATO in Asia", "language": "en"})").find(
            "  title = {The Rise of {NATO} in {Asia}},\n") != std::string::npos);
  CHECK(one(R"({"type": "book", "title": "Россия и НАТО в Азии", "language": "ru"})").find(
            "  title = {Россия и НАТО в Азии},\n") != std::string::npos);
}

TEST_CASE("escaping cannot break a file: { } \\ % & # _ $ ~ ^ and unbalanced braces") {
  const std::string out = one(R"({"type": "book", "title": "a {b \\ 50% & # _ $ ~ ^ c}} d{", "language": "ru"})");
  CHECK(out.find("  title = {a \\textbraceleft{}b \\textbackslash{} 50\\% \\& \\# \\_ \\$ \\textasciitilde{} "
                 "\\textasciicircum{} c\\textbraceright{}\\textbraceright{} d\\textbraceleft{}},\n") != std::string::npos);
  CHECK(braces_balanced(out));
  auto back = bicite::bibtex::read(out);
  REQUIRE(back.references.size() == 1);
  CHECK(back.diagnostics.empty());
  CHECK(back.references[0].get("title") == "a {b \\ 50% & # _ $ ~ ^ c}} d{");
}

TEST_CASE("dates: EDTF days, months, seasons, ranges, circa; classic year ranges") {
  auto date_line = [](const char* issued) {
    std::string json = std::string(R"({"type": "book", "title": "T", "issued": )") + issued + "}";
    std::string out = bicite::bibtex::write({from_json(json.c_str())});
    auto p = out.find("  date = {");
    return p == std::string::npos ? std::string() : out.substr(p + 10, out.find('}', p) - p - 10);
  };
  CHECK(date_line(R"({"date-parts": [[2023]]})") == "2023");
  CHECK(date_line(R"({"date-parts": [[2023, 11, 30]]})") == "2023-11-30");
  CHECK(date_line(R"({"date-parts": [[2022], [2024]]})") == "2022/2024");
  CHECK(date_line(R"({"date-parts": [[2023, 14]]})") == "2023-22");
  CHECK(date_line(R"({"date-parts": [[1850]], "circa": true})") == "1850~");
  bicite::bibtex::write_options o;
  o.target = bicite::bibtex::dialect::bibtex;
  CHECK(one(R"({"type": "book", "title": "T", "issued": {"date-parts": [[2022], [2024]]}})", o).find("  year = {2022--2024},\n") !=
        std::string::npos);
}

TEST_CASE("entry types: online, article subtypes, incollection, report, thesis, misc with the CSL type kept") {
  auto head = [](const char* json) {
    std::string out = one(json);
    return out.substr(0, out.find(','));
  };
  CHECK(head(R"({"type": "webpage", "title": "Alpha", "URL": "https://a"})") == "@online{alpha");
  CHECK(head(R"({"type": "article-newspaper", "title": "Alpha"})") == "@article{alpha");
  CHECK(one(R"({"type": "article-newspaper", "title": "Alpha"})").find("entrysubtype = {newspaper}") != std::string::npos);
  CHECK(head(R"({"type": "chapter", "title": "Alpha"})") == "@incollection{alpha");
  CHECK(head(R"({"type": "report", "title": "Alpha"})") == "@report{alpha");
  CHECK(head(R"({"type": "thesis", "title": "Alpha"})") == "@thesis{alpha");
  CHECK(head(R"({"type": "book", "title": "Alpha", "editor": [{"family": "E"}]})") == "@collection{ealpha");
  CHECK(one(R"({"type": "speech", "title": "Alpha"})").find("@misc{alpha,\n  entrysubtype = {speech},\n") == 0);
}

TEST_CASE("citation keys: transliterated family name, year, first significant title word; unique; stable") {
  std::vector<bicite::reference> items{
      from_json(R"({"type": "book", "title": "О России и Китае", "author": [{"family": "Щукин"}], "issued": {"date-parts": [[2020]]}})"),
      from_json(R"({"type": "book", "title": "The Turn to the East", "author": [{"family": "Müller"}], "issued": {"date-parts": [[2021]]}})"),
      from_json(R"({"type": "book", "title": "Россия", "author": [{"family": "Ёлкин"}], "issued": {"date-parts": [[2022]]}})"),
      from_json(R"({"type": "book", "title": "Россия", "author": [{"family": "Ёлкин"}], "issued": {"date-parts": [[2022]]}})"),
      from_json(R"({"type": "book", "title": "Россия", "author": [{"family": "Ёлкин"}], "issued": {"date-parts": [[2022]]}})")};
  const auto keys = bicite::bibtex::make_keys(items);
  CHECK(keys == std::vector<std::string>{"shchukin2020rossii", "muller2021turn", "yelkin2022rossiyaa", "yelkin2022rossiyab",
                                         "yelkin2022rossiyac"});
  CHECK(bicite::bibtex::make_keys(items) == keys);
  bicite::bibtex::write_options o;
  o.key_pattern = "[auth:capitalize]_[shorttitle]";
  CHECK(bicite::bibtex::make_keys({items[1]}, o) == std::vector<std::string>{"Muller_TurnEast"});
  o.key_pattern = "[id]";
  items[0].id = "my key,1";
  CHECK(bicite::bibtex::make_keys({items[0]}, o) == std::vector<std::string>{"mykey1"});
}

TEST_CASE("every item of the sample is written, with balanced braces and unique keys") {
  // see tools_test.cpp for biber and LaTeX on the same output
  const std::string out = bicite::bibtex::write({from_json(russian_article), from_json(russian_article)});
  CHECK(braces_balanced(out));
  CHECK(out.find("@article{ilov2023rossiyskoa,") != std::string::npos);
  CHECK(out.find("@article{ilov2023rossiyskob,") != std::string::npos);
}

TEST_CASE("citation keys without names: the periodical for news, magazine and web items, else the first title word") {
  std::vector<bicite::reference> items{
      from_json(R"({"type": "article-newspaper", "title": "Путин провёл переговоры", "container-title": "Коммерсантъ",
                    "issued": {"date-parts": [[2022]]}})"),
      from_json(R"({"type": "book", "title": "The Turn to the East", "issued": {"date-parts": [[2020]]}})"),
      from_json(R"({"type": "webpage", "title": "Joint Statement", "container-title": "The Kremlin", "issued": {"date-parts": [[2023]]}})"),
      from_json(R"({"type": "report", "publisher": "Valdai Club", "issued": {"date-parts": [[2021]]}})"),
      from_json(R"({"type": "book", "title": "Alpha", "author": [{"family": "Smith"}], "issued": {"date-parts": [[2020]]}})")};
  CHECK(bicite::bibtex::make_keys(items) ==
        std::vector<std::string>{"kommersant2022putin", "turn2020east", "kremlin2023joint", "valdai2021", "smith2020alpha"});
  bicite::bibtex::write_options o;
  o.key_pattern = "[auth:capitalize][year][shorttitle]";
  CHECK(bicite::bibtex::make_keys({items[1]}, o) == std::vector<std::string>{"Turn2020East"});
}
