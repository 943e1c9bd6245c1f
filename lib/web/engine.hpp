#pragma once
// The fetch engine: one libcurl multi handle, one event loop, per-host queues with a concurrency cap
// and a politeness gap, retries with backoff, manual redirect following (so the chain is recorded and
// loops stop at once), capped bodies. The link checker (lib/links/check.cpp) builds the public check()
// on top of it; enrichment (lib/enrich/enrich.cpp) fetches pages and DOI records with it.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bicite/web.hpp"

namespace bicite::web {

using links::check_options;
using links::link_report;
using links::page_head;
using links::verdict;

/// True once the run's stop flag (check_options::stop) is set.
inline bool stopped(const check_options& o) noexcept { return o.stop && o.stop->load(std::memory_order_relaxed); }

/// One URL to fetch.
struct fetch_spec {
  std::string url;
  bool raw = false;  ///< keep the body (up to the cap) and skip soft-404 logic: archive lookups, probes
  /// Not raw, but a successful HTML answer's body (up to max(body_cap, 256 KiB)) is returned in
  /// fetch_outcome::body, for the cache's page records; other bodies are abandoned as without it
  /// (a 2xx non-HTML body at its first byte). Soft-404 logic and page heads as usual.
  bool keep_html_body = false;
};

/// What the engine found out.
struct fetch_outcome {
  link_report report;               ///< url, result, http_status, final_url, redirects, error, detail, attempts, elapsed
  std::optional<page_head> head;    ///< HTML page head of a 2xx answer (when the body was HTML)
  std::string body;                 ///< raw jobs; keep_html_body jobs with a 2xx HTML answer
  std::string content_type;
};

/// Fetches every spec (already-validated http/https URLs); calls `on_done(index, outcome)` as each
/// finishes, from the calling thread.
void fetch_all(const std::vector<fetch_spec>& specs, const check_options& options,
               const std::function<void(std::size_t, fetch_outcome&&)>& on_done);

/// Validates a URL with libcurl's parser: http/https only, a host, a valid port.
/// Returns an error message, or nothing when the URL is fine.
std::optional<std::string> validate_url(const std::string& url);

/// Percent-encodes a query value.
std::string url_encode(std::string_view s);

}  // namespace bicite::web
