// The link-checker soak: 50,000 URLs against local hostile servers (see tests/links/soak.hpp), with the
// polite defaults (64 in flight, 6 per host, 50 ms gap, 10 s deadline, 3 retries), then the command
// interrupted by SIGINT and resumed on its cache. Run by hand (minutes, not a ctest):
//   bench_soak_links [--urls N] [--procs P] [--ports K] [--bound S] [--interrupt-after S]
//                    [--exe PATH/bicite | --no-command]
// Exit status 0 when every requirement held (one verdict per URL, same URL set, on time, descriptors
// back to where they were, RSS growth from 10 % to 100 % under 1 KiB per URL, valid partial report
// and cache).
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "links/soak.hpp"

int main(int argc, char** argv) {
  soak::config c;
  c.urls = 50000;
  c.hostile_procs = 4;
  c.ports_per_proc = 5;
  c.soak_ports = 3;
  c.time_bound_s = 600;
  double interrupt_after = 60;
  std::string exe;
  bool command = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--urls") c.urls = std::atoi(next().c_str());
    else if (a == "--procs") c.hostile_procs = std::atoi(next().c_str());
    else if (a == "--ports") c.ports_per_proc = std::atoi(next().c_str());
    else if (a == "--bound") c.time_bound_s = std::atof(next().c_str());
    else if (a == "--interrupt-after") interrupt_after = std::atof(next().c_str());
    else if (a == "--exe") exe = next();
    else if (a == "--no-command") command = false;
    else {
      std::cerr << "usage: bench_soak_links [--urls N] [--procs P] [--ports K] [--bound S] [--interrupt-after S] "
                   "[--exe PATH/bicite | --no-command]\n";
      return 2;
    }
  }
  if (exe.empty()) {
    // the build tree's command, next to this program: <build>/tests/bench/ → <build>/examples/bicite
    std::string self(argv[0]);
    const auto slash = self.rfind('/');
    exe = (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/../../examples/bicite";
  }
  bool ok = true;
  auto require = [&](bool cond, const char* what) {
    if (!cond) std::cerr << "FAILED: " << what << "\n";
    ok = ok && cond;
  };

  soak::servers servers(c);
  const auto rows = servers.make_rows();
  std::cerr << "soak: " << rows.size() << " URLs, " << servers.hosts() << " hosts (" << c.hostile_procs
            << " hostile_web.py × " << c.ports_per_proc << " ports" << (c.tls ? " + 1 TLS" : "") << ", soak_server.py "
            << c.soak_ports << " ports + 1 flipping), bound " << c.time_bound_s << " s\n";
  const auto r = soak::run_in_process(rows, c);
  std::cerr << soak::format_run(r, servers.hosts());
  require(r.reports == rows.size() && r.callbacks == rows.size(), "one verdict per URL");
  require(r.same_url_set && r.duplicate_reports == 0, "reported URLs == input URLs");
  require(r.interrupted == 0 && r.wall_s < c.time_bound_s, "finished inside the time bound");
  require(r.fds_after == r.fds_before, "descriptors back to where they were");
  // kB of growth < URLs: under 1 KiB per URL (the reports themselves are allocated before the run)
  require(r.samples.size() == 3 && r.samples[2].rss_kb - r.samples[0].rss_kb < static_cast<long>(rows.size()),
          "RSS growth from 10 % to 100 % under 1 KiB per URL");
  if (command) {
    const auto i = soak::run_interrupted(exe, rows, c, interrupt_after, "/tmp");
    std::cerr << soak::format_interrupt(i);
    require(i.exit_code == 130, "exit code 130 after SIGINT");
    require(i.report_valid && i.entries == rows.size() && i.same_url_set, "partial report valid, every URL once");
    require(i.finished + i.interrupted == rows.size() && i.interrupted > 0, "finished + interrupted = all");
    require(i.cache_valid && i.cache_matches && !i.tmp_left, "cache valid and holds every finished cacheable verdict");
    require(i.resume_valid && i.resume_rows == rows.size() && i.resume_interrupted == 0 && i.resume_same_url_set,
            "resumed run complete");
    require(i.resume_from_cache == i.cache_lines, "resumed run reused every cached verdict");
  }
  std::cerr << (ok ? "soak: all requirements held\n" : "soak: FAILED\n");
  return ok ? 0 : 1;
}
