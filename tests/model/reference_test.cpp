#include <doctest/doctest.h>

#include <bicite/diagnostic.hpp>
#include <bicite/model.hpp>

TEST_CASE("reference accessors") {
  bicite::reference r;
  r.set("title", "Россия");
  CHECK(r.get("title") == "Россия");
  CHECK(r.has("title"));
  r.set("title", "");
  CHECK_FALSE(r.has("title"));
  CHECK(r.names_of("author").empty());
  CHECK(r.date_of("issued") == nullptr);
  r.dates["issued"].parts.push_back({2023, 1, 0});
  REQUIRE(r.date_of("issued") != nullptr);
  CHECK_FALSE(r.date_of("issued")->is_range());
  r.variants["title"].push_back({"Rossiya", bicite::variant_role::transliterated, "ru-Latn", "bgn_pcgn"});
  CHECK(r.variant("title", bicite::variant_role::transliterated)->scheme == "bgn_pcgn");
  CHECK(r.variant("title", bicite::variant_role::translated) == nullptr);
}

TEST_CASE("diagnostics are located by line and column in code points") {
  std::vector<bicite::diagnostic> ds{{"x", bicite::severity::warning, {8, 9}, "m"}, {"y", bicite::severity::error, {0, 1}, "n"}};
  bicite::locate(ds, "ab\nЖЖЖ x");
  CHECK(ds[0].line == 2);
  CHECK(ds[0].column == 4);
  CHECK(ds[1].line == 1);
  CHECK(bicite::to_string(ds[0]) == "2:4: warning: m [x]");
}
