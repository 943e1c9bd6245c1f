// The small soak (the 50,000-URL one is tests/bench/soak_links.cpp): 2,000 URLs against 11 hostile
// hosts, one verdict each, on time, flat descriptors; then the command interrupted by SIGINT leaves a
// valid partial report and cache, and a resumed run on that cache finishes the rest.
#include <doctest/doctest.h>

#include <iostream>

#include "soak.hpp"

namespace {

soak::config small_config() {
  soak::config c;
  c.urls = 2000;
  c.hostile_procs = 2;
  c.ports_per_proc = 3;
  c.soak_ports = 2;
  c.time_bound_s = 60;
  c.exclude = "slow_ok";  // answers after 3 s: fine under the default 10 s deadline, not under this one
  auto& o = c.options;
  o.concurrency = 64;
  o.per_host = 6;
  o.host_gap_ms = 0;
  o.connect_timeout_s = 2;
  o.timeout_s = 3;
  o.retries = 2;
  o.backoff_s = 0.1;
  o.retry_after_cap_s = 4;
  return c;
}

}  // namespace

TEST_CASE("soak: 2,000 hostile URLs, one verdict each, on time, no descriptor leak; SIGINT leaves a valid report and cache" * doctest::test_suite("shared")) {
  const soak::config c = small_config();
  soak::servers servers(c);
  const auto rows = servers.make_rows();
  REQUIRE(rows.size() == static_cast<std::size_t>(c.urls));

  const auto r = soak::run_in_process(rows, c);
  std::cerr << "soak (small): " << soak::format_run(r, servers.hosts());
  CHECK(r.reports == rows.size());
  CHECK(r.callbacks == rows.size());
  CHECK(r.same_url_set);
  CHECK(r.duplicate_reports == 0);
  CHECK(r.interrupted == 0);  // the watchdog did not have to stop the run
  CHECK(r.wall_s < c.time_bound_s);
  CHECK(r.fds_after == r.fds_before);
  CHECK(r.fds_max <= r.fds_before + c.options.concurrency + 8);
  REQUIRE(r.samples.size() == 3);
  // verdicts are right, give or take what a loaded machine does to a 3 s deadline
  CHECK(r.acceptable >= rows.size() * 97 / 100);

  // the command, interrupted a little into the run, then resumed on its cache
  const double after = std::max(1.5, r.wall_s * 0.25);
  const auto i = soak::run_interrupted(BICITE_EXE, rows, c, after, BICITE_BINARY_DIR);
  std::cerr << "soak (small) interrupted: " << soak::format_interrupt(i);
  CHECK(i.exit_code == 130);
  CHECK(i.stop_latency_s < 3);
  CHECK(i.report_valid);
  CHECK(i.entries == rows.size());
  CHECK(i.same_url_set);
  CHECK(i.interrupted > 0);
  CHECK(i.finished > 0);
  CHECK(i.finished + i.interrupted == rows.size());
  CHECK(i.cache_valid);
  CHECK(i.cache_matches);
  CHECK(i.cache_lines == i.cacheable_finished);
  CHECK_FALSE(i.tmp_left);
  CHECK(i.resume_valid);
  CHECK(i.resume_rows == rows.size());
  CHECK(i.resume_same_url_set);
  CHECK(i.resume_interrupted == 0);
  CHECK(i.resume_from_cache == i.cache_lines);
  CHECK((i.resume_exit == 0 || i.resume_exit == 1));
}
