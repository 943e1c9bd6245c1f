// Link-check benchmark: checks the URLs of a `hostile_web.py PORT --gen-json N` file and prints one
// JSON line: wall time, peak memory, and how many verdicts are ideal / acceptable for their case.
// Run by tests/bench/run_links_bench.sh, which also runs linkinator (and linkchecker) on the same URLs.
//   bench_links_bench ROWS.json [--concurrency 100] [--per-host 0] [--timeout 10] [--out REPORTS.json]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>
#include <string>

#include <bicite/links.hpp>
#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_links_bench ROWS.json [--concurrency N] [--per-host N] [--gap-ms N] [--timeout S] [--out FILE]\n";
    return 2;
  }
  bicite::links::check_options o;
  o.concurrency = 100;
  o.per_host = 0;
  o.host_gap_ms = 0;
  o.timeout_s = 10;
  std::string out_file;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const std::string v = argv[i + 1];
    if (k == "--concurrency") o.concurrency = std::stoi(v);
    else if (k == "--per-host") o.per_host = std::stoi(v);
    else if (k == "--gap-ms") o.host_gap_ms = std::stoi(v);
    else if (k == "--timeout") o.timeout_s = std::stod(v);
    else if (k == "--out") out_file = v;
  }
  std::ifstream in(argv[1]);
  std::stringstream s;
  s << in.rdbuf();
  const auto rows = nlohmann::json::parse(s.str());
  std::vector<std::string> urls;
  for (const auto& r : rows) urls.push_back(r["url"].get<std::string>());

  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::pair<double, std::string>> finished;  // when each verdict came, for the tail
  const auto reports = bicite::links::check(urls, o, [&](const bicite::links::link_report& r, const bicite::links::progress& p) {
    finished.emplace_back(p.elapsed_s, r.url);
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  int ideal = 0, acceptable = 0;
  nlohmann::json wrong = nlohmann::json::object();
  for (std::size_t i = 0; i < rows.size() && i < reports.size(); ++i) {
    const std::string got(bicite::links::to_string(reports[i].result));
    bool ok = got == rows[i]["expected"];
    ideal += ok;
    for (const auto& a : rows[i]["acceptable"]) ok = ok || got == a;
    acceptable += ok;
    if (!ok) wrong[rows[i]["case"].get<std::string>() + " -> " + got] = wrong.value(rows[i]["case"].get<std::string>() + " -> " + got, 0) + 1;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  nlohmann::json line = {{"tool", "bicite"},          {"urls", urls.size()},
                         {"wall_s", wall},            {"peak_rss_mb", static_cast<double>(ru.ru_maxrss) / 1024.0},
                         {"ideal", ideal},            {"acceptable", acceptable},
                         {"wrong", wrong},            {"concurrency", o.concurrency},
                         {"timeout_s", o.timeout_s}};
  if (std::getenv("BICITE_BENCH_TAIL")) {
    std::map<std::string, std::string> case_of;
    for (const auto& r : rows) case_of[r["url"].get<std::string>()] = r["case"].get<std::string>();
    for (std::size_t i = finished.size() > 15 ? finished.size() - 15 : 0; i < finished.size(); ++i)
      std::cerr << finished[i].first << " s  " << case_of[finished[i].second] << "\n";
    std::map<int, int> per_half_second;
    for (const auto& f : finished) per_half_second[static_cast<int>(f.first * 2)]++;
    for (const auto& [k, n] : per_half_second) std::cerr << k * 0.5 << "s:" << n << " ";
    std::cerr << "\n";
    for (double q : {0.5, 0.9, 0.99})
      std::cerr << "p" << q * 100 << ": " << finished[static_cast<std::size_t>(q * (finished.size() - 1))].first << " s\n";
  }
  std::cout << line.dump() << "\n";
  if (!out_file.empty()) std::ofstream(out_file) << bicite::links::write_json(reports);
  return 0;
}
