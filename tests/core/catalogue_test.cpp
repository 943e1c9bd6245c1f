// The catalogue of diagnostic codes (lib/core/data/diagnostics.tsv) against the sources: every code a
// stage emits is listed, every listed code is emitted; the include graph between the stages of lib/;
// and no environment read in lib/ (the command maps variables to options).
#include <doctest/doctest.h>

#include <bicite/diagnostic.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path source_dir = BICITE_SOURCE_DIR;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> sources_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && (e.path().extension() == ".cpp" || e.path().extension() == ".hpp")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every diagnostic code in lib/ is in the catalogue, and every catalogued code is emitted") {
  const auto codes = bicite::diagnostic_codes();
  REQUIRE(codes.size() >= 80);
  std::set<std::string> listed;
  for (const auto& c : codes) {
    CHECK_MESSAGE(!c.meaning.empty(), c.code);
    listed.insert(std::string(c.code));
  }
  // a string literal that is a code: "<stage>.<word>[-word…]", the stage one of the catalogue's
  std::set<std::string> prefixes;
  for (const auto& c : listed) prefixes.insert(c.substr(0, c.find('.')));
  std::string alternatives;
  for (const auto& p : prefixes) alternatives += (alternatives.empty() ? "" : "|") + std::regex_replace(p, std::regex("-"), "\\-");
  const std::regex literal("\"(" + alternatives + ")\\.[a-z0-9]+(-[a-z0-9]+)*\"");
  std::map<std::string, std::string> emitted;  // code → first file
  for (const auto& dir : {source_dir / "lib", source_dir / "include"})
    for (const auto& file : sources_under(dir)) {
      const std::string text = slurp(file);
      for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
        std::string code = it->str();
        code = code.substr(1, code.size() - 2);
        emitted.emplace(code, fs::relative(file, source_dir).string());
      }
    }
  for (const auto& [code, file] : emitted) CHECK_MESSAGE(listed.count(code) == 1, code << " (" << file << ") is not in lib/core/data/diagnostics.tsv");
  for (const auto& code : listed) CHECK_MESSAGE(emitted.count(code) == 1, code << " is catalogued but no source emits it");
  REQUIRE(bicite::find_diagnostic_code("csl-json.syntax") != nullptr);
  CHECK(bicite::find_diagnostic_code("csl-json.syntax")->level == bicite::severity::error);
  CHECK(bicite::find_diagnostic_code("text.typing")->repair);
  CHECK(bicite::find_diagnostic_code("no.such-code") == nullptr);
}

TEST_CASE("the include graph between the stages of lib/ has no cycle") {
  // stage of a header: lib/<stage>/… or <bicite/NAME.hpp> → the stage implementing it
  const std::map<std::string, std::string> public_header = {
      {"bibtex.hpp", "export"}, {"ris.hpp", "export"}, {"csljson.hpp", "model"}, {"model.hpp", "model"},
      {"csl.hpp", "csl"},       {"dates.hpp", "dates"}, {"enrich.hpp", "enrich"}, {"links.hpp", "links"},
      {"names.hpp", "names"},   {"parse.hpp", "parse"}, {"resolve.hpp", "resolve"}, {"text.hpp", "text"},
      {"translit.hpp", "translit"}, {"venues.hpp", "venues"}, {"web.hpp", "web"},   {"data.hpp", "core"},
      {"notes_jsonl.hpp", "parse"}};
  std::set<std::string> stages;
  for (const auto& e : fs::directory_iterator(source_dir / "lib"))
    if (e.is_directory()) stages.insert(e.path().filename().string());
  std::map<std::string, std::set<std::string>> edges;
  const std::regex include_line(R"(^\s*#\s*include\s*["<]([^">]+)[">])", std::regex::multiline);
  for (const auto& file : sources_under(source_dir / "lib")) {
    const std::string from = fs::relative(file, source_dir / "lib").begin()->string();
    const std::string text = slurp(file);
    for (std::sregex_iterator it(text.begin(), text.end(), include_line), end; it != end; ++it) {
      const std::string inc = (*it)[1];
      std::string to;
      if (inc.rfind("bicite/", 0) == 0) {
        auto p = public_header.find(inc.substr(7));
        if (p != public_header.end()) to = p->second;
      } else if (auto slash = inc.find('/'); slash != std::string::npos && stages.count(inc.substr(0, slash))) {
        to = inc.substr(0, slash);
      }
      if (!to.empty() && to != from) edges[from].insert(to);
    }
  }
  // the stages each stage reaches; a cycle is a stage that reaches itself
  std::set<std::pair<std::string, std::string>> cycles;  // edges that lie on a cycle
  for (const auto& [from, tos] : edges)
    for (const auto& to : tos) {
      std::set<std::string> seen{to};
      std::vector<std::string> todo{to};
      bool back = false;
      while (!todo.empty() && !back) {
        const std::string s = todo.back();
        todo.pop_back();
        for (const auto& n : edges[s]) {
          if (n == from) back = true;
          if (seen.insert(n).second) todo.push_back(n);
        }
      }
      if (back) cycles.insert({from, to});
    }
  // none known: a new cycle is a failure
  const std::set<std::pair<std::string, std::string>> known = {};
  for (const auto& e : cycles) CHECK_MESSAGE(known.count(e) == 1, "new cycle through " << e.first << " → " << e.second);
  for (const auto& e : known) CHECK_MESSAGE(cycles.count(e) == 1, "no longer a cycle, take it out of the known list: " << e.first << " → " << e.second);
}

TEST_CASE("lib/ reads no environment variable: the command maps them to options") {
  const std::regex env_read(R"(\b(secure_)?getenv\s*\(|\benviron\b)");
  for (const auto& file : sources_under(source_dir / "lib")) {
    const std::string text = slurp(file);
    CHECK_MESSAGE(!std::regex_search(text, env_read), fs::relative(file, source_dir).string() << " reads the environment");
  }
}
