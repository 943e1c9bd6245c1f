// Transliterated variants for the Cyrillic fields and names of a reference: the romanised
// "References" list Russian journals give beside the Russian one (bicite format --transliterate).
#include <algorithm>
#include <string>

#include "bicite/text.hpp"
#include "bicite/translit.hpp"

namespace bicite::translit {
namespace {

/// "ru-Latn" for a Russian item (or one without a language), "uk-Latn" for a Ukrainian one.
std::string latin_tag(std::string_view language) {
  std::string primary(language.substr(0, std::min(language.find_first_of("-_"), language.size())));
  std::transform(primary.begin(), primary.end(), primary.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (primary.size() < 2 || primary.size() > 3 ||
      !std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    primary = "ru";
  return primary + "-Latn";
}

/// Identifiers and codes are not text to read: a Cyrillic URL (президент.рф) romanised is no link.
bool is_identifier(std::string_view field) {
  for (std::string_view v : {"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID", "language", "citation-label", "call-number"})
    if (field == v) return true;
  return false;
}

bool has_transliteration(const std::vector<text_variant>& vs) {
  return std::any_of(vs.begin(), vs.end(), [](const text_variant& v) { return v.role == variant_role::transliterated; });
}

bool cyrillic_name(const name& n) {
  for (const std::string* part : {&n.family, &n.given, &n.dropping_particle, &n.non_dropping_particle, &n.suffix,
                                  &n.literal})
    if (text::has_cyrillic(*part)) return true;
  return false;
}

}  // namespace

bicite::result<added_transliterations> add_transliterations(reference& r, std::string_view scheme) {
  if (!has_scheme(scheme))
    return bicite::diagnostic{"translit.unknown-scheme", severity::error, {0, 0},
                              "unknown transliteration scheme \"" + std::string(scheme) + "\"",
                              "see bicite::translit::schemes() or `bicite translit --list`"};
  added_transliterations added;
  const std::string tag = latin_tag(r.get("language"));
  const auto romanise = [&](const std::string& s) {
    std::string out;
    transliterate_to(out, s, scheme);  // the scheme is known: cannot fail
    return out;
  };
  for (const auto& [field, value] : r.fields) {
    if (is_identifier(field) || !text::has_cyrillic(value)) continue;
    auto& vs = r.variants[field];
    if (has_transliteration(vs)) continue;
    vs.push_back(text_variant{romanise(value), variant_role::transliterated, tag, std::string(scheme)});
    ++added.fields;
  }
  for (auto& [variable, list] : r.names)
    for (auto& n : list) {
      if (!cyrillic_name(n)) continue;
      if (std::any_of(n.variants.begin(), n.variants.end(),
                      [](const name_variant& v) { return v.role == variant_role::transliterated; }))
        continue;
      // part by part, so that the parts stay what they are (a family name stays the family name)
      name_variant v;
      v.family = romanise(n.family);
      v.given = romanise(n.given);
      v.dropping_particle = romanise(n.dropping_particle);
      v.non_dropping_particle = romanise(n.non_dropping_particle);
      v.suffix = romanise(n.suffix);
      v.literal = romanise(n.literal);
      v.role = variant_role::transliterated;
      v.language = tag;
      v.scheme = std::string(scheme);
      n.variants.push_back(std::move(v));
      ++added.names;
    }
  return added;
}

}  // namespace bicite::translit
