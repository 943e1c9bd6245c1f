// A cpp-httplib server: per-host limits and gap, user agent, cache, archive lookups, the sibling
// soft-404 probe, and the bicite command end to end.
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include <bicite/links.hpp>
#include <nlohmann/json.hpp>

#include "servers.hpp"

using namespace bicite::links;
using clock_type = std::chrono::steady_clock;

namespace {

struct test_server {
  httplib::Server srv;
  std::thread thread;
  int port = 0;
  std::atomic<int> active{0}, max_active{0}, hits{0}, hits_500{0}, sleepy{0};
  std::mutex m;
  std::vector<clock_type::time_point> starts;
  std::vector<std::string> agents, archive_queries;

  test_server() {
    srv.new_task_queue = [] { return new httplib::ThreadPool(16); };
    srv.Get("/slow/.*", [this](const httplib::Request& req, httplib::Response& res) {
      const int now = ++active;
      int prev = max_active.load();
      while (now > prev && !max_active.compare_exchange_weak(prev, now)) {
      }
      {
        std::lock_guard<std::mutex> lock(m);
        starts.push_back(clock_type::now());
        agents.push_back(req.get_header_value("User-Agent"));
      }
      ++hits;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      --active;
      res.set_content("<title>slow</title>", "text/html");
    });
    srv.Get("/ok", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.set_content("<html><head><title>Third wheel | Izvestia</title></head></html>", "text/html; charset=utf-8");
    });
    srv.Get("/sleepy-once", [this](const httplib::Request&, httplib::Response& res) {
      if (sleepy++ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(900));
      res.set_content("<title>awake</title>", "text/html");
    });
    srv.Get("/gone", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      res.status = 410;
    });
    srv.Get("/err", [this](const httplib::Request&, httplib::Response& res) {
      ++hits_500;
      res.status = 500;
    });
    srv.Get("/catchall/.*", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><head><title>Example Journal</title></head><body><h1>Welcome</h1></body></html>", "text/html");
    });
    srv.Get("/wayback/available", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(m);
        archive_queries.push_back(req.get_param_value("url") + " " + req.get_param_value("timestamp"));
      }
      nlohmann::json j = {{"url", req.get_param_value("url")},
                          {"archived_snapshots",
                           {{"closest",
                             {{"available", true},
                              {"url", "http://web.archive.org/web/20230102030405/" + req.get_param_value("url")},
                              {"timestamp", "20230102030405"},
                              {"status", "200"}}}}}};
      res.set_content(j.dump(), "application/json");
    });
    port = srv.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { srv.listen_after_bind(); });
    for (int i = 0; i < 100 && !srv.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~test_server() {
    srv.stop();
    thread.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

}  // namespace

TEST_CASE("per-host cap and politeness gap") {
  test_server s;
  std::vector<std::string> urls;
  for (int i = 0; i < 10; ++i) urls.push_back(s.url("/slow/" + std::to_string(i)));
  check_options o;
  o.per_host = 2;
  o.host_gap_ms = 30;
  const auto reps = check(urls, o);
  for (const auto& r : reps) CHECK(r.result == verdict::ok);
  CHECK(s.max_active.load() <= 2);
  CHECK(s.max_active.load() >= 1);
  std::lock_guard<std::mutex> lock(s.m);
  std::sort(s.starts.begin(), s.starts.end());
  // the server sees arrivals with scheduling noise: the mean gap is the gap, no two arrivals collapse
  REQUIRE(s.starts.size() == 10);
  CHECK(std::chrono::duration<double, std::milli>(s.starts.back() - s.starts.front()).count() / 9 >= 28);
  for (std::size_t i = 1; i < s.starts.size(); ++i)
    CHECK(std::chrono::duration<double, std::milli>(s.starts[i] - s.starts[i - 1]).count() >= 10);
  for (const auto& ua : s.agents) CHECK(ua.find("bicite/") != std::string::npos);
}

TEST_CASE("duplicates checked once, notes merged") {
  test_server s;
  std::vector<link_input> in = {{s.url("/ok") + ".", {"1"}, "Третий лишний", {}},
                                {s.url("/ok"), {"4"}, {}, {}},
                                {s.url("/ok"), {"1"}, {}, {}}};
  check_options o;
  o.verify_titles = true;
  const auto reps = check(in, o);
  REQUIRE(reps.size() == 1);
  CHECK(reps[0].notes == std::vector<std::string>{"1", "4"});
  CHECK(reps[0].repairs.size() == 1);
  CHECK(s.hits.load() == 1);
  REQUIRE(reps[0].title_match.has_value());
  CHECK(*reps[0].title_match < 0.5);  // "Third wheel" is a translation, not a transliteration
  CHECK(reps[0].result == verdict::title_mismatch);
}

TEST_CASE("cache: fresh results reused, 5xx never cached") {
  test_server s;
  const std::string cache = std::string(BICITE_BINARY_DIR) + "/links_cache_test.jsonl";
  std::remove(cache.c_str());
  check_options o;
  o.cache_file = cache;
  o.retries = 0;
  const std::vector<std::string> urls = {s.url("/ok"), s.url("/gone"), s.url("/err")};
  auto first = check(urls, o);
  CHECK(first[0].result == verdict::ok);
  CHECK(first[1].result == verdict::broken);
  CHECK(first[2].result == verdict::server_error);
  CHECK(s.hits.load() == 2);
  CHECK(s.hits_500.load() == 1);
  auto second = check(urls, o);
  CHECK(second[0].from_cache);
  CHECK(second[1].from_cache);
  CHECK(second[1].result == verdict::broken);
  CHECK_FALSE(second[2].from_cache);
  CHECK(s.hits.load() == 2);
  CHECK(s.hits_500.load() == 2);
  o.cache_max_age_s = 0;  // everything stale
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto third = check(urls, o);
  CHECK_FALSE(third[0].from_cache);
  CHECK(s.hits.load() == 4);
  const std::string content = bicite_test::read_file(cache);
  CHECK(content.find("\"verdict\":\"ok\"") != std::string::npos);
  CHECK(content.find("/err") == std::string::npos);
  std::remove(cache.c_str());
}

TEST_CASE("archive suggestions from a Wayback-compatible endpoint") {
  test_server s;
  check_options o;
  o.archive = true;
  o.archive_endpoint = s.url("/wayback/available");
  const auto reps = check(std::vector<link_input>{{s.url("/gone"), {"9"}, {}, "20230101"}, {s.url("/ok"), {}, {}, {}}}, o);
  CHECK(reps[0].result == verdict::broken);
  CHECK(reps[0].archive_url == "http://web.archive.org/web/20230102030405/" + s.url("/gone"));
  CHECK(reps[0].archive_timestamp == "20230102030405");
  CHECK(reps[1].archive_url.empty());
  std::lock_guard<std::mutex> lock(s.m);
  REQUIRE(s.archive_queries.size() == 1);
  CHECK(s.archive_queries[0] == s.url("/gone") + " 20230101");
}

TEST_CASE("soft-404 by a random sibling URL") {
  test_server s;
  check_options o;
  o.verify_titles = true;
  const auto reps = check(std::vector<std::string>{s.url("/catchall/article-1"), s.url("/ok")}, o);
  CHECK(reps[0].result == verdict::broken);
  CHECK(reps[0].soft_404);
  CHECK(reps[1].result == verdict::ok);
  CHECK_FALSE(reps[1].soft_404);
}

TEST_CASE("bicite links check: the command") {
  test_server s;
  const std::string list = std::string(BICITE_BINARY_DIR) + "/links_cmd_test.tsv";
  bicite_test::write_file(list, s.url("/ok") + "\tok\n" + s.url("/gone") + "\tbroken\n" + "bicite-nope://x/y\tinvalid\n");
  auto r = bicite_test::run(std::string(BICITE_EXE) + " links check --from urls --format json '" + list + "' 2>/dev/null");
  CHECK(r.exit_code == 1);  // broken links found
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 3);
  CHECK(j[0]["verdict"] == "ok");
  CHECK(j[1]["verdict"] == "broken");
  CHECK(j[1]["http_status"] == 410);
  CHECK(j[2]["verdict"] == "invalid");
  r = bicite_test::run(std::string(BICITE_EXE) + " links check --format html '" + list + "' 2>/dev/null");
  CHECK(r.out.starts_with("<!DOCTYPE html>"));
  CHECK(r.out.find("data-verdict=\"broken\"") != std::string::npos);
  r = bicite_test::run(std::string(BICITE_EXE) + " links check --format csv '" + list + "' 2>/dev/null");
  CHECK(r.out.starts_with("url,verdict"));
  r = bicite_test::run(std::string(BICITE_EXE) + " links check --format nope '" + list + "' 2>/dev/null");
  CHECK(r.exit_code == 2);
  std::remove(list.c_str());
}

TEST_CASE("timeouts: on time, retried only when asked") {
  test_server s;
  check_options o;
  o.timeout_s = 0.4;
  o.backoff_s = 0.05;
  auto r = check(std::vector<std::string>{s.url("/sleepy-once")}, o);
  CHECK(r[0].result == verdict::timeout);
  CHECK(r[0].attempts == 1);
  CHECK(r[0].elapsed_ms < 1500);
  s.sleepy = 0;
  o.retry_timeouts = true;
  r = check(std::vector<std::string>{s.url("/sleepy-once")}, o);
  CHECK(r[0].result == verdict::ok);
  CHECK(r[0].attempts == 2);
}
