// Resolution: Ibid., short forms (transliteration- and typo-tolerant), repeated full citations.
#include <doctest/doctest.h>

#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include "../parse/expect.hpp"

namespace {

bicite::resolve::bibliography resolve_text(const std::string& text) {
  return bicite::resolve::resolve(bicite::parse::parse_document(text));
}

const bicite::reference& cited(const bicite::resolve::bibliography& b, std::size_t note, std::size_t i = 0) {
  return b.document.notes.at(note).citations.at(i).item;
}

}  // namespace

TEST_CASE("Ibid. points to the previous note's work and carries its fields") {
  const auto b = resolve_text(
      "1. Liu Zhen, “China’s new defence minister urges closest relations,” South China Morning Post, February 1, 2024, https://www.scmp.com/a.\n"
      "2. Ibid.\n"
      "3. Ibid., 45.\n"
      "4. Иванов И. И. Название / И. И. Иванов // Журнал. — 2023. — № 3. — С. 23–34.\n"
      "5. Там же. С. 25.\n");
  CHECK(parse_test::field(cited(b, 1), "position") == "ibid");
  CHECK(parse_test::field(cited(b, 1), "antecedent") == "1");
  CHECK(parse_test::field(cited(b, 1), "title") == "China’s new defence minister urges closest relations");
  CHECK(parse_test::field(cited(b, 2), "antecedent") == "1");
  CHECK(parse_test::field(cited(b, 4), "position") == "ibid");
  CHECK(parse_test::field(cited(b, 4), "antecedent") == "4");
  CHECK(parse_test::field(cited(b, 4), "container-title") == "Журнал");
  REQUIRE(b.cites.size() == 5);
  CHECK(b.cites[2].locator == "45");
  CHECK(b.cites[4].locator == "25");
  CHECK(b.references.size() == 2);
}

TEST_CASE("short forms point to the earliest full citation") {
  const auto b = resolve_text(
      "1. Catherine Belton, “Russia projects confidence as it pursues alliances,” The Washington Post, January 28, 2024, https://wapo.com/a.\n"
      "2. Gilbert Rozman and Gaye Christofferson, eds., Putin’s “Turn to the East” in the Xi Jinping Era (London: Routledge, 2024).\n"
      "3. Андрей Кортунов, “Китай и Россия: новая эпоха,” Известия, 3 мая 2023.\n"
      "4. Belton, “Russia projects confidence.”\n"
      "5. Rozman and Christofferson, eds., Putin’s “Turn to the East.”\n"
      "6. Kortunov, “Китай и Россия.”\n"
      "7. Belton, “Rusia projects confidense.”\n"
      "8. Gabuev, “Little Brother.”\n");
  CHECK(parse_test::field(cited(b, 3), "position") == "subsequent");
  CHECK(parse_test::field(cited(b, 3), "antecedent") == "1");
  CHECK(parse_test::field(cited(b, 3), "URL") == "https://wapo.com/a");
  CHECK(parse_test::field(cited(b, 4), "antecedent") == "2");
  CHECK(parse_test::field(cited(b, 4), "publisher") == "Routledge");
  CHECK(parse_test::field(cited(b, 5), "antecedent") == "3");  // Cyrillic name, Latin short form
  CHECK(parse_test::field(cited(b, 6), "antecedent") == "1");  // typos in the short title
  CHECK(parse_test::field(cited(b, 7), "position") == "first");  // nothing to point to
  bool reported = false;
  for (const auto& d : b.diagnostics) reported = reported || d.code == "resolve.unmatched-short-form";
  CHECK(reported);
}

TEST_CASE("a work cited twice in full is one bibliography entry remembering both notes") {
  const auto b = resolve_text(
      "1. Austin Ramzy and Jason Douglas, “Close ties,” Global Times, November 30, 2023, https://www.globaltimes.cn/page/1.shtml.\n"
      "2. Andrey Kortunov, “What is so special,” Global Times, April 20, 2023, https://www.globaltimes.cn/page/2.shtml.\n"
      "3. Austin Ramzy and Jason Douglas, “Close ties,” Global Times, November 30, 2023, http://globaltimes.cn/page/1.shtml/.\n"
      "4. Ibid.\n");
  REQUIRE(b.references.size() == 2);
  CHECK(b.references[0].custom["notes"] == nlohmann::json::array({1, 3, 4}));
  CHECK(parse_test::field(cited(b, 2), "position") == "first");
  CHECK(cited(b, 2).id == cited(b, 0).id);
  CHECK(parse_test::field(cited(b, 3), "antecedent") == "3");
  CHECK(b.references[0].id == "ramzy2023");
}

TEST_CASE("Ibid. with nothing before it is reported") {
  const auto b = resolve_text("1. Ibid.\n");
  REQUIRE(b.diagnostics.size() == 1);
  CHECK(b.diagnostics[0].code == "resolve.unmatched-ibid");
  CHECK(parse_test::field(cited(b, 0), "position") == "ibid");
}

TEST_CASE("op. cit. / Указ. соч. name only the author and point to that author's work") {
  const auto b = resolve_text(
      "1. Иванов И. И. Название / И. И. Иванов // Журнал. — 2023. — № 3. — С. 23–34.\n"
      "2. Bobo Lo, Axis of Convenience (Washington, DC: Brookings, 2008), 45.\n"
      "3. Иванов И. И. Указ. соч. С. 45.\n"
      "4. Lo, op. cit., 12.\n");
  CHECK(parse_test::field(cited(b, 2), "position") == "subsequent");
  CHECK(parse_test::field(cited(b, 2), "antecedent") == "1");
  CHECK(parse_test::field(cited(b, 2), "title") == "Название");
  CHECK(parse_test::field(cited(b, 3), "antecedent") == "2");
  CHECK(b.cites[2].locator == "45");
  CHECK(b.cites[3].locator == "12");
  CHECK(b.cites[1].locator == "45");
}
