// The bicite command as a user runs it: exit codes, stdin/stdout, -o, diagnostics on stderr.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "support.hpp"

using bicite_test::run;

namespace {
const std::string exe = BICITE_EXE;
// A folder of this run's own, removed at exit: two test runs at once (two build trees) must not share files.
const std::filesystem::path& temp_dir() {
  struct folder {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("bicite_cli_test_" + std::to_string(::getpid()));
    folder() { std::filesystem::create_directories(path); }
    ~folder() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const folder dir;
  return dir.path;
}
std::string temp_path(const std::string& name) { return (temp_dir() / name).string(); }
}  // namespace

TEST_CASE("--version and --help") {
  auto version = run(exe + " --version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("bicite 0.1.0") != std::string::npos);
  auto help = run(exe + " --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("convert") != std::string::npos);
  CHECK(run(exe + " convert --help").exit_code == 0);
}

TEST_CASE("every subcommand has --help") {
  auto help = run(exe + " --help");
  const auto pos = help.out.find("Subcommands:");
  REQUIRE(pos != std::string::npos);
  std::size_t line_start = help.out.find('\n', pos);
  int checked = 0;
  while (line_start != std::string::npos && line_start + 1 < help.out.size()) {
    const std::size_t end = help.out.find('\n', line_start + 1);
    std::string line = help.out.substr(line_start + 1, end - line_start - 1);
    line_start = end;
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos) break;
    const std::string name = line.substr(first, line.find(' ', first) - first);
    CHECK_MESSAGE(run(exe + " " + name + " --help").exit_code == 0, name);
    ++checked;
  }
  CHECK(checked >= 1);
}

TEST_CASE("usage errors exit with 2") {
  CHECK(run(exe + " 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " no-such-command 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " convert --to no-such-format - </dev/null 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " convert --from no-such-format - </dev/null 2>/dev/null").exit_code == 2);
}

TEST_CASE("convert csl-json to csl-json through stdin and stdout") {
  const std::string in = temp_path("in.json");
  bicite_test::write_file(in, R"([{"id":"a","type":"book","title":"Книга","issued":{"date-parts":[[2023]]}}])");
  auto r = run(exe + " convert --from csl-json --to csl-json - < " + in);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"title\": \"Книга\"") != std::string::npos);
  // The format is inferred from the file name; -o writes a file.
  const std::string out = temp_path("out.json");
  CHECK(run(exe + " convert " + in + " --to csl-json -o " + out).exit_code == 0);
  CHECK(bicite_test::read_file(out).find("\"id\": \"a\"") != std::string::npos);
  std::remove(in.c_str());
  std::remove(out.c_str());
}

TEST_CASE("input problems are reported on stderr with line and column, and exit 1") {
  const std::string in = temp_path("bad.json");
  bicite_test::write_file(in, "[\n{\"id\":\"a\",\"type\":\"book\"},\n{\"id\": }\n]");
  auto r = run(exe + " convert " + in + " --to csl-json 2>&1 >/dev/null");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(in + ":3:") != std::string::npos);
  CHECK(r.out.find("[csl-json.syntax]") != std::string::npos);
  auto good = run(exe + " convert " + in + " --to csl-json 2>/dev/null");
  CHECK(good.out.find("\"id\": \"a\"") != std::string::npos);  // the good item is still converted
  CHECK(run(exe + " convert /no/such/file.json --to csl-json 2>/dev/null").exit_code == 1);
  std::remove(in.c_str());
}

// --- The user's files: in-place output, encodings, failed writes, wrong input, conventions. ---

namespace {
const std::string sample = bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt");

std::string copy_of_sample(const std::string& name) {
  const std::string path = temp_path(name);
  bicite_test::write_file(path, bicite_test::read_file(sample));
  return path;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("-o may name the input: the notes file is replaced by its conversion, never wiped") {
  for (const std::string to : {"notes-jsonl", "csl-json", "biblatex", "ris"}) {
    const std::string notes = copy_of_sample("inplace_" + to + ".txt");
    const std::string expected = run(exe + " convert " + sample + " --from notes --to " + to + " 2>/dev/null").out;
    REQUIRE(expected.size() > 1000);
    const auto r = run(exe + " convert " + notes + " --to " + to + " -o " + notes + " 2>/dev/null");
    CHECK_MESSAGE(r.exit_code == 0, to);
    CHECK_MESSAGE(bicite_test::read_file(notes) == expected, to);
    std::remove(notes.c_str());
  }
  // No temporary file is left beside the target.
  const auto left = run("ls -a " + temp_dir().string() + " | grep -c '^[.].*[.]bicite-' || true");
  CHECK(left.out == "0\n");
}

TEST_CASE("notes in windows-1251, KOI8-R, UTF-16 and UTF-8 with a BOM give the CSL-JSON of the UTF-8 text") {
  // Each encoding holds only part of the sample's characters (KOI8-R has no « » or “ ”): the text
  // is encoded with iconv -c and decoded back, and bicite must read the encoded file exactly as
  // the UTF-8 text of the same characters.
  if (run("iconv --version >/dev/null 2>&1").exit_code != 0) {
    FAIL("iconv (libc-bin) is needed to make the encoded inputs");
  }
  struct variant {
    std::string iconv_name, label;
    bool bom;
  };
  for (const auto& v : std::vector<variant>{{"WINDOWS-1251", "windows-1251", false},
                                            {"KOI8-R", "KOI8-R", false},
                                            {"UTF-16LE", "UTF-16LE", true},
                                            {"UTF-16BE", "UTF-16BE", true},
                                            {"UTF-8", "UTF-8", true}}) {
    const std::string encoded = temp_path("enc_" + v.label + ".txt");
    const std::string same = temp_path("enc_" + v.label + ".utf8.txt");
    std::string bytes = run("iconv -c -f UTF-8 -t " + v.iconv_name + " " + sample).out;
    std::string bom;
    if (v.bom) bom = v.iconv_name == "UTF-16LE" ? "\xFF\xFE" : v.iconv_name == "UTF-16BE" ? "\xFE\xFF" : "\xEF\xBB\xBF";
    bicite_test::write_file(encoded, bom + bytes);
    bicite_test::write_file(same + ".raw", bytes);
    bicite_test::write_file(same, run("iconv -f " + v.iconv_name + " -t UTF-8 " + same + ".raw").out);
    const auto want = run(exe + " convert " + same + " --to csl-json 2>/dev/null");
    const auto got = run(exe + " convert " + encoded + " --to csl-json 2>" + encoded + ".err");
    const std::string err = bicite_test::read_file(encoded + ".err");
    CHECK_MESSAGE(got.exit_code == want.exit_code, v.label);
    CHECK_MESSAGE(got.out == want.out, v.label);
    CHECK_MESSAGE(!contains(got.out, "\xEF\xBF\xBD"), v.label);  // no U+FFFD
    CHECK_MESSAGE(contains(err, "[input.encoding]") == (v.label != "UTF-8"), v.label << ": " << err);
    if (v.label != "UTF-8") CHECK_MESSAGE(contains(err, "read as " + v.label), err);
    for (const auto& f : {encoded, same, same + ".raw", encoded + ".err"}) std::remove(f.c_str());
  }
}

TEST_CASE("--encoding overrides detection; an unknown name is refused") {
  const std::string encoded = temp_path("forced.txt");
  bicite_test::write_file(encoded, run("iconv -c -f UTF-8 -t WINDOWS-1251 " + sample).out);
  const auto forced = run(exe + " convert " + encoded + " --encoding windows-1251 --to csl-json 2>&1 >/dev/null");
  CHECK(forced.exit_code == 0);
  CHECK(contains(forced.out, "(--encoding)"));
  const auto unknown = run(exe + " convert " + encoded + " --encoding no-such-charset --to csl-json 2>&1 >/dev/null");
  CHECK(unknown.exit_code != 0);
  CHECK(contains(unknown.out, "no-such-charset"));
  std::remove(encoded.c_str());
}

TEST_CASE("a failed write is an error with its reason, never a silent success") {
  auto full = run(exe + " convert " + sample + " --to csl-json -o /dev/full 2>&1");
  CHECK(full.exit_code == 1);
  CHECK(contains(full.out, "No space left on device"));
  auto redirected = run(exe + " convert " + sample + " --to csl-json 2>&1 >/dev/full");
  CHECK(redirected.exit_code == 1);
  CHECK(contains(redirected.out, "cannot write standard output: No space left on device"));
  auto folder = run(exe + " convert " + sample + " --to csl-json -o /nonexistent/dir/out.json 2>&1");
  CHECK(folder.exit_code == 1);
  CHECK(contains(folder.out, "No such file or directory"));
  // links check says so before checking anything (no network is touched: the input has no links).
  const std::string urls = temp_path("urls.txt");
  bicite_test::write_file(urls, "http://127.0.0.1:9/a\n");
  auto links = run(exe + " links check " + urls + " --from urls -o /nonexistent/dir/r.json 2>&1");
  CHECK(links.exit_code == 1);
  CHECK(contains(links.out, "cannot write /nonexistent/dir/r.json"));
  CHECK(!contains(links.out, "links:"));  // no summary of a run: it never started
  std::remove(urls.c_str());
}

TEST_CASE("input that is not what it claims: binary, a folder, empty, the wrong format") {
  const std::string zip = temp_path("doc.docx");
  bicite_test::write_file(zip, std::string("PK\x03\x04\x14\x00\x06\x00", 8) + std::string(200, '\0') + "word/document.xml");
  auto r = run(exe + " convert " + zip + " --from notes --to csl-json 2>&1");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "not text"));
  std::string random(4096, '\0');
  std::uint32_t x = 12345;
  for (auto& c : random) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  const std::string noise = temp_path("noise.txt");
  bicite_test::write_file(noise, random);
  r = run(exe + " convert " + noise + " --to csl-json 2>&1");
  CHECK(r.exit_code == 1);
  CHECK(!contains(r.out, "\"type\""));
  r = run(exe + " convert " + std::filesystem::temp_directory_path().string() + " --from notes 2>&1");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "is a folder"));
  const std::string empty = temp_path("empty.txt");
  bicite_test::write_file(empty, "");
  r = run(exe + " convert " + empty + " 2>&1");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "is empty"));
  r = run(exe + " convert - --from notes < /dev/null 2>&1");
  CHECK(r.exit_code == 1);
  const std::string json = temp_path("refs.json");
  bicite_test::write_file(json, R"([{"id":"a","type":"book","title":"T"}])");
  r = run(exe + " convert " + json + " --from bibtex 2>&1");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "--from csl-json"));
  const std::string bib = temp_path("refs.json.bib.json");
  bicite_test::write_file(bib, "% a comment\n@book{a, title = {T}, year = 2020}\n");
  r = run(exe + " convert " + bib + " 2>&1");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "--from biblatex"));
  r = run(exe + " convert - --to csl-json < " + bib + " 2>/dev/null");  // standard input: the content decides
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "\"title\": \"T\""));
  for (const auto& f : {zip, noise, empty, json, bib}) std::remove(f.c_str());
}

TEST_CASE("command conventions: --version, -V, did you mean, help, range checks, useless flags") {
  CHECK(contains(run(exe + " -V").out, "bicite "));
  CHECK(run(exe + " --version").exit_code == 0);
  auto typo = run(exe + " convret x 2>&1");
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.out, "did you mean \"convert\""));
  auto help = run(exe + " help convert");
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "--from"));
  CHECK(run(exe + " help links check").exit_code == 0);
  CHECK(run(exe + " help no-such 2>/dev/null").exit_code == 2);
  auto man = run(exe + " help --man");
  CHECK(contains(man.out, ".TH BICITE 1"));
  CHECK(contains(man.out, ".SS \"bicite convert\""));
  CHECK(contains(man.out, ".SS \"bicite links check\""));
  const std::string urls = temp_path("range.txt");
  bicite_test::write_file(urls, "http://127.0.0.1:9/a\n");
  for (const std::string bad : {"--concurrency 0", "--concurrency -5", "--timeout -1", "--retries -1", "--deadline -3",
                                "--max-age -1", "--to yaml"})
    CHECK_MESSAGE(run(exe + " links check " + urls + " --from urls " + bad + " 2>/dev/null").exit_code == 2, bad);
  std::remove(urls.c_str());
  CHECK(run(exe + " convert " + sample + " --to csl-json --ascii 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " convert " + sample + " --to ris --key-pattern x 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " venue --batch --url http://x.ru 2>/dev/null </dev/null").exit_code == 2);
  CHECK(run(exe + " date --input x 2>/dev/null").exit_code == 2);
  CHECK(run(exe + " translit --candidates 3 2>/dev/null </dev/null").exit_code == 2);
}

TEST_CASE("diagnostics on stderr with their reason; --quiet; a summary line; .JSON; styles by any name") {
  auto missing = run(exe + " convert /no/such/notes.txt 2>&1");
  CHECK(missing.exit_code == 1);
  CHECK(contains(missing.out, "cannot open /no/such/notes.txt: No such file or directory"));
  auto date = run(exe + " date '31 February 2023' 2>/dev/null");
  CHECK(!contains(date.out, "warning"));
  auto summary = run(exe + " convert " + sample + " --to csl-json 2>&1 >/dev/null");
  CHECK(contains(summary.out, "bicite convert: 93 notes"));
  auto quiet = run(exe + " convert " + sample + " --to csl-json --quiet 2>&1 >/dev/null");
  CHECK(quiet.out.empty());
  const std::string upper = temp_path("REFS.JSON");
  bicite_test::write_file(upper, R"([{"id":"a","type":"book","title":"T","author":[{"family":"Ivanov","given":"I."}],"issued":{"date-parts":[[2020]]}}])");
  CHECK(run(exe + " convert " + upper + " --to ris").exit_code == 0);
  const std::string apa = run(exe + " format " + upper + " --style apa 2>/dev/null").out;
  CHECK(contains(apa, "Ivanov"));
  CHECK(run(exe + " format " + upper + " --style APA 2>/dev/null").out == apa);
  CHECK(run(exe + " format " + upper + " --style apa.csl 2>/dev/null").out == apa);
  CHECK(run(exe + " format " + upper + " --style /usr/share/citation-style-language/styles/apa.csl 2>/dev/null").out == apa);
  auto nostyle = run(exe + " format " + upper + " --style ./missing.csl 2>&1");
  CHECK(nostyle.exit_code == 1);
  CHECK(contains(nostyle.out, "No such file or directory"));
  auto html = run(exe + " format " + upper + " --style apa --to html 2>/dev/null");
  CHECK(contains(html.out, "csl-entry"));
  std::remove(upper.c_str());
}

TEST_CASE("the compiled-in GOST R 7.0.100-2018 styles: listed and found by any name") {
  auto list = run(exe + " format --list-styles");
  CHECK(contains(list.out, "gost-r-7-0-100-2018\n"));
  CHECK(contains(list.out, "gost-r-7-0-100-2018-numeric\n"));
  const std::string refs = temp_path("gost.json");
  bicite_test::write_file(refs, R"([{"id":"a","type":"book","language":"en","title":"T","author":[{"family":"Smith","given":"John"}],)"
                                R"("editor":[{"family":"Tsygankov","given":"Andrei"}],"publisher":"Routledge","publisher-place":"London",)"
                                R"("number-of-pages":"320","issued":{"date-parts":[[2020]]}}])");
  const std::string expected = "Smith, J. T / J. Smith ; ed. by A. Tsygankov. – London : Routledge, 2020. – 320 p.\n";
  CHECK(run(exe + " format " + refs + " --style gost-r-7-0-100-2018 2>/dev/null").out == expected);
  CHECK(run(exe + " format " + refs + " --style GOST-R-7-0-100-2018.csl 2>/dev/null").out == expected);
  CHECK(run(exe + " format " + refs + " --style gost-r-7-0-100-2018-numeric 2>/dev/null").out == "1. " + expected);
  std::remove(refs.c_str());
}

TEST_CASE("format --transliterate and the References style, on the sample endnotes") {
  const std::string sample = bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt");
  CHECK(contains(run(exe + " format --list-styles").out, "gost-r-7-0-100-2018-references\n"));
  // the style romanises with its own scheme (bsi_journals) and shows transliteration [translation]
  const auto refs = run(exe + " format " + sample + " --style gost-r-7-0-100-2018-references 2>/dev/null");
  CHECK(refs.exit_code == 0);
  CHECK(contains(refs.out, "Zuenko I., Xi H. Ideologiya antikolonializma kak faktor vneshnei politiki Kitaya. "
                           "Mezhdunarodnaya analitika, 2023, vol. 14, no. 2, pp. 23–34. Available at: "
                           "https://www.interanalytics.org/jour/article/view/479/411. (In Russ.)\n"));
  CHECK(contains(refs.out, "Kazakova O., Mikhailov D., Rustamova S. Kakoe oruzhie KNDR"));
  CHECK_FALSE(contains(refs.out, "Идеология"));
  // another scheme on request; none at all with --no-transliterate
  CHECK(contains(run(exe + " format " + sample + " --style gost-r-7-0-100-2018-references --transliterate "
                     "bgn_pcgn_alt 2>/dev/null").out,
                 "Ideologiya antikolonializma kak faktor vneshney politiki Kitaya."));
  CHECK(contains(run(exe + " format " + sample + " --style gost-r-7-0-100-2018-references --no-transliterate "
                     "2>/dev/null").out,
                 "Zuenko I., Xi H. Идеология антиколониализма"));
  // any style: --transliterate adds the variants, shown with --variants
  CHECK(contains(run(exe + " format " + sample + " --style gost-r-7-0-100-2018 --transliterate bsi_journals "
                     "2>/dev/null").out,
                 "Kazakova, O. Kakoe oruzhie KNDR"));
  CHECK(run(exe + " format " + sample + " --style apa --transliterate no-such-scheme 2>/dev/null").exit_code == 2);
}

TEST_CASE("--report lists the short forms left unmatched, with the works considered") {
  const std::string notes = temp_path("report-notes.txt");
  bicite_test::write_file(notes,
                          "1. John Smith, The Long Road (London: Verso, 2001), 12.\n"
                          "2. Brown, The Long Road, 14.\n"
                          "3. Smith, Long Road, 15.\n");
  auto r = run(exe + " convert " + notes + " --to csl-json --report 2>&1 >/dev/null");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "note 2, citation 1: Brown, The Long Road, 14."));
  CHECK(contains(r.out, "same short title, but the author differs"));
  CHECK(!contains(r.out, "note 3"));  // matched by author and short title
  auto quiet = run(exe + " convert " + notes + " --to notes-jsonl --report -q 2>&1 >/dev/null");
  CHECK(contains(quiet.out, "note 2, citation 1"));  // asked for, so printed even with --quiet
  auto refs = temp_path("report-refs.json");
  bicite_test::write_file(refs, "[]");
  CHECK(run(exe + " convert " + refs + " --to ris --report 2>/dev/null").exit_code == 2);
  std::remove(notes.c_str());
  std::remove(refs.c_str());
}

TEST_CASE("environment variables reach the library as options: BICITE_CSL_PATH, BICITE_CSL_LOCALES, BICITE_DATA_DIR") {
  namespace fs = std::filesystem;
  const fs::path dir = temp_path("env");
  fs::remove_all(dir);
  fs::create_directories(dir / "styles");
  fs::create_directories(dir / "data" / "venues");
  fs::copy_file(bicite_test::source_path("lib/csl/data/gost-r-7-0-100-2018.csl"), dir / "styles" / "my-gost.csl");
  const std::string refs = (dir / "refs.json").string();
  bicite_test::write_file(refs, R"([{"id":"a","type":"book","language":"en","title":"T","author":[{"family":"Smith","given":"John"}],)"
                                R"("issued":{"date-parts":[[2020]]}}])");
  // a style found only on BICITE_CSL_PATH (empty parts and missing directories are passed over)
  const std::string path = "BICITE_CSL_PATH=::/nonexistent:" + (dir / "styles").string() + " ";
  CHECK(contains(run(path + exe + " format --list-styles").out, "my-gost\n"));
  CHECK(run(path + exe + " format " + refs + " --style my-gost 2>/dev/null").out ==
        run(exe + " format " + refs + " --style gost-r-7-0-100-2018 2>/dev/null").out);
  CHECK(run(exe + " format " + refs + " --style my-gost 2>/dev/null").exit_code != 0);
  // locales from BICITE_CSL_LOCALES: none there, so the warning about en-US
  CHECK(contains(run("BICITE_CSL_LOCALES=" + (dir / "none").string() + " " + exe + " format " + refs +
                     " --style apa 2>&1 >/dev/null").out,
                 "csl.missing-locale"));
  // a data file from BICITE_DATA_DIR replaces the compiled-in one
  bicite_test::write_file((dir / "data" / "venues" / "venues.tsv").string(),
                          "id\tcanonical\tenglish\ttype\tlanguage\tissn\tdomains\taliases\n"
                          "zz\tЗЗЗ Газета\tZZZ Gazette\tnewspaper\tru\t\tzzz.example\tZZZG\n");
  CHECK(run(exe + " venue ZZZG >/dev/null 2>&1").exit_code == 1);
  auto found = run("BICITE_DATA_DIR=" + (dir / "data").string() + " " + exe + " venue ZZZG");
  CHECK(found.exit_code == 0);
  CHECK(contains(found.out, "ZZZ Gazette"));
  fs::remove_all(dir);
}
