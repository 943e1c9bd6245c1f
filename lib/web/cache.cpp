// The result cache shared by the link checker and enrichment (see cache.hpp).
#include "web/cache.hpp"

#include "core/json.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <type_traits>

#include "bicite/text.hpp"
#include "web/page.hpp"

namespace bicite::web {

using namespace bicite::links;

namespace {

using json = nlohmann::json;

json head_to_json(const page_head& h) {
  return {{"title", h.title}, {"og_title", h.og_title}, {"citation_title", h.citation_title}, {"h1", h.h1},
          {"charset", h.charset}};
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

template <class T>
T num(const json& j, const char* key, T fallback) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return fallback;
  if constexpr (std::is_integral_v<T>) {
    // a float out of T's range (1e300 in a hand-edited cache) is no status: converting it is undefined
    if (it->is_number_float()) {
      const double d = it->get<double>();
      if (!(d >= static_cast<double>(std::numeric_limits<T>::min()) && d < static_cast<double>(std::numeric_limits<T>::max())))
        return fallback;
    }
  }
  return it->get<T>();
}

std::optional<cache_entry> entry_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const std::string url = str(j, "url");
  const auto v = verdict_from_string(str(j, "verdict"));
  if (url.empty() || !v) return std::nullopt;
  cache_entry e;
  e.report.url = url;
  e.report.result = *v;
  e.report.http_status = num(j, "http_status", 0L);
  e.report.final_url = str(j, "final_url");
  e.report.error = str(j, "error");
  e.report.detail = str(j, "detail");
  if (auto it = j.find("soft_404"); it != j.end() && it->is_boolean()) e.report.soft_404 = it->get<bool>();
  if (auto it = j.find("redirects"); it != j.end() && it->is_array())
    for (const auto& h : *it)
      if (h.is_object()) e.report.redirects.push_back({str(h, "url"), num(h, "status", 0L)});
  if (auto it = j.find("head"); it != j.end() && it->is_object())
    e.head = page_head{str(*it, "title"), str(*it, "og_title"), str(*it, "citation_title"), str(*it, "h1"),
                       str(*it, "charset")};
  if (auto it = j.find("page"); it != j.end() && it->is_object()) e.page = *it;
  e.checked_at = num(j, "checked_at", 0.0);
  return e;
}

json entry_to_json(const cache_entry& e) {
  const auto& r = e.report;
  json j = {{"url", r.url}, {"checked_at", e.checked_at}, {"verdict", std::string(to_string(r.result))},
            {"http_status", r.http_status}, {"final_url", r.final_url}, {"error", r.error}, {"detail", r.detail},
            {"soft_404", r.soft_404}};
  json hops = json::array();
  for (const auto& h : r.redirects) hops.push_back({{"url", h.url}, {"status", h.status}});
  j["redirects"] = std::move(hops);
  if (e.head) j["head"] = head_to_json(*e.head);
  if (e.page.is_object()) j["page"] = e.page;
  return j;
}

}  // namespace

bool cacheable(verdict v) {
  // title_mismatch depends on the cited title, not the URL: the page is cached as it answered
  return v != verdict::rate_limited && v != verdict::server_error && v != verdict::timeout && v != verdict::interrupted &&
         v != verdict::title_mismatch;
}

bool cacheable(const link_report& r) {
  return cacheable(r.result) && r.detail != "DNS name not found" && r.detail != "offline";
}

double now_unix() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::map<std::string, cache_entry> load_cache(const std::string& path) {
  std::map<std::string, cache_entry> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    // A line cut short by a killed writer is not a complete JSON object: parse fails, line skipped.
    auto e = entry_from_json(bicite::detail::parse_json(line));
    if (!e) continue;
    std::string url = e->report.url;
    out.insert_or_assign(std::move(url), std::move(*e));
  }
  return out;
}

bool save_cache(const std::string& path, const std::map<std::string, cache_entry>& entries) {
  static std::atomic<unsigned> serial{0};
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(serial++);
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return false;
  bool ok = true;
  for (const auto& [url, e] : entries) {
    std::string line = entry_to_json(e).dump(-1, ' ', false, json::error_handler_t::replace);
    line += '\n';
    ok = ok && std::fwrite(line.data(), 1, line.size(), f) == line.size();
  }
  ok = ok && std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

result_cache::result_cache(const check_options& options)
    : path_(options.cache_file), max_age_s_(options.cache_max_age_s), now_(now_unix()) {
  if (!path_.empty()) entries_ = load_cache(path_);
}

const cache_entry* result_cache::find(const std::string& url) const {
  auto it = entries_.find(url);
  if (it == entries_.end()) return nullptr;
  const auto& e = it->second;
  if (now_ - e.checked_at > max_age_s_ || !cacheable(e.report)) return nullptr;
  return &e;
}

void result_cache::store(cache_entry e) {
  if (path_.empty() || !cacheable(e.report)) return;
  if (e.checked_at == 0) e.checked_at = now_unix();
  std::string url = e.report.url;
  entries_.insert_or_assign(std::move(url), std::move(e));
}

cache_entry* result_cache::stored(const std::string& url) {
  auto it = entries_.find(url);
  return it == entries_.end() ? nullptr : &it->second;
}

namespace {

// An exclusive lock on the cache file's folder for as long as it lives: two runs saving the same cache at
// once (a links check and a resolve side by side) take turns at reading, merging and renaming, so that
// neither loses the other's entries. The folder, not the file, because a save replaces the file (a lock
// on the old one would not hold the next saver) and a lock file would be left behind. Without the
// folder (or on a file system without flock) it holds nothing.
class save_lock {
 public:
  explicit save_lock(const std::string& cache_path) {
    const auto slash = cache_path.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : cache_path.substr(0, slash);
    fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ >= 0)
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~save_lock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  save_lock(const save_lock&) = delete;
  save_lock& operator=(const save_lock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

bool result_cache::save() {
  if (path_.empty()) return true;
  const save_lock lock(path_);
  // Another run may have saved meanwhile (a links check and a resolve side by side): keep its newer entries.
  for (auto& [url, e] : load_cache(path_)) {
    auto it = entries_.find(url);
    if (it == entries_.end() || it->second.checked_at < e.checked_at) entries_.insert_or_assign(url, std::move(e));
  }
  // Expiry is judged at the run's start: what this run fetched is kept, even with a max-age of 0.
  for (auto it = entries_.begin(); it != entries_.end();)
    it = now_ - it->second.checked_at > max_age_s_ || !cacheable(it->second.report) ? entries_.erase(it) : std::next(it);
  return save_cache(path_, entries_);
}

bool html_type(const std::string& content_type) {
  const std::string ct = text::to_lower(content_type);
  return ct.empty() || ct.find("html") != std::string::npos || ct.find("text/plain") != std::string::npos;
}

void finish_page(fetch_outcome& out, const std::string& requested_url, const check_options& options) {
  link_report& r = out.report;
  const bool success = r.result == verdict::ok || r.result == verdict::redirected;
  if (!success) return;
  if (html_type(out.content_type) && !out.body.empty()) out.head = read_page_head(out.body, out.content_type);
  if (!options.soft_404) return;
  if (out.head && looks_like_error_page(*out.head)) {
    r.result = verdict::broken;
    r.soft_404 = true;
    r.detail = "soft-404: the page says it was not found";
  } else if (r.result == verdict::redirected && redirected_to_home(requested_url, r.final_url)) {
    r.result = verdict::broken;
    r.soft_404 = true;
    r.detail = "soft-404: a deep link redirected to the site's home page";
  }
}

}  // namespace bicite::web
