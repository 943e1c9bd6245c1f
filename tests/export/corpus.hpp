#pragma once
// A generated corpus of mixed Russian/English references, the same for every run (seeded): used by
// the round-trip and real-tool tests and by tests/bench/bibtex_bench.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include <bicite/model.hpp>

namespace bicite_test {

class corpus_rng {
 public:
  explicit corpus_rng(std::uint64_t seed) : s_(seed * 2862933555777941757ULL + 3037000493ULL) {}
  std::uint32_t next() {
    s_ = s_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(s_ >> 33);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : next() % n; }
  bool chance(int percent) { return static_cast<int>(below(100)) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  std::uint64_t s_;
};

/// Options for the generated corpus.
struct corpus_options {
  bool special_characters = true;  ///< titles with { } \ % & # _ $ ~ ^ and unbalanced braces
};

inline std::vector<bicite::reference> generate_corpus(std::size_t count, std::uint64_t seed = 7,
                                                      corpus_options options = {}) {
  using bicite::name;
  using bicite::reference;
  corpus_rng rng(seed);
  const std::vector<std::string> ru_family{"Иванов", "Лукин", "Караганов", "Тавровский", "Ломанов", "Щукин",
                                           "Ёлкин", "Дикарев", "Бордачёв", "Лукьянов", "Суслов", "Кашин"};
  const std::vector<std::string> ru_given{"Иван", "Александр Владимирович", "С. А.", "Юрий", "Дмитрий", "Фёдор", "Т. В."};
  const std::vector<std::string> en_family{"Smith", "Rozman", "Lo", "Blank", "Weitz", "O’Neill", "Müller", "Łukasz", "Trenin"};
  const std::vector<std::string> en_given{"Gilbert", "Bobo", "Stephen J.", "Richard", "Anna-Maria", "J. R. R."};
  const std::vector<std::string> orgs_ru{"Министерство обороны Российской Федерации", "МИД России", "Президент России"};
  const std::vector<std::string> orgs_en{"The Kremlin", "Ministry of Foreign Affairs of the PRC", "Xinhua"};
  const std::vector<std::string> ru_words{"Россия", "и", "Китай", "в", "новой", "эпохе", "отношения", "стратегическое",
                                          "партнёрство", "на", "Дальнем", "Востоке", "политика", "безопасность", "«поворот»"};
  const std::vector<std::string> en_words{"Russia", "and", "China", "in", "the", "New", "Era", "Strategic", "partnership",
                                          "NATO", "Asia-Pacific", "security", "of", "U.S.", "Policy", "turn", "East"};
  const std::vector<std::string> specials{"50% of", "R&D", "C#", "snake_case", "$5", "~approx", "x^2", "a {brace",
                                          "close} brace", "back\\slash", "{balanced}", "100 % & # _"};
  const std::vector<std::string> ru_venues{"Российская газета", "Коммерсантъ", "Известия", "Россия в глобальной политике",
                                           "Независимая газета", "Вестник МГИМО-Университета"};
  const std::vector<std::string> en_venues{"Global Times", "Foreign Affairs", "The Washington Quarterly", "Asian Survey",
                                           "Journal of Contemporary China"};
  const std::vector<std::string> types{"article-journal", "article-newspaper", "article-magazine", "book", "chapter",
                                       "webpage", "report", "thesis", "speech", "interview", "legal_case", "paper-conference"};
  auto title_of = [&](bool ru) {
    std::string t;
    const auto& words = ru ? ru_words : en_words;
    const std::size_t n = 2 + rng.below(7);
    for (std::size_t i = 0; i < n; ++i) {
      std::string w = rng.pick(words);
      if (i == 0 && ru && w == "и") w = "И";
      t += (i ? " " : "") + w;
    }
    if (options.special_characters && rng.chance(12)) t += " " + rng.pick(specials);
    if (rng.chance(10)) t += "?";
    return t;
  };
  auto person = [&](bool ru) {
    name n;
    n.family = rng.pick(ru ? ru_family : en_family);
    n.given = rng.pick(ru ? ru_given : en_given);
    if (!ru && rng.chance(8)) n.non_dropping_particle = rng.chance(50) ? "van" : "de";
    if (!ru && rng.chance(4)) n.suffix = "Jr.";
    if (rng.chance(3)) n.given.clear();
    return n;
  };
  auto org = [&](bool ru) {
    name n;
    n.literal = rng.pick(ru ? orgs_ru : orgs_en);
    return n;
  };
  auto a_date = [&](bool range) {
    bicite::date d;
    bicite::date::part p;
    p.year = 1990 + static_cast<int>(rng.below(35));
    const int precision = static_cast<int>(rng.below(3));
    if (precision >= 1) p.month = 1 + static_cast<int>(rng.below(12));
    if (precision == 2) p.day = 1 + static_cast<int>(rng.below(28));
    d.parts.push_back(p);
    if (range && p.month && p.month < 12 && !p.day) d.parts.push_back({p.year, p.month + 1, 0});
    return d;
  };
  std::vector<reference> items;
  items.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    reference r;
    r.id = "item" + std::to_string(i + 1);
    r.type = rng.pick(types);
    const bool ru = rng.chance(55);
    r.set("language", ru ? "ru" : "en");
    r.set("title", title_of(ru));
    if (ru && rng.chance(60)) {
      r.variants["title"].push_back({"Rossiya i Kitay v novoy epokhe", bicite::variant_role::transliterated, "ru-Latn", "bgn_pcgn"});
      r.variants["title"].push_back({"Russia and China in a New Era", bicite::variant_role::translated, "en", ""});
    }
    const bool misc = r.type == "speech" || r.type == "interview" || r.type == "legal_case";
    if (misc && rng.chance(50)) r.names["author"].push_back(org(ru));
    else if (r.type == "book" && rng.chance(25)) {
      r.names["editor"].push_back(person(ru));
      r.names["editor"].push_back(person(ru));
    } else {
      const std::size_t n = 1 + rng.below(3);
      for (std::size_t k = 0; k < n; ++k) r.names["author"].push_back(person(ru));
    }
    r.dates["issued"] = a_date(r.type.rfind("article", 0) == 0);
    const bool article = r.type.rfind("article", 0) == 0;
    if (article) {
      r.set("container-title", rng.pick(ru ? ru_venues : en_venues));
      if (rng.chance(70)) r.set("volume", std::to_string(1 + rng.below(60)));
      if (rng.chance(70)) r.set("issue", std::to_string(1 + rng.below(12)));
      if (rng.chance(60)) {
        const auto a = 1 + rng.below(300);
        r.set("page", std::to_string(a) + "-" + std::to_string(a + rng.below(30)));
      }
      if (rng.chance(30)) r.set("DOI", "10.1234/abc_" + std::to_string(i) + ".x%2F");
      if (rng.chance(20)) r.set("ISSN", "0028-0836");
      if (ru && rng.chance(30))
        r.variants["container-title"].push_back({"Russia in Global Affairs", bicite::variant_role::translated, "en", ""});
    } else if (r.type == "book" || r.type == "report" || r.type == "thesis") {
      r.set("publisher", ru ? "Наука" : "Routledge");
      if (r.type != "thesis") r.set("publisher-place", ru ? "Москва" : "London");
      if (r.type == "book" && rng.chance(40)) r.set("ISBN", "978-5-02-038561-0");
      if (r.type == "book" && rng.chance(20)) r.set("edition", "2");
      if (r.type == "book" && rng.chance(20)) r.set("collection-title", ru ? "Библиотека МГИМО" : "Routledge Studies");
      if (r.type != "book") r.set("genre", r.type == "thesis" ? (ru ? "дис. … канд. полит. наук" : "PhD thesis") : "Working paper");
      if (r.type == "report" && rng.chance(50)) r.set("number", std::to_string(1 + rng.below(99)));
    } else if (r.type == "chapter" || r.type == "paper-conference") {
      r.set("container-title", ru ? "Россия и Азия: сборник статей" : "Putin’s Turn to the East");
      r.names["editor"].push_back(person(ru));
      r.set("publisher", ru ? "Весь мир" : "Palgrave");
      r.set("publisher-place", ru ? "Санкт-Петербург" : "Cham");
      const auto a = 1 + rng.below(300);
      r.set("page", std::to_string(a) + "-" + std::to_string(a + 20));
    } else {
      r.set("container-title", rng.pick(ru ? ru_venues : en_venues));
    }
    if (r.type == "webpage" || rng.chance(50)) {
      r.set("URL", "https://example.org/" + std::to_string(i) + "?q=a_b&x=%D0%90#frag");
      if (rng.chance(50)) {
        bicite::date accessed;
        accessed.parts.push_back({2024, 1 + static_cast<int>(rng.below(12)), 1 + static_cast<int>(rng.below(28))});
        r.dates["accessed"] = accessed;
      }
    }
    if (rng.chance(10)) r.set("note", ru ? "На русском языке" : "In Russian");
    items.push_back(std::move(r));
  }
  return items;
}

}  // namespace bicite_test
