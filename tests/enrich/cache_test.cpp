// The cache shared by the link checker and enrichment, against a local server that counts
// requests: a resolve after a links check fetches no page again, a links check after a resolve
// reuses the verdicts, 429/5xx/timeouts are never cached, a torn last line is ignored.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include <bicite/csljson.hpp>
#include <bicite/enrich.hpp>
#include <bicite/links.hpp>

#include "pages.hpp"

using namespace bicite;
namespace fs = std::filesystem;

namespace {

/// A fresh cache path in its own temp directory, removed at the end.
struct temp_cache {
  fs::path dir;
  std::string path;
  temp_cache() {
    static int serial = 0;
    dir = fs::temp_directory_path() / ("bicite-cache-test-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    path = (dir / "cache.jsonl").string();
  }
  ~temp_cache() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::vector<std::string> lines() const {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }
  std::size_t files() const { return std::distance(fs::directory_iterator(dir), fs::directory_iterator()); }
};

links::check_options fast(const std::string& cache_file) {
  links::check_options o;
  o.cache_file = cache_file;
  o.host_gap_ms = 0;
  o.per_host = 4;  // below cpp-httplib's listen backlog (5): more would wait for a SYN retry on a loaded machine
  o.retries = 0;
  o.timeout_s = 1.5;
  o.connect_timeout_s = 1.5;
  o.body_timeout_s = 1;
  return o;
}

enrich::enrich_options enrich_fast(const std::string& cache_file, const std::string& doi_endpoint) {
  enrich::enrich_options o;
  o.fetch = fast(cache_file);
  o.doi_endpoint = doi_endpoint;
  return o;
}

const std::vector<std::string> paths = {"/a", "/b", "/pdf", "/gone", "/soft", "/busy", "/limited", "/hang/x"};
const std::vector<std::string> quick_paths(paths.begin(), paths.end() - 1);  // without the hanging one

void serve(enrich_test::server& s) {
  s.add("/a", {"<html lang=\"ru\"><head><meta charset=\"utf-8\">"
               "<meta property=\"og:title\" content=\"Россия и Китай: новая эпоха\">"
               "<meta property=\"og:site_name\" content=\"Известия\">"
               "<meta property=\"article:published_time\" content=\"2023-03-20T08:00:00+03:00\">"
               "<meta name=\"author\" content=\"Юрий Тавровский\"></head><body>Текст</body></html>"});
  s.add("/b", {enrich_test::encode("<html><head><meta charset=\"utf-8\"><title>Ignored | Site</title>"
                                   "<meta name=\"citation_title\" content=\"Энергетический диалог\">"
                                   "<meta name=\"citation_author\" content=\"Лукин, Александр\">"
                                   "<meta name=\"citation_journal_title\" content=\"Полис\">"
                                   "<meta name=\"citation_volume\" content=\"12\"></head><body></body></html>",
                                   "WINDOWS-1251"),
               "text/html"});  // a wrong declaration: a warning that must survive the cache
  s.add("/pdf", {"%PDF-1.4 binary", "application/pdf"});
  s.add("/soft", {"<html><head><title>Page not found</title></head><body>Sorry</body></html>"});
  s.add("/busy", {"busy", "text/html", 503});
  s.add("/limited", {"slow down", "text/html", 429});
}

std::vector<reference> refs_for(const enrich_test::server& s, const std::vector<std::string>& which = paths) {
  std::vector<reference> refs;
  for (const auto& p : which) {
    reference r;
    r.id = "n" + p;
    r.type = "article-newspaper";
    r.set("URL", s.url(p));
    refs.push_back(std::move(r));
  }
  return refs;
}

std::map<std::string, int> hit_counts(enrich_test::server& s) {
  std::map<std::string, int> m;
  for (const auto& p : paths) m[p] = s.hits_of(p);  // all of them: a path not asked stays at its count
  return m;
}

std::multiset<std::string> error_codes(const enrich::enrich_report& r) {
  std::multiset<std::string> out;
  for (const auto& e : r.errors) out.insert(e.id + " " + e.problem.code);
  return out;
}

}  // namespace

TEST_CASE("cache: a resolve after a links check fetches no cached page again, and resolves alike") {
  enrich_test::server s;
  serve(s);
  temp_cache cache;
  std::vector<std::string> urls;
  for (const auto& p : paths) urls.push_back(s.url(p));

  const auto checked = links::check(urls, fast(cache.path));
  for (const auto& p : paths) CHECK(s.hits_of(p) == 1);
  std::map<std::string, links::verdict> verdict_of;
  for (const auto& r : checked) verdict_of[r.url] = r.result;
  CHECK(verdict_of[s.url("/a")] == links::verdict::ok);
  CHECK(verdict_of[s.url("/pdf")] == links::verdict::ok);
  CHECK(verdict_of[s.url("/gone")] == links::verdict::broken);
  CHECK(verdict_of[s.url("/soft")] == links::verdict::broken);
  CHECK(verdict_of[s.url("/busy")] == links::verdict::server_error);
  CHECK(verdict_of[s.url("/limited")] == links::verdict::rate_limited);
  CHECK(verdict_of[s.url("/hang/x")] == links::verdict::timeout);
  CHECK(cache.lines().size() == 5);  // 429, 5xx and the timeout are not cached

  auto refs = refs_for(s);
  const auto before = hit_counts(s);
  const auto rep = enrich::enrich(refs, enrich_fast(cache.path, s.url("/api")));
  const auto after = hit_counts(s);
  for (const char* p : {"/a", "/b", "/pdf", "/gone", "/soft"}) {
    CAPTURE(p);
    CHECK(after.at(p) == before.at(p));  // read from the cache
  }
  for (const char* p : {"/busy", "/limited", "/hang/x"}) {
    CAPTURE(p);
    CHECK(after.at(p) == before.at(p) + 1);  // never cached: fetched again
  }

  // The same references resolved without a cache give the same items and the same problems.
  auto fresh = refs_for(s);
  const auto rep_fresh = enrich::enrich(fresh, enrich_fast("", s.url("/api")));
  CHECK(bicite::csljson::write(refs) == bicite::csljson::write(fresh));
  CHECK(error_codes(rep) == error_codes(rep_fresh));
  CHECK(rep.filled.size() == rep_fresh.filled.size());
  CHECK(refs[0].get("title") == "Россия и Китай: новая эпоха");
  CHECK(refs[1].get("title") == "Энергетический диалог");
  CHECK(refs[1].custom["filled"]["volume"]["extractor"] == "citation_volume");
  const auto codes = error_codes(rep);
  CHECK(codes.count("n/b enrich.wrong-charset") == 1);
  CHECK(codes.count("n/pdf enrich.not-html") == 1);
  CHECK(codes.count("n/gone enrich.fetch-failed") == 1);
  CHECK(codes.count("n/soft enrich.fetch-failed") == 1);  // a soft-404 is no source of metadata
  CHECK(codes.count("n/busy enrich.fetch-failed") == 1);
  CHECK(codes.count("n/limited enrich.rate-limited") == 1);
  CHECK(codes.count("n/hang/x enrich.timeout") == 1);
}

TEST_CASE("cache: a links check after a resolve reuses its verdicts; DOI records are cached too") {
  enrich_test::server s;
  serve(s);
  s.add("/api/works/10.1000/ok.1", {R"({"message":{"DOI":"10.1000/ok.1","title":["Russia's Pivot to Asia"],
      "author":[{"given":"Alexander","family":"Gabuev"}],"issued":{"date-parts":[[2022,11,3]]}}})",
                                    "application/json"});
  temp_cache cache;
  auto refs = refs_for(s, quick_paths);
  reference doi;
  doi.id = "doi";
  doi.set("DOI", "10.1000/ok.1");
  refs.push_back(doi);
  enrich::enrich(refs, enrich_fast(cache.path, s.url("/api")));
  for (const auto& p : quick_paths) CHECK(s.hits_of(p) == 1);
  CHECK(s.hits_of("/api/works/10.1000/ok.1") == 1);

  std::vector<std::string> urls;
  for (const auto& p : quick_paths) urls.push_back(s.url(p));
  const auto before = hit_counts(s);
  const auto checked = links::check(urls, fast(cache.path));
  const auto after = hit_counts(s);
  const auto control = links::check(urls, fast(""));  // the same check without a cache
  REQUIRE(checked.size() == control.size());
  for (std::size_t i = 0; i < checked.size(); ++i) {
    CAPTURE(checked[i].url);
    CHECK(checked[i].result == control[i].result);
    CHECK(checked[i].http_status == control[i].http_status);
    CHECK(checked[i].soft_404 == control[i].soft_404);
    const std::string p = checked[i].url.substr(checked[i].url.find('/', 8));
    const bool cached = p != "/busy" && p != "/limited";
    CHECK(checked[i].from_cache == cached);
    CHECK(after.at(p) == before.at(p) + (cached ? 0 : 1));
  }

  // The DOI record: a second resolve (and resolve_doi) reads it from the cache.
  const int a_hits = s.hits_of("/a");
  auto again = refs;
  enrich::enrich(again, enrich_fast(cache.path, s.url("/api")));
  auto one = enrich::resolve_doi("10.1000/ok.1", enrich_fast(cache.path, s.url("/api")));
  REQUIRE(one);
  CHECK(one->get("title") == "Russia's Pivot to Asia");
  CHECK(s.hits_of("/api/works/10.1000/ok.1") == 1);
  CHECK(s.hits_of("/a") == a_hits);
  // An expired entry is fetched again.
  auto expired = enrich_fast(cache.path, s.url("/api"));
  expired.fetch.cache_max_age_s = -1;
  CHECK(enrich::resolve_doi("10.1000/ok.1", expired));
  CHECK(s.hits_of("/api/works/10.1000/ok.1") == 2);
}

TEST_CASE("cache: a torn last line (a writer killed mid-line) and junk lines are ignored") {
  enrich_test::server s;
  serve(s);
  temp_cache cache;
  const std::vector<std::string> urls = {s.url("/a"), s.url("/gone"), s.url("/pdf")};
  links::check(urls, fast(cache.path));
  auto lines = cache.lines();
  REQUIRE(lines.size() == 3);
  for (const auto& l : lines) CHECK(nlohmann::json::parse(l, nullptr, false).is_object());
  CHECK(cache.files() == 1);  // no temp file left behind

  // Kill-mid-write shape: the last line cut in half, no newline; a junk line before it.
  const std::string torn_url = nlohmann::json::parse(lines.back())["url"];
  {
    std::ofstream out(cache.path, std::ios::binary | std::ios::trunc);
    out << lines[0] << "\n" << "{\"url\": 12, \"verdict\": \"ok\"}\n" << "not json at all\n" << lines[1] << "\n"
        << lines[2].substr(0, lines[2].size() / 2);
  }
  const auto before = hit_counts(s);
  const auto again = links::check(urls, fast(cache.path));
  std::size_t from_cache = 0;
  for (const auto& r : again) {
    CAPTURE(r.url);
    CHECK(r.from_cache == (r.url != torn_url));
    from_cache += r.from_cache;
    const std::string p = r.url.substr(r.url.find('/', 8));
    CHECK(s.hits_of(p) == before.at(p) + (r.url == torn_url ? 1 : 0));
  }
  CHECK(from_cache == 2);
  lines = cache.lines();
  CHECK(lines.size() == 3);  // rewritten whole: the torn line replaced, the junk gone
  for (const auto& l : lines) CHECK(nlohmann::json::parse(l, nullptr, false).is_object());

  // Enrichment reads the same file, torn or not.
  {
    std::ofstream out(cache.path, std::ios::binary | std::ios::app);
    out << "{\"url\": \"" << s.url("/b") << "\", \"verdict\": \"ok\", \"checked_at\": 1e18, \"page\": {\"kind\": \"ht";
  }
  std::vector<reference> refs(2);
  refs[0].id = "a";
  refs[0].set("URL", s.url("/a"));
  refs[1].id = "b";
  refs[1].set("URL", s.url("/b"));
  const auto hits_a = s.hits_of("/a"), hits_b = s.hits_of("/b");
  enrich::enrich(refs, enrich_fast(cache.path, s.url("/api")));
  CHECK(s.hits_of("/a") == hits_a);
  CHECK(s.hits_of("/b") == hits_b + 1);
  CHECK(refs[0].get("title") == "Россия и Китай: новая эпоха");
  CHECK(refs[1].get("title") == "Энергетический диалог");
  CHECK(cache.lines().size() == 4);
  CHECK(cache.files() == 1);
}

TEST_CASE("cache: a DNS failure is not cached (offline, every link fails so)") {
  temp_cache cache;
  const auto r = links::check(std::vector<std::string>{"http://bicite-cache-test.invalid/x"}, fast(cache.path));
  REQUIRE(r.size() == 1);
  if (r[0].detail != "DNS name not found") return;  // a resolver that answers otherwise: nothing to test
  CHECK(r[0].result == links::verdict::broken);
  CHECK(cache.lines().empty());
}

TEST_CASE("cache: a links check and a resolve side by side keep each other's entries") {
  enrich_test::server s;
  serve(s);
  temp_cache cache;
  // The check loads the (empty) file first and saves last, after the slow page; the resolve saves
  // in between. The check's save must keep what the resolve wrote.
  std::vector<links::link_report> checked;
  std::thread slow([&] { checked = links::check(std::vector<std::string>{s.url("/gone"), s.url("/hang/y")}, fast(cache.path)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<reference> refs(1);
  refs[0].id = "a";
  refs[0].set("URL", s.url("/a"));
  enrich::enrich(refs, enrich_fast(cache.path, s.url("/api")));
  slow.join();
  const auto lines = cache.lines();
  std::set<std::string> urls;
  for (const auto& l : lines) urls.insert(nlohmann::json::parse(l, nullptr, false).value("url", ""));
  CHECK(urls == std::set<std::string>{s.url("/a"), s.url("/gone")});
  CHECK(cache.files() == 1);
}
