#pragma once
// Is there a network at all? Checked once before a run, so that a machine without one gets one
// "offline" verdict reason instead of a "broken" link per URL (check.cpp).
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bicite::links::detail {

/// What looking up one host (and routing to it) gave.
enum class host_state {
  routable,   ///< resolved, and the kernel has a route to one of its addresses
  no_route,   ///< resolved, but no route to any of its addresses (ENETUNREACH, EHOSTUNREACH)
  not_found,  ///< a resolver answered that the name does not exist (EAI_NONAME)
  no_answer   ///< no resolver answered (EAI_AGAIN, EAI_FAIL, EAI_SYSTEM: unreachable or down)
};

/// Looks up `host` with getaddrinfo() and asks the kernel for a route to each address (a UDP
/// connect(): no packet is sent).
host_state probe_host(const std::string& host);

/// The hosts (no port, no brackets) of up to `max_hosts` distinct hosts of `urls`, in first-seen order.
std::vector<std::string> probe_hosts(const std::vector<std::string>& urls, std::size_t max_hosts);

/// Why the machine looks offline, or nothing. Offline: no host is routable, and either one has no
/// route, or at least two hosts failed DNS with one getting no answer, or at least `min_not_found`
/// hosts were all "not found" (a resolver that fails every name). One failing host among working
/// ones, or a single host that fails DNS, is not offline (its link is broken).
std::optional<std::string> offline_reason(const std::vector<std::string>& hosts,
                                          const std::function<host_state(const std::string&)>& probe,
                                          std::size_t min_not_found = 3);

/// offline_reason() over the first 8 distinct hosts of `urls`, probed in parallel with probe_host();
/// behind a proxy the caller does not call it (check_options::detect_offline = false).
std::optional<std::string> detect_offline(const std::vector<std::string>& urls);

}  // namespace bicite::links::detail
