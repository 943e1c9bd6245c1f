// Russian names put in the genitive for a GOST statement of responsibility ("под ред. Ф. А. Лукьянова"),
// and the round trip with to_nominative on the names of real endnotes.
#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>

#include <bicite/model.hpp>
#include <bicite/names.hpp>
#include <nlohmann/json.hpp>

#include "core/embedded.hpp"
#include "support.hpp"

using namespace bicite::names;
using ng = name_gender;

namespace {

void check_family(const std::string& nominative, const std::string& want, ng known = ng::unknown) {
  CAPTURE(nominative);
  const auto r = family_to_genitive(nominative, known);
  CHECK(r.text == want);
  CHECK(r.changed == (want != nominative));
}

bicite::name person(std::string family, std::string given) {
  bicite::name n;
  n.family = std::move(family);
  n.given = std::move(given);
  return n;
}

}  // namespace

TEST_CASE("family names in the genitive: the forms GOST statements of responsibility use") {
  check_family("Лукьянов", "Лукьянова");
  check_family("Иванова", "Ивановой");
  check_family("Достоевский", "Достоевского");
  check_family("Достоевская", "Достоевской");
  check_family("Толстой", "Толстого");
  check_family("Толстая", "Толстой");
  check_family("Петрова", "Петровой");
  check_family("Лукина", "Лукиной");
  check_family("Лукин", "Лукина");
  check_family("Торкунов", "Торкунова");
  check_family("Горький", "Горького");
  check_family("Белый", "Белого");
  check_family("Полевой", "Полевого");
  check_family("Окуджава", "Окуджавы");
  check_family("Глинка", "Глинки");
  check_family("Берия", "Берии");
  check_family("Римский-Корсаков", "Римского-Корсакова");
  check_family("ЛУКЬЯНОВ", "ЛУКЬЯНОВА");
  // indeclinable
  for (const char* same : {"Белых", "Черных", "Живаго", "Шевченко", "Дурново", "Дюма", "Smith", "Lukin"})
    check_family(same, same);
  // the gender decides and cannot be told from the family name alone
  check_family("Смит", "Смит");
  check_family("Шевчук", "Шевчук");
  check_family("Шмидт", "Шмидт");
  check_family("Гоголь", "Гоголь");
  check_family("Шевчук", "Шевчука", ng::masculine);
  check_family("Шмидт", "Шмидта", ng::masculine);
  check_family("Гоголь", "Гоголя", ng::masculine);
  check_family("Гайдай", "Гайдая", ng::masculine);
  check_family("Шмидт", "Шмидт", ng::feminine);  // a woman's consonant-final name does not decline
  check_family("Кравец", "Кравец", ng::masculine);  // Кравца or Кравеца: not sure
  // bad input
  check_family("", "");
  check_family("\xff\xfe", "\xff\xfe");
  check_family("-", "-");
  check_family(std::string(5000, 'a'), std::string(5000, 'a'));
}

TEST_CASE("whole names in the genitive: a full given name gives the gender") {
  auto r = to_genitive(person("Лукьянов", "Ф. А."));
  CHECK(r.name.family == "Лукьянова");
  CHECK(r.name.given == "Ф. А.");
  CHECK(r.gender == ng::masculine);
  r = to_genitive(person("Достоевский", "Фёдор Михайлович"));
  CHECK(r.name.family == "Достоевского");
  CHECK(r.name.given == "Фёдора Михайловича");
  r = to_genitive(person("Петрова", "Наталья Ивановна"));
  CHECK(r.name.family == "Петровой");
  CHECK(r.name.given == "Натальи Ивановны");
  CHECK(r.gender == ng::feminine);
  r = to_genitive(person("Шевчук", "Тарас"));
  CHECK(r.name.family == "Шевчука");
  CHECK(r.name.given == "Тараса");
  r = to_genitive(person("Шмидт", "Анна"));
  CHECK(r.name.family == "Шмидт");
  CHECK(r.name.given == "Анны");
  r = to_genitive(person("Смит", "Дж."));
  CHECK_FALSE(r.changed);
  CHECK(r.name.family == "Смит");
  r = to_genitive(person("Lukin", "Alexander"));
  CHECK_FALSE(r.changed);
  bicite::name org;
  org.literal = "Институт Дальнего Востока";
  CHECK(to_genitive(org).name.literal == org.literal);
  CHECK_FALSE(to_genitive(org).changed);
}

namespace {

/// Every Cyrillic personal name of the citations in a notes-JSONL file.
std::set<std::pair<std::string, std::string>> cyrillic_names(const std::string& path) {
  std::set<std::pair<std::string, std::string>> out;
  std::istringstream in(bicite_test::read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto note = nlohmann::json::parse(line, nullptr, false);
    if (!note.is_object() || !note.contains("citations")) continue;
    for (const auto& item : note["citations"])
      for (const char* role : {"author", "editor", "translator", "container-author"})
        for (const auto& a : item.value(role, nlohmann::json::array())) {
          if (!a.is_object() || !a.contains("family")) continue;
          const auto family = a.value("family", std::string());
          const auto given = a.value("given", std::string());
          // Cyrillic: the first byte of a two-byte sequence of U+0400–U+04FF
          if (!family.empty() && (static_cast<unsigned char>(family[0]) & 0xFE) == 0xD0) out.emplace(family, given);
        }
  }
  return out;
}

/// Nominative → genitive → nominative gives the name back; returns how many names changed.
int round_trip(const std::set<std::pair<std::string, std::string>>& names) {
  int changed = 0;
  for (const auto& [family, given] : names) {
    CAPTURE(family);
    CAPTURE(given);
    const auto g = to_genitive(person(family, given));
    const auto back = to_nominative(g.name, grammatical_case::genitive);
    CHECK(back.name.family == family);
    CHECK(back.name.given == given);
    if (g.changed) ++changed;
  }
  return changed;
}

}  // namespace

TEST_CASE("round trip nominative → genitive → nominative on the names of the parser's test notes") {
  std::set<std::pair<std::string, std::string>> names;
  for (const char* f : {"tests/parse/data/dev-gost.notes.jsonl", "tests/parse/data/test-ru-notes.notes.jsonl"})
    for (auto& n : cyrillic_names(bicite_test::source_path(f))) names.insert(n);
  MESSAGE(names.size() << " names");
  REQUIRE(names.size() > 20);
  const int changed = round_trip(names);
  MESSAGE(changed << " put in a different genitive form");
  CHECK(changed > static_cast<int>(names.size()) / 2);
}

TEST_CASE("round trip nominative → genitive → nominative on the names of the gold endnotes" *
          doctest::test_suite("shared")) {
  std::set<std::pair<std::string, std::string>> names;
  for (const char* f : {"gold/weitz-2024.notes.jsonl", "gold/kinevich-2018.notes.jsonl",
                        "gold/robinson-2025-ilyin-freedom.notes.jsonl"})
    for (auto& n : cyrillic_names(bicite_test::shared_path(f))) names.insert(n);
  MESSAGE(names.size() << " names");
  REQUIRE(names.size() > 10);
  round_trip(names);
}

TEST_CASE("genitive_endings.tsv: header, provenance, well-formed rows") {
  const auto bytes = bicite::detail::embedded_file("names/genitive_endings.tsv");
  REQUIRE(bytes);
  CHECK(bytes->starts_with("# "));
  CHECK(bytes->find("written for bicite from Russian grammar") != std::string_view::npos);
  std::set<std::string> kinds;
  for (const auto& row : bicite::detail::data_rows("names/genitive_endings.tsv")) {
    REQUIRE(row.size() == 4);
    kinds.insert(std::string(row[0]));
    CHECK((row[1] == "-" || row[1] == "m" || row[1] == "f"));
    CHECK_FALSE(row[2].empty());
    CHECK_FALSE(row[3].empty());
  }
  CHECK(kinds == std::set<std::string>{"family", "keep"});
}
