#pragma once
// Test helpers: a cpp-httplib server on 127.0.0.1 serving generated pages, and charset encoding.
#include <httplib.h>
#include <iconv.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace enrich_test {

/// UTF-8 → `charset` bytes with glibc's iconv (the test's own encoder, independent of ICU).
inline std::string encode(const std::string& utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

struct page {
  std::string body;
  std::string content_type = "text/html; charset=utf-8";
  int status = 200;
};

/// Serves `pages` by path; /hang sleeps, /endless streams forever, /huge sends 5 MB.
class server {
 public:
  std::map<std::string, page> pages;
  std::atomic<bool> stopping{false};
  std::atomic<int> hits{0};
  int port = 0;

  server() {
    srv_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    srv_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      ++hits;
      {
        std::lock_guard<std::mutex> lock(m_);
        ++hits_by_path_[req.path];
      }
      if (req.path.rfind("/hang", 0) == 0) {
        for (int i = 0; i < 100 && !stopping; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        res.set_content("{}", "application/json");
        return;
      }
      if (req.path == "/endless") {
        res.set_chunked_content_provider("text/html; charset=utf-8", [this](std::size_t, httplib::DataSink& sink) {
          static const std::string chunk = "<html><head><title>Endless</title>" + std::string(8192, ' ');
          if (stopping) return false;
          return sink.write(chunk.data(), chunk.size());
        });
        return;
      }
      std::lock_guard<std::mutex> lock(m_);
      auto it = pages.find(req.path);
      if (it == pages.end()) {
        res.status = 404;
        res.set_content("{\"status\":\"error\",\"message\":\"Resource not found.\"}", "application/json");
        return;
      }
      res.status = it->second.status;
      res.set_content(it->second.body, it->second.content_type);
    });
    port = srv_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { srv_.listen_after_bind(); });
    for (int i = 0; i < 200 && !srv_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~server() {
    stopping = true;
    srv_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
  /// Requests received for `path` so far.
  int hits_of(const std::string& path) {
    std::lock_guard<std::mutex> lock(m_);
    auto it = hits_by_path_.find(path);
    return it == hits_by_path_.end() ? 0 : it->second;
  }
  void add(const std::string& path, page p) {
    std::lock_guard<std::mutex> lock(m_);
    pages[path] = std::move(p);
  }

 private:
  httplib::Server srv_;
  std::thread thread_;
  std::mutex m_;
  std::map<std::string, int> hits_by_path_;
};

}  // namespace enrich_test
