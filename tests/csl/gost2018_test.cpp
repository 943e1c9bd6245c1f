// The GOST R 7.0.100-2018 styles compiled into bicite (lib/csl/data/gost-r-7-0-100-2018*.csl): each entry is
// described in its own language. The first six items are the sample's own CSL-JSON
// (`bicite convert examples/data/weitz-2024-view-from-russia.txt --to csl-json`, the "custom" field left out);
// the sample has no chapter, no entry with more than four authors and no Russian editor, so the last two are
// chapters written for this test in the same volumes' manner.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>

namespace {

const char* const items_json = R"x([
{"id": "zuenko2023", "type": "article-journal", "URL": "https://www.interanalytics.org/jour/article/view/479/411", "container-title": "Международная аналитика", "issue": "2", "language": "ru", "page": "23-34", "title": "Идеология антиколониализма как фактор внешней политики Китая", "volume": "14", "author": [{"family": "Zuenko", "given": "Ivan"}, {"family": "Xi", "given": "Heng"}], "issued": {"date-parts": [[2023]]}},
{"id": "denisov2023", "type": "article-journal", "container-title": "Rossiiskoe Kitaevedenie", "issue": "4", "language": "ru", "page": "9-25", "title": "Американское давление на Китай и возможности альянса Chip-4", "author": [{"family": "Denisov", "given": "Igor E."}], "issued": {"date-parts": [[2023]]}},
{"id": "kazakova2023", "type": "article-newspaper", "URL": "https://news.ru/asia/kakoe-oruzhie-kndr-mozhet-postavit-rf-dlya-svo-itogi-vstrechi-putina-i-kima/", "container-title": "NEWS", "language": "ru", "title": "Какое оружие КНДР может поставить РФ для СВО: итоги встречи Путина и Ким", "author": [{"family": "Казакова", "given": "Олеся"}, {"family": "Михайлов", "given": "Даниил"}, {"family": "Рустамова", "given": "Сона"}], "issued": {"date-parts": [[2023, 9, 13]]}},
{"id": "rozman2024", "type": "book", "language": "en", "publisher": "Routledge", "publisher-place": "London", "title": "Putin’s “Turn to the East” in the Xi Jinping Era", "editor": [{"family": "Rozman", "given": "Gilbert"}, {"family": "Christofferson", "given": "Gaye"}], "issued": {"date-parts": [[2024]]}},
{"id": "kumukov2024", "type": "article-journal", "URL": "https://eng.globalaffairs.ru/articles/chinas-strategy-in-south-caucasus/", "container-title": "Russia in Global Affairs", "issue": "1", "language": "en", "title": "China’s Foreign-Policy Strategy in the South Caucasus — a Transit Window to Europe?", "volume": "22", "author": [{"family": "Kumukov", "given": "Albert M."}, {"family": "Luzyannin", "given": "Sergey G"}], "issued": {"date-parts": [[2024, 1], [2024, 3]]}},
{"id": "belton2024", "type": "article-newspaper", "URL": "https://www.washingtonpost.com/world/2024/01/26/kremlin-global-alliances-ukraine-us/", "container-title": "The Washington Post", "language": "en", "title": "Russia projects confidence as it pursues alliances to undermine West", "author": [{"family": "Belton", "given": "Catherine"}], "issued": {"date-parts": [[2024, 1, 28]]}},
{"id": "en-chapter", "type": "chapter", "language": "en", "title": "Russia’s Pivot and Its Limits", "author": [{"family": "Smith", "given": "John"}, {"family": "Brown", "given": "Anne"}, {"family": "Green", "given": "Paul"}, {"family": "White", "given": "Mary"}, {"family": "Black", "given": "Peter"}], "container-title": "Putin’s “Turn to the East” in the Xi Jinping Era", "editor": [{"family": "Rozman", "given": "Gilbert"}, {"family": "Christofferson", "given": "Gaye"}], "publisher": "Routledge", "publisher-place": "London", "page": "10-25", "issued": {"date-parts": [[2024]]}},
{"id": "ru-chapter", "type": "chapter", "language": "ru", "title": "Поворот на Восток и его пределы", "author": [{"family": "Иванов", "given": "Иван Иванович"}, {"family": "Петров", "given": "Пётр Петрович"}, {"family": "Сидоров", "given": "Сергей Сергеевич"}, {"family": "Кузнецов", "given": "Андрей Андреевич"}, {"family": "Смирнов", "given": "Алексей Алексеевич"}], "container-title": "Россия и Китай в 2023 году : сборник статей", "editor": [{"family": "Лукин", "given": "Александр Владимирович"}], "publisher": "Наука", "publisher-place": "Москва", "page": "10-25", "issued": {"date-parts": [[2024]]}}
])x";

// The expected entries, without the numeric style's "N. ".
const char* const zuenko =
    "Zuenko, I. Идеология антиколониализма как фактор внешней политики Китая / I. Zuenko, H. Xi. – Текст : "
    "электронный // Международная аналитика. – 2023. – Т. 14, № 2. – С. 23–34. – URL: "
    "https://www.interanalytics.org/jour/article/view/479/411.";
const char* const denisov =
    "Denisov, I. E. Американское давление на Китай и возможности альянса Chip-4 / I. E. Denisov // Rossiiskoe "
    "Kitaevedenie. – 2023. – № 4. – С. 9–25.";
const char* const kazakova =
    "Казакова, О. Какое оружие КНДР может поставить РФ для СВО: итоги встречи Путина и Ким / О. Казакова, "
    "Д. Михайлов, С. Рустамова. – Текст : электронный // NEWS. – 2023. – 13 сент. – URL: "
    "https://news.ru/asia/kakoe-oruzhie-kndr-mozhet-postavit-rf-dlya-svo-itogi-vstrechi-putina-i-kima/.";
const char* const rozman =
    "Putin’s “Turn to the East” in the Xi Jinping Era / ed. by G. Rozman, G. Christofferson. – London : "
    "Routledge, 2024.";
const char* const kumukov =
    "Kumukov, A. M. China’s Foreign-Policy Strategy in the South Caucasus — a Transit Window to Europe? / "
    "A. M. Kumukov, S. G. Luzyannin. – Text : electronic // Russia in Global Affairs. – 2024. – Vol. 22, No. 1. "
    "– URL: https://eng.globalaffairs.ru/articles/chinas-strategy-in-south-caucasus/.";
const char* const belton =
    "Belton, C. Russia projects confidence as it pursues alliances to undermine West / C. Belton. – Text : "
    "electronic // The Washington Post. – 2024. – 28 Jan. – URL: "
    "https://www.washingtonpost.com/world/2024/01/26/kremlin-global-alliances-ukraine-us/.";
const char* const en_chapter =
    "Smith, J. Russia’s Pivot and Its Limits / J. Smith, A. Brown, P. Green [et al.] // Putin’s “Turn to the "
    "East” in the Xi Jinping Era / ed. by G. Rozman, G. Christofferson. – London : Routledge, 2024. – P. 10–25.";
const char* const ru_chapter =
    "Иванов, И. И. Поворот на Восток и его пределы / И. И. Иванов, П. П. Петров, С. С. Сидоров [и др.] // "
    "Россия и Китай в 2023 году : сборник статей / под ред. А. В. Лукин. – Москва : Наука, 2024. – С. 10–25.";

std::vector<bicite::reference> items() { return bicite::read_csl_json(items_json).references; }

bicite::csl::rendered render(const std::string& style, const std::vector<bicite::csl::citation>& citations) {
  auto st = bicite::csl::load_style(style);
  REQUIRE_MESSAGE(st, "the style is compiled in and found by name");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  const auto its = items();
  return bicite::csl::render(**st, its, citations, o);
}

// One citation per item; the two chapters cited at a page.
std::vector<bicite::csl::citation> citations() {
  auto cs = bicite::csl::one_citation_per_item(items());
  for (auto& c : cs)
    if (c.cites[0].id.ends_with("chapter")) c.cites[0].locator = "12";
  return cs;
}

}  // namespace

TEST_CASE("GOST R 7.0.100-2018: both styles are compiled in and listed") {
  const auto names = bicite::csl::list_styles();
  CHECK(std::find(names.begin(), names.end(), "gost-r-7-0-100-2018") != names.end());
  CHECK(std::find(names.begin(), names.end(), "gost-r-7-0-100-2018-numeric") != names.end());
  auto st = bicite::csl::load_style("gost-r-7-0-100-2018-numeric");
  REQUIRE(st);
  CHECK(bicite::csl::style_title(**st) == "Russian GOST R 7.0.100-2018 (numeric, in order of citation)");
}

TEST_CASE("GOST R 7.0.100-2018: alphabetical list, each entry in its own language") {
  const auto out = render("gost-r-7-0-100-2018", citations());
  // Cyrillic headings before Latin ones (Russian collation), then by heading or title
  const std::vector<std::string> expected{ru_chapter, kazakova, belton, denisov, kumukov, rozman, en_chapter, zuenko};
  REQUIRE(out.bibliography.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(out.bibliography[i] == expected[i]);
  // citations: the heading's surname (or the title) and the year, then the page in the item's language
  REQUIRE(out.citations.size() == 8);
  CHECK(out.citations[0] == "[Zuenko, 2023]");
  CHECK(out.citations[2] == "[Казакова, 2023]");
  CHECK(out.citations[3] == "[Putin’s “Turn to the East” in the Xi Jinping Era, 2024]");
  CHECK(out.citations[6] == "[Smith, 2024, p. 12]");
  CHECK(out.citations[7] == "[Иванов, 2024, с. 12]");
}

TEST_CASE("GOST R 7.0.100-2018: numeric list in the order of citation") {
  const auto out = render("gost-r-7-0-100-2018-numeric", citations());
  const std::vector<std::string> expected{zuenko, denisov, kazakova, rozman, kumukov, belton, en_chapter, ru_chapter};
  REQUIRE(out.bibliography.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    CHECK(out.bibliography[i] == std::to_string(i + 1) + ". " + expected[i]);
  REQUIRE(out.citations.size() == 8);
  CHECK(out.citations[0] == "[1]");
  CHECK(out.citations[6] == "[7, p. 12]");
  CHECK(out.citations[7] == "[8, с. 12]");
}

TEST_CASE("GOST R 7.0.100-2018: English words for English entries, Russian for Russian") {
  const auto out = render("gost-r-7-0-100-2018-numeric", citations());
  REQUIRE(out.bibliography.size() == 8);
  for (std::size_t i = 0; i < out.bibliography.size(); ++i) {
    const std::string& e = out.bibliography[i];
    const bool russian = items()[i].get("language") == "ru";
    INFO(e);
    for (const char* ru : {"[и др.]", "под ред.", "С. ", "Т. ", "№ ", "Текст : электронный", " с."})
      if (!russian) CHECK(e.find(ru) == std::string::npos);
    for (const char* en : {"[et al.]", "ed. by", "P. ", "Vol. ", "No. ", "Text : electronic"})
      if (russian) CHECK(e.find(en) == std::string::npos);
  }
}

TEST_CASE("GOST R 7.0.100-2018: an item without a language is described in its title's script's language") {
  // kumukov2024 and denisov2023 without their "language": an English and a Russian entry all the same
  auto its = items();
  std::vector<bicite::reference> two;
  for (auto& r : its)
    if (r.id == "kumukov2024" || r.id == "denisov2023") {
      r.set("language", "");
      two.push_back(r);
    }
  REQUIRE(two.size() == 2);
  REQUIRE(two[0].get("language").empty());
  auto st = bicite::csl::load_style("gost-r-7-0-100-2018");
  REQUIRE(st);
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  const auto out = bicite::csl::render(**st, two, bicite::csl::one_citation_per_item(two), o);
  REQUIRE(out.bibliography.size() == 2);
  CHECK(out.bibliography[0] == denisov);
  CHECK(out.bibliography[1] == kumukov);
  // the list's locale for every item when asked
  o.per_item_locale = bicite::csl::item_locale::off;
  const auto off = bicite::csl::render(**st, two, bicite::csl::one_citation_per_item(two), o);
  REQUIRE(off.bibliography.size() == 2);
  CHECK(off.bibliography[1].find("Т. 22, № 1") != std::string::npos);
}
