// The title-match threshold of verdict title_mismatch, measured: title_similarity() on pairs built from
// the real cited titles of tests/parse/data (five documents, ~180 titles): the same work's page
// (site suffix, subtitle dropped, Russian titles cited in Latin) against another work's page, the
// site's home page and parked/for-sale pages. The figures in lib/links/README.md come from this test.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <bicite/links.hpp>
#include <bicite/translit.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

using bicite::links::page_head;
using bicite::links::title_similarity;

namespace {

struct work {
  std::string title;
  std::string site;  // container-title, else publisher: what a page's title suffix names
  bool cyrillic = false;
};

std::vector<std::vector<work>> read_documents() {
  std::vector<std::vector<work>> docs;
  for (const char* name : {"dev-chicago", "dev-gost", "test-apa-refs", "test-en-mixed", "test-ru-notes"}) {
    std::vector<work> doc;
    std::istringstream in(bicite_test::read_file(bicite_test::source_path(std::string("tests/parse/data/") + name + ".notes.jsonl")));
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("citations")) continue;
      for (const auto& c : j["citations"]) {
        const std::string t = c.value("title", "");
        if (t.find(' ') == std::string::npos) continue;  // one-word titles say little either way
        if (std::any_of(doc.begin(), doc.end(), [&](const work& w) { return w.title == t; })) continue;
        std::string site = c.value("container-title", c.value("publisher", ""));
        doc.push_back({t, site, t.find_first_of("\xD0\xD1") != std::string::npos});
      }
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

page_head titled(const std::string& t) {
  page_head h;
  h.title = t;
  return h;
}

std::string with_site(const work& w) { return w.site.empty() ? w.title : w.title + " | " + w.site; }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

}  // namespace

TEST_CASE("title_similarity: matching and non-matching pairs from tests/parse/data, and the title_mismatch threshold") {
  const auto docs = read_documents();
  std::vector<double> same, other;
  std::string worst_same, worst_other;
  double worst_same_s = 2, worst_other_s = -1;
  auto add = [](std::vector<double>& v, double s, std::string& worst, double& worst_s, bool low, const std::string& what) {
    v.push_back(s);
    if (low ? s < worst_s : s > worst_s) {
      worst_s = s;
      worst = what;
    }
  };
  std::size_t titles = 0;
  for (const auto& doc : docs) {
    titles += doc.size();
    for (std::size_t i = 0; i < doc.size(); ++i) {
      const auto& w = doc[i];
      // the same work: "Title | Site", the main title only ("Title: subtitle" → "Title — Site"),
      // a Russian title cited in Latin (four common schemes) against the Cyrillic page
      add(same, title_similarity(w.title, titled(with_site(w))), worst_same, worst_same_s, true, w.title);
      if (const auto colon = w.title.find(": "); colon != std::string::npos && w.title.substr(0, colon).find(' ') != std::string::npos)
        add(same, title_similarity(w.title, titled(w.title.substr(0, colon) + " — " + w.site)), worst_same, worst_same_s, true,
            w.title + " ~ " + w.title.substr(0, colon));
      if (w.cyrillic)
        for (const char* scheme : {"ala_lc", "bgn_pcgn", "gost_779", "scientific"}) {
          const auto latin = bicite::translit::transliterate(w.title, scheme);
          if (latin) add(same, title_similarity(*latin, titled(with_site(w))), worst_same, worst_same_s, true, *latin);
        }
      // a work named like its site ("О Евразийском экономическом союзе" on the union's portal) cannot be
      // told from another page of that site by title: not a pair either way
      if (!w.site.empty() && title_similarity(w.title, titled(w.site)) >= 0.5) continue;
      // another work of the same document (same subject) on the cited work's own site: the link now
      // shows another article; and the site's home page
      for (std::size_t k = 0; k < doc.size(); ++k)
        if (k != i && doc[k].title != w.title)
          add(other, title_similarity(w.title, titled(with_site({doc[k].title, w.site, false}))), worst_other, worst_other_s,
              false, w.title + " ≠ " + doc[k].title);
      if (!w.site.empty()) add(other, title_similarity(w.title, titled(w.site)), worst_other, worst_other_s, false, w.title + " ≠ " + w.site);
      for (const char* parked : {"Домен продаётся / This domain is for sale", "This domain is for sale!",
                                 "Buy this domain", "Сайт находится на реконструкции", "Welcome to nginx!",
                                 "Index of /", "Account Suspended"})
        add(other, title_similarity(w.title, titled(parked)), worst_other, worst_other_s, false, w.title + " ≠ " + parked);
    }
  }
  const double threshold = bicite::links::title_mismatch_below;
  std::size_t same_below = 0, other_at_or_above = 0;
  for (double s : same) same_below += s < threshold;
  for (double s : other) other_at_or_above += s >= threshold;
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "title_similarity on %zu cited titles: same work %zu pairs, min %.3f, 1%% %.3f, 5%% %.3f, median %.3f; "
                "other page %zu pairs, median %.3f, 99%% %.3f, 99.9%% %.3f, max %.3f; threshold %.2f: "
                "%zu same-work pairs below, %zu other pairs at or above\n",
                titles, same.size(), percentile(same, 0), percentile(same, 0.01), percentile(same, 0.05),
                percentile(same, 0.5), other.size(), percentile(other, 0.5), percentile(other, 0.99),
                percentile(other, 0.999), percentile(other, 1), threshold, same_below, other_at_or_above);
  std::cerr << buf << "  lowest same-work pair: " << worst_same << " (" << worst_same_s << ")\n"
            << "  highest other pair: " << worst_other << " (" << worst_other_s << ")\n";
  std::string hist = "  score      same  other\n";
  for (int b = 0; b < 10; ++b) {
    std::size_t ns = 0, no = 0;
    for (double s : same) ns += std::min(9, static_cast<int>(s * 10)) == b;
    for (double s : other) no += std::min(9, static_cast<int>(s * 10)) == b;
    std::snprintf(buf, sizeof buf, "  %.1f–%.1f %5zu %6zu\n", b / 10.0, (b + 1) / 10.0, ns, no);
    hist += buf;
  }
  std::cerr << hist;
  CHECK(titles >= 150);
  // every pair of the same work stays above the threshold (with room: iuliia's transliterated samples
  // score ≥ 0.6, repair_test.cpp), and 99 % of other pages stay below it (those above are titles on the
  // same subject sharing most words: "Китайский фактор в политике России в Центральной Азии" against
  // "Афганский фактор в политике государств Центральной Азии")
  CHECK(same_below == 0);
  CHECK(percentile(same, 0) >= threshold + 0.2);
  CHECK(static_cast<double>(other_at_or_above) <= 0.01 * static_cast<double>(other.size()));
  // the parked page of the issue
  CHECK(title_similarity("Россия и Запад: взгляд из Москвы на кризис европейской безопасности",
                         titled("Домен продаётся / This domain is for sale")) < threshold);
}
