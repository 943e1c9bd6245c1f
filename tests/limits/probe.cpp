// Linearity by instruction count: each shape's input at 1x and 16x, run once each under
// valgrind --tool=callgrind, and the ratio of the instructions (Ir) spent inside the measured
// call. Linear work gives about 16; the check fails above --max-ratio (default 24 = 16 x 1.5:
// room for n log n sorting and hashing, far below n^1.5 = 64 and n^2 = 256).
//
//   limits_probe --check GROUP|SHAPE [--valgrind PATH] [--max-ratio R]   run itself under callgrind, compare
//   limits_probe --run GROUP|SHAPE                                        what --check runs under valgrind
//   limits_probe --list
// Exit: 0 all within the bound, 1 some shape above it (or a run failed), 77 valgrind missing (ctest:
// skipped; 1 instead under CI).
// Public API only. The probe is built without sanitizers (valgrind cannot run ASan binaries).
#include <bicite/bibtex.hpp>
#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>
#include <bicite/ris.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define PROBE_HAVE_CALLGRIND 1
#else
#define PROBE_HAVE_CALLGRIND 0
#endif

namespace {

// ---------------------------------------------------------------- input shapes

// Letters only, so that names stay personal names (digits make a name an organisation).
std::string letters(std::size_t i, std::size_t width = 4) {
  std::string s;
  for (std::size_t k = 0; k < width; ++k) {
    s.insert(s.begin(), static_cast<char>('a' + i % 26));
    i /= 26;
  }
  return s;
}

std::string cap(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

volatile std::size_t sink = 0;  // keeps results alive

void run_notes(const std::string& doc) {
  auto bib = bicite::resolve::resolve(bicite::parse::parse_document(doc));
  sink = sink + bicite::notes_jsonl::write(bib.document).size() + bib.references.size();
}

void run_stream(const std::string& doc) {
  std::size_t bytes = 0;
  const auto s = bicite::resolve::stream(bicite::resolve::text_source(doc),
                                         [&](const bicite::parse::parsed_note& n, const auto&) {
                                           bytes += bicite::notes_jsonl::write(n).size();
                                         });
  sink = sink + bytes + s.references.size();
}

std::shared_ptr<const bicite::csl::style> apa() {
  static std::shared_ptr<const bicite::csl::style> s = [] {
    auto r = bicite::csl::load_style("apa");
    return r ? *r : std::shared_ptr<const bicite::csl::style>{};
  }();
  return s;
}

void run_csl(const std::string& json) {
  const auto items = bicite::csljson::read(json).references;
  const auto style = apa();
  if (!style) return;
  const auto out = bicite::csl::render(*style, items, bicite::csl::one_citation_per_item(items),
                                       {.format = bicite::csl::output_format::text});
  sink = sink + out.bibliography.size() + out.citations.size();
}

struct shape {
  std::string group;
  std::string name;
  std::size_t base;  // units at 1x
  std::function<std::string(std::size_t)> make;
  std::function<void(const std::string&)> run;
};

std::string csl_item(std::size_t i, const std::string& authors, const std::string& title) {
  return "{\"id\":\"i" + std::to_string(i) + "\",\"type\":\"article-journal\",\"title\":\"" + title +
         "\",\"author\":[" + authors + "],\"container-title\":\"Journal " + cap(letters(i)) +
         "\",\"volume\":\"3\",\"issue\":\"2\",\"page\":\"10-20\",\"issued\":{\"date-parts\":[[2020,5," +
         std::to_string(1 + i % 28) + "]]}}";
}

std::vector<shape> shapes() {
  std::vector<shape> all;
  // --- the endnote parser: parse_document + resolve + notes-JSONL (and the streaming path)
  auto many_notes = [](std::size_t n) {
    std::string d;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string w = cap(letters(i));
      d += std::to_string(i + 1) + ". " + w + " " + cap(letters(i * 7 + 3)) + ", “The " + w + " question,” " +
           (i % 2 ? "Kommersant" : "Foreign Affairs") + ", May " + std::to_string(1 + i % 28) +
           ", 2020, https://example.org/" + letters(i) + ".\n";
    }
    return d;
  };
  all.push_back({"parser", "many_notes", 60, many_notes, run_notes});
  all.push_back({"parser", "stream_many_notes", 60, many_notes, run_stream});
  all.push_back({"parser", "huge_line", 1000, [](std::size_t n) {
                   std::string d;
                   for (std::size_t i = 0; i < n; ++i) d += "Smith, “A Title,” Venue, May 5, 2020, https://example.org/x; ";
                   return d;
                 }, run_notes});
  all.push_back({"parser", "long_note", 16, [](std::size_t n) {  // one note up to 16,000 bytes (below the 20,000 cut)
                   std::string d = "1. ";
                   for (std::size_t i = 0; i < n; ++i) d += "Smith, “A Title,” Venue, May 5, 2020, https://example.org/x; ";
                   return d;
                 }, run_notes});
  all.push_back({"parser", "all_ibid", 200, [](std::size_t n) {
                   std::string d = "1. Lo, “Axis of Convenience,” Foreign Affairs, 2008, https://example.org/a.\n";
                   for (std::size_t i = 2; i <= n; ++i) d += std::to_string(i) + (i % 2 ? ". Ibid., 45.\n" : ". Там же. С. 5.\n");
                   return d;
                 }, run_notes});
  all.push_back({"parser", "short_forms", 150, [](std::size_t n) {  // n works, one family prefix, then n short forms
                   std::string d;
                   std::size_t k = 1;
                   for (std::size_t i = 0; i < n; ++i)
                     d += std::to_string(k++) + ". John Smith" + letters(i) + ", “Russia and " + cap(letters(i)) +
                          " relations,” Foreign Affairs, 2020.\n";
                   for (std::size_t i = 0; i < n; ++i)
                     d += std::to_string(k++) + ". Smith" + letters(n - 1 - i) + ", “Russia and " + cap(letters(n - 1 - i)) + ",” 5.\n";
                   return d;
                 }, run_notes});
  all.push_back({"parser", "many_authors", 40, [](std::size_t n) {
                   std::string d = "1. ";
                   for (std::size_t i = 0; i < n; ++i) d += cap(letters(i)) + " " + cap(letters(i + 9)) + ", ";
                   d += "and Ann Last, “A Title,” Venue, 2020.\n";
                   return d;
                 }, run_notes});
  all.push_back({"parser", "nested_quotes_brackets", 100, [](std::size_t n) {
                   std::string open, close;
                   const char* o[] = {"(", "«", "“", "[", "„", "‘"};
                   const char* c[] = {")", "»", "”", "]", "“", "’"};
                   for (std::size_t i = 0; i < n; ++i) {
                     open += o[i % 6];
                     close.insert(0, c[i % 6]);
                   }
                   return "1. Smith, " + open + "Title" + close + " Venue, 2020.\n";
                 }, run_notes});
  all.push_back({"parser", "nested_parentheses", 100, [](std::size_t n) {
                   return "1. Smith, A Title " + std::string(n, '(') + "x" + std::string(n, ')') + " Venue 2020.\n";
                 }, run_notes});
  all.push_back({"parser", "punctuation_runs", 1000, [](std::size_t n) {
                   std::string d = "1. Smith, “Title,” ";
                   const char* p[] = {".", ",", ";", ":", "—", "!", "?", " ", "//", "–"};
                   for (std::size_t i = 0; i < n; ++i) d += p[(i * 7) % 10];
                   return d + " 2020.\n";
                 }, run_notes});
  // --- importers
  all.push_back({"importers", "bibtex_deep_braces", 200, [](std::size_t n) {
                   return "@article{k, title = {" + std::string(n, '{') + "x" + std::string(n, '}') + "}, year = 2020}\n";
                 }, [](const std::string& s) { sink = sink + bicite::bibtex::read(s).references.size(); }});
  all.push_back({"importers", "bibtex_many_strings", 100, [](std::size_t n) {
                   std::string d;
                   for (std::size_t i = 0; i < n; ++i) d += "@string{s" + letters(i) + " = \"Value " + letters(i) + "\"}\n";
                   for (std::size_t i = 0; i < n; ++i)
                     d += "@article{k" + letters(i) + ", title = s" + letters(i) + ", journal = s" + letters(n - 1 - i) + ", year = 2020}\n";
                   return d;
                 }, [](const std::string& s) { sink = sink + bicite::bibtex::read(s).references.size(); }});
  all.push_back({"importers", "bibtex_long_concat", 200, [](std::size_t n) {
                   std::string d = "@string{a = \"x\"}\n@article{k, title = a";
                   for (std::size_t i = 0; i < n; ++i) d += i % 2 ? " # a" : " # \"yz\"";
                   return d + ", year = 2020}\n";
                 }, [](const std::string& s) { sink = sink + bicite::bibtex::read(s).references.size(); }});
  all.push_back({"importers", "ris_many_records", 100, [](std::size_t n) {
                   std::string d;
                   for (std::size_t i = 0; i < n; ++i)
                     d += "TY  - JOUR\nAU  - Smith, John\nTI  - Title " + letters(i) + "\nJO  - Journal\nPY  - 2020\nSP  - 1\nEP  - 9\nER  - \n";
                   return d;
                 }, [](const std::string& s) { sink = sink + bicite::ris::read(s).references.size(); }});
  all.push_back({"importers", "ris_long_record", 100, [](std::size_t n) {
                   std::string d = "TY  - JOUR\nTI  - A Title\n";
                   for (std::size_t i = 0; i < n; ++i) d += "AU  - " + cap(letters(i)) + ", John\nKW  - word" + letters(i) + "\n";
                   return d + "ER  - \n";
                 }, [](const std::string& s) { sink = sink + bicite::ris::read(s).references.size(); }});
  all.push_back({"importers", "csljson_many_items", 60, [](std::size_t n) {
                   std::string d = "[";
                   for (std::size_t i = 0; i < n; ++i)
                     d += (i ? "," : "") + csl_item(i, "{\"family\":\"" + cap(letters(i)) + "\",\"given\":\"John\"}", "Title " + letters(i));
                   return d + "]";
                 }, [](const std::string& s) { sink = sink + bicite::csljson::read(s).references.size(); }});
  all.push_back({"importers", "csljson_deep_nesting", 15, [](std::size_t n) {  // two levels a unit: 16x = 480 levels, under the 512 limit
                   std::string open, close;
                   for (std::size_t i = 0; i < n; ++i) {
                     open += "{\"a\":[";
                     close += "]}";
                   }
                   return "[{\"id\":\"x\",\"type\":\"book\",\"title\":\"T\",\"custom\":" + open + "1" + close + "}]";
                 }, [](const std::string& s) { sink = sink + bicite::csljson::read(s).references.size(); }});
  // --- the CSL renderer (apa): many names, many items, long strings
  all.push_back({"renderer", "csl_many_names", 30, [](std::size_t n) {
                   std::string a;
                   for (std::size_t i = 0; i < n; ++i)
                     a += std::string(i ? "," : "") + "{\"family\":\"" + cap(letters(i)) + "\",\"given\":\"John " + cap(letters(i + 5)) + "\"}";
                   return "[" + csl_item(0, a, "A Title") + "]";
                 }, run_csl});
  all.push_back({"renderer", "csl_many_items", 20, [](std::size_t n) {
                   std::string d = "[";
                   for (std::size_t i = 0; i < n; ++i)
                     d += (i ? "," : "") + csl_item(i, "{\"family\":\"" + cap(letters(i)) + "\",\"given\":\"John\"}", "Title " + letters(i));
                   return d + "]";
                 }, run_csl});
  all.push_back({"renderer", "csl_long_strings", 30, [](std::size_t n) {
                   std::string t;
                   for (std::size_t i = 0; i < n; ++i) t += "word " + letters(i) + " and more words, ";
                   return "[" + csl_item(0, "{\"family\":\"Smith\",\"given\":\"John\"}", t) + "]";
                 }, run_csl});
  return all;
}

// ---------------------------------------------------------------- the measured call

extern "C" __attribute__((noinline)) void bicite_limits_measure(const shape& s, const std::string& input) {
#if PROBE_HAVE_CALLGRIND
  CALLGRIND_TOGGLE_COLLECT;
#endif
  s.run(input);
#if PROBE_HAVE_CALLGRIND
  CALLGRIND_TOGGLE_COLLECT;
#endif
}

bool selected(const shape& s, const std::string& what) { return what == "all" || what == s.group || what == s.name; }

int run_shapes(const std::string& what, std::size_t factor) {
  int count = 0;
  for (const auto& s : shapes()) {
    if (!selected(s, what)) continue;
    ++count;
    s.run(s.make(std::max<std::size_t>(1, s.base / 4)));  // warm-up: lazy tables, locales, styles
    for (const std::size_t mult : {std::size_t{1}, factor}) {
      const std::string input = s.make(s.base * mult);
      bicite_limits_measure(s, input);
#if PROBE_HAVE_CALLGRIND
      const std::string label = s.name + "@" + std::to_string(mult) + "@" + std::to_string(input.size());
      CALLGRIND_DUMP_STATS_AT(label.c_str());
#endif
    }
  }
  return count;
}

std::string self_path() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("limits_probe") : p.string();
}

std::string find_valgrind(const std::string& given) {
  if (!given.empty()) return std::filesystem::exists(given) ? given : std::string();
  for (const char* p : {"/usr/bin/valgrind", "/usr/local/bin/valgrind"})
    if (std::filesystem::exists(p)) return p;
  return {};
}

struct dump {
  std::string shape;
  std::size_t mult = 0, bytes = 0;
  unsigned long long ir = 0;
};

// Reads callgrind's dump files: "desc: Trigger: Client Request: shape@mult@bytes" and "totals: N".
std::vector<dump> read_dumps(const std::filesystem::path& dir) {
  std::vector<dump> out;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(f.path());
    std::string line;
    dump d;
    bool labelled = false;
    while (std::getline(in, line)) {
      const std::string trig = "desc: Trigger: Client Request: ";
      if (line.rfind(trig, 0) == 0) {
        std::string label = line.substr(trig.size());
        const auto a = label.find('@'), b = label.rfind('@');
        if (a == std::string::npos || b == a) continue;
        d.shape = label.substr(0, a);
        d.mult = std::stoul(label.substr(a + 1, b - a - 1));
        d.bytes = std::stoul(label.substr(b + 1));
        labelled = true;
      } else if (line.rfind("totals:", 0) == 0 || line.rfind("summary:", 0) == 0) {
        d.ir = std::stoull(line.substr(line.find(':') + 1));
      }
    }
    if (labelled) out.push_back(d);
  }
  return out;
}

/// 77 (ctest: skipped) for a missing requirement, or 1 under CI (CI set, not "false" or "0"), where
/// install-deps.sh --test installs everything a test needs.
int missing_requirement() {
  const char* ci = std::getenv("CI");
  const bool under_ci = ci && *ci && std::string(ci) != "false" && std::string(ci) != "0";
  if (under_ci) std::cout << "FAILED: CI requires it\n";
  return under_ci ? 1 : 77;
}

int check(const std::string& what, const std::string& valgrind_given, double max_ratio, std::size_t factor) {
  const std::string valgrind = find_valgrind(valgrind_given);
  if (valgrind.empty()) {
    std::cout << "SKIPPED: valgrind is not installed (sh cmake/install-deps.sh --test installs it); "
                 "the linearity check needs callgrind's instruction counts\n";
    return missing_requirement();
  }
#if !PROBE_HAVE_CALLGRIND
  std::cout << "SKIPPED: <valgrind/callgrind.h> was missing when the probe was built; re-run cmake after installing valgrind\n";
  return missing_requirement();
#endif
  const auto dir = std::filesystem::temp_directory_path() / ("bicite_limits_" + std::to_string(::getpid()) + "_" + what);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string cmd = valgrind + " --tool=callgrind --collect-atstart=no --callgrind-out-file=" + (dir / "cg").string() +
                          " " + self_path() + " --run " + what + " --factor " + std::to_string(factor) + " > " +
                          (dir / "log").string() + " 2>&1";
  const int rc = std::system(cmd.c_str());
  auto dumps = read_dumps(dir);
  if (rc != 0 || dumps.empty()) {
    std::ifstream log(dir / "log");
    std::cout << "FAILED: " << cmd << " (exit " << rc << ")\n" << log.rdbuf() << "\n";
    std::filesystem::remove_all(dir);
    return 1;
  }
  std::filesystem::remove_all(dir);
  std::map<std::string, std::map<std::size_t, dump>> by_shape;
  for (const auto& d : dumps) by_shape[d.shape][d.mult] = d;
  int failures = 0;
  std::printf("%-26s %12s %12s %14s %14s %7s  (limit %.1f)\n", "shape", "bytes 1x", "bytes 16x", "Ir 1x", "Ir 16x", "ratio",
              max_ratio);
  for (const auto& s : shapes()) {
    if (!selected(s, what)) continue;
    const auto it = by_shape.find(s.name);
    if (it == by_shape.end() || !it->second.count(1) || !it->second.count(factor)) {
      std::printf("%-26s missing measurement\n", s.name.c_str());
      ++failures;
      continue;
    }
    const auto& a = it->second.at(1);
    const auto& b = it->second.at(factor);
    const double ratio = a.ir ? static_cast<double>(b.ir) / static_cast<double>(a.ir) : 0.0;
    const bool ok = a.ir > 0 && ratio <= max_ratio;
    if (!ok) ++failures;
    std::printf("%-26s %12zu %12zu %14llu %14llu %7.2f  %s\n", s.name.c_str(), a.bytes, b.bytes, a.ir, b.ir, ratio,
                ok ? "ok" : "SUPER-LINEAR");
  }
  return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode, what = "all", valgrind;
  double max_ratio = 24.0;
  std::size_t factor = 16;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
    if (a == "--check" || a == "--run") {
      mode = a;
      what = next();
    } else if (a == "--list") {
      mode = a;
    } else if (a == "--valgrind") {
      valgrind = next();
    } else if (a == "--max-ratio") {
      max_ratio = std::stod(next());
    } else if (a == "--factor") {
      factor = std::stoul(next());
    } else {
      std::cerr << "usage: limits_probe --check|--run GROUP|SHAPE|all [--valgrind PATH] [--max-ratio R] [--factor F] | --list\n";
      return 2;
    }
  }
  if (mode == "--list") {
    for (const auto& s : shapes()) std::cout << s.group << "\t" << s.name << "\t" << s.base << "\n";
    return 0;
  }
  if (mode == "--run") return run_shapes(what, factor) > 0 ? 0 : 2;
  if (mode == "--check") return check(what, valgrind, max_ratio, factor);
  std::cerr << "usage: limits_probe --check|--run GROUP|SHAPE|all | --list\n";
  return 2;
}
