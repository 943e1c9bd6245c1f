// The one place where lib/venues romanises Cyrillic. Until bicite::translit (issue: transliteration)
// is in main, this is a small stand-in driven by the data file venues/translit_standin.tsv: one
// letter at a time, no context rules. Swap the body of romanize() for
// bicite::translit::transliterate(text, scheme) when it lands.
#include <array>
#include <mutex>
#include <unordered_map>

#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "venues/keys.hpp"

namespace bicite::venues::detail {
namespace {

struct standin {
  std::vector<std::string> schemes;
  std::unordered_map<char32_t, std::vector<std::string>> letters;
};

const standin& table() {
  static const standin t = [] {
    standin s;
    auto file = bicite::detail::embedded_file("venues/translit_standin.tsv");
    if (!file) return s;
    std::string_view rest = *file;
    bool header = true;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string> cells;
      std::size_t start = 0;
      while (true) {
        const std::size_t tab = line.find('\t', start);
        cells.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      if (header) {
        s.schemes.assign(cells.begin() + 1, cells.end());
        header = false;
        continue;
      }
      if (cells.empty() || cells[0].empty()) continue;
      std::size_t pos = 0;
      const char32_t cp = bicite::text::next_code_point(cells[0], pos);
      cells.erase(cells.begin());
      cells.resize(s.schemes.size());
      s.letters[cp] = std::move(cells);
    }
    return s;
  }();
  return t;
}

char32_t lower_cyrillic(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c == 0x490) return 0x491;
  return c;
}

}  // namespace

const std::vector<std::string>& key_schemes() { return table().schemes; }

std::string romanize(std::string_view text, std::string_view scheme) {
  const standin& t = table();
  std::size_t column = 0;
  while (column < t.schemes.size() && t.schemes[column] != scheme) ++column;
  if (column == t.schemes.size()) column = 0;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = bicite::text::next_code_point(text, pos);
    if (cp >= 0x400 && cp <= 0x4FF) {
      auto it = t.letters.find(lower_cyrillic(cp));
      if (it != t.letters.end()) {
        out += it->second[column];
        continue;
      }
    }
    out.append(text.substr(start, pos - start));
  }
  if (scheme == "wikipedia") {  // -ий / -ый endings are written -y
    std::string fixed;
    fixed.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      const bool end = i + 2 >= out.size() || !((out[i + 2] >= 'a' && out[i + 2] <= 'z'));
      if (end && i + 1 < out.size() && (out[i] == 'i' || out[i] == 'y') && out[i + 1] == 'y') {
        fixed.push_back('y');
        ++i;
        continue;
      }
      fixed.push_back(out[i]);
    }
    out.swap(fixed);
  }
  return out;
}

}  // namespace bicite::venues::detail
