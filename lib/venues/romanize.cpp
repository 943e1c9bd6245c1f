// The one place where lib/venues romanises Cyrillic: bicite::translit, with the schemes listed in
// venues/key_schemes.tsv.
#include <string>

#include "bicite/translit.hpp"
#include "core/embedded.hpp"
#include "venues/keys.hpp"

namespace bicite::venues::detail {

const std::vector<std::string>& key_schemes() {
  static const std::vector<std::string> schemes = [] {
    std::vector<std::string> out;
    auto file = bicite::detail::embedded_file("venues/key_schemes.tsv");
    if (!file) return out;
    std::string_view rest = *file;
    bool header = true;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      const std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (line.empty() || line.front() == '#') continue;
      if (header) {
        header = false;
        continue;
      }
      const std::string name(line.substr(0, line.find('\t')));
      if (bicite::translit::has_scheme(name)) out.push_back(name);
    }
    if (out.empty()) out.push_back("bgn_pcgn");
    return out;
  }();
  return schemes;
}

std::string romanize(std::string_view text, std::string_view scheme) {
  std::string out;
  out.reserve(text.size());
  if (!bicite::translit::transliterate_to(out, text, scheme)) out.assign(text);
  return out;
}

}  // namespace bicite::venues::detail
