// Verdicts that say what is wrong: title_mismatch (a page that is not the cited work), offline (no
// network: one reason, not a broken link per URL), and the HTML report (cited title beside the page
// title, sorting and filtering in the page, no mid-word breaks, repairs only when the URL changed).
// Cited titles and URLs are the Weitz 2024 sample's (examples/data/weitz-2024-view-from-russia.txt).
#include <doctest/doctest.h>

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include <bicite/links.hpp>
#include <nlohmann/json.hpp>

#include "links/network.hpp"
#include "servers.hpp"

using namespace bicite::links;
using bicite::links::detail::host_state;

namespace {

const std::string sample = bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt");

/// The sample's note `number` ("5.  …"), its URL replaced by `url` when given.
std::string sample_note(int number, const std::string& url = {}) {
  const std::string text = bicite_test::read_file(sample);
  const std::string start = "\n" + std::to_string(number) + ".";  // then spaces or no-break spaces
  auto b = text.find(start);
  while (b != std::string::npos && text[b + start.size()] != ' ' && text[b + start.size()] != '\xC2') b = text.find(start, b + 1);
  REQUIRE(b != std::string::npos);
  std::string note = text.substr(b + 1, text.find('\n', b + 1) - b - 1);
  if (!url.empty()) {
    const auto h = note.find("http");
    REQUIRE(h != std::string::npos);
    const auto e = note.find_first_of(" \n", h);
    note = note.substr(0, h) + url + "." + (e == std::string::npos ? "" : note.substr(e));
  }
  return note + "\n";
}

/// A cpp-httplib server with a parked "domain for sale" page, the cited article, a page without
/// any title, and a home page.
struct pages_server {
  httplib::Server srv;
  std::thread thread;
  int port = 0;
  pages_server() {
    srv.Get("/parked", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><head><title>Домен продаётся / This domain is for sale</title></head>"
                      "<body><h1>mgimo-news.example is for sale</h1></body></html>",
                      "text/html; charset=utf-8");
    });
    srv.Get("/article", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><head><title>Российско-китайские отношения в 2023 году — МГИМО</title></head></html>",
                      "text/html; charset=utf-8");
    });
    srv.Get("/untitled", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><body><p>no title here</p></body></html>", "text/html; charset=utf-8");
    });
    port = srv.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { srv.listen_after_bind(); });
    for (int i = 0; i < 100 && !srv.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~pages_server() {
    srv.stop();
    thread.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

bool contains(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

bool unshare_works() { return bicite_test::run("unshare -n true >/dev/null 2>&1 && echo yes").out == "yes\n"; }

}  // namespace

TEST_CASE("title_mismatch: a page that is not the cited work is its own verdict, a problem") {
  pages_server s;
  // note 5 (“Российско-китайские отношения в 2023 году”) once on its article, once on a parked domain;
  // note 3 on a page without a title (nothing to compare: not a mismatch)
  const std::string notes = sample_note(5, s.url("/article")) + sample_note(6, s.url("/parked")) +
                            sample_note(3, s.url("/untitled"));
  auto found = extract_from_notes(notes);
  REQUIRE(found.links.size() == 3);
  found.links[1].title = found.links[0].title;  // the parked page cited with the same title
  check_options o;
  o.verify_titles = true;
  auto reps = check(found.links, o);
  REQUIRE(reps.size() == 3);
  CHECK(reps[0].result == verdict::ok);
  REQUIRE(reps[0].title_match.has_value());
  CHECK(*reps[0].title_match >= 0.9);
  CHECK(reps[1].result == verdict::title_mismatch);
  REQUIRE(reps[1].title_match.has_value());
  CHECK(*reps[1].title_match < title_mismatch_below);
  CHECK(reps[1].http_status == 200);
  CHECK_FALSE(reps[1].soft_404);  // not an error page: a different page
  CHECK(reps[1].cited_title == "Российско-китайские отношения в 2023 году");
  CHECK(reps[1].page_title == "Домен продаётся / This domain is for sale");
  CHECK(contains(reps[1].detail, "title mismatch"));
  CHECK(reps[2].result == verdict::ok);
  CHECK_FALSE(reps[2].title_match.has_value());

  SUBCASE("without --verify-titles the status is all there is") {
    reps = check(found.links, check_options{});
    CHECK(reps[1].result == verdict::ok);
  }
  SUBCASE("never cached as such: the cache keeps the page's answer, the verdict is made again") {
    const std::string cache = std::string(BICITE_BINARY_DIR) + "/links_title_mismatch_cache.jsonl";
    std::remove(cache.c_str());
    o.cache_file = cache;
    reps = check(found.links, o);
    CHECK(reps[1].result == verdict::title_mismatch);
    const std::string lines = bicite_test::read_file(cache);
    CHECK_FALSE(contains(lines, "title_mismatch"));
    reps = check(found.links, o);
    CHECK(reps[1].from_cache);
    CHECK(reps[1].result == verdict::title_mismatch);
    std::remove(cache.c_str());
  }
  SUBCASE("every format says title_mismatch, with both titles") {
    const auto j = nlohmann::json::parse(write_json(reps));
    CHECK(j[1]["verdict"] == "title_mismatch");
    CHECK(j[1]["cited_title"] == "Российско-китайские отношения в 2023 году");
    CHECK(j[1]["page_title"] == "Домен продаётся / This domain is for sale");
    const auto csv = write_csv(reps);
    CHECK(contains(csv, ",title_mismatch,200,"));
    CHECK(contains(csv, ",cited_title,page_title\n"));
    const auto md = write_markdown(reps);
    CHECK(contains(md, "title_mismatch 1"));
    CHECK(contains(md, "## title_mismatch (1)"));
    CHECK(contains(md, "| Домен продаётся / This domain is for sale | Российско-китайские отношения в 2023 году |"));
    const auto html = write_html(reps);
    CHECK(contains(html, "<tr data-verdict=\"title_mismatch\""));
    CHECK(contains(html, "<td>Российско-китайские отношения в 2023 году</td><td>Домен продаётся / This domain is for sale"));
    // worst first: the mismatch is listed before the ok rows
    CHECK(html.find("data-verdict=\"title_mismatch\" data-order") < html.find("data-verdict=\"ok\" data-order"));
  }
}

TEST_CASE("bicite links check: title_mismatch is counted in the summary and exits 1") {
  pages_server s;
  const std::string dir = std::string(BICITE_BINARY_DIR);
  const std::string notes = dir + "/links_title_notes.txt", out = dir + "/links_title_out.json", err = dir + "/links_title_err.txt";
  bicite_test::write_file(notes, sample_note(5, s.url("/article")) + sample_note(6, s.url("/parked")));
  auto r = bicite_test::run(std::string(BICITE_EXE) + " links check --verify-titles '" + notes + "' -o '" + out + "' 2>'" + err + "'");
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(bicite_test::read_file(out));
  REQUIRE(j.size() == 2);
  CHECK(j[0]["verdict"] == "ok");
  CHECK(j[1]["verdict"] == "title_mismatch");
  CHECK(contains(bicite_test::read_file(err), "2 links: ok 1, title_mismatch 1"));
  r = bicite_test::run(std::string(BICITE_EXE) + " links check '" + notes + "' -o '" + out + "' 2>/dev/null");
  CHECK(r.exit_code == 0);  // without --verify-titles nothing is compared
  for (const auto& f : {notes, out, err}) std::remove(f.c_str());
}

TEST_CASE("bicite links check on hostile_web.py: the parked page is title_mismatch" * doctest::test_suite("shared")) {
  links_test::hostile_server server(false);
  REQUIRE(links_test::port_open(server.port));
  const std::string dir = std::string(BICITE_BINARY_DIR);
  const std::string notes = dir + "/links_hostile_notes.txt", out = dir + "/links_hostile_out.json";
  // the issue's case: "Россия и Запад: взгляд из Москвы …" cited, a "domain for sale" page served;
  // the same title on its real page; a title of the sample (note 5) on the parked page
  bicite_test::write_file(notes, "1.  A. Author, «Россия и Запад: взгляд из Москвы на кризис европейской безопасности», 2023, " +
                                     server.base() + "/title/mismatch.\n2.  A. Author, «Россия и Запад: взгляд из Москвы на "
                                     "кризис европейской безопасности», 2023, " + server.base() + "/title/ru-utf8.\n" +
                                     sample_note(5, server.base() + "/title/mismatch?note=5"));
  const auto r = bicite_test::run(std::string(BICITE_EXE) + " links check --verify-titles --timeout 4 '" + notes + "' -o '" + out +
                                  "' 2>/dev/null");
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(bicite_test::read_file(out));
  REQUIRE(j.size() == 3);
  CHECK(j[0]["verdict"] == "title_mismatch");
  CHECK(j[0]["title_match"].get<double>() < title_mismatch_below);
  CHECK(j[1]["verdict"] == "ok");
  CHECK(j[1]["title_match"].get<double>() >= 0.9);
  CHECK(j[2]["verdict"] == "title_mismatch");
  for (const auto& f : {notes, out}) std::remove(f.c_str());
}

TEST_CASE("offline: the decision over the hosts looked up") {
  using detail::offline_reason;
  auto all = [](host_state st) { return [st](const std::string&) { return st; }; };
  const std::vector<std::string> eight = {"globaltimes.cn", "lk.iccaras.ru", "mgimo.ru", "business-gazeta.ru",
                                          "en.kremlin.ru", "kremlin.ru", "mid.ru", "interaffairs.ru"};
  CHECK(offline_reason(eight, all(host_state::no_answer)).has_value());
  CHECK(offline_reason(eight, all(host_state::no_route)).has_value());
  CHECK(offline_reason(eight, all(host_state::not_found)).has_value());  // a resolver failing every name
  CHECK_FALSE(offline_reason(eight, all(host_state::routable)).has_value());
  // one host that resolves: the network works, the others are broken links
  CHECK_FALSE(offline_reason(eight, [](const std::string& h) {
                return h == "mid.ru" ? host_state::routable : host_state::no_answer;
              }).has_value());
  // a single failing name proves nothing about the network
  CHECK_FALSE(offline_reason({"mgimo.ru"}, all(host_state::not_found)).has_value());
  CHECK_FALSE(offline_reason({"mgimo.ru"}, all(host_state::no_answer)).has_value());
  CHECK_FALSE(offline_reason({"mgimo.ru", "mid.ru"}, all(host_state::not_found)).has_value());
  CHECK(offline_reason({"mgimo.ru", "mid.ru"}, all(host_state::no_answer)).has_value());
  CHECK(offline_reason({"mgimo.ru"}, all(host_state::no_route)).has_value());  // the kernel's word
  CHECK_FALSE(offline_reason({}, all(host_state::no_answer)).has_value());
  CHECK(detail::probe_hosts({"https://www.globaltimes.cn/a", "https://WWW.globaltimes.cn/b", "http://[::1]:8080/x", "nope"}, 8) ==
        std::vector<std::string>{"www.globaltimes.cn", "::1"});
}

TEST_CASE("offline: a name that does not resolve among hosts that do is still broken") {
  pages_server s;
  CHECK(detail::probe_host("127.0.0.1") == host_state::routable);
  CHECK(detail::probe_host("no-such-host.invalid") != host_state::routable);
  const auto reps = check(std::vector<std::string>{"http://localhost:" + std::to_string(s.port) + "/article",
                                                   "http://no-such-host.invalid/article"});
  REQUIRE(reps.size() == 2);
  CHECK(reps[0].result == verdict::ok);
  CHECK(reps[1].result == verdict::broken);
  CHECK(reps[1].detail == "DNS name not found");
  CHECK(run_diagnostics(reps).empty());
}

TEST_CASE("offline: no network at all is one unreachable/offline reason and one diagnostic (unshare -n)" *
          doctest::test_suite("tools")) {
  BICITE_SKIP_UNLESS_PERMITTED(unshare_works(), "unshare -n (root or user namespaces)");
  const std::string dir = std::string(BICITE_BINARY_DIR);
  const std::string out = dir + "/links_offline_out.json", err = dir + "/links_offline_err.txt",
                    cache = dir + "/links_offline_cache.jsonl";
  std::remove(cache.c_str());
  // the whole sample in a network namespace without a network: no DNS server answers
  auto r = bicite_test::run("unshare -n " + std::string(BICITE_EXE) + " links check '" + sample + "' --cache '" + cache + "' -o '" +
                            out + "' 2>'" + err + "'");
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(bicite_test::read_file(out));
  REQUIRE(j.size() > 50);
  for (const auto& e : j) {
    INFO(e["url"]);
    CHECK(e["verdict"] == "unreachable");
    CHECK(e["detail"] == "offline");
    CHECK(e["attempts"] == 0);
  }
  const std::string stderr_text = bicite_test::read_file(err);
  CHECK(count_of(stderr_text, "[links.offline]") == 1);
  CHECK(contains(stderr_text, "no DNS server answered"));
  CHECK(contains(stderr_text, " links: unreachable "));  // the summary: nothing else, no broken link
  CHECK_FALSE(contains(stderr_text, ", broken"));
  CHECK(bicite_test::read_file(cache).empty());  // nothing learnt, nothing cached
  // addresses without names: no route
  const std::string list = dir + "/links_offline_urls.txt";
  bicite_test::write_file(list, "http://192.0.2.1/a\nhttp://198.51.100.7/b\n");
  r = bicite_test::run("unshare -n " + std::string(BICITE_EXE) + " links check --from urls '" + list + "' -o '" + out + "' 2>'" +
                       err + "'");
  CHECK(r.exit_code == 1);
  CHECK(contains(bicite_test::read_file(err), "no route to the network"));
  CHECK(nlohmann::json::parse(bicite_test::read_file(out))[0]["detail"] == "offline");
  // the human reports say it once at the top
  r = bicite_test::run("unshare -n " + std::string(BICITE_EXE) + " links check --from urls --to markdown '" + list + "' 2>/dev/null");
  CHECK(contains(r.out, "**2 links were not checked: no network: no route to the network (2 hosts looked up, none routable)**"));
  // behind a proxy the proxy resolves the names: no probe, each link gets what its request got
  r = bicite_test::run("unshare -n env http_proxy=http://127.0.0.1:9 " + std::string(BICITE_EXE) +
                       " links check --retries 0 --connect-timeout 1 --from urls '" + list + "' -o '" + out + "' 2>'" + err + "'");
  CHECK_FALSE(contains(bicite_test::read_file(err), "links.offline"));
  CHECK(nlohmann::json::parse(bicite_test::read_file(out))[0]["detail"] != "offline");
  for (const auto& f : {out, err, cache, list}) std::remove(f.c_str());
}

TEST_CASE("HTML report: cited title beside the page title, sorting and filtering in the page, no broken words") {
  // the sample's links as the checker reports them before checking: repaired, not yet fetched
  const auto found = extract_from_notes(bicite_test::read_file(sample));
  std::vector<link_report> reps;
  for (const auto& in : found.links) {
    auto fixed = repair_url(in.url);
    const auto same = std::find_if(reps.begin(), reps.end(), [&](const link_report& r) { return r.url == fixed.url; });
    if (same != reps.end()) {  // one row per URL with every citing note, as check() reports it
      same->notes.insert(same->notes.end(), in.notes.begin(), in.notes.end());
      continue;
    }
    link_report r;
    r.url = fixed.url;
    r.original = in.url;
    r.repairs = std::move(fixed.repairs);
    r.notes = in.notes;
    r.cited_title = in.title;
    r.result = verdict::ok;
    r.http_status = 200;
    reps.push_back(std::move(r));
  }
  REQUIRE(reps.size() > 50);
  reps[2].result = verdict::title_mismatch;
  reps[2].page_title = "Домен продаётся / This domain is for sale";
  reps[2].title_match = 0.0;
  const auto html = write_html(reps);
  // the sentence's own full stop is no repair: only the two links that really changed say so
  CHECK(count_of(html, "repaired from ") == 2);
  CHECK(contains(html, "repaired from https://interaffairs .ru/virtualread/ia_rus/72023/files/assets/downloads/publication.pdf<"));
  CHECK(contains(html, "repaired from kremlin.ru/events/president/news/73406<"));
  // words and note numbers are never broken; only URLs may wrap anywhere
  CHECK_FALSE(contains(html, "word-break"));
  CHECK(contains(html, ".url{overflow-wrap:anywhere}"));
  CHECK(count_of(html, "overflow-wrap") == 1);
  CHECK(contains(html, ".notes{white-space:nowrap}"));
  // the cited title beside the page title
  CHECK(contains(html, "<th>cited title</th><th data-sort=\"score\">page title (match)</th>"));
  CHECK(contains(html, "<td>" + reps[2].cited_title + "</td><td>Домен продаётся / This domain is for sale"));
  // filters and sorting: inline, keyed on data- attributes
  CHECK(contains(html, "<select id=\"f-verdict\">"));
  CHECK(contains(html, "<option>globaltimes.cn</option>"));
  CHECK(contains(html, "<input id=\"f-note\""));
  CHECK(contains(html, "data-host=\"interaffairs.ru\""));
  CHECK(contains(html, "data-notes=\"2 41\""));
  CHECK_FALSE(contains(html, "<script src"));
  CHECK_FALSE(contains(html, "<link"));
  CHECK(html.find("data-verdict=\"title_mismatch\" data-order") < html.find("data-verdict=\"ok\" data-order"));
}

TEST_CASE("HTML report: the page's script sorts and filters (node with a stand-in DOM)" * doctest::test_suite("tools")) {
  BICITE_SKIP_UNLESS(bicite_test::run("node --version 2>/dev/null").exit_code == 0, "node (apt-get install nodejs)");
  std::vector<link_report> reps(4);
  const char* urls[] = {"https://mgimo.ru/a", "https://www.kremlin.ru/b", "https://mgimo.ru/c", "https://mid.ru/d"};
  const verdict vs[] = {verdict::ok, verdict::broken, verdict::title_mismatch, verdict::ok};
  const char* notes[] = {"12", "3", "40", "5"};
  for (int i = 0; i < 4; ++i) {
    reps[i].url = reps[i].original = urls[i];
    reps[i].result = vs[i];
    reps[i].notes = {notes[i]};
  }
  reps[0].title_match = 0.98;
  reps[2].title_match = 0.1;
  const auto html = write_html(reps);
  const auto b = html.find("<script>") + 8;
  const std::string script = html.substr(b, html.find("</script>") - b);
  // a stand-in for the few DOM calls the script makes, built from the rows' data- attributes
  std::string rows = "[";
  for (std::size_t p = html.find("<tr data-verdict"); p != std::string::npos; p = html.find("<tr data-verdict", p + 1)) {
    const std::string tag = html.substr(p, html.find('>', p) - p);
    auto attr = [&](const std::string& name) {
      const auto a = tag.find(name + "=\"") + name.size() + 2;
      return tag.substr(a, tag.find('"', a) - a);
    };
    rows += "{dataset:{verdict:'" + attr("data-verdict") + "',order:'" + attr("data-order") + "',row:'" + attr("data-row") +
            "',host:'" + attr("data-host") + "',notes:'" + attr("data-notes") + "',note:'" + attr("data-note") + "',score:'" +
            attr("data-score") + "'}},";
  }
  rows += "]";
  const std::string js = R"JS(
var rows = )JS" + rows + R"JS(;
var order = rows.slice();
var ths = ['order','host','','note','','score',''].map(function (k) { return {dataset: k ? {sort: k} : {}, setAttribute: function () {}, addEventListener: function (t, f) { if (t === 'click') this.click = f; }}; });
var body = {rows: rows, appendChild: function (r) { order.splice(order.indexOf(r), 1); order.push(r); }};
var els = {links: {tBodies: [body], tHead: {rows: [{cells: ths}]}}, 'f-verdict': {value: '', addEventListener: function () {}},
           'f-host': {value: '', addEventListener: function () {}}, 'f-note': {value: '', addEventListener: function (t, f) { this.input = f; }},
           shown: {}, filters: {}};
var document = {getElementById: function (id) { return els[id]; }, querySelectorAll: function () { return []; }};
)JS" + script + R"JS(
function show() { return order.filter(function (r) { return !r.hidden; }).map(function (r) { return r.dataset.verdict + ':' + r.dataset.notes; }).join(' '); }
var out = [show()];
ths[3].click(); out.push(show());
ths[3].click(); out.push(show());
ths[5].click(); out.push(show());
ths[1].click(); out.push(show());
els['f-host'].value = 'mgimo.ru'; els['f-note'].input(); out.push(show() + ' shown ' + els.shown.textContent);
els['f-host'].value = ''; els['f-note'].value = '5'; els['f-note'].input(); out.push(show());
console.log(out.join('\n'));
)JS";
  const std::string path = std::string(BICITE_BINARY_DIR) + "/links_report_script.js";
  bicite_test::write_file(path, js);
  const auto r = bicite_test::run("node '" + path + "' 2>&1");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "broken:3 title_mismatch:40 ok:12 ok:5\n"   // as written: worst first
                 "broken:3 ok:5 ok:12 title_mismatch:40\n"   // by note, numerically
                 "title_mismatch:40 ok:12 ok:5 broken:3\n"   // again: descending
                 "title_mismatch:40 ok:12 broken:3 ok:5\n"   // by title match, rows without one last
                 "broken:3 title_mismatch:40 ok:12 ok:5\n"   // by host: kremlin.ru, mgimo.ru ×2, mid.ru
                 "title_mismatch:40 ok:12 shown 2\n"         // host mgimo.ru
                 "ok:5\n");                                  // note 5 (not 40)
  std::remove(path.c_str());
}
