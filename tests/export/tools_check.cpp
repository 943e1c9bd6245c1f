// Exported files checked with the real tools: biber's data-model validation, a LaTeX document
// citing every entry compiled with biblatex + biber, and classic bibtex. Each check is skipped,
// with a message saying so, when its tools are not installed (.ci/run installs them).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <bicite/bibtex.hpp>

#include "export/corpus.hpp"
#include "export/sample.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

bool have(const char* tool) { return bicite_test::run(std::string("command -v ") + tool + " >/dev/null 2>&1").exit_code == 0; }

fs::path work_dir(const std::string& name) {
  fs::path dir = fs::path(BICITE_BINARY_DIR) / "tests" / "export_tools" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::size_t count_lines(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) n += line.find(needle) != std::string::npos;
  return n;
}

std::size_t count_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) n += line.rfind(prefix, 0) == 0;
  return n;
}

std::string lines_with(const std::string& text, const std::string& needle, std::size_t max = 10) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line) && max > 0)
    if (line.find(needle) != std::string::npos) {
      out += line + "\n";
      --max;
    }
  return out;
}

struct biber_report {
  int exit_code = -1;
  std::size_t errors = 0, warnings = 0, invalid = 0, missing_mandatory = 0;
  std::string log;
};

biber_report validate(const std::string& name, const std::string& bib) {
  const fs::path dir = work_dir(name);
  bicite_test::write_file((dir / "refs.bib").string(), bib);
  auto r = bicite_test::run("cd '" + dir.string() + "' && biber --tool --validate-datamodel --output-file=tool_out.bib refs.bib 2>&1");
  biber_report rep;
  rep.exit_code = r.exit_code;
  rep.log = r.out;
  rep.errors = count_starting(r.out, "ERROR");
  rep.warnings = count_starting(r.out, "WARN");
  rep.invalid = count_lines(r.out, "Invalid");
  rep.missing_mandatory = count_lines(r.out, "Missing mandatory");
  return rep;
}

// Compiles a document citing every entry: pdflatex, biber, pdflatex. Returns "" or what went wrong.
std::string compile_biblatex(const std::string& name, const std::string& bib) {
  const fs::path dir = work_dir(name);
  bicite_test::write_file((dir / "refs.bib").string(), bib);
  bicite_test::write_file((dir / "doc.tex").string(),
                          "\\documentclass{article}\n\\usepackage[T2A,T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
                          "\\usepackage[russian,english]{babel}\n"
                          "\\usepackage[backend=biber,style=authoryear,autolang=other]{biblatex}\n"
                          "\\usepackage{hyperref}\n\\addbibresource{refs.bib}\n"
                          "\\begin{document}\n\\nocite{*}\n\\printbibliography\n\\end{document}\n");
  const std::string cd = "cd '" + dir.string() + "' && ";
  auto l1 = bicite_test::run(cd + "pdflatex -interaction=nonstopmode -halt-on-error doc.tex 2>&1");
  if (l1.exit_code != 0) return "first pdflatex run failed:\n" + lines_with(l1.out, "!");
  auto b = bicite_test::run(cd + "biber doc 2>&1");
  if (b.exit_code != 0 || count_lines(b.out, "ERROR")) return "biber failed:\n" + lines_with(b.out, "ERROR");
  // thousands of entries need more than pdflatex's default main memory
  auto l2 = bicite_test::run(cd + "extra_mem_top=20000000 extra_mem_bot=20000000 pdflatex -interaction=nonstopmode -halt-on-error doc.tex 2>&1");
  if (l2.exit_code != 0) return "second pdflatex run failed:\n" + lines_with(l2.out, "!");
  if (!fs::exists(dir / "doc.pdf")) return "no PDF";
  return {};
}

// Runs classic bibtex (plain style) and compiles; returns "" or what went wrong.
std::string compile_bibtex(const std::string& name, const std::string& bib) {
  const fs::path dir = work_dir(name);
  bicite_test::write_file((dir / "refs.bib").string(), bib);
  bicite_test::write_file((dir / "doc.tex").string(),
                          "\\documentclass{article}\n\\usepackage[T2A,T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
                          "\\usepackage[english,russian]{babel}\n\\usepackage{url}\n"
                          "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n");
  const std::string cd = "cd '" + dir.string() + "' && ";
  auto l1 = bicite_test::run(cd + "pdflatex -interaction=nonstopmode -halt-on-error doc.tex 2>&1");
  if (l1.exit_code != 0) return "first pdflatex run failed:\n" + lines_with(l1.out, "!");
  auto b = bicite_test::run(cd + "bibtex doc 2>&1");
  // bibtex exits 1 for warnings only, 2 or more for errors
  if (b.exit_code >= 2 || b.out.find("error message") != std::string::npos) return "bibtex reported errors:\n" + b.out;
  auto l2 = bicite_test::run(cd + "pdflatex -interaction=nonstopmode -halt-on-error doc.tex 2>&1");
  if (l2.exit_code != 0) return "second pdflatex run failed:\n" + lines_with(l2.out, "!");
  return {};
}

std::string biblatex_of(const std::vector<bicite::reference>& items) { return bicite::bibtex::write(items); }

std::string bibtex_of(const std::vector<bicite::reference>& items, bool ascii) {
  bicite::bibtex::write_options o;
  o.target = bicite::bibtex::dialect::bibtex;
  o.ascii = ascii;
  return bicite::bibtex::write(items, o);
}

}  // namespace

TEST_CASE("biber --tool --validate-datamodel: the sample has no error and no invalid field or date" * doctest::test_suite("shared")) {
  BICITE_SKIP_UNLESS(have("biber"), "biber (apt-get install biber)");
  const auto rep = validate("validate_sample", biblatex_of(bicite_test::gold_sample()));
  CHECK(rep.exit_code == 0);
  CHECK(rep.errors == 0);
  CHECK(rep.invalid == 0);
  if (rep.invalid || rep.errors) MESSAGE(lines_with(rep.log, "WARN", 20) << lines_with(rep.log, "ERROR", 20));
  // The sample's own gaps (items without author or date) are the only warnings.
  CHECK(rep.warnings == rep.missing_mandatory);
  MESSAGE("sample: " << rep.missing_mandatory << " missing-mandatory-field warnings (items without author or date)");
}

TEST_CASE("biber --tool --validate-datamodel: a generated corpus of 5,000 mixed items has no error and no warning") {
  BICITE_SKIP_UNLESS(have("biber"), "biber (apt-get install biber)");
  const auto rep = validate("validate_corpus", biblatex_of(bicite_test::generate_corpus(5000)));
  CHECK(rep.exit_code == 0);
  CHECK(rep.errors == 0);
  CHECK(rep.warnings == 0);
  if (rep.warnings || rep.errors) MESSAGE(lines_with(rep.log, "WARN", 20) << lines_with(rep.log, "ERROR", 20));
}

TEST_CASE("a LaTeX document citing every entry compiles with biblatex + biber (sample and corpus)" * doctest::test_suite("shared")) {
  BICITE_SKIP_UNLESS(have("biber") && have("pdflatex") && have("kpsewhich") &&
                         bicite_test::run("kpsewhich biblatex.sty t2aenc.def >/dev/null").exit_code == 0,
                     "biber, pdflatex, biblatex and T2A fonts "
                     "(apt-get install biber texlive-bibtex-extra texlive-latex-recommended texlive-lang-cyrillic)");
  CHECK(compile_biblatex("latex_sample", biblatex_of(bicite_test::gold_sample())) == "");
  // The first 1,000 items of the corpus (the same generator and seed as the 5,000 validated above);
  // BICITE_TOOLS_FULL=1 compiles all 5,000 (about 5 minutes of pdflatex per run).
  const bool full = std::getenv("BICITE_TOOLS_FULL") != nullptr;
  CHECK(compile_biblatex("latex_corpus", biblatex_of(bicite_test::generate_corpus(full ? 5000 : 1000))) == "");
}

TEST_CASE("classic bibtex reads the classic dialect with no error, UTF-8 and --ascii" * doctest::test_suite("shared")) {
  BICITE_SKIP_UNLESS(have("bibtex") && have("pdflatex") &&
                         bicite_test::run("kpsewhich t2aenc.def >/dev/null").exit_code == 0,
                     "bibtex, pdflatex and T2A fonts (apt-get install texlive-latex-recommended texlive-lang-cyrillic)");
  CHECK(compile_bibtex("bibtex_sample", bibtex_of(bicite_test::gold_sample(), false)) == "");
  CHECK(compile_bibtex("bibtex_sample_ascii", bibtex_of(bicite_test::gold_sample(), true)) == "");
  CHECK(compile_bibtex("bibtex_corpus_ascii", bibtex_of(bicite_test::generate_corpus(1000, 13), true)) == "");
}
