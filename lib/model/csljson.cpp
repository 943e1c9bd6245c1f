// CSL-JSON reading and writing. Reading never throws: wrong-typed fields are kept verbatim in
// `extra` (so they round-trip) and reported; malformed JSON is reported with line and column and
// the well-formed items around it are still read.
#include "bicite/csljson.hpp"

#include <charconv>

#include <fmt/format.h>

namespace bicite {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr std::string_view variants_key = "bicite-variants";
constexpr std::size_t max_depth = 512;

std::string item_label(const json& object, std::size_t index) {
  if (object.is_object()) {
    auto it = object.find("id");
    if (it != object.end() && (it->is_string() || it->is_number()))
      return fmt::format("item {} (id \"{}\")", index + 1, it->is_string() ? it->get<std::string>() : it->dump());
  }
  return fmt::format("item {}", index + 1);
}

const char* role_name(variant_role r) {
  switch (r) {
    case variant_role::original: return "original";
    case variant_role::transliterated: return "transliterated";
    case variant_role::translated: return "translated";
  }
  return "original";
}

std::optional<variant_role> role_from(std::string_view s) {
  if (s == "original") return variant_role::original;
  if (s == "transliterated") return variant_role::transliterated;
  if (s == "translated") return variant_role::translated;
  return std::nullopt;
}

// Name parts shared by names and name variants.
constexpr std::pair<std::string_view, std::string name_parts::*> part_keys[] = {
    {"family", &name_parts::family},
    {"given", &name_parts::given},
    {"dropping-particle", &name_parts::dropping_particle},
    {"non-dropping-particle", &name_parts::non_dropping_particle},
    {"suffix", &name_parts::suffix},
    {"literal", &name_parts::literal},
};

template <class J>
void write_parts(J& out, const name_parts& n) {
  for (auto [key, member] : part_keys)
    if (!(n.*member).empty()) out[std::string(key)] = n.*member;
}

struct reader {
  std::vector<diagnostic>& diagnostics;
  std::string label;

  void warn(std::string_view field, std::string message) {
    diagnostics.push_back({"csl-json.field-type", severity::warning, {},
                           fmt::format("{}, field \"{}\": {}", label, field, message),
                           "the value was kept as it was and is written back unchanged"});
  }

  name read_name(const json& j, std::string_view variable, ojson& bad) {
    name n;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      bool known = false;
      for (auto [k, member] : part_keys) {
        if (key != k) continue;
        known = true;
        if (it->is_string()) n.*member = it->get<std::string>();
        else if (it->is_number()) n.*member = it->dump();
        else {
          warn(variable, fmt::format("name part \"{}\" is not a string", key));
          n.extra[key] = *it;
        }
      }
      if (known) continue;
      if (key == "comma-suffix" && it->is_boolean()) n.comma_suffix = it->get<bool>();
      else if (key == "static-ordering" && it->is_boolean()) n.static_ordering = it->get<bool>();
      else if (key == "parse-names" && it->is_boolean()) n.parse_names = it->get<bool>();
      else n.extra[key] = *it;
    }
    (void)bad;
    return n;
  }

  bool read_date_part_value(const json& v, int& out) {
    if (v.is_number_integer()) {
      out = v.get<int>();
      return true;
    }
    if (v.is_number_float()) {
      out = static_cast<int>(v.get<double>());
      return true;
    }
    if (v.is_string()) {
      const std::string s = v.get<std::string>();
      if (s.empty()) {
        out = 0;
        return true;
      }
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
      return ec == std::errc() && p == s.data() + s.size();
    }
    return false;
  }

  // Returns false when the value is not a date object at all.
  bool read_date(const json& j, std::string_view variable, date& d) {
    if (j.is_string()) {  // not schema-valid, but common: keep it as a raw date
      d.raw = j.get<std::string>();
      warn(variable, "a date should be an object; the string was read as a raw date");
      return true;
    }
    if (!j.is_object()) return false;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (key == "date-parts") {
        bool ok = it->is_array() && it->size() <= 2;
        std::vector<date::part> parts;
        if (ok)
          for (const auto& p : *it) {
            if (!p.is_array() || p.size() > 3) {
              ok = false;
              break;
            }
            date::part part;
            int* slots[] = {&part.year, &part.month, &part.day};
            for (std::size_t i = 0; i < p.size() && ok; ++i) ok = read_date_part_value(p[i], *slots[i]);
            // An empty first part ([[]]) or [[""]] means "no date" in real data; keep it as written.
            if (p.empty()) ok = false;
            parts.push_back(part);
          }
        if (ok) d.parts = std::move(parts);
        else {
          warn(variable, "\"date-parts\" is not an array of up to two [year, month, day] arrays");
          d.extra[key] = *it;
        }
      } else if (key == "season" && (it->is_string() || it->is_number_integer())) {
        d.season = it->is_string() ? it->get<std::string>() : it->dump();
      } else if (key == "circa" && it->is_boolean()) {
        d.circa = it->get<bool>();
      } else if (key == "literal" && it->is_string()) {
        d.literal = it->get<std::string>();
      } else if (key == "raw" && it->is_string()) {
        d.raw = it->get<std::string>();
      } else {
        d.extra[key] = *it;
      }
    }
    return true;
  }

  void read_variants(const json& v, reference& r) {
    if (!v.is_object()) return;
    if (auto t = v.find("fields"); t != v.end() && t->is_object())
      for (auto f = t->begin(); f != t->end(); ++f) {
        if (!f->is_array()) continue;
        for (const auto& e : *f) {
          if (!e.is_object()) continue;
          text_variant tv;
          tv.value = e.value("value", "");
          tv.role = role_from(e.value("role", "")).value_or(variant_role::transliterated);
          tv.language = e.value("language", "");
          tv.scheme = e.value("scheme", "");
          r.variants[f.key()].push_back(std::move(tv));
        }
      }
    if (auto t = v.find("names"); t != v.end() && t->is_object())
      for (auto f = t->begin(); f != t->end(); ++f) {
        auto list = r.names.find(f.key());
        if (list == r.names.end() || !f->is_array()) continue;
        for (std::size_t i = 0; i < f->size() && i < list->second.size(); ++i) {
          const json& per_name = (*f)[i];
          if (!per_name.is_array()) continue;
          for (const auto& e : per_name) {
            if (!e.is_object()) continue;
            name_variant nv;
            for (auto [k, member] : part_keys)
              if (auto p = e.find(std::string(k)); p != e.end() && p->is_string()) nv.*member = p->get<std::string>();
            nv.role = role_from(e.value("role", "")).value_or(variant_role::transliterated);
            nv.language = e.value("language", "");
            nv.scheme = e.value("scheme", "");
            list->second[i].variants.push_back(std::move(nv));
          }
        }
      }
  }
};

ojson write_date(const date& d) {
  ojson out = ojson::object();
  if (!d.parts.empty()) {
    ojson parts = ojson::array();
    for (const auto& p : d.parts) {
      ojson one = ojson::array();
      one.push_back(p.year);
      if (p.month || p.day) one.push_back(p.month);
      if (p.day) one.push_back(p.day);
      parts.push_back(std::move(one));
    }
    out["date-parts"] = std::move(parts);
  }
  if (!d.season.empty()) {
    int number = 0;
    auto [p, ec] = std::from_chars(d.season.data(), d.season.data() + d.season.size(), number);
    if (ec == std::errc() && p == d.season.data() + d.season.size())
      out["season"] = number;
    else
      out["season"] = d.season;
  }
  if (d.circa) out["circa"] = true;
  if (!d.literal.empty()) out["literal"] = d.literal;
  if (!d.raw.empty()) out["raw"] = d.raw;
  for (auto it = d.extra.begin(); it != d.extra.end(); ++it) out[it.key()] = *it;
  return out;
}

std::size_t line_of(std::string_view text, std::size_t offset, std::size_t& column) {
  std::size_t line = 1;
  column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return line;
}

// Splits a top-level JSON array into the byte ranges of its elements, without parsing them, so
// that one malformed item does not lose the others. Returns false when `text` is not an array.
bool split_array(std::string_view text, std::vector<span>& elements) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i >= text.size() || text[i] != '[') return false;
  ++i;
  std::size_t depth = 0, start = i;
  bool in_string = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0) {  // the closing bracket of the top-level array
        elements.push_back({start, i});
        return true;
      }
      --depth;
    } else if (c == ',' && depth == 0) {
      elements.push_back({start, i});
      start = i + 1;
    }
  }
  elements.push_back({start, text.size()});
  return true;
}

// nlohmann's parser recurses; refuse pathological nesting before it can exhaust the stack.
bool nesting_within_limit(std::string_view text, std::size_t& where) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        where = i;
        return false;
      }
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return true;
}

}  // namespace

reference from_csl_json(const json& object, std::vector<diagnostic>& diagnostics, std::size_t index) {
  reference r;
  reader rd{diagnostics, item_label(object, index)};
  if (!object.is_object()) {
    diagnostics.push_back({"csl-json.item-type", severity::error, {},
                           fmt::format("{} is not a JSON object", rd.label)});
    return r;
  }
  json variants;
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    const json& v = *it;
    if (key == "id") {
      if (v.is_string()) r.id = v.get<std::string>();
      else if (v.is_number()) {
        r.id = v.dump();
        r.numeric["id"] = true;
      } else {
        rd.warn(key, "\"id\" must be a string or a number");
        r.extra[key] = v;
      }
      continue;
    }
    if (key == "type") {
      if (v.is_string()) r.type = v.get<std::string>();
      else {
        rd.warn(key, "\"type\" must be a string");
        r.extra[key] = v;
      }
      continue;
    }
    if (key == "custom") {
      if (v.is_object()) {
        r.custom = v;
        if (auto vv = r.custom.find(variants_key); vv != r.custom.end()) {
          variants = *vv;  // read after the names exist
          r.custom.erase(vv);
        }
      } else {
        rd.warn(key, "\"custom\" must be an object");
        r.extra[key] = v;
      }
      continue;
    }
    switch (kind_of(key)) {
      case variable_kind::standard:
        if (v.is_string()) r.fields[key] = v.get<std::string>();
        else {
          rd.warn(key, fmt::format("expected a string, found {}", v.type_name()));
          r.extra[key] = v;
        }
        break;
      case variable_kind::number:
        if (v.is_string()) r.fields[key] = v.get<std::string>();
        else if (v.is_number()) {
          r.fields[key] = v.dump();
          r.numeric[key] = true;
        } else {
          rd.warn(key, fmt::format("expected a string or a number, found {}", v.type_name()));
          r.extra[key] = v;
        }
        break;
      case variable_kind::name:
        if (v.is_array() && std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_object(); })) {
          auto& list = r.names[key];
          ojson unused;
          for (const auto& e : v) list.push_back(rd.read_name(e, key, unused));
        } else {
          rd.warn(key, "expected an array of name objects");
          r.extra[key] = v;
        }
        break;
      case variable_kind::date: {
        date d;
        if (rd.read_date(v, key, d)) r.dates[key] = std::move(d);
        else {
          rd.warn(key, fmt::format("expected a date object, found {}", v.type_name()));
          r.extra[key] = v;
        }
        break;
      }
      case variable_kind::unknown:
        r.extra[key] = v;
        break;
    }
  }
  if (!variants.is_null()) rd.read_variants(variants, r);
  if (r.type.empty() && !r.extra.contains("type"))
    diagnostics.push_back({"csl-json.missing-type", severity::warning, {},
                           fmt::format("{} has no \"type\"; formatters treat it as \"document\"", rd.label)});
  return r;
}

ojson to_csl_json(const reference& r) {
  ojson out = ojson::object();
  if (!r.id.empty() || r.numeric.count("id")) {
    if (r.numeric.count("id")) out["id"] = ojson::parse(r.id, nullptr, false);
    else out["id"] = r.id;
  }
  if (!r.type.empty()) out["type"] = r.type;
  for (const auto& [key, value] : r.fields) {
    if (r.numeric.count(key)) {
      ojson number = ojson::parse(value, nullptr, false);
      out[key] = number.is_number() ? number : ojson(value);
    } else {
      out[key] = value;
    }
  }
  for (const auto& [key, list] : r.names) {
    ojson names = ojson::array();
    for (const auto& n : list) {
      ojson one = ojson::object();
      write_parts(one, n);
      if (n.comma_suffix) one["comma-suffix"] = true;
      if (n.static_ordering) one["static-ordering"] = true;
      if (!n.parse_names) one["parse-names"] = false;
      for (auto it = n.extra.begin(); it != n.extra.end(); ++it) one[it.key()] = *it;
      names.push_back(std::move(one));
    }
    out[key] = std::move(names);
  }
  for (const auto& [key, d] : r.dates) out[key] = write_date(d);
  for (auto it = r.extra.begin(); it != r.extra.end(); ++it) out[it.key()] = *it;

  ojson custom = ojson::object();
  if (r.custom.is_object())
    for (auto it = r.custom.begin(); it != r.custom.end(); ++it) custom[it.key()] = *it;
  ojson variants = ojson::object();
  for (const auto& [field, list] : r.variants) {
    if (list.empty()) continue;
    ojson arr = ojson::array();
    for (const auto& v : list) {
      ojson e = {{"value", v.value}, {"role", role_name(v.role)}};
      if (!v.language.empty()) e["language"] = v.language;
      if (!v.scheme.empty()) e["scheme"] = v.scheme;
      arr.push_back(std::move(e));
    }
    variants["fields"][field] = std::move(arr);
  }
  for (const auto& [key, list] : r.names) {
    bool any = false;
    for (const auto& n : list) any = any || !n.variants.empty();
    if (!any) continue;
    ojson per_name = ojson::array();
    for (const auto& n : list) {
      ojson arr = ojson::array();
      for (const auto& v : n.variants) {
        ojson e = ojson::object();
        write_parts(e, v);
        e["role"] = role_name(v.role);
        if (!v.language.empty()) e["language"] = v.language;
        if (!v.scheme.empty()) e["scheme"] = v.scheme;
        arr.push_back(std::move(e));
      }
      per_name.push_back(std::move(arr));
    }
    variants["names"][key] = std::move(per_name);
  }
  if (!variants.empty()) custom[std::string(variants_key)] = std::move(variants);
  if (!custom.empty() || r.custom.is_object()) out["custom"] = std::move(custom);
  return out;
}

csl_json_read read_csl_json(std::string_view text) {
  csl_json_read result;
  auto& diags = result.diagnostics;
  auto read_value = [&](const json& value) {
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        reference r = from_csl_json(value[i], diags, i);
        if (value[i].is_object()) result.references.push_back(std::move(r));
      }
    } else if (value.is_object()) {
      result.references.push_back(from_csl_json(value, diags, 0));
    } else {
      diags.push_back({"csl-json.top-level", severity::error, {},
                       "CSL-JSON must be an array of items or a single item object"});
    }
  };

  std::size_t deep_at = 0;
  if (!nesting_within_limit(text, deep_at)) {
    std::size_t column = 0;
    const std::size_t line = line_of(text, deep_at, column);
    diagnostic d{"csl-json.too-deep", severity::error, {deep_at, deep_at + 1},
                 fmt::format("JSON nested deeper than {} levels", max_depth)};
    d.line = line;
    d.column = column;
    diags.push_back(std::move(d));
    return result;
  }

  json value = json::parse(text.begin(), text.end(), nullptr, false);
  if (!value.is_discarded()) {
    read_value(value);
    return result;
  }
  // Find where it broke, for the message.
  std::size_t error_at = text.size();
  std::string what = "malformed JSON";
  try {
    const json strict = json::parse(text.begin(), text.end());
    (void)strict;
  } catch (const json::parse_error& e) {
    error_at = e.byte > 0 ? e.byte - 1 : 0;
    what = e.what();
    if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
  }
  std::size_t column = 0;
  const std::size_t line = line_of(text, error_at, column);
  diagnostic d{"csl-json.syntax", severity::error, {error_at, error_at + 1},
               fmt::format("malformed JSON: {}", what)};
  d.line = line;
  d.column = column;
  // Recover: read each well-formed element of a top-level array on its own.
  std::vector<span> elements;
  if (split_array(text, elements)) {
    std::size_t skipped = 0;
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const auto piece = text.substr(elements[i].begin, elements[i].end - elements[i].begin);
      if (piece.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
      json element = json::parse(piece.begin(), piece.end(), nullptr, false);
      if (element.is_discarded()) {
        ++skipped;
        continue;
      }
      reference r = from_csl_json(element, diags, i);
      if (element.is_object()) result.references.push_back(std::move(r));
    }
    d.hint = fmt::format("{} item(s) were read; {} malformed item(s) were skipped",
                         result.references.size(), skipped);
  }
  diags.insert(diags.begin(), std::move(d));
  return result;
}

std::string write_csl_json(const std::vector<reference>& items, const csl_json_write_options& options) {
  if (options.single_item && items.size() == 1) return to_csl_json(items[0]).dump(options.indent, ' ', false, ojson::error_handler_t::replace) + "\n";
  ojson array = ojson::array();
  for (const auto& r : items) array.push_back(to_csl_json(r));
  return array.dump(options.indent, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace bicite
