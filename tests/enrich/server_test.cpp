// enrich() against local servers: pages in three charsets, a fake Crossref endpoint with errors,
// hanging and endless answers; every reference gets its own error and the rest still resolve.
#include <doctest/doctest.h>

#include <chrono>

#include <bicite/enrich.hpp>
#include <bicite/names.hpp>

#include "pages.hpp"

using namespace bicite;
using namespace bicite::enrich;

namespace {

enrich_options fast_options(const enrich_test::server& s) {
  enrich_options o;
  o.doi_endpoint = s.url("/api");
  o.fetch.timeout_s = 1.5;
  o.fetch.connect_timeout_s = 1;
  o.fetch.body_timeout_s = 1;
  o.fetch.retries = 0;
  o.fetch.host_gap_ms = 0;
  o.fetch.per_host = 16;
  return o;
}

reference ref(const std::string& id, const std::string& url, const std::string& title = {}) {
  reference r;
  r.id = id;
  r.type = "article-newspaper";
  if (!url.empty()) r.set("URL", url);
  if (!title.empty()) r.set("title", title);
  return r;
}

const char* crossref_ok = R"({"status":"ok","message-type":"work","message":{"DOI":"10.1000/ok.1",
  "title":["Russia's Pivot to Asia"],"author":[{"given":"Alexander","family":"Gabuev"}],
  "issued":{"date-parts":[[2022,11,3]]},"container-title":["Survival"],"volume":"64","issue":"6","page":"7-20",
  "type":"journal-article"}})";

}  // namespace

TEST_CASE("pages in UTF-8, windows-1251 and KOI8-R fill notes; errors stay per reference") {
  enrich_test::server s;
  enrich_test::server api;  // the DOI endpoint is another host, as Crossref is
  const std::string ru = "<html lang=\"ru\"><head><meta charset=\"%CS%\">"
                         "<meta property=\"og:title\" content=\"Россия и Китай: новая эпоха\">"
                         "<meta property=\"og:site_name\" content=\"Известия\">"
                         "<meta property=\"article:published_time\" content=\"2023-03-20T08:00:00+03:00\">"
                         "<meta name=\"author\" content=\"Юрий Тавровский\"></head><body>Текст</body></html>";
  auto with_cs = [&](const char* cs) {
    std::string p = ru;
    p.replace(p.find("%CS%"), 4, cs);
    return p;
  };
  s.add("/utf8", {with_cs("utf-8")});
  s.add("/cp1251", {enrich_test::encode(with_cs("windows-1251"), "WINDOWS-1251"), "text/html"});
  s.add("/koi8", {enrich_test::encode(with_cs("koi8-r"), "KOI8-R"), "text/html; charset=koi8-r"});
  s.add("/badjson", {"<title>Fine title</title><script type=\"application/ld+json\">{not json</script>"});
  s.add("/pdf", {"%PDF-1.4 binary", "application/pdf"});
  api.add("/api/works/10.1000/ok.1", {crossref_ok, "application/json"});
  api.add("/api/works/10.1000/busy", {"{}", "application/json", 429});
  api.add("/api/works/10.1000/broken", {"{\"message\": {\"title\": [", "application/json"});

  std::vector<reference> refs;
  for (const char* p : {"/utf8", "/cp1251", "/koi8"}) {
    auto r = ref(std::string("n") + p, s.url(p));
    r.names["author"] = {names::parse_name("Iury Tavrovsky")};
    refs.push_back(std::move(r));
  }
  refs.push_back(ref("gone", s.url("/missing-page")));
  refs.push_back(ref("badjson", s.url("/badjson")));
  refs.push_back(ref("pdf", s.url("/pdf")));
  refs.push_back(ref("hang", s.url("/hang/page")));
  refs.push_back(ref("endless", s.url("/endless")));
  auto doi = [&](const std::string& id, const std::string& d) {
    reference r = ref(id, "");
    r.set("DOI", d);
    r.set("title", "Russia’s pivot to Asia");
    refs.push_back(std::move(r));
  };
  doi("doi-ok", "10.1000/ok.1");
  doi("doi-404", "10.1000/nothing");
  doi("doi-429", "10.1000/busy");
  doi("doi-bad", "10.1000/broken");
  refs.push_back(ref("nolink", ""));

  const auto start = std::chrono::steady_clock::now();
  auto options = fast_options(s);
  options.doi_endpoint = api.url("/api");
  const auto rep = bicite::enrich::enrich(refs, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 8);  // the hanging and endless answers are bounded by the deadlines

  for (int i = 0; i < 3; ++i) {
    CAPTURE(refs[i].id);
    CHECK(refs[i].get("title") == "Россия и Китай: новая эпоха");
    CHECK(refs[i].get("container-title") == "Известия");
    REQUIRE(refs[i].date_of("issued"));
    CHECK(refs[i].date_of("issued")->parts[0] == date::part{2023, 3, 20});
    const auto& a = refs[i].names_of("author").at(0);
    CHECK(a.family == "Tavrovsky");
    REQUIRE(a.variants.size() == 1);
    CHECK(a.variants[0].family == "Тавровский");
    CHECK(refs[i].custom["filled"]["title"]["extractor"] == "og:title");
  }
  CHECK(refs[4].get("title") == "Fine title");
  auto& ok = refs[8];
  CHECK(ok.get("title") == "Russia’s pivot to Asia");  // the note's own typography is kept
  CHECK(ok.get("container-title") == "Survival");
  CHECK(ok.names_of("author").at(0).family == "Gabuev");
  CHECK(ok.custom["filled"]["volume"]["source"] == api.url("/api/works/10.1000/ok.1"));

  std::map<std::string, std::string> error_of;
  for (const auto& e : rep.errors) error_of[e.id] = e.problem.code;
  CHECK(error_of["gone"] == "enrich.fetch-failed");
  CHECK(error_of["badjson"] == "enrich.bad-json-ld");
  CHECK(error_of["pdf"] == "enrich.not-html");
  CHECK(error_of["hang"] == "enrich.timeout");
  CHECK(error_of["doi-404"] == "enrich.doi-not-found");
  CHECK(error_of["doi-429"] == "enrich.rate-limited");
  CHECK(error_of["doi-bad"] == "enrich.bad-doi-json");
  CHECK(error_of.count("nolink") == 0);
  CHECK(error_of.count("n/utf8") == 0);
  // The endless page is read up to the cap, then parsed: a title, or a bounded error.
  CHECK((refs[7].get("title") == "Endless" || error_of.count("endless") == 1));
  CHECK(rep.references_looked_up == 12);
  CHECK(rep.references_filled >= 5);
}

TEST_CASE("resolve_doi and a hanging DOI endpoint") {
  enrich_test::server s;
  s.add("/api/works/10.1000/ok.1", {crossref_ok, "application/json"});
  const auto o = fast_options(s);
  auto r = resolve_doi("https://doi.org/10.1000/ok.1", o);
  REQUIRE(r);
  CHECK(r->get("title") == "Russia's Pivot to Asia");
  CHECK(r->id == "10.1000/ok.1");
  CHECK(resolve_doi("not a doi", o).error().code == "enrich.bad-doi");
  auto hang = o;
  hang.doi_endpoint = s.url("/hang");
  const auto start = std::chrono::steady_clock::now();
  auto h = resolve_doi("10.1000/slow", hang);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 5);
  REQUIRE_FALSE(h);
  CHECK(h.error().code == "enrich.timeout");
}
