// HTTP/2 against a real HTTP/2 server (nghttpd from Debian's nghttp2-server) over TLS on
// loopback: links are fetched over h2 and multiplexed on few connections.
#include <doctest/doctest.h>

#include <filesystem>

#include <bicite/links.hpp>

#include "links/servers.hpp"

namespace {

bool have(const char* tool) { return bicite_test::run(std::string("command -v ") + tool + " >/dev/null 2>&1").exit_code == 0; }

class nghttpd_server {
 public:
  nghttpd_server(const std::string& root, const std::string& key, const std::string& cert) {
    port = links_test::free_port();
    const std::string address = "--address=127.0.0.1";
    const std::string dir = "--htdocs=" + root;
    const std::string port_text = std::to_string(port);
    std::fflush(stdout);
    std::fflush(stderr);
    pid_ = fork();
    if (pid_ == 0) {
      const int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      execlp("nghttpd", "nghttpd", address.c_str(), dir.c_str(), port_text.c_str(), key.c_str(), cert.c_str(),
             static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100 && !links_test::port_open(port); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~nghttpd_server() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  nghttpd_server(const nghttpd_server&) = delete;
  nghttpd_server& operator=(const nghttpd_server&) = delete;
  int port = 0;

 private:
  pid_t pid_ = -1;
};

}  // namespace

TEST_CASE("links are checked over HTTP/2 and multiplexed on one connection" * doctest::test_suite("tools")) {
  BICITE_SKIP_UNLESS(have("nghttpd") && have("openssl"),
                     "nghttpd and openssl (apt-get install -y nghttp2-server openssl)");
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("bicite_h2_" + std::to_string(getpid()));
  fs::create_directories(dir / "htdocs");
  const std::string key = (dir / "key.pem").string(), cert = (dir / "cert.pem").string();
  REQUIRE(bicite_test::run("openssl req -x509 -newkey rsa:2048 -nodes -keyout '" + key + "' -out '" + cert +
                           "' -days 1 -subj /CN=127.0.0.1 >/dev/null 2>&1").exit_code == 0);
  std::vector<std::string> urls;
  nghttpd_server server((dir / "htdocs").string(), key, cert);
  REQUIRE(links_test::port_open(server.port));
  for (int i = 0; i < 20; ++i) {
    bicite_test::write_file((dir / "htdocs" / ("p" + std::to_string(i) + ".html")).string(),
                            "<html><head><title>Страница " + std::to_string(i) + "</title></head><body></body></html>");
    urls.push_back("https://127.0.0.1:" + std::to_string(server.port) + "/p" + std::to_string(i) + ".html");
  }
  bicite::links::check_options options;
  options.verify_tls = false;  // a self-signed certificate made just now
  options.per_host = 20;
  options.host_gap_ms = 0;
  options.soft_404 = false;
  const auto reports = bicite::links::check(urls, options);
  REQUIRE(reports.size() == 20);
  int connections = 0;
  for (const auto& r : reports) {
    CHECK_MESSAGE(r.result == bicite::links::verdict::ok, r.url, " ", r.error);
    CHECK(r.http_version == "2");
    connections += r.new_connections;
  }
  MESSAGE("20 links over ", connections, " connection(s)");
  CHECK(connections < 20);  // multiplexed: requests share connections instead of opening one each
  fs::remove_all(dir);
}
