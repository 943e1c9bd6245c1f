// Page metadata (every family, every charset, broken pages), Crossref records, and the merge rules.
#include <doctest/doctest.h>

#include <chrono>

#include <bicite/enrich.hpp>
#include <bicite/names.hpp>

#include "pages.hpp"

using namespace bicite;
using namespace bicite::enrich;

namespace {

const std::string ru_head =
    "<meta name=\"DC.title\" content=\"Россия и Китай: новая эпоха\">"
    "<meta name=\"DC.creator\" content=\"Тавровский, Юрий\">"
    "<meta name=\"DC.date\" content=\"2023-03-20\">"
    "<meta name=\"DC.language\" content=\"ru\">";

std::string ru_page(const char* charset) {
  return std::string("<!DOCTYPE html><html><head><meta charset=\"") + charset + "\">" + ru_head +
         "<title>Россия и Китай: новая эпоха | Известия</title></head><body><p>Текст статьи о визите.</p></body></html>";
}

}  // namespace

TEST_CASE("citation_* meta tags in UTF-8") {
  const std::string html =
      "<html lang=\"en\"><head><title>Ignored | Site</title>"
      "<meta name=\"citation_title\" content=\"The  Dragon and the Bear\">"
      "<meta name=\"citation_author\" content=\"Lukin, Alexander\">"
      "<meta name=\"citation_author\" content=\"Gabuev, Alexander\">"
      "<meta name=\"citation_publication_date\" content=\"2021/05/07\">"
      "<meta name=\"citation_journal_title\" content=\"Survival\">"
      "<meta name=\"citation_volume\" content=\"63\"><meta name=\"citation_issue\" content=\"3\">"
      "<meta name=\"citation_firstpage\" content=\"55\"><meta name=\"citation_lastpage\" content=\"78\">"
      "<meta name=\"citation_doi\" content=\"doi:10.1080/00396338.2021.1930403\">"
      "</head><body></body></html>";
  const auto m = read_html(html, "text/html; charset=utf-8");
  CHECK(m.charset == "utf-8");
  CHECK(m.item.get("title") == "The Dragon and the Bear");
  REQUIRE(m.item.names_of("author").size() == 2);
  CHECK(m.item.names_of("author")[0].family == "Lukin");
  CHECK(m.item.names_of("author")[1].given == "Alexander");
  REQUIRE(m.item.date_of("issued"));
  CHECK(m.item.date_of("issued")->parts[0] == date::part{2021, 5, 7});
  CHECK(m.item.get("container-title") == "Survival");
  CHECK(m.item.get("volume") == "63");
  CHECK(m.item.get("issue") == "3");
  CHECK(m.item.get("page") == "55-78");
  CHECK(m.item.get("DOI") == "10.1080/00396338.2021.1930403");
  CHECK(m.item.get("language") == "en");
  CHECK(m.extractor.at("title") == "citation_title");
  CHECK(m.diagnostics.empty());
}

TEST_CASE("Dublin Core in windows-1251 and KOI8-R, declared by <meta>") {
  for (const char* cs : {"windows-1251", "koi8-r"}) {
    CAPTURE(cs);
    const auto m = read_html(enrich_test::encode(ru_page(cs), cs));
    CHECK(m.charset == cs);
    CHECK(m.item.get("title") == "Россия и Китай: новая эпоха");
    REQUIRE(m.item.names_of("author").size() == 1);
    CHECK(m.item.names_of("author")[0].family == "Тавровский");
    CHECK(m.item.names_of("author")[0].given == "Юрий");
    CHECK(m.item.date_of("issued")->parts[0] == date::part{2023, 3, 20});
    CHECK(m.extractor.at("title") == "dc.title");
    CHECK(m.diagnostics.empty());
  }
}

TEST_CASE("charset from the HTTP header wins over <meta>; wrong declarations are overridden") {
  // Header says KOI8-R, bytes are KOI8-R, meta says windows-1251 (a stale template).
  const auto k = read_html(enrich_test::encode(ru_page("windows-1251"), "KOI8-R"), "text/html; charset=KOI8-R");
  CHECK(k.charset == "koi8-r");
  CHECK(k.item.get("title") == "Россия и Китай: новая эпоха");
  // Declared UTF-8, bytes windows-1251.
  const auto w = read_html(enrich_test::encode(ru_page("utf-8"), "WINDOWS-1251"));
  CHECK(w.charset == "windows-1251");
  CHECK(w.item.get("title") == "Россия и Китай: новая эпоха");
  REQUIRE(!w.diagnostics.empty());
  CHECK(w.diagnostics[0].code == "enrich.wrong-charset");
  // Declared windows-1251, bytes KOI8-R.
  const auto x = read_html(enrich_test::encode(ru_page("windows-1251"), "KOI8-R"));
  CHECK(x.charset == "koi8-r");
  CHECK(x.item.names_of("author").at(0).family == "Тавровский");
  // Declared windows-1251, bytes UTF-8.
  const auto u = read_html(ru_page("windows-1251"));
  CHECK(u.charset == "utf-8");
  CHECK(u.item.get("title") == "Россия и Китай: новая эпоха");
  // No declaration at all, windows-1251 bytes.
  std::string bare = ru_page("x");
  const auto n = read_html(enrich_test::encode(bare, "WINDOWS-1251"));
  CHECK(n.item.get("title") == "Россия и Китай: новая эпоха");
}

TEST_CASE("OpenGraph and article:* with a <title> site suffix") {
  const std::string html =
      "<html lang=\"ru-RU\"><head><title>Визит Си Цзиньпина в Москву — Коммерсантъ</title>"
      "<meta property=\"og:title\" content=\"Визит Си Цзиньпина в Москву\">"
      "<meta property=\"og:site_name\" content=\"Коммерсантъ\">"
      "<meta property=\"article:published_time\" content=\"2023-03-21T10:15:00+03:00\">"
      "<meta property=\"article:author\" content=\"https://www.kommersant.ru/authors/1\">"
      "<meta property=\"article:author\" content=\"Елена Черненко\">"
      "</head></html>";
  const auto m = read_html(html);
  CHECK(m.item.get("title") == "Визит Си Цзиньпина в Москву");
  CHECK(m.item.get("container-title") == "Коммерсантъ");
  CHECK(m.item.date_of("issued")->parts[0] == date::part{2023, 3, 21});
  REQUIRE(m.item.names_of("author").size() == 1);
  CHECK(m.item.names_of("author")[0].family == "Черненко");
  CHECK(m.item.get("language") == "ru");
  // Only <title>: the site suffix is cut.
  const auto t = read_html("<title>Putin meets Xi | Reuters</title>");
  CHECK(t.item.get("title") == "Putin meets Xi");
}

TEST_CASE("JSON-LD: objects, arrays, @graph, nested isPartOf, authors as objects and strings") {
  const std::string graph = R"(<html><head><script type="application/ld+json">
    {"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"TASS"},
      {"@type":["NewsArticle"],"headline":"Lavrov &amp; Wang Yi held talks","datePublished":"2023-02-22T09:00:00Z",
       "author":[{"@type":"Person","name":"Ivan Petrov"},"Anna Smirnova"],"inLanguage":"en-US",
       "publisher":{"@type":"Organization","name":"TASS"}}]}
    </script></head></html>)";
  const auto g = read_html(graph);
  CHECK(g.item.get("title") == "Lavrov &amp; Wang Yi held talks");  // script text is not HTML: kept
  CHECK(g.item.names_of("author").size() == 2);
  CHECK(g.item.get("language") == "en");
  CHECK(g.item.get("publisher") == "TASS");
  CHECK(g.extractor.at("title") == "json-ld");

  const std::string array = R"(<script type="application/ld+json">[
      {"@type":"BreadcrumbList"},
      {"@type":"ScholarlyArticle","name":"Sino-Russian relations","author":{"familyName":"Lukin","givenName":"Artyom"},
       "datePublished":"2020","pageStart":"12","pageEnd":"30","sameAs":"https://doi.org/10.1000/xyz.1",
       "isPartOf":{"@type":"PublicationIssue","issueNumber":"4","isPartOf":{"@type":"PublicationVolume","volumeNumber":"17",
         "isPartOf":{"@type":"Periodical","name":"Asian Survey"}}}}]</script>)";
  const auto a = read_html(array);
  CHECK(a.item.get("title") == "Sino-Russian relations");
  CHECK(a.item.names_of("author").at(0).family == "Lukin");
  CHECK(a.item.get("issue") == "4");
  CHECK(a.item.get("volume") == "17");
  CHECK(a.item.get("container-title") == "Asian Survey");
  CHECK(a.item.get("page") == "12-30");
  CHECK(a.item.get("DOI") == "10.1000/xyz.1");
  CHECK(a.item.date_of("issued")->parts[0] == date::part{2020, 0, 0});
}

TEST_CASE("bad pages: JSON-LD that is not JSON, invalid HTML, binary, deep nesting, huge") {
  const auto j = read_html("<title>Still here</title><script type=\"application/ld+json\">{\"@type\": \"Article\", headline:</script>");
  CHECK(j.item.get("title") == "Still here");
  REQUIRE(j.diagnostics.size() == 1);
  CHECK(j.diagnostics[0].code == "enrich.bad-json-ld");

  const auto soup = read_html("<html><head><meta name=citation_title content='Soup <b>title'><title>x<p><td></tr><meta");
  CHECK(soup.item.get("title") == "Soup <b>title");

  std::string binary;
  for (int i = 0; i < 100000; ++i) binary += static_cast<char>((i * 7919) & 0xFF);
  const auto b = read_html(binary);
  CHECK(b.item.fields.size() <= 3);  // no crash; whatever it is, it is not metadata

  // 50,000 nested elements (what fits the 256 KiB cap): read up to a bounded depth, in bounded time.
  std::string deep = "<html><head><meta name=\"citation_title\" content=\"Deep\"><script>if (a<b) x();</script>"
                     "<!-- <div><div> --></head><body>";
  for (int i = 0; i < 50000; ++i) deep += "<div>";
  const auto start = std::chrono::steady_clock::now();
  const auto d = read_html(deep);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 2);
  CHECK(d.item.get("title") == "Deep");
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].code == "enrich.page-too-deep");
  std::string wide = "<title>Wide</title>";
  for (int i = 0; i < 20000; ++i) wide += "<p>para<br><img src=x></p>";
  CHECK(read_html(wide).diagnostics.empty());

  std::string huge = "<title>Huge</title>" + std::string(3 * 1024 * 1024, 'x');
  const auto h = read_html(huge);
  CHECK(h.item.get("title") == "Huge");
  CHECK(h.diagnostics.at(0).code == "enrich.page-truncated");
}

TEST_CASE("Crossref records") {
  const auto r = read_crossref(R"({"status":"ok","message":{"DOI":"10.1080/x.1","title":["Russia's Pivot"],
    "author":[{"given":"Alexander","family":"Gabuev"},{"name":"Carnegie Endowment"}],
    "issued":{"date-parts":[[2022,11]]},"container-title":["Survival"],"volume":"64","issue":"6","page":"7-20",
    "type":"journal-article","language":"en"}})");
  REQUIRE(r);
  CHECK(r->item.get("title") == "Russia's Pivot");
  CHECK(r->item.names_of("author").size() == 2);
  CHECK(r->item.date_of("issued")->parts[0] == date::part{2022, 11, 0});
  CHECK(r->item.get("page") == "7-20");
  CHECK(r->item.type == "article-journal");
  CHECK(r->extractor.at("issued") == "crossref");
  CHECK(read_crossref("{\"message\": [").error().code == "enrich.bad-doi-json");
  CHECK(read_crossref("[1,2]").error().code == "enrich.bad-doi-json");
  CHECK(read_crossref(R"({"message":{"title":7,"author":"x","issued":{"date-parts":"no"}}})"));
}

TEST_CASE("merge fills what is missing, keeps what is there, reports what disagrees") {
  reference note;
  note.id = "n11";
  note.set("title", "Russia and China: a new era");
  note.names["author"] = {bicite::names::parse_name("Iury Tavrovsky")};
  note.set("volume", "12");
  metadata page;
  page.item.set("title", "Russia and China: a new era of partnership");  // the note's title was cut
  page.item.set("container-title", "Izvestia");
  page.item.set("volume", "13");
  page.item.names["author"] = {bicite::names::parse_name("Юрий Тавровский")};
  page.item.dates["issued"].parts = {{2023, 3, 20}};
  page.extractor = {{"title", "og:title"}, {"container-title", "og:site_name"}, {"issued", "article:published_time"},
                    {"author", "json-ld"}, {"volume", "citation_volume"}};
  enrich_report rep;
  merge(note, page, "https://iz.ru/1", {}, rep);
  CHECK(note.get("title") == "Russia and China: a new era");  // never overwritten
  CHECK(note.get("volume") == "12");
  CHECK(note.get("container-title") == "Izvestia");
  CHECK(note.date_of("issued")->parts[0] == date::part{2023, 3, 20});
  CHECK(note.custom["filled"]["issued"]["source"] == "https://iz.ru/1");
  CHECK(note.custom["filled"]["issued"]["extractor"] == "article:published_time");
  CHECK(note.custom["filled"]["container-title"]["extractor"] == "og:site_name");
  CHECK_FALSE(note.custom["filled"].contains("title"));
  REQUIRE(note.names_of("author").size() == 1);
  const auto& a = note.names_of("author")[0];
  CHECK(a.family == "Tavrovsky");
  REQUIRE(a.variants.size() == 1);
  CHECK(a.variants[0].role == variant_role::original);
  CHECK(a.variants[0].family == "Тавровский");
  REQUIRE(rep.conflicts.size() == 1);
  CHECK(rep.conflicts[0].field == "volume");
  CHECK(rep.conflicts[0].note_value == "12");
  CHECK(rep.conflicts[0].page_value == "13");
  CHECK(rep.filled.size() == 2);
  CHECK(rep.filled_by_field["issued"] == 1);

  // A different author and a different year are conflicts too.
  reference other;
  other.id = "n2";
  other.names["author"] = {bicite::names::parse_name("Alexander Lukin")};
  other.dates["issued"].parts = {{2022, 0, 0}};
  enrich_report rep2;
  merge(other, page, "https://iz.ru/1", {}, rep2);
  CHECK(rep2.conflicts.size() == 2);
  CHECK(other.names_of("author")[0].family == "Lukin");
  CHECK(other.date_of("issued")->parts[0].year == 2022);

  // With fill off, nothing changes but the report says what would be filled.
  reference dry;
  dry.id = "n3";
  enrich_options o;
  o.fill = false;
  enrich_report rep3;
  merge(dry, page, "https://iz.ru/1", o, rep3);
  CHECK(dry.fields.empty());
  CHECK(dry.names.empty());
  CHECK(rep3.filled.size() == 5);
}

TEST_CASE("similarity across scripts, cut titles and site names") {
  CHECK(similarity("container-title", "Izvestia", "Известия") >= 0.85);
  CHECK(similarity("container-title", "Kommersant", "Коммерсантъ") >= 0.85);
  CHECK(similarity("title", "Rossiia i Kitai", "Россия и Китай") >= 0.85);
  CHECK(similarity("title", "Russia and China", "Russia and China: Partners") >= 0.85);
  CHECK(similarity("title", "Russia and China", "Arms control after New START") < 0.3);
  CHECK(similarity("DOI", "https://doi.org/10.1000/ABC", "10.1000/abc") == 1.0);
  CHECK(similarity("page", "55–78", "55-78") == 1.0);
  CHECK(similarity("language", "ru-RU", "ru") == 1.0);
}

TEST_CASE("every metadata family in every charset") {
  const std::string families[] = {
      "<meta name=\"citation_title\" content=\"Сила Сибири\"><meta name=\"citation_author\" content=\"Кашин, Василий\">"
      "<meta name=\"citation_date\" content=\"2019/12/02\">",
      "<meta name=\"DC.title\" content=\"Сила Сибири\"><meta name=\"DC.creator\" content=\"Кашин, Василий\">"
      "<meta name=\"DC.date\" content=\"2019-12-02\">",
      "<meta property=\"og:title\" content=\"Сила Сибири\"><meta name=\"author\" content=\"Василий Кашин\">"
      "<meta property=\"article:published_time\" content=\"2019-12-02T10:00:00+03:00\">",
      "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\",\"headline\":\"Сила Сибири\","
      "\"author\":{\"@type\":\"Person\",\"name\":\"Василий Кашин\"},\"datePublished\":\"2019-12-02\"}]}</script>"};
  for (const auto& family : families)
    for (const char* cs : {"utf-8", "windows-1251", "koi8-r"}) {
      CAPTURE(family);
      CAPTURE(cs);
      const std::string html = "<html><head><meta charset=\"" + std::string(cs) + "\"><title>Главное | РБК</title>" +
                               family + "</head><body>Газопровод запущен.</body></html>";
      const auto m = read_html(std::string(cs) == "utf-8" ? html : enrich_test::encode(html, cs));
      CHECK(m.item.get("title") == "Сила Сибири");
      REQUIRE(m.item.names_of("author").size() == 1);
      CHECK(m.item.names_of("author")[0].family == "Кашин");
      CHECK(m.item.names_of("author")[0].given == "Василий");
      REQUIRE(m.item.date_of("issued"));
      CHECK(m.item.date_of("issued")->parts[0] == date::part{2019, 12, 2});
      CHECK(m.diagnostics.empty());
    }
}

TEST_CASE("a field filled from the DOI record is not the note's: the page does not conflict with it") {
  reference r;
  r.id = "x";
  metadata doi, page;
  doi.item.set("title", "Russia's Pivot to Asia");
  doi.extractor["title"] = "crossref";
  page.item.set("title", "Russia's pivot to Asia — a long read");
  page.item.set("volume", "64");
  page.extractor = {{"title", "og:title"}, {"volume", "citation_volume"}};
  enrich_report rep;
  merge(r, doi, "https://api/works/10.1/x", {}, rep);
  merge(r, page, "https://example.org/x", {}, rep);
  CHECK(rep.conflicts.empty());
  CHECK(r.get("title") == "Russia's Pivot to Asia");
  CHECK(r.custom["filled"]["title"]["extractor"] == "crossref");
  CHECK(r.custom["filled"]["volume"]["source"] == "https://example.org/x");
}

TEST_CASE("<title> suffixes: a dash cuts only the site's own name, which then names the container") {
  auto m = read_html("<html lang=\"en\"><head><title>Russia and India: limits of the alliance — The Diplomat</title></head></html>");
  CHECK(m.item.get("title") == "Russia and India: limits of the alliance");
  CHECK(m.item.get("container-title") == "The Diplomat");
  CHECK(m.extractor["container-title"] == "title-suffix");
  auto ru = read_html("<html><head><meta charset=\"utf-8\"><title>Лавров — о переговорах</title></head></html>");
  CHECK(ru.item.get("title") == "Лавров — о переговорах");  // a dash inside the headline stays
  CHECK_FALSE(ru.item.has("container-title"));
  auto og = read_html("<meta property=\"og:title\" content=\"Moscow and Beijing — the energy bargain\">");
  CHECK(og.item.get("title") == "Moscow and Beijing — the energy bargain");
  auto pipe = read_html("<title>Третий лишний | Известия</title>");
  CHECK(pipe.item.get("title") == "Третий лишний");
}

TEST_CASE("several authors in one tag are split; one inverted name is not") {
  auto m = read_html("<meta charset=\"utf-8\"><meta name=\"author\" content=\"Бордачёв Тимофей, Черненко Елена\">");
  REQUIRE(m.item.names_of("author").size() == 2);
  CHECK(m.item.names_of("author")[0].family == "Бордачёв");
  CHECK(m.item.names_of("author")[1].family == "Черненко");
  CHECK(m.item.names_of("author")[1].given == "Елена");
  auto inverted = read_html("<meta charset=\"utf-8\"><meta name=\"author\" content=\"Лукин, Александр\">");
  REQUIRE(inverted.item.names_of("author").size() == 1);
  CHECK(inverted.item.names_of("author")[0].given == "Александр");
  auto initials = read_html("<meta name=\"citation_author\" content=\"Smith, John A.\"><meta name=\"citation_title\" content=\"T\">");
  CHECK(initials.item.names_of("author").size() == 1);
  auto semi = read_html("<meta name=\"author\" content=\"Bobo Lo; Paul Stronski and Angela Stent\">");
  CHECK(semi.item.names_of("author").size() == 3);
}

TEST_CASE("numbers no double holds (1e400): no exception; the rest of the page is still read") {
  // nlohmann throws out_of_range for 1e400 even in its no-exception mode; every parse goes
  // through detail::parse_json, which gives "not JSON" instead
  const std::string page =
      "<html><head><title>Fallback | Site</title>"
      "<script type=\"application/ld+json\">{\"@type\": \"Article\", \"headline\": \"Lost\", \"wordCount\": 1e400}</script>"
      "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"author\": {\"@type\": \"Person\", "
      "\"name\": \"Ivan Petrov\"}, \"datePublished\": \"2023-03-20\"}</script>"
      "<meta name=\"citation_title\" content=\"Kept title\">"
      "</head><body></body></html>";
  metadata m;
  REQUIRE_NOTHROW(m = read_html(page, "text/html; charset=utf-8"));
  CHECK(m.item.get("title") == "Kept title");
  CHECK(m.item.names_of("author").size() == 1);
  CHECK(m.item.date_of("issued") != nullptr);
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].code == "enrich.bad-json-ld");

  // a Crossref answer with such a number is one JSON text: it is reported, not thrown
  result<metadata> r = diagnostic{};
  REQUIRE_NOTHROW(r = read_crossref(R"({"status":"ok","message":{"DOI":"10.1/x","title":["T"],"score":1e400}})"));
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "enrich.bad-doi-json");
  // a number a double holds but no integer does is still an answer
  const auto big = read_crossref(R"({"message":{"DOI":"10.1/x","title":["Big"],"volume":1e300,"page":-1e300}})");
  REQUIRE(big);
  CHECK(big->item.get("title") == "Big");
}
