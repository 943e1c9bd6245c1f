#pragma once
// Helpers for table-driven parser tests: one field of a reference as a short string.
#include <string>

#include <bicite/model.hpp>

namespace parse_test {

/// "Family, Given; Family, Given" for name fields, "Y-M-D" (or "Y-M/Y-M") for dates, the text otherwise.
inline std::string field(const bicite::reference& r, const std::string& name) {
  if (name == "type") return r.type;
  if (name == "position") return r.custom.is_object() && r.custom.contains("position") ? r.custom["position"].get<std::string>() : "";
  if (name == "venue")
    return r.custom.is_object() && r.custom.contains("venue") ? r.custom["venue"].get<std::string>() : "";
  if (name == "antecedent")
    return r.custom.is_object() && r.custom.contains("antecedent") ? std::to_string(r.custom["antecedent"].get<int>()) : "";
  if (name == "author" || name == "editor" || r.names.count(name)) {
    std::string out;
    for (const auto& n : r.names_of(name)) {
      if (!out.empty()) out += "; ";
      out += n.literal.empty() ? n.family + (n.given.empty() ? "" : ", " + n.given) : n.literal;
    }
    return out;
  }
  if (name == "issued" || name == "accessed" || name == "original-date") {
    const auto* d = r.date_of(name);
    if (!d) return "";
    std::string out;
    for (const auto& p : d->parts) {
      if (!out.empty()) out += "/";
      out += std::to_string(p.year);
      if (p.month) out += "-" + std::to_string(p.month);
      if (p.day) out += "-" + std::to_string(p.day);
    }
    return out;
  }
  return std::string(r.get(name));
}

}  // namespace parse_test
