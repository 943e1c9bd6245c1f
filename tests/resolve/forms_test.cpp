// Resolution of the forms real notes use after a first full citation: author-only short forms,
// abbreviations the author defines, op. cit./Указ. соч., Idem/Его же, archival Там же, short titles cut
// with "…", locators; and notes numbered with gaps, restarts, tabs, superscripts and a byte-order mark.
// Real notes are read from the shared corpus (../shared/corpus, suite "shared") and from short excerpts of
// other people's notes in tests/resolve/data/real_forms (sources in its README); the others are short
// strings written for the test.
#include <doctest/doctest.h>

#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include "../parse/expect.hpp"
#include "support.hpp"

namespace {

using parse_test::field;

bicite::resolve::bibliography resolve_text(const std::string& text) {
  return bicite::resolve::resolve(bicite::parse::parse_document(text));
}

const bicite::reference& cited(const bicite::resolve::bibliography& b, std::size_t note, std::size_t i = 0) {
  return b.document.notes.at(note).citations.at(i).item;
}

std::string locator(const bicite::reference& r) {
  return r.custom.is_object() && r.custom.contains("locator") ? r.custom["locator"].get<std::string>() : "";
}

bool has_diagnostic(const bicite::resolve::bibliography& b, const std::string& code) {
  for (const auto& d : b.document.diagnostics)
    if (d.code == code) return true;
  return false;
}

}  // namespace

namespace {

// the shared corpus's notes are read from it, never copied into the project
const bicite::resolve::bibliography& robinson() {
  static const auto b = resolve_text(
      bicite_test::read_file(bicite_test::shared_path("corpus/robinson-2025-ilyin-freedom.txt")));
  return b;
}

const bicite::parse::parsed_note& note_numbered(const bicite::resolve::bibliography& b, int number) {
  for (const auto& n : b.document.notes)
    if (n.number == number) return n;
  FAIL("no note " << number);
  throw;
}

const bicite::reference& cited_in(const bicite::resolve::bibliography& b, int number, std::size_t i = 0) {
  return note_numbered(b, number).citations.at(i).item;
}

}  // namespace

TEST_CASE("real notes (robinson-2025): Ibid. runs and short forms keep the page each note cites" * doctest::test_suite("shared")) {
  const auto& b = robinson();
  CHECK(locator(cited_in(b, 1)) == "577");
  CHECK(field(cited_in(b, 2), "position") == "subsequent");
  CHECK(field(cited_in(b, 2), "antecedent") == "1");
  CHECK(locator(cited_in(b, 2)) == "577-79");
  CHECK(field(cited_in(b, 2), "page").empty());  // 577 was the page cited by note 1, not the chapter's range
  CHECK(locator(cited_in(b, 3, 3)) == "56");        // Suslov, Putinism, the fourth work of note 3
  CHECK(field(cited_in(b, 52), "antecedent") == "51");
  CHECK(locator(cited_in(b, 52)) == "68, 125");
  CHECK(field(cited_in(b, 8), "antecedent") == "3");
  CHECK(locator(cited_in(b, 8)) == "64");
  CHECK(field(cited_in(b, 58), "antecedent") == "51");
  CHECK(locator(cited_in(b, 58)) == "vol. 2: 415-16");
  CHECK(locator(cited_in(b, 63)) == "vol. 1: 307-308");
  bool found = false;
  for (const auto& c : b.cites)
    if (c.note == 8) {
      found = true;
      CHECK(c.locator == "64");
      CHECK(c.reason == "author and short title");
    }
  CHECK(found);
  // the bibliography lists each citing note with its locator
  for (const auto& r : b.references)
    if (field(r, "title").rfind("Putinism", 0) == 0) {
      const auto& cites = r.custom["cites"];
      REQUIRE(cites.is_array());
      CHECK(cites.size() >= 2);
      CHECK(cites[0] == nlohmann::json::parse(R"({"note":3,"locator":"56"})"));
      CHECK(cites[1] == nlohmann::json::parse(R"({"note":8,"locator":"64"})"));
    }
}

TEST_CASE("real notes (robinson-2025): a book first cited as the container of a chapter is a work of its own" * doctest::test_suite("shared")) {
  const auto& b = robinson();
  CHECK(field(cited_in(b, 17), "position") == "first");
  CHECK(field(cited_in(b, 17), "title") == "On the Essence of Legal Consciousness");
  // its title is not in quotation marks: a book's, and so is the work its Ibid. points to
  CHECK(cited_in(b, 17).type == "book");
  CHECK(locator(cited_in(b, 17)) == "129");
  CHECK(field(cited_in(b, 18), "antecedent") == "17");
  CHECK(cited_in(b, 18).type == "book");
  CHECK(locator(cited_in(b, 18)) == "156");
  // a quoted short title cited first stays a document: the kind of work is unknown
  const auto q = resolve_text("1. Kholmogorov, “Pravyi gegel’ianets v okopakh Stalingrada,” 12.\n");
  REQUIRE(q.document.notes.size() == 1);
  REQUIRE(q.document.notes[0].citations.size() == 1);
  CHECK(q.document.notes[0].citations[0].item.type != "book");
}

TEST_CASE("one work cited in two scripts is one entry; a translation is another (test strings)") {
  const auto b = resolve_text(
      "1. Тренин Д. В. Новый баланс сил: Россия в поисках внешнеполитического равновесия. М.: Альпина Паблишер, 2021. С. 45.\n"
      "2. Dmitrii Trenin, Novyi balans sil: Rossiia v poiskakh vneshnepoliticheskogo ravnovesiia (Moscow: Al’pina "
      "Pablisher, 2021), 52.\n"
      "3. Dmitri Trenin, The New Balance of Power: Russia in Search of Foreign Policy Equilibrium (Moscow: Alpina, 2021), 7.\n");
  REQUIRE(b.references.size() == 2);
  CHECK(b.references[0].get("title") == "Новый баланс сил: Россия в поисках внешнеполитического равновесия");
  CHECK(field(cited(b, 1), "position") == "first");
  CHECK(cited(b, 1).id == cited(b, 0).id);
  CHECK(locator(cited(b, 1)) == "52");
  CHECK(cited(b, 2).id != cited(b, 0).id);
}

TEST_CASE("a journal's volume and range after a full citation are the article's, not a place cited") {
  // from issue #17's real references: "… J. Am. Pharm. Assoc. 39, 683–687 (1999)."
  const auto b = resolve_text(
      "1. Choi, J. A., Sullivan, J., Pankaskie, M. & Brufsky, J. Evaluation of consumer drug information databases. "
      "J. Am. Pharm. Assoc. 39, 683–687 (1999).\n"
      "2. Vihman, Marilyn M. 1985. Language differentiation by the bilingual infant. Journal of Child Language 12, 297-324.\n");
  CHECK(field(cited(b, 0), "volume") == "39");
  CHECK(field(cited(b, 0), "page") == "683-687");
  CHECK(locator(cited(b, 0)).empty());
  CHECK(field(cited(b, 1), "page") == "297-324");
  CHECK(locator(cited(b, 1)).empty());
}

namespace {

// excerpts of other people's notes, kept in the project (provenance: tests/resolve/data/real_forms/README.md)
bicite::resolve::bibliography real_form(const char* file) {
  return resolve_text(bicite_test::read_file(bicite_test::source_path(std::string("tests/resolve/data/real_forms/") + file)));
}

const bicite::resolve::cite* cite_of(const bicite::resolve::bibliography& b, int note) {
  for (const auto& c : b.cites)
    if (c.note == note) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("real notes (naipmoro/lofmm): an abbreviation defined by \"hereafter cited as\" without brackets") {
  const auto b = real_form("hereafter-lofmm.txt");
  REQUIRE(b.document.notes.size() == 4);
  CHECK(field(cited_in(b, 1), "position") == "first");
  CHECK(field(cited_in(b, 1), "title") == "Laws of Form");
  for (const auto& [number, loc] : {std::pair{2, "12"}, {3, "28-35"}, {4, "89"}}) {  // "p.89": no space
    CAPTURE(number);
    CHECK(field(cited_in(b, number), "position") == "subsequent");
    CHECK(field(cited_in(b, number), "antecedent") == "1");
    CHECK(field(cited_in(b, number), "title") == "Laws of Form");
    CHECK(locator(cited_in(b, number)) == loc);
    const auto* c = cite_of(b, number);
    REQUIRE(c != nullptr);
    CHECK(c->reason.find("abbreviation “LoF”") != std::string::npos);
  }
  CHECK(b.references.size() == 1);
}

TEST_CASE("real notes (arXiv quant-ph/9802069): op. cit. after a full citation whose second author is misread") {
  const auto b = real_form("opcit-kidambi-widom-1998.txt");
  REQUIRE(b.document.notes.size() == 6);
  // "L. D. Landau and E. M. Lifshitz Electrodynamics …": no comma before the title, so the field parser
  // reads the second author as "M., E."; op. cit. still points to the work of its first author
  CHECK(field(cited_in(b, 2), "position") == "first");
  CHECK(field(cited_in(b, 4), "position") == "subsequent");
  CHECK(field(cited_in(b, 4), "antecedent") == "2");
  CHECK(locator(cited_in(b, 4)) == "249");
  CHECK(field(cited_in(b, 5), "position") == "subsequent");
  CHECK(field(cited_in(b, 5), "antecedent") == "2");
  CHECK(locator(cited_in(b, 5)) == "256-262");
  for (int number : {4, 5}) {
    const auto* c = cite_of(b, number);
    REQUIRE(c != nullptr);
    CHECK(c->confidence == doctest::Approx(0.5));
    CHECK(c->reason.find("op. cit.") != std::string::npos);
  }
  CHECK(b.report.empty());
  // a full citation's page cited in the middle ("…, 2nd. ed., p. 44, Oxford …") is its locator, label dropped
  CHECK(field(cited_in(b, 6), "position") == "first");
  CHECK(locator(cited_in(b, 6)) == "44");
  // every other work is cited once: op. cit. made no new work
  CHECK(b.references.size() == 4);
}

TEST_CASE("author-only short forms (test strings)") {
  const auto b = resolve_text(
      "1. Alexandre Skirda, Nestor Makhno: Anarchy’s Cossack (Edinburgh: AK Press, 2004), 45.\n"
      "2. Peter Arshinov, History of the Makhnovist Movement (Detroit: Black and Red, 1974), 12.\n"
      "3. Skirda, 28.\n"
      "4. Arshinov, 51.\n"
      "5. As Skirda notes (Alexandre Skirda, Anarchists in the Russian Revolution (London: Freedom Press, 1972), 8), the army split.\n"
      "6. Skirda, 30.\n");
  CHECK(field(cited(b, 2), "position") == "subsequent");
  CHECK(field(cited(b, 2), "antecedent") == "1");
  CHECK(field(cited(b, 2), "title") == "Nestor Makhno: Anarchy’s Cossack");
  CHECK(locator(cited(b, 2)) == "28");
  CHECK(field(cited(b, 3), "antecedent") == "2");
  CHECK(locator(cited(b, 3)) == "51");
  CHECK(b.references.size() >= 2);
  for (const auto& r : b.references) CHECK(r.get("title") != "28");
  // two works by Skirda: the one cited last
  const auto& last = b.document.notes.at(5).citations.at(0).item;
  CHECK(field(last, "position") == "subsequent");
  CHECK(locator(last) == "30");
}

TEST_CASE("abbreviations the author defines (test strings)") {
  const auto b = resolve_text(
      "1. V. I. Lenin, Polnoe sobranie sochinenii, 5th ed. (Moscow: Politizdat, 1967), 5:12 (Henceforth PSS.)\n"
      "2. British Library, Add MS 41567 (hereafter cited as BL).\n"
      "3. BL, 523.\n"
      "4. PSS, 38:45.\n"
      "5. Ленин В. И. Полное собрание сочинений. 5-е изд. М. : Политиздат, 1967. Т. 5. С. 12 (далее — ПСС).\n"
      "6. ПСС. Т. 5. С. 14.\n");
  CHECK(field(cited(b, 2), "position") == "subsequent");
  CHECK(field(cited(b, 2), "antecedent") == "2");
  CHECK(locator(cited(b, 2)) == "523");
  CHECK(field(cited(b, 3), "antecedent") == "1");
  CHECK(field(cited(b, 5), "antecedent") == "5");
  CHECK(b.cites.back().reason.find("abbreviation") != std::string::npos);
}

TEST_CASE("op. cit., Указ. соч., Его же and Idem (test strings)") {
  const auto b = resolve_text(
      "1. Лукин А. В. Поворот к Азии. М. : Весь мир, 2014. 640 с.\n"
      "2. Лукин А. В. Россия и Китай: четыре века взаимодействия. М. : Весь мир, 2013. 704 с.\n"
      "3. Лукин А. В. Поворот к Азии… С. 78.\n"
      "4. Лукин. Указ. соч. С. 90.\n"
      "5. Его же. Китай и мировой порядок // Россия в глобальной политике. 2018. № 2. С. 10–20.\n"
      "6. Bobo Lo, Axis of Convenience (Washington, DC: Brookings, 2008), 45.\n"
      "7. Idem, Axis, 50.\n"
      "8. Lo, op. cit., 12.\n");
  CHECK(field(cited(b, 2), "antecedent") == "1");  // the short title decides between two works
  CHECK(locator(cited(b, 2)) == "78");
  CHECK(field(cited(b, 3), "position") == "subsequent");  // without initials
  CHECK(locator(cited(b, 3)) == "90");
  CHECK(field(cited(b, 4), "position") == "first");  // a new work of the same author
  CHECK(field(cited(b, 4), "author") == "Лукин, А. В.");
  CHECK(field(cited(b, 6), "antecedent") == "6");
  CHECK(locator(cited(b, 6)) == "50");
  CHECK(field(cited(b, 7), "antecedent") == "6");
}

TEST_CASE("archival Там же: a folio is the same file, a new file inherits the archive and fond (test strings)") {
  const auto b = resolve_text(
      "1. РГАСПИ. Ф. 17. Оп. 3. Д. 373. Л. 12.\n"
      "2. Там же. Л. 74.\n"
      "3. Там же. Д. 374. Л. 5.\n"
      "4. Там же. Оп. 4. Д. 10. Л. 2 об.\n"
      "5. GARF, f. 5881, op. 1, d. 12, l. 4.\n"
      "6. RGASPI f. 17, op. 3, d. 5, l. 12.\n"
      "7. Ibid., l. 14.\n"
      "8. Доклад Ежова Сталину, 12 мая 1937 г. // ГАРФ. Ф. Р-5446. Оп. 1. Д. 5. Л. 3.\n");
  CHECK(field(cited(b, 0), "archive") == "РГАСПИ");
  CHECK(field(cited(b, 0), "archive_location") == "Ф. 17. Оп. 3. Д. 373");
  CHECK(locator(cited(b, 0)) == "12");
  CHECK(field(cited(b, 1), "position") == "ibid");
  CHECK(field(cited(b, 1), "antecedent") == "1");
  CHECK(locator(cited(b, 1)) == "74");
  CHECK(field(cited(b, 2), "position") == "first");
  CHECK(field(cited(b, 2), "archive") == "РГАСПИ");
  CHECK(field(cited(b, 2), "archive_location") == "Ф. 17. Оп. 3. Д. 374");
  CHECK(locator(cited(b, 2)) == "5");
  CHECK(field(cited(b, 3), "archive_location") == "Ф. 17. Оп. 4. Д. 10");
  CHECK(locator(cited(b, 3)) == "2 об.");
  CHECK(field(cited(b, 4), "archive") == "GARF");
  CHECK(field(cited(b, 4), "archive_location") == "f. 5881, op. 1, d. 12");
  CHECK(field(cited(b, 5), "archive") == "RGASPI");
  CHECK(field(cited(b, 5), "archive_location") == "f. 17, op. 3, d. 5");
  CHECK(field(cited(b, 6), "antecedent") == "6");
  CHECK(locator(cited(b, 6)) == "14");
  CHECK(field(cited(b, 7), "archive") == "ГАРФ");
  CHECK(field(cited(b, 7), "archive_location") == "Ф. Р-5446. Оп. 1. Д. 5");
  CHECK(field(cited(b, 7), "title") == "Доклад Ежова Сталину, 12 мая 1937 г.");
  CHECK(b.references.size() == 6);
}

TEST_CASE("a short form repeated inside one note, and one left unmatched, in the report (test strings)") {
  const auto b = resolve_text(
      "1. Alexandre Skirda, Nestor Makhno: Anarchy’s Cossack (Edinburgh: AK Press, 2004), 45; Skirda, 47.\n"
      "2. Volin, “The Unknown Revolution.”\n");
  REQUIRE(b.document.notes[0].citations.size() == 2);
  CHECK(field(cited(b, 0, 1), "position") == "subsequent");
  CHECK(field(cited(b, 0, 1), "antecedent") == "1");
  CHECK(locator(cited(b, 0, 1)) == "47");
  REQUIRE(b.report.size() == 1);
  CHECK(b.report[0].note == 2);
  CHECK(bicite::resolve::format_report(b.report).find("note 2, citation 1") != std::string::npos);
}

TEST_CASE("short forms and Ibid. after '; ', page labels, Russian author-only forms (test strings)") {
  const auto b = resolve_text(
      "1. Alexandre Skirda, Nestor Makhno: Anarchy’s Cossack (Edinburgh: AK Press, 2004), 45; ibid., 47.\n"
      "2. Volin, The Unknown Revolution (New York: Free Life, 1974), 12.\n"
      "3. Skirda, 33; Volin, 46.\n"
      "4. Ibid., pp. 31–33.\n"
      "5. Кузьмин В. Н. Поворот на Восток. М.: Аспект Пресс, 2019. С. 45.\n"
      "6. Кузьмин, с. 50.\n"
      "7. Там же, с. 12.\n");
  REQUIRE(b.document.notes[0].citations.size() == 2);
  CHECK(field(cited(b, 0, 1), "position") == "ibid");
  CHECK(locator(cited(b, 0, 1)) == "47");
  REQUIRE(b.document.notes[2].citations.size() == 2);
  CHECK(field(cited(b, 2, 0), "antecedent") == "1");
  CHECK(field(cited(b, 2, 1), "antecedent") == "2");
  CHECK(locator(cited(b, 2, 1)) == "46");
  CHECK(field(cited(b, 3), "antecedent") == "2");
  CHECK(locator(cited(b, 3)) == "31-33");
  CHECK(locator(cited(b, 4)) == "45");
  CHECK(field(cited(b, 5), "antecedent") == "5");
  CHECK(locator(cited(b, 5)) == "50");
  CHECK(locator(cited(b, 6)) == "12");
}

TEST_CASE("notes survive a jump and a restart in their numbering (test strings)") {
  const auto doc = bicite::parse::parse_document(
      "Article text.\n\nNotes\n\n1. First note.\n2. Second note.\n3. Third note.\n40. Fortieth note.\n41. Next note.\n"
      "1. Chapter two, first note.\n2. Chapter two, second note.\n");
  REQUIRE(doc.notes.size() == 7);
  CHECK(doc.notes[3].number == 40);
  CHECK(doc.notes[4].number == 41);
  CHECK(doc.notes[5].number == 42);
  CHECK(doc.notes[5].text == "Chapter two, first note.");
  bool missing = false, restart = false;
  for (const auto& d : doc.diagnostics) {
    missing = missing || d.code == "parse.missing-note";
    restart = restart || d.code == "parse.note-numbering-restart";
  }
  CHECK(missing);
  CHECK(restart);
}

TEST_CASE("a tab or a superscript after the number, and a byte-order mark, keep notes numbered (test strings)") {
  const auto doc = bicite::parse::parse_document("\xEF\xBB\xBF" "1.\tFirst note.\n2\tSecond note.\n3. ³Third note.\n⁴ Fourth note.\n");
  REQUIRE(doc.notes.size() == 4);
  CHECK(doc.notes[0].number == 1);
  CHECK(doc.notes[0].text == "First note.");
  CHECK(doc.notes[1].text == "Second note.");
  CHECK(doc.notes[2].text == "Third note.");
  CHECK(doc.notes[3].number == 4);
  CHECK(doc.notes[3].text == "Fourth note.");
}

TEST_CASE("the three shared documents: resolution through the stream gives the same notes" * doctest::test_suite("shared")) {
  for (const char* name : {"robinson-2025-ilyin-freedom.txt", "kinevich-2018-sensorimotor.txt"}) {
    const std::string text = bicite_test::read_file(bicite_test::shared_path(std::string("corpus/") + name));
    const auto whole = bicite::resolve::resolve(bicite::parse::parse_document(text));
    std::string streamed;
    const auto summary = bicite::resolve::stream(
        bicite::resolve::text_source(text, 97),
        [&](const bicite::parse::parsed_note& n, const std::vector<bicite::resolve::cite>&) { streamed += bicite::notes_jsonl::write(n); });
    CHECK(streamed == bicite::notes_jsonl::write(whole.document));
    CHECK(summary.report.size() == whole.report.size());
    CHECK(!has_diagnostic(whole, "resolve.unmatched-ibid"));
  }
}
