// add_transliterations: romanised variants for the Cyrillic fields and names of a reference, the
// material of a "References" list. The items are the sample's own CSL-JSON
// (`bicite convert examples/data/weitz-2024-view-from-russia.txt --to csl-json`, "custom" left out).
#include <doctest/doctest.h>

#include <string>

#include <bicite/csljson.hpp>
#include <bicite/translit.hpp>

namespace {

bicite::reference item(const char* json) {
  auto items = bicite::csljson::read(json).references;
  REQUIRE(items.size() == 1);
  return items[0];
}

const char* const kazakova =
    R"x([{"id": "kazakova2023", "type": "article-newspaper", "URL": "https://news.ru/asia/kakoe-oruzhie-kndr-mozhet-postavit-rf-dlya-svo-itogi-vstrechi-putina-i-kima/", "container-title": "NEWS", "language": "ru", "title": "Какое оружие КНДР может поставить РФ для СВО: итоги встречи Путина и Ким", "author": [{"family": "Казакова", "given": "Олеся"}, {"family": "Михайлов", "given": "Даниил"}, {"family": "Рустамова", "given": "Сона"}], "issued": {"date-parts": [[2023, 9, 13]]}}])x";

const char* const zuenko =
    R"x([{"id": "zuenko2023", "type": "article-journal", "URL": "https://www.interanalytics.org/jour/article/view/479/411", "container-title": "Международная аналитика", "issue": "2", "language": "ru", "page": "23-34", "title": "Идеология антиколониализма как фактор внешней политики Китая", "volume": "14", "author": [{"family": "Zuenko", "given": "Ivan"}, {"family": "Xi", "given": "Heng"}], "issued": {"date-parts": [[2023]]}}])x";

}  // namespace

TEST_CASE("add_transliterations: every Cyrillic field and name of a sample item, in the scheme asked for") {
  auto r = item(kazakova);
  const auto added = bicite::translit::add_transliterations(r, "bs_2979_alt");
  REQUIRE(added);
  CHECK(added->fields == 1);  // the title; NEWS and the URL are Latin
  CHECK(added->names == 3);
  const auto* title = r.variant("title", bicite::variant_role::transliterated);
  REQUIRE(title);
  CHECK(title->value == "Kakoe oruzhie KNDR mozhet postavit' RF dlya SVO: itogi vstrechi Putina i Kim");
  CHECK(title->scheme == "bs_2979_alt");
  CHECK(title->language == "ru-Latn");
  CHECK(r.variant("container-title", bicite::variant_role::transliterated) == nullptr);
  const auto& first = r.names_of("author")[0];
  REQUIRE(first.variants.size() == 1);
  CHECK(first.variants[0].family == "Kazakova");
  CHECK(first.variants[0].given == "Olesya");
  CHECK(first.variants[0].scheme == "bs_2979_alt");
  CHECK(r.get("title") == "Какое оружие КНДР может поставить РФ для СВО: итоги встречи Путина и Ким");  // kept

  // A second call adds nothing: a field or name with a transliteration keeps it, whatever the scheme.
  const auto again = bicite::translit::add_transliterations(r, "bgn_pcgn");
  REQUIRE(again);
  CHECK(again->fields == 0);
  CHECK(again->names == 0);
  CHECK(r.variant("title", bicite::variant_role::transliterated)->scheme == "bs_2979_alt");
}

TEST_CASE("add_transliterations: Latin names stay, schemes differ, initials become Latin initials") {
  auto r = item(zuenko);
  auto added = bicite::translit::add_transliterations(r, "bgn_pcgn_alt");
  REQUIRE(added);
  CHECK(added->fields == 2);  // title and container-title
  CHECK(added->names == 0);   // Zuenko and Xi are written in Latin
  CHECK(r.variant("container-title", bicite::variant_role::transliterated)->value == "Mezhdunarodnaya analitika");

  bicite::reference person;
  person.names["author"].push_back({});
  person.names["author"][0].family = "Бакланов";
  person.names["author"][0].given = "П. Я.";
  REQUIRE(bicite::translit::add_transliterations(person, "bs_2979_alt"));
  CHECK(person.names["author"][0].variants.at(0).family == "Baklanov");
  CHECK(person.names["author"][0].variants.at(0).given == "P. Ya.");
}

TEST_CASE("add_transliterations: a Cyrillic URL stays a link") {
  bicite::reference r;
  r.set("URL", "http://президент.рф/news/1");
  r.set("title", "Новости");
  const auto added = bicite::translit::add_transliterations(r, "bsi_journals");
  REQUIRE(added);
  CHECK(added->fields == 1);
  CHECK(r.variant("URL", bicite::variant_role::transliterated) == nullptr);
  CHECK(r.variant("title", bicite::variant_role::transliterated)->value == "Novosti");
}

TEST_CASE("add_transliterations: an unknown scheme is an error and changes nothing") {
  auto r = item(kazakova);
  const auto before = bicite::csljson::write({r});
  const auto added = bicite::translit::add_transliterations(r, "no-such-scheme");
  REQUIRE_FALSE(added);
  CHECK(added.error().code == "translit.unknown-scheme");
  CHECK(bicite::csljson::write({r}) == before);
}
