// The romanised "References" list (lib/csl/data/gost-r-7-0-100-2018-references.csl) that Russian journals
// print beside their GOST list. The items are the sample's own CSL-JSON (`bicite convert
// examples/data/weitz-2024-view-from-russia.txt --to csl-json`, "custom" left out): four Russian articles and
// an English one.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>
#include <bicite/translit.hpp>

namespace {

const char* const sample = R"x([{"id": "zuenko2023", "type": "article-journal", "URL": "https://www.interanalytics.org/jour/article/view/479/411", "container-title": "Международная аналитика", "issue": "2", "language": "ru", "page": "23-34", "title": "Идеология антиколониализма как фактор внешней политики Китая", "volume": "14", "author": [{"family": "Zuenko", "given": "Ivan"}, {"family": "Xi", "given": "Heng"}], "issued": {"date-parts": [[2023]]}}, {"id": "denisov2023", "type": "article-journal", "container-title": "Rossiiskoe Kitaevedenie", "issue": "4", "language": "ru", "page": "9-25", "title": "Американское давление на Китай и возможности альянса Chip-4", "author": [{"family": "Denisov", "given": "Igor E."}], "issued": {"date-parts": [[2023]]}}, {"id": "torkunov2023", "type": "article-journal", "URL": "https://www.imemo.ru/index.php?page_id=1248&file=https://www.imemo.ru/files/File/magazines/meimo/04_2023/02-TORKUNOV.pdf", "container-title": "MEIMO", "issue": "4", "language": "ru", "title": "Российская политика поворота на восток: Проблемы и риски", "author": [{"family": "Torkunov", "given": "A.V."}, {"family": "Strel’tsov", "given": "D.V."}], "issued": {"date-parts": [[2023]]}}, {"id": "kumukov2024", "type": "article-journal", "URL": "https://eng.globalaffairs.ru/articles/chinas-strategy-in-south-caucasus/", "container-title": "Russia in Global Affairs", "issue": "1", "language": "en", "title": "China’s Foreign-Policy Strategy in the South Caucasus — a Transit Window to Europe?", "volume": "22", "author": [{"family": "Kumukov", "given": "Albert M."}, {"family": "Luzyannin", "given": "Sergey G"}], "issued": {"date-parts": [[2024, 1], [2024, 3]]}}, {"id": "kazakova2023", "type": "article-newspaper", "URL": "https://news.ru/asia/kakoe-oruzhie-kndr-mozhet-postavit-rf-dlya-svo-itogi-vstrechi-putina-i-kima/", "container-title": "NEWS", "language": "ru", "title": "Какое оружие КНДР может поставить РФ для СВО: итоги встречи Путина и Ким", "author": [{"family": "Казакова", "given": "Олеся"}, {"family": "Михайлов", "given": "Даниил"}, {"family": "Рустамова", "given": "Сона"}], "issued": {"date-parts": [[2023, 9, 13]]}}])x";

const char* const style_name = "gost-r-7-0-100-2018-references";

std::vector<std::string> references(std::vector<bicite::reference> its, const std::string& scheme = {}) {
  auto st = bicite::csl::load_style(style_name);
  REQUIRE(st);
  const std::string s = scheme.empty() ? bicite::csl::style_transliteration(**st) : scheme;
  for (auto& r : its) REQUIRE(bicite::translit::add_transliterations(r, s));
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  o.variants = bicite::csl::variant_display::transliterated_translated;
  return bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o).bibliography;
}

}  // namespace

TEST_CASE("References: compiled in, listed, BSI as the journals ask") {
  const auto names = bicite::csl::list_styles();
  CHECK(std::find(names.begin(), names.end(), style_name) != names.end());
  auto st = bicite::csl::load_style(style_name);
  REQUIRE(st);
  CHECK(bicite::csl::style_transliteration(**st) == "bsi_journals");
  CHECK(bicite::translit::has_scheme("bsi_journals"));
  // the other styles ask for none
  auto gost = bicite::csl::load_style("gost-r-7-0-100-2018");
  REQUIRE(gost);
  CHECK(bicite::csl::style_transliteration(**gost).empty());
}

TEST_CASE("References: the sample's Russian articles romanised, English words, (In Russ.)") {
  const auto out = references(bicite::csljson::read(sample).references);
  const std::vector<std::string> expected{
      "1. Zuenko I., Xi H. Ideologiya antikolonializma kak faktor vneshnei politiki Kitaya. Mezhdunarodnaya analitika, "
      "2023, vol. 14, no. 2, pp. 23–34. Available at: https://www.interanalytics.org/jour/article/view/479/411. (In Russ.)",
      "2. Denisov I.E. Amerikanskoe davlenie na Kitai i vozmozhnosti al’yansa Chip-4. Rossiiskoe Kitaevedenie, 2023, "
      "no. 4, pp. 9–25. (In Russ.)",
      "3. Torkunov A.V., Strel’tsov D.V. Rossiiskaya politika povorota na vostok: Problemy i riski. MEIMO, 2023, no. 4. "
      "Available at: "
      "https://www.imemo.ru/index.php?page_id=1248&file=https://www.imemo.ru/files/File/magazines/meimo/04_2023/"
      "02-TORKUNOV.pdf. (In Russ.)",
      "4. Kumukov A.M., Luzyannin S.G. China’s Foreign-Policy Strategy in the South Caucasus — a Transit Window to "
      "Europe? Russia in Global Affairs, 2024, vol. 22, no. 1. Available at: "
      "https://eng.globalaffairs.ru/articles/chinas-strategy-in-south-caucasus/.",
      "5. Kazakova O., Mikhailov D., Rustamova S. Kakoe oruzhie KNDR mozhet postavit’ RF dlya SVO: itogi vstrechi "
      "Putina i Kim. NEWS, 2023. Available at: "
      "https://news.ru/asia/kakoe-oruzhie-kndr-mozhet-postavit-rf-dlya-svo-itogi-vstrechi-putina-i-kima/. (In Russ.)"};
  REQUIRE(out.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(out[i] == expected[i]);
}

TEST_CASE("References: transliteration [translation] where the item carries a translation") {
  auto its = bicite::csljson::read(sample).references;
  // A translation of Zuenko's title written for this test (the sample has none).
  its[0].variants["title"].push_back({"The ideology of anti-colonialism as a factor of China's foreign policy",
                                      bicite::variant_role::translated, "en", ""});
  const auto out = references({its[0]});
  REQUIRE(out.size() == 1);
  CHECK(out[0].starts_with("1. Zuenko I., Xi H. Ideologiya antikolonializma kak faktor vneshnei politiki Kitaya "
                           "[The ideology of anti-colonialism as a factor of China’s foreign policy]. Mezhdunarodnaya "
                           "analitika, 2023"));
}

TEST_CASE("References: another scheme on request; Cyrillic editors romanised, not declined") {
  auto its = bicite::csljson::read(sample).references;
  CHECK(references({its[1]}, "bgn_pcgn_alt")[0] ==
        "1. Denisov I.E. Amerikanskoye davleniye na Kitay i vozmozhnosti al’yansa Chip-4. Rossiiskoe Kitaevedenie, "
        "2023, no. 4, pp. 9–25. (In Russ.)");
  // The chapter of tests/parse/data/test-ru-notes (written for bicite, citing a real volume), editor Сидоров.
  const char* const chapter = R"x([{"id": "li2021", "type": "chapter", "title": "Политика Китая в Центральной Азии: взгляд из Пекина", "container-title": "Россия и Китай в Евразии: сотрудничество и соперничество", "author": [{"family": "Ли", "given": "Цзиньцзюнь"}], "editor": [{"family": "Сидоров", "given": "А. А."}], "issued": {"date-parts": [[2021]]}, "page": "112-134", "publisher": "Аспект Пресс", "publisher-place": "М.", "language": "ru"}])x";
  CHECK(references(bicite::csljson::read(chapter).references)[0] ==
        "1. Li T. Politika Kitaya v Tsentral’noi Azii: vzglyad iz Pekina. In: Rossiya i Kitai v Evrazii: "
        "sotrudnichestvo i sopernichestvo. Ed. by Sidorov A.A. M., Aspekt Press, 2021, pp. 112–134. (In Russ.)");
}
