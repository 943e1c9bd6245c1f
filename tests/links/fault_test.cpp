// Stopping a run (check_options::stop, SIGINT/SIGTERM to the command, --deadline), the "interrupted"
// verdict in every report format, heads too large, and requests queued beside hanging ones.
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <bicite/links.hpp>
#include <nlohmann/json.hpp>

#include "soak.hpp"

using namespace bicite::links;
using clock_type = std::chrono::steady_clock;

namespace {

/// A cpp-httplib server with a hanging route; `threads` workers (cpp-httplib's default is 8).
struct hang_server {
  httplib::Server srv;
  std::thread thread;
  int port = 0;
  std::atomic<int> hits{0};
  std::atomic<bool> stopping{false};

  explicit hang_server(int threads = 8, int hang_ms = 3000) {
    srv.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    srv.Get("/hang/.*", [this, hang_ms](const httplib::Request&, httplib::Response& res) {
      const auto until = clock_type::now() + std::chrono::milliseconds(hang_ms);
      while (!stopping && clock_type::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      res.set_content("<title>late</title>", "text/html");
    });
    srv.Get("/ok/.*", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.set_content("<title>ok</title>", "text/html");
    });
    port = srv.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { srv.listen_after_bind(); });
    for (int i = 0; i < 100 && !srv.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~hang_server() {
    stopping = true;
    srv.stop();
    thread.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

}  // namespace

/// The kernel's count of connections dropped because a listen queue was full (all sockets).
long listen_overflows() {
  std::ifstream in("/proc/net/netstat");
  std::string names, values;
  while (std::getline(in, names) && std::getline(in, values)) {
    if (names.rfind("TcpExt:", 0) != 0) continue;
    std::istringstream n(names), v(values);
    std::string name, value;
    while (n >> name && v >> value)
      if (name == "ListenOverflows") return std::strtol(value.c_str(), nullptr, 10);
  }
  return -1;
}

TEST_CASE("connect timeouts beside hanging requests are the server's full listen queue") {
  // 4 hanging requests and 60 quick ones on one cpp-httplib server (8 worker threads, listen backlog
  // 5), 1 s connect timeout. With the per-host cap (6) every quick one is answered. Without it ~60
  // connections are opened at once; when the server's accept thread does not keep up, the kernel
  // drops the SYNs its full accept queue has no room for and the retransmission comes 1 s later: the
  // "connect timed out" seen on such servers. The kernel counts each drop (TcpExtListenOverflows), so
  // every connect timeout here must be matched by one (other processes can only add to the count).
  for (int per_host : {6, 0}) {
    hang_server s(8, 3000);
    std::vector<std::string> urls;
    for (int i = 0; i < 4; ++i) urls.push_back(s.url("/hang/" + std::to_string(i)));
    for (int i = 0; i < 60; ++i) urls.push_back(s.url("/ok/" + std::to_string(i)));
    check_options o;
    o.per_host = per_host;
    o.host_gap_ms = 0;
    o.connect_timeout_s = 1;
    o.timeout_s = 2;
    o.retries = 0;  // a connect timeout is retried by default (the request never reached the server)
    const long overflows_before = listen_overflows();
    const auto t0 = clock_type::now();
    const auto reps = check(urls, o);
    const long overflows = listen_overflows() - overflows_before;
    std::map<std::string, int> details;
    int connect_timeouts = 0;
    for (std::size_t i = 4; i < reps.size(); ++i) {
      details[std::string(to_string(reps[i].result)) + " " + reps[i].detail]++;
      connect_timeouts += reps[i].detail == "connect timed out";
    }
    std::cerr << "beside hanging requests, per_host " << per_host << ": " << ms_since(t0) << " ms, " << overflows
              << " listen overflows;";
    for (const auto& [d, n] : details) std::cerr << " [" << d << "] " << n;
    std::cerr << "\n";
    for (std::size_t i = 0; i < 4; ++i) CHECK(reps[i].result == verdict::timeout);
    if (overflows_before >= 0) CHECK(connect_timeouts <= overflows);
    for (std::size_t i = 4; i < reps.size(); ++i) {
      INFO(reps[i].url << ": " << to_string(reps[i].result) << " " << reps[i].detail << " / " << reps[i].error);
      // without the cap, the rest that connected wait for a thread: 4 hang, the others sit in
      // keep-alive waits on finished connections ("no response in time": the server's limit)
      if (per_host == 6) CHECK(reps[i].result == verdict::ok);
      else CHECK((reps[i].result == verdict::ok || reps[i].detail == "no response in time" ||
                  reps[i].detail == "connect timed out"));
    }
  }
}

TEST_CASE("the stop flag set before a run: nothing is sent, every link is interrupted") {
  hang_server s;
  const std::atomic<bool> stop{true};
  check_options o;
  o.stop = &stop;
  const auto reps = check(std::vector<std::string>{s.url("/ok/1"), s.url("/ok/2"), "bicite-nope://x"}, o);
  REQUIRE(reps.size() == 3);
  CHECK(reps[0].result == verdict::interrupted);
  CHECK(reps[1].result == verdict::interrupted);
  CHECK(reps[2].result == verdict::invalid);  // needs no request: decided anyway
  CHECK(s.hits.load() == 0);
  CHECK(reps[0].attempts == 0);
}

TEST_CASE("a stop flag stops only the run it was given to: a run beside it finishes") {
  hang_server s;
  const std::atomic<bool> stop{true};
  check_options stopped;
  stopped.stop = &stop;
  check_options free_run;
  free_run.detect_offline = false;
  std::vector<link_report> first, second;
  std::thread other([&] { second = check(std::vector<std::string>{s.url("/ok/b")}, free_run); });
  first = check(std::vector<std::string>{s.url("/ok/a")}, stopped);
  other.join();
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0].result == verdict::interrupted);
  CHECK(second[0].result == verdict::ok);
}

TEST_CASE("the stop flag set mid-run: finished verdicts kept, the rest interrupted at once, descriptors closed") {
  const int fds_before = soak::fd_count();  // before the in-process server opens its own
  auto server = std::make_unique<hang_server>(16, 20000);
  hang_server& s = *server;
  std::vector<std::string> urls;
  for (int i = 0; i < 5; ++i) urls.push_back(s.url("/ok/" + std::to_string(i)));
  for (int i = 0; i < 10; ++i) urls.push_back(s.url("/hang/" + std::to_string(i)));
  check_options o;
  o.per_host = 0;
  o.host_gap_ms = 0;
  o.timeout_s = 30;
  const std::string cache = std::string(BICITE_BINARY_DIR) + "/links_stop_cache.jsonl";
  std::remove(cache.c_str());
  o.cache_file = cache;
  std::atomic<bool> stop{false};
  o.stop = &stop;
  const auto t0 = clock_type::now();
  double stop_at_ms = 0;
  std::size_t done_before_stop = 0;
  const auto reps = check(urls, o, [&](const link_report&, const progress& p) {
    if (p.done == 5) {  // the quick ones are in; the hanging ones hold 10 connections
      std::thread([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        stop_at_ms = ms_since(t0);
        stop.store(true);
      }).detach();
      done_before_stop = p.done;
    }
  });
  const double wall = ms_since(t0);
  std::cerr << "stopped at " << stop_at_ms << " ms, check() returned at " << wall << " ms\n";
  CHECK(done_before_stop == 5);
  CHECK(wall < stop_at_ms + 500);  // abandoned at once, not after the 30 s deadline
  server.reset();
  CHECK(soak::fd_count() == fds_before);
  REQUIRE(reps.size() == 15);
  for (int i = 0; i < 5; ++i) CHECK(reps[i].result == verdict::ok);
  for (int i = 5; i < 15; ++i) {
    CHECK(reps[i].result == verdict::interrupted);
    CHECK(reps[i].attempts == 1);
  }
  // the cache holds the finished verdicts only
  const std::string content = bicite_test::read_file(cache);
  CHECK(std::count(content.begin(), content.end(), '\n') == 5);
  CHECK(content.find("/hang/") == std::string::npos);
  std::remove(cache.c_str());
}

TEST_CASE("\"interrupted\" in every report format") {
  link_report done;
  done.url = done.original = "https://example.org/a";
  done.result = verdict::ok;
  done.http_status = 200;
  link_report cut;
  cut.url = cut.original = "https://example.org/b";
  cut.result = verdict::interrupted;
  cut.detail = "interrupted";
  cut.error = "not checked: the run was stopped before this link got a verdict";
  link_report slow = cut;
  slow.url = slow.original = "https://example.org/c";
  slow.result = verdict::timeout;
  slow.detail = "no response in time";
  CHECK(to_string(verdict::interrupted) == "interrupted");
  CHECK(verdict_from_string("interrupted") == verdict::interrupted);
  CHECK(verdict_from_string("invalid") == verdict::invalid);
  CHECK(static_cast<std::size_t>(verdict::interrupted) + 1 == std::size(progress{}.counts));
  const std::vector<link_report> reps = {done, cut, slow};
  const auto j = nlohmann::json::parse(write_json(reps));
  CHECK(j[0]["verdict"] == "ok");
  CHECK(j[1]["verdict"] == "interrupted");
  CHECK(j[2]["verdict"] == "timeout");
  const std::string csv = write_csv(reps);
  CHECK(csv.find("https://example.org/b,interrupted,0,") != std::string::npos);
  CHECK(csv.find("https://example.org/c,timeout,0,") != std::string::npos);
  const std::string md = write_markdown(reps);
  CHECK(md.find("3 links: timeout 1, ok 1, interrupted 1") != std::string::npos);
  CHECK(md.find("## interrupted (1)") != std::string::npos);
  const std::string html = write_html(reps);
  CHECK(html.find("<tr data-verdict=\"interrupted\"") != std::string::npos);
  CHECK(html.find("<tr data-verdict=\"interrupted\"") > html.find("<tr data-verdict=\"ok\""));  // listed last
}

TEST_CASE("heads too large, endless heads and bodies, endless redirect chains, long Retry-After") {
  const int port = soak::free_ports(2);
  const pid_t pid = soak::spawn({"python3", soak::servers::soak_script(), std::to_string(port)});
  for (int i = 0; i < 200 && !links_test::port_open(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  check_options o;
  o.per_host = 0;
  o.host_gap_ms = 0;
  o.timeout_s = 4;
  const auto t0 = clock_type::now();
  const auto reps = check(std::vector<std::string>{base + "/huge-header", base + "/endless-header", base + "/endless-body",
                                                   base + "/endless-bin", base + "/many/0", base + "/retry-long",
                                                   base + "/garbage-bin"},
                          o);
  const double wall = ms_since(t0);
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  for (const auto& r : reps) std::cerr << r.url << ": " << to_string(r.result) << " " << r.detail << " / " << r.error << "\n";
  CHECK(wall < 4000);
  CHECK(reps[0].result == verdict::unreachable);
  CHECK(reps[0].detail == "response head too large");
  CHECK(reps[0].attempts == 1);
  CHECK(reps[1].result == verdict::unreachable);
  CHECK(reps[1].detail == "response head too large");
  CHECK(reps[2].result == verdict::ok);
  CHECK(reps[3].result == verdict::ok);
  CHECK(reps[4].result == verdict::broken);
  CHECK(reps[4].detail == "too many redirects");
  CHECK(reps[4].redirects.size() == 11);
  CHECK(reps[5].result == verdict::rate_limited);
  CHECK(reps[5].attempts == 1);
  CHECK(reps[6].result == verdict::unreachable);
}

TEST_CASE("bicite links check: --deadline and SIGTERM stop the run with a valid partial report") {
  hang_server s(16, 20000);
  const std::string list = std::string(BICITE_BINARY_DIR) + "/links_stop_cmd.tsv";
  const std::string out = std::string(BICITE_BINARY_DIR) + "/links_stop_cmd.json";
  bicite_test::write_file(list, s.url("/ok/1") + "\n" + s.url("/ok/2") + "\n" + s.url("/hang/1") + "\n" +
                                    s.url("/hang/2") + "\n" + s.url("/hang/3") + "\n");
  auto verdicts = [&] {
    std::vector<std::string> v;
    for (const auto& e : nlohmann::json::parse(bicite_test::read_file(out))) v.push_back(e["verdict"]);
    return v;
  };
  const std::vector<std::string> expected = {"ok", "ok", "interrupted", "interrupted", "interrupted"};
  {
    std::remove(out.c_str());
    const auto t0 = clock_type::now();
    const pid_t pid = soak::spawn({BICITE_EXE, "links", "check", list, "--timeout", "30", "--deadline", "1", "-o", out});
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 124);
    CHECK(ms_since(t0) < 4000);
    CHECK(verdicts() == expected);
  }
  {
    std::remove(out.c_str());
    const pid_t pid = soak::spawn({BICITE_EXE, "links", "check", list, "--timeout", "30", "-o", out});
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const auto t0 = clock_type::now();
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(ms_since(t0) < 2000);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 143);
    CHECK(verdicts() == expected);
  }
  std::remove(list.c_str());
  std::remove(out.c_str());
}
