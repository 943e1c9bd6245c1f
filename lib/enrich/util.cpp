// Report text of dates and names.
#include <cstdio>

#include <bicite/names.hpp>

#include "enrich/internal.hpp"

namespace bicite::enrich::detail {

std::string date_text(const bicite::date& d) {
  if (!d.parts.empty()) {
    std::string out;
    for (const auto& p : d.parts) {
      char buf[32];
      if (p.day) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.year, p.month, p.day);
      else if (p.month) std::snprintf(buf, sizeof buf, "%04d-%02d", p.year, p.month);
      else std::snprintf(buf, sizeof buf, "%04d", p.year);
      if (!out.empty()) out += '/';  // a range, EDTF style: "2023-05-01/2023-05-05"
      out += buf;
    }
    return out;
  }
  return d.literal.empty() ? d.raw : d.literal;
}

std::string names_text(const std::vector<bicite::name>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += "; ";
    if (n.is_literal()) out += n.literal;
    else out += n.given.empty() ? n.family : n.family + ", " + n.given;
  }
  return out;
}

}  // namespace bicite::enrich::detail
