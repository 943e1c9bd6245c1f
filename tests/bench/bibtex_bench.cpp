// Export and import of N generated mixed Russian/English entries (default 100,000) with bicite,
// against citation-js on the same data in the same run when it is installed (npm install citation-js
// in /tmp/peer-citationjs, or the folder named by BICITE_PEER_CITATIONJS).
//   bench_bibtex [N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <bicite/bibtex.hpp>
#include <bicite/csljson.hpp>

#include "export/corpus.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

static double seconds_since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::stoul(argv[1]) : 100000;
  const auto items = bicite_test::generate_corpus(n, 42);

  auto t0 = clock_type::now();
  const std::string bib = bicite::bibtex::write(items);
  const double export_s = seconds_since(t0);
  t0 = clock_type::now();
  const auto back = bicite::bibtex::read(bib);
  const double import_s = seconds_since(t0);
  if (back.references.size() != n) {
    std::fprintf(stderr, "import read %zu of %zu entries\n", back.references.size(), n);
    return 1;
  }
  std::printf("bicite      export %8.3f s  %10.0f entries/s   import %8.3f s  %10.0f entries/s  (%zu entries, %.1f MB)\n",
              export_s, n / export_s, import_s, n / import_s, n, bib.size() / 1e6);

  const char* peer_env = std::getenv("BICITE_PEER_CITATIONJS");
  const fs::path peer = peer_env ? peer_env : "/tmp/peer-citationjs";
  if (!fs::exists(peer / "node_modules" / "citation-js")) {
    std::printf("citation-js: not installed in %s (cd %s && npm install citation-js); no comparison\n", peer.c_str(), peer.c_str());
    return 0;
  }
  const fs::path dir = fs::temp_directory_path() / "bicite-bibtex-bench";
  fs::create_directories(dir);
  bicite::csl_json_write_options jo;
  jo.indent = -1;
  bicite_test::write_file((dir / "items.json").string(), bicite::write_csl_json(items, jo));
  bicite_test::write_file((dir / "items.bib").string(), bib);
  const std::string script = std::string(BICITE_SOURCE_DIR) + "/tests/export/peer/citationjs_bench.js";
  auto r = bicite_test::run("NODE_PATH='" + (peer / "node_modules").string() + "' node --max-old-space-size=8192 '" + script +
                            "' '" + (dir / "items.json").string() + "' '" + (dir / "items.bib").string() + "'");
  if (r.exit_code != 0) {
    std::printf("citation-js: failed (exit %d)\n%s\n", r.exit_code, r.out.c_str());
    return 1;
  }
  double peer_export = 0, peer_import = 0;
  std::size_t imported = 0;
  std::sscanf(r.out.c_str() + r.out.find("\"export_seconds\":") + 17, "%lf", &peer_export);
  std::sscanf(r.out.c_str() + r.out.find("\"import_seconds\":") + 17, "%lf", &peer_import);
  std::sscanf(r.out.c_str() + r.out.find("\"imported\":") + 11, "%zu", &imported);
  std::printf("citation-js export %8.3f s  %10.0f entries/s   import %8.3f s  %10.0f entries/s  (%zu imported)\n",
              peer_export, n / peer_export, peer_import, n / peer_import, imported);
  std::printf("speed-up    export %.1fx   import %.1fx\n", peer_export / export_s, peer_import / import_s);
  return 0;
}
