// The document finder (lib/parse/seq/finder.cpp): which lines of a document are its list, and how
// parse_document reads a list inside an article.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <bicite/parse.hpp>

#include "parse/seq/seq.hpp"
#include "support.hpp"

namespace seq = bicite::parse::seq;

namespace {

// tests/parse/data/test-apa-refs.txt with its list markers ("1. ") removed: an APA article whose
// reference list is unnumbered, as APA lists are
std::string unnumbered_apa_article() {
  const std::string text = bicite_test::read_file(bicite_test::source_path("tests/parse/data/test-apa-refs.txt"));
  return std::regex_replace(text, std::regex("^[0-9]+\\. ", std::regex::multiline), "");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The text of an AnyStyle finder document (label | text lines), and its gold labels.
struct ttx {
  std::string text;
  std::vector<std::string> labels;
};

ttx read_ttx(const std::string& path) {
  ttx d;
  std::string label;
  for (const auto& line : lines_of(bicite_test::read_file(path))) {
    const auto bar = line.find('|');
    if (bar == std::string::npos) continue;
    std::string l = line.substr(0, bar);
    l.erase(l.find_last_not_of(' ') + 1);
    if (!l.empty()) label = l;
    std::string t = line.substr(bar + 1);
    if (!t.empty() && t[0] == ' ') t.erase(0, 1);
    for (std::size_t p; (p = t.find("&amp;")) != std::string::npos;) t.replace(p, 5, "&");
    d.text += t + "\n";
    d.labels.push_back(label);
  }
  return d;
}

}  // namespace

TEST_CASE("finder: what a line's shape says") {
  const auto heading = seq::line_finder::shape_of("1.3 References");
  CHECK(heading.list_heading);
  CHECK(heading.heading == "references");
  CHECK(seq::line_finder::shape_of("СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ").list_heading);
  CHECK(seq::line_finder::shape_of("Bibliography:").list_heading);
  CHECK(seq::line_finder::shape_of("## References").list_heading);
  CHECK(seq::line_finder::shape_of("**Список литературы**").list_heading);
  CHECK_FALSE(seq::line_finder::shape_of("#3D References").list_heading);
  CHECK_FALSE(seq::line_finder::shape_of("References to the earlier debate are few.").list_heading);
  CHECK(seq::line_finder::shape_of("Abrams, Burton A and Plamen Iossifov. 2006.").name_start);
  CHECK(seq::line_finder::shape_of("Иванов И. И. Название. М., 2020.").name_start);
  CHECK_FALSE(seq::line_finder::shape_of("The relationship between Russia and China").name_start);
  CHECK(seq::line_finder::shape_of("                                  141").only_number);
  CHECK(seq::line_finder::shape_of("- xii -").only_number);
  CHECK_FALSE(seq::line_finder::shape_of("141 pages").only_number);
  CHECK(seq::line_finder::shape_of("[12] Smith, J. Title.").marker);
  const auto item = seq::line_finder::shape_of("- Smith, J. (2020). Title.");
  CHECK(item.bullet);
  CHECK(item.name_start);
  CHECK(item.first == 'X');
  CHECK(seq::line_finder::shape_of("   ").blank);
  CHECK(seq::line_finder::shape_of("\t  Mangano and S. Brandani").indent == 6);
}

TEST_CASE("finder: an unnumbered reference list after its article is read from its lines only") {
  REQUIRE(seq::default_finder_model());
  const auto doc = bicite::parse::parse_document(unnumbered_apa_article());
  REQUIRE(doc.notes.size() == 30);
  CHECK(doc.notes.front().text.starts_with("Alimov, R. (2019). The Shanghai Cooperation Organisation"));
  // an entry ending with its DOI ends there: the next entry is a body's ("Asian Development Bank. (2022).")
  CHECK(doc.notes[1].text.starts_with("Asian Development Bank. (2022)."));
  CHECK(doc.notes.back().text.starts_with("Zhukov, A. V. (2023, November 28)."));
  for (const auto& n : doc.notes) {
    CHECK(n.citations.size() == 1);
    CHECK(n.text.find("Central Asian public opinion is best read") == std::string::npos);
  }
}

TEST_CASE("finder: a Markdown article, its list bulleted under \"## References\"") {
  const std::string article = unnumbered_apa_article();
  const auto at = article.find("References\n");
  REQUIRE(at != std::string::npos);
  const std::string md = article.substr(0, at) + "## References\n\n" +
                         std::regex_replace(article.substr(at + 11), std::regex("^([A-Z])", std::regex::multiline), "- $1");
  const auto doc = bicite::parse::parse_document(md);
  REQUIRE(doc.notes.size() == 30);
  CHECK(doc.notes.front().text.starts_with("Alimov, R. (2019)."));  // the bullet is not part of the entry
  CHECK(doc.notes.back().text.starts_with("Zhukov, A. V. (2023, November 28)."));
}

TEST_CASE("finder: a plain list stays one entry per line, with or without a heading") {
  // the list alone: the finder sees no article around it and is not used
  const std::string article = unnumbered_apa_article();
  const std::string list = article.substr(article.find("Alimov, R."));
  for (const std::string& text : {list, "References\n\n" + list}) {
    const auto doc = bicite::parse::parse_document(text);
    CAPTURE(text.substr(0, 12));
    CHECK(doc.notes.size() >= 30);
    // every entry starts a note of its own
    for (const auto& line : lines_of(list)) {
      if (line.empty() || line[0] < 'A' || line[0] > 'Z' || line.starts_with("https")) continue;
      bool found = false;
      for (const auto& n : doc.notes) found = found || n.text.starts_with(line.substr(0, 30));
      CHECK_MESSAGE(found, line);
    }
  }
}

TEST_CASE("finder: online decoding with a lag agrees with Viterbi over the whole document") {
  const auto* m = seq::default_finder_model();
  REQUIRE(m);
  const auto lines = lines_of(unnumbered_apa_article() + "\n" + unnumbered_apa_article());
  std::vector<std::string_view> views(lines.begin(), lines.end());
  seq::token_features f;
  seq::line_finder::document_features(views, f);
  std::vector<float> emis;
  m->emissions(f, emis);
  std::vector<int> best(lines.size());
  seq::viterbi(emis.data(), lines.size(), m->size(), m->start.data(), m->trans.data(), best.data());
  seq::line_finder online(m);
  for (const auto& l : lines) online.push(l);
  online.finish();
  std::vector<int> got(lines.size(), -1);
  const auto& runs = online.runs();
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (std::size_t i = runs[r].first; i < (r + 1 < runs.size() ? runs[r + 1].first : lines.size()); ++i) got[i] = runs[r].second;
  CHECK(got == best);
  std::size_t counted = 0;
  for (auto c : online.counts()) counted += c;
  CHECK(counted == lines.size());
}

TEST_SUITE("shared") {
  TEST_CASE("finder: real theses from AnyStyle's finder data (text taken from PDFs)") {
    const std::string dir = bicite_test::shared_path("training/anystyle/finder");
    if (!std::filesystem::is_directory(dir)) {
      MESSAGE("skipped: " << dir << " is missing");
      return;
    }
    SUBCASE("an author-date list with wrapped entries, after 6,000 lines of the thesis") {
      const auto d = read_ttx(dir + "/bb132pr2055.ttx");
      const auto doc = bicite::parse::parse_document(d.text);
      CHECK(doc.notes.size() >= 180);
      CHECK(doc.notes.size() <= 200);
      REQUIRE(!doc.notes.empty());
      CHECK(doc.notes.front().text ==
            "Abrams, Burton A and Plamen Iossifov. 2006. “Does the Fed contribute to a political business cycle?” "
            "Public Choice 129(3-4):249–262.");
      bool bagehot = false;
      for (const auto& n : doc.notes)
        bagehot = bagehot || n.text == "Bagehot, Walter. 1888. Lombard Street: A description of the money market. Kegan, Paul & Trench.";
      CHECK(bagehot);
    }
    SUBCASE("a numbered list goes on past page numbers and running heads") {
      const auto d = read_ttx(dir + "/bh989ww6442.ttx");
      const auto doc = bicite::parse::parse_document(d.text);
      REQUIRE(doc.notes.size() == 216);
      CHECK(doc.notes[10].number == 11);
      CHECK(doc.notes[10].text.starts_with("Douglas N Arnold, Franco Brezzi, Bernardo Cockburn, and L Donatella Marini."));
      CHECK(doc.notes[10].text.find("BIBLIOGRAPHY") == std::string::npos);
    }
    SUBCASE("a thesis whose body has a short numbered list: the reference list is still found") {
      const auto d = read_ttx(dir + "/bj581pc8202.ttx");
      const auto doc = bicite::parse::parse_document(d.text);
      CHECK(doc.notes.size() >= 120);
      REQUIRE(!doc.notes.empty());
      CHECK(doc.notes.front().text.starts_with("Akhbari, B., Takamjani, I.E., Salavati, M., Sanjari, M.A., 2007."));
    }
  }
}
