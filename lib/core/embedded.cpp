#include "core/embedded.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

namespace bicite::detail {

std::optional<std::string_view> embedded_file(std::string_view name) {
  if (const char* dir = std::getenv("BICITE_DATA_DIR"); dir && *dir) {
    // Overrides live for the whole process: callers keep string_views into them.
    static std::mutex mutex;
    static std::map<std::string, std::string, std::less<>> overrides;
    std::lock_guard lock(mutex);
    if (auto it = overrides.find(name); it != overrides.end()) return std::string_view(it->second);
    std::ifstream in(std::string(dir) + "/" + std::string(name), std::ios::binary);
    if (in) {
      std::ostringstream content;
      content << in.rdbuf();
      auto& stored = overrides[std::string(name)] = content.str();
      return std::string_view(stored);
    }
  }
  for (const auto& entry : embedded_files())
    if (entry.name == name) return entry.bytes;
  return std::nullopt;
}

std::vector<std::vector<std::string_view>> data_rows(std::string_view name) {
  std::vector<std::vector<std::string_view>> rows;
  const auto file = embedded_file(name);
  if (!file) return rows;
  std::string_view rest = *file;
  bool header = true;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string_view> cells;
    for (std::size_t start = 0;;) {
      const std::size_t tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

std::string_view data_comment(std::string_view name, std::string_view key) {
  const auto file = embedded_file(name);
  if (!file) return {};
  std::string_view rest = *file;
  while (!rest.empty() && rest.front() == '#') {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line.remove_prefix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.size() > key.size() + 1 && line.starts_with(key) && line[key.size()] == ':')
      return line.substr(key.size() + (line.size() > key.size() + 1 && line[key.size() + 1] == ' ' ? 2 : 1));
  }
  return {};
}

}  // namespace bicite::detail
