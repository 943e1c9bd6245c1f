// bench_translit_bench FILE [SCHEME...]: in-process transliteration throughput of bicite::translit on a
// Russian text (default schemes bgn_pcgn and gost_779_alt), after checking that every sample of
// those schemes in ../shared/translit/iuliia still passes (ё compared as Latin ë). The whole-process
// comparison with ICU's uconv is tests/bench/run_translit_bench.sh.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <bicite/translit.hpp>

#include "support.hpp"

namespace {

std::string latin_yo(std::string s) {
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"ё", "ë"}, {"Ё", "Ë"}})
    for (std::size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
  return s;
}

bool samples_pass(const std::string& scheme) {
  const std::string path = bicite_test::shared_path("translit/iuliia/" + scheme + ".json");
  std::string content;
  try {
    content = bicite_test::read_file(path);
  } catch (const std::exception&) {
    std::printf("%-14s no samples at %s\n", scheme.c_str(), path.c_str());
    return true;
  }
  int bad = 0, total = 0;
  const auto json = nlohmann::json::parse(content);
  for (const auto& s : json.at("samples")) {
    ++total;
    const auto got = bicite::translit::transliterate(s.at(0).get<std::string>(), scheme);
    if (!got || *got != latin_yo(s.at(1).get<std::string>())) ++bad;
  }
  std::printf("%-14s samples: %d/%d identical\n", scheme.c_str(), total - bad, total);
  return bad == 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_translit_bench FILE [SCHEME...]\n");
    return 2;
  }
  const std::string text = bicite_test::read_file(argv[1]);
  std::vector<std::string> schemes;
  for (int i = 2; i < argc; ++i) schemes.emplace_back(argv[i]);
  if (schemes.empty()) schemes = {"bgn_pcgn", "gost_779_alt"};
  bool ok = true;
  for (const auto& scheme : schemes) {
    ok = samples_pass(scheme) && ok;
    std::string out;
    out.reserve(text.size() * 2);
    double best = 1e9;
    for (int run = 0; run < 5; ++run) {
      out.clear();
      const auto start = std::chrono::steady_clock::now();
      if (!bicite::translit::transliterate_to(out, text, scheme)) {
        std::fprintf(stderr, "unknown scheme %s\n", scheme.c_str());
        return 2;
      }
      best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("%-14s %.1f MB in %.3f s: %.0f MB/s (in-process, best of 5), output %.1f MB\n", scheme.c_str(),
                text.size() / 1e6, best, text.size() / 1e6 / best, out.size() / 1e6);
  }
  return ok ? 0 : 1;
}
