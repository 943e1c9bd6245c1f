// Offline detection before a run: a few of the run's own hosts are looked up (getaddrinfo tells "no
// such name" from "no resolver answered", which libcurl reports alike) and routed (a UDP connect()
// sends nothing). No outside name is ever asked for.
#include "links/network.hpp"

#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <thread>

#include "bicite/text.hpp"

namespace bicite::links::detail {
namespace {

struct curlu_deleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

std::string host_of(const std::string& url) {
  std::unique_ptr<CURLU, curlu_deleter> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
  char* host = nullptr;
  std::string out;
  if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) == CURLUE_OK && host) out = host;
  curl_free(host);
  if (out.size() > 2 && out.front() == '[' && out.back() == ']') out = out.substr(1, out.size() - 2);  // IPv6 literal
  return out;
}

}  // namespace

host_state probe_host(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* res = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), "80", &hints, &res);
  if (rc == EAI_NONAME) return host_state::not_found;
#ifdef EAI_NODATA
  if (rc == EAI_NODATA) return host_state::not_found;
#endif
  if (rc != 0 || !res) return host_state::no_answer;
  bool routable = false;
  for (addrinfo* a = res; a && !routable; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    routable = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0;
    ::close(fd);
  }
  ::freeaddrinfo(res);
  return routable ? host_state::routable : host_state::no_route;
}

std::vector<std::string> probe_hosts(const std::vector<std::string>& urls, std::size_t max_hosts) {
  std::vector<std::string> out;
  for (const auto& url : urls) {
    if (out.size() >= max_hosts) break;
    std::string h = text::ascii_lower(host_of(url));
    if (!h.empty() && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(std::move(h));
  }
  return out;
}

std::optional<std::string> offline_reason(const std::vector<std::string>& hosts,
                                          const std::function<host_state(const std::string&)>& probe,
                                          std::size_t min_not_found) {
  if (hosts.empty()) return std::nullopt;
  std::size_t no_route = 0, not_found = 0, no_answer = 0;
  for (const auto& h : hosts) {
    switch (probe(h)) {
      case host_state::routable: return std::nullopt;  // one host is reachable: the network works
      case host_state::no_route: ++no_route; break;
      case host_state::not_found: ++not_found; break;
      case host_state::no_answer: ++no_answer; break;
    }
  }
  const std::string n = std::to_string(hosts.size()) + (hosts.size() == 1 ? " host" : " hosts");
  // No route is the kernel's word for the whole machine. DNS failures alone say little about one
  // name (it may really be gone, or its own servers fail): at least two hosts, and "not found" for
  // every one only from `min_not_found` hosts on.
  if (no_route == 0 && (hosts.size() < 2 || (no_answer == 0 && not_found < min_not_found))) return std::nullopt;
  if (no_route == hosts.size()) return "no route to the network (" + n + " looked up, none routable)";
  if (no_answer == hosts.size()) return "no DNS server answered (" + n + " looked up)";
  if (not_found == hosts.size()) return "every DNS lookup failed (" + n + " looked up, none found)";
  return "no DNS answer or no route for any of " + n + " looked up";
}

std::optional<std::string> detect_offline(const std::vector<std::string>& urls) {
  const auto hosts = probe_hosts(urls, 8);
  // in parallel: a resolver that drops queries costs its timeout once, not once per host
  std::vector<host_state> states(hosts.size(), host_state::no_answer);
  {
    std::vector<std::thread> threads;
    threads.reserve(hosts.size());
    for (std::size_t i = 0; i < hosts.size(); ++i) threads.emplace_back([&, i] { states[i] = probe_host(hosts[i]); });
    for (auto& t : threads) t.join();
  }
  std::size_t k = 0;
  return offline_reason(hosts, [&](const std::string&) { return states[k++]; });
}

}  // namespace bicite::links::detail
