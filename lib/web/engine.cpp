// The fetch engine (see engine.hpp).
#include "web/engine.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <random>
#include <unordered_map>

#include "bicite/text.hpp"
#include "bicite/version.hpp"
#include "web/page.hpp"

namespace bicite::web {

using namespace bicite::links;

namespace {

using clock_type = std::chrono::steady_clock;
using time_point = clock_type::time_point;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct curlu_deleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct multi_deleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct slist_deleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

/// host:port of a URL, the key of per-host limits.
std::string host_key(const std::string& url) {
  std::unique_ptr<CURLU, curlu_deleter> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return url;
  char* host = nullptr;
  char* port = nullptr;
  std::string key;
  if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK) key = text::ascii_lower(host);
  if (curl_url_get(u.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) key += std::string(":") + port;
  curl_free(host);
  curl_free(port);
  return key;
}

/// Seconds from a Retry-After value (delta-seconds or an HTTP-date); negative when absent/bad.
double parse_retry_after(const std::string& value) {
  std::string v(text::trim(value));
  if (v.empty()) return -1;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return v.size() > 9 ? 1e9 : std::stod(v);
  const time_t when = curl_getdate(v.c_str(), nullptr);
  if (when < 0) return -1;
  return std::max(0.0, std::difftime(when, std::time(nullptr)));
}

struct job {
  std::size_t index = 0;
  fetch_spec spec;
  std::string url;            // current hop
  std::string host;           // host key of `url`
  time_point first_start{};
  bool started = false;
  bool done = false;          // complete() was called
  int attempts = 0;
  int retries_used = 0;
  bool browser_ua = false;
  std::vector<redirect_hop> redirects;
  std::string http_version;   // of the last answer: "1.0", "1.1", "2", "3"
  int new_connections = 0;    // connections this link opened, over all hops and tries
  // per attempt
  CURL* easy = nullptr;
  long status = 0;
  bool head_done = false;
  time_point head_time{};
  std::string content_type, retry_after, location, cf_mitigated;
  std::string body;
  std::size_t body_seen = 0;
  bool keep_body = false;
  bool capped = false;
  bool body_timed_out = false;
  char errbuf[CURL_ERROR_SIZE] = {};
  double body_timeout_s = 2;
  std::size_t body_cap = 0;
};

struct host_state {
  std::deque<std::size_t> queue;  // job ids ready to start
  int active = 0;
  time_point last_start{};
  bool ever_started = false;
};

bool is_html(const std::string& content_type) {
  const std::string ct = text::ascii_lower(content_type);
  return ct.empty() || ct.find("html") != std::string::npos || ct.find("text/plain") != std::string::npos;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* j = static_cast<job*>(user);
  const size_t len = size * n;
  std::string_view line(data, len);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.starts_with("HTTP/")) {
    // a new response (interim 1xx answers come first)
    j->head_done = false;
    j->content_type.clear();
    j->retry_after.clear();
    j->location.clear();
    j->cf_mitigated.clear();
    const auto sp = line.find(' ');
    j->status = sp == std::string_view::npos ? 0 : std::strtol(std::string(line.substr(sp + 1, 3)).c_str(), nullptr, 10);
    return len;
  }
  if (line.empty()) {
    if (j->status >= 200) {
      j->head_done = true;
      j->head_time = clock_type::now();
    }
    return len;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return len;
  const std::string name = text::ascii_lower(line.substr(0, colon));
  const std::string value(text::trim(line.substr(colon + 1)));
  if (name == "content-type") j->content_type = value;
  else if (name == "retry-after") j->retry_after = value;
  else if (name == "location") j->location = value;
  else if (name == "cf-mitigated") j->cf_mitigated = value;
  return len;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* j = static_cast<job*>(user);
  const size_t len = size * n;
  const bool success = j->status >= 200 && j->status < 300;
  if (success && !j->spec.raw && !is_html(j->content_type)) {
    j->capped = true;  // a PDF or a 50 MB binary: the status is all we need
    return 0;
  }
  j->body_seen += len;
  if (j->keep_body || success) {
    const size_t room = j->body_cap > j->body.size() ? j->body_cap - j->body.size() : 0;
    j->body.append(data, std::min(room, len));
  }
  if (j->body_seen >= j->body_cap) {
    j->capped = true;  // enough of the page head; abort the rest of the body
    return 0;
  }
  return len;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* j = static_cast<job*>(user);
  if (j->head_done) {
    const double body_s = std::chrono::duration<double>(clock_type::now() - j->head_time).count();
    if (body_s > j->body_timeout_s) {
      j->body_timed_out = true;  // the status is known; a dripping body must not hold the slot
      return 1;
    }
  }
  return 0;
}

/// True when `dir` holds OpenSSL's hashed certificate links ("5ad8a5d6.0").
bool has_hashed_certs(const char* dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() == 10 && name[8] == '.' && name[9] == '0') return true;
  }
  return false;
}

class engine {
 public:
  engine(const std::vector<fetch_spec>& specs, const check_options& o,
         const std::function<void(std::size_t, fetch_outcome&&)>& on_done)
      : opt_(o), on_done_(on_done), rng_(std::random_device{}()) {
    global_init();
    multi_.reset(curl_multi_init());
    curl_multi_setopt(multi_.get(), CURLMOPT_PIPELINING, o.http2 ? CURLPIPE_MULTIPLEX : CURLPIPE_NOTHING);
    curl_multi_setopt(multi_.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(std::max(1, o.concurrency)));
    if (o.per_host > 0) curl_multi_setopt(multi_.get(), CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(o.per_host));
    curl_multi_setopt(multi_.get(), CURLMOPT_MAXCONNECTS, static_cast<long>(std::max(8, o.concurrency)));
    user_agent_ = o.user_agent.empty()
                      ? std::string("bicite/") + bicite::version_string +
                            " (bibliography link checker)"
                      : o.user_agent;
    headers_.reset(curl_slist_append(nullptr, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    curl_slist_append(headers_.get(), "Accept-Language: ru,en;q=0.8,*;q=0.5");
    if (o.ca_path) ca_path_ = *o.ca_path;
    else if (std::filesystem::exists("/etc/ssl/certs/ca-certificates.crt") && has_hashed_certs("/etc/ssl/certs"))
      ca_path_ = "/etc/ssl/certs";
    jobs_.resize(specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
      auto& j = jobs_[i];
      j.index = i;
      j.spec = specs[i];
      j.url = specs[i].url;
      j.host = host_key(j.url);
      enqueue(i);
    }
    remaining_ = specs.size();
  }

  void run() {
    while (remaining_ > 0) {
      if (stopped(opt_)) {
        abandon_all();
        break;
      }
      const auto now = clock_type::now();
      while (!delayed_.empty() && delayed_.top().first <= now) {
        const std::size_t id = delayed_.top().second;
        delayed_.pop();
        enqueue_front(id);  // a retry has waited its turn already
      }
      const auto wake = schedule(now);
      int running = 0;
      curl_multi_perform(multi_.get(), &running);
      if (drain() > 0) continue;  // slots were freed: fill them before waiting
      if (remaining_ == 0) break;
      // sleep until socket activity, the next retry, or the next politeness slot
      auto until = wake;
      if (!delayed_.empty()) until = std::min(until, delayed_.top().first);
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(until - clock_type::now()).count();
      ms = std::clamp<long long>(ms, 0, 100);
      if (active_ > 0 || ms > 0) curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(ms), nullptr);
    }
  }

 private:
  void enqueue(std::size_t id) { hosts_[jobs_[id].host].queue.push_back(id); }
  /// A redirect hop or a bot-wall retry has waited its turn already: it goes first.
  void enqueue_front(std::size_t id) { hosts_[jobs_[id].host].queue.push_front(id); }

  /// Starts what the limits allow; returns when to look again for gap-blocked hosts.
  time_point schedule(time_point now) {
    time_point wake = now + std::chrono::milliseconds(100);
    const auto gap = std::chrono::milliseconds(std::max(0, opt_.host_gap_ms));
    bool progress = true;
    while (progress && active_ < std::max(1, opt_.concurrency)) {
      progress = false;
      for (auto& [key, h] : hosts_) {
        if (h.queue.empty()) continue;
        if (active_ >= std::max(1, opt_.concurrency)) break;
        if (opt_.per_host > 0 && h.active >= opt_.per_host) continue;
        if (h.ever_started && gap.count() > 0 && now < h.last_start + gap) {
          wake = std::min(wake, h.last_start + gap);
          continue;
        }
        const std::size_t id = h.queue.front();
        h.queue.pop_front();
        h.active++;
        h.last_start = now;
        h.ever_started = true;
        start(id);
        progress = true;
        if (gap.count() > 0) wake = std::min(wake, now + gap);
      }
    }
    return wake;
  }

  void start(std::size_t id) {
    job& j = jobs_[id];
    if (!j.started) {
      j.started = true;
      j.first_start = clock_type::now();
    }
    j.attempts++;
    j.status = 0;
    j.head_done = false;
    j.content_type.clear();
    j.retry_after.clear();
    j.location.clear();
    j.cf_mitigated.clear();
    j.body.clear();
    j.body_seen = 0;
    j.capped = false;
    j.body_timed_out = false;
    j.errbuf[0] = 0;
    j.keep_body = j.spec.raw;
    j.body_cap = j.spec.raw || j.spec.keep_html_body ? std::max<std::size_t>(opt_.body_cap, 256 * 1024)
                                                     : std::max<std::size_t>(opt_.body_cap, 1024);
    j.body_timeout_s = opt_.body_timeout_s;
    CURL* e = curl_easy_init();
    j.easy = e;
    curl_easy_setopt(e, CURLOPT_URL, j.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &j);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opt_.connect_timeout_s * 1000));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(opt_.timeout_s * 1000));
    curl_easy_setopt(e, CURLOPT_USERAGENT, j.browser_ua ? opt_.browser_user_agent.c_str() : user_agent_.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers_.get());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, opt_.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
    if (opt_.http2 && j.url.starts_with("https:")) curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, opt_.verify_tls ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, opt_.verify_tls ? 2L : 0L);
    if (!ca_path_.empty()) {
      // a hashed certificate directory: OpenSSL reads only the issuer it needs, instead of parsing the
      // whole bundle (~25 ms of CPU that blocks the event loop) for every new TLS connection
      curl_easy_setopt(e, CURLOPT_CAINFO, nullptr);
      curl_easy_setopt(e, CURLOPT_CAPATH, ca_path_.c_str());
    }
    curl_easy_setopt(e, CURLOPT_DNS_CACHE_TIMEOUT, 600L);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &j);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &j);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, &j);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j.errbuf);
    curl_multi_add_handle(multi_.get(), e);
    active_++;
  }

  std::size_t drain() {
    std::size_t finished = 0;
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi_.get(), &left)) {
      if (m->msg != CURLMSG_DONE) continue;
      CURL* e = m->easy_handle;
      const CURLcode code = m->data.result;
      job* j = nullptr;
      curl_easy_getinfo(e, CURLINFO_PRIVATE, &j);
      char* redirect = nullptr;
      curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &redirect);
      const std::string next = redirect ? redirect : "";
      long request_size = 0;  // bytes of request sent: 0 when the request never reached the server
      curl_easy_getinfo(e, CURLINFO_REQUEST_SIZE, &request_size);
      long os_errno = 0;
      curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
      long version = 0;
      curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, &version);
      if (version) j->http_version = version == CURL_HTTP_VERSION_1_0 ? "1.0"
                                     : version == CURL_HTTP_VERSION_1_1 ? "1.1"
                                     : version == CURL_HTTP_VERSION_2_0 ? "2" : "3";
      long connects = 0;
      curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &connects);
      j->new_connections += static_cast<int>(connects);
      curl_multi_remove_handle(multi_.get(), e);
      curl_easy_cleanup(e);
      j->easy = nullptr;
      active_--;
      release(*j);
      finish_attempt(*j, code, next, request_size > 0, os_errno);
      ++finished;
    }
    return finished;
  }

  /// The job's transfer left curl: its host slot is free.
  void release(const job& j) {
    hosts_[j.host].active--;
  }

  double jitter(double seconds, double low, double high) {
    std::uniform_real_distribution<double> d(low, high);
    return seconds * d(rng_);
  }

  void retry_later(job& j, double seconds) {
    const auto when = clock_type::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
    delayed_.emplace(when, j.index);
  }

  double backoff(const job& j) { return jitter(opt_.backoff_s * std::pow(2.0, j.retries_used), 0.75, 1.25); }

  void finish_attempt(job& j, CURLcode code, const std::string& next, bool request_sent, long os_errno) {
    fetch_outcome out;
    link_report& r = out.report;
    r.url = j.spec.url;
    r.http_status = j.status;
    r.redirects = j.redirects;
    r.http_version = j.http_version;
    r.new_connections = j.new_connections;
    const bool got_head = j.head_done && j.status >= 200;
    if (got_head) {
      if (code != CURLE_OK && !j.capped && !j.body_timed_out)
        r.error = std::string(curl_easy_strerror(code)) + (j.errbuf[0] ? std::string(": ") + j.errbuf : "") +
                  " (after the response head)";
      if (classify_status(j, r, next)) return;  // redirected or retried: not finished
    } else {
      const std::string err = std::string(curl_easy_strerror(code)) + (j.errbuf[0] ? std::string(": ") + j.errbuf : "");
      r.error = err;
      bool retry = false;
      // curl refuses a header line over 100 KiB ("Rejected … bytes header") and a head over 300 KiB
      // ("Too large response headers"): a server bug, not a flaky connection, so no retry
      const std::string_view why(j.errbuf);
      // (the first says only "Out of memory" in libcurl 7.88, after the status line arrived)
      const bool head_too_large = (code == CURLE_OUT_OF_MEMORY && j.status > 0) ||
                                  (why.find("header") != std::string_view::npos &&
                                   (why.find("Rejected") != std::string_view::npos ||
                                    why.find("Too large") != std::string_view::npos ||
                                    why.find("too large") != std::string_view::npos));
      if (head_too_large) {
        r.result = verdict::unreachable;
        r.detail = "response head too large";
      }
      switch (head_too_large ? CURLE_OK : code) {
        case CURLE_OK:
          break;
        case CURLE_COULDNT_RESOLVE_HOST:
          r.result = verdict::broken;
          r.detail = "DNS name not found";
          break;
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
          r.result = verdict::unreachable;
          r.detail = os_errno == ECONNREFUSED ? "connection refused"
                     : os_errno == ENETUNREACH || os_errno == EHOSTUNREACH ? "no route to host"
                                                                           : "could not connect";
          break;
        case CURLE_OPERATION_TIMEDOUT:
          r.result = verdict::timeout;
          r.detail = request_sent ? (j.status > 0 ? "response head not complete in time" : "no response in time")
                               : "connect timed out";
          // a server that accepted and sat on the request would most likely do it again
          retry = !request_sent || opt_.retry_timeouts;
          break;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_USE_SSL_FAILED:
          r.result = verdict::unreachable;
          r.detail = code == CURLE_PEER_FAILED_VERIFICATION ? "tls: certificate not trusted" : "tls: handshake failed";
          break;
        case CURLE_GOT_NOTHING:
          r.result = verdict::unreachable;
          r.detail = "empty reply";
          retry = true;
          break;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
          r.result = verdict::unreachable;
          r.detail = os_errno == ECONNRESET || os_errno == 0 ? "connection reset" : "connection broken";
          retry = true;
          break;
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_WEIRD_SERVER_REPLY:
          r.result = verdict::unreachable;
          r.detail = "not an HTTP reply";
          break;
        case CURLE_URL_MALFORMAT:
          r.result = verdict::invalid;
          r.detail = "malformed URL";
          break;
        case CURLE_TOO_MANY_REDIRECTS:
          r.result = verdict::broken;
          r.detail = "too many redirects";
          break;
        default:
          r.result = verdict::unreachable;
          r.detail = "transfer failed";
          break;
      }
      // a connection-level failure is retried once at most: a flaky connection clears on the next
      // try, a server that always resets would only be hammered
      if (retry && j.retries_used < std::min(opt_.retries, code == CURLE_OPERATION_TIMEDOUT ? opt_.retries : 1)) {
        const double wait = backoff(j);
        j.retries_used++;
        retry_later(j, wait);
        return;
      }
    }
    complete(j, std::move(out));
  }

  /// Classifies a complete response head; returns true when the job goes on (redirect, retry).
  bool classify_status(job& j, link_report& r, const std::string& next) {
    const long s = j.status;
    if (s >= 300 && s < 400 && s != 304) {
      if (next.empty()) {
        r.result = verdict::broken;
        r.detail = "redirect without a usable Location";
        return false;
      }
      j.redirects.push_back({j.url, s});
      r.redirects = j.redirects;
      bool loop = next == j.spec.url;
      for (const auto& h : j.redirects) loop = loop || h.url == next;
      if (loop) {
        r.result = verdict::broken;
        r.detail = "redirect loop";
        r.error = "redirect loop: " + next + " was already visited";
        r.final_url = next;
        return false;
      }
      if (static_cast<int>(j.redirects.size()) > opt_.max_redirects) {
        r.result = verdict::broken;
        r.detail = "too many redirects";
        r.error = "more than " + std::to_string(opt_.max_redirects) + " redirects";
        r.final_url = next;
        return false;
      }
      if (auto bad = validate_url(next)) {
        r.result = verdict::broken;
        r.detail = "redirect to an unusable URL";
        r.error = *bad + ": " + next;
        r.final_url = next;
        return false;
      }
      j.url = next;
      j.host = host_key(next);
      enqueue_front(j.index);
      return true;
    }
    if (s >= 200 && s < 300) {
      r.result = j.redirects.empty() ? verdict::ok : verdict::redirected;
      if (!j.redirects.empty()) r.final_url = j.url;
      return false;
    }
    const bool wall = s == 401 || s == 403 || s == 999 || s == 451 || !j.cf_mitigated.empty();
    if (wall) {
      if (!j.browser_ua && s != 451) {
        j.browser_ua = true;  // one more try looking like a browser
        enqueue_front(j.index);
        return true;
      }
      r.result = verdict::blocked;
      r.detail = !j.cf_mitigated.empty() ? "bot wall (cf-mitigated: " + j.cf_mitigated + ")"
                 : s == 401              ? "login or paywall (401)"
                 : s == 451              ? "unavailable for legal reasons (451)"
                                         : "forbidden to a browser-like user agent too";
      if (!j.redirects.empty()) r.final_url = j.url;
      return false;
    }
    if (s == 429 || s >= 500) {
      const double ra = parse_retry_after(j.retry_after);
      r.result = s == 429 ? verdict::rate_limited : verdict::server_error;
      if (ra > opt_.retry_after_cap_s) {
        r.detail = "Retry-After " + j.retry_after + " is past the cap";
        if (!j.redirects.empty()) r.final_url = j.url;
        return false;
      }
      if (j.retries_used < opt_.retries) {
        const double wait = ra >= 0 ? std::max(ra, 0.05) * jitter(1.0, 1.02, 1.1) + 0.05 : backoff(j);
        j.retries_used++;
        retry_later(j, wait);
        return true;
      }
      r.detail = "still " + std::to_string(s) + " after " + std::to_string(j.attempts) + " tries";
      if (!j.redirects.empty()) r.final_url = j.url;
      return false;
    }
    if (s >= 400 && s < 500) {
      r.result = verdict::broken;
      r.detail = s == 404 ? "not found" : s == 410 ? "gone" : "client error " + std::to_string(s);
    } else {
      r.result = verdict::server_error;
      r.detail = "unexpected status " + std::to_string(s);
    }
    if (!j.redirects.empty()) r.final_url = j.url;
    return false;
  }

  /// A stop was requested: in-flight transfers are dropped, queued and waiting jobs never start;
  /// every job without a verdict gets verdict::interrupted (never cached).
  void abandon_all() {
    for (job& j : jobs_) {
      if (j.done) continue;
      if (j.easy) {
        curl_multi_remove_handle(multi_.get(), j.easy);
        curl_easy_cleanup(j.easy);
        j.easy = nullptr;
        active_--;
        release(j);
      }
      fetch_outcome out;
      link_report& r = out.report;
      r.url = j.spec.url;
      r.result = verdict::interrupted;
      r.detail = "interrupted";
      r.error = "not checked: the run was stopped before this link got a verdict";
      r.redirects = j.redirects;
      r.http_version = j.http_version;
      r.new_connections = j.new_connections;
      r.attempts = j.attempts;
      if (j.started) r.elapsed_ms = std::chrono::duration<double, std::milli>(clock_type::now() - j.first_start).count();
      std::string().swap(j.body);
      j.done = true;
      remaining_--;
      on_done_(j.index, std::move(out));
    }
  }

  void complete(job& j, fetch_outcome&& out) {
    j.done = true;
    link_report& r = out.report;
    r.attempts = j.attempts;
    r.elapsed_ms = std::chrono::duration<double, std::milli>(clock_type::now() - j.first_start).count();
    out.content_type = j.content_type;
    const bool success = r.result == verdict::ok || r.result == verdict::redirected;
    if (success && !j.spec.raw && is_html(j.content_type) && !j.body.empty())
      out.head = read_page_head(j.body, j.content_type);
    if (success && !j.spec.raw && opt_.soft_404) {
      if (out.head && looks_like_error_page(*out.head)) {
        r.result = verdict::broken;
        r.soft_404 = true;
        r.detail = "soft-404: the page says it was not found";
      } else if (r.result == verdict::redirected && redirected_to_home(j.spec.url, r.final_url)) {
        r.result = verdict::broken;
        r.soft_404 = true;
        r.detail = "soft-404: a deep link redirected to the site's home page";
      }
    }
    if (j.spec.raw || (j.spec.keep_html_body && success && is_html(j.content_type))) out.body = std::move(j.body);
    std::string().swap(j.body);
    remaining_--;
    on_done_(j.index, std::move(out));
  }

  const check_options& opt_;
  const std::function<void(std::size_t, fetch_outcome&&)>& on_done_;
  std::unique_ptr<CURLM, multi_deleter> multi_;
  std::unique_ptr<curl_slist, slist_deleter> headers_;
  std::string user_agent_;
  std::string ca_path_;
  std::vector<job> jobs_;
  std::map<std::string, host_state> hosts_;
  using timed = std::pair<time_point, std::size_t>;
  std::priority_queue<timed, std::vector<timed>, std::greater<>> delayed_;
  std::size_t remaining_ = 0;
  int active_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace

std::optional<std::string> validate_url(const std::string& url) {
  global_init();
  std::unique_ptr<CURLU, curlu_deleter> u(curl_url());
  if (!u) return "out of memory";
  const CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) return std::string("not a valid URL: ") + curl_url_strerror(rc);
  char* scheme = nullptr;
  std::string s;
  if (curl_url_get(u.get(), CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK) s = text::ascii_lower(scheme);
  curl_free(scheme);
  if (s != "http" && s != "https") return "unsupported scheme \"" + s + "\" (only http and https are checked)";
  char* host = nullptr;
  const bool has_host = curl_url_get(u.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host;
  curl_free(host);
  if (!has_host) return std::string("no host name");
  return std::nullopt;
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

void fetch_all(const std::vector<fetch_spec>& specs, const check_options& options,
               const std::function<void(std::size_t, fetch_outcome&&)>& on_done) {
  if (specs.empty()) return;
  engine e(specs, options, on_done);
  e.run();
}

}  // namespace bicite::web
