// Unit tests of the CSL processor: style loading, bad input, bilingual rendering, output formats.
#include <doctest/doctest.h>

#include <string>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>
#include <bicite/limits.hpp>

#include "support.hpp"

namespace {

std::string style_xml(const std::string& body, const std::string& extra = {}) {
  return R"x(<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title></info>)x" +
         extra + "<citation><layout>" + body + "</layout></citation></style>";
}

std::vector<bicite::reference> items(const std::string& json) { return bicite::csljson::read(json).references; }

std::string cite_one(const std::string& style_body, const std::string& json, bicite::csl::render_options o = {},
                     std::vector<bicite::diagnostic>* diags = nullptr, const std::string& extra = {}) {
  auto st = bicite::csl::parse_style(style_xml(style_body, extra));
  REQUIRE(st);
  auto its = items(json);
  o.format = bicite::csl::output_format::text;
  auto res = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  if (diags) *diags = res.diagnostics;
  REQUIRE(!res.citations.empty());
  return res.citations[0];
}

const char* doe = R"x([{"id":"a","type":"book","title":"a history of the world","author":[{"family":"Doe","given":"John"}],"issued":{"date-parts":[[2001,5,3]]}}])x";

}  // namespace

TEST_CASE("names, dates and groups render") {
  CHECK(cite_one(R"x(<names variable="author"><name/></names>)x", doe) == "John Doe");
  CHECK(cite_one(R"x(<group delimiter=", "><names variable="author"><name form="short"/></names><date variable="issued"><date-part name="year"/></date></group>)x", doe) ==
        "Doe, 2001");
  // a group whose only variable is empty is suppressed
  CHECK(cite_one(R"x(<text value="A"/><group><text value=" (vol. "/><text variable="volume"/><text value=")"/></group>)x", doe) == "A");
}

TEST_CASE("title case applies to English items only") {
  const std::string body = R"x(<text variable="title" text-case="title"/>)x";
  CHECK(cite_one(body, doe) == "A History of the World");
  CHECK(cite_one(body, R"x([{"id":"r","type":"book","language":"ru","title":"история мира"}])x") == "история мира");
  // no language and a Cyrillic title: still not title-cased
  CHECK(cite_one(body, R"x([{"id":"r","type":"book","title":"история мира"}])x") == "история мира");
}

TEST_CASE("per_item_locale: each item gets the terms of its own language; force_locale overrides") {
  const std::string body = R"x(<group delimiter=" "><label variable="page" form="short"/><text variable="page"/></group>)x";
  const char* two = R"x([{"id":"r","type":"book","language":"ru","page":"5"},{"id":"e","type":"book","language":"en","page":"5"}])x";
  auto st = bicite::csl::parse_style(style_xml(body));
  REQUIRE(st);
  auto its = items(two);
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  // by default a style that is neither GOST nor Russian gives every item the list's terms
  auto res = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(res.citations.size() == 2);
  CHECK(res.citations[0] == "p. 5");
  CHECK(res.citations[1] == "p. 5");
  o.per_item_locale = bicite::csl::item_locale::on;
  res = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(res.citations.size() == 2);
  CHECK(res.citations[0] == "с. 5");
  CHECK(res.citations[1] == "p. 5");
  o.force_locale = true;
  o.locale = "en-US";
  res = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  CHECK(res.citations[0] == "p. 5");
}

TEST_CASE("a Russian month after its day is in the genitive; alone it stays in the nominative") {
  const char* ru = R"x([{"id":"r","type":"webpage","language":"ru","title":"т","issued":{"date-parts":[[2024,1,4]]}}])x";
  const char* ru_month = R"x([{"id":"r","type":"webpage","language":"ru","title":"т","issued":{"date-parts":[[2024,2]]}}])x";
  bicite::csl::render_options russian;  // a Russian list
  russian.locale = "ru-RU";
  CHECK(cite_one(R"x(<date variable="issued" form="text"/>)x", ru, russian) == "4 января 2024 г.");
  CHECK(cite_one(R"x(<date variable="issued" form="text"/>)x", ru_month, russian) == "февраль 2024 г.");
  // a style's own order, month before day: nominative
  CHECK(cite_one(R"x(<date variable="issued"><date-part name="month" suffix=" "/><date-part name="day"/></date>)x", ru, russian) ==
        "январь 4");
  // in an English list a Russian item's date is English
  CHECK(cite_one(R"x(<date variable="issued" form="text"/>)x", ru) == "January 4, 2024");
  // an English item keeps English month names
  CHECK(cite_one(R"x(<date variable="issued" form="text"/>)x", doe) == "May 3, 2001");
  // real styles: GOST and Chicago with a Russian web page
  for (const char* name : {"gost-r-7-0-5-2008", "chicago-fullnote-bibliography"}) {
    auto st = bicite::csl::load_style(name);
    REQUIRE(st);
    auto its = items(ru);
    bicite::csl::render_options o;
    o.format = bicite::csl::output_format::text;
    auto res = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
    REQUIRE(!res.bibliography.empty());
    CHECK_MESSAGE(res.bibliography[0].find("январь") == std::string::npos, name << ": " << res.bibliography[0]);
  }
}

TEST_CASE("output formats") {
  const std::string body = R"x(<text variable="title" font-style="italic"/>)x";
  auto st = bicite::csl::parse_style(style_xml(body));
  REQUIRE(st);
  auto its = items(R"x([{"id":"a","type":"book","title":"Tom & Jerry"}])x");
  auto cites = bicite::csl::one_citation_per_item(its);
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::html;
  CHECK(bicite::csl::render(**st, its, cites, o).citations[0] == "<i>Tom &#38; Jerry</i>");
  o.format = bicite::csl::output_format::markdown;
  CHECK(bicite::csl::render(**st, its, cites, o).citations[0] == "*Tom & Jerry*");
  o.format = bicite::csl::output_format::text;
  CHECK(bicite::csl::render(**st, its, cites, o).citations[0] == "Tom & Jerry");
}

TEST_CASE("bad styles give diagnostics, never a crash") {
  SUBCASE("malformed XML") {
    auto st = bicite::csl::parse_style("<style><citation>");
    REQUIRE(!st);
    CHECK(st.error().code == "csl.xml");
    CHECK(st.error().line == 1);
  }
  SUBCASE("binary garbage") {
    std::string junk(300, '\0');
    for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>(i * 37);
    CHECK(!bicite::csl::parse_style(junk));
  }
  SUBCASE("past the input limit") {
    bicite_test::sparse_bytes huge(bicite::limits::max_input_bytes + 1);
    REQUIRE(huge.ok());
    auto st = bicite::csl::parse_style(huge.view());
    REQUIRE(!st);
    CHECK(st.error().code == "input.too-large");
  }
  SUBCASE("not a style") { CHECK(bicite::csl::parse_style("<locale/>").error().code == "csl.not-a-style"); }
  SUBCASE("unknown element") {
    auto [st, w] = bicite::csl::read_style(style_xml(R"x(<frobnicate/><text value="x"/>)x"));
    REQUIRE(st);
    REQUIRE(!w.empty());
    CHECK(w[0].code == "csl.unknown-element");
    CHECK(w[0].message.find("frobnicate") != std::string::npos);
    CHECK(w[0].line == 2);
  }
  SUBCASE("unknown macro") {
    auto [st, w] = bicite::csl::read_style(style_xml(R"x(<text macro="nowhere"/>)x"));
    REQUIRE(st);
    REQUIRE(!w.empty());
    CHECK(w[0].code == "csl.unknown-macro");
  }
  SUBCASE("a macro that calls itself") {
    std::vector<bicite::diagnostic> d;
    std::string out = cite_one(R"x(<text macro="loop"/>)x", doe, {}, &d,
                               R"x(<macro name="loop"><text value="x"/><text macro="loop"/><text macro="loop"/></macro>)x");
    CHECK(out == "x");
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "csl.macro-recursion");
    CHECK(d[0].message.find("loop") != std::string::npos);
  }
  SUBCASE("a dependent style without its parent") {
    auto st = bicite::csl::parse_style(R"x(<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info>
      <link rel="independent-parent" href="http://www.zotero.org/styles/no-such-style"/></info></style>)x",
                                       [](std::string_view) { return std::nullopt; });
    REQUIRE(!st);
    CHECK(st.error().code == "csl.missing-parent");
  }
}

TEST_CASE("a missing locale falls back to en-US with a warning") {
  bicite::csl::render_options o;
  o.locale = "xx-YY";
  std::vector<bicite::diagnostic> d;
  CHECK(cite_one(R"x(<text term="and"/>)x", doe, o, &d) == "and");
  REQUIRE(!d.empty());
  CHECK(d[0].code == "csl.missing-locale");
}

TEST_CASE("wrong-typed fields and unknown cites do not crash") {
  std::vector<bicite::diagnostic> d;
  CHECK(cite_one(R"x(<names variable="author"><name/><substitute><text variable="title"/></substitute></names><date variable="issued" form="text"/>)x",
                 R"x([{"id":"a","type":"book","title":"T","author":"Doe","issued":5,"page":[1]}])x", {}, &d) == "T");
  auto st = bicite::csl::parse_style(style_xml(R"x(<text variable="title"/>)x"));
  REQUIRE(st);
  auto its = items(doe);
  bicite::csl::citation c;
  c.cites.push_back({"missing"});
  auto res = bicite::csl::render(**st, its, {c});
  REQUIRE(!res.diagnostics.empty());
  CHECK(res.diagnostics[0].code == "csl.unknown-item");
}

TEST_CASE("styles load by name and dependent styles follow their parent") {
  auto apa = bicite::csl::load_style("apa");
  REQUIRE(apa);
  CHECK(bicite::csl::has_bibliography(**apa));
  auto dep = bicite::csl::load_style("2d-materials");
  REQUIRE(dep);
  CHECK(bicite::csl::style_title(**dep).find("2D Materials") != std::string::npos);
  CHECK(!bicite::csl::load_style("no-such-style-anywhere"));
  auto names = bicite::csl::list_styles();
  CHECK(names.size() > 1000);
}

TEST_CASE("GOST: a Russian and an English item in one bibliography") {
  auto gost = bicite::csl::load_style("gost-r-7-0-5-2008");
  REQUIRE(gost);
  auto its = items(R"x([
    {"id":"ru","type":"article-journal","language":"ru","title":"Внешняя политика","container-title":"Международная жизнь",
     "author":[{"family":"Иванов","given":"Иван Петрович"}],"issued":{"date-parts":[[2019]]},"volume":"12","issue":"3","page":"45-67"},
    {"id":"en","type":"article-journal","language":"en","title":"Foreign policy","container-title":"International Affairs",
     "author":[{"family":"Smith","given":"John"}],"issued":{"date-parts":[[2020]]},"volume":"7","issue":"2","page":"1-9"}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto res = bicite::csl::render(**gost, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(res.bibliography.size() == 2);
  CHECK(res.bibliography[0].find("Т. 12") != std::string::npos);
  CHECK(res.bibliography[0].find("С. 45–67") != std::string::npos);
  // Debian's GOST style writes "Т." and "С." as literal prefixes, not terms, so they stay Russian
  CHECK(res.bibliography[1].find("Smith J. Foreign policy // International Affairs. 2020.") != std::string::npos);
}

#ifdef BICITE_EXE
TEST_CASE("bicite format") {
  auto r = bicite_test::run(std::string(BICITE_EXE) + " format --list-styles");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("gost-r-7-0-5-2008\n") != std::string::npos);
  const std::string path = std::string(BICITE_BINARY_DIR) + "/csl_test_items.json";
  bicite_test::write_file(path, doe);
  r = bicite_test::run(std::string(BICITE_EXE) + " format " + path + " --style apa --mode bibliography --to html");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("<div class=\"csl-entry\">Doe, J. (2001). <i>a history of the world</i>.</div>") != std::string::npos);
  r = bicite_test::run(std::string(BICITE_EXE) + " format " + path + " --style apa --mode citation --to text");
  CHECK(r.out == "(Doe, 2001)\n");
  // the list's language by default, each item's own with --per-item-locale; GOST the other way round
  const std::string ru = std::string(BICITE_BINARY_DIR) + "/csl_test_ru.json";
  bicite_test::write_file(ru, R"x([{"id":"r","type":"article-journal","language":"ru","title":"Статья","container-title":"Журнал",
    "author":[{"family":"Иванов","given":"Иван"},{"family":"Петров","given":"Пётр"}],"issue":"4","issued":{"date-parts":[[2021]]}}])x");
  r = bicite_test::run(std::string(BICITE_EXE) + " format " + ru + " --style chicago-fullnote-bibliography");
  CHECK(r.out == "Иванов, Иван, and Пётр Петров. “Статья.” Журнал, no. 4 (2021).\n");
  r = bicite_test::run(std::string(BICITE_EXE) + " format " + ru + " --style chicago-fullnote-bibliography --per-item-locale");
  CHECK(r.out == "Иванов, Иван, и Пётр Петров. «Статья». Журнал, вып. 4 (2021 г.).\n");
  r = bicite_test::run(std::string(BICITE_EXE) + " format " + ru + " --style chicago-fullnote-bibliography --per-item-locale --no-per-item-locale 2>&1");
  CHECK(r.exit_code != 0);
  r = bicite_test::run(std::string(BICITE_EXE) + " format " + path + " --style no-such-style 2>&1");
  CHECK(r.exit_code == 2);  // a name that is no style is a usage error, with the nearest names
  CHECK(r.out.find("no style \"no-such-style\" on the search path") != std::string::npos);
}
#endif

TEST_CASE("transliterated and translated variants, chosen per run") {
  const char* item = R"x([{"id":"v","type":"book","language":"ru","title":"Война и мир",
    "author":[{"family":"Толстой","given":"Лев"}],
    "custom":{"bicite-variants":{
      "fields":{"title":[{"value":"Voina i mir","role":"transliterated","scheme":"ala_lc"},
                         {"value":"War and Peace","role":"translated","language":"en"}]},
      "names":{"author":[[{"family":"Tolstoi","given":"Lev","role":"transliterated","scheme":"ala_lc"}]]}}}}])x";
  const std::string body = R"x(<group delimiter=", "><names variable="author"><name/></names><text variable="title"/></group>)x";
  bicite::csl::render_options o;
  CHECK(cite_one(body, item, o) == "Лев Толстой, Война и мир");
  o.variants = bicite::csl::variant_display::transliterated;
  CHECK(cite_one(body, item, o) == "Lev Tolstoi, Voina i mir");
  o.variants = bicite::csl::variant_display::transliterated_translated;
  CHECK(cite_one(body, item, o) == "Lev Tolstoi, Voina i mir [War and Peace]");
}

TEST_CASE("per_item_locale: each item gets the quotes of its own language") {
  auto st = bicite::csl::parse_style(style_xml(R"x(<text variable="title" quotes="true" suffix=","/>)x"));
  REQUIRE(st);
  auto its = items(R"x([{"id":"r","type":"book","language":"ru","title":"Война и мир"},{"id":"e","type":"book","language":"en","title":"War and Peace"}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  o.per_item_locale = true;  // the bool the option once was still means on
  auto res = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(res.citations.size() == 2);
  CHECK(res.citations[0] == "«Война и мир»,");
  CHECK(res.citations[1] == "“War and Peace,”");
  o.per_item_locale = false;
  res = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  CHECK(res.citations[0] == "“Война и мир,”");
}

TEST_CASE("guillemets written in a title become the inner quotes of the list's locale") {
  auto st = bicite::csl::parse_style(style_xml(R"x(<text variable="title" quotes="true"/>)x"));
  REQUIRE(st);
  auto its = items(R"x([{"id":"r","type":"article","language":"ru","title":"«Газета»: о ней"}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  CHECK(bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o).citations[0] == "“‘Газета’: о ней”");
  o.locale = "ru-RU";
  CHECK(bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o).citations[0] == "«„Газета“: о ней»");
  // unquoted, they stay as written; French « … » with spaces is text
  auto plain = bicite::csl::parse_style(style_xml(R"x(<text variable="title"/>)x"));
  REQUIRE(plain);
  CHECK(bicite::csl::render(**plain, its, bicite::csl::one_citation_per_item(its), o).citations[0] == "«Газета»: о ней");
  auto fr = items(R"x([{"id":"f","type":"article","language":"fr","title":"Le « Monde »"}])x");
  o.locale = "fr-FR";
  const std::string f = bicite::csl::render(**st, fr, bicite::csl::one_citation_per_item(fr), o).citations[0];
  CHECK(f.find("Monde\u202f»") != std::string::npos);
  CHECK(f.find("\u201C") == std::string::npos);  // no inner quotes
  // unmatched and deeply nested marks stay text, quickly
  std::string marks;
  for (int k = 0; k < 5000; ++k) marks += "\u00ABa";
  auto odd = items("[{\"id\":\"m\",\"type\":\"book\",\"title\":\"" + marks + "\"}]");
  CHECK(bicite::csl::render(**plain, odd, bicite::csl::one_citation_per_item(odd), o).citations[0] == marks);
}

namespace {

// Renders items (one citation each, in item order) with one of Debian's styles.
bicite::csl::rendered render_real(const std::string& style, const std::string& json,
                                  bicite::csl::output_format f = bicite::csl::output_format::text) {
  auto st = bicite::csl::load_style(style);
  REQUIRE(st);
  auto its = items(json);
  bicite::csl::render_options o;
  o.format = f;
  return bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
}

}  // namespace

TEST_CASE("real styles: a straight apostrophe in an affix is printed as written") {
  // user-modeling-and-user-adapted-interaction: <text macro="title" prefix="'" suffix=".'"/>
  auto r = render_real("user-modeling-and-user-adapted-interaction",
                       R"x([{"id":"a","type":"book","title":"A book","author":[{"family":"Smith","given":"John"}],
                             "publisher":"Pub","publisher-place":"London","issued":{"date-parts":[[2003]]}}])x");
  REQUIRE(r.bibliography.size() == 1);
  CHECK(r.bibliography[0] == "Smith, John.: 2003. 'A book.' London: Pub.");
}

TEST_CASE("real styles: a term that opens a note or a bibliography entry is capitalised") {
  const char* url_only = R"x([{"id":"a","type":"webpage","URL":"http://example.com/x"},
                             {"id":"b","type":"article","URL":"http://example.com/y"}])x";
  auto chicago = render_real("chicago-fullnote-bibliography", url_only);
  REQUIRE(chicago.citations.size() == 2);
  CHECK(chicago.citations[0] == "N.d., http://example.com/x.");
  CHECK(chicago.bibliography[0] == "N.d. http://example.com/x.");
  // an in-text citation keeps the term as it is; its bibliography entry starts with a capital
  auto apa = render_real("apa", url_only);
  CHECK(apa.citations[0] == "(n.d.-a)");
  CHECK(apa.bibliography[0] == "(N.d.-a). http://example.com/x");
  auto harvard = render_real("harvard-cite-them-right", url_only);
  CHECK(harvard.bibliography[1] == "(No date b). Available at: http://example.com/y.");
}

TEST_CASE("real styles: given names that disambiguate the cites also show in the bibliography") {
  const char* two = R"x([
    {"id":"a","type":"book","title":"Some title here","author":[{"family":"Tavrovsky","given":"Iury"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}},
    {"id":"b","type":"book","title":"A book","author":[{"family":"Tavrovsky","given":"Ivan"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}},
    {"id":"c","type":"book","title":"Other","author":[{"family":"Smith","given":"John"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}}])x";
  auto harvard = render_real("harvard-cite-them-right", two);
  CHECK(harvard.citations[0] == "(Iury Tavrovsky, 2001)");
  CHECK(harvard.bibliography[0] == "Smith, J. (2001) Other. Pub.");
  CHECK(harvard.bibliography[1] == "Tavrovsky, Iury (2001) Some title here. Pub.");
  CHECK(harvard.bibliography[2] == "Tavrovsky, Ivan (2001) A book. Pub.");
  auto elsevier = render_real("elsevier-harvard-without-titles", two);
  CHECK(elsevier.bibliography[1] == "Tavrovsky, Iury, 2001. Some title here. Pub.");
}

TEST_CASE("real styles: pages separated by ';' are several pages") {
  auto apa = render_real("apa", R"x([{"id":"a","type":"chapter","title":"A chapter","author":[{"family":"Doe","given":"John"}],
    "container-title":"The book","editor":[{"family":"Roe","given":"Jane"}],"publisher":"Pub","page":"251; 32","issued":{"date-parts":[[2001]]}}])x");
  CHECK(apa.bibliography[0] == "Doe, J. (2001). A chapter. In J. Roe (Ed.), The book (pp. 251; 32). Pub.");
  // OSCOLA cites page-first: the first page of the list, without the separator
  auto oscola = render_real("oscola", R"x([{"id":"a","type":"article-journal","title":"Some title","author":[{"family":"Doe","given":"John"}],
    "container-title":"Law Journal","volume":"3","page":"251; 32","issued":{"date-parts":[[2001]]}}])x");
  CHECK(oscola.citations[0] == "John Doe, ‘Some Title’ (2001) 3 Law Journal 251.");
}

TEST_CASE("real styles: an entry that is only its number keeps one period") {
  // dna-research: <text variable="citation-number" suffix=". "/> in a layout with suffix="."
  auto r = render_real("dna-research", R"x([{"id":"a","type":"article"},{"id":"b","type":"book","title":"T"}])x",
                       bicite::csl::output_format::html);
  REQUIRE(r.bibliography.size() == 2);
  CHECK(r.bibliography[0] == "<div class=\"csl-left-margin\">1.</div>");
  CHECK(r.bibliography[1] == "<div class=\"csl-left-margin\">2. </div><div class=\"csl-right-inline\"><i>T</i>.</div>");
}

TEST_CASE("real styles: editors standing in for the author keep the name's small caps") {
  // din-1505-2: <name font-variant="small-caps"/><et-al font-variant="normal"/> and
  // <substitute><names variable="editor" font-variant="small-caps"/>
  auto r = render_real("din-1505-2", R"x([
    {"id":"a","type":"book","title":"Edited book","editor":[{"family":"Meyer","given":"Hans"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}},
    {"id":"b","type":"book","title":"Edited book","editor":[{"family":"Müller","given":"Hans"},{"family":"Schmidt","given":"Eva"},
     {"family":"Weber","given":"Karl"}],"publisher":"Pub","issued":{"date-parts":[[2002]]}}])x",
                       bicite::csl::output_format::html);
  CHECK(r.citations[0] == "(<span style=\"font-variant:small-caps;\"><span style=\"font-variant:small-caps;\">Meyer</span></span>, 2001)");
  CHECK(r.citations[1].find("<span style=\"font-variant:normal;\">u.") != std::string::npos);
  CHECK(r.citations[1].find("font-variant:small-caps;\">Müller") != std::string::npos);
}

TEST_CASE("variables written in the note field (\"name: value\" lines) fill what the item lacks") {
  const std::string body =
      R"x(<group delimiter=", "><text variable="container-title" form="short"/><date variable="event-date"><date-part name="year"/></date><text variable="note"/></group>)x";
  CHECK(cite_one(body, R"x([{"id":"a","type":"book","note":"container-title-short: J. Phys.\nevent-date: 2004-10-01/2004-10-14\nread twice"}])x") ==
        "J. Phys., 2004, read twice");
}

TEST_CASE("real styles: no ibid after a note that cites several items in separate citations") {
  auto st = bicite::csl::load_style("chicago-fullnote-bibliography");
  REQUIRE(st);
  auto its = items(R"x([
    {"id":"a","type":"book","title":"First","author":[{"family":"Doe","given":"John"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}},
    {"id":"b","type":"book","title":"Second","author":[{"family":"Roe","given":"Jane"}],"publisher":"Pub","issued":{"date-parts":[[2002]]}}])x");
  std::vector<bicite::csl::citation> cits{{.cites = {{.id = "a"}}, .note_number = 1},
                                          {.cites = {{.id = "b"}}, .note_number = 1},
                                          {.cites = {{.id = "b"}}, .note_number = 2},
                                          {.cites = {{.id = "b"}}, .note_number = 3}};
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto r = bicite::csl::render(**st, its, cits, o);
  REQUIRE(r.citations.size() == 4);
  // note 1 also cites Doe, so note 2 is no ibid; note 3 is (Chicago 18th gives the author alone)
  CHECK(r.citations[2] == "Roe, Second.");
  CHECK(r.citations[3] == "Roe.");
}

TEST_CASE("a numeric style keeps the place of an entry that prints nothing") {
  auto st = bicite::csl::parse_style(R"x(<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title></info>
  <citation><layout><text variable="citation-number"/></layout></citation>
  <bibliography><layout><choose><if type="book"><text variable="citation-number" suffix=". "/><text variable="title"/></if></choose></layout></bibliography>
</style>)x");
  REQUIRE(st);
  auto its = items(R"x([{"id":"a","type":"book","title":"A"},{"id":"b","type":"article","title":"B"},{"id":"c","type":"book","title":"C"}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto r = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(r.bibliography.size() == 3);
  CHECK(r.bibliography[1] == "2. [CSL STYLE ERROR: reference with no printed form.]");
  CHECK(r.bibliography[2] == "3. C");
  bool warned = false;
  for (const auto& d : r.diagnostics) warned = warned || d.code == "csl.empty-entry";
  CHECK(warned);
}

TEST_CASE("Turkish text is upper- and lower-cased with dotted and dotless i") {
  CHECK(cite_one(R"x(<text variable="title" text-case="uppercase"/>)x",
                 R"x([{"id":"a","type":"book","language":"tr","title":"istanbul ılık"}])x") == "İSTANBUL ILIK");
  CHECK(cite_one(R"x(<text variable="title" text-case="lowercase"/>)x",
                 R"x([{"id":"a","type":"book","language":"tr-TR","title":"IRMAK İZMİR"}])x") == "ırmak izmir");
  CHECK(cite_one(R"x(<text variable="title" text-case="uppercase"/>)x",
                 R"x([{"id":"a","type":"book","language":"en","title":"ilk"}])x") == "ILK");
}

TEST_CASE("real styles: markup in a given name survives initialising") {
  auto r = render_real("apa", R"x([{"id":"a","type":"book","title":"T","author":[{"family":"Doe","given":"<b>John</b>-Quiggly"}],
    "publisher":"Pub","issued":{"date-parts":[[2001]]}}])x", bicite::csl::output_format::html);
  REQUIRE(r.bibliography.size() == 1);
  CHECK(r.bibliography[0].find("Doe, <b>J.</b>-Q. (2001)") != std::string::npos);
  auto t = render_real("apa", R"x([{"id":"a","type":"book","title":"T","author":[{"family":"Doe","given":"<b>J</b> Q"}],
    "publisher":"Pub","issued":{"date-parts":[[2001]]}}])x");
  CHECK(t.bibliography[0] == "Doe, J. Q. (2001). T. Pub.");
}

TEST_CASE("real styles: an \"and\" term of a script without spaces joins the names directly") {
  // chicago-author-date has <name and="text">; a Chinese item with its own terms takes zh-CN's "和"
  auto st = bicite::csl::load_style("chicago-author-date");
  REQUIRE(st);
  auto its = items(R"x([{"id":"a","type":"book","language":"zh-CN","title":"书",
    "author":[{"family":"张","given":"三"},{"family":"李","given":"四"}],"issued":{"date-parts":[[2001]]}}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  o.per_item_locale = bicite::csl::item_locale::on;
  auto r = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(r.citations.size() == 1);
  CHECK(r.citations[0].find("张和李") != std::string::npos);
  auto e = render_real("chicago-author-date", R"x([{"id":"a","type":"book","title":"Book",
    "author":[{"family":"Doe","given":"John"},{"family":"Roe","given":"Jane"}],"issued":{"date-parts":[[2001]]}}])x");
  CHECK(e.citations[0] == "(Doe and Roe 2001)");
}

TEST_CASE("real styles: a locator that writes its own labels takes none from the style") {
  auto st = bicite::csl::load_style("apa");
  REQUIRE(st);
  auto its = items(R"x([{"id":"a","type":"book","title":"T","author":[{"family":"Doe","given":"John"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}}])x");
  std::vector<bicite::csl::citation> cits{{.cites = {{.id = "a", .locator = "vol. 1, fol. 186"}}},
                                          {.cites = {{.id = "a", .locator = "7, n. 3-4"}}},
                                          {.cites = {{.id = "a", .locator = "12-14"}}}};
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto r = bicite::csl::render(**st, its, cits, o);
  REQUIRE(r.citations.size() == 3);
  CHECK(r.citations[0] == "(Doe, 2001, vol. 1, fol. 186)");
  CHECK(r.citations[1] == "(Doe, 2001, p. 7, nn. 3–4)");
  CHECK(r.citations[2] == "(Doe, 2001, pp. 12–14)");
}

TEST_CASE("real styles: spaces inside guillemets written in a title become narrow no-break spaces") {
  auto r = render_real("apa", R"x([{"id":"a","type":"book","title":"Le « grand » livre","author":[{"family":"Doe","given":"John"}],
    "publisher":"Pub","issued":{"date-parts":[[2001]]}}])x");
  REQUIRE(r.bibliography.size() == 1);
  CHECK(r.bibliography[0] == "Doe, J. (2001). Le «\u202fgrand\u202f» livre. Pub.");
}

TEST_CASE("real styles: a space that opens an entry's first block goes before it") {
  // american-anthropological-association: the author block, replaced by "" for the same author, then
  // <group display="left-margin"><text macro="date-bibliography" prefix=" "/>
  auto r = render_real("american-anthropological-association", R"x([
    {"id":"a","type":"book","title":"First","author":[{"family":"Doe","given":"John"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}},
    {"id":"b","type":"book","title":"Second","author":[{"family":"Doe","given":"John"}],"publisher":"Pub","issued":{"date-parts":[[2002]]}}])x",
                       bicite::csl::output_format::html);
  REQUIRE(r.bibliography.size() == 2);
  CHECK(r.bibliography[1].starts_with(" <div class=\"csl-left-margin\">2002"));
}

TEST_CASE("real styles: punctuation that meets a quoted title's own mark") {
  auto r = render_real("chicago-fullnote-bibliography", R"x([{"id":"a","type":"article-journal","title":"Why Now?",
    "author":[{"family":"Doe","given":"John"}],"container-title":"Journal","volume":"3","page":"5-9","issued":{"date-parts":[[2001]]}}])x");
  REQUIRE(r.citations.size() == 1);
  CHECK(r.citations[0] == "John Doe, “Why Now?,” Journal 3 (2001): 5–9.");
  CHECK(r.bibliography[0] == "Doe, John. “Why Now?” Journal 3 (2001): 5–9.");
}

TEST_CASE("real styles: cites are told apart in their subsequent (et-al-subsequent) form") {
  // academy-of-management-review: et-al-min="6" but et-al-subsequent-min="3" et-al-subsequent-use-first="1"
  auto st = bicite::csl::load_style("academy-of-management-review");
  REQUIRE(st);
  auto its = items(R"x([
    {"id":"a","type":"book","title":"A","author":[{"family":"Baur","given":"Bruno"},{"family":"Fröberg","given":"Lars"},{"family":"Roe","given":"Anette"}],"issued":{"date-parts":[[2000]]}},
    {"id":"b","type":"book","title":"B","author":[{"family":"Baur","given":"Bruno"},{"family":"Schileyko","given":"Anatoly"},{"family":"Roe","given":"Anette"}],"issued":{"date-parts":[[2000]]}}])x");
  std::vector<bicite::csl::citation> cits{{.cites = {{.id = "a"}}}, {.cites = {{.id = "b"}}}, {.cites = {{.id = "a"}}}, {.cites = {{.id = "b"}}}};
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto r = bicite::csl::render(**st, its, cits, o);
  REQUIRE(r.citations.size() == 4);
  CHECK(r.citations[0] == "(Baur, Fröberg, & Roe, 2000)");
  // "Baur et al., 2000" would name both: the later cites add the names that tell them apart
  CHECK(r.citations[2] == "(Baur, Fröberg, et al., 2000)");
  CHECK(r.citations[3] == "(Baur, Schileyko, et al., 2000)");
}

TEST_CASE("real styles: a position the caller fixes overrides the computed one") {
  auto st = bicite::csl::load_style("chicago-fullnote-bibliography");
  REQUIRE(st);
  auto its = items(R"x([{"id":"a","type":"book","title":"First Book","author":[{"family":"Doe","given":"John"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}}])x");
  std::vector<bicite::csl::citation> cits{
      {.cites = {{.id = "a", .position = bicite::csl::cite_position::subsequent}}, .note_number = 1}};
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto r = bicite::csl::render(**st, its, cits, o);
  REQUIRE(r.citations.size() == 1);
  CHECK(r.citations[0] == "Doe, First Book.");
}

TEST_CASE("real styles: an et-al term of a script without spaces follows the name directly") {
  auto st = bicite::csl::load_style("chicago-author-date");
  REQUIRE(st);
  auto its = items(R"x([{"id":"a","type":"book","language":"zh-CN","title":"书",
    "author":[{"family":"张","given":"三"},{"family":"李","given":"四"},{"family":"王","given":"五"},{"family":"赵","given":"六"}],
    "issued":{"date-parts":[[2001]]}}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  o.per_item_locale = bicite::csl::item_locale::on;  // the item's own Chinese terms
  auto r = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(r.citations.size() == 1);
  CHECK(r.citations[0].find("张等") != std::string::npos);
}

TEST_CASE("real styles: an English term takes title case whatever the item's language") {
  // apa: <label form="short" text-case="title"/> after editors; one English locale for every item
  auto st = bicite::csl::load_style("apa");
  REQUIRE(st);
  auto its = items(R"x([{"id":"a","type":"chapter","language":"ru","title":"Glava","author":[{"family":"Il’in","given":"Ivan"}],
    "container-title":"Sbornik","editor":[{"family":"Evlampiev","given":"Igor"}],"publisher":"Nauka","issued":{"date-parts":[[2004]]}}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  o.force_locale = true;
  o.locale = "en-US";
  auto r = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(r.bibliography.size() == 1);
  CHECK(r.bibliography[0] == "Il’in, I. (2004). Glava. In I. Evlampiev (Ed.), Sbornik. Nauka.");
}

TEST_CASE("real styles: one family name with several given names takes the initials that tell them apart") {
  // apa: givenname-disambiguation-rule="primary-name-with-initials"; "Ivan" and "I. A." differ in their
  // initials, a name without a given name is no other person, and a container author is not cited
  auto st = bicite::csl::load_style("apa");
  REQUIRE(st);
  auto its = items(R"x([
    {"id":"a","type":"chapter","title":"A","author":[{"family":"Il’in","given":"Ivan"}],"container-title":"C",
     "container-author":[{"family":"Il’in","given":"Ivan Aleksandrovich"}],"issued":{"date-parts":[[2019]]}},
    {"id":"b","type":"book","title":"B","author":[{"family":"Il’in","given":"I. A."}],"issued":{"date-parts":[[1996]]}},
    {"id":"c","type":"book","title":"C","author":[{"family":"Il’in","given":"I.A."}],"issued":{"date-parts":[[1956]]}},
    {"id":"d","type":"book","title":"D","author":[{"family":"Evlampiev","given":"I. I."}],"issued":{"date-parts":[[2004]]}},
    {"id":"e","type":"book","title":"E","author":[{"family":"Evlampiev"}],"issued":{"date-parts":[[2005]]}}])x");
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto r = bicite::csl::render(**st, its, bicite::csl::one_citation_per_item(its), o);
  REQUIRE(r.citations.size() == 5);
  CHECK(r.citations[0] == "(I. Il’in, 2019)");
  CHECK(r.citations[1] == "(I. A. Il’in, 1996)");
  CHECK(r.citations[2] == "(I. A. Il’in, 1956)");
  CHECK(r.citations[3] == "(Evlampiev, 2004)");
}

TEST_CASE("real styles: given names that disambiguate stop at the initials that tell persons apart") {
  // modern-language-association: <name form="short" initialize-with=". "/> in citations, initialize="false" in
  // the bibliography; "I.A." and "I. A." are one person
  auto r = render_real("modern-language-association", R"x([
    {"id":"a","type":"book","title":"Svoboda","author":[{"family":"Il’in","given":"Ivan"}],"publisher":"P","issued":{"date-parts":[[2019]]}},
    {"id":"b","type":"book","title":"Nashi zadachi","author":[{"family":"Il’in","given":"I.A."}],"publisher":"P","issued":{"date-parts":[[1956]]}},
    {"id":"c","type":"book","title":"Osnovy","author":[{"family":"Il’in","given":"I. A."}],"publisher":"P","issued":{"date-parts":[[1996]]}}])x");
  REQUIRE(r.citations.size() == 3);
  CHECK(r.citations[0] == "(I. Il’in)");
  CHECK(r.citations[1] == "(I. A. Il’in, Nashi Zadachi)");
  CHECK(r.citations[2] == "(I. A. Il’in, Osnovy)");
  CHECK(r.bibliography[0] == "Il’in, I. A. Nashi Zadachi. P, 1956.");
}

TEST_CASE("real styles: cites of one author group together only in a sorted citation") {
  // chicago-author-date: collapse="year" and no <sort> in <citation>, so the cites stay in the order given
  // and only neighbours group; apa sorts its citations, so every cite of an author joins the first
  const char* json = R"x([
    {"id":"a","type":"book","title":"A","author":[{"family":"Doe","given":"John"}],"publisher":"P","issued":{"date-parts":[[2001]]}},
    {"id":"b","type":"book","title":"B","author":[{"family":"Doe","given":"John"}],"publisher":"P","issued":{"date-parts":[[2002]]}},
    {"id":"c","type":"book","title":"C","author":[{"family":"Roe","given":"Anne"}],"publisher":"P","issued":{"date-parts":[[2000]]}},
    {"id":"d","type":"book","title":"D","author":[{"family":"Doe","given":"John"}],"publisher":"P","issued":{"date-parts":[[2003]]}}])x";
  auto its = items(json);
  std::vector<bicite::csl::citation> cits{{.cites = {{.id = "a"}, {.id = "b"}, {.id = "c"}, {.id = "d"}}}};
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  auto chicago = bicite::csl::load_style("chicago-author-date");
  REQUIRE(chicago);
  auto r = bicite::csl::render(**chicago, its, cits, o);
  REQUIRE(r.citations.size() == 1);
  CHECK(r.citations[0] == "(Doe 2001, 2002; Roe 2000; Doe 2003)");
  auto apa = bicite::csl::load_style("apa");
  REQUIRE(apa);
  r = bicite::csl::render(**apa, its, cits, o);
  REQUIRE(r.citations.size() == 1);
  CHECK(r.citations[0] == "(Doe, 2001, 2002, 2003; Roe, 2000)");
}

TEST_CASE("real styles: title case leaves a one-character part after a hyphen as written") {
  // chicago-author-date: <text variable="title" text-case="title"/> for books
  auto r = render_real("chicago-author-date", R"x([{"id":"a","type":"book","title":"a 19th-century x-ray of the 07-x test",
    "author":[{"family":"Doe","given":"John"}],"publisher":"Pub","issued":{"date-parts":[[2001]]}}])x");
  REQUIRE(r.bibliography.size() == 1);
  CHECK(r.bibliography[0] == "Doe, John. 2001. A 19th-Century X-Ray of the 07-x Test. Pub.");
  const std::string body = R"x(<text variable="title" text-case="title"/>)x";
  CHECK(cite_one(body, R"x([{"id":"a","type":"book","title":"07-x"}])x") == "07-x");
  // a one-character part before a hyphen is capitalised
  CHECK(cite_one(body, R"x([{"id":"a","type":"book","title":"the t-cell-mediated a-b response"}])x") ==
        "The T-Cell-Mediated A-b Response");
}
