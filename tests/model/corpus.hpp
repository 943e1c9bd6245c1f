#pragma once
// A generated CSL-JSON corpus that covers every CSL 1.0.2 variable, every name and date shape,
// custom objects and bilingual variants. Deterministic for a seed. Used by the round-trip tests
// and the CSL-JSON benchmark.
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include <bicite/model.hpp>

namespace bicite_test {

inline nlohmann::ordered_json generated_item(std::mt19937& rng, std::size_t index) {
  using nlohmann::ordered_json;
  static const char* words[] = {"Россия", "и", "Китай", "China", "Russia's", "“Turn", "to", "the", "East”",
                                "«Известия»", "Pоссийская", "ёлка", "O'Neil", "a\\b", "tab\there", "50%",
                                "R&D", "#1", "x_y", "$5", "~", "^", "{braces}", "Ш", "北京", "emoji😀"};
  static const char* types[] = {"article-newspaper", "article-journal", "book", "chapter", "webpage",
                                "speech", "report", "legislation", "interview", "thesis"};
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  auto coin = [&](int percent) { return static_cast<int>(pick(100)) < percent; };
  auto text = [&] {
    std::string s;
    const std::size_t n = 1 + pick(6);
    for (std::size_t i = 0; i < n; ++i) s += std::string(i ? " " : "") + words[pick(std::size(words))];
    return s;
  };
  ordered_json item;
  item["id"] = coin(20) ? ordered_json(static_cast<int>(index)) : ordered_json("item-" + std::to_string(index));
  item["type"] = types[pick(std::size(types))];
  for (auto v : bicite::variables_of(bicite::variable_kind::standard))
    if (coin(15)) item[std::string(v)] = text();
  for (auto v : bicite::variables_of(bicite::variable_kind::number))
    if (coin(15)) {
      if (coin(50)) item[std::string(v)] = static_cast<int>(pick(500));
      else item[std::string(v)] = coin(50) ? std::to_string(pick(99)) + "-" + std::to_string(pick(99)) : "Т. 5";
    }
  for (auto v : bicite::variables_of(bicite::variable_kind::name))
    if (coin(8)) {
      ordered_json list = ordered_json::array();
      const std::size_t n = 1 + pick(4);
      for (std::size_t i = 0; i < n; ++i) {
        ordered_json nm;
        if (coin(15)) {
          nm["literal"] = coin(50) ? "The Kremlin" : "Министерство иностранных дел";
        } else {
          nm["family"] = coin(50) ? "Тавровский" : "Beethoven";
          if (coin(80)) nm["given"] = coin(50) ? "Юрий" : "L. V.";
          if (coin(10)) nm["dropping-particle"] = "de";
          if (coin(10)) nm["non-dropping-particle"] = "van";
          if (coin(10)) nm["suffix"] = "Jr.";
          if (coin(5)) nm["comma-suffix"] = true;
          if (coin(5)) nm["static-ordering"] = true;
          if (coin(5)) nm["parse-names"] = false;
        }
        list.push_back(nm);
      }
      item[std::string(v)] = list;
    }
  for (auto v : bicite::variables_of(bicite::variable_kind::date))
    if (coin(20)) {
      ordered_json d;
      const int shape = static_cast<int>(pick(6));
      auto part = [&](int len) {
        ordered_json p = ordered_json::array();
        p.push_back(1900 + static_cast<int>(pick(130)));
        if (len > 1) p.push_back(1 + static_cast<int>(pick(12)));
        if (len > 2) p.push_back(1 + static_cast<int>(pick(28)));
        return p;
      };
      if (shape <= 2) d["date-parts"] = ordered_json::array({part(1 + shape)});
      else if (shape == 3) d["date-parts"] = ordered_json::array({part(2), part(2)});
      else if (shape == 4) d["literal"] = "Spring, ca. 1990";
      else d["raw"] = "18 января 2023 г.";
      if (shape <= 1 && coin(20)) d["season"] = coin(50) ? ordered_json(2) : ordered_json("Winter");
      if (coin(10)) d["circa"] = true;
      item[std::string(v)] = d;
    }
  if (coin(30)) item["custom"] = {{"position", "first"}, {"antecedent", 3}, {"nested", {{"a", {1, 2, nullptr}}}}};
  if (coin(5)) item["x-unknown-key"] = {{"kept", true}};
  if (coin(15)) {
    item["custom"]["bicite-variants"]["fields"]["title"] = ordered_json::array(
        {{{"value", "Rossiia i Kitai"}, {"role", "transliterated"}, {"language", "ru-Latn"}, {"scheme", "ala_lc"}},
         {{"value", "Russia and China"}, {"role", "translated"}, {"language", "en"}}});
    if (item.contains("author")) {
      ordered_json per_name = ordered_json::array();
      for (std::size_t i = 0; i < item["author"].size(); ++i)
        per_name.push_back(ordered_json::array(
            {{{"family", "Tavrovsky"}, {"given", "Iury"}, {"role", "transliterated"}, {"language", "ru-Latn"}, {"scheme", "bgn_pcgn"}}}));
      item["custom"]["bicite-variants"]["names"]["author"] = per_name;
    }
  }
  return item;
}

inline nlohmann::ordered_json generated_corpus(std::size_t n, unsigned seed = 7) {
  std::mt19937 rng(seed);
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < n; ++i) all.push_back(generated_item(rng, i));
  return all;
}

}  // namespace bicite_test
