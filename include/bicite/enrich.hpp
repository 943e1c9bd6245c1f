#pragma once
/// Enrichment: completes and verifies references from the pages and DOIs they cite. A page's
/// citation_* / Dublin Core / OpenGraph / schema.org JSON-LD metadata (HTML parsed with gumbo) or a
/// DOI's Crossref-compatible metadata fills the fields a reference lacks (recorded in
/// custom.filled) and reports the fields that disagree as conflicts; nothing the reference has is
/// overwritten. Link with bicite::links. The metadata type and its readers (read_html,
/// read_crossref) are in bicite/web.hpp (included here).
/// Example:
///   bicite::enrich::enrich_options o;
///   o.doi_endpoint = "https://api.crossref.org";
///   auto report = bicite::enrich::enrich(references, o);
///   for (auto& c : report.conflicts) std::cerr << c.field << ": " << c.note_value << " / " << c.page_value;
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/links.hpp"
#include "bicite/model.hpp"
#include "bicite/web.hpp"

namespace bicite::enrich {

/// A field filled from a page or DOI record.
struct filled_field {
  std::string id;         ///< the reference's id
  std::string field;      ///< CSL variable: "title", "author", "issued", …
  std::string value;      ///< the value filled in (names joined with "; ", dates as EDTF)
  std::string source;     ///< the URL the value came from
  std::string extractor;  ///< "citation_date", "json-ld", "crossref", …
  std::string replaced;   ///< the guess it replaced (only `language`, see enrich_options::language_is_guess); empty when the field was missing
};

/// A field on which the reference and the page disagree (the reference keeps its value).
struct conflict {
  std::string id;
  std::string field;
  std::string note_value;  ///< what the reference says
  std::string page_value;  ///< what the page or DOI record says
  double score = 0;        ///< 0–1 similarity of the two (1 = same)
  std::string source;
  std::string extractor;
};

/// A reference that could not be enriched from one of its sources.
struct reference_error {
  std::string id;
  std::string url;        ///< the page or DOI endpoint URL
  diagnostic problem;     ///< "enrich.fetch-failed", "enrich.doi-not-found", "enrich.rate-limited", …
};

/// What an enrichment run did.
struct enrich_report {
  std::vector<filled_field> filled;
  std::vector<conflict> conflicts;
  std::vector<reference_error> errors;
  std::map<std::string, int, std::less<>> filled_by_field;    ///< field → count
  std::map<std::string, int, std::less<>> conflicts_by_field; ///< field → count
  std::size_t references_filled = 0;  ///< references with at least one filled field
  std::size_t references_looked_up = 0;  ///< references with a URL or DOI
};

/// Options of an enrichment run.
struct enrich_options {
  links::check_options fetch;  ///< timeouts, retries, politeness, body cap, cache_file/cache_max_age_s (the link checker's; the cache file is shared with it)
  std::string doi_endpoint = "https://api.crossref.org";  ///< Crossref-compatible base; `/works/{doi}` is appended
  bool fill = true;            ///< fill missing fields; false: only report what would be filled. Default: true
  bool use_pages = true;       ///< fetch the reference's URL. Default: true
  bool use_doi = true;         ///< fetch the reference's DOI metadata. Default: true
  double agree_threshold = 0.85;  ///< a field whose similarity reaches this agrees. Default: 0.85
  bool language_is_guess = true;  ///< a reference's `language` is a guess (the notes parser sets it from the title's script): a page that states another language replaces it (reported as filled, with `replaced`), never a conflict; false: compared like any field. Default: true
};

/// Merges `found` into `item`: fills missing fields (custom.filled[field] = {source, extractor}),
/// records disagreements as conflicts (custom["enrich-conflicts"] too), keeps everything the item
/// has; a matching author in another script is kept as that name's `original` variant. No conflict
/// is reported against a value an earlier merge filled. (references_* counts are kept by enrich().)
void merge(reference& item, const metadata& found, std::string_view source, const enrich_options& options,
           enrich_report& report);

/// Similarity (0–1) of two field values, tolerant of case, punctuation, site suffixes and script
/// (Cyrillic is compared in a spelling-independent romanisation).
double similarity(std::string_view field, std::string_view a, std::string_view b);

/// Agreement (0–1) of a reference's date with a page's: the parts both give must be equal (a
/// note's "2023" agrees with 2023-03-20); a single date agrees with a range it lies in (or that lies
/// in it); two ranges are compared end by end. 1 when either has no date-parts (literal, raw).
double date_agreement(const date& note, const date& page);

/// The DOI of a reference: its DOI field, or a doi.org URL; "" when none.
std::string doi_of(const reference& item);

/// Fetches the pages and DOI records the references cite (in parallel, politely) and merges them.
enrich_report enrich(std::vector<reference>& references, const enrich_options& options = {});

/// Fetches and reads the metadata of one DOI as a reference (for `bicite resolve --doi`).
result<reference> resolve_doi(std::string_view doi, const enrich_options& options = {});

}  // namespace bicite::enrich
