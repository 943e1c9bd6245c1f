#pragma once
// The environment variables the command reads, mapped to the library's options (the library reads
// none). Documented in README.md and the manual page (ENVIRONMENT).
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#ifdef BICITE_HAVE_LINKS
#include <bicite/web.hpp>
#endif

namespace bicite_cli {

/// BICITE_CSL_PATH: style directories, colon-separated (empty parts skipped), searched after the
/// style_path the command already has and before the system styles.
inline void add_csl_style_path(std::vector<std::string>& style_path) {
  const char* env = std::getenv("BICITE_CSL_PATH");
  if (!env) return;
  const std::string_view s(env);
  for (std::size_t i = 0; i <= s.size();) {
    std::size_t j = s.find(':', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) style_path.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
}

/// BICITE_CSL_LOCALES: the directory of locales-xx-XX.xml files; empty when unset (the system locales).
inline std::string csl_locale_dir() {
  const char* env = std::getenv("BICITE_CSL_LOCALES");
  return env ? env : "";
}

#ifdef BICITE_HAVE_LINKS
/// BICITE_CA_PATH: the CA certificate directory; a proxy variable (as libcurl reads them) turns the
/// offline probe off, since the proxy, not this machine, resolves the names.
inline void apply_fetch_environment(bicite::links::check_options& o) {
  if (const char* env = std::getenv("BICITE_CA_PATH")) o.ca_path = env;
  for (const char* var : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
    if (const char* v = std::getenv(var); v && *v) o.detect_offline = false;
}
#endif

}  // namespace bicite_cli
