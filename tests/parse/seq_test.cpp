// The trained reference labeller (lib/parse/seq): tokenizer, Viterbi, perceptron, model file, and
// the embedded model on real references.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "parse/seq/seq.hpp"
#include "support.hpp"

namespace seq = bicite::parse::seq;

namespace {

std::vector<std::string> token_texts(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : seq::tokenize(s)) out.emplace_back(s.substr(t.begin, t.end - t.begin));
  return out;
}

std::string field(const bicite::reference& r, std::string_view f) { return std::string(r.get(f)); }

int year_of(const bicite::reference& r) {
  const auto* d = r.date_of("issued");
  return d && !d->parts.empty() ? d->parts[0].year : 0;
}

std::string families(const bicite::reference& r, std::string_view role) {
  std::string out;
  for (const auto& n : r.names_of(role)) out += (n.literal.empty() ? n.family : n.literal) + "|";
  return out;
}

}  // namespace

TEST_CASE("seq: the tokenizer keeps punctuation as tokens, in both scripts") {
  SUBCASE("Russian") {
    const std::string s = "Иванов И. И. Политика России. — М.: Наука, 2010. — 256 с.";
    CHECK(token_texts(s) == std::vector<std::string>{"Иванов", "И", ".", "И", ".", "Политика", "России", ".", "—", "М",
                                                     ".", ":", "Наука", ",", "2010", ".", "—", "256", "с", "."});
    const auto toks = seq::tokenize(s);
    CHECK(toks[0].kind == seq::token_kind::word);
    CHECK(toks[0].space_before);
    CHECK_FALSE(toks[2].space_before);  // the period glued to "И"
    CHECK(toks[14].kind == seq::token_kind::number);
  }
  SUBCASE("English") {
    CHECK(token_texts("O'Brien, C., & Dweck, C. (2011). 12(3):45–67. doi:10.1000/xyz")
          == std::vector<std::string>{"O'Brien", ",", "C", ".", ",", "&", "Dweck", ",", "C", ".", "(", "2011", ")", ".",
                                      "12", "(", "3", ")", ":", "45", "–", "67", ".", "doi", ":", "10", ".", "1000",
                                      "/", "xyz"});
  }
  SUBCASE("spaces of every kind and empty input") {
    CHECK(token_texts("a\u00A0b\tc\u2009d") == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(seq::tokenize("").empty());
    CHECK(seq::tokenize("   ").empty());
  }
  SUBCASE("invalid UTF-8 becomes punctuation, never a crash") {
    const auto toks = seq::tokenize("ab\xff\xfe" "cd");
    REQUIRE(toks.size() == 4);
    CHECK(toks[1].kind == seq::token_kind::punct);
  }
}

TEST_CASE("seq: features are the same for the same token and name what they see") {
  const std::string s = "Smith, J. (2010). Title. Moscow: Nauka.";
  const auto toks = seq::tokenize(s);
  seq::token_features f;
  std::vector<std::string> names;
  seq::extract_features(s, toks, f, &names);
  REQUIRE(f.offsets.size() == toks.size() + 1);
  CHECK(f.hashes.size() == names.size());
  auto has = [&](std::string_view n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  CHECK(has("w=smith"));
  CHECK(has("sh=Xxxxx"));
  CHECK(has("br=Xx"));
  CHECK(has("year="));
  CHECK(has("pc=open"));
  seq::token_features g;
  seq::extract_features(s, toks, g);
  CHECK(g.hashes == f.hashes);
}

TEST_CASE("seq: Viterbi finds the best path (against brute force)") {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> u(-2.0f, 2.0f);
  for (int round = 0; round < 20; ++round) {
    const std::size_t L = 3, n = 1 + static_cast<std::size_t>(round % 5);
    std::vector<float> emis(n * L), start(L), trans(L * L);
    for (auto& x : emis) x = u(rng);
    for (auto& x : start) x = u(rng);
    for (auto& x : trans) x = u(rng);
    std::vector<int> path(n);
    seq::viterbi(emis.data(), n, L, start.data(), trans.data(), path.data());
    auto score = [&](const std::vector<int>& p) {
      float s = start[static_cast<std::size_t>(p[0])] + emis[static_cast<std::size_t>(p[0])];
      for (std::size_t i = 1; i < n; ++i)
        s += trans[static_cast<std::size_t>(p[i - 1]) * L + static_cast<std::size_t>(p[i])] +
             emis[i * L + static_cast<std::size_t>(p[i])];
      return s;
    };
    float best = -1e30f;
    std::vector<int> p(n, 0);
    std::size_t total = 1;
    for (std::size_t i = 0; i < n; ++i) total *= L;
    for (std::size_t k = 0; k < total; ++k) {
      std::size_t x = k;
      for (std::size_t i = 0; i < n; ++i) {
        p[i] = static_cast<int>(x % L);
        x /= L;
      }
      best = std::max(best, score(p));
    }
    CHECK(std::fabs(score(path) - best) < 1e-4f);
  }
}

TEST_CASE("seq: the perceptron and the CRF learn a toy task, and the model file reads back") {
  // label 1 ("num") on tokens with feature 11, label 0 ("word") on feature 22; a token with only
  // feature 33 takes the label of the token before it (learnable through the transitions alone)
  std::vector<seq::training_sequence> data;
  std::mt19937 rng(3);
  for (int k = 0; k < 60; ++k) {
    seq::training_sequence t;
    t.features.offsets.push_back(0);
    int prev = 0;
    for (int i = 0; i < 8; ++i) {
      const auto r = rng() % 3;
      int g = r == 0 ? 1 : r == 1 ? 0 : prev;
      if (i == 0 && r == 2) g = 0;
      t.features.hashes.push_back(r == 0 ? 11 : r == 1 ? 22 : 33);
      if (r == 2) t.features.hashes.push_back(prev == 1 ? 44 : 55);  // a copy cue, so the task is learnable
      t.features.offsets.push_back(static_cast<std::uint32_t>(t.features.hashes.size()));
      t.gold.push_back(g);
      prev = g;
    }
    data.push_back(std::move(t));
  }
  auto accuracy = [&](const seq::model& mm) {
    std::size_t right = 0, all = 0;
    for (const auto& t : data) {
      std::vector<float> emis;
      mm.emissions(t.features, emis);
      std::vector<int> path(t.gold.size());
      seq::viterbi(emis.data(), path.size(), 2, mm.start.data(), mm.trans.data(), path.data());
      for (std::size_t i = 0; i < path.size(); ++i) right += path[i] == t.gold[i];
      all += path.size();
    }
    return static_cast<double>(right) / static_cast<double>(all);
  };
  const auto m = seq::train_perceptron(data, {"word", "num"}, {.epochs = 5, .min_count = 1, .prune = 0.01f});
  CHECK(accuracy(m) == 1.0);
  const auto crf = seq::train_crf(data, {"word", "num"}, {.epochs = 5, .min_count = 1, .prune = 0.01f});
  CHECK(accuracy(crf) == 1.0);
  CHECK(seq::write_model(crf, {}) == seq::write_model(seq::train_crf(data, {"word", "num"},
                                                                     {.epochs = 5, .min_count = 1, .prune = 0.01f}),
                                                      {}));  // deterministic
  const std::string file = seq::write_model(m, {"toy"});
  std::string err;
  const auto back = seq::read_model(file, &err);
  REQUIRE_MESSAGE(back, err);
  CHECK(back->labels == m.labels);
  CHECK(back->header == std::vector<std::string>{"toy"});
  for (std::uint64_t key : {11ULL, 22ULL, 44ULL}) {
    CHECK(m.weight(key, 0) != m.weight(key, 1));
    CHECK(std::fabs(m.weight(key, 0) - back->weight(key, 0)) < 1e-3f);
    CHECK(std::fabs(m.weight(key, 1) - back->weight(key, 1)) < 1e-3f);
  }
  CHECK(m.weight(12345, 0) == 0.0f);
  CHECK(seq::write_model(*back, {"toy"}) == file);
  CHECK_FALSE(seq::read_model("trans\tx\t1\n", &err));
  CHECK(err == "line 1: no 'labels' line before the weights");
}

TEST_CASE("seq: labelled spans become CSL fields") {
  // one labelled segment → the fields it gives, as ../shared/tools/anystyle/convert.py reads the labels
  struct row {
    const char* label;
    const char* text;
    std::vector<std::pair<std::string, std::string>> fields;
  };
  const std::vector<row> rows = {
      {"volume", "175(7):4769–76", {{"volume", "175"}, {"issue", "7"}, {"page", "4769-76"}}},
      {"volume", "12(3),", {{"volume", "12"}, {"issue", "3"}}},
      {"volume", "Vol. 5, no. 3", {{"volume", "5"}, {"issue", "3"}}},
      {"volume", "vol. 19,", {{"volume", "19"}}},
      {"volume", "43:17", {{"volume", "43"}, {"page", "17"}}},
      {"volume", "5:98-108", {{"volume", "5"}, {"page", "98-108"}}},
      {"volume", "37.2", {{"volume", "37"}, {"issue", "2"}}},
      {"volume", "No. 3", {{"issue", "3"}}},
      {"volume", "XII", {{"volume", "XII"}}},
      {"pages", "pp. 573–77.", {{"page", "573-77"}}},
      {"pages", "546 pp.", {{"number-of-pages", "546"}}},
      {"title", "“A Spanish Romanticist Parodies Himself,”", {{"title", "A Spanish Romanticist Parodies Himself"}}},
      // a closing mark that pairs with an inner opening one stays; a romanised soft sign is a letter
      {"title", "«Пекин не торопится с «Силой Сибири — 2»»,", {{"title", "Пекин не торопится с «Силой Сибири — 2»"}}},
      {"title", "“Bol'shaia Evraziia kak proekt: ozhidaniia i real'nost',”", {{"title", "Bol'shaia Evraziia kak proekt: ozhidaniia i real'nost'"}}},
      {"title", "'Single-quoted title.'", {{"title", "Single-quoted title"}}},
      {"journal", "In: Journal of Things,", {{"container-title", "Journal of Things"}}},
      {"container-title", "In Handbook of labor economics", {{"container-title", "Handbook of labor economics"}}},
      {"location", "London:", {{"publisher-place", "London"}}},
      {"publisher", "Elsevier.", {{"publisher", "Elsevier"}}},
      {"doi", "doi:10.1000/xyz123.", {{"DOI", "10.1000/xyz123"}}},
      {"url", "https://doi.org/10.1000/abc", {{"DOI", "10.1000/abc"}}},
      {"url", "http://example.org/a/b.", {{"URL", "http://example.org/a/b"}}},
      {"url", "URL:http://example.org/x_(y)", {{"URL", "http://example.org/x_(y)"}}},
      {"url", "(http://www.example.com).", {{"URL", "http://www.example.com"}}},
      {"isbn", "ISBN 978-0-306-40615-7.", {{"ISBN", "978-0-306-40615-7"}}},
      {"edition", "2nd ed.", {{"edition", "2nd ed"}}},
      // GOST: area separators and cues
      {"title", "Советская дипломатия в Синьцзяне //", {{"title", "Советская дипломатия в Синьцзяне"}}},
      {"title", "Внешняя политика : учебное пособие /", {{"title", "Внешняя политика : учебное пособие"}}},
      {"journal", "Вопросы истории. —", {{"container-title", "Вопросы истории"}}},
      {"volume", "Т. 67, № 4.", {{"volume", "67"}, {"issue", "4"}}},
      {"volume", "№ 5. —", {{"issue", "5"}}},
      {"pages", "С. 112–125.", {{"page", "112-125"}}},
      {"pages", "— С. 45–67.", {{"page", "45-67"}}},
      {"pages", "— 345 с.", {{"number-of-pages", "345"}}},
      {"edition", "— 2-е изд., перераб. и доп. —", {{"edition", "2-е изд., перераб. и доп"}}},
      {"publisher", "М.: Весь мир,", {{"publisher-place", "М."}, {"publisher", "Весь мир"}}},  // an abbreviated place keeps its period
      {"location", "СПб. :", {{"publisher-place", "СПб."}}},
      {"location", "Washington, D.C.:", {{"publisher-place", "Washington, D.C."}}},
      {"location", "Oxford ; New York :", {{"publisher-place", "Oxford; New York"}}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.text);
    const std::string text = r.text;
    const auto c = seq::spans_to_citation(text, {{r.label, 0, text.size()}});
    for (const auto& [f, v] : r.fields) CHECK(field(c.item, f) == v);
  }
  SUBCASE("dates") {
    const std::string text = "(2011, May).";
    const auto c = seq::spans_to_citation(text, {{"date", 0, text.size()}});
    CHECK(year_of(c.item) == 2011);
  }
  SUBCASE("name lists split into persons") {
    const std::vector<std::pair<std::string, std::string>> lists = {
        {"Romero, C., Paunesku, D., & Dweck, C.", "Romero|Paunesku|Dweck|"},
        {"Ko MS, Yang SJ, Ha JK.", "Ko|Yang|Ha|"},
        {"Lee, L. L., W. E. Howard, and R. E. Marsh.", "Lee|Howard|Marsh|"},
        {"Smith, John, and Jane Doe, eds.", "Smith|Doe|"},
        {"Мирошник И.В., Никифоров В.О., Фрадков А.Л.", "Мирошник|Никифоров|Фрадков|"},
        {"Андреев В.Д.", "Андреев|"},
        {"(I. Mueller, Ed.)", "Mueller|"},
        {"ed. Régine Dupont,", "Dupont|"},
        {"Ditschke, Stephan, Katerina Kroucheva, and Daniel Stein (eds.).", "Ditschke|Kroucheva|Stein|"},
        {"Bajos, Nathalie, Bozon Michel (dir.)", "Bajos|Bozon|"},
        {"А. Н. Ковалев, В. В. Нестеров, И. Д. Зайцева [и др.] ;", "Ковалев|Нестеров|Зайцева|"},
        // AnyStyle's ugly.xml: a record written in lower case, a hyphenated initial with a space
        {"legriel j., granchon p., de kepper a.-g.", "legriel|granchon|de kepper|"},
        {"Kornmann, Reimer & Wagner, H. -J.", "Kornmann|Wagner|"},
        // two persons of one family with other initials; a generational suffix after its name
        {"Meadows, D. H., D. L. Meadows, J. Randers, and W. H. Behrens, III.", "Meadows|Meadows|Randers|Behrens|"},
    };
    for (const auto& [text, fams] : lists) {
      CAPTURE(text);
      const auto c = seq::spans_to_citation(text, {{"author", 0, text.size()}});
      // a list marked "eds." or "(dir.)" is read as editors
      CHECK(families(c.item, "author") + families(c.item, "editor") == fams);
    }
  }
  SUBCASE("GOST: the author list repeated after the slash joins the authors") {
    const std::string text = "Богданов К. В. Внешняя политика / К. В. Богданов, Н. С. Ершова. — М. : Наука, 2019.";
    auto at = [&](std::string_view part) { return text.find(part); };
    const std::vector<seq::labelled_span> spans = {
        {"author", 0, at(" Внешняя")},
        {"title", at("Внешняя"), at(" К. В. Богданов,")},
        {"editor", at("К. В. Богданов,"), at(" М. :")},
        {"location", at("М. :"), at(" Наука")},
        {"publisher", at("Наука"), at(" 2019")},
        {"date", at("2019"), text.size()},
    };
    const auto c = seq::spans_to_citation(text, spans);
    CHECK(families(c.item, "author") == "Богданов|Ершова|");
    CHECK(families(c.item, "editor").empty());
    CHECK(field(c.item, "title") == "Внешняя политика");
    CHECK(field(c.item, "publisher-place") == "М.");
    CHECK(field(c.item, "publisher") == "Наука");
    CHECK(year_of(c.item) == 2019);
  }
  SUBCASE("the type follows the labels") {
    const std::string text = "A Journal";
    CHECK(seq::spans_to_citation(text, {{"journal", 0, text.size()}}).item.type == "article-journal");
    CHECK(seq::spans_to_citation(text, {{"container-title", 0, text.size()}}).item.type == "chapter");
    CHECK(seq::spans_to_citation(text, {{"publisher", 0, text.size()}}).item.type == "book");
  }
}

TEST_CASE("seq: the embedded model loads and reads real references") {
  const auto* m = seq::default_model();
  REQUIRE(m);
  CHECK(m->labels.size() == 23);
  CHECK(m->header.size() >= 4);  // provenance: data, licence, split, command

  SUBCASE("APA article") {
    const auto c = seq::parse_reference(
        "Romero, C., Paunesku, D., & Dweck, C. (2011). Brainology in the classroom: An online growth mindset "
        "intervention. Journal of Child Development, 12(3), 45–67.");
    CHECK(families(c.item, "author") == "Romero|Paunesku|Dweck|");
    CHECK(year_of(c.item) == 2011);
    CHECK(field(c.item, "title") == "Brainology in the classroom: An online growth mindset intervention");
    CHECK(field(c.item, "container-title") == "Journal of Child Development");
    CHECK(field(c.item, "volume") == "12");
    CHECK(field(c.item, "issue") == "3");
    CHECK(field(c.item, "page") == "45-67");
    CHECK(c.item.type == "article-journal");
  }
  SUBCASE("Chicago book") {
    const auto c = seq::parse_reference("Smith, John. The Art of Citation. Chicago: University of Chicago Press, 2015.");
    CHECK(families(c.item, "author") == "Smith|");
    CHECK(year_of(c.item) == 2015);
    CHECK(field(c.item, "title") == "The Art of Citation");
    CHECK(field(c.item, "publisher-place") == "Chicago");
    CHECK(field(c.item, "publisher") == "University of Chicago Press");
  }
  SUBCASE("Vancouver article") {
    const auto c = seq::parse_reference(
        "Peters OA, Arias A. Differences in cyclic fatigue resistance at different levels. J Endod. "
        "2013;39(12):1585-7.");
    CHECK(year_of(c.item) == 2013);
    CHECK(field(c.item, "volume") == "39");
    CHECK(field(c.item, "issue") == "12");
    CHECK(field(c.item, "page") == "1585-7");
  }
  SUBCASE("GOST references (tests/parse/data/dev-gost, ../shared/gold/kinevich-2018)") {
    auto c = seq::parse_reference("Лукин А. В. Поворот на Восток. М.: Весь мир, 2014. 640 с.");
    CHECK(families(c.item, "author") == "Лукин|");
    CHECK(field(c.item, "title") == "Поворот на Восток");
    CHECK(field(c.item, "publisher-place") == "М.");
    CHECK(field(c.item, "publisher") == "Весь мир");
    CHECK(year_of(c.item) == 2014);
    CHECK(field(c.item, "number-of-pages") == "640");
    c = seq::parse_reference(
        "Сидоров А. А. Советская дипломатия в Синьцзяне в 1930-е годы // Вопросы истории. — 2020. — № 5. — С. 112–125.");
    CHECK(families(c.item, "author") == "Сидоров|");
    CHECK(field(c.item, "title") == "Советская дипломатия в Синьцзяне в 1930-е годы");
    CHECK(field(c.item, "container-title") == "Вопросы истории");
    CHECK(year_of(c.item) == 2020);
    CHECK(field(c.item, "issue") == "5");
    CHECK(field(c.item, "page") == "112-125");
    c = seq::parse_reference(
        "Ильин, Е. П. Психомоторная организация человека : учебное пособие / Е. П. Ильин. – СПб. : Питер, 2003. – 384 с.");
    CHECK(families(c.item, "author") == "Ильин|");
    CHECK(families(c.item, "editor").empty());
    CHECK(field(c.item, "title") == "Психомоторная организация человека : учебное пособие");
    CHECK(field(c.item, "publisher-place") == "СПб.");
    CHECK(field(c.item, "publisher") == "Питер");
    CHECK(year_of(c.item) == 2003);
    CHECK(field(c.item, "number-of-pages") == "384");
  }
  SUBCASE("spans cover the string in order, labels from the model") {
    const std::string s = "Doe, J. (2020). A title. Oxford: Clarendon.";
    const auto spans = seq::label_reference(s);
    REQUIRE_FALSE(spans.empty());
    CHECK(spans.front().begin == 0);
    CHECK(spans.back().end == s.size());
    for (std::size_t i = 1; i < spans.size(); ++i) {
      CHECK(spans[i].begin >= spans[i - 1].end);
      CHECK(spans[i].label != spans[i - 1].label);
    }
    CHECK(seq::label_reference("").empty());
  }
}

TEST_CASE("seq: odd input never breaks the labeller") {
  std::mt19937 rng(11);
  const std::string alphabet = "aZ9 .,;:()[]\"'-\xe2\x80\x94\xd0\x98\xd0\xb9/\\&\t\n\xff\xc3";
  for (int round = 0; round < 200; ++round) {
    std::string s;
    const std::size_t len = rng() % 300;
    for (std::size_t i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    const auto spans = seq::label_reference(s);
    std::size_t last = 0;
    for (const auto& sp : spans) {
      CHECK(sp.begin >= last);
      CHECK(sp.end <= s.size());
      last = sp.end;
    }
    (void)seq::spans_to_citation(s, spans);
  }
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "Smith, J. (2010). Title, 12(3), 45-67. ";
  const auto c = seq::parse_reference(big);
  CHECK(c.where.end == big.size() - 1);
  CHECK(seq::parse_reference("").item.fields.empty());
  CHECK(seq::parse_reference(" . , ; ").sources.size() <= 3);
}

TEST_SUITE("shared") {
  TEST_CASE("seq: token accuracy of the embedded model on the development part of AnyStyle's core.xml") {
    const std::string path = bicite_test::shared_path("training/anystyle/core.xml");
    if (!std::filesystem::exists(path)) {
      MESSAGE("skipped: " << path << " is missing");
      return;
    }
    pugi::xml_document doc;
    REQUIRE(doc.load_file(path.c_str()));
    const auto* m = seq::default_model();
    REQUIRE(m);
    std::size_t right = 0, all = 0, refs = 0;
    for (auto sq : doc.document_element().children("sequence")) {
      std::string text;
      std::vector<seq::labelled_span> gold;
      for (auto el : sq.children()) {
        std::string t;
        for (char ch : std::string(el.text().get())) {
          const bool sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
          if (sp && (t.empty() || t.back() == ' ')) continue;
          t += sp ? ' ' : ch;
        }
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (t.empty()) continue;
        if (!text.empty()) text += ' ';
        gold.push_back({el.name(), text.size(), text.size() + t.size()});
        text += t;
      }
      if (seq::split_hash(text) % 10 != 1) continue;  // the development part only
      ++refs;
      const auto pred = seq::label_reference(text);
      for (const auto& tok : seq::tokenize(text)) {
        auto label_at = [&](const std::vector<seq::labelled_span>& v) -> std::string {
          for (const auto& sp : v)
            if (tok.begin >= sp.begin && tok.end <= sp.end) return sp.label;
          return "?";
        };
        right += label_at(pred) == label_at(gold);
        ++all;
      }
    }
    REQUIRE(refs > 100);
    const double acc = static_cast<double>(right) / static_cast<double>(all);
    MESSAGE("core.xml development part: " << refs << " references, token accuracy " << acc);
    CHECK(acc > 0.90);
  }
}
