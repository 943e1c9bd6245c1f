// Finding notes in a document and splitting a note into works and commentary.
#include <doctest/doctest.h>

#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include "expect.hpp"

using bicite::parse::parse_document;
using bicite::parse::parse_note;
using bicite::parse::find_notes;

TEST_CASE("a notes section at the end of an article: numbers, continuation lines, text after the notes") {
  const std::string doc =
      "An article about 1. things and 2. more things.\n\n"
      "Notes\n\n"
      "1.  First note, “A Title,” Venue, 2020.\n\n"
      "2.  Second note, “Another Title,” with a line that\n"
      "goes on here, 2021.\n\n"
      "3.  Third note, “Unfinished,”\n\n"
      "February 4, 2022 is available at http://example.org/x.\n\n"
      "4.  Fourth note.\n\n"
      "Now Reading: another article\n";
  const auto notes = find_notes(doc).notes;
  REQUIRE(notes.size() == 4);
  CHECK(notes[0].number == 1);
  CHECK(notes[0].text == "First note, “A Title,” Venue, 2020.");
  CHECK(notes[1].text == "Second note, “Another Title,” with a line that goes on here, 2021.");
  CHECK(notes[2].text == "Third note, “Unfinished,” February 4, 2022 is available at http://example.org/x.");
  CHECK(notes[3].text == "Fourth note.");
  CHECK(doc.substr(notes[0].where.begin, 2) == "1.");
  // pieces map the note's text back to the input
  REQUIRE(notes[1].pieces.size() == 2);
  CHECK(doc.substr(notes[1].pieces[1].second, 4) == "goes");
}

TEST_CASE("note markers of several kinds") {
  struct marker_case {
    const char* name;
    std::string input;
    std::vector<int> numbers;
    std::string first;
  };
  const marker_case cases[] = {
      {"[1]", "[1] Alpha, “T,” 2020.\n[2] Beta, “U,” 2021.\n", {1, 2}, "Alpha, “T,” 2020."},
      {"1)", "1) Alpha, “T,” 2020.\n2) Beta, “U,” 2021.\n", {1, 2}, "Alpha, “T,” 2020."},
      {"Markdown footnotes", "Text[^1] and[^b].\n\n[^1]: Alpha, “T,” 2020.\n[^b]: Beta, “U,” 2021.\n    continued.\n", {1, 2},
       "Alpha, “T,” 2020."},
      {"a skipped number is tolerated", "1. Alpha.\n2. Beta.\n4. Delta.\n", {1, 2, 4}, "Alpha."},
      {"unnumbered reference list", "Smith, J. (2020). Title. Journal, 1(2), 3–4.\nDoe, A. (2021). Other. Journal, 5, 6–7.\n",
       {1, 2}, "Smith, J. (2020). Title. Journal, 1(2), 3–4."},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      const auto notes = find_notes(c.input).notes;
      REQUIRE(notes.size() == c.numbers.size());
      for (std::size_t i = 0; i < notes.size(); ++i) CHECK(notes[i].number == c.numbers[i]);
      CHECK(notes[0].text == c.first);
    }
  }
  const auto hanging = find_notes("Smith, John. “A Title.” Journal, vol. 1,\n    no. 2, 2020, pp. 3-4.\nDoe, Jane. Book. Press, 2021.\n").notes;
  REQUIRE(hanging.size() == 2);
  CHECK(hanging[0].text == "Smith, John. “A Title.” Journal, vol. 1, no. 2, 2020, pp. 3-4.");
  const auto md = find_notes("[^1]: Alpha.\n[^b]: Beta,\n    continued.\n").notes;
  REQUIRE(md.size() == 2);
  CHECK(md[1].text == "Beta, continued.");
}

TEST_CASE("Ibid. and Там же with a locator") {
  struct ibid_case {
    const char* input;
    std::string locator;
  };
  const ibid_case cases[] = {{"Ibid.", ""}, {"Ibid., 45.", "45"}, {"Ibid, p. 7.", "7"}, {"Там же.", ""},
                             {"Там же. С. 5.", "5"}, {"Ibidem, 12–14.", "12–14"}};
  for (const auto& c : cases) {
    CAPTURE(c.input);
    const auto n = parse_note(c.input, 2);
    REQUIRE(n.citations.size() == 1);
    CHECK(n.citations[0].ibid);
    CHECK(n.citations[0].locator == c.locator);
    CHECK(n.commentary.empty());
  }
}

TEST_CASE("a note with several works and commentary") {
  SUBCASE("\"; \" inside a name list does not start another work") {
    // the form of issue #17's real reference "Fafarman, A.; Sigala, P.; …"
    const auto n = parse_note("Fafarman, A.; Sigala, P.; Smith, J. Evaluation of the method. J. Inorg. Biochem. 2001, 12, 45-67.");
    REQUIRE(n.citations.size() == 1);
    CHECK(parse_test::field(n.citations[0].item, "author") == "Fafarman, A.; Sigala, P.; Smith, J.");
    CHECK(parse_test::field(n.citations[0].item, "title") == "Evaluation of the method");
    // between two works it still does: "…, 45; Skirda, 47."
    const auto two = parse_note("Alexandre Skirda, Nestor Makhno: Anarchy’s Cossack (Edinburgh: AK Press, 2004), 45; "
                                "Peter Arshinov, History of the Makhnovist Movement (Detroit: Black and Red, 1974), 12.");
    CHECK(two.citations.size() == 2);
  }
  SUBCASE("GOST entries run together without a separator are two works") {
    // issue #17's real note
    const auto n = parse_note(
        "Даль Р. О демократии. — М.: Аспект Пресс, 2000. Сартори Дж. Вертикальная демократия // Полис. 1993. №2. С. 80-90.");
    REQUIRE(n.citations.size() == 2);
    CHECK(parse_test::field(n.citations[0].item, "title") == "О демократии");
    CHECK(parse_test::field(n.citations[0].item, "publisher") == "Аспект Пресс");
    CHECK(parse_test::field(n.citations[1].item, "author") == "Сартори, Дж.");
    CHECK(parse_test::field(n.citations[1].item, "container-title") == "Полис");
    CHECK(parse_test::field(n.citations[1].item, "page") == "80-90");
  }
  SUBCASE("See also") {
    const auto n = parse_note(
        "Stephen Blank, “A View from Russia,” The Asan Forum, October 23, 2023, https://theasanforum.org/a-view-from-russia/. "
        "See also Nivedita Kapoor, “Индийская дилемма России,” Rossiya v Global’noi Politike, vol. 21, No. 2 (March/April 2023), "
        "https://eng.globalaffairs.ru/articles/x/.");
    REQUIRE(n.citations.size() == 2);
    CHECK(n.commentary == "See also");
    CHECK(parse_test::field(n.citations[0].item, "author") == "Blank, Stephen");
    CHECK(parse_test::field(n.citations[1].item, "author") == "Kapoor, Nivedita");
    CHECK(parse_test::field(n.citations[1].item, "issued") == "2023-3/2023-4");
  }
  SUBCASE("commentary before a book") {
    const auto n = parse_note(
        "Igor Ilov, “Отношения,” Российское китаеведение, No. 3 (2023), https://lk.iccaras.ru/x.pdf. This is also a major theme "
        "of my book, The New China-Russia Alignment: Critical Challenges to U.S. Security (Santa Barbara, CA: Praeger, 2022).");
    REQUIRE(n.citations.size() == 2);
    CHECK(n.commentary == "This is also a major theme of my book,");
    CHECK(parse_test::field(n.citations[1].item, "title") == "The New China-Russia Alignment: Critical Challenges to U.S. Security");
    CHECK(parse_test::field(n.citations[1].item, "publisher-place") == "Santa Barbara, CA");
    CHECK(parse_test::field(n.citations[1].item, "type") == "book");
  }
  SUBCASE("a work mentioned in a sentence") {
    const auto n = parse_note(
        "Ministry of Foreign Affairs, “Выступление,” January 18, 2023, https://mid.ru/x. The “Joint Statement on a New Era,” "
        "February 4, 2022 is available at http://en.kremlin.ru/supplement/5770.");
    REQUIRE(n.citations.size() == 2);
    CHECK(parse_test::field(n.citations[1].item, "title") == "Joint Statement on a New Era");
    CHECK(parse_test::field(n.citations[1].item, "issued") == "2022-2-4");
    CHECK(parse_test::field(n.citations[1].item, "URL") == "http://en.kremlin.ru/supplement/5770");
    CHECK(n.commentary == "The is available at");
  }
  SUBCASE("two works separated by a semicolon") {
    const auto n = parse_note("Smith, “First Work,” Journal A, May 2020; Jones, “Second Work,” Journal B, June 2021.");
    REQUIRE(n.citations.size() == 2);
    CHECK(parse_test::field(n.citations[1].item, "title") == "Second Work");
    CHECK(parse_test::field(n.citations[1].item, "issued") == "2021-6");
  }
  SUBCASE("a semicolon between two places of one book does not split it") {
    const auto n = parse_note("Bobo Lo, Axis of Convenience. London: Chatham House; Washington, DC: Brookings Institution "
                              "Press, 2008.");
    REQUIRE(n.citations.size() == 1);
    CHECK(parse_test::field(n.citations[0].item, "publisher") == "Chatham House; Brookings Institution Press");
    CHECK(parse_test::field(n.citations[0].item, "issued") == "2008");
  }
  SUBCASE("short forms of unquoted titles refer back to the book") {
    const auto doc = bicite::resolve::resolve(bicite::parse::parse_document(
        "1. Dmitri Trenin, Should We Fear Russia? (Cambridge: Polity Press, 2016), 45–47.\n"
        "2. Trenin, Should We Fear Russia?, 50.\n"
        "3. Marlene Hoskins, Russia’s Eastern Turn: Power, Markets, and Memory (New York: Oxford University Press, 2019).\n"
        "4. Hoskins, Russia’s Eastern Turn, 201; Trenin, Should We Fear Russia?, 60–62.\n")).document;
    REQUIRE(doc.notes.size() == 4);
    REQUIRE(doc.notes[1].citations.size() == 1);
    CHECK(parse_test::field(doc.notes[1].citations[0].item, "position") == "subsequent");
    CHECK(parse_test::field(doc.notes[1].citations[0].item, "antecedent") == "1");
    REQUIRE(doc.notes[3].citations.size() == 2);
    CHECK(parse_test::field(doc.notes[3].citations[0].item, "antecedent") == "3");
    CHECK(parse_test::field(doc.notes[3].citations[1].item, "antecedent") == "1");
  }
  SUBCASE("a four-digit page after a quoted short title is the page cited, not a year") {
    const auto doc = bicite::resolve::resolve(bicite::parse::parse_document(
        "1. Dmitri Volkov and Sarah Chen, “Managing Asymmetry: Russia’s Adaptation,” Europe-Asia Studies 74, no. 6 "
        "(2022): 1012–1036.\n"
        "2. Volkov and Chen, “Managing Asymmetry,” 1020.\n")).document;
    REQUIRE(doc.notes.size() == 2);
    REQUIRE(doc.notes[1].citations.size() == 1);
    CHECK(parse_test::field(doc.notes[1].citations[0].item, "antecedent") == "1");
    CHECK(parse_test::field(doc.notes[1].citations[0].item, "issued") == "2022");
    CHECK(doc.notes[1].citations[0].locator == "1020");
  }
  SUBCASE("prose, a cue and a citation after a colon") {
    auto n = parse_note("For a different view, see Dmitri Trenin, Should We Fear Russia? (Cambridge: Polity Press, 2016).");
    REQUIRE(n.citations.size() == 1);
    CHECK(parse_test::field(n.citations[0].item, "author") == "Trenin, Dmitri");
    CHECK(n.commentary == "For a different view, see");
    n = parse_note("The channel made the same argument the next day: Rybar, Telegram post, March 15, 2024, https://t.me/rybar/1.");
    REQUIRE(n.citations.size() == 1);
    CHECK(parse_test::field(n.citations[0].item, "author") == "Rybar");
  }
  SUBCASE("quoted words in prose are not titles") {
    const auto n = parse_note("The term “sovereign globalization” appears in official documents only after 2022; before that, "
                              "Russian officials preferred “multipolarity” or “polycentricity.”");
    CHECK(n.citations.empty());
  }
  SUBCASE("a cue with a colon inside a sentence; the words leading into it are commentary") {
    const auto n = parse_note("Об истории формата «Центральная Азия + Россия» подробнее см.: Ахмедова Д. Р. Многосторонние "
                              "форматы : дис. … канд. полит. наук. М., 2022. 214 с.");
    REQUIRE(n.citations.size() == 1);
    CHECK(parse_test::field(n.citations[0].item, "author") == "Ахмедова, Д. Р.");
    CHECK(n.commentary == "Об истории формата «Центральная Азия + Россия» подробнее см.:");
  }
  SUBCASE("a GOST note of two works: a short form and a full reference after ';'") {
    const auto n = parse_note("См.: Кузьмин В. Н. Указ. соч. С. 60–64; Гордеев П. А., Гордеева Л. Л. Тихоокеанская Россия // "
                              "Россия и АТР. 2020. № 2. С. 5–24.");
    REQUIRE(n.citations.size() == 2);
    CHECK(parse_test::field(n.citations[1].item, "author") == "Гордеев, П. А.; Гордеева, Л. Л.");
  }
  SUBCASE("a grant acknowledged with its project's name in guillemets is commentary") {
    const auto n = parse_note("Исследование выполнено за счет гранта Российского научного фонда № 23-28-01457 "
                              "«Трансформация региональной архитектуры безопасности в Центральной Азии».");
    CHECK(n.citations.empty());
  }
  SUBCASE("a citation in brackets inside prose; a running issue number is not a volume") {
    const auto n = parse_note("Показательно, что эту оценку разделяют и казахстанские эксперты (см.: Сарсенбаев Е. Б. "
                              "Многовекторность 2.0 // Казахстан в глобальных процессах. 2023. № 2 (76). С. 17–29), хотя в "
                              "официальной риторике Астаны она не звучит.");
    REQUIRE(n.citations.size() == 1);
    CHECK(parse_test::field(n.citations[0].item, "author") == "Сарсенбаев, Е. Б.");
    CHECK(parse_test::field(n.citations[0].item, "issue") == "2");
    CHECK(parse_test::field(n.citations[0].item, "volume") == "");
  }
  SUBCASE("a GOST short form with its title cut short") {
    const auto doc = bicite::resolve::resolve(bicite::parse::parse_document(
        "1. Кузьмин В. Н. Поворот на Восток : российская политика в Азии. М.: Аспект Пресс, 2019. С. 45.\n"
        "2. Кузьмин В. Н. Поворот на Восток… С. 78.\n")).document;
    REQUIRE(doc.notes.size() == 2);
    REQUIRE(doc.notes[1].citations.size() == 1);
    CHECK(parse_test::field(doc.notes[1].citations[0].item, "antecedent") == "1");
    CHECK(doc.notes[1].citations[0].locator == "78");
  }
  SUBCASE("pure commentary") {
    const std::string text = "The author wishes to thank Sevonne Brockington and the editors for their help with the sources.";
    const auto n = parse_note(text);
    CHECK(n.citations.empty());
    CHECK(n.commentary == text);
  }
  SUBCASE("См. также in a Russian note") {
    const auto n = parse_note("Иванов И. И. Название / И. И. Иванов // Журнал. — 2023. — № 3. — С. 23–34. "
                              "См. также: Петров П. П. Другое / П. П. Петров // Журнал. — 2022. — № 1. — С. 5–9.");
    REQUIRE(n.citations.size() == 2);
    CHECK(n.commentary == "См. также");
    CHECK(parse_test::field(n.citations[1].item, "author") == "Петров, П. П.");
    CHECK(parse_test::field(n.citations[1].item, "page") == "5-9");
  }
}

TEST_CASE("parse_document maps spans back to the input across joined lines") {
  const std::string doc = "1. Alpha Beta, “Title of the work,” Venue\nContinued, March 3, 2021, https://example.org/a.\n";
  const auto parsed = parse_document(doc);
  REQUIRE(parsed.notes.size() == 1);
  REQUIRE(parsed.notes[0].citations.size() == 1);
  const auto& c = parsed.notes[0].citations[0];
  for (const auto& s : c.sources) {
    if (s.field == "URL") CHECK(doc.substr(s.where.begin, s.where.end - s.where.begin) == "https://example.org/a");
    if (s.field == "issued") CHECK(doc.substr(s.where.begin, s.where.end - s.where.begin) == "March 3, 2021");
  }
  CHECK(parse_test::field(c.item, "container-title") == "Venue Continued");
}
