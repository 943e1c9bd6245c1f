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
    "Россия и Китай в 2023 году : сборник статей / под редакцией А. В. Лукина. – Москва : Наука, 2024. – С. 10–25.";

std::vector<bicite::reference> items() { return bicite::csljson::read(items_json).references; }

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

namespace {

bicite::csl::rendered render_items(const std::string& style_xml_or_name, const std::vector<bicite::reference>& its,
                                   bicite::csl::variant_display variants = bicite::csl::variant_display::original) {
  auto st = style_xml_or_name.starts_with("<") ? bicite::csl::parse_style(style_xml_or_name)
                                               : bicite::csl::load_style(style_xml_or_name);
  REQUIRE(st);
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  o.variants = variants;
  return bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
}

}  // namespace

TEST_CASE("GOST R 7.0.100-2018: names after a role word in the genitive (bicite:case)") {
  // A chapter of tests/parse/data/test-ru-notes (a document written for bicite citing a real volume): the
  // note says "/ под ред. А. А. Сидорова", its gold item has the editor in the nominative, Сидоров; the styles
  // write the role word in full, as the standard's examples do.
  const char* const chapter = R"x([{"id": "li2021", "type": "chapter", "title": "Политика Китая в Центральной Азии: взгляд из Пекина", "container-title": "Россия и Китай в Евразии: сотрудничество и соперничество", "author": [{"family": "Ли", "given": "Цзиньцзюнь"}], "editor": [{"family": "Сидоров", "given": "А. А."}], "issued": {"date-parts": [[2021]]}, "page": "112-134", "publisher": "Аспект Пресс", "publisher-place": "М.", "language": "ru"}])x";
  auto its = bicite::csljson::read(chapter).references;
  for (const char* style : {"gost-r-7-0-100-2018", "gost-r-7-0-100-2018-numeric"}) {
    CAPTURE(style);
    const auto out = render_items(style, its);
    REQUIRE(out.bibliography.size() == 1);
    CHECK(out.bibliography[0].find("// Россия и Китай в Евразии: сотрудничество и соперничество / под редакцией А. А. Сидорова. "
                                   "– М. : Аспект Пресс, 2021. – С. 112–134.") != std::string::npos);
  }
  // The item keeps its nominative: only the output is declined.
  CHECK(its[0].names_of("editor")[0].family == "Сидоров");

  // In English words ("ed. by") the name stays in the nominative, and so does a romanised name.
  its[0].set("language", "en");
  CHECK(render_items("gost-r-7-0-100-2018", its).bibliography[0].find("/ ed. by А. А. Сидоров.") != std::string::npos);
  its[0].set("language", "ru");
  auto& editor = its[0].names["editor"][0];
  editor.variants.push_back({});
  editor.variants[0].family = "Sidorov";
  editor.variants[0].given = "A. A.";
  CHECK(render_items("gost-r-7-0-100-2018", its, bicite::csl::variant_display::transliterated)
            .bibliography[0]
            .find("под редакцией A. A. Sidorov.") != std::string::npos);
}

TEST_CASE("GOST R 7.0.100-2018: an indeclinable editor of the gold endnotes stays as written" *
          doctest::test_suite("shared")) {
  // ../shared/gold/kinevich-2018.notes.jsonl, note 3: "… / под ред. О. Г. Газенко. – M. : Наука, 1990. – 496 с."
  const char* const book = R"x([{"id": "bernstein1990", "type": "book", "title": "Очерки по физиологии движений и физиологии активности", "author": [{"family": "Бернштейн", "given": "Н. А."}], "editor": [{"family": "Газенко", "given": "О. Г."}], "issued": {"date-parts": [[1990]]}, "publisher": "Наука", "publisher-place": "M.", "language": "ru"}])x";
  const auto out = render_items("gost-r-7-0-100-2018", bicite::csljson::read(book).references);
  REQUIRE(out.bibliography.size() == 1);
  CHECK(out.bibliography[0] ==
        "Бернштейн, Н. А. Очерки по физиологии движений и физиологии активности / Н. А. Бернштейн ; под редакцией О. "
        "Г. Газенко. – M. : Наука, 1990.");
}

TEST_CASE("bicite:case only in bicite's namespace; translators and compilers too") {
  const auto style = [](const std::string& ns) {
    return R"(<style xmlns="http://purl.org/net/xbiblio/csl" xmlns:b=")" + ns +
           R"(" class="in-text" version="1.0" default-locale="ru-RU"><info><title>t</title><id>t</id></info>
<citation><layout><text value="x"/></layout></citation>
<bibliography><layout><group delimiter=" ; "><names variable="translator"><label form="verb-short" suffix=" "/><name b:case="genitive" initialize-with=". "/></names>
<names variable="compiler"><label form="verb-short" suffix=" "/><name b:case="genitive" initialize-with=". "/></names></group></layout></bibliography></style>)";
  };
  bicite::reference r;
  r.id = "x";
  r.type = "book";
  r.set("language", "ru");
  r.names["translator"].push_back({});
  r.names["translator"][0].family = "Петрова";
  r.names["translator"][0].given = "Наталья Ивановна";
  r.names["compiler"].push_back({});
  r.names["compiler"][0].family = "Торкунов";
  r.names["compiler"][0].given = "А. В.";
  const auto ours = render_items(style("urn:bicite:csl"), {r});
  REQUIRE(ours.bibliography.size() == 1);
  CHECK(ours.bibliography[0].find("пер. Н. И. Петровой") != std::string::npos);
  CHECK(ours.bibliography[0].find("Торкунова") != std::string::npos);
  const auto other = render_items(style("http://example.org/other"), {r});
  REQUIRE(other.bibliography.size() == 1);
  CHECK(other.bibliography[0].find("пер. Н. И. Петрова") != std::string::npos);
  CHECK(other.bibliography[0].find("Торкунов") != std::string::npos);
  CHECK(other.bibliography[0].find("Торкунова") == std::string::npos);
}
