// The GOST R 7.0.100-2018 styles (lib/csl/data/gost-r-7-0-100-2018*.csl) against the standard's own examples.
//
// Source of the quoted text: https://studfile.net/preview/18511676/page:11, a preview of "ГОСТ Р 7.0.100–2018"
// (the page of clauses 7.3.3–7.3.6: the identifying resource, after "//", in the description of a part of a
// resource). The page is a text extraction of the PDF: its line breaks are read here as spaces, and its "//Цензура"
// (7.3.3) as "// Цензура", the prescribed sign followed by a space as in the same page's 7.3.4 and 7.3.5 examples.
// The standard's examples there give the identifying resource only; the part described before "//" (its title,
// heading, publication area and pages) is this test's own, so each CHECK compares the standard's text with the
// matching stretch of the entry, and the whole entry is checked as bicite writes it.
//
// Other clauses (books of one to three and of four or more authors, journal articles, theses, network resources,
// DOI) were not found quoted in the reference material at hand; lib/csl/README.md ("Checked against the standard's
// examples") lists what was and was not checked.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>

namespace {

const char* const styles[] = {"gost-r-7-0-100-2018", "gost-r-7-0-100-2018-numeric"};

// The one entry of a list of one item, without the numeric style's "1. ".
std::string entry(const std::string& style, const char* json) {
  auto st = bicite::csl::load_style(style);
  REQUIRE_MESSAGE(st, "the style is compiled in and found by name");
  const auto items = bicite::csljson::read(json).references;
  REQUIRE(items.size() == 1);
  bicite::csl::render_options o;
  o.format = bicite::csl::output_format::text;
  const auto out = bicite::csl::render(**st, items, bicite::csl::one_citation_per_item(items), o);
  REQUIRE(out.bibliography.size() == 1);
  std::string e = out.bibliography[0];
  if (style.ends_with("-numeric")) {
    REQUIRE(e.starts_with("1. "));
    e.erase(0, 3);
  }
  return e;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("GOST R 7.0.100-2018 7.3.3: the identifying resource's title and other title information after \"//\"") {
  // 7.3.3, Примеры: "//Цензура в России: история и современность : сборник научных трудов"
  const char* const chapter = R"x([{"id": "a", "type": "chapter", "language": "ru", "title": "Цензура и книжная торговля", "author": [{"family": "Петров", "given": "Иван Иванович"}], "container-title": "Цензура в России: история и современность : сборник научных трудов", "publisher-place": "Санкт-Петербург", "publisher": "РНБ", "page": "10-25", "issued": {"date-parts": [[2001]]}}])x";
  const std::string standard = "// Цензура в России: история и современность : сборник научных трудов";
  for (const char* style : styles) {
    CAPTURE(style);
    const auto e = entry(style, chapter);
    CHECK(contains(e, standard + ". – "));
    CHECK(e ==
          "Петров, И. И. Цензура и книжная торговля / И. И. Петров // Цензура в России: история и современность : "
          "сборник научных трудов. – Санкт-Петербург : РНБ, 2001. – С. 10–25.");
  }
}

TEST_CASE("GOST R 7.0.100-2018 7.3.3: a site as the identifying resource") {
  // 7.3.3, Примеры: "//Российская государственная библиотека : официальный сайт", "//Высшая школа экономики : [сайт]"
  const char* const rsl = R"x([{"id": "a", "type": "webpage", "language": "ru", "title": "О библиотеке", "container-title": "Российская государственная библиотека : официальный сайт", "URL": "https://www.rsl.ru/ru/about", "accessed": {"date-parts": [[2018, 9, 9]]}}])x";
  const char* const hse = R"x([{"id": "a", "type": "webpage", "language": "ru", "title": "Образовательные программы", "container-title": "Высшая школа экономики : [сайт]", "URL": "https://www.hse.ru/education/", "accessed": {"date-parts": [[2018, 9, 9]]}}])x";
  for (const char* style : styles) {
    CAPTURE(style);
    const auto e = entry(style, rsl);
    CHECK(contains(e, "// Российская государственная библиотека : официальный сайт. – "));
    CHECK(e ==
          "О библиотеке. – Текст : электронный // Российская государственная библиотека : официальный сайт. – URL: "
          "https://www.rsl.ru/ru/about (дата обращения: 09.09.2018).");
    CHECK(contains(entry(style, hse), "// Высшая школа экономики : [сайт]. – URL: https://www.hse.ru/education/ "
                                      "(дата обращения: 09.09.2018)."));
  }
}

TEST_CASE("GOST R 7.0.100-2018 7.3.5: the identifying resource's author after \" / \", its edition after \". – \"") {
  // 7.3.5, Пример: "// Основы информационной безопасности : учебное пособие / С. А. Нестеров. – Изд. 4-е"
  // The book's author is CSL's container-author; the edition statement as the title page gives it.
  const char* const chapter = R"x([{"id": "a", "type": "chapter", "language": "ru", "title": "Угрозы информационной безопасности", "author": [{"family": "Нестеров", "given": "Сергей Александрович"}], "container-title": "Основы информационной безопасности : учебное пособие", "container-author": [{"family": "Нестеров", "given": "Сергей Александрович"}], "edition": "Изд. 4-е", "publisher-place": "Санкт-Петербург", "publisher": "Лань", "page": "15-30", "issued": {"date-parts": [[2016]]}}])x";
  const std::string standard = "// Основы информационной безопасности : учебное пособие / С. А. Нестеров. – Изд. 4-е";
  for (const char* style : styles) {
    CAPTURE(style);
    const auto e = entry(style, chapter);
    CHECK(contains(e, standard + ". – "));
    CHECK(e ==
          "Нестеров, С. А. Угрозы информационной безопасности / С. А. Нестеров // Основы информационной "
          "безопасности : учебное пособие / С. А. Нестеров. – Изд. 4-е. – Санкт-Петербург : Лань, 2016. – С. 15–30.");
  }
}

TEST_CASE("GOST R 7.0.100-2018 7.3.4: the identifying resource's author and translators (what CSL cannot say)") {
  // 7.3.4, Пример: "// Наука о книге : очерк проблематики / К. Мигонь ; перевод с польского О. Р. Медведевой [и др.]"
  // The book's author (container-author) and, for a book with an author of its own, its translators follow the
  // book's title, the translator declined (bicite:case). bicite writes "перевод О. Р. Медведевой" where the
  // standard writes "перевод с польского О. Р. Медведевой [и др.]":
  // - "с польского": CSL 1.0.2 has no variable for the language a work was translated from, so the style cannot
  //   name it;
  // - "[и др.]": the example names one translator of several; the record here holds the one it names, and the
  //   styles list up to four names of a role (first three and "[и др.]" beyond), the rule they apply to authors.
  const char* const chapter = R"x([{"id": "a", "type": "chapter", "language": "ru", "title": "Предмет науки о книге", "author": [{"family": "Мигонь", "given": "Кшиштоф"}], "container-title": "Наука о книге : очерк проблематики", "container-author": [{"family": "Мигонь", "given": "Кшиштоф"}], "translator": [{"family": "Медведева", "given": "Ольга Р."}], "publisher-place": "Москва", "publisher": "Наука", "page": "9-20", "issued": {"date-parts": [[2007]]}}])x";
  const std::string standard =
      "// Наука о книге : очерк проблематики / К. Мигонь ; перевод с польского О. Р. Медведевой [и др.]";
  for (const char* style : styles) {
    CAPTURE(style);
    const auto e = entry(style, chapter);
    CHECK_FALSE(contains(e, standard));
    CHECK(contains(e, "// Наука о книге : очерк проблематики / К. Мигонь ; перевод О. Р. Медведевой. – "));
    CHECK(e ==
          "Мигонь, К. Предмет науки о книге / К. Мигонь // Наука о книге : очерк проблематики / К. Мигонь ; перевод "
          "О. Р. Медведевой. – Москва : Наука, 2007. – С. 9–20.");
  }
}

TEST_CASE("GOST R 7.0.100-2018: the same structure in English words (\"trans. by\", \"ed. by\", \"P.\")") {
  const char* const chapter = R"x([{"id": "a", "type": "chapter", "language": "en", "title": "The Subject of Book Science", "author": [{"family": "Migoń", "given": "Krzysztof"}], "container-title": "Book Science : An Outline", "container-author": [{"family": "Migoń", "given": "Krzysztof"}], "translator": [{"family": "Brown", "given": "Anne"}], "publisher-place": "London", "publisher": "Routledge", "page": "9-20", "issued": {"date-parts": [[2007]]}}])x";
  const char* const collection = R"x([{"id": "a", "type": "chapter", "language": "en", "title": "Censorship and the Book Trade", "author": [{"family": "Smith", "given": "John"}], "translator": [{"family": "Brown", "given": "Anne"}], "container-title": "Censorship in Russia : Collected Papers", "editor": [{"family": "Green", "given": "Paul"}], "publisher-place": "London", "publisher": "Routledge", "page": "10-25", "issued": {"date-parts": [[2001]]}}])x";
  for (const char* style : styles) {
    CAPTURE(style);
    CHECK(entry(style, chapter) ==
          "Migoń, K. The Subject of Book Science / K. Migoń // Book Science : An Outline / K. Migoń ; trans. by "
          "A. Brown. – London : Routledge, 2007. – P. 9–20.");
    // a translated paper in a collection: its translator stays with the paper, the editors follow the collection
    CHECK(entry(style, collection) ==
          "Smith, J. Censorship and the Book Trade / J. Smith ; trans. by A. Brown // Censorship in Russia : "
          "Collected Papers / ed. by P. Green. – London : Routledge, 2001. – P. 10–25.");
  }
}

TEST_CASE("GOST R 7.0.100-2018: Russian role words in full, as in the standard's examples") {
  // 7.3.4's "перевод с польского" (above): the styles write the role words in full ("под редакцией",
  // "перевод", "составитель"), where ru-RU abbreviates them; editors and translators declined, compilers not.
  const char* const book = R"x([{"id": "a", "type": "book", "language": "ru", "title": "Россия и Китай : сборник статей", "editor": [{"family": "Лукин", "given": "Александр Владимирович"}], "translator": [{"family": "Петрова", "given": "Наталья Ивановна"}], "compiler": [{"family": "Торкунов", "given": "Анатолий Васильевич"}], "publisher-place": "Москва", "publisher": "МГИМО", "number-of-pages": "250", "issued": {"date-parts": [[2019]]}}])x";
  for (const char* style : styles) {
    CAPTURE(style);
    CHECK(entry(style, book) ==
          "Россия и Китай : сборник статей / составитель А. В. Торкунов ; под редакцией А. В. Лукина ; перевод "
          "Н. И. Петровой. – Москва : МГИМО, 2019. – 250 с.");
  }
}
