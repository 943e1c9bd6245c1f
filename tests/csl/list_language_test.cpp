// The language of a list, on the bundled sample (parsed and resolved): Chicago, APA and MLA give every
// entry English terms, dates and quotes; GOST gives each entry its own language's.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <bicite/bicite.hpp>

#include "support.hpp"

namespace {

const std::vector<bicite::reference>& sample() {
  static const std::vector<bicite::reference> refs = [] {
    auto doc = bicite::parse::parse_document(
        bicite_test::read_file(bicite_test::source_path("examples/data/weitz-2024-view-from-russia.txt")));
    return bicite::resolve::resolve(std::move(doc)).references;
  }();
  return refs;
}

struct list {
  bicite::csl::rendered out;
  // the entry of the item with this id
  std::string entry(const std::string& id) const {
    for (std::size_t i = 0; i < out.bibliography_ids.size(); ++i)
      if (out.bibliography_ids[i] == id) return out.bibliography[i];
    FAIL("no entry " << id);
    return {};
  }
};

list render(const std::string& style, bicite::csl::render_options o = {}) {
  auto st = bicite::csl::load_style(style);
  REQUIRE(st);
  o.format = bicite::csl::output_format::text;
  return {bicite::csl::render(**st, sample(), bicite::csl::one_citation_per_item(sample()), o)};
}

bool russian(const std::string& id) {
  for (const auto& r : sample())
    if (r.id == id) return r.get("language") == "ru";
  return false;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Russian terms and date words that no title of the sample holds
const char* const russian_terms[] = {"вып.", "под редакцией", "под ред.", "сс.", " г.)", "б. д.", "““", "««", "»»",
                                     " и др.", " января", " февраля", " марта", " апреля", " мая",
                                     " июня", " июля", " августа", " сентября", " октября", " ноября", " декабря",
                                     "январь", "февраль", "март ", "апрель", "май ", "июнь", "июль", "август ",
                                     "сентябрь", "октябрь", "ноябрь", "декабрь"};

}  // namespace

TEST_CASE("the sample: English styles write English terms for Russian items") {
  REQUIRE(sample().size() > 50);
  for (const char* style : {"chicago-fullnote-bibliography", "apa", "modern-language-association"}) {
    INFO(style);
    const auto l = render(style);
    REQUIRE(l.out.bibliography.size() == l.out.bibliography_ids.size());
    int russian_entries = 0;
    for (std::size_t i = 0; i < l.out.bibliography.size(); ++i) {
      if (!russian(l.out.bibliography_ids[i])) continue;
      ++russian_entries;
      const std::string& e = l.out.bibliography[i];
      for (const char* t : russian_terms)
        if (!has(e, "18 января 2023"))  // the one title that holds a date
          CHECK_MESSAGE(!has(e, t), "\"" << t << "\" in " << e);
    }
    CHECK(russian_entries > 30);
  }
}

TEST_CASE("the sample: two authors, dates and issues of Russian items in English lists") {
  const auto chicago = render("chicago-fullnote-bibliography");
  CHECK(has(chicago.entry("babaev2023"), "Babaev, Kirill, and Sergey Lavrov."));
  CHECK(has(chicago.entry("akulov2024"), "February 8, 2024"));
  const auto apa = render("apa");
  CHECK(has(apa.entry("babaev2023"), "Babaev, K., & Lavrov, S. (2023)."));
  CHECK(has(apa.entry("akulov2024"), "(2024, February 8)"));
  const auto mla = render("modern-language-association");
  CHECK(has(mla.entry("babaev2023"), "Babaev, Kirill, and Sergey Lavrov."));
  CHECK(has(mla.entry("akulov2024"), "8 Feb. 2024"));
}

TEST_CASE("the sample: guillemets in a quoted Russian title become inner quotes") {
  // «Си Цзиньпин посадил за коррупцию сотни тысяч»: китаевед Лукин о том, чего ждать от съезда КПК
  const auto chicago = render("chicago-fullnote-bibliography");
  const std::string e = chicago.entry("bandysheva2022");
  CHECK_MESSAGE(has(e, "“‘Си Цзиньпин посадил за коррупцию сотни тысяч’: китаевед"), e);
  bicite::csl::render_options ru;
  ru.per_item_locale = bicite::csl::item_locale::on;
  const std::string r = render("chicago-fullnote-bibliography", ru).entry("bandysheva2022");
  CHECK_MESSAGE(has(r, "«„Си Цзиньпин посадил за коррупцию сотни тысяч“: китаевед"), r);
}

TEST_CASE("the sample: GOST keeps each item's own language") {
  // the numeric GOST style has en-US for its default-locale, and Russian and English wording of its own
  const auto gost = render("gost-r-7-0-5-2008-numeric");
  int ru = 0, en = 0;
  for (std::size_t i = 0; i < gost.out.bibliography.size(); ++i) {
    const std::string& e = gost.out.bibliography[i];
    const bool r = russian(gost.out.bibliography_ids[i]);
    if (has(e, "[Электронный ресурс]")) {
      CHECK_MESSAGE(r, e);
      ++ru;
    }
    if (has(e, "[Electronic resource]")) {
      CHECK_MESSAGE(!r, e);
      ++en;
    }
  }
  CHECK(ru > 3);
  CHECK(en > 3);
  // off: the list's en-US wording for every item
  bicite::csl::render_options off;
  off.per_item_locale = bicite::csl::item_locale::off;
  for (const auto& e : render("gost-r-7-0-5-2008-numeric", off).out.bibliography)
    CHECK_MESSAGE(!has(e, "[Электронный ресурс]"), e);
  // on: an English style gives Russian items Russian terms
  bicite::csl::render_options on;
  on.per_item_locale = bicite::csl::item_locale::on;
  CHECK(has(render("chicago-fullnote-bibliography", on).entry("babaev2023"), "Babaev, Kirill, и Sergey Lavrov."));
  CHECK(has(render("gost-r-7-0-5-2008").entry("babaev2023"), "Babaev K., Lavrov S. И вширь, и вглубь"));
}
