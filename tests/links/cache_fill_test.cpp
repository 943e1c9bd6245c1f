// The cache fill of a links check (keep_html_body: HTML bodies kept for page records, other bodies
// abandoned at their first byte as without a cache), verdict::interrupted never cached, and cache
// lines with numbers no double holds (1e400) or no integer holds (1e300).
#include <doctest/doctest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

#include <bicite/links.hpp>
#include <nlohmann/json.hpp>

#include "web/cache.hpp"
#include "web/engine.hpp"
#include "servers.hpp"

using namespace bicite::links;

namespace {

constexpr std::size_t big = 64 * 1024 * 1024;  // loopback socket buffers take a few MB

struct fill_server {
  httplib::Server srv;
  std::thread thread;
  int port = 0;
  std::atomic<std::size_t> pdf_bytes{0};  // bytes of the PDF the server managed to hand over

  fill_server() {
    srv.Get("/page", [](const httplib::Request&, httplib::Response& res) {
      // 100 KB: more than the 64 KiB head cap, less than the 256 KiB page cap
      std::string html = "<html><head><title>Big page</title><meta name=\"citation_title\" content=\"Kept title\">"
                         "</head><body>";
      html += std::string(100 * 1000, 'x');
      html += "<p id=\"end\">end</p></body></html>";
      res.set_content(html, "text/html; charset=utf-8");
    });
    srv.Get("/paper.pdf", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content_provider(big, "application/pdf",
                               [this](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 const std::size_t n = std::min<std::size_t>(length, 16 * 1024);
                                 const std::string chunk(n, offset == 0 ? '%' : 'p');
                                 if (!sink.write(chunk.data(), chunk.size())) return false;
                                 pdf_bytes += n;
                                 return true;
                               });
    });
    srv.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("<title>Not here</title>", "text/html");
    });
    port = srv.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { srv.listen_after_bind(); });
    for (int i = 0; i < 100 && !srv.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~fill_server() {
    srv.stop();
    thread.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

std::string temp_path(const char* name) {
  return std::string(BICITE_BINARY_DIR) + "/" + name + "." + std::to_string(::getpid());
}

double now_unix() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::vector<nlohmann::json> cache_lines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("keep_html_body: a 2xx HTML body comes back (up to 256 KiB), a PDF is abandoned at its first byte") {
  fill_server s;
  std::vector<bicite::web::fetch_spec> specs = {
      {s.url("/page"), false, true}, {s.url("/paper.pdf"), false, true}, {s.url("/missing"), false, true}};
  check_options o;
  o.host_gap_ms = 0;
  std::vector<bicite::web::fetch_outcome> outs(specs.size());
  bicite::web::fetch_all(specs, o, [&](std::size_t k, bicite::web::fetch_outcome&& out) { outs[k] = std::move(out); });
  CHECK(outs[0].report.result == verdict::ok);
  CHECK(outs[0].body.size() > 100000);  // whole page: beyond the 64 KiB head cap
  CHECK(outs[0].body.find("id=\"end\"") != std::string::npos);
  REQUIRE(outs[0].head);
  CHECK(outs[0].head->citation_title == "Kept title");
  CHECK(outs[1].report.result == verdict::ok);
  CHECK(outs[1].body.empty());
  CHECK_FALSE(outs[1].head);
  CHECK(outs[2].report.result == verdict::broken);
  CHECK(outs[2].body.empty());
  // the server could not hand over more than the socket buffers take: far from the 64 MiB
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(s.pdf_bytes.load() < big / 4);
}

TEST_CASE("a links check with --cache stores the HTML page record and a bodiless not-html record") {
  fill_server s;
  const std::string cache = temp_path("cache_fill.jsonl");
  std::remove(cache.c_str());
  check_options o;
  o.host_gap_ms = 0;
  o.cache_file = cache;
  const auto reps = check(std::vector<std::string>{s.url("/page"), s.url("/paper.pdf")}, o);
  REQUIRE(reps.size() == 2);
  CHECK(reps[0].result == verdict::ok);
  CHECK(reps[1].result == verdict::ok);
  CHECK(s.pdf_bytes.load() < big / 4);
  std::map<std::string, nlohmann::json> by_url;
  for (auto& j : cache_lines(cache)) by_url[j.value("url", "")] = j;
  REQUIRE(by_url.count(s.url("/page")));
  REQUIRE(by_url.count(s.url("/paper.pdf")));
  const auto& page = by_url[s.url("/page")]["page"];
  CHECK(page.value("kind", "") == "html");
  CHECK(page["item"].value("title", "") == "Kept title");
  CHECK(by_url[s.url("/paper.pdf")]["page"].value("kind", "") == "not-html");

  // --no-cache-pages: verdicts only
  std::remove(cache.c_str());
  o.cache_pages = false;
  check(std::vector<std::string>{s.url("/page")}, o);
  const auto lines = cache_lines(cache);
  REQUIRE(lines.size() == 1);
  CHECK_FALSE(lines[0].contains("page"));
  std::remove(cache.c_str());
}

TEST_CASE("verdict::interrupted is never cached, nor reused from a cache file") {
  const std::string cache = temp_path("cache_interrupted.jsonl");
  {
    std::ofstream f(cache);
    f << nlohmann::json{{"url", "http://127.0.0.1:9/old"}, {"checked_at", now_unix()}, {"verdict", "interrupted"}}.dump()
      << "\n";
  }
  check_options o;
  o.cache_file = cache;
  o.retries = 0;
  const std::atomic<bool> stop{true};
  o.stop = &stop;
  const auto reps = check(std::vector<std::string>{"http://127.0.0.1:9/a", "http://127.0.0.1:9/old"}, o);
  REQUIRE(reps.size() == 2);
  CHECK(reps[0].result == verdict::interrupted);
  CHECK(reps[1].result == verdict::interrupted);
  CHECK_FALSE(reps[1].from_cache);
  CHECK(cache_lines(cache).empty());  // the stale line was dropped, nothing new stored
  std::remove(cache.c_str());
}

TEST_CASE("cache lines with 1e400 (no double) and 1e300 (no status): no exception, the other lines still read") {
  const std::string cache = temp_path("cache_1e400.jsonl");
  const double now = now_unix();
  {
    std::ofstream f(cache);
    f << nlohmann::json{{"url", "http://127.0.0.1:9/a"}, {"checked_at", now}, {"verdict", "broken"},
                        {"http_status", 404}}.dump()
      << "\n";
    f << R"({"url":"http://127.0.0.1:9/b","checked_at":)" << std::to_string(now)
      << R"(,"verdict":"broken","http_status":1e400})" << "\n";
    f << R"({"url":"http://127.0.0.1:9/c","checked_at":)" << std::to_string(now)
      << R"(,"verdict":"broken","http_status":1e300,"redirects":[{"url":"x","status":-1e300}]})" << "\n";
    f << nlohmann::json{{"url", "http://127.0.0.1:9/d"}, {"checked_at", now}, {"verdict", "ok"}, {"http_status", 200}}.dump()
      << "\n";
  }
  check_options o;
  o.cache_file = cache;
  o.retries = 0;
  o.connect_timeout_s = 2;
  std::vector<link_report> reps;
  REQUIRE_NOTHROW(reps = check(std::vector<std::string>{"http://127.0.0.1:9/a", "http://127.0.0.1:9/b",
                                                        "http://127.0.0.1:9/c", "http://127.0.0.1:9/d"},
                               o));
  REQUIRE(reps.size() == 4);
  CHECK(reps[0].from_cache);
  CHECK(reps[0].http_status == 404);
  CHECK_FALSE(reps[1].from_cache);  // its line was not JSON to us: checked again
  CHECK(reps[2].from_cache);
  CHECK(reps[2].http_status == 0);  // 1e300 is no status
  CHECK(reps[3].from_cache);
  CHECK(reps[3].result == verdict::ok);
  std::remove(cache.c_str());
}

TEST_CASE("concurrent saves of one cache file keep every run's entries") {
  // Each writer stores its own URLs and saves after each one, as runs side by side would; without the
  // save lock a save can read the file before another's rename and then overwrite it.
  const std::string path = std::string(BICITE_BINARY_DIR) + "/concurrent_cache.jsonl";
  std::remove(path.c_str());
  constexpr int writers = 4, per_writer = 25;
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w)
    threads.emplace_back([&, w] {
      check_options options;
      options.cache_file = path;
      for (int i = 0; i < per_writer; ++i) {
        bicite::web::result_cache cache(options);
        bicite::web::cache_entry e;
        e.report.url = "https://example.org/" + std::to_string(w) + "/" + std::to_string(i);
        e.report.result = verdict::ok;
        e.report.http_status = 200;
        cache.store(std::move(e));
        CHECK(cache.save());
      }
    });
  for (auto& t : threads) t.join();
  const auto entries = bicite::web::load_cache(path);
  CHECK(entries.size() == static_cast<std::size_t>(writers * per_writer));
  std::remove(path.c_str());
}
