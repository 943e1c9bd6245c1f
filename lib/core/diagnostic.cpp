#include "bicite/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/embedded.hpp"

namespace bicite {

std::string to_string(const diagnostic& d) {
  const char* level = d.level == severity::error ? "error" : d.level == severity::warning ? "warning" : "note";
  std::string out;
  if (d.line > 0)
    out = fmt::format("{}:{}: {}: {} [{}]", d.line, d.column, level, d.message, d.code);
  else
    out = fmt::format("byte {}: {}: {} [{}]", d.where.begin, level, d.message, d.code);
  if (!d.hint.empty()) out += fmt::format(" ({})", d.hint);
  return out;
}

std::span<const diagnostic_code> diagnostic_codes() {
  static const std::vector<diagnostic_code> codes = [] {
    std::vector<diagnostic_code> out;
    for (const auto& row : detail::data_rows("core/diagnostics.tsv")) {
      if (row.size() < 4) continue;
      const severity level = row[1] == "error" ? severity::error : row[1] == "warning" ? severity::warning : severity::note;
      out.push_back({row[0], level, row[2] == "repair", row[3]});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    return out;
  }();
  return codes;
}

const diagnostic_code* find_diagnostic_code(std::string_view code) {
  const auto codes = diagnostic_codes();
  auto it = std::lower_bound(codes.begin(), codes.end(), code,
                             [](const diagnostic_code& c, std::string_view k) { return c.code < k; });
  return it != codes.end() && it->code == code ? &*it : nullptr;
}

void locate(std::vector<diagnostic>& diagnostics, std::string_view input) {
  if (diagnostics.empty()) return;
  // One pass over the input for all diagnostics, in offset order: linear in input size.
  std::vector<diagnostic*> order;
  order.reserve(diagnostics.size());
  for (auto& d : diagnostics) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(),
                   [](const diagnostic* a, const diagnostic* b) { return a->where.begin < b->where.begin; });
  std::size_t line = 1, column = 1, pos = 0;
  for (diagnostic* d : order) {
    const std::size_t target = std::min(d->where.begin, input.size());
    for (; pos < target; ++pos) {
      const unsigned char c = static_cast<unsigned char>(input[pos]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column;
      }
    }
    d->line = line;
    d->column = column;
  }
}

}  // namespace bicite
