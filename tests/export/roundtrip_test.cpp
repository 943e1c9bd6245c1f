// CSL → BibLaTeX → CSL (and → RIS → CSL) keeps every field the format can hold.
#include <doctest/doctest.h>

#include <bicite/bibtex.hpp>
#include <bicite/ris.hpp>

#include "export/corpus.hpp"
#include "export/sample.hpp"

namespace {

std::string describe(const bicite::name& n) {
  return n.literal.empty() ? n.non_dropping_particle + "|" + n.family + "|" + n.given + "|" + n.suffix : "{" + n.literal + "}";
}

std::string describe(const bicite::date& d) {
  std::string s;
  for (const auto& p : d.parts) s += std::to_string(p.year) + "-" + std::to_string(p.month) + "-" + std::to_string(p.day) + "/";
  return s + (d.circa ? "~" : "") + d.literal + d.raw;
}

struct compare_options {
  bool variants = true;
  bool name_suffix = true;
  bool days = true;
  std::vector<std::string> skip_fields;
};

// Every difference between an item and its round-tripped copy, one line each.
std::vector<std::string> differences(const bicite::reference& a, const bicite::reference& b, const compare_options& o = {}) {
  std::vector<std::string> out;
  const std::string where = a.id + ": ";
  if (a.type != b.type) out.push_back(where + "type " + a.type + " → " + b.type);
  for (const auto& [k, v] : a.fields) {
    if (std::find(o.skip_fields.begin(), o.skip_fields.end(), k) != o.skip_fields.end()) continue;
    if (b.get(k) != v) out.push_back(where + k + " \"" + v + "\" → \"" + std::string(b.get(k)) + "\"");
  }
  for (const auto& [k, list] : a.names) {
    const auto& other = b.names_of(k);
    std::string x, y;
    for (auto n : list) {
      if (!o.name_suffix) n.suffix.clear();
      x += describe(n) + ";";
    }
    for (auto n : other) {
      if (!o.name_suffix) n.suffix.clear();
      y += describe(n) + ";";
    }
    if (x != y) out.push_back(where + k + " " + x + " → " + y);
  }
  for (const auto& [k, d] : a.dates) {
    const auto* e = b.date_of(k);
    auto dd = d;
    if (!o.days && k == "issued")
      for (auto& p : dd.parts) p.day = 0;
    if (!e || describe(dd) != describe(*e)) out.push_back(where + k + " " + describe(d) + " → " + (e ? describe(*e) : "none"));
  }
  if (o.variants)
    for (const auto& [k, list] : a.variants)
      for (const auto& v : list) {
        const auto* w = b.variant(k, v.role);
        if (!w || w->value != v.value) out.push_back(where + k + " variant \"" + v.value + "\" lost");
      }
  return out;
}

std::vector<std::string> round_trip(const std::vector<bicite::reference>& items, bicite::bibtex::dialect d,
                                    const compare_options& o = {}) {
  bicite::bibtex::write_options wo;
  wo.target = d;
  const std::string bib = bicite::bibtex::write(items, wo);
  auto back = bicite::bibtex::read(bib);
  std::vector<std::string> diffs;
  for (const auto& diag : back.diagnostics) diffs.push_back("diagnostic: " + bicite::to_string(diag));
  REQUIRE(back.references.size() == items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    for (auto& s : differences(items[i], back.references[i], o)) diffs.push_back(std::move(s));
  return diffs;
}

}  // namespace

TEST_CASE("round trip CSL → BibLaTeX → CSL on a generated corpus of 5,000 mixed items keeps every field") {
  const auto items = bicite_test::generate_corpus(5000);
  const auto diffs = round_trip(items, bicite::bibtex::dialect::biblatex);
  for (std::size_t i = 0; i < diffs.size() && i < 20; ++i) MESSAGE(diffs[i]);
  CHECK(diffs.empty());
}

TEST_CASE("round trip CSL → BibLaTeX → CSL on the sample keeps every field biblatex can hold" * doctest::test_suite("shared")) {
  auto items = bicite_test::gold_sample();
  REQUIRE(items.size() > 80);
  const auto diffs = round_trip(items, bicite::bibtex::dialect::biblatex);
  for (const auto& d : diffs) MESSAGE(d);
  CHECK(diffs.empty());
}

TEST_CASE("round trip through classic BibTeX keeps the fields classic BibTeX has") {
  const auto items = bicite_test::generate_corpus(1000, 3);
  compare_options o;
  o.days = false;  // classic BibTeX has year and month only
  const auto diffs = round_trip(items, bicite::bibtex::dialect::bibtex, o);
  std::size_t type_only = 0;  // classic BibTeX has no speech, interview, magazine… types, and no journaltitleaddon
  for (const auto& d : diffs)
    type_only += d.find(": type ") != std::string::npos || d.find("container-title variant") != std::string::npos;
  for (const auto& d : diffs)
    if (d.find(": type ") == std::string::npos && d.find("container-title variant") == std::string::npos) MESSAGE(d);
  CHECK(diffs.size() == type_only);
}

TEST_CASE("round trip CSL → RIS → CSL keeps the fields RIS holds") {
  const auto items = bicite_test::generate_corpus(2000, 5);
  auto back = bicite::ris::read(bicite::ris::write(items));
  CHECK(back.diagnostics.empty());
  REQUIRE(back.references.size() == items.size());
  compare_options o;
  std::size_t problems = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto a = items[i];
    // RIS keeps one date (no ranges), no transliteration, no container translation.
    if (auto it = a.dates.find("issued"); it != a.dates.end() && it->second.parts.size() > 1) it->second.parts.resize(1);
    a.variants.erase("container-title");
    if (auto it = a.variants.find("title"); it != a.variants.end())
      std::erase_if(it->second, [](const auto& v) { return v.role == bicite::variant_role::transliterated; });
    const bool typed = a.type != "speech" && a.type != "interview";  // both are RIS GEN
    auto diffs = differences(a, back.references[i], o);
    if (!typed) std::erase_if(diffs, [](const std::string& s) { return s.find(": type ") != std::string::npos; });
    for (const auto& d : diffs) {
      if (problems++ < 10) MESSAGE(d);
    }
  }
  CHECK(problems == 0);
}
