// Link repair, extraction from notes/URL lists/CSL-JSON, page heads, title similarity, report formats.
#include <doctest/doctest.h>

#include <algorithm>

#include <bicite/links.hpp>
#include <bicite/text.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace bicite::links;

TEST_CASE("repair_url") {
  struct row {
    const char* raw;
    const char* url;
    std::vector<std::string> codes;
  };
  const row rows[] = {
      {"https://example.org/a", "https://example.org/a", {}},
      {"https://interaffairs .ru/virtualread/x.pdf.", "https://interaffairs.ru/virtualread/x.pdf",
       {"links.inner-space", "links.trailing-punctuation"}},
      {"kremlin.ru/events/president/news/73406.", "https://kremlin.ru/events/president/news/73406",
       {"links.trailing-punctuation", "links.missing-scheme"}},
      {"www.kremlin.ru/supplement/3418", "https://www.kremlin.ru/supplement/3418", {"links.missing-scheme"}},
      {"(https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)", {"links.trailing-punctuation"}},
      {"https://example.org/x»,", "https://example.org/x", {"links.trailing-punctuation"}},
      {"«https://example.org/x»", "https://example.org/x", {"links.trailing-punctuation"}},
      {"bicite-nope://127.0.0.1/x", "bicite-nope://127.0.0.1/x", {}},
      {"e.g.", "e.g", {"links.trailing-punctuation"}},
  };
  for (const auto& r : rows) {
    INFO(r.raw);
    const auto got = repair_url(r.raw);
    CHECK(got.url == r.url);
    std::vector<std::string> codes;
    for (const auto& p : got.repairs) codes.push_back(p.code);
    CHECK(codes == r.codes);
  }
}

TEST_CASE("extract_from_notes: the Weitz 2024 sample") {
  const std::string text = bicite_test::read_file(bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt"));
  const auto found = extract_from_notes(text);
  CHECK(found.links.size() == 85);
  auto find = [&](std::string_view part) {
    return std::find_if(found.links.begin(), found.links.end(),
                        [&](const link_input& l) { return l.url.find(part) != std::string::npos; });
  };
  auto it = find("interaffairs .ru/virtualread");
  REQUIRE(it != found.links.end());
  CHECK(it->notes == std::vector<std::string>{"63"});
  CHECK(it->title == "США в Центральной Азии: политика «немягкой силы»");
  CHECK(it->date == "2023");
  it = find("mgimo.ru/about/news/experts/russia-china-2023");
  REQUIRE(it != found.links.end());
  CHECK(it->notes == std::vector<std::string>{"5"});  // "2024, https://…" glued by a no-break space
  it = std::find_if(found.links.begin(), found.links.end(),
                    [](const link_input& l) { return l.url.starts_with("kremlin.ru/events/president/news/73406"); });
  REQUIRE(it != found.links.end());
  CHECK(it->notes == std::vector<std::string>{"67"});
}

TEST_CASE("extract: dates, URL lists, CSL-JSON") {
  auto notes = extract_from_notes("1.  Иванов И. «Статья» // Журнал. URL: http://x.ru/a (дата обращения: 12.03.2023).\n"
                                  "2.  See http://y.org/b and www.z.com/c.\n");
  REQUIRE(notes.links.size() == 3);
  CHECK(notes.links[0].date == "20230312");
  CHECK(notes.links[0].title == "Статья");
  CHECK(notes.links[0].url == "http://x.ru/a");
  CHECK(notes.links[2].url == "www.z.com/c.");
  CHECK(notes.links[2].notes == std::vector<std::string>{"2"});

  auto list = extract_from_url_list("# comment\nhttp://a.org/x\tok\n\n  https://b.org/y  \n");
  REQUIRE(list.links.size() == 2);
  CHECK(list.links[0].url == "http://a.org/x");
  CHECK(list.links[1].url == "https://b.org/y");

  auto csl = extract_from_csl_json(R"([{"id":"w1","type":"webpage","title":"T","URL":"https://c.org/z",
                                       "issued":{"date-parts":[[2023,5,7]]}}, {"id":"w2","type":"book"},
                                       {"id":"a3","type":"article-journal","DOI":"10.1080/1060586X.2022.2041234"}])");
  REQUIRE(csl.links.size() == 2);
  CHECK(csl.links[0].notes == std::vector<std::string>{"w1"});
  CHECK(csl.links[0].date == "20230507");
  CHECK(csl.links[0].title == "T");
  CHECK(csl.links[1].url == "https://doi.org/10.1080/1060586X.2022.2041234");  // a DOI and no URL
}

TEST_CASE("read_page_head: charsets and titles") {
  const std::string ru = "Россия и Запад";
  auto cp1251 = bicite::text::to_utf8("x", "utf-8");  // warm-up (ICU)
  (void)cp1251;
  SUBCASE("charset only in <meta http-equiv>, windows-1251 bytes") {
    // "Россия и Запад" in windows-1251
    const std::string bytes = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                              "<title>\xD0\xEE\xF1\xF1\xE8\xFF \xE8 \xC7\xE0\xEF\xE0\xE4</title></head>";
    const auto h = read_page_head(bytes, "text/html");
    CHECK(h.charset == "windows-1251");
    CHECK(h.title == ru);
  }
  SUBCASE("KOI8-R from the header") {
    const std::string bytes = "<title>\xF2\xCF\xD3\xD3\xC9\xD1 \xC9 \xFA\xC1\xD0\xC1\xC4</title>";
    CHECK(read_page_head(bytes, "text/html; charset=KOI8-R").title == ru);
  }
  SUBCASE("meta tags, entities, h1") {
    const auto h = read_page_head(
        "<head><meta charset='utf-8'><meta property=\"og:title\" content=\"A &amp; B\">"
        "<META NAME=citation_title CONTENT=\"Russia &#38; China\"><title>\n  Site | News </title></head><body><h1>Head <b>1</b></h1>");
    CHECK(h.og_title == "A & B");
    CHECK(h.citation_title == "Russia & China");
    CHECK(h.title == "Site | News");
    CHECK(h.h1 == "Head 1");
  }
  SUBCASE("no charset anywhere, not UTF-8: windows-1251 guessed") {
    CHECK(read_page_head("<title>\xD0\xEE\xF1\xF1\xE8\xFF</title>").title == "Россия");
  }
}

TEST_CASE("title_similarity") {
  page_head h;
  h.title = "Россия и Запад: взгляд из Москвы — тема научной статьи по политологическим наукам | КиберЛенинка";
  CHECK(title_similarity("Россия и Запад: взгляд из Москвы", h) == doctest::Approx(1.0));
  CHECK(title_similarity("РОССИЯ И ЗАПАД: ВЗГЛЯД ИЗ МОСКВЫ", h) == doctest::Approx(1.0));
  // transliterated citation (ALA-LC and BGN-style) of a Cyrillic page
  CHECK(title_similarity("Rossiia i Zapad: vzgliad iz Moskvy", h) > 0.9);
  CHECK(title_similarity("Rossiya i Zapad: vzglyad iz Moskvy", h) > 0.9);
  page_head other;
  other.title = "Домен продаётся / This domain is for sale";
  CHECK(title_similarity("Россия и Запад: взгляд из Москвы", other) < 0.3);
  page_head izv;
  izv.title = "Третий лишний | Известия";
  CHECK(title_similarity("Третий лишний", izv) == doctest::Approx(1.0));
  CHECK(title_similarity("Tretii lishnii", izv) > 0.9);
}

TEST_CASE("report formats") {
  link_report a;
  a.url = "https://a.org/x";
  a.result = verdict::broken;
  a.http_status = 404;
  a.detail = "not found";
  a.notes = {"3", "7"};
  a.archive_url = "http://web.archive.org/web/2023/https://a.org/x";
  link_report b;
  b.url = "https://b.org/<y>";
  b.result = verdict::redirected;
  b.http_status = 200;
  b.final_url = "https://b.org/z";
  b.redirects = {{"https://b.org/<y>", 301}};
  b.title_match = 0.5;
  const std::vector<link_report> reps = {a, b};
  const auto j = nlohmann::json::parse(write_json(reps));
  REQUIRE(j.size() == 2);
  for (const char* key : {"url", "verdict", "http_status", "final_url", "redirects", "error", "elapsed_ms", "notes", "title_match"})
    CHECK(j[0].contains(key));
  CHECK(j[0]["verdict"] == "broken");
  CHECK(j[0]["final_url"].is_null());
  CHECK(j[0]["notes"] == nlohmann::json({"3", "7"}));
  CHECK(j[1]["redirects"][0]["status"] == 301);
  CHECK(j[1]["title_match"] == 0.5);
  CHECK(write_csv(reps).starts_with("url,verdict,http_status,final_url,redirects,error,detail,elapsed_ms,notes,title_match"));
  const auto md = write_markdown(reps);
  CHECK(md.find("## broken (1)") != std::string::npos);
  const auto html = write_html(reps);
  CHECK(html.find("<a href=\"https://b.org/&lt;y&gt;\">") != std::string::npos);
  CHECK(html.find("3, 7") != std::string::npos);
  CHECK(html.find("<script src") == std::string::npos);  // inline only: the page needs no other file
  for (std::size_t v = 0; v < verdict_count; ++v)
    CHECK(verdict_from_string(to_string(static_cast<verdict>(v))) == static_cast<verdict>(v));
  CHECK(to_string(verdict::title_mismatch) == "title_mismatch");
}

TEST_CASE("invalid input never crashes") {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 7919) % 256);
  CHECK_NOTHROW(extract_from_notes(junk));
  CHECK_NOTHROW(extract_from_url_list(junk));
  CHECK_NOTHROW(extract_from_csl_json(junk));
  CHECK_NOTHROW(read_page_head(junk, "text/html; charset=nonsense"));
  std::string hostile = "<title>";
  for (int i = 0; i < 6000; ++i) hostile += "a | b — ";
  hostile += "</title>";
  const auto head = read_page_head(hostile, "text/html");
  CHECK(title_similarity("a b", head) > 0.5);
  std::string many;
  for (int i = 1; i <= 20000; ++i) many += std::to_string(i) + ".  See https://example.org/" + std::to_string(i) + ".\n";
  CHECK(extract_from_notes(many).links.size() == 20000);
  const auto reps = check(std::vector<std::string>{"", "not a url", "http://[::1", "ftp://x.org/a", "http://:80/"});
  REQUIRE(reps.size() == 5);
  for (const auto& r : reps) CHECK(r.result == verdict::invalid);
}

TEST_CASE("title_similarity across the iuliia transliteration schemes (../shared/translit/iuliia)" * doctest::test_suite("shared")) {
  // every Russian scheme's official samples: the Latin form against the Cyrillic page title
  int schemes = 0;
  for (const char* name : {"ala_lc", "ala_lc_alt", "bgn_pcgn", "bgn_pcgn_alt", "bs_2979", "bs_2979_alt", "gost_16876",
                           "gost_16876_alt", "gost_52290", "gost_52535", "gost_7034", "gost_779", "gost_779_alt",
                           "icao_doc_9303", "iso_9_1954", "iso_9_1968", "iso_9_1968_alt", "mosmetro", "mvd_310", "mvd_782",
                           "scientific", "telegram", "ungegn_1987", "wikipedia", "yandex_maps", "yandex_money"}) {
    const auto j = nlohmann::json::parse(bicite_test::read_file(bicite_test::shared_path(std::string("translit/iuliia/") + name + ".json")));
    double sum = 0, low = 1;
    for (const auto& s : j["samples"]) {
      page_head h;
      h.title = s[0].get<std::string>();
      const double v = title_similarity(s[1].get<std::string>(), h);
      sum += v;
      low = std::min(low, v);
    }
    INFO(name << ": lowest " << low << ", mean " << sum / static_cast<double>(j["samples"].size()));
    CHECK(low >= 0.6);
    CHECK(sum / static_cast<double>(j["samples"].size()) >= 0.85);
    ++schemes;
  }
  CHECK(schemes == 26);
}
