// csl_suite DIR [--pass-list FILE] [--update] [--quiet] [--show NAME]
// Runs the CSL test-suite fixtures the way the official runners do (HTML output; bibliography
// wrapped in csl-bib-body/csl-entry divs; citations one per line) and prints PASS/FAIL per fixture,
// then "N passed, M failed" and the count per category. With --pass-list, exits 1 when a listed
// fixture fails; with --update, rewrites the list with the fixtures that pass now.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> split_sections(const std::string& text) {
  std::map<std::string, std::string> sections;
  std::istringstream in(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
  std::string line, current, buffer;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!inside && line.rfind(">>==", 0) == 0) {
      current.clear();
      for (char c : line)
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '-') current += static_cast<char>(std::tolower(c));
      inside = true;
      buffer.clear();
      continue;
    }
    if (inside && line.rfind("<<==", 0) == 0) {
      if (!buffer.empty() && buffer.back() == '\n') buffer.pop_back();
      sections[current] = buffer;
      inside = false;
      continue;
    }
    if (inside) buffer += line + "\n";
  }
  return sections;
}

std::string json_string(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number()) return j.dump();
  return {};
}

bicite::csl::cite read_cite(const json& j) {
  bicite::csl::cite c;
  c.id = json_string(j.value("id", json()));
  if (j.contains("locator")) c.locator = json_string(j["locator"]);
  if (j.contains("label")) c.label = json_string(j["label"]);
  if (j.contains("prefix")) c.prefix = json_string(j["prefix"]);
  if (j.contains("suffix")) c.suffix = json_string(j["suffix"]);
  c.suppress_author = j.value("suppress-author", false);
  c.author_only = j.value("author-only", false);
  // CITATION-ITEMS may fix a cite's position, as citeproc-js's makeCitationCluster takes it
  if (j.contains("position") && j["position"].is_number_integer()) {
    static const bicite::csl::cite_position by_number[] = {
        bicite::csl::cite_position::first, bicite::csl::cite_position::subsequent, bicite::csl::cite_position::ibid,
        bicite::csl::cite_position::ibid_with_locator};
    int p = j["position"].get<int>();
    if (p >= 0 && p < 4) c.position = by_number[p];
  }
  return c;
}

std::string strip_citation_numbers(const std::string& s) {
  std::istringstream in(s);
  std::string line, out;
  bool first = true;
  while (std::getline(in, line)) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == '>' || line[i] == '.' || line[i] == '[' || line[i] == ']' ||
                               std::isdigit(static_cast<unsigned char>(line[i]))))
      ++i;
    while (i < line.size() && line[i] == ' ') ++i;
    if (!first) out += "\n";
    out += line.substr(i);
    first = false;
  }
  return out;
}

// The whitespace citeproc-js's HTML format puts around display divs, which the fixtures keep:
// a block opens a paragraph, a left margin starts a line, an indent or a right-inline part ends one.
std::string citeproc_display_whitespace(const std::string& e) {
  struct rule { std::string_view open, before, after; };
  static const rule rules[] = {{"<div class=\"csl-block\">", "\n\n    ", "\n"},
                               {"<div class=\"csl-left-margin\">", "\n    ", ""},
                               {"<div class=\"csl-right-inline\">", "", "\n  "},
                               {"<div class=\"csl-indent\">", "", "\n  "}};
  std::string out;
  std::vector<std::string_view> closes;  // what follows each open div's </div>
  std::size_t i = 0;
  while (i < e.size()) {
    if (e.compare(i, 4, "<div") == 0) {
      std::string_view after;
      for (const auto& r : rules)
        if (e.compare(i, r.open.size(), r.open) == 0) {
          out += r.before;
          after = r.after;
        }
      closes.push_back(after);
    } else if (e.compare(i, 6, "</div>") == 0 && !closes.empty()) {
      out += "</div>";
      out += closes.back();
      closes.pop_back();
      i += 6;
      continue;
    }
    out += e[i++];
  }
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == '\n' || s[i] == '\r')) ++i;
  return s.substr(i);
}

struct outcome {
  bool pass = false;
  std::string expected, actual, error;
};

outcome run_fixture(const fs::path& path) {
  outcome o;
  auto sec = split_sections(read_file(path));
  std::string mode = trim(sec["mode"]);
  o.expected = trim(sec["result"]);
  auto [st, warnings] = bicite::csl::read_style(sec["csl"]);
  if (!st) {
    o.error = bicite::to_string(st.error());
    return o;
  }
  auto items = bicite::csljson::read(sec["input"]);
  std::vector<bicite::csl::citation> cits;
  bool numbered = false;
  bool synthesized = false;  // one citation of every item, made up by the runner
  try {
    if (sec.count("citations")) {
      numbered = true;
      json arr = json::parse(sec["citations"]);
      // Each entry is [citation, citationsPre, citationsPost]: the citation is inserted between the
      // citations listed before and after it (by id, with their note numbers), as citeproc-js's
      // processCitationCluster does; the document is what the last entry describes.
      std::map<std::string, bicite::csl::citation> by_id;
      std::vector<std::pair<std::string, int>> order;
      int anon = 0;
      for (const auto& e : arr) {
        const json& c = e.is_array() && !e.empty() ? e[0] : e;
        bicite::csl::citation ci;
        ci.id = json_string(c.value("citationID", json()));
        if (ci.id.empty()) ci.id = "#anon" + std::to_string(++anon);
        if (c.contains("properties") && c["properties"].contains("noteIndex"))
          ci.note_number = c["properties"]["noteIndex"].get<int>();
        for (const auto& it : c.value("citationItems", json::array())) {
          ci.cites.push_back(read_cite(it));
          ci.cites.back().position = bicite::csl::cite_position::computed;  // processCitationCluster works it out
        }
        order.clear();
        auto add_list = [&](const json& l) {
          if (!l.is_array()) return;
          for (const auto& p : l)
            if (p.is_array() && p.size() >= 2) order.emplace_back(json_string(p[0]), p[1].is_number() ? p[1].get<int>() : 0);
        };
        if (e.is_array() && e.size() >= 2) add_list(e[1]);
        order.emplace_back(ci.id, ci.note_number);
        if (e.is_array() && e.size() >= 3) add_list(e[2]);
        by_id[ci.id] = std::move(ci);
      }
      for (const auto& [id, note] : order) {
        auto it = by_id.find(id);
        if (it == by_id.end()) continue;
        bicite::csl::citation ci = it->second;
        ci.note_number = note;
        cits.push_back(std::move(ci));
      }
    } else if (sec.count("citation-items")) {
      json arr = json::parse(sec["citation-items"]);
      int n = 0;
      for (const auto& group : arr) {
        bicite::csl::citation ci;
        ci.note_number = ++n;
        for (const auto& it : group) ci.cites.push_back(read_cite(it));
        cits.push_back(std::move(ci));
      }
    } else if (mode == "citation") {
      bicite::csl::citation ci;
      ci.note_number = 1;
      // every item once, as citeproc-js's runner cites them (an id given twice is one item)
      std::set<std::string> seen;
      for (const auto& r : items.references)
        if (seen.insert(r.id).second) ci.cites.push_back(bicite::csl::cite{r.id});
      cits.push_back(std::move(ci));
      synthesized = true;
    } else {
      cits = bicite::csl::one_citation_per_item(items.references);
    }
  } catch (const std::exception& e) {
    o.error = std::string("fixture JSON: ") + e.what();
    return o;
  }
  bicite::csl::render_options opts;
  opts.per_item_locale = false;
  if (sec.count("abbreviations")) {
    try {
      json ab = json::parse(sec["abbreviations"]);
      for (auto& [list, vars] : ab.items())
        for (auto& [var, map] : vars.items())
          for (auto& [full, abbr] : map.items())
            if (abbr.is_string()) opts.abbreviations[var][full] = abbr.get<std::string>();
    } catch (const std::exception&) {
    }
  }
  if (synthesized) {
    // citeproc-js's runner cites the items in the order of its sorted registry: the bibliography's
    // sort, where the style sorts it (items without an entry keep their place at the end)
    auto bib = bicite::csl::render(**st, items.references, cits, opts);
    std::vector<bicite::csl::cite> sorted;
    std::set<std::string> placed;
    for (const auto& id : bib.bibliography_ids)
      if (placed.insert(id).second) sorted.push_back(bicite::csl::cite{id});
    for (const auto& c : cits[0].cites)
      if (placed.insert(c.id).second) sorted.push_back(c);
    cits[0].cites = std::move(sorted);
  }
  if (numbered && mode == "bibliography") {
    // with CITATIONS, citeproc-js's registry holds only the items the document still cites
    std::set<std::string> cited;
    for (const auto& c : cits)
      for (const auto& x : c.cites) cited.insert(x.id);
    std::erase_if(items.references, [&](const bicite::reference& r) { return !cited.count(r.id); });
  }
  auto res = bicite::csl::render(**st, items.references, cits, opts);
  std::string actual;
  if (mode == "citation") {
    for (std::size_t i = 0; i < res.citations.size(); ++i) actual += (i ? "\n" : "") + res.citations[i];
    if (numbered) o.expected = strip_citation_numbers(o.expected);
  } else {
    actual = "<div class=\"csl-bib-body\">";
    for (const auto& e : res.bibliography) {
      actual += "\n  <div class=\"csl-entry\">" + citeproc_display_whitespace(e) + "</div>";
    }
    actual += "\n</div>";
  }
  o.actual = trim(actual);
  o.pass = o.actual == o.expected;
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: csl_suite FIXTURE_DIR [--pass-list FILE] [--update] [--quiet] [--show NAME]\n";
    return 2;
  }
  fs::path dir = argv[1];
  if (!fs::is_directory(dir)) {
    const char* ci = std::getenv("CI");
    // the rule of tests/support.hpp's under_ci(): CI set, and not "false" or "0"
    const bool under_ci = ci && *ci && std::string(ci) != "false" && std::string(ci) != "0";
    std::cerr << (under_ci ? "FAILED" : "SKIPPED") << ": the CSL test-suite fixtures are not at " << dir
              << (under_ci ? " (CI requires the shared evaluation data)\n" : " (shared evaluation data)\n");
    return under_ci ? 1 : 77;
  }
  std::string pass_list, show;
  bool update = false, quiet = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--pass-list" && i + 1 < argc) pass_list = argv[++i];
    else if (a == "--update") update = true;
    else if (a == "--quiet") quiet = true;
    else if (a == "--show" && i + 1 < argc) show = argv[++i];
  }
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".txt") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cerr << "no fixtures in " << dir << "\n";
    return 2;
  }
  std::map<std::string, std::pair<int, int>> per_category;
  std::set<std::string> passed;
  int npass = 0, nfail = 0;
  for (const auto& f : files) {
    std::string name = f.stem().string();
    if (!show.empty() && name.find(show) == std::string::npos) continue;
    outcome o = run_fixture(f);
    std::string cat = name.substr(0, name.find('_'));
    if (o.pass) {
      ++npass;
      ++per_category[cat].first;
      passed.insert(name);
    } else {
      ++nfail;
      ++per_category[cat].second;
    }
    if (!quiet || !o.pass) std::cout << (o.pass ? "PASS " : "FAIL ") << name << "\n";
    if (!show.empty() && !o.pass) {
      std::cout << "--- expected\n" << o.expected << "\n--- actual\n" << o.actual << "\n";
      if (!o.error.empty()) std::cout << "--- error\n" << o.error << "\n";
    }
  }
  std::cout << "\ncategory         pass  fail\n";
  for (const auto& [cat, c] : per_category)
    std::cout << cat << std::string(cat.size() < 16 ? 16 - cat.size() : 1, ' ') << std::string(c.first < 10 ? 2 : c.first < 100 ? 1 : 0, ' ') << " " << c.first << "  " << c.second << "\n";
  std::cout << npass << " passed, " << nfail << " failed\n";
  if (pass_list.empty() || !show.empty()) return 0;
  if (update) {
    std::ofstream out(pass_list);
    for (const auto& n : passed) out << n << "\n";
    std::cout << "wrote " << passed.size() << " names to " << pass_list << "\n";
    return 0;
  }
  std::ifstream in(pass_list);
  std::string line;
  int regressions = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!passed.count(line)) {
      std::cout << "REGRESSION " << line << "\n";
      ++regressions;
    }
  }
  if (regressions) std::cout << regressions << " fixture(s) on the pass-list failed\n";
  return regressions ? 1 : 0;
}
