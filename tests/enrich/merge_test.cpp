// merge(): the note's language is a guess, date ranges are compared end to end.
#include <doctest/doctest.h>

#include <bicite/enrich.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>

using namespace bicite;
using namespace bicite::enrich;

namespace {

date range(date::part a, date::part b) {
  date d;
  d.parts = {a, b};
  return d;
}
date single(date::part a) {
  date d;
  d.parts = {a};
  return d;
}

metadata russian_page() {
  metadata page;
  page.item.set("title", "Россия и Китай: новая эпоха");
  page.item.set("language", "ru");
  page.extractor = {{"title", "og:title"}, {"language", "html-lang"}};
  return page;
}

}  // namespace

TEST_CASE("a romanised Russian title guessed as English: the page's stated language replaces the guess") {
  // The parser reads this title as romanised Russian; a title with fewer Russian words (a short one, a
  // name) still gets "en" from its Latin script: that guess is what the page's stated language replaces.
  auto doc = parse::parse_document("1. Tavrovsky Iu. Rossiia i Kitai: novaia epokha // Izvestiia. 2023. URL: https://iz.ru/1\n");
  auto bib = resolve::resolve(doc);
  REQUIRE(bib.references.size() == 1);
  CHECK(bib.references[0].get("language") == "ru");
  bib.references[0].set("language", "en");  // the guess a Latin title with little evidence gets
  reference note = bib.references[0];

  enrich_report rep;
  merge(note, russian_page(), "https://iz.ru/1", {}, rep);
  CHECK(rep.conflicts.empty());  // not a conflict: the guess is not a stated fact
  CHECK(note.get("language") == "ru");
  REQUIRE(rep.filled.size() == 1);
  CHECK(rep.filled[0].field == "language");
  CHECK(rep.filled[0].replaced == "en");
  CHECK(rep.filled_by_field["language"] == 1);
  CHECK(note.custom["filled"]["language"]["replaced"] == "en");
  CHECK(note.custom["filled"]["language"]["extractor"] == "html-lang");

  // Dry run: reported, not changed.
  reference dry = bib.references[0];
  enrich_options o;
  o.fill = false;
  enrich_report rep_dry;
  merge(dry, russian_page(), "https://iz.ru/1", o, rep_dry);
  CHECK(dry.get("language") == "en");
  CHECK(rep_dry.filled.size() == 1);
  CHECK(rep_dry.conflicts.empty());

  // A stated language (language_is_guess = false): compared like any field.
  reference stated = bib.references[0];
  enrich_options strict;
  strict.language_is_guess = false;
  enrich_report rep_stated;
  merge(stated, russian_page(), "https://iz.ru/1", strict, rep_stated);
  CHECK(stated.get("language") == "en");
  REQUIRE(rep_stated.conflicts.size() == 1);
  CHECK(rep_stated.conflicts[0].field == "language");

  // A page that contradicts itself (lang="en", a Cyrillic title: a template default) does not
  // replace the guess "ru" of a Cyrillic note, and is no conflict either.
  reference cyr;
  cyr.id = "n2";
  cyr.set("title", "Россия и Китай");
  cyr.set("language", "ru");
  metadata template_default = russian_page();
  template_default.item.set("language", "en");
  enrich_report rep_tpl;
  merge(cyr, template_default, "https://iz.ru/1", {}, rep_tpl);
  CHECK(cyr.get("language") == "ru");
  CHECK(rep_tpl.conflicts.empty());
  CHECK(rep_tpl.filled.empty());

  // Same language, other spelling: agrees.
  reference same;
  same.id = "n3";
  same.set("language", "ru-RU");
  enrich_report rep_same;
  merge(same, russian_page(), "https://iz.ru/1", {}, rep_same);
  CHECK(rep_same.filled_by_field.count("language") == 0);
  CHECK(rep_same.conflicts.empty());
  CHECK(same.get("language") == "ru-RU");
}

TEST_CASE("date ranges: inside, single against range, both ends") {
  // Single dates: the parts both give.
  CHECK(date_agreement(single({2023, 0, 0}), single({2023, 3, 20})) == 1.0);
  CHECK(date_agreement(single({2023, 3, 0}), single({2023, 4, 2})) < 1.0);
  // A page date inside the note's range agrees; outside it does not.
  const date note_range = range({2023, 5, 1}, {2023, 5, 5});
  CHECK(date_agreement(note_range, single({2023, 5, 3})) == 1.0);
  CHECK(date_agreement(note_range, single({2023, 5, 1})) == 1.0);  // an end is inside
  CHECK(date_agreement(note_range, single({2023, 5, 5})) == 1.0);
  CHECK(date_agreement(note_range, single({2023, 5, 6})) == 0.0);
  CHECK(date_agreement(note_range, single({2023, 4, 30})) == 0.0);
  CHECK(date_agreement(note_range, single({2023, 5, 0})) == 1.0);   // the page's month holds the range
  CHECK(date_agreement(range({2022, 0, 0}, {2023, 0, 0}), single({2022, 11, 7})) == 1.0);
  CHECK(date_agreement(range({2022, 0, 0}, {2023, 0, 0}), single({2024, 1, 7})) == 0.0);
  // A single note date against a page range: inside, holding it, overlapping, outside.
  CHECK(date_agreement(single({2023, 5, 3}), note_range) == 1.0);
  CHECK(date_agreement(single({2023, 0, 0}), note_range) == 1.0);
  CHECK(date_agreement(single({2023, 5, 9}), note_range) == 0.0);
  CHECK(date_agreement(single({2023, 0, 0}), range({2022, 12, 30}, {2023, 1, 2})) == 0.5);
  // Two ranges: both ends compared.
  CHECK(date_agreement(range({2020, 0, 0}, {2021, 0, 0}), range({2020, 3, 1}, {2021, 6, 1})) == 1.0);
  CHECK(date_agreement(range({2020, 0, 0}, {2021, 0, 0}), range({2020, 0, 0}, {2022, 0, 0})) == 0.0);  // end differs
  CHECK(date_agreement(range({2019, 0, 0}, {2021, 0, 0}), range({2020, 0, 0}, {2021, 0, 0})) == 0.0);  // start differs
  CHECK(date_agreement(range({2023, 5, 1}, {2023, 5, 5}), range({2023, 5, 1}, {2023, 5, 7})) == 0.75);

  // Through merge: no conflict for a page date inside the range; a conflict naming both ends otherwise.
  reference note;
  note.id = "n1";
  note.dates["issued"] = note_range;
  metadata inside;
  inside.item.dates["issued"] = single({2023, 5, 4});
  enrich_report rep;
  merge(note, inside, "https://example.org/a", {}, rep);
  CHECK(rep.conflicts.empty());
  CHECK(note.date_of("issued")->parts.size() == 2);  // the note's range stays

  metadata outside;
  outside.item.dates["issued"] = range({2023, 5, 1}, {2023, 5, 9});
  enrich_report rep2;
  merge(note, outside, "https://example.org/b", {}, rep2);
  REQUIRE(rep2.conflicts.size() == 1);
  CHECK(rep2.conflicts[0].note_value == "2023-05-01/2023-05-05");
  CHECK(rep2.conflicts[0].page_value == "2023-05-01/2023-05-09");
  CHECK(note.date_of("issued")->parts[1] == date::part{2023, 5, 5});

  // A missing date is filled with the page's whole range.
  reference bare;
  bare.id = "n2";
  enrich_report rep3;
  merge(bare, outside, "https://example.org/b", {}, rep3);
  REQUIRE(bare.date_of("issued"));
  CHECK(bare.date_of("issued")->parts.size() == 2);
  REQUIRE(rep3.filled.size() == 1);
  CHECK(rep3.filled[0].value == "2023-05-01/2023-05-09");
}
