#include <doctest/doctest.h>

#include <bicite/bibtex.hpp>
#include <bicite/limits.hpp>
#include <bicite/csljson.hpp>

#include "support.hpp"

using bicite::bibtex::read;

TEST_CASE("@string macros, month macros, # concatenation, quotes and braces") {
  auto r = read(R"(
@string{ mgimo = "МГИМО" }
@STRING(pub = {Наука})
@article{a,
  title = "Россия " # {и} # " Китай",
  journal = mgimo # { Review},
  year = 2023, month = feb,
  publisher = pub,
})");
  REQUIRE(r.references.size() == 1);
  CHECK(r.diagnostics.empty());
  const auto& a = r.references[0];
  CHECK(a.id == "a");
  CHECK(a.type == "article-journal");
  CHECK(a.get("title") == "Россия и Китай");
  CHECK(a.get("container-title") == "МГИМО Review");
  CHECK(a.get("publisher") == "Наука");
  REQUIRE(a.date_of("issued"));
  CHECK(a.date_of("issued")->parts.at(0) == bicite::date::part{2023, 2, 0});
}

TEST_CASE("@comment and @preamble are skipped, text between entries is ignored") {
  auto r = read(R"(Some text @ not an entry
@comment{ @article{hidden, title={No}} }
@preamble{ "\newcommand{\noop}[1]{}" }
@book{b, title = {Yes}})");
  REQUIRE(r.references.size() == 1);
  CHECK(r.references[0].get("title") == "Yes");
}

TEST_CASE("LaTeX accents and Cyrillic commands are decoded; unknown commands pass through") {
  auto r = read(R"(@book{c, title = {Caf{\'e} M{\"u}ller \v{C}apek {\ss} \c{c} {\CYRP}{\cyrr}{\cyri}{\cyrv}{\cyre}{\cyrt} \emph{x} \foo{bar} 50\% R\&D --- a--b ``q''}})");
  REQUIRE(r.references.size() == 1);
  CHECK(r.references[0].get("title") == "Café Müller Čapek ß ç Привет x \\foo{bar} 50% R&D — a–b “q”");
  CHECK(bicite::bibtex::latex_to_unicode(R"(\'{\i}\^{o}\"{\i})") == "íôï");
  CHECK(bicite::bibtex::latex_to_unicode(R"(\=Pot \d{q})") == "P\u0304ot q\u0323");
  CHECK(bicite::bibtex::latex_to_unicode(R"(The \TeX book: \LaTeX{} and {\tt troff} \-hy\-phen \emdash{} \foo{} x \noopsort{b}1973)") ==
        "The TeXbook: LaTeX and troff hyphen — \\foo x 1973");
}

TEST_CASE("names: and, von particles, Jr., {{Organisation}}, First Last order") {
  auto r = read(R"(@book{n, author = {van Beethoven, Ludwig and {The Kremlin} and King, Jr., Martin Luther and
    Jean de La Fontaine and Иванов, И. И. and Charles Louis Xavier Joseph de la Vall{\'e}e Poussin and others}, title = {T}})");
  REQUIRE(r.references.size() == 1);
  const auto& n = r.references[0].names_of("author");
  REQUIRE(n.size() == 6);
  CHECK(n[0].family == "Beethoven");
  CHECK(n[0].non_dropping_particle == "van");
  CHECK(n[0].given == "Ludwig");
  CHECK(n[1].literal == "The Kremlin");
  CHECK(n[2].family == "King");
  CHECK(n[2].suffix == "Jr.");
  CHECK(n[2].given == "Martin Luther");
  CHECK(n[3].given == "Jean");
  CHECK(n[3].non_dropping_particle == "de");
  CHECK(n[3].family == "La Fontaine");
  CHECK(n[4].family == "Иванов");
  CHECK(n[4].given == "И. И.");
  CHECK(n[5].given == "Charles Louis Xavier Joseph");
  CHECK(n[5].non_dropping_particle == "de la");
  CHECK(n[5].family == "Vallée Poussin");
}

TEST_CASE("crossref: booktitle from the parent's title, other fields inherited when absent; xdata") {
  auto r = read(R"(
@xdata{pubinfo, publisher = {Routledge}, location = {London}}
@incollection{child, author = {Lo, Bobo}, title = {Chapter}, pages = {1--20}, crossref = {parent}}
@collection{parent, editor = {Rozman, Gilbert}, title = {Putin's Turn}, date = {2024}, xdata = {pubinfo}}
@inproceedings{classic, title = {P}, crossref = {proc}}
@proceedings{proc, title = {Proc}, booktitle = {Proceedings of X}, year = 1999}
)");
  REQUIRE(r.references.size() == 4);
  const auto& c = r.references[0];
  CHECK(c.type == "chapter");
  CHECK(c.get("title") == "Chapter");
  CHECK(c.get("container-title") == "Putin's Turn");
  CHECK(c.get("page") == "1-20");
  CHECK(c.names_of("editor").at(0).family == "Rozman");
  CHECK(c.get("publisher") == "Routledge");
  CHECK(c.get("publisher-place") == "London");
  CHECK(c.date_of("issued")->parts.at(0).year == 2024);
  CHECK(r.references[2].get("container-title") == "Proc");
  CHECK(r.diagnostics.empty());
}

TEST_CASE("a broken entry gets an error with its line; reading resumes at the next @") {
  auto r = read("@book{ok1, title = {One}}\n"
                "@book{broken, title = {Two\n"
                "  year = 2020,\n"
                "@book{ok2, title = {Three}}\n"
                "@book{nocomma, title = {Four}\n"
                "  year = 2020}\n"
                "@book{ok3, title = {Five}}\n");
  REQUIRE(r.references.size() == 3);
  CHECK(r.references[0].id == "ok1");
  CHECK(r.references[1].id == "ok2");
  CHECK(r.references[2].id == "ok3");
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == "bibtex.unbalanced-brace");
  CHECK(r.diagnostics[0].level == bicite::severity::error);
  CHECK(r.diagnostics[0].line == 2);
  CHECK(r.diagnostics[0].message == "unbalanced braces in field \"title\" of entry \"broken\"");
  CHECK(r.diagnostics[1].code == "bibtex.missing-comma");
  CHECK(r.diagnostics[1].line == 6);
  CHECK(r.diagnostics[1].message == "missing comma before \"year\" in entry \"nocomma\"");
}

TEST_CASE("an unclosed last entry, unknown macros, duplicate keys and fields are reported") {
  auto r = read("@book{a, title = {A}, publisher = nosuch}\n@book{a, title = {B}}\n@book{c, title = {C}, title = {D}}\n@book{d, title = {E\n");
  CHECK(r.references.size() == 2);
  std::vector<std::string> codes;
  for (const auto& d : r.diagnostics) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"bibtex.unknown-macro", "bibtex.duplicate-field", "bibtex.unbalanced-brace",
                                          "bibtex.duplicate-key"});
}

TEST_CASE("dates: EDTF ranges and seasons, year + month, biblatex urldate") {
  auto r = read(R"(@online{d, title = {T}, date = {2023-01/2023-02}, urldate = {2024-05-01}, url = {https://x.org/a\_b}}
@article{e, title = {T}, year = {2020}, month = {January}}
@article{f, title = {T}, date = {2021-22}})");
  REQUIRE(r.references.size() == 3);
  const auto* d = r.references[0].date_of("issued");
  REQUIRE(d);
  REQUIRE(d->parts.size() == 2);
  CHECK(d->parts[1] == bicite::date::part{2023, 2, 0});
  CHECK(r.references[0].date_of("accessed")->parts.at(0) == bicite::date::part{2024, 5, 1});
  CHECK(r.references[0].get("URL") == "https://x.org/a_b");
  CHECK(r.references[1].date_of("issued")->parts.at(0) == bicite::date::part{2020, 1, 0});
  CHECK(r.references[2].date_of("issued")->parts.at(0).month == 14);
}

TEST_CASE("hostile input: binary, invalid UTF-8, deep braces, lone @ — no crash, linear time") {
  std::string junk;
  for (int i = 0; i < 20000; ++i) junk += static_cast<char>((i * 7919) % 256);
  auto r1 = read(junk);
  (void)r1;
  std::string deep = "@book{x, title = " + std::string(100000, '{') + "}";
  auto r2 = read(deep);
  CHECK(r2.references.empty());
  CHECK_FALSE(r2.diagnostics.empty());
  std::string ats(100000, '@');
  auto r3 = read(ats);
  CHECK(r3.references.empty());
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "@book{k" + std::to_string(i) + ", title = {T}, crossref = {k" + std::to_string(i + 1) + "}}\n";
  auto r4 = read(many);
  CHECK(r4.references.size() == 2000);
  auto r5 = read("@book{\xFF\xFE, title = {\xC3}}");
  CHECK(r5.references.size() == 1);
}

TEST_CASE("brace nesting deeper than 256 levels: bibtex.too-deep with its line, the next entries still read") {
  const std::string ok_depth = "@book{ok, title = " + std::string(256, '{') + "T" + std::string(256, '}') + "}\n";
  auto r0 = read(ok_depth);
  REQUIRE(r0.references.size() == 1);
  CHECK(r0.references[0].get("title") == "T");
  CHECK(r0.diagnostics.empty());
  // 1 MB of opening braces, then more entries: no stack overflow, no quadratic time.
  const std::string deep = "@book{a, title = {A}}\n@book{deep,\n  title = " + std::string(1 << 20, '{') +
                           "\n}\n@book{b, title = {B}}\n@book{c, title = " + std::string(257, '{') + std::string(257, '}') +
                           "}\n@book{d, title = {D}}\n";
  auto r = read(deep);
  std::vector<std::string> ids;
  for (const auto& x : r.references) ids.push_back(x.id);
  CHECK(ids == std::vector<std::string>{"a", "b", "d"});
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == "bibtex.too-deep");
  CHECK(r.diagnostics[0].level == bicite::severity::error);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].message == "braces nested deeper than 256 levels in field \"title\" of entry \"deep\"");
  CHECK(r.diagnostics[1].code == "bibtex.too-deep");
  CHECK(r.diagnostics[1].line == 6);
  // The LaTeX decoder on deep input: no recursion to overflow.
  CHECK(bicite::bibtex::latex_to_unicode(std::string(1 << 20, '{') + "x" + std::string(1 << 20, '}')) == "x");
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "\\emph{";
  CHECK_NOTHROW((void)bicite::bibtex::latex_to_unicode(nested));
}

TEST_CASE("a .bib past limits::max_input_bytes is refused with input.too-large") {
  bicite_test::sparse_bytes huge(bicite::limits::max_input_bytes + 1);
  REQUIRE(huge.ok());
  const auto read = bicite::bibtex::read(huge.view());
  CHECK(read.references.empty());
  REQUIRE(read.diagnostics.size() == 1);
  CHECK(read.diagnostics[0].code == "input.too-large");
}
