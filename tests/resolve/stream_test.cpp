// Streaming (bicite::resolve::stream) gives exactly what parse_document + resolve give: the same
// notes-JSONL byte for byte, the same bibliography, the same diagnostics (in another order),
// whatever the chunk size.
#include <doctest/doctest.h>

#include <bicite/csljson.hpp>
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include <algorithm>
#include <regex>
#include <tuple>

#include "parse/lines.hpp"
#include "support.hpp"

namespace {

struct both {
  std::string jsonl, stream_jsonl;
  std::string bib, stream_bib;
  std::vector<std::tuple<std::string, std::size_t, std::size_t, std::size_t, std::size_t>> diags, stream_diags;
  std::size_t cites = 0, stream_cites = 0;
};

using diag_key = std::tuple<std::string, std::size_t, std::size_t, std::size_t, std::size_t>;

both run_both(const std::string& text, std::size_t chunk) {
  both r;
  auto bib = bicite::resolve::resolve(bicite::parse::parse_document(text));
  r.jsonl = bicite::notes_jsonl::write(bib.document);
  r.bib = bicite::csljson::write(bib.references);
  r.cites = bib.cites.size();
  auto ds = bib.document.diagnostics;
  bicite::locate(ds, text);
  for (const auto& d : ds) r.diags.emplace_back(d.code, d.where.begin, d.where.end, d.line, d.column);
  const auto summary = bicite::resolve::stream(
      bicite::resolve::text_source(text, chunk),
      [&](const bicite::parse::parsed_note& n, const std::vector<bicite::resolve::cite>& cites) {
        bicite::notes_jsonl::append(r.stream_jsonl, n);
        r.stream_cites += cites.size();
      },
      [&](const bicite::diagnostic& d) { r.stream_diags.emplace_back(d.code, d.where.begin, d.where.end, d.line, d.column); });
  r.stream_bib = bicite::csljson::write(summary.references);
  std::sort(r.diags.begin(), r.diags.end());
  std::sort(r.stream_diags.begin(), r.stream_diags.end());
  return r;
}

void check_same(const std::string& text, std::size_t chunk, bool same_columns = true) {
  const auto r = run_both(text, chunk);
  CHECK(r.stream_jsonl == r.jsonl);
  CHECK(r.stream_bib == r.bib);
  CHECK(r.stream_cites == r.cites);
  if (same_columns) {
    CHECK(r.stream_diags == r.diags);
  } else {
    // with invalid UTF-8, bicite::locate counts columns in the raw bytes, the stream in the repaired line
    REQUIRE(r.stream_diags.size() == r.diags.size());
    for (std::size_t i = 0; i < r.diags.size(); ++i) {
      CHECK(std::get<0>(r.stream_diags[i]) == std::get<0>(r.diags[i]));
      CHECK(std::get<1>(r.stream_diags[i]) == std::get<1>(r.diags[i]));
    }
  }
}

// A document mixing what the note finder and the resolver must agree on: article text with a
// numbered list before the notes, continuation lines, blank lines inside and after notes, CRLF,
// NBSP, Ibid., short forms, op. cit., a skipped number, and text after the notes.
std::string generated_document(const std::vector<bicite::parse::note_text>& sample, std::size_t notes) {
  std::string d = "A title\n\nSome article text with a list:\n1. first point\n2. second point\n\nMore text.\n\nNotes\n\n";
  std::size_t n = 1;
  for (std::size_t i = 0; n <= notes; ++i) {
    const std::string& t = sample[(i * 7) % sample.size()].text;
    if (n == 40) ++n;  // a skipped number
    std::string marker = std::to_string(n) + (i % 5 == 0 ? ")  " : ".  ");
    switch (i % 9) {
      case 0: d += marker + "Ibid., " + std::to_string(i) + ".\n"; break;
      case 1: {  // wrapped over two lines
        const auto cut = t.find(' ', t.size() / 2);
        d += marker + t.substr(0, cut) + "\n" + (cut == std::string::npos ? "" : t.substr(cut + 1)) + "\n\n";
        break;
      }
      case 2: d += marker + t + "\r\n"; break;
      case 3: d += marker + "Там же. С. " + std::to_string(i) + ".\n\n"; break;
      case 4: d += marker + "Belton, “Russia projects confidence,” 5.\n"; break;
      case 5: d += marker + "Иванов И. И. Указ. соч. С. 45.\n"; break;
      case 6: d += marker + t + "\xC2\xA0" + "\n"; break;
      default: d += marker + t + "\n"; break;
    }
    ++n;
  }
  d += "\nAbout the author. Someone writes about things.\n";
  return d;
}

std::vector<bicite::parse::note_text> sample_notes() {
  return bicite::parse::find_notes(
             bicite_test::read_file(bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt")))
      .notes;
}

}  // namespace

TEST_CASE("stream: the gold sample gives the same notes-JSONL, bibliography and diagnostics, in any chunk size" * doctest::test_suite("shared")) {
  const std::string text = bicite_test::read_file(bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt"));
  for (std::size_t chunk : {std::size_t{1}, std::size_t{13}, std::size_t{4096}, std::size_t{1} << 20}) {
    CAPTURE(chunk);
    check_same(text, chunk);
  }
  // the scored output of the stream is the non-streaming one
  std::string out;
  bicite::resolve::stream(bicite::resolve::file_source(bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt"), 1000),
                          [&](const bicite::parse::parsed_note& n, const auto&) { bicite::notes_jsonl::append(out, n); });
  CHECK(out == bicite::notes_jsonl::write(bicite::resolve::resolve(bicite::parse::parse_document(text)).document));
}

TEST_CASE("stream: a generated document of 600 notes is identical byte for byte") {
  const auto sample = sample_notes();
  REQUIRE(sample.size() > 50);
  const std::string doc = generated_document(sample, 600);
  for (std::size_t chunk : {std::size_t{97}, std::size_t{1} << 16}) {
    CAPTURE(chunk);
    check_same(doc, chunk);
  }
  const auto r = run_both(doc, 4096);
  CHECK(std::count(r.jsonl.begin(), r.jsonl.end(), '\n') == 599);  // one number skipped
}

TEST_CASE("stream: an unnumbered list inside an article (read with the document finder) is found the same") {
  // tests/parse/data/test-apa-refs.txt with its list markers removed: the finder decides which lines are the list
  const std::string text = std::regex_replace(
      bicite_test::read_file(bicite_test::source_path("tests/parse/data/test-apa-refs.txt")),
      std::regex("^[0-9]+\\. ", std::regex::multiline), "");
  REQUIRE(bicite::parse::parse_document(text).notes.size() == 30);
  for (std::size_t chunk : {std::size_t{5}, std::size_t{4096}}) {
    CAPTURE(chunk);
    check_same(text, chunk);
  }
}

TEST_CASE("stream: Markdown footnotes, reference lists, odd input") {
  const auto sample = sample_notes();
  std::string md = "Text[^1] and more[^a].\n\n";
  for (std::size_t i = 0; i < 40; ++i) {
    md += "[^" + (i % 3 == 0 ? std::string("n") + std::to_string(i) : std::to_string(i + 1)) + "]: " + sample[i].text + "\n";
    if (i % 4 == 0) md += "    continued, 2021.\n";
    if (i % 6 == 0) md += "\nA paragraph between footnotes.\n\n";
  }
  check_same(md, 50);
  std::string list;
  for (std::size_t i = 0; i < 40; ++i) list += sample[i].text + (i % 5 == 0 ? "\n  and a continuation line\n" : "\n");
  check_same(list, 33);
  check_same("", 10);
  check_same("\n\n   \n", 1);
  check_same("just one line without a number", 4);
  check_same("1. Alpha, “T,” 2020.\n2. Ibid.\n4. Beta, “U,” 2021.\n1. Gamma.\n2. Delta.\n", 5);  // the longer run wins
  check_same("one very long line " + std::string(30000, 'x') + " end", 1000);
  // invalid UTF-8 and NUL bytes: same notes; columns may differ (see check_same)
  std::string bad = "1. Smith, “A \xFF\xFE Title,” Venue, 2020.\n2. \xD0\n3. Ibid.\x00 x\n";
  bad += std::string("4. ") + "\xE2\x80" + "\n";
  for (int i = 0; i < 120; ++i) bad += std::to_string(5 + i) + ". Bad \xC3 byte, “T" + std::to_string(i) + ",” 2020.\n";
  check_same(bad, 3, false);
}

TEST_CASE("stream: the resolver's index grows with distinct works, not with notes") {
  const auto sample = sample_notes();
  std::string doc;
  for (std::size_t i = 0; i < 2000; ++i) doc += std::to_string(i + 1) + ". " + sample[i % sample.size()].text + "\n";
  std::size_t notes = 0, max_text = 0;
  const auto s = bicite::resolve::stream(bicite::resolve::text_source(doc),
                                         [&](const bicite::parse::parsed_note& n, const auto&) {
                                           ++notes;
                                           max_text = std::max(max_text, n.text.size());
                                         });
  CHECK(notes == 2000);
  CHECK(s.notes == 2000);
  CHECK(s.bytes == doc.size());
  CHECK(s.references.size() < 100);  // the sample's works, each once
}

#ifdef BICITE_EXE
TEST_CASE("bicite convert streams notes: same JSONL as the API, from a file and from standard input") {
  const auto sample = sample_notes();
  const std::string doc = generated_document(sample, 300);
  const std::string path = std::string(BICITE_BINARY_DIR) + "/stream_test_notes.txt";
  bicite_test::write_file(path, doc);
  const auto bib = bicite::resolve::resolve(bicite::parse::parse_document(doc));
  const std::string expected = bicite::notes_jsonl::write(bib.document);
  const auto file = bicite_test::run(std::string(BICITE_EXE) + " convert " + path + " --to notes-jsonl 2>/dev/null");
  CHECK(file.out == expected);
  const auto in = bicite_test::run("cat " + path + " | " + std::string(BICITE_EXE) + " convert - --from notes --to notes-jsonl 2>/dev/null");
  CHECK(in.out == expected);
  const auto csl = bicite_test::run(std::string(BICITE_EXE) + " convert " + path + " --to csl-json 2>/dev/null");
  CHECK(csl.out == bicite::csljson::write(bib.references));
  const auto diag = bicite_test::run(std::string(BICITE_EXE) + " convert " + path + " --to csl-json 2>&1 >/dev/null");
  CHECK(diag.out.find("[parse.missing-note]") != std::string::npos);
}
#endif

// A reference list: the pages after each work are its own. Entries are real references of AnyStyle's
// labelled data (../shared/training/anystyle, BSD 2-Clause), numbered as a list.
TEST_CASE("a reference list gives each work its pages, notes keep the page cited; stream and document agree") {
  const std::string list =
      "1. W. H. Enright. Improving the efficiency of matrix operations in the numerical solution of stiff ordinary differential equations. ACM Trans. Math. Softw., 4(2), 127-136, June 1978.\n"
      "2. Marc Shapiro and Susan Horwitz. Fast and accurate flow-insensitive points-to analysis. In Proceedings of the 24th Annual ACM Symposium on Principles of Programming Languages, January 1997.\n"
      "3. Johnson, Richard. \xE2\x80\x9CWhat Is Cultural Studies Anyway?\xE2\x80\x9D Social Text 16 (1986\xE2\x80\x93" "87): 36\xE2\x80\x93" "80.\n"
      "4. Paul Hilts, \xE2\x80\x9CLocking in with LockStream,\xE2\x80\x9D Publishers Weekly, July 3, 2000, 27.\n"
      "5. Anderson, James E. and Maurizio Zanardi. \xE2\x80\x9CPolitical Pressure Deflection,\xE2\x80\x9D Public Choice 141, 1\xE2\x80\x93" "2 (2009): 129\xE2\x80\x93" "150.\n"
      "6. Spinner, J. (1994). The Boundaries of Citizenship. Race, Ethnicity, and Nationality in the Liberal State. Baltimore and London: John Hopkins University Press.\n"
      "7. Zhang, G., Weirauch, C., 2013. Sticky predators: a comparative study of sticky glands in harpactorine assassin bugs (Insecta: Hemiptera: Reduviidae). Acta Zool. 94,1\xE2\x80\x93" "10.\n"
      "8. Caze, Robert. \"Preface.\" Sur le vif: vers impressionistes. By Ajalbert. Paris: Tresse & Stock, 1886. 5\xE2\x80\x93" "8. Web.\n"
      "9. D. J. Coleman, \xE2\x80\x9CUnified model for accommodative mechanism,\xE2\x80\x9D Am. J. Ophthalmol., vol. 69, no. 6, pp. 1063\xE2\x80\x93" "1079, 1970.\n";
  const auto doc = bicite::parse::parse_document(list);
  CHECK(bicite::parse::detail::looks_like_reference_list(doc.notes));
  CHECK(doc.reference_list);
  // read as a list, note 3's first words are part of its work, not commentary
  CHECK(doc.notes.at(0).commentary.empty());
  auto bib = bicite::resolve::resolve(bicite::parse::parse_document(list));
  // note 4: "Publishers Weekly, July 3, 2000, 27." — in a list, 27 is the article's page
  const auto& hilts = bib.document.notes.at(3).citations.at(0);
  CHECK(hilts.item.get("page") == "27");
  CHECK_FALSE(hilts.item.has("volume"));  // the parser read the one number as volume and page cited
  CHECK(hilts.locator.empty());
  for (const auto& c : bib.cites) CHECK(c.locator.empty());
  // the streamed reading is the same
  const auto r = run_both(list, 64);
  CHECK(r.stream_jsonl == r.jsonl);
  CHECK(r.stream_bib == r.bib);

  // notes that cite in short after a full citation are notes: the page after a work is the page cited
  const std::string notes = bicite_test::read_file(bicite_test::source_path("tests/parse/data/dev-chicago.txt"));
  CHECK_FALSE(bicite::parse::detail::looks_like_reference_list(bicite::parse::parse_document(notes).notes));
  // and fewer than 8 entries decide nothing
  std::vector<bicite::parse::parsed_note> few(doc.notes.begin(), doc.notes.begin() + 7);
  CHECK_FALSE(bicite::parse::detail::looks_like_reference_list(few));
}
