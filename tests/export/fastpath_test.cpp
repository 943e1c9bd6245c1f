// The export stage's fast paths against the slow way of doing the same thing, on the generated
// corpus and on random bytes: escaping copies runs of plain text whole (it must equal escaping one
// code point at a time); decoding folds white space as it writes (it must equal decoding, then
// folding); reading keeps one-piece values as views of the input (it must equal reading a copy
// where every value is a # concatenation).
#include <doctest/doctest.h>

#include <bicite/bibtex.hpp>
#include <bicite/text.hpp>

#include "export/corpus.hpp"
#include "export/latex_escape.hpp"

namespace {

using namespace bicite::detail::bib;

std::string escape_slowly(std::string_view s, bool ascii) {
  std::string out;
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    bicite::text::next_code_point(s, pos);
    out += escape(s.substr(start, pos - start), ascii);
  }
  return out;
}

std::vector<std::string> samples() {
  std::vector<std::string> out;
  for (const auto& r : bicite_test::generate_corpus(2000, 11)) {
    out.emplace_back(r.get("title"));
    out.emplace_back(r.get("container-title"));
    for (const auto& n : r.names_of("author")) out.push_back(n.family + " " + n.given + n.literal);
  }
  bicite_test::corpus_rng rng(5);
  for (int i = 0; i < 2000; ++i) {
    std::string junk;
    const std::size_t n = rng.below(40);
    for (std::size_t k = 0; k < n; ++k) {
      const auto pick = rng.below(10);
      if (pick < 3) junk += static_cast<char>(rng.below(256));
      else if (pick < 5) junk += "{}\\~^%&#_$ \t\n-`'"[rng.below(17)];
      else if (pick < 7) junk += "жё–—“”\u00A0é\xEF\xBF\xBD"[rng.below(8)];
      else junk += static_cast<char>('a' + rng.below(26));
    }
    out.push_back(junk);
  }
  return out;
}

}  // namespace

TEST_CASE("escape_into (runs copied whole) equals escaping one code point at a time") {
  for (const auto& s : samples())
    for (bool ascii : {false, true}) {
      INFO(s);
      CHECK(escape(s, ascii) == escape_slowly(s, ascii));
      std::string appended = "prefix";
      escape_into(appended, s, ascii);
      CHECK(appended == "prefix" + escape(s, ascii));
      std::string caps = "p";
      escape_protecting_capitals_into(caps, s, ascii);
      CHECK(caps == "p" + escape_protecting_capitals(s, ascii));
    }
}

TEST_CASE("decode folds white space as it writes: no space at either end or twice, appending is concatenation") {
  for (const auto& s : samples()) {
    INFO(s);
    const std::string d = decode(s);
    CHECK(d.find("  ") == std::string::npos);
    if (!d.empty()) {
      CHECK(d.front() != ' ');
      CHECK(d.back() != ' ');
    }
    CHECK(d.find('\n') == std::string::npos);
    CHECK(d.find('\t') == std::string::npos);
    std::string appended = "x";
    decode_into(appended, s);
    CHECK(appended == "x" + d);
    // decoding the LaTeX that escape writes gives the text back, white space folded
    const std::string back = decode(escape(s, false));
    std::string folded;
    bool space = false;
    for (char c : s) {
      const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      if (ws) {
        space = true;
        continue;
      }
      if (space && !folded.empty()) folded += ' ';
      space = false;
      folded += c;
    }
    if (bicite::text::is_valid_utf8(s) && s.find_first_of("~") == std::string::npos) {
      bool control = false;
      for (unsigned char c : s) control = control || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
      if (!control && folded.find("--") == std::string::npos && folded.find("``") == std::string::npos &&
          folded.find("''") == std::string::npos)
        CHECK(back == folded);
    }
  }
}

TEST_CASE("reading values as views of the input equals reading them through # concatenation") {
  const auto items = bicite_test::generate_corpus(3000, 13);
  const std::string bib = bicite::bibtex::write(items);
  // "field = {value}," → "field = {value} # {},": every value goes through the concatenating reader.
  std::string concatenated;
  concatenated.reserve(bib.size() * 2);
  for (std::size_t i = 0; i < bib.size(); ++i) {
    if (bib[i] == '}' && i + 2 < bib.size() && bib[i + 1] == ',' && bib[i + 2] == '\n') {
      concatenated += "} # {}";
      continue;
    }
    concatenated += bib[i];
  }
  const auto a = bicite::bibtex::read(bib);
  const auto b = bicite::bibtex::read(concatenated);
  REQUIRE(a.references.size() == items.size());
  REQUIRE(b.references.size() == items.size());
  CHECK(b.diagnostics.size() == a.diagnostics.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(a.references[i].fields == b.references[i].fields);
    CHECK(a.references[i].type == b.references[i].type);
    CHECK(a.references[i].names.size() == b.references[i].names.size());
  }
}

TEST_CASE("reading entry by entry equals reading the whole file first (the path crossref and xdata need)") {
  // "crossref =" anywhere (here in a trailing @comment, which adds nothing) sends the reader down the
  // path that keeps every entry's fields until the end; without it each entry is converted at once.
  const auto items = bicite_test::generate_corpus(3000, 17);
  std::string bib = "@misc{broken, title = {x}\n" + bicite::bibtex::write(items);
  bib += "@article{twice, title = {First}}\n@article{twice, title = {Second}}\n";
  const auto streamed = bicite::bibtex::read(bib);
  const auto whole = bicite::bibtex::read(bib + "\n@comment{crossref = {none}}\n");
  REQUIRE(streamed.references.size() == items.size() + 1);
  REQUIRE(whole.references.size() == streamed.references.size());
  REQUIRE(whole.diagnostics.size() == streamed.diagnostics.size());
  for (std::size_t i = 0; i < streamed.diagnostics.size(); ++i) {
    CHECK(whole.diagnostics[i].code == streamed.diagnostics[i].code);
    CHECK(whole.diagnostics[i].where.begin == streamed.diagnostics[i].where.begin);
  }
  for (std::size_t i = 0; i < streamed.references.size(); ++i) {
    const auto& a = streamed.references[i];
    const auto& b = whole.references[i];
    CHECK(a.id == b.id);
    CHECK(a.type == b.type);
    CHECK(a.fields == b.fields);
    CHECK(a.names.size() == b.names.size());
    CHECK(a.dates.size() == b.dates.size());
    CHECK(a.variants.size() == b.variants.size());
  }
}

TEST_CASE("the keys written in place after make_unique are make_keys' keys, in order") {
  for (const char* pattern : {"[auth:lower][year][title:lower]", "[auth]", "[year]"}) {
    bicite::bibtex::write_options o;
    o.key_pattern = pattern;
    const auto items = bicite_test::generate_corpus(4000, 19);
    const std::string bib = bicite::bibtex::write(items, o);
    const auto keys = bicite::bibtex::make_keys(items, o);
    std::size_t i = 0;
    for (std::size_t at = bib.find('@'); at != std::string::npos; at = bib.find("\n@", at + 1)) {
      if (bib[at] == '\n') ++at;
      const std::size_t open = bib.find('{', at), comma = bib.find(",\n", open);
      REQUIRE(i < keys.size());
      CHECK(bib.substr(open + 1, comma - open - 1) == keys[i]);
      ++i;
    }
    CHECK(i == items.size());
    CHECK(bicite::bibtex::read(bib).references.size() == items.size());  // and the text around them is intact
  }
}
