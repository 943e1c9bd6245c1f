#include <doctest/doctest.h>

#include <bicite/text.hpp>

using namespace bicite::text;

TEST_CASE("invalid UTF-8 is replaced and reported with its byte offset") {
  const std::string input = "ok \xFF\xFE then \xC3 end \xE2\x82";
  auto checked = check_utf8(input);
  CHECK(checked.text == "ok \xEF\xBF\xBD then \xEF\xBF\xBD end \xEF\xBF\xBD");
  REQUIRE(checked.diagnostics.size() == 3);
  CHECK(checked.diagnostics[0].code == "text.invalid-utf8");
  CHECK(checked.diagnostics[0].where.begin == 3);
  CHECK(checked.diagnostics[0].where.end == 5);
  CHECK(checked.diagnostics[1].where.begin == 11);
  CHECK(checked.diagnostics[2].where.begin == 17);
  CHECK(is_valid_utf8(checked.text));
  CHECK_FALSE(is_valid_utf8(input));
}

TEST_CASE("overlong encodings, surrogates and NUL are invalid; a real U+FFFD is kept silently") {
  CHECK(check_utf8("\xC0\xAF").diagnostics.size() == 1);
  CHECK(check_utf8("\xED\xA0\x80").diagnostics.size() == 1);
  CHECK(check_utf8(std::string("a\0b", 3)).text == "a\xEF\xBF\xBD" "b");
  CHECK(check_utf8("\xEF\xBF\xBD").diagnostics.empty());
}

TEST_CASE("NFC composes ё and й written with combining marks") {
  CHECK(nfc("\xD0\xB5\xCC\x88") == "ё");
  CHECK(nfc("\xD0\xB8\xCC\x86") == "й");
  CHECK(nfc("plain") == "plain");
}

TEST_CASE("case folding and mapping work for both scripts") {
  CHECK(fold_case("ЩУКИН Shchukin") == "щукин shchukin");
  CHECK(to_upper("щукин") == "ЩУКИН");
  CHECK(to_lower("IZVESTIYA") == "izvestiya");
  CHECK(to_lower("Mk.RU Ё") == "mk.ru ё");
}

TEST_CASE("ASCII lowering keeps every other byte; to_lower and fold_case agree with it on ASCII") {
  CHECK(ascii_lower("Content-Type: TEXT/HTML; Charset=UTF-8") == "content-type: text/html; charset=utf-8");
  CHECK(ascii_lower("ЩУКИН Ab\xFF") == "ЩУКИН ab\xFF");  // not ASCII: kept as it is, even invalid bytes
  std::string all;
  for (int c = 0; c < 0x80; ++c) all += static_cast<char>(c);
  // the ASCII fast paths give what ICU gives
  std::string icu_lower;
  for (char c : all) icu_lower += to_lower(std::string(1, c) + "ё").substr(0, 1);
  CHECK(ascii_lower(all) == icu_lower);
  CHECK(to_lower(all) == icu_lower);
  CHECK(fold_case(all) == icu_lower);
}

TEST_CASE("script detection per word") {
  CHECK(script_of_word("Известия") == word_script::cyrillic);
  CHECK(script_of_word("Izvestiya") == word_script::latin);
  CHECK(script_of_word("Pоссийская") == word_script::mixed);
  CHECK(script_of_word("2023") == word_script::none);
  CHECK(has_cyrillic("Olga Bandysheva«Си"));
  CHECK_FALSE(has_cyrillic("Olga"));
}

TEST_CASE("mixed-script words are repaired, real mixed text is left alone") {
  std::vector<repair> repairs;
  // The real note: a Latin P at the start of a Cyrillic word.
  CHECK(repair_mixed_script("Pоссийская газета", &repairs) == "Российская газета");
  REQUIRE(repairs.size() == 1);
  CHECK(repairs[0].where.begin == 0);
  CHECK(repairs[0].code == "text.mixed-script");
  // A Cyrillic о inside a Latin word.
  CHECK(repair_mixed_script("Rоssiya") == "Rossiya");
  // Run-together Latin and Cyrillic words are not homoglyph errors.
  CHECK(repair_mixed_script("Bandysheva«Си") == "Bandysheva«Си");
  CHECK(repair_mixed_script("IzvestiyaИзвестия") == "IzvestiyaИзвестия");
  CHECK(repair_mixed_script("no change here") == "no change here");
}

TEST_CASE("typographic spacing is folded, meaningful punctuation kept") {
  CHECK(normalize_spacing("a\xC2\xA0\xC2\xA0" "b\xE2\x80\x89" "c") == "a b c");
  CHECK(normalize_spacing("soft\xC2\xADhyphen") == "softhyphen");
  CHECK(normalize_spacing("non\xE2\x80\x91" "breaking") == "non-breaking");
  CHECK(normalize_spacing("«Си» — “x”") == "«Си» — “x”");
}

TEST_CASE("quotes and dashes") {
  CHECK(closing_quote_for(U'«') == U'»');
  CHECK(closing_quote_for(U'“') == U'”');
  CHECK(closing_quote_for(U'„') == U'“');
  CHECK(is_quote(U'»'));
  CHECK(is_dash(U'—'));
  CHECK(is_dash(U'–'));
  CHECK_FALSE(is_dash(U'a'));
}

TEST_CASE("spaces pasted into URLs are removed and reported") {
  std::vector<repair> repairs;
  CHECK(remove_url_spaces("https://interaffairs .ru/news/show/42000", &repairs) ==
        "https://interaffairs.ru/news/show/42000");
  REQUIRE(repairs.size() == 1);
  CHECK(repairs[0].where.begin == 20);
}

TEST_CASE("charset conversion through ICU") {
  auto cp1251 = to_utf8("\xC8\xE7\xE2\xE5\xF1\xF2\xE8\xFF", "windows-1251");
  REQUIRE(cp1251);
  CHECK(*cp1251 == "Известия");
  auto koi8 = to_utf8("\xE9\xDA\xD7\xC5\xD3\xD4\xC9\xD1", "KOI8-R");
  REQUIRE(koi8);
  CHECK(*koi8 == "Известия");
  auto unknown = to_utf8("x", "no-such-charset");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == "text.unknown-charset");
}

TEST_CASE("trim handles Unicode spaces") {
  CHECK(trim("\xC2\xA0 x y \t") == "x y");
  CHECK(trim("   ").empty());
}

TEST_CASE("typewriter stand-ins become typographic marks, and are reported") {
  std::vector<repair> repairs;
  CHECK(normalize_typing("<<Известия>>, 1990--2000 -- see ,,Правда``", &repairs) ==
        "«Известия», 1990–2000 – see „Правда“");
  CHECK(repairs.size() == 6);
  CHECK(normalize_typing("a---b") == "a—b");
  CHECK(normalize_typing("``Quoted''") == "“Quoted”");
  CHECK(normalize_typing("pp. 9-25") == "pp. 9-25");
}

// Titles of real records: biblatex-gost's examples (Debian's texlive-bibtex-extra) and AnyStyle's
// labelled references (../shared/training/anystyle), and one of the project's APA list.
TEST_CASE("guess_latin_language tells a title's language by its function words and letters") {
  CHECK(guess_latin_language("Sein und Zeit") == "de");
  CHECK(guess_latin_language("Différence et répétition") == "fr");
  CHECK(guess_latin_language("L’être et l’événement") == "fr");
  CHECK(guess_latin_language("La communauté désœuvrée") == "fr");
  CHECK(guess_latin_language("Le séminaire, livre XX: Encore") == "fr");
  CHECK(guess_latin_language("Gli oggetti dell'ozio e l'alienazione delle emozioni nella Trilogia della villeggiatura di Carlo Goldoni") == "it");
  CHECK(guess_latin_language("Moradores removidos por obra olímpica há dois anos continuam sem indenização no Rio de Janeiro") == "pt");
  CHECK(guess_latin_language("Forcing and antifoundation") == "en");
  CHECK(guess_latin_language("Do Belief Reports Report Beliefs?") == "");  // "do" alone tells nothing
  // nothing tells: names only, or a shared article
  CHECK(guess_latin_language("Gesammelte Werke") == "");
  CHECK(guess_latin_language("Lacan") == "");
  // romanized Russian prepositions keep a title from reading as Portuguese
  CHECK(guess_latin_language("Rossiiskie SMI o Kitae: Obraz partnera") == "");
}
