// Field readers (options::reader): the rules, the trained labeller, and the hybrid of the two (the default). The
// option is honoured, every reader gives well-formed notes on every project document, and odd input
// never crashes any of them.
#include <doctest/doctest.h>

#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include <nlohmann/json.hpp>

#include <random>
#include <sstream>

#include "support.hpp"

using bicite::parse::field_reader;

namespace {

bicite::parse::options with(field_reader r) {
  bicite::parse::options o;
  o.reader = r;
  return o;
}

// Every span inside the input, every citation with a type, every notes-JSONL line valid JSON.
void check_well_formed(const std::string& text, field_reader r) {
  const auto doc = bicite::parse::parse_document(text, with(r));
  for (const auto& n : doc.notes)
    for (const auto& c : n.citations) {
      CHECK(c.where.begin <= c.where.end);
      CHECK(c.where.end <= text.size());
      for (const auto& s : c.sources) {
        CHECK(s.where.begin <= s.where.end);
        CHECK(s.where.end <= text.size());
      }
      if (!c.ibid && !c.short_form) CHECK(!c.item.type.empty());
    }
  const auto bib = bicite::resolve::resolve(doc);
  std::istringstream lines(bicite::notes_jsonl::write(bib.document));
  std::size_t count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    REQUIRE(!j.is_discarded());
    CHECK(j.contains("citations"));
  }
  CHECK(count == doc.notes.size());
}

const char* const documents[] = {"dev-chicago", "dev-gost", "test-ru-notes", "test-en-mixed", "test-apa-refs"};

}  // namespace

TEST_CASE("the reader option: hybrid by default, the labeller or the rules alone when asked") {
  CHECK(bicite::parse::options{}.reader == field_reader::hybrid);
  // an author-date reference the rules misread (the given name is taken for the title) and the labeller reads
  const std::string ref =
      "Vihman, Marilyn M. 1985. Language differentiation by the bilingual infant. Journal of Child Language 12, 297-324.";
  const auto m = bicite::parse::parse_reference(ref, with(field_reader::model));
  CHECK(m.item.get("title") == "Language differentiation by the bilingual infant");
  CHECK(m.item.get("container-title") == "Journal of Child Language");
  CHECK(m.item.type == "article-journal");
  CHECK(m.item.get("language") == "en");
  REQUIRE(m.item.names_of("author").size() == 1);
  CHECK(m.item.names_of("author")[0].family == "Vihman");
  // the rules' reading differs, so the option did change the reader
  const auto r = bicite::parse::parse_reference(ref, with(field_reader::rules));
  CHECK(r.item.get("title") != m.item.get("title"));
  // the default (hybrid) takes the labeller's reading: the rules' title holds the year and the journal
  const auto h = bicite::parse::parse_reference(ref);
  CHECK(h.item.get("title") == m.item.get("title"));
  CHECK(h.item.get("container-title") == "Journal of Child Language");
}

TEST_CASE("the hybrid reader keeps the rules' reading where it is as plausible as the labeller's") {
  // a Chicago note the rules read completely: title in quotation marks, container, date, link
  const std::string note =
      "1. Andrey Dmitrievich Dikarev, “Российско-китайские отношения в 2023 году,” МГИМО Университет, January 4, "
      "2024, https://mgimo.ru/about/news/experts/russia-china-2023/.\n";
  const auto rules = bicite::parse::parse_document(note, with(field_reader::rules));
  const auto hybrid = bicite::parse::parse_document(note);
  REQUIRE(rules.notes.size() == 1);
  REQUIRE(hybrid.notes.size() == 1);
  REQUIRE(hybrid.notes[0].citations.size() == 1);
  const auto& c = hybrid.notes[0].citations[0].item;
  CHECK(c.get("title") == rules.notes[0].citations[0].item.get("title"));
  CHECK(c.get("title") == "Российско-китайские отношения в 2023 году");
  CHECK(c.get("container-title") == "МГИМО Университет");
  REQUIRE(c.names_of("author").size() == 1);
  CHECK(c.names_of("author")[0].family == "Dikarev");
}

TEST_CASE("the hybrid reader leaves Ibid. to the rules and keeps short forms short") {
  const std::string note =
      "1. Иванов И. И. Поворот на Восток. М.: Наука, 2019. 320 с.\n"
      "2. Там же. С. 45.\n"
      "3. Catherine Belton, Putin’s People (London: William Collins, 2020), 112.\n"
      "4. Belton, Putin’s People, 115.\n";
  const auto rules = bicite::parse::parse_document(note, with(field_reader::rules));
  const auto hybrid = bicite::parse::parse_document(note, with(field_reader::hybrid));
  REQUIRE(rules.notes.size() == 4);
  REQUIRE(hybrid.notes.size() == 4);
  // note 1 is Cyrillic: the same reading
  REQUIRE(hybrid.notes[0].citations.size() == 1);
  CHECK(hybrid.notes[0].citations[0].item.get("title") == rules.notes[0].citations[0].item.get("title"));
  CHECK(hybrid.notes[0].citations[0].item.get("publisher") == "Наука");
  REQUIRE(hybrid.notes[1].citations.size() == 1);
  CHECK(hybrid.notes[1].citations[0].ibid);
  REQUIRE(hybrid.notes[3].citations.size() == 1);
  CHECK(hybrid.notes[3].citations[0].short_form);
  // note 3: a book, its page cited kept as the locator
  REQUIRE(hybrid.notes[2].citations.size() == 1);
  const auto& c = hybrid.notes[2].citations[0];
  CHECK(c.item.type == "book");
  CHECK(c.item.get("page").empty());
  CHECK(c.locator == "112");
}

TEST_CASE("every reader gives well-formed notes on every project document") {
  for (const char* d : documents) {
    const std::string text = bicite_test::read_file(bicite_test::source_path(std::string("tests/parse/data/") + d + ".txt"));
    for (auto r : {field_reader::rules, field_reader::model, field_reader::hybrid}) {
      CAPTURE(d);
      CAPTURE(static_cast<int>(r));
      check_well_formed(text, r);
    }
  }
}

TEST_CASE("every reader gives well-formed notes on the shared documents" * doctest::test_suite("shared")) {
  for (const char* d : {"corpus/weitz-2024-view-from-russia.txt", "corpus/robinson-2025-ilyin-freedom.txt",
                        "corpus/kinevich-2018-sensorimotor.txt"}) {
    const std::string text = bicite_test::read_file(bicite_test::shared_path(d));
    for (auto r : {field_reader::model, field_reader::hybrid}) {
      CAPTURE(d);
      check_well_formed(text, r);
    }
  }
}

TEST_CASE("a GOST list written with en dashes and 'Family, I. O.' headings" * doctest::test_suite("shared")) {
  // kinevich-2018: a real thesis's list, typed in a word processor (GOST 7.1-2003 areas as " – ")
  const std::string text = bicite_test::read_file(bicite_test::shared_path("corpus/kinevich-2018-sensorimotor.txt"));
  for (auto r : {field_reader::rules, field_reader::hybrid}) {
    CAPTURE(static_cast<int>(r));
    const auto doc = bicite::parse::parse_document(text, with(r));
    REQUIRE(doc.notes.size() == 28);
    // "2. Ильин, Е. П. Психомоторная организация человека : учебное пособие / Е. П. Ильин. – СПб. : Питер, 2003. – 384 с."
    REQUIRE(doc.notes[1].citations.size() == 1);
    const auto& book = doc.notes[1].citations[0].item;
    CHECK(book.type == "book");
    CHECK(book.get("title") == "Психомоторная организация человека");  // the kind of publication is its genre
    CHECK(book.get("genre") == "учебное пособие");
    REQUIRE(book.names_of("author").size() == 1);
    CHECK(book.names_of("author")[0].family == "Ильин");
    CHECK(book.names_of("author")[0].given == "Е. П.");
    CHECK(book.get("publisher-place") == "СПб.");
    CHECK(book.get("publisher") == "Питер");
    CHECK(book.dates.at("issued").parts[0].year == 2003);
    // "12. Фейгенберг, И. М. Быстрота … // Физиология человека. – 2008. – № 5. – С. 51 – 62."
    REQUIRE(doc.notes[11].citations.size() == 1);
    const auto& article = doc.notes[11].citations[0].item;
    CHECK(article.type == "article-journal");
    CHECK(article.get("container-title") == "Физиология человека");
    CHECK(article.get("issue") == "5");
    CHECK(article.get("page") == "51-62");
    CHECK(article.dates.at("issued").parts[0].year == 2008);
    // "27. СанПиН «Гигиеническая классификация условий труда.» Постановление Министерства здравоохранения
    // Республики Беларусь от 28.12.2012  №211.": the act that adopted the document follows its title
    REQUIRE(doc.notes[26].citations.size() == 1);
    const auto& act = doc.notes[26].citations[0].item;
    CHECK(act.type == "legislation");
    CHECK(act.get("title") == "Гигиеническая классификация условий труда");
    CHECK_FALSE(act.has("container-title"));
    CHECK_FALSE(act.has("issue"));
    CHECK(act.get("number") == "211");
    const auto& adopted = act.dates.at("issued").parts.at(0);
    CHECK((adopted.year == 2012 && adopted.month == 12 && adopted.day == 28));
  }
}

TEST_CASE("romanized Russian titles are Russian" * doctest::test_suite("shared")) {
  // robinson-2025: Chicago notes on a Russian philosopher, his works cited in LC romanization with ’ as the soft sign
  const std::string text = bicite_test::read_file(bicite_test::shared_path("corpus/robinson-2025-ilyin-freedom.txt"));
  const auto doc = bicite::parse::parse_document(text);
  auto first = [&](int number) -> const bicite::reference& {
    for (const auto& n : doc.notes)
      if (n.number == number && !n.citations.empty()) return n.citations.front().item;
    FAIL("no citation in note " << number);
    throw;
  };
  CHECK(first(13).get("title") == "Nasha demokratiia");  // "Georgii P. Fedotov, “Nasha demokratiia,” Novyi grad 9 (1934): 12."
  CHECK(first(13).get("language") == "ru");
  CHECK(first(31).get("title") == "Put’ dukhovnogo obnovleniia");  // the soft sign written ’
  CHECK(first(31).get("language") == "ru");
  CHECK(first(3).get("title") == "God is a Russian");  // Timothy Snyder in The New York Review of Books
  CHECK(first(3).get("language") == "en");
  // "“Svoboda,” in Ivan Aleksandrovich Il’in, Novaia natsional’naia Rossiia: …": the book's author, then the book
  CHECK(first(1).get("container-title") == "Novaia natsional’naia Rossiia: Publitsistika 1924–1952 godov");
  REQUIRE(first(1).names_of("container-author").size() == 1);
  CHECK(first(1).names_of("container-author")[0].family == "Il’in");
  CHECK(first(1).get("language") == "ru");  // "Svoboda" alone says nothing; its book is Russian
  // "… in Il’in, Novaia natsional’naia Rossiia, 635 (emphasis in the original).": the book in short, then the page
  // cited, not a volume
  CHECK(first(46).get("container-title") == "Novaia natsional’naia Rossiia");
  CHECK(first(46).get("volume").empty());
  const auto resolved = bicite::resolve::resolve(doc);
  for (const auto& n : resolved.document.notes)
    if (n.number == 46 && !n.citations.empty()) CHECK(n.citations.front().item.custom["locator"] == "635");
}

TEST_CASE("odd input never crashes the labeller readers") {
  std::mt19937 rng(17);
  const std::string pieces[] = {"Smith, J. ", "“", "”", "«", "»", "(", ")", "[", "]", "2020", ". ", ", ", ": ",
                                "// ", "— ", "С. 45", "pp. 1–9", "http://x.org/a b", "doi:10.1/x", "Ibid.",
                                "Иванов И. И.", "\xFF", "\xE2\x80", " ", "\n", "1. ", "; ", "et al.", "vol. 3"};
  for (int round = 0; round < 200; ++round) {
    std::string text = "1. ";
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) text += pieces[rng() % std::size(pieces)];
    for (auto r : {field_reader::model, field_reader::hybrid}) {
      const auto doc = bicite::parse::parse_document(text, with(r));
      (void)bicite::resolve::resolve(doc);
      (void)bicite::parse::parse_reference(text, with(r));
    }
  }
  for (auto r : {field_reader::model, field_reader::hybrid}) {
    CHECK(bicite::parse::parse_reference("", with(r)).item.type.empty());
    (void)bicite::parse::parse_document(std::string(100000, '.'), with(r));
    (void)bicite::parse::parse_document("1. " + std::string(30000, 'a'), with(r));
  }
}

#ifdef BICITE_EXE
TEST_CASE("bicite convert --parser chooses the field reader; an unknown reader is refused") {
  const std::string input =
      "printf '1. Vihman, Marilyn M. 1985. Language differentiation by the bilingual infant. Journal of Child Language 12, "
      "297-324.\\n' | " + std::string(BICITE_EXE) + " convert - --from notes --to notes-jsonl";
  const auto rules = bicite_test::run(input + " --parser rules 2>/dev/null");
  const auto model = bicite_test::run(input + " --parser model 2>/dev/null");
  const auto hybrid = bicite_test::run(input + " --parser hybrid 2>/dev/null");
  CHECK(bicite_test::run(input + " 2>/dev/null").out == hybrid.out);  // the default
  CHECK(rules.exit_code == 0);
  CHECK(model.exit_code == 0);
  CHECK(hybrid.exit_code == 0);
  CHECK(model.out.find("\"title\":\"Language differentiation by the bilingual infant\"") != std::string::npos);
  CHECK(rules.out != model.out);
  CHECK(bicite_test::run(input + " --parser crf >/dev/null 2>&1").exit_code != 0);
}
#endif

// A reference list read by the labeller: every entry is one work, whatever ";" or words the rules would
// cut it at or give to commentary. Entries are real references of AnyStyle's labelled data
// (../shared/training/anystyle, BSD 2-Clause), numbered as a list.
TEST_CASE("in a reference list every entry is one work") {
  const std::string list =
      "1. Xu Sun; Takuya Matsuzaki; Daisuke Okanohara; Jun'ichi Tsujii (2009). \"Latent Variable Perceptron Algorithm for Structured Classification\". IJCAI. pp. 1236\xE2\x80\x93" "1242.\n"
      "2. Goldhagen, Sarah Williams, R\xC3\xA9jean Legault (ed.), Anxious Modernism; Experimentation in Postwar Architectural Culture, Montr\xC3\xA9" "al/Cambridge, CCA, MIT Press, 2000\n"
      "3. La France f\xC3\xA9odale, le Grand livre du mois, Paris, 1995.\n"
      "4. Peter Puschner and Anton Schedl. A tool for the computation of worst case task execution times. In Proc. of the 5th EUROMICRO Workshop on Real-Time Systems, 1993.\n"
      "5. Hel-Or, Y., & Werman, M. (1992). Absolute orientation from uncertain data: A unified approach. In Proc. Intern. Conference on Computer Vision and Pattern Recognition (pp. 77-82).\n"
      "6. Bessi\xC3\xA8re, J. (2012). Questionner le roman. Paris: Presses Universitaires de France.\n"
      "7. Spinner, J. (1994). The Boundaries of Citizenship. Race, Ethnicity, and Nationality in the Liberal State. Baltimore and London: John Hopkins University Press.\n"
      "8. D. J. Coleman, \xE2\x80\x9CUnified model for accommodative mechanism,\xE2\x80\x9D Am. J. Ophthalmol., vol. 69, no. 6, pp. 1063\xE2\x80\x93" "1079, 1970.\n"
      "9. Paul Hilts, \xE2\x80\x9CLocking in with LockStream,\xE2\x80\x9D Publishers Weekly, July 3, 2000, 27.\n"
      "10. Rubin Gayle, Surveiller et jouir. Anthropologie politique du sexe, Paris, EPEL, 2010.\n"
      "11. Warren, E.K. Long Range Planning: The Executive Viewpoint. Englewood Cliffs, New Jersey: Prentice-Hall, Inc., 1966.\n"
      "12. Janet L. Nelson, The Frankish World, 750-900, London, Rio Grande, 1996.\n"
      "13. A. Alanen, Morgan Park: Duluth, U.S. Steel, and the Forging of a Company Town, Minneapolis 2007\n"
      "14. Microsoft Windows TCP/IP IGMP MLD Remote Buffer Overflow Vulnerability. http://www.securityfocus.com/bid/27100, 2008.\n"
      "15. FLORENNE, Yves - Le Monde, 30 juillet 1952\n"
      "16. Pinker, Steven (1994). The language instinct: How the mind creates language. New York: Morrow.\n"
      "17. Scott, R.H.F. (1973). Jean-Baptiste Lully. London: Peter Owen Limited.\n"
      "18. Srivastava, L. (2007). Radio frequency identification: ubiquity for humanity. info, 9(1).\n"
      "19. Vattimo, G. (1990). Postmodern criticism: Postmodern critique. In D. Woods (Ed.), Writing the future. London: Verso.\n"
      "20. Saul, J. (2008). A fair country: Telling truths about Canada. Toronto, ON: Viking.\n"
      "21. H. Holttinen, \xE2\x80\x9CWind integration: experience, issues, and challenges,\xE2\x80\x9D Wiley Interdiscip. Rev. Energy Environ., vol. 1, no. 3, pp. 243\xE2\x80\x93" "255, 2012.\n";
  for (const auto reader : {field_reader::hybrid, field_reader::model}) {
    CAPTURE(static_cast<int>(reader));
    const auto doc = bicite::parse::parse_document(list, with(reader));
    REQUIRE(doc.reference_list);
    REQUIRE(doc.notes.size() == 21);
    for (const auto& n : doc.notes) {
      CAPTURE(n.number);
      CHECK(n.citations.size() == 1);
      CHECK(n.commentary.empty());
    }
    // "; " inside the author list and the title does not cut the entry
    CHECK(doc.notes[0].citations.at(0).item.names_of("author").size() == 4);
    CHECK(doc.notes[1].citations.at(0).item.get("title").find("Experimentation") != std::string_view::npos);
    // the rules' commentary (the whole entry before its year) is read with the entry
    CHECK(doc.notes[3].citations.at(0).item.get("title") == "A tool for the computation of worst case task execution times");
    // the rules cut the journal at its first abbreviation and leave the rest unread: the labeller's reading
    CHECK(doc.notes[20].citations.at(0).item.get("container-title") == "Wiley Interdiscip. Rev. Energy Environ");
  }
  // the rules alone still read notes as notes
  const auto rules = bicite::parse::parse_document(list, with(field_reader::rules));
  CHECK(rules.notes.at(2).citations.empty());
  // "Paris: Presses Universitaires de France": a city before a publisher is the publisher's place, not where
  // something was said
  const auto& pub = rules.notes.at(5).citations.at(0).item;
  CHECK(pub.get("publisher-place") == "Paris");
  CHECK(pub.get("publisher") == "Presses Universitaires de France");
  CHECK_FALSE(pub.has("event-place"));
  // APA's book: "Toronto, ON: Viking." after the title, the year read before it
  const auto& apa = rules.notes.at(19).citations.at(0).item;
  CHECK(apa.get("publisher") == "Viking");
  CHECK(apa.get("publisher-place") == "Toronto, ON");
  CHECK(apa.type == "book");

  // endnotes that cite several works in one note are not a list, even with no Ibid. or short form among
  // their first notes (the bundled sample: its first 30 notes have none)
  const std::string sample =
      bicite_test::read_file(bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt"));
  const auto notes = bicite::parse::parse_document(sample);
  CHECK_FALSE(notes.reference_list);
  std::size_t several = 0;
  for (const auto& n : notes.notes) several += n.citations.size() > 1;
  CHECK(several >= 2);
}

TEST_CASE("a translated title in brackets is a variant in the labeller's reading too") {
  // APA with a romanized Russian title: the labeller's title span stops before the closing bracket
  const std::string ref =
      "Belova, E. V. (2020). Kitaiskii faktor v politike Rossii v Tsentral'noi Azii [The Chinese factor in Russia's "
      "policy in Central Asia]. Mirovaia ekonomika i mezhdunarodnye otnosheniia, 64(9), 98\xE2\x80\x93" "107.";
  const auto m = bicite::parse::parse_reference(ref, with(field_reader::model));
  CHECK(m.item.get("title") == "Kitaiskii faktor v politike Rossii v Tsentral'noi Azii");
  CHECK(m.item.get("language") == "ru");
  const auto* tr = m.item.variant("title", bicite::variant_role::translated);
  REQUIRE(tr != nullptr);
  CHECK(tr->value == "The Chinese factor in Russia's policy in Central Asia");
}

TEST_CASE("the labeller's container with nothing inside it is the work's title") {
  // real references of AnyStyle's labelled data (BSD 2-Clause); the labeller calls the book's title a container
  const auto m = bicite::parse::parse_reference(
      "Vali, Ferenc A., The Turkish Straits and NATO, California, Stanford University, Hoover Institution Press, 1972.",
      with(field_reader::model));
  CHECK(m.item.get("title") == "The Turkish Straits and NATO");
  CHECK_FALSE(m.item.has("container-title"));
  CHECK(m.item.type == "book");
  // a journal with volume and pages keeps its container and no title ("ApJ, 650, 102")
  const auto j = bicite::parse::parse_reference("Ascasibar Y., Markevitch M., 2006, ApJ, 650, 102", with(field_reader::model));
  CHECK(j.item.get("container-title") == "ApJ");
  CHECK_FALSE(j.item.has("title"));
  // a post on a platform has no title: "Telegram" stays the container
  const auto p = bicite::parse::parse_reference("Rybar, Telegram post, March 15, 2024, https://t.me/rybar/56721.",
                                                with(field_reader::model));
  CHECK_FALSE(p.item.get("title") == "Telegram");
}

TEST_CASE("a known periodical read as the last sentence of the labeller's title is its container") {
  // a real reference of AnyStyle's labelled data (BSD 2-Clause): the labeller runs the title on into the journal
  const auto m = bicite::parse::parse_reference(
      "Артемьев И., Сушкевич а. 2007. Основания антимонопольной политики государства. Экономическая политика. 4: 200-206.",
      with(field_reader::model));
  CHECK(m.item.get("title") == "Основания антимонопольной политики государства");
  CHECK(m.item.get("container-title") == "Экономическая политика");
  CHECK(m.item.type == "article-journal");
  // a sentence that names no known venue stays in the title
  const auto b = bicite::parse::parse_reference(
      "Paris, Alexis Paulin. 1841. Les manuscrits français de la Bibliothèque du roi. Tome 4. Paris: l'auteur.",
      with(field_reader::model));
  CHECK_FALSE(b.item.has("container-title"));
}

TEST_CASE("label runs the structure of a reference corrects: editors marked (Eds.), a chapter's book after In") {
  // real references of AnyStyle's labelled data (BSD 2-Clause), read by the labeller
  const auto e = bicite::parse::parse_reference(
      "Posusney, Marsha. and Cook, L. (eds.). Privatization and Labor: Responses and Consequences in Global "
      "Perspective, Edward Elgar, 2002.",
      with(field_reader::model));
  CHECK(e.item.names_of("editor").size() == 2);
  CHECK(e.item.names_of("author").empty());
  const auto c = bicite::parse::parse_reference(
      "Doe, J. (2010). Review of the Children’s Lollipop Inventory. In R.A. Spies, K.F. Geisinger, & J.F. Carlson "
      "(Eds.), The eighteenth mental measurements yearbook. Lincoln, NE: Buros Institute of Mental Measurements.",
      with(field_reader::model));
  CHECK(c.item.get("title") == "Review of the Children’s Lollipop Inventory");
  CHECK(c.item.get("container-title") == "The eighteenth mental measurements yearbook");
  CHECK(c.item.type == "chapter");
  CHECK(c.item.names_of("editor").size() == 3);
}

TEST_CASE("a quoted title the labeller runs on past its closing quote ends there") {
  // a real reference of AnyStyle's labelled data (BSD 2-Clause)
  const auto c = bicite::parse::parse_reference(
      "Kemrava, Mehran, “The Question of Democracy,” in The Modern Middle East (Berkeley: University of California "
      "Press, 2005), pp. 331-358.",
      with(field_reader::model));
  CHECK(c.item.get("title") == "The Question of Democracy");
  CHECK(c.item.get("container-title") == "The Modern Middle East");
  CHECK(c.item.type == "chapter");
  // the container's subtitle after its colon is not a series
  const auto m = bicite::parse::parse_reference(
      "Meaghan Morris, “Things to Do with Shopping Centers,” in Too Soon Too Late: History in Popular Culture "
      "(Bloomington: Indiana University Press, 1998), 86.",
      with(field_reader::model));
  CHECK(m.item.get("container-title") == "Too Soon Too Late: History in Popular Culture");
  CHECK_FALSE(m.item.has("collection-title"));
}

TEST_CASE("an article cited by journal, volume and page alone is a complete reading") {
  // astronomy's form (AnyStyle's labelled data, BSD 2-Clause): no title; the rules take "2006, ApJ, 650" for one
  const std::string list =
      "1. Ascasibar Y., Markevitch M., 2006, ApJ, 650, 102\n"
      "2. Kempner J.C., David L.P., 2004a, ApJ, 607, 200\n";
  const auto doc = bicite::parse::parse_document(list);
  for (const auto& n : doc.notes) {
    REQUIRE(n.citations.size() == 1);
    const auto& it = n.citations[0].item;
    CHECK(it.get("container-title") == "ApJ");
    CHECK_FALSE(it.has("title"));
    CHECK(it.dates.count("issued") == 1);
  }
  CHECK(doc.notes[0].citations[0].item.get("volume") == "650");
  CHECK(doc.notes[0].citations[0].item.get("page") == "102");
}

TEST_CASE("a website's name is the container unless the note names it as the author") {
  // the bundled sample (real notes of Weitz 2024)
  const std::string sample =
      bicite_test::read_file(bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt"));
  const auto doc = bicite::parse::parse_document(sample);
  auto note = [&](int number) -> const bicite::parse::parsed_note& {
    for (const auto& n : doc.notes)
      if (n.number == number) return n;
    FAIL("no note " << number);
    return doc.notes.front();
  };
  // 29. “Владимир Путин принял участие …,” Valdai Discussion Club, October 5, 2023, http://kremlin.ru/…
  // 30. “Владимир Путин, Выступление …,” CIS Internet Portal, October 18, 2023, https://e-cis.info/…
  for (const int n : {29, 30}) {
    CAPTURE(n);
    REQUIRE(note(n).citations.size() == 1);
    const auto& it = note(n).citations[0].item;
    CHECK(it.names.empty());
    CHECK(it.has("container-title"));
  }
  CHECK(note(29).citations[0].item.get("container-title") == "Valdai Discussion Club");
  // 7. The Kremlin, “Президент России …,” September 12, 2023, http://en.kremlin.ru/…: the note names the site's
  // owner where the author goes (Chicago's form for a page with no person as author)
  REQUIRE(note(7).citations.size() == 1);
  const auto& kremlin = note(7).citations[0].item;
  REQUIRE(kremlin.names_of("author").size() == 1);
  CHECK(kremlin.names_of("author")[0].literal == "The Kremlin");
}

TEST_CASE("a page range written with a non-breaking hyphen is one range") {
  // AnyStyle's labelled data (BSD 2-Clause): "p. 579‑616" with U+2011
  const auto c = bicite::parse::parse_reference(
      "Zaller John et Feldman Stanley, \xC2\xAB A Simple Theory of the Survey Response \xC2\xBB, American Journal of "
      "Political Science, 36-3, 1992, p. 579\xE2\x80\x91" "616.",
      with(field_reader::rules));
  CHECK(c.item.get("page") == "579-616");
}
