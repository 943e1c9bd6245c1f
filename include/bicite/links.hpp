#pragma once
/// Bulk link checking: many URLs at once over one libcurl event loop, politely (per-host limits and
/// gaps), with honest verdicts, link repair, a result cache, page-title verification, soft-404
/// detection and Wayback-style archive suggestions. Link with bicite::links (the part that needs libcurl).
/// The verdicts, link reports, fetch options and page heads are in bicite/web.hpp (included here).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/web.hpp"

namespace bicite::links {

/// With verify_titles, a 2xx page whose title_match is below this is verdict::title_mismatch.
/// Measured on the cited titles of tests/parse/data (tests/links/title_threshold_test.cpp): see
/// lib/links/README.md.
inline constexpr double title_mismatch_below = 0.5;

/// A URL after repair.
struct repaired_url {
  std::string url;                  ///< the URL to check
  std::vector<url_repair> repairs;  ///< what was changed, in order
};

/// Repairs a URL cut from a note: removes inner spaces, adds a missing "https://" to
/// "host.tld/path", drops trailing punctuation swallowed from the sentence (".,;:" and an
/// unbalanced ")" "]" "»" "”"). Never fails; an unusable URL is left for check() to call invalid.
repaired_url repair_url(std::string_view raw);

/// One link to check, with what cites it.
struct link_input {
  std::string url;                 ///< as found (repaired by check())
  std::vector<std::string> notes;  ///< note numbers (or ids) citing it
  std::string title;               ///< the cited title, for verify_titles; may be empty
  std::string date;                ///< "YYYY", "YYYYMMDD": the note's date, for archive lookups
};

/// Progress of a run, passed to the callback after each verdict.
struct progress {
  std::size_t done = 0;
  std::size_t total = 0;
  double elapsed_s = 0;
  std::size_t counts[verdict_count] = {};  ///< per verdict, indexed by static_cast<int>(verdict)
};

/// Called after each verdict (from the calling thread).
using progress_callback = std::function<void(const link_report&, const progress&)>;

/// Repairs, deduplicates and checks links; one report per distinct URL, in first-seen order.
std::vector<link_report> check(const std::vector<link_input>& links, const check_options& options = {},
                               const progress_callback& on_result = {});
/// Same for plain URLs.
std::vector<link_report> check(const std::vector<std::string>& urls, const check_options& options = {},
                               const progress_callback& on_result = {});

/// 0–1 similarity of a cited title and a page's titles: case-insensitive, tolerant of site
/// suffixes (" | Известия") and of Latin transliteration of Cyrillic.
double title_similarity(std::string_view cited, const page_head& page);

/// What a run's reports say as a whole, once: "links.offline" (an error) when the links were not
/// checked because there was no network. Empty otherwise.
std::vector<diagnostic> run_diagnostics(const std::vector<link_report>& reports);

/// Links found in an input, with the notes citing them.
struct extracted_links {
  std::vector<link_input> links;
  std::vector<diagnostic> diagnostics;
};

/// URLs in endnotes ("12.  text…"): each with its note number, the note's first quoted title and date.
extracted_links extract_from_notes(std::string_view text);
/// One URL per line, or TSV whose first column is the URL; "#" lines are skipped.
extracted_links extract_from_url_list(std::string_view text);
/// The URL (and title, issued date) of each CSL-JSON item; notes are the item ids.
extracted_links extract_from_csl_json(std::string_view json);

/// Reports as a JSON array of {url, verdict, http_status, final_url, redirects, error, elapsed_ms,
/// notes, title_match, …}.
std::string write_json(const std::vector<link_report>& reports);
/// Reports as CSV with a header row.
std::string write_csv(const std::vector<link_report>& reports);
/// Reports as a Markdown summary and table, grouped by verdict.
std::string write_markdown(const std::vector<link_report>& reports);
/// Reports as one self-contained HTML page, grouped by verdict.
std::string write_html(const std::vector<link_report>& reports);

/// Deprecated: the write_* names replace these (kept for one release).
[[deprecated("use bicite::links::write_json")]] inline std::string to_json(const std::vector<link_report>& reports) {
  return write_json(reports);
}
[[deprecated("use bicite::links::write_csv")]] inline std::string to_csv(const std::vector<link_report>& reports) {
  return write_csv(reports);
}
[[deprecated("use bicite::links::write_markdown")]] inline std::string to_markdown(
    const std::vector<link_report>& reports) {
  return write_markdown(reports);
}
[[deprecated("use bicite::links::write_html")]] inline std::string to_html(const std::vector<link_report>& reports) {
  return write_html(reports);
}

}  // namespace bicite::links
