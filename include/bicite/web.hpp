#pragma once
/// What the link checker (bicite/links.hpp) and enrichment (bicite/enrich.hpp) share, implemented in
/// lib/web: the verdict of a fetched link and its report, the fetch options (with a run's stop flag), page heads
/// (namespace bicite::links), and the metadata read from a page or DOI record with its two readers
/// (namespace bicite::enrich). Included by bicite/links.hpp and bicite/enrich.hpp.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::links {

/// The outcome of checking one link.
enum class verdict {
  ok,            ///< 2xx without redirects
  redirected,    ///< 2xx after one or more redirects (see final_url)
  broken,        ///< 404/410 (or other 4xx), DNS name not found, redirect loop, soft-404
  blocked,       ///< 401/403/451/999 or a bot wall, still closed to a browser-like user agent
  rate_limited,  ///< 429 that did not clear within the retry budget / Retry-After cap
  server_error,  ///< 5xx that did not clear
  timeout,       ///< no complete response head within the deadline
  unreachable,   ///< connection refused/reset, empty or non-HTTP reply, TLS failure, no network at all ("offline"; detail says which)
  invalid,       ///< not a URL, or a scheme other than http/https (no request sent)
  title_mismatch,///< 2xx, but the page's title is not the cited title (verify_titles; see title_mismatch_below)
  interrupted    ///< the run was stopped (check_options::stop: a signal, a deadline) before a verdict; never cached
};

/// Number of verdicts (interrupted is the last).
inline constexpr std::size_t verdict_count = static_cast<std::size_t>(verdict::interrupted) + 1;

/// "ok", "redirected", …
std::string_view to_string(verdict v) noexcept;
/// The verdict named by `name`, or nothing.
std::optional<verdict> verdict_from_string(std::string_view name) noexcept;

/// A repair made to a URL before checking ("links.inner-space", "links.missing-scheme",
/// "links.trailing-punctuation").
struct url_repair {
  std::string code;
  std::string before;
  std::string after;
};

/// One hop of a redirect chain.
struct redirect_hop {
  std::string url;   ///< the URL that answered with a redirect
  long status = 0;   ///< 301, 302, …
};

/// Everything known about one checked link.
struct link_report {
  std::string url;                    ///< the URL checked (after repair)
  std::string original;               ///< as given (the first occurrence)
  std::vector<url_repair> repairs;    ///< repairs made before checking
  verdict result = verdict::invalid;
  long http_status = 0;               ///< last HTTP status seen; 0 when none
  std::string final_url;              ///< where the redirects ended; empty without redirects
  std::vector<redirect_hop> redirects;///< the redirect chain, in order
  std::string error;                  ///< libcurl's error text, or why the verdict was given
  std::string detail;                 ///< a short reason: "connection refused", "tls", "soft-404", …
  double elapsed_ms = 0;              ///< from the first request to the verdict, retries included
  int attempts = 0;                   ///< requests sent (redirect hops count once)
  std::vector<std::string> notes;     ///< notes citing this URL
  std::string cited_title;            ///< the note's title (verify_titles)
  std::string page_title;             ///< the best title found in the page head (verify_titles)
  std::optional<double> title_match;  ///< 0–1 similarity of cited and page title; set with verify_titles
  bool soft_404 = false;              ///< the page looks like an error page though it answered 2xx
  std::string archive_url;            ///< nearest snapshot (archive option), empty when none
  std::string archive_timestamp;      ///< its timestamp, "YYYYMMDDhhmmss"
  bool from_cache = false;            ///< the verdict was read from the cache file
  std::string http_version;           ///< HTTP version of the last answer: "1.1", "2"; empty when none
  int new_connections = 0;            ///< connections opened for this link (0: reused or multiplexed)
};

/// Options of a check run. The defaults are polite: 64 connections, 6 per host, 50 ms gap.
struct check_options {
  int concurrency = 64;              ///< requests in flight at once. Default: 64
  int per_host = 6;                  ///< requests in flight per host:port; 0 = no cap. Default: 6
  int host_gap_ms = 50;              ///< minimum gap between request starts on one host. Default: 50
  double connect_timeout_s = 5;      ///< TCP+TLS connect timeout. Default: 5 s
  double timeout_s = 10;             ///< overall deadline of one request (head must arrive). Default: 10 s
  double body_timeout_s = 1;         ///< time allowed to read the capped body once the head is in. Default: 1 s
  int retries = 3;                   ///< extra tries for 5xx, 429, resets, connect timeouts. Default: 3
  bool retry_timeouts = false;       ///< also retry a request the server accepted and never answered (doubles the worst case). Default: false
  double backoff_s = 0.25;           ///< first backoff, doubled per try, ±25% jitter. Default: 0.25 s
  double retry_after_cap_s = 10;     ///< a longer Retry-After gives rate_limited/server_error at once. Default: 10 s
  int max_redirects = 10;            ///< Default: 10
  std::size_t body_cap = 64 * 1024;  ///< bytes of an HTML body read (the page head); other types: none. Default: 64 KiB
  bool http2 = true;                 ///< offer HTTP/2 (ALPN) and multiplex where allowed. Default: true
  bool verify_tls = true;            ///< Default: true
  bool soft_404 = true;              ///< flag 2xx error pages and deep links redirected to the home page. Default: true
  bool verify_titles = false;        ///< read page titles, compare with link_input::title, probe a random sibling URL
  bool archive = false;              ///< look up broken links in a Wayback-compatible availability endpoint
  std::string archive_endpoint = "https://archive.org/wayback/available";  ///< `?url=…&timestamp=…` is appended
  std::string cache_file;            ///< JSON-lines cache shared with enrichment (see README); empty = no cache
  double cache_max_age_s = 7 * 86400;///< reuse cached verdicts younger than this. Default: 7 days
  bool cache_pages = true;           ///< with a cache file, fetch pages as enrichment does (up to 256 KiB, any type) and keep their metadata for it. Default: true
  bool detect_offline = true;        ///< look up a few of the run's hosts first; no network: every link unreachable/"offline", none fetched. Set it to false behind a proxy (the proxy resolves the names; the command does so when http_proxy, https_proxy or all_proxy is set). Default: true
  std::string user_agent;            ///< empty = "bicite/<version> (bibliography link checker)"
  std::string browser_user_agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";  ///< one retry on a bot wall
  /// Directory of hashed CA certificates for TLS. Unset: /etc/ssl/certs when it holds hashed
  /// certificates (reading only the issuer needed is far cheaper than parsing the whole bundle per
  /// connection), else libcurl's default; empty: libcurl's default. The command sets it from
  /// BICITE_CA_PATH. Default: unset
  std::optional<std::string> ca_path;
  /// The run's stop flag, owned by the caller; nullptr: the run is never stopped. Once it is true, no
  /// new request starts, requests in flight are abandoned, links without a verdict get
  /// verdict::interrupted, and check() (or enrich()) returns normally (the cache is saved). Setting it
  /// is one lock-free atomic store: safe from a signal handler or another thread. It must outlive the
  /// run. Default: nullptr
  const std::atomic<bool>* stop = nullptr;
};
static_assert(std::atomic<bool>::is_always_lock_free, "check_options::stop is set from signal handlers");

/// The head of an HTML page, as far as titles go.
struct page_head {
  std::string title;           ///< <title>
  std::string og_title;        ///< <meta property="og:title">
  std::string citation_title;  ///< <meta name="citation_title">
  std::string h1;              ///< the first <h1>
  std::string charset;         ///< the charset used to decode the page
};

/// Decodes the start of an HTML page (charset from `content_type`, else <meta>, else UTF-8 with
/// a windows-1251 fallback) and reads its titles.
page_head read_page_head(std::string_view bytes, std::string_view content_type = {});

}  // namespace bicite::links

namespace bicite::enrich {

/// Metadata read from one page or one DOI record, as a CSL item plus where each field came from.
struct metadata {
  reference item;                                          ///< title, author, issued, container-title, …
  std::map<std::string, std::string, std::less<>> extractor;  ///< field → "citation_title", "json-ld", "og:title", "crossref", …
  std::string charset;                                     ///< the charset the page was decoded with (pages only)
  std::vector<diagnostic> diagnostics;                     ///< "enrich.wrong-charset", "enrich.bad-json-ld", …
};

/// Reads the metadata of an HTML page: citation_*, Dublin Core (DC./dc./dcterms.), OpenGraph and
/// article:*, schema.org JSON-LD (Article, NewsArticle, ScholarlyArticle…, arrays and @graph),
/// <title> and <html lang>. Bytes are decoded with the charset of `content_type`, else of
/// <meta charset>/http-equiv, else UTF-8 (windows-1251 when not valid UTF-8); a declaration the
/// bytes contradict is overridden with a warning. Never fails.
metadata read_html(std::string_view bytes, std::string_view content_type = {});

/// Reads a Crossref-compatible `/works/{doi}` answer ({"message": {title, author, issued, …}}).
/// Malformed JSON or a missing message gives error "enrich.bad-doi-json".
result<metadata> read_crossref(std::string_view json);

}  // namespace bicite::enrich
