// Export and import of N generated mixed Russian/English entries (default 100,000) with bicite,
// against citation-js on the same data in the same run when it is installed (npm install citation-js
// in /tmp/peer-citationjs, or the folder named by BICITE_PEER_CITATIONJS). Each side exports and
// imports ROUNDS times (default 5) in its own process and the median of each figure is reported:
// the machines are noisy. With 5 rounds the median is a warm round for both sides (the first round
// of a process pays for first-touching its memory: it is reported apart, as "first round").
// bicite runs its rounds before and again after the peer's, so that a slow phase of the machine
// does not fall on one side only.
// glibc gives freed memory back to the system when the heap's top is free, so that by default each
// round would first-touch its memory again (on these VMs a page fault costs microseconds, more than
// the work on the page); the bench keeps freed memory in the process, as a long-running program that
// converts again and again has it and as V8 keeps its heap. The first round shows the cold case; the
// fresh pages each side's first round touches, and what touching one costs here, say what it is made of.
//   bench_bibtex [N] [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <malloc.h>
#include <string>
#include <sys/mman.h>
#include <sys/resource.h>
#include <vector>

#include <bicite/bibtex.hpp>
#include <bicite/csljson.hpp>

#include "export/corpus.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

static double seconds_since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

static double cpu_since(std::clock_t c) { return double(std::clock() - c) / CLOCKS_PER_SEC; }

static long page_faults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt + u.ru_majflt;
}

// What first-touching fresh memory costs on this machine, per 4 KB page, and what writing the same
// page costs once it is backed: it decides the first round. On bare metal a fault is about the cost of
// zeroing the page; on a VM that hands memory back to its host (free page reporting) it can be far more.
struct page_cost {
  double fresh_us = 0, backed_us = 0;
};

static page_cost measure_page_cost() {
  constexpr std::size_t bytes = 64u << 20, page = 4096;
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return {};
  auto* bytes_at = static_cast<volatile char*>(p);
  auto touch = [&](char value) {
    const auto t0 = clock_type::now();
    for (std::size_t i = 0; i < bytes; i += page)
      for (std::size_t j = 0; j < page; j += 64) bytes_at[i + j] = value;  // every cache line, as real data is
    return seconds_since(t0) * 1e6 / (bytes / page);
  };
  page_cost cost;
  cost.fresh_us = touch(1);
  cost.backed_us = touch(2);
  munmap(p, bytes);
  return cost;
}

static double json_number(const std::string& json, const std::string& key) {
  const auto p = json.find("\"" + key + "\":");
  return p == std::string::npos ? 0.0 : std::atof(json.c_str() + p + key.size() + 3);
}

int main(int argc, char** argv) {
  if (mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max()) != 1 || mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) != 1)
    std::fprintf(stderr, "mallopt failed: rounds after the first may first-touch their memory again\n");
  const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 100000;
  const auto items = bicite_test::generate_corpus(n, 42);
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

  std::vector<double> ex, ex_cpu, im, im_cpu;
  std::vector<long> ex_faults, im_faults;
  std::string bib;
  auto run_rounds = [&] {
    for (int round = 0; round < rounds; ++round) {
      std::string().swap(bib);  // the last round's text is freed outside the timing
      auto f0 = page_faults();
      auto t0 = clock_type::now();
      auto c0 = std::clock();
      bib = bicite::bibtex::write(items);
      ex.push_back(seconds_since(t0));
      ex_cpu.push_back(cpu_since(c0));
      ex_faults.push_back(page_faults() - f0);
      f0 = page_faults();
      t0 = clock_type::now();
      c0 = std::clock();
      const auto back = bicite::bibtex::read(bib);
      im.push_back(seconds_since(t0));
      im_cpu.push_back(cpu_since(c0));
      im_faults.push_back(page_faults() - f0);
      if (back.references.size() != n) {
        std::fprintf(stderr, "import read %zu of %zu entries\n", back.references.size(), n);
        std::exit(1);
      }
    }  // the references are freed outside the timing
  };
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  auto report = [&] {
    std::printf("bicite      export %8.3f s  %10.0f entries/s   import %8.3f s  %10.0f entries/s  (%zu entries, %.1f MB)\n",
                median(ex), n / median(ex), median(im), n / median(im), n, bib.size() / 1e6);
    std::printf("bicite      CPU: export %10.0f entries/s   import %10.0f entries/s   (median of %zu rounds)\n",
                n / median(ex_cpu), n / median(im_cpu), ex.size());
    std::printf("bicite      first round CPU: export %10.0f entries/s   import %10.0f entries/s   page faults: export %ld  import %ld (later rounds: %ld, %ld)\n",
                n / ex_cpu[0], n / im_cpu[0], ex_faults[0], im_faults[0], ex_faults[1 % rounds], im_faults[1 % rounds]);
  };
  auto report_page_cost = [] {  // measured last: the memory it frees must not warm bicite's first round
    const auto cost = measure_page_cost();
    std::printf("this machine: first touch of a fresh 4 KB page %.2f us, writing it again %.2f us\n", cost.fresh_us,
                cost.backed_us);
  };
  run_rounds();

  const char* peer_env = std::getenv("BICITE_PEER_CITATIONJS");
  const fs::path peer = peer_env ? peer_env : "/tmp/peer-citationjs";
  if (!fs::exists(peer / "node_modules" / "citation-js")) {
    report();
    report_page_cost();
    std::printf("citation-js: not installed in %s (cd %s && npm install citation-js); no comparison\n", peer.c_str(), peer.c_str());
    return 0;
  }
  const fs::path dir = fs::temp_directory_path() / "bicite-bibtex-bench";
  fs::create_directories(dir);
  bicite::csl_json_write_options jo;
  jo.indent = -1;
  bicite_test::write_file((dir / "items.json").string(), bicite::csljson::write(items, jo));
  bicite_test::write_file((dir / "items.bib").string(), bib);
  const std::string script = std::string(BICITE_SOURCE_DIR) + "/tests/export/peer/citationjs_bench.js";
  auto r = bicite_test::run("NODE_PATH='" + (peer / "node_modules").string() + "' node --max-old-space-size=8192 '" + script +
                            "' '" + (dir / "items.json").string() + "' '" + (dir / "items.bib").string() + "' " +
                            std::to_string(rounds));
  if (r.exit_code != 0) {
    std::printf("citation-js: failed (exit %d)\n%s\n", r.exit_code, r.out.c_str());
    return 1;
  }
  run_rounds();  // again, after the peer
  report();
  const double peer_export = json_number(r.out, "export_seconds"), peer_import = json_number(r.out, "import_seconds");
  const double peer_export_cpu = json_number(r.out, "export_cpu_seconds"), peer_import_cpu = json_number(r.out, "import_cpu_seconds");
  const double first_export_cpu = json_number(r.out, "first_export_cpu_seconds"),
               first_import_cpu = json_number(r.out, "first_import_cpu_seconds");
  const auto imported = static_cast<std::size_t>(json_number(r.out, "imported"));
  std::printf("citation-js export %8.3f s  %10.0f entries/s   import %8.3f s  %10.0f entries/s  (%zu imported)\n",
              peer_export, n / peer_export, peer_import, n / peer_import, imported);
  std::printf("citation-js CPU: export %10.0f entries/s   import %10.0f entries/s   (median of %d rounds)\n",
              n / peer_export_cpu, n / peer_import_cpu, rounds);
  std::printf("citation-js first round CPU: export %10.0f entries/s   import %10.0f entries/s   page faults: export %.0f  import %.0f\n",
              n / first_export_cpu, n / first_import_cpu, json_number(r.out, "first_export_faults"),
              json_number(r.out, "first_import_faults"));
  std::printf("speed-up    wall: export %.1fx  import %.1fx   CPU: export %.1fx  import %.1fx\n", peer_export / median(ex),
              peer_import / median(im), peer_export_cpu / median(ex_cpu), peer_import_cpu / median(im_cpu));
  std::printf("speed-up    first round CPU: export %.1fx  import %.1fx\n", first_export_cpu / ex_cpu[0],
              first_import_cpu / im_cpu[0]);
  report_page_cost();
  return 0;
}
