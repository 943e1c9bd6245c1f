#pragma once
// Test helpers: free loopback ports, hostile_web.py as a child process, a tiny HTTP GET.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>

#include "support.hpp"

namespace links_test {

inline int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

inline bool port_open(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

inline std::string hostile_script() { return bicite_test::shared_path("tools/hostile_web.py"); }

/// hostile_web.py running on free ports for the lifetime of the object.
class hostile_server {
 public:
  explicit hostile_server(bool tls = true, double latency_ms = 0) {
    port = free_port();
    if (tls) tls_port = free_port();
    std::vector<std::string> args = {"python3", hostile_script(), std::to_string(port)};
    if (tls) {
      args.push_back("--tls-port");
      args.push_back(std::to_string(tls_port));
    }
    if (latency_ms > 0) {
      args.push_back("--latency-ms");
      args.push_back(std::to_string(latency_ms));
    }
    std::fflush(stdout);
    std::fflush(stderr);
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      const int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      execvp("python3", argv.data());
      _exit(127);
    }
    for (int i = 0; i < 200 && !(port_open(port) && (!tls || port_open(tls_port))); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~hostile_server() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  hostile_server(const hostile_server&) = delete;
  hostile_server& operator=(const hostile_server&) = delete;

  /// `hostile_web.py PORT --gen-json N …` rows.
  std::string gen_json(int n, const std::string& extra = "") const {
    std::string cmd = "python3 '" + hostile_script() + "' " + std::to_string(port) + " --gen-json " + std::to_string(n);
    if (tls_port) cmd += " --tls-port " + std::to_string(tls_port);
    return bicite_test::run(cmd + " " + extra).out;
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }

  int port = 0;
  int tls_port = 0;

 private:
  pid_t pid_ = -1;
};

inline size_t collect(char* p, size_t s, size_t n, void* u) {
  static_cast<std::string*>(u)->append(p, s * n);
  return s * n;
}

/// A plain GET (for /__stats and the like).
inline std::string http_get(const std::string& url) {
  std::string body;
  CURL* e = curl_easy_init();
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(e, CURLOPT_TIMEOUT, 10L);
  curl_easy_perform(e);
  curl_easy_cleanup(e);
  return body;
}

}  // namespace links_test
