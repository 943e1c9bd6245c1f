#include "core/embedded.hpp"

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

#include "bicite/data.hpp"

namespace bicite {
namespace {

// The data directory is process-wide because the tables read from the data are: each is built once,
// on first use, into a function-local static. Files read from it stay for the whole process, since
// callers keep string_views into them; they are keyed by path, so a later directory reads its own.
struct overrides {
  std::mutex mutex;
  std::string dir;
  std::map<std::string, std::string, std::less<>> files;
};

overrides& data_overrides() {
  static overrides o;
  return o;
}

std::atomic<bool> have_data_dir{false};  // the lock is taken only when a directory was set

}  // namespace

void set_data_dir(std::string dir) {
  auto& o = data_overrides();
  std::lock_guard lock(o.mutex);
  o.dir = std::move(dir);
  have_data_dir.store(!o.dir.empty(), std::memory_order_release);
}

}  // namespace bicite

namespace bicite::detail {

std::optional<std::string_view> embedded_file(std::string_view name) {
  if (have_data_dir.load(std::memory_order_acquire)) {
    auto& o = data_overrides();
    std::lock_guard lock(o.mutex);
    if (!o.dir.empty()) {
      std::string path = o.dir + "/" + std::string(name);
      if (auto it = o.files.find(path); it != o.files.end()) return std::string_view(it->second);
      std::ifstream in(path, std::ios::binary);
      if (in) {
        std::ostringstream content;
        content << in.rdbuf();
        auto& stored = o.files[std::move(path)] = content.str();
        return std::string_view(stored);
      }
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
