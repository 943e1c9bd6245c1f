// Unit tests of the CSL processor: style loading, bad input, bilingual rendering.
#include <doctest/doctest.h>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>

#include "support.hpp"

namespace {

const char* minimal_style = R"(<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id/><title>t</title></info>
  <citation><layout><names variable="author"><name/></names></layout></citation>
</style>)";

}  // namespace

TEST_CASE("a minimal style renders an author") {
  auto st = bicite::csl::parse_style(minimal_style);
  REQUIRE(st);
  auto items = bicite::read_csl_json(R"([{"id":"a","type":"book","author":[{"family":"Doe","given":"John"}]}])");
  auto res = bicite::csl::render(**st, items.references, bicite::csl::one_citation_per_item(items.references));
  REQUIRE(res.citations.size() == 1);
  CHECK(res.citations[0] == "John Doe");
}
