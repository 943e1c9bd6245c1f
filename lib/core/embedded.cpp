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

}  // namespace bicite::detail
