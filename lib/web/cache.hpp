#pragma once
// The result cache shared by the link checker (lib/links/check.cpp) and enrichment (lib/enrich/enrich.cpp):
// one JSON-lines file, one object per URL, holding the verdict, the page head's titles and what
// enrichment read from the page or DOI record. Same max-age and the same "429, 5xx and timeouts are
// never cached" rule for both. Saved atomically (unique temp file, fsync, rename), so a process
// killed mid-write leaves the old file; a torn or invalid line on load is skipped.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bicite/web.hpp"
#include "web/engine.hpp"

namespace bicite::web {

/// What the cache knows about one URL.
struct cache_entry {
  link_report report;             ///< url, result, http_status, final_url, redirects, error, detail, soft_404
  std::optional<page_head> head;  ///< the page's titles (2xx HTML pages)
  nlohmann::json page;            ///< what enrichment read from the body (see web::page_record); null when not kept
  double checked_at = 0;          ///< Unix seconds
};

/// False for rate_limited, server_error and timeout: a passing state is never cached.
bool cacheable(verdict v);
/// Same, and false for "DNS name not found" too: offline, every link fails so, and a week of
/// cached `broken` verdicts would outlive the outage.
bool cacheable(const link_report& r);

/// Seconds since the Unix epoch.
double now_unix();

/// Every valid line of a cache file, by URL (the last line of a URL wins). A torn last line, a
/// line that is not a JSON object, or an unknown verdict is skipped; a missing file gives nothing.
std::map<std::string, cache_entry> load_cache(const std::string& path);

/// Writes `entries` to `path` through a unique temp file in the same directory (fsync, rename).
/// Returns false when the file could not be written (the old file is then left as it was).
bool save_cache(const std::string& path, const std::map<std::string, cache_entry>& entries);

/// The cache of one run: loaded from options.cache_file (nothing when empty), looked up by URL,
/// saved at the end (merged with what another process wrote meanwhile; expired entries dropped).
class result_cache {
 public:
  explicit result_cache(const check_options& options);
  /// True when a cache file is in use.
  bool enabled() const { return !path_.empty(); }
  /// A fresh entry of a cacheable verdict for `url`, or nullptr.
  const cache_entry* find(const std::string& url) const;
  /// Stores (replaces) the entry of e.report.url when caching is on and its verdict is cacheable.
  /// checked_at 0 means now.
  void store(cache_entry e);
  /// The stored entry of `url` (fresh or not), or nullptr: for later passes that change a verdict.
  cache_entry* stored(const std::string& url);
  /// Saves the file (no-op without a cache file), under an exclusive flock on the file's folder so that
/// concurrent saves merge instead of overwriting each other. Returns false when it could not be written.
  bool save();

 private:
  std::string path_;
  double max_age_s_ = 0;
  double now_ = 0;
  std::map<std::string, cache_entry> entries_;
};

/// What the engine does to a non-raw 2xx HTML answer, for a raw fetch of a page: reads the page
/// head's titles into `out.head` and applies the soft-404 rules (error-page title, deep link
/// redirected to the home page) when options.soft_404 is set.
void finish_page(fetch_outcome& out, const std::string& requested_url, const check_options& options);

/// True for a content type the engine treats as HTML (empty, *html*, text/plain).
bool html_type(const std::string& content_type);

}  // namespace bicite::web
