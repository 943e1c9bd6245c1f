// Endnote parsing speed: the sample article's 93 notes repeated to 100,000 notes, parsed, resolved
// and written as notes-JSONL; notes per second and peak memory. The peer, in the same run, is the
// shared regex baseline (../shared/tools/baseline_notes.py --mode regex) on the same file.
// Then linearity: one line without breaks of 1 MB and of 20 MB.
//   bench_parse [notes=100000]
// Memory (peak RSS of a fresh process, /usr/bin/time -f %M): streaming (resolve::stream, notes-JSONL
// written note by note) against the whole-document path, on 10 MB and 100 MB of notes, the sample
// repeated (few distinct works) and made distinct (every full citation a new work).
//   bench_parse memory [MB...]            (default: 10 100)
//   bench_parse --stream FILE | --stream-csl FILE | --whole FILE   (what memory runs in a child process)
#include <bicite/csljson.hpp>
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

#include <chrono>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of this process: what "notes per second on one core" means on a shared machine.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// CPU time of finished child processes (the peer).
double children_cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string letters(std::size_t i) {
  std::string s;
  for (int k = 0; k < 4; ++k, i /= 26) s.insert(s.begin(), static_cast<char>('a' + i % 26));
  return s;
}

// Notes of the sample up to `bytes`; `distinct`: each title and link made unique, so every full
// citation is a new work (the resolver's index then grows with the input).
std::string make_notes(const std::vector<bicite::parse::note_text>& sample, std::size_t bytes, bool distinct) {
  std::string d;
  d.reserve(bytes + 4096);
  for (std::size_t i = 0; d.size() < bytes; ++i) {
    std::string t = sample[i % sample.size()].text;
    if (distinct) {
      if (const auto q = t.find("“"); q != std::string::npos) t.insert(q + 3, "Part " + letters(i) + ": ");
      if (const auto u = t.find("://"); u != std::string::npos) t.insert(u + 3, "p" + std::to_string(i) + ".");
    }
    d += std::to_string(i + 1) + ".  " + t + "\n\n";
  }
  return d;
}

// Both paths write notes-JSONL and the CSL-JSON bibliography (to /dev/null), as `bicite convert` does.
int run_child(const std::string& mode, const std::string& path) {
  std::ofstream out("/dev/null", std::ios::binary);
  std::size_t notes = 0, refs = 0;
  if (mode == "--stream" || mode == "--stream-csl") {
    // as `bicite convert --to notes-jsonl` (no bibliography kept) or `--to csl-json` (no notes written)
    const bool csl = mode == "--stream-csl";
    std::string buffer;
    auto s = bicite::resolve::stream(
        bicite::resolve::file_source(path),
        [&](const bicite::parse::parsed_note& n, const auto&) {
          if (csl) return;
          bicite::notes_jsonl::append(buffer, n);
          if (buffer.size() >= (1u << 20)) {
            out << buffer;
            buffer.clear();
          }
        },
        {}, {.references = csl});
    out << buffer;
    if (csl) out << bicite::csljson::write(s.references);
    notes = s.notes;
    refs = s.references.size();
  } else {
    const std::string text = bicite_test::read_file(path);
    auto bib = bicite::resolve::resolve(bicite::parse::parse_document(text));
    out << bicite::notes_jsonl::write(bib.document) << bicite::csljson::write(bib.references);
    notes = bib.document.notes.size();
    refs = bib.references.size();
  }
  std::printf("%zu notes, %zu works\n", notes, refs);
  return 0;
}

// Runs a command under /usr/bin/time; returns {peak RSS MB, CPU s, wall s} and the command's output line.
struct measured {
  double rss_mb = -1, cpu = -1, wall = -1;
  std::string out;
};
measured time_command(const std::string& cmd) {
  measured m;
  const auto r = bicite_test::run("/usr/bin/time -f 'TIME %M %U %S %e' " + cmd + " 2>&1");
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("TIME ", 0) == 0) {
      double kb = 0, u = 0, sy = 0, e = 0;
      std::sscanf(line.c_str(), "TIME %lf %lf %lf %lf", &kb, &u, &sy, &e);
      m.rss_mb = kb / 1024.0;
      m.cpu = u + sy;
      m.wall = e;
    } else if (m.out.empty()) {
      m.out = line;
    }
  }
  return m;
}

int run_memory(const std::vector<bicite::parse::note_text>& sample, const std::string& self, std::vector<std::size_t> sizes) {
  if (bicite_test::run("/usr/bin/time -f x true >/dev/null 2>&1").exit_code != 0) {
    std::printf("memory: skipped (/usr/bin/time is not installed: apt-get install time)\n");
    return 1;
  }
  if (sizes.empty()) sizes = {10, 100};
  const bool python = bicite_test::run("python3 --version >/dev/null 2>&1").exit_code == 0;
  std::printf("%-9s %-9s %-7s %10s %9s %9s  %s\n", "input", "works", "path", "peak RSS", "CPU s", "wall s", "result");
  for (const std::size_t mb : sizes) {
    for (const bool distinct : {false, true}) {
      const std::string path = "/tmp/bicite_parse_mem_" + std::string(distinct ? "distinct_" : "repeated_") + std::to_string(mb) + ".txt";
      bicite_test::write_file(path, make_notes(sample, mb * 1000 * 1000, distinct));
      const char* kind = distinct ? "distinct" : "repeated";
      auto show = [&](const char* name, const measured& m) {
        std::printf("%4zu MB   %-9s %-7s %7.1f MB %9.2f %9.2f  %s\n", mb, kind, name, m.rss_mb, m.cpu, m.wall, m.out.c_str());
      };
      show("stream", time_command(self + " --stream " + path));
      show("str-csl", time_command(self + " --stream-csl " + path));
      // the whole-document path needs about 20x the input: only up to 25 MB
      if (mb <= 25) show("whole", time_command(self + " --whole " + path));
      if (python && !distinct)
        show("peer", time_command("sh -c 'exec python3 " + bicite_test::shared_path("tools/baseline_notes.py") + " " + path +
                                  " --mode regex > /dev/null'"));
      std::remove(path.c_str());
    }
  }
  std::printf("stream: bicite::resolve::stream writing notes-JSONL (as bicite convert --to notes-jsonl); str-csl: the same "
              "writing the CSL-JSON bibliography (--to csl-json); whole: parse_document + resolve + notes_jsonl::write + "
              "csljson::write; peer: baseline_notes.py --mode regex (Python, a simpler job)\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && (std::string(argv[1]) == "--stream" || std::string(argv[1]) == "--stream-csl" || std::string(argv[1]) == "--whole"))
    return run_child(argv[1], argv[2]);
  if (argc >= 2 && std::string(argv[1]) == "memory") {
    const std::string article = bicite_test::read_file(bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt"));
    std::vector<std::size_t> sizes;
    for (int i = 2; i < argc; ++i) sizes.push_back(std::stoul(argv[i]));
    char self[4096] = {};
    const auto len = readlink("/proc/self/exe", self, sizeof self - 1);
    return run_memory(bicite::parse::find_notes(article).notes, len > 0 ? std::string(self, static_cast<std::size_t>(len)) : std::string(argv[0]), sizes);
  }
  const std::size_t target = argc > 1 ? std::stoul(argv[1]) : 100000;
  const std::string article = bicite_test::read_file(bicite_test::shared_path("corpus/weitz-2024-view-from-russia.txt"));
  const auto sample = bicite::parse::find_notes(article).notes;
  if (sample.empty()) {
    std::cerr << "no notes in the sample\n";
    return 1;
  }
  std::string doc;
  doc.reserve(target * 260);
  for (std::size_t i = 0; i < target; ++i)
    doc += std::to_string(i + 1) + ".  " + sample[i % sample.size()].text + "\n\n";
  const std::string path = "/tmp/bicite_parse_bench_notes.txt";
  bicite_test::write_file(path, doc);

  const long rss_before = peak_rss_kb();
  auto t0 = std::chrono::steady_clock::now();
  const double c0 = cpu_seconds();
  auto parsed = bicite::parse::parse_document(doc);
  const double c_parse = cpu_seconds() - c0;
  const double n = static_cast<double>(parsed.notes.size());
  const double c1 = cpu_seconds();
  const auto bib = bicite::resolve::resolve(std::move(parsed));
  const double c_resolve = cpu_seconds() - c1;
  const double c2 = cpu_seconds();
  const std::string jsonl = bicite::notes_jsonl::write(bib.document);
  const double c_write = cpu_seconds() - c2;
  const double c_total = cpu_seconds() - c0;
  const double wall = seconds_since(t0);
  const long rss_after = peak_rss_kb();
  std::printf("input: %.0f notes, %.1f MB\n", n, doc.size() / 1e6);
  std::printf("bicite (CPU seconds): parse %.3f, resolve %.3f, write %.3f; %.0f notes/s parse only, "
              "%.0f notes/s parse+resolve+write (wall %.3f s); %zu bibliography entries\n",
              c_parse, c_resolve, c_write, n / c_parse, n / c_total, wall, bib.references.size());
  std::printf("bicite: peak RSS %.1f MB (%.1f MB before parsing); output %.1f MB\n", rss_after / 1024.0,
              rss_before / 1024.0, jsonl.size() / 1e6);

  // the same with the rules alone (--parser rules): the labeller's share of the time
  {
    bicite::parse::options rules_only;
    rules_only.reader = bicite::parse::field_reader::rules;
    const double r0 = cpu_seconds();
    auto p = bicite::parse::parse_document(doc, rules_only);
    const double r_parse = cpu_seconds() - r0;
    const auto b = bicite::resolve::resolve(std::move(p));
    const std::string j = bicite::notes_jsonl::write(b.document);
    const double r_total = cpu_seconds() - r0;
    std::printf("bicite, rules reader (CPU seconds): parse %.3f; %.0f notes/s parse only, %.0f notes/s "
                "parse+resolve+write; output %.1f MB\n",
                r_parse, n / r_parse, n / r_total, j.size() / 1e6);
  }

  // the peer: the shared regex baseline on the same file
  if (bicite_test::run("python3 --version >/dev/null 2>&1").exit_code == 0) {
    const std::string cmd = "python3 " + bicite_test::shared_path("tools/baseline_notes.py") + " " + path +
                            " --mode regex > /tmp/bicite_parse_bench_peer.jsonl";
    auto p0 = std::chrono::steady_clock::now();
    const double pc0 = children_cpu_seconds();
    const auto r = bicite_test::run(cmd);
    const double t_peer = seconds_since(p0);
    const double c_peer = children_cpu_seconds() - pc0;
    std::printf("peer (baseline_notes.py --mode regex, python3, read+parse+write): CPU %.3f s, %.0f notes/s "
                "(wall %.3f s), exit %d\n",
                c_peer, n / c_peer, t_peer, r.exit_code);
  } else {
    std::printf("peer: skipped (no python3)\n");
  }

  // linearity: one line without breaks
  auto line_time = [](std::size_t bytes) {
    std::string line;
    line.reserve(bytes + 100);
    while (line.size() < bytes) line += "Smith, “A Title,” Venue, May 5, 2020, https://example.org/x; ";
    const double s0 = cpu_seconds();
    const auto d = bicite::parse::parse_document(line);
    const double t = cpu_seconds() - s0;
    std::printf("one line of %.0f MB without breaks: %.3f CPU s, %zu note(s), %zu diagnostic(s)\n", bytes / 1e6, t,
                d.notes.size(), d.diagnostics.size());
    return t;
  };
  const double t1mb = line_time(1u << 20);
  const double t20mb = line_time(20u << 20);
  std::printf("20 MB / 1 MB time ratio: %.1f (linear would be about 20 or less)\n", t20mb / t1mb);
  // 1 MB and 20 MB of notes: time per note stays flat
  auto notes_time = [&](std::size_t bytes) {
    std::string d;
    std::size_t n = 0;
    while (d.size() < bytes) {
      d += std::to_string(n + 1) + ". " + sample[n % sample.size()].text + "\n";
      ++n;
    }
    const double s0 = cpu_seconds();
    const auto p = bicite::parse::parse_document(d);
    const double t = cpu_seconds() - s0;
    std::printf("%.0f MB of notes (%zu notes): %.3f CPU s, %.1f us/note\n", bytes / 1e6, p.notes.size(), t, t * 1e6 / static_cast<double>(p.notes.size()));
    return t;
  };
  const double n1 = notes_time(1u << 20);
  const double n20 = notes_time(20u << 20);
  std::printf("20 MB / 1 MB notes time ratio: %.1f\n", n20 / n1);
  return 0;
}
