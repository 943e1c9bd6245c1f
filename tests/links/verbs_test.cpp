// links::write_json/write_csv/write_markdown/write_html give exactly what the deprecated
// to_json/to_csv/to_markdown/to_html gave, on reports for the links of the bundled sample. The
// deprecated names are called on purpose, so their warning is off in this file.
#include <doctest/doctest.h>

#include <bicite/links.hpp>

#include <string>
#include <vector>

#include "support.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

TEST_CASE("links::write_* give to_*'s reports") {
  const auto found = bicite::links::extract_from_notes(
      bicite_test::read_file(bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt")));
  REQUIRE(found.links.size() > 20);
  // reports as a run could give them, without a network: every verdict, some redirected
  std::vector<bicite::links::link_report> reports;
  for (std::size_t i = 0; i < found.links.size(); ++i) {
    bicite::links::link_report r;
    r.url = found.links[i].url;
    r.original = found.links[i].url;
    r.notes = found.links[i].notes;
    r.result = static_cast<bicite::links::verdict>(i % bicite::links::verdict_count);
    r.http_status = r.result == bicite::links::verdict::broken ? 404 : 200;
    if (r.result == bicite::links::verdict::redirected) {
      r.final_url = r.url + "/";
      r.redirects = {{r.url, 301}};
    }
    r.elapsed_ms = static_cast<double>(i);
    reports.push_back(std::move(r));
  }
  CHECK(bicite::links::write_json(reports) == bicite::links::to_json(reports));
  CHECK(bicite::links::write_csv(reports) == bicite::links::to_csv(reports));
  CHECK(bicite::links::write_markdown(reports) == bicite::links::to_markdown(reports));
  CHECK(bicite::links::write_html(reports) == bicite::links::to_html(reports));
}

#pragma GCC diagnostic pop
