// Tests of bicite::venues: the knowledge base, matching by alias, key, domain and fuzzy, unknown
// venues staying unknown, user venues, and custom.venue accuracy against the gold.
#include <doctest/doctest.h>

#include <bicite/venues.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support.hpp"

using namespace bicite::venues;

namespace {
std::string canon(const venue_match& m) { return m.match ? m.match->canonical : std::string("(unknown)"); }
}  // namespace

TEST_CASE("the knowledge base has at least 300 well-formed venues") {
  const auto all = all_venues();
  CHECK(all.size() >= 300);
  std::set<std::string> ids;
  const std::set<std::string> types = {"newspaper", "magazine", "agency", "journal", "website", "government"};
  std::size_t with_issn = 0, with_domain = 0;
  for (const venue* v : all) {
    INFO("venue " << v->id << " " << v->canonical);
    CHECK(!v->canonical.empty());
    CHECK(!v->english.empty());
    CHECK(types.count(v->type) == 1);
    CHECK(!v->language.empty());
    CHECK(ids.insert(v->id).second);
    if (!v->issn.empty()) {
      ++with_issn;
      // ISSN check digit (ISO 3297)
      REQUIRE(v->issn.size() == 9);
      int sum = 0;
      for (int k = 0, w = 8; k < 9; ++k) {
        if (k == 4) continue;
        sum += (v->issn[k] - '0') * w--;
        if (w == 1) break;
      }
      const int check = (11 - sum % 11) % 11;
      CHECK(v->issn[8] == (check == 10 ? 'X' : static_cast<char>('0' + check)));
    }
    if (!v->domains.empty()) ++with_domain;
  }
  MESSAGE("venues: " << all.size() << ", with ISSN: " << with_issn << ", with domains: " << with_domain);
}

TEST_CASE("matching by name: alias, key across scripts and schemes, fuzzy") {
  struct row {
    const char* input;
    const char* canonical;  // "" when it must stay unknown
    const char* evidence;
  };
  const row rows[] = {
      {"MKRU", "Московский комсомолец", "alias"},
      {"MK.ru", "Московский комсомолец", "alias"},
      {"Moskovsky Komsomolets", "Московский комсомолец", "alias"},
      {"Moskovskiy Komsomolets", "Московский комсомолец", "key"},
      {"Moskovskii Komsomolets", "Московский комсомолец", "key"},
      {"Moskovskij Komsomolec", "Московский комсомолец", "key"},
      {"Московский комсомолец", "Московский комсомолец", "alias"},
      {"МОСКОВСКИЙ КОМСОМОЛЕЦ", "Московский комсомолец", "alias"},
      {"Rossiya v Global'noi Politike", "Россия в глобальной политике", "key"},
      {"Rossiya v Global’noi Politike", "Россия в глобальной политике", "key"},
      {"Rossiya v Globalnoi Politike", "Россия в глобальной политике", "key"},
      {"Rossiia v global'noi politike", "Россия в глобальной политике", "key"},
      {"Россия в глобальной политике", "Россия в глобальной политике", "alias"},
      {"Russia in Global Affairs", "Россия в глобальной политике", "alias"},
      {"Nezavisimaya Gazeta", "Независимая газета", "alias"},
      {"Nezavisimaia gazeta", "Независимая газета", "key"},
      {"Независимая газета", "Независимая газета", "alias"},
      {"НГ", "Независимая газета", "alias"},
      {"Izvestiya", "Известия", "key"},
      {"Izvestia", "Известия", "alias"},
      {"Izvestiia", "Известия", "key"},
      {"Kommersant", "Коммерсантъ", "alias"},
      {"Коммерсант", "Коммерсантъ", "alias"},
      {"Kommersant''", "Коммерсантъ", "alias"},
      {"Vedomosti", "Ведомости", "alias"},
      {"Rossiiskaya Gazeta", "Российская газета", "key"},
      {"Rossiyskaya Gazeta", "Российская газета", "alias"},
      {"Rossijskaja gazeta", "Российская газета", "key"},
      {"Mezhdunarodnaya Zhizn", "Международная жизнь", "key"},
      {"Mezhdunarodnaia zhizn'", "Международная жизнь", "key"},
      {"Rossiiskoe Kitaevedenie", "Российское китаеведение", "key"},
      {"MEIMO", "Мировая экономика и международные отношения", "key"},
      {"MEiMO", "Мировая экономика и международные отношения", "key"},
      {"МЭиМО", "Мировая экономика и международные отношения", "alias"},
      {"Riatr", "Россия и АТР", "alias"},
      {"BusinessGazeta", "Бизнес Online", "alias"},
      {"Biznes Online", "Бизнес Online", "key"},
      {"BiznesOnline", "Бизнес Online", "key"},
      {"МГИМО Университет", "МГИМО", "alias"},
      {"EurasiaNet", "Eurasianet", "alias"},
      {"Moscow Times", "The Moscow Times", "alias"},
      {"The Moscow Times", "The Moscow Times", "alias"},
      {"China South Morning Post", "South China Morning Post", "fuzzy"},
      {"South China Morning Post", "South China Morning Post", "alias"},
      {"Valdai Discussion Club", "Международный дискуссионный клуб «Валдай»", "alias"},
      {"CIS Internet Portal", "Интернет-портал СНГ", "alias"},
      {"RIA Novosti", "РИА Новости", "alias"},
      {"TASS", "ТАСС", "alias"},
      {"ITAR-TASS", "ТАСС", "alias"},
      {"Interfax", "Интерфакс", "alias"},
      {"Lenta.ru", "Lenta.ru", "alias"},
      {"Komsomolskaya Pravda", "Комсомольская правда", "alias"},
      {"Komsomol'skaia pravda", "Комсомольская правда", "key"},
      {"Argumenty i Fakty", "Аргументы и факты", "alias"},
      {"Nezavisimoye Voyennoye Obozreniye", "Независимое военное обозрение", "key"},
      {"Voprosy Ekonomiki", "Вопросы экономики", "alias"},
      {"Novaya Gazeta", "Новая газета", "alias"},
      {"Novaya Gazeta Europe", "Новая газета Европа", "alias"},
      {"Ekho Moskvy", "Эхо Москвы", "alias"},
      {"Ekho Moskvi", "Эхо Москвы", "key"},
      {"Washington Post", "The Washington Post", "alias"},
      {"Wall Street Journal", "The Wall Street Journal", "alias"},
      {"Wall Street Jornal", "The Wall Street Journal", "fuzzy"},
      {"Financial Times", "Financial Times", "alias"},
      {"Russian International Affairs Council", "Российский совет по международным делам", "alias"},
      {"Carnegie Endowment for International Peace", "Carnegie Endowment for International Peace", "alias"},
      // unknown stays unknown: no guess
      {"NEWS", "", ""},
      {"Global Affairs", "", ""},
      {"International Affairs", "", ""},  // Международная жизнь or Chatham House's journal: ambiguous
      {"The Journal", "", ""},
      {"Gazeta", "", ""},
      {"Pravda Severa", "", ""},
      {"Vestnik", "", ""},
      {"Russia", "", ""},
      {"Moscow", "", ""},
      {"Daily News", "", ""},
      {"", "", ""},
      {"   ", "", ""},
      {"Journal of Imaginary Studies", "", ""},
      {"Известия Уральского федерального университета", "", ""},
      {"Siberian Times Review", "", ""},
  };
  for (const auto& r : rows) {
    INFO("input: " << std::string(r.input));
    const venue_match m = match_name(r.input);
    CHECK(canon(m) == (std::string_view(r.canonical).empty() ? "(unknown)" : std::string(r.canonical)));
    CHECK(m.evidence == std::string(r.evidence));
    if (m) {
      CHECK(m.score > 0.5);
      CHECK(m.score <= 1.0);
    } else {
      CHECK(m.score == 0);
    }
  }
}

TEST_CASE("matching by URL, subdomains and paths included") {
  struct row {
    const char* url;
    const char* canonical;
  };
  const row rows[] = {
      {"https://www.ng.ru/courier/2023-05-14/9_8722_summit.html", "Независимая газета"},
      {"https://nvo.ng.ru/realty/2023-01-26/5_1222_asia.html", "Независимая газета"},
      {"http://en.kremlin.ru/events/president/news/72259", "Президент России"},
      {"kremlin.ru/events/president/news/73406", "Президент России"},
      {"http://www.kremlin.ru/supplement/3418", "Президент России"},
      {"https://www.mk.ru/politics/2023/04/27/putin.html", "Московский комсомолец"},
      {"https://eng.globalaffairs.ru/articles/sino-us-rivalry-in-asia-pacific/", "Россия в глобальной политике"},
      {"https://globalaffairs.ru/articles/partnyor-dlya-superderzhavy/", "Россия в глобальной политике"},
      {"https://interaffairs .ru/virtualread/ia_rus/72023/files/assets/downloads/publication.pdf", "Международная жизнь"},
      {"https://news.ru/asia/kakoe-oruzhie/", "NEWS.ru"},
      {"https://chinarussiareport.substack.com/p/moscow-firmly", "China-Russia Report"},
      {"https://othernewsletter.substack.com/p/x", ""},
      {"https://www.imemo.ru/files/File/magazines/meimo/04_2023/02-TORKUNOV.pdf", "Мировая экономика и международные отношения"},
      {"https://www.imemo.ru/index.php?page_id=1248&file=https://www.imemo.ru/files/File/magazines/meimo/x.pdf",
       "Национальный исследовательский институт мировой экономики и международных отношений имени Е. М. Примакова РАН"},
      {"HTTPS://WWW.KOMMERSANT.RU/doc/5863765", "Коммерсантъ"},
      {"https://www.kommersant.ru/ogoniok/123", "Огонёк"},
      {"https://tass.com/politics/1620575", "ТАСС"},
      {"https://www.moscowtimes.eu/2024/02/02/kitai", "The Moscow Times"},
      {"https://user:pw@www.vedomosti.ru:443/economics/x", "Ведомости"},
      {"https://www.bbc.com/russian/articles/x", "Би-би-си"},
      {"https://www.bbc.com/news/world-europe-1", "BBC News"},
      {"https://example.com/mk.ru", ""},
      {"https://ru", ""},
      {"not a url", ""},
      {"", ""},
      {"https://mk.ru.evil.example/x", ""},
  };
  for (const auto& r : rows) {
    INFO("url: " << std::string(r.url));
    const venue_match m = match_url(r.url);
    CHECK(canon(m) == (std::string_view(r.canonical).empty() ? "(unknown)" : std::string(r.canonical)));
    if (m) CHECK(m.evidence == "domain");
  }
}

TEST_CASE("match(name, url): the name wins, the URL fills in") {
  CHECK(canon(match("Valdai Discussion Club", "http://kremlin.ru/events/president/news/72444")) ==
        "Международный дискуссионный клуб «Валдай»");
  CHECK(canon(match("NEWS", "https://news.ru/asia/x/")) == "NEWS.ru");
  CHECK(canon(match("Global Affairs", "https://globalaffairs.ru/articles/x/")) == "Россия в глобальной политике");
  CHECK(canon(match("", "https://www.mk.ru/x")) == "Московский комсомолец");
  CHECK(canon(match("Unknown Weekly", "")) == "(unknown)");
}

TEST_CASE("name keys meet across scripts and schemes") {
  CHECK(name_key("Rossiya v Global'noi Politike") == name_key("Россия в глобальной политике"));
  CHECK(name_key("Rossiya v Globalnoi Politike") == name_key("Россия в глобальной политике"));
  CHECK(name_key("Moskovskiy Komsomolets") == name_key("Московский комсомолец"));
  CHECK(name_key("The Moscow Times") == name_key("Moscow Times"));
  CHECK(name_key("") == "");
}

TEST_CASE("user venues from a file take precedence and stay separate") {
  knowledge_base kb;
  auto r = kb.add(
      "# my venues\n"
      "id\tcanonical\tenglish\ttype\tlanguage\tissn\tdomains\taliases\n"
      "vestnik_x\tВестник Хабаровского края\tKhabarovsk Krai Herald\tjournal\tru\t\tvestnik-khab.example | example.org/khab\tВХК\n"
      "\t\tno canonical\tjournal\tru\t\t\t\n"
      "bad_type\tBad Type Weekly\tBad Type Weekly\tpamphlet\ten\t\t\t\n");
  CHECK(r.added == 2);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == "venues.bad-row");
  CHECK(r.diagnostics[1].code == "venues.unknown-type");
  CHECK(canon(kb.match_name("Vestnik Khabarovskogo kraia")) == "Вестник Хабаровского края");
  CHECK(canon(kb.match_name("ВХК")) == "Вестник Хабаровского края");
  CHECK(canon(kb.match_url("https://www.vestnik-khab.example/a/1")) == "Вестник Хабаровского края");
  CHECK(canon(kb.match_url("https://example.org/khab/2023/1")) == "Вестник Хабаровского края");
  CHECK(canon(kb.match_url("https://example.org/other")) == "(unknown)");
  auto j = kb.add(R"([{"canonical": "Тестовый вестник", "english": "Test Herald", "type": "journal",
                           "domains": ["test-herald.example"], "aliases": ["ТВ-Х"]}, {"english": "no canonical"}])");
  CHECK(j.added == 1);
  CHECK(j.diagnostics.size() == 1);
  CHECK(canon(kb.match_name("Testovyi vestnik")) == "Тестовый вестник");
  auto bad = kb.add("[not json");
  CHECK(bad.added == 0);
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].code == "venues.json");
  auto no_header = kb.add("just some text\n");
  CHECK(no_header.added == 0);
  CHECK(no_header.diagnostics.at(0).code == "venues.bad-header");
  // the built-in venues, and a knowledge base copied before the additions, do not see them
  CHECK(canon(match_name("ВХК")) == "(unknown)");
  CHECK(canon(built_in().match_url("https://www.vestnik-khab.example/a/1")) == "(unknown)");
  CHECK(all_venues().size() + 3 == kb.all().size());
  knowledge_base copy = kb;
  CHECK(canon(copy.match_name("ВХК")) == "Вестник Хабаровского края");
  CHECK(copy.match_name("ВХК").match != kb.match_name("ВХК").match);  // its own venues
}

TEST_CASE("hostile input") {
  std::string junk;
  for (int k = 0; k < 5000; ++k) junk += static_cast<char>((k * 7919) % 256);
  CHECK_FALSE(match_name(junk));
  (void)match_url(junk);
  knowledge_base kb;
  (void)kb.add(junk);
  CHECK_FALSE(match_name(std::string(100000, 'a')));
  CHECK_FALSE(match_url("https://" + std::string(100000, 'a')));
}

TEST_CASE("custom.venue accuracy against the gold" * doctest::test_suite("shared")) {
  std::istringstream gold(bicite_test::read_file(bicite_test::shared_path("gold/weitz-2024.notes.jsonl")));
  std::string line;
  int right = 0, unknown = 0, wrong = 0, right_en = 0;
  int name_right = 0, url_right = 0;
  while (std::getline(gold, line)) {
    const auto note = nlohmann::json::parse(line);
    for (const auto& c : note["citations"]) {
      if (!c.contains("custom") || !c["custom"].contains("venue")) continue;
      const std::string want = c["custom"]["venue"];
      const std::string want_en = c["custom"].value("venue_en", "");
      const std::string name = c.value("container-title", "");
      const std::string url = c.value("URL", "");
      const venue_match by_name = match_name(name);
      const venue_match by_url = match_url(url);
      name_right += by_name && by_name.match->canonical == want;
      url_right += by_url && by_url.match->canonical == want;
      const venue_match m = match(name, url);
      INFO("note " << note["note"] << ": " << name << " | " << url << " -> " << canon(m) << " (want " << want << ")");
      if (!m) {
        ++unknown;
        MESSAGE("unknown: note " << note["note"] << " " << name);
      } else if (m.match->canonical == want) {
        ++right;
        right_en += m.match->english == want_en;
        CHECK(m.match->english == want_en);
      } else {
        ++wrong;
        FAIL_CHECK("wrong venue");
      }
    }
  }
  const int total = right + unknown + wrong;
  MESSAGE("custom.venue on the gold: " << right << " right, " << unknown << " unknown, " << wrong << " wrong of "
                                       << total << " (accuracy " << static_cast<double>(right) / total
                                       << "); venue_en right " << right_en << "; name alone right " << name_right
                                       << ", URL alone right " << url_right);
  CHECK(total >= 80);
  CHECK(wrong == 0);
  CHECK(static_cast<double>(right) / total >= 0.95);
}

TEST_CASE("descriptors, declensions, editions and places around a venue name") {
  const std::pair<const char*, const char*> rows[] = {
      {"газета «Ведомости»", "Ведомости"},
      {"в «Независимой газете»", "Независимая газета"},
      {"«Известиях»", "Известия"},
      {"Izvestia (Moscow)", "Известия"},
      {"Nezavisimaya gazeta (Moscow)", "Независимая газета"},
      {"The New York Times (online)", "The New York Times"},
      {"Российская газета — Федеральный выпуск", "Российская газета"},
      {"Rossiyskaya gazeta – Federal'nyi vypusk", "Российская газета"},
      {"ИА REGNUM", "Regnum"},
      {"ИА «Интерфакс»", "Интерфакс"},
      {"агентство ТАСС", "ТАСС"},
      {"телеканал «Дождь»", "Дождь"},
      {"радио «Эхо Москвы»", "Эхо Москвы"},
      {"Ekho Moskvy radio", "Эхо Москвы"},
      {"Meduza website", "Медуза"},
      {"the Kommersant daily", "Коммерсантъ"},
      {"Moscow Times online", "The Moscow Times"},
      {"China Daily (Beijing)", "China Daily"},
      {"Gazeta Pravda", "Правда"},
      {"Российский совет по международным делам (РСМД)", "Российский совет по международным делам"},
      {"Kavkazskii uzel", "Кавказский узел"},
      {"Voenno-promyshlennyi kur'er", "Военно-промышленный курьер"},
  };
  for (const auto& [input, want] : rows) {
    INFO("input: " << input);
    CHECK(canon(match_name(input)) == want);
  }
  // similar names of other venues stay unknown rather than wrong
  const char* unknown[] = {"Foreign Policy Journal", "Global Affairs Canada", "Novaya Gazeta Baltiya",
                           "Washington Times", "Sunday Times", "Daily Mail", "Journal of International Affairs",
                           "Zerkalo", "Le Figaro", "Vestnik Evropy", "Asahi Shimbun", "Pravda Severa"};
  for (const char* u : unknown) {
    INFO("input: " << u);
    CHECK(canon(match_name(u)) == "(unknown)");
  }
}

TEST_CASE("every name and domain of the data file finds its own venue (or is ambiguous, never another)") {
  std::size_t names = 0, ambiguous = 0, domains = 0;
  for (const venue* v : all_venues()) {
    if (v->id.rfind("user:", 0) == 0) continue;
    std::vector<std::string> forms = {v->canonical, v->english};
    forms.insert(forms.end(), v->aliases.begin(), v->aliases.end());
    for (const auto& f : forms) {
      ++names;
      const venue_match m = match_name(f);
      INFO("venue " << v->id << ": name " << f << " -> " << canon(m));
      CHECK((!m || m.match == v));
      if (!m) {
        ++ambiguous;
        MESSAGE("shared by two venues, so unknown: " << f);
      }
    }
    for (const auto& d : v->domains) {
      ++domains;
      const venue_match m = match_url("https://" + d + (d.find('/') == std::string::npos ? "/x" : "/"));
      INFO("venue " << v->id << ": domain " << d << " -> " << canon(m));
      CHECK(m.match == v);
    }
  }
  MESSAGE(names << " names (" << ambiguous << " shared), " << domains << " domains checked");
}
