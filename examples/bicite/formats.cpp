#include "formats.hpp"

#include <iostream>

namespace bicite_cli {

std::vector<format_info>& formats() {
  static std::vector<format_info> all;
  return all;
}

format::format(format_info info) { formats().push_back(std::move(info)); }

const format_info* find_format(const std::string& name) {
  for (const auto& f : formats())
    if (f.name == name) return &f;
  return nullptr;
}

const format_info* format_for_path(const std::string& path) {
  for (const auto& f : formats())
    for (const auto& ext : f.extensions)
      if (f.read && path.size() >= ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0)
        return &f;
  return nullptr;
}

bool has_problems(const std::vector<bicite::diagnostic>& diagnostics, bool strict) {
  for (const auto& d : diagnostics)
    if (d.level == bicite::severity::error || (strict && d.level == bicite::severity::warning)) return true;
  return false;
}

void print_diagnostics(const std::string& file, std::vector<bicite::diagnostic> diagnostics,
                       const std::string& input) {
  bicite::locate(diagnostics, input);
  for (const auto& d : diagnostics) std::cerr << (file == "-" ? "<stdin>" : file) << ":" << bicite::to_string(d) << "\n";
}

}  // namespace bicite_cli
