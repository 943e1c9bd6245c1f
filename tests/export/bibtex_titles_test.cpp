// Case protection of titles and page ranges in .bib files, and reading them back. The titles are
// those of the bundled notes (examples/data/weitz-2024-view-from-russia.txt) unless said otherwise.
#include <doctest/doctest.h>

#include <bicite/bibtex.hpp>
#include <bicite/csljson.hpp>

#include "export/sample.hpp"
#include "support.hpp"

namespace {

bicite::reference item(const std::string& title, const std::string& language, const std::string& page = "") {
  nlohmann::json j = {{"id", "x"}, {"type", "article-journal"}, {"title", title}, {"container-title", "Global Times"}};
  if (!language.empty()) j["language"] = language;
  if (!page.empty()) j["page"] = page;
  std::vector<bicite::diagnostic> d;
  auto r = bicite::from_csl_json(j, d);
  REQUIRE(d.empty());
  return r;
}

// The content of `field` as written for the one item.
std::string field(const bicite::reference& r, std::string_view name, bicite::bibtex::write_options o = {}) {
  const std::string out = bicite::bibtex::write({r}, o);
  const std::string head = "  " + std::string(name) + " = {";
  const auto b = out.find(head);
  if (b == std::string::npos) return "(none)";
  const auto e = out.find("},\n", b);
  return out.substr(b + head.size(), e - b - head.size());
}

std::string title(const std::string& t, const std::string& language = "en") { return field(item(t, language), "title"); }
std::string pages(const std::string& p, bicite::bibtex::write_options o = {}) { return field(item("T", "en", p), "pages", o); }

}  // namespace

TEST_CASE("case protection, title case: acronyms, listed proper nouns and a subtitle's first word; never punctuation") {
  // biblatex's \MakeSentenceCase* would make "Moscow," lower case and keep "{Convenience:}" as it is.
  CHECK(title("Axis of Convenience: Moscow, Beijing, and the New Geopolitics of NATO") ==
        "Axis of Convenience: {Moscow}, {Beijing}, and the New Geopolitics of {NATO}");
  CHECK(title("The New China-Russia Alignment: Critical Challenges to U.S. Security") ==
        "The New {China-Russia} Alignment: {Critical} Challenges to {U.S.} Security");
  CHECK(title("Xi and Putin Reject U.S. ‘Interference,’ Hail Ties") ==
        "Xi and {Putin} Reject {U.S.} ‘Interference,’ Hail Ties");
  CHECK(title("Institutionalization of BRICS: From Literature Review to Making Reality") ==
        "Institutionalization of {BRICS}: {From} Literature Review to Making Reality");
  CHECK(title("China’s Position on Increasing Military Cooperation between North Korea and Russia") ==
        "China’s Position on Increasing Military Cooperation between {North Korea} and {Russia}");
  CHECK(title("Joint Statement of the Russian Federation and the People’s Republic of China on the International "
              "Relations Entering a New Era and the Global Sustainable Development") ==
        "Joint Statement of the {Russian Federation} and the {People’s Republic} of {China} on the International "
        "Relations Entering a New Era and the Global Sustainable Development");
  CHECK(title("China’s Foreign-Policy Strategy in the South Caucasus — a Transit Window to Europe?") ==
        "China’s Foreign-Policy Strategy in the {South Caucasus} — a Transit Window to {Europe}?");
  CHECK(title("A View from Russia") == "A View from {Russia}");
  // Not from the sample: the pronoun and the numeral I, and a listed phrase next to them.
  CHECK(title("What I Saw in World War I") == "What {I} Saw in {World War I}");
}

TEST_CASE("case protection, sentence case: every capitalised word but the first is a proper noun") {
  CHECK(title("Close ties between Russia and China are crucial for global and regional stability: Russian envoy") ==
        "Close ties between {Russia} and {China} are crucial for global and regional stability: {Russian} envoy");
  // One lower-case content word is enough to show sentence case; neighbours share one pair of braces.
  CHECK(title("Telephone conversation with President of China Xi Jinping") ==
        "Telephone conversation with {President} of {China Xi Jinping}");
  CHECK(title("Decisions of G7 Hiroshima summit aimed at containing both Russia and China — Lavrov") ==
        "Decisions of {G7 Hiroshima} summit aimed at containing both {Russia} and {China} — {Lavrov}");
  CHECK(title("Far eastern regions of RF in modern Russian-Chinese cooperation") ==
        "Far eastern regions of {RF} in modern {Russian-Chinese} cooperation");
  // The first word keeps its capital anyway; a possessive stays with its word.
  CHECK(title("Russia opens research centre on Xi Jinping’s ideology, the first outside China") ==
        "Russia opens research centre on {Xi Jinping’s} ideology, the first outside {China}");
  CHECK(title("Moscow ‘firmly supports’ Beijing’s ‘national reunification’ measures") ==
        "Moscow ‘firmly supports’ {Beijing’s} ‘national reunification’ measures");
}

TEST_CASE("case protection: acronyms, inner capitals and letters with digits, whatever the case of the title") {
  CHECK(title("BRICS Plus after the 2023 ‘Expansion Summit’") == "{BRICS} Plus after the 2023 ‘Expansion Summit’");
  // Not from the sample: the kinds of words the rule names.
  CHECK(title("iPhone sales, McDonald’s exit and the COVID-19 slump") ==
        "{iPhone} sales, {McDonald’s} exit and the {COVID-19} slump");
  CHECK(title("The St. Petersburg forum: Su-27 deals") == "The {St}. {Petersburg} forum: {Su-27} deals");
  // --ascii: accents inside the braces, punctuation outside.
  bicite::bibtex::write_options o;
  o.ascii = true;
  CHECK(field(item("Debates on Prévost, Gödel and modern Russia", "en"), "title", o) ==
        "Debates on {Pr{\\'e}vost}, {G{\\\"o}del} and modern {Russia}");
  // In title case the same names are not in the list, so they are left to the style.
  CHECK(field(item("Debates on Prévost, Gödel and Russia", "en"), "title", o) ==
        "Debates on Pr{\\'e}vost, G{\\\"o}del and {Russia}");
}

TEST_CASE("case protection: titles in Russian (and other languages) get no braces") {
  // biblatex changes case only for the languages of \DeclareCaseLangs (English ones).
  CHECK(title("Американо-китайское соперничество в АТР: декларации и реальность", "ru") ==
        "Американо-китайское соперничество в АТР: декларации и реальность");
  CHECK(title("США и Китай: идти или жевать жвачку?", "ru") == "США и Китай: идти или жевать жвачку?");
  CHECK(title("Американское давление на Китай и возможности альянса Chip-4", "ru") ==
        "Американское давление на Китай и возможности альянса Chip-4");
  CHECK(title("Россия и НАТО в Азии", "") == "Россия и НАТО в Азии");  // no language: by script
}

TEST_CASE("pages: the BibTeX range dash and full page numbers at both ends") {
  CHECK(pages("101–19") == "101--119");
  CHECK(pages("23-34") == "23--34");
  CHECK(pages("23--34") == "23--34");
  CHECK(pages("1234 – 56") == "1234--1256");
  CHECK(pages("190-9") == "190--199");
  CHECK(pages("195-3") == "195--3");  // 193 would end before the start: as written
  CHECK(pages("xii-xv") == "xii--xv");
  CHECK(pages("S10-12") == "S10--12");
  CHECK(pages("45") == "45");
  CHECK(pages("101–19, 130–35") == "101--119, 130--135");
  bicite::bibtex::write_options classic;
  classic.target = bicite::bibtex::dialect::bibtex;
  classic.ascii = true;
  CHECK(pages("101–19", classic) == "101--119");
}

TEST_CASE("round trip: braces and range dashes read back as the title and the full range") {
  const std::vector<std::string> titles = {
      "Axis of Convenience: Moscow, Beijing, and the New Geopolitics of NATO",
      "Close ties between Russia and China are crucial for global and regional stability: Russian envoy",
      "Xi and Putin Reject U.S. ‘Interference,’ Hail Ties",
      "iPhone sales, McDonald’s exit and the COVID-19 slump",
      "Американо-китайское соперничество в АТР: декларации и реальность"};
  for (auto target : {bicite::bibtex::dialect::biblatex, bicite::bibtex::dialect::bibtex})
    for (bool ascii : {false, true})
      for (const auto& t : titles) {
        INFO(t, " ascii=", ascii);
        bicite::bibtex::write_options o;
        o.target = target;
        o.ascii = ascii;
        const auto back = bicite::bibtex::read(bicite::bibtex::write({item(t, "", "101–19")}, o));
        REQUIRE(back.references.size() == 1);
        CHECK(back.diagnostics.empty());
        // --ascii writes ‘ ’ as ` ' (T1 ligatures), which read back as themselves.
        std::string expected = t;
        if (ascii)
          for (auto [from, to] : {std::pair{"‘", "`"}, std::pair{"’", "'"}})
            for (std::size_t at; (at = expected.find(from)) != std::string::npos;) expected.replace(at, 3, to);
        CHECK(back.references[0].get("title") == expected);
        CHECK(back.references[0].get("page") == "101-119");
      }
}

TEST_CASE("case protection on the sample: no brace group starts or ends with punctuation" * doctest::test_suite("shared")) {
  const std::string out = bicite::bibtex::write(bicite_test::gold_sample());
  const std::string_view punct[] = {",", ":", ";", "!", "?", "(", ")", "\"", "“", "”", "‘", "’", "«", "»", "—", "–"};
  int groups = 0;
  for (std::size_t line = 0; line < out.size();) {
    std::size_t end = out.find('\n', line);
    if (end == std::string::npos) end = out.size();
    const std::string_view l(out.data() + line, end - line);
    line = end + 1;
    if (!l.starts_with("  title = {") && !l.starts_with("  titleaddon = {") && !l.starts_with("  booktitle = {")) continue;
    const std::string_view v = l.substr(l.find('{') + 1);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] != '{' || (i > 0 && v[i - 1] == '\\')) continue;
      const auto close = v.find('}', i);
      const std::string_view g = v.substr(i + 1, close - i - 1);
      if (g.empty()) continue;  // \textbraceleft{}
      ++groups;
      INFO(l);
      for (auto p : punct) {
        CHECK_FALSE(g.starts_with(p));
        CHECK_FALSE(g.ends_with(p));
      }
    }
  }
  CHECK(groups > 30);
}
