#pragma once
/// Venue normalisation: one canonical name for "MKRU", "Moskovsky Komsomolets", "Московский
/// комсомолец" and mk.ru. A knowledge base of venues (lib/venues/data/venues.tsv, compiled in) is
/// matched in order of evidence: exact alias, name key across scripts and transliteration schemes,
/// URL domain, then a fuzzy match on keys above a threshold. An unknown venue stays unknown: a wrong
/// canonical name is worse than none. The free functions look up the built-in venues; a program that
/// adds its own venues keeps them in a knowledge_base object. Lookups are thread-safe; adding venues is too.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"

namespace bicite::venues {

/// One venue of the knowledge base.
struct venue {
  std::string canonical;  ///< its own name in its own language and script: "Независимая газета"
  std::string english;    ///< its usual English name: "Nezavisimaya Gazeta"
  std::string type;       ///< newspaper | magazine | agency | journal | website | government
  std::string language;   ///< BCP 47: "ru", "en"
  std::string issn;       ///< "0131-2227", or empty
  std::vector<std::string> domains;  ///< "ng.ru" (subdomains such as nvo.ng.ru match too)
  std::vector<std::string> aliases;  ///< typed abbreviations and former names ("НГ", "MKRU")
  std::string id;         ///< stable ASCII key from the data file ("ng"); user venues get "user:N"
};

/// The result of a lookup.
struct venue_match {
  const venue* match = nullptr;  ///< nullptr when unknown; valid as long as the knowledge base it came from (built_in(): the program)
  std::string evidence;          ///< "alias" | "key" | "domain" | "fuzzy"; empty when unknown
  double score = 0;              ///< 1 alias, 0.95 key, 0.9 domain, fuzzy: 0.9 × similarity; 0 unknown
  explicit operator bool() const noexcept { return match != nullptr; }
};

/// What adding venues gave.
struct load_result {
  std::size_t added = 0;                ///< venues added
  std::vector<diagnostic> diagnostics;  ///< bad rows ("venues.bad-row"), bad JSON ("venues.json")
};

/// A knowledge base of venues: the built-in ones (lib/venues/data/venues.tsv, compiled in) and any a
/// program adds. Copies are independent. Lookups and add() are thread-safe.
class knowledge_base {
 public:
  /// The built-in venues (a copy of built_in()).
  knowledge_base();
  knowledge_base(const knowledge_base& other);
  knowledge_base& operator=(const knowledge_base& other);
  ~knowledge_base();

  /// Matches a venue name as a note writes it ("MKRU", "Rossiya v Global'noi Politike",
  /// "China South Morning Post"); match == nullptr when unknown: it never guesses.
  venue_match match_name(std::string_view name) const;

  /// Matches a URL by its host, subdomains included (nvo.ng.ru, en.kremlin.ru), and by host/path
  /// entries of the knowledge base; a URL without a scheme ("kremlin.ru/events/…") works too.
  venue_match match_url(std::string_view url) const;

  /// The name first, then the URL when the name is unknown (or only fuzzily matched and the URL
  /// names another venue): what a parser should call for a citation.
  venue_match match(std::string_view name, std::string_view url) const;

  /// Adds venues from a TSV text with the header row of venues.tsv (id canonical english type
  /// language issn domains aliases; "#" comment lines; " | " between values) or from a JSON array of
  /// objects with those keys (domains and aliases as arrays). Added venues take precedence over
  /// built-in ones for the same alias, key or domain. Never throws on bad input.
  load_result add(std::string_view text);

  /// Every venue (built-in, then added), in order.
  std::vector<const venue*> all() const;

 private:
  struct impl;
  struct load_tag {};
  explicit knowledge_base(load_tag);
  friend const knowledge_base& built_in();
  std::unique_ptr<impl> impl_;
};

/// The built-in venues: read from the compiled-in data on first use, never changed after.
const knowledge_base& built_in();

/// built_in().match_name(name).
venue_match match_name(std::string_view name);

/// built_in().match_url(url).
venue_match match_url(std::string_view url);

/// built_in().match(name, url).
venue_match match(std::string_view name, std::string_view url);

/// built_in().all().
std::vector<const venue*> all_venues();

/// The name key used for matching across scripts and schemes: Cyrillic romanised, case, spaces,
/// punctuation and diacritics dropped, spelling variants folded ("Rossiya v Global'noi Politike" and
/// "Россия в глобальной политике" give the same key).
std::string name_key(std::string_view name);

}  // namespace bicite::venues
