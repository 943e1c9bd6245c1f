// CSL-JSON reading and writing. Reading never throws: wrong-typed fields are kept verbatim in
// `extra` (so they round-trip) and reported; malformed JSON is reported with line and column and
// the well-formed items around it are still read.
#include "bicite/csljson.hpp"

#include "bicite/text.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "model/csljson_internal.hpp"
#include "model/json_writer.hpp"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace bicite {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr std::string_view variants_key = "bicite-variants";
constexpr std::size_t max_depth = limits::max_json_depth;

// The schema allows circa as a boolean, a number or a string: 0, "", "0" and "false" mean no.
bool circa_flag(const json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return !s.empty() && s != "0" && s != "false";
  }
  return false;
}

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
      } else if (key == "circa" && (it->is_number() || it->is_string())) {
        d.circa = circa_flag(*it);
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

bool is_json_number(std::string_view v) {
  std::size_t i = 0;
  if (i < v.size() && v[i] == '-') ++i;
  if (i >= v.size() || !std::isdigit(static_cast<unsigned char>(v[i]))) return false;
  if (v[i] == '0' && i + 1 < v.size() && std::isdigit(static_cast<unsigned char>(v[i + 1]))) return false;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  if (i < v.size() && v[i] == '.') {
    ++i;
    if (i >= v.size() || !std::isdigit(static_cast<unsigned char>(v[i]))) return false;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  }
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    ++i;
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    if (i >= v.size() || !std::isdigit(static_cast<unsigned char>(v[i]))) return false;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  }
  return i == v.size();
}

void write_number_or_string(detail::json_writer& w, const std::string& value, bool numeric) {
  if (numeric && is_json_number(value)) w.raw_number(value);
  else w.string(value);
}

void write_date(detail::json_writer& w, const date& d) {
  w.begin_object();
  if (!d.parts.empty()) {
    w.key("date-parts");
    w.begin_array();
    for (const auto& p : d.parts) {
      w.begin_array();
      w.integer(p.year);
      if (p.month || p.day) w.integer(p.month);
      if (p.day) w.integer(p.day);
      w.end_array();
    }
    w.end_array();
  }
  if (!d.season.empty()) {
    w.key("season");
    int number = 0;
    auto [p, ec] = std::from_chars(d.season.data(), d.season.data() + d.season.size(), number);
    if (ec == std::errc() && p == d.season.data() + d.season.size()) w.integer(number);
    else w.string(d.season);
  }
  if (d.circa) {
    w.key("circa");
    w.boolean(true);
  }
  if (!d.literal.empty()) {
    w.key("literal");
    w.string(d.literal);
  }
  if (!d.raw.empty()) {
    w.key("raw");
    w.string(d.raw);
  }
  if (d.extra.is_object())
    for (auto it = d.extra.begin(); it != d.extra.end(); ++it) {
      w.key(it.key());
      w.value(*it);
    }
  w.end_object();
}

void write_name_parts(detail::json_writer& w, const name_parts& n) {
  for (auto [key, member] : part_keys)
    if (!(n.*member).empty()) {
      w.key(key);
      w.string(n.*member);
    }
}

void write_variant_tail(detail::json_writer& w, variant_role role, const std::string& language,
                        const std::string& scheme) {
  w.key("role");
  w.string(role_name(role));
  if (!language.empty()) {
    w.key("language");
    w.string(language);
  }
  if (!scheme.empty()) {
    w.key("scheme");
    w.string(scheme);
  }
}

// The one serializer of an item: to_csl_json() and csljson::write() both go through it.
void write_item(detail::json_writer& w, const reference& r) {
  w.begin_object();
  const bool numeric_id = r.numeric.count("id") > 0;
  if (!r.id.empty() || numeric_id) {
    w.key("id");
    write_number_or_string(w, r.id, numeric_id);
  }
  if (!r.type.empty()) {
    w.key("type");
    w.string(r.type);
  }
  for (const auto& [key, value] : r.fields) {
    w.key(key);
    write_number_or_string(w, value, r.numeric.count(key) > 0);
  }
  for (const auto& [key, list] : r.names) {
    w.key(key);
    w.begin_array();
    for (const auto& n : list) {
      w.begin_object();
      write_name_parts(w, n);
      if (n.comma_suffix) {
        w.key("comma-suffix");
        w.boolean(true);
      }
      if (n.static_ordering) {
        w.key("static-ordering");
        w.boolean(true);
      }
      if (!n.parse_names) {
        w.key("parse-names");
        w.boolean(false);
      }
      if (n.extra.is_object())
        for (auto it = n.extra.begin(); it != n.extra.end(); ++it) {
          w.key(it.key());
          w.value(*it);
        }
      w.end_object();
    }
    w.end_array();
  }
  for (const auto& [key, d] : r.dates) {
    w.key(key);
    write_date(w, d);
  }
  if (r.extra.is_object())
    for (auto it = r.extra.begin(); it != r.extra.end(); ++it) {
      w.key(it.key());
      w.value(*it);
    }

  bool any_field_variants = false;
  for (const auto& [field, list] : r.variants) any_field_variants = any_field_variants || !list.empty();
  bool any_name_variants = false;
  for (const auto& [key, list] : r.names)
    for (const auto& n : list) any_name_variants = any_name_variants || !n.variants.empty();
  const bool has_custom = r.custom.is_object();
  if (!has_custom && !any_field_variants && !any_name_variants) {
    w.end_object();
    return;
  }
  w.key("custom");
  w.begin_object();
  if (has_custom)
    for (auto it = r.custom.begin(); it != r.custom.end(); ++it) {
      w.key(it.key());
      w.value(*it);
    }
  if (any_field_variants || any_name_variants) {
    w.key(variants_key);
    w.begin_object();
    if (any_field_variants) {
      w.key("fields");
      w.begin_object();
      for (const auto& [field, list] : r.variants) {
        if (list.empty()) continue;
        w.key(field);
        w.begin_array();
        for (const auto& v : list) {
          w.begin_object();
          w.key("value");
          w.string(v.value);
          write_variant_tail(w, v.role, v.language, v.scheme);
          w.end_object();
        }
        w.end_array();
      }
      w.end_object();
    }
    if (any_name_variants) {
      w.key("names");
      w.begin_object();
      for (const auto& [key, list] : r.names) {
        bool any = false;
        for (const auto& n : list) any = any || !n.variants.empty();
        if (!any) continue;
        w.key(key);
        w.begin_array();
        for (const auto& n : list) {
          w.begin_array();
          for (const auto& v : n.variants) {
            w.begin_object();
            write_name_parts(w, v);
            write_variant_tail(w, v.role, v.language, v.scheme);
            w.end_object();
          }
          w.end_array();
        }
        w.end_array();
      }
      w.end_object();
    }
    w.end_object();
  }
  w.end_object();
  w.end_object();
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
  std::string text;
  detail::json_writer w(text, -1);
  write_item(w, r);
  return detail::parse_json<ojson>(text);
}


// The fast path of csljson::read: reads well-formed, well-typed CSL-JSON straight into the model,
// without building a JSON tree first (about twice as fast). It gives up (returns false) on
// anything it would have to explain — a syntax error, a wrong-typed field, a float where an
// integer belongs — and csljson::read then takes the careful path, which reports it. Values the
// model keeps as JSON (custom, unknown keys) are handed to nlohmann, so their semantics match.
namespace {

class fast_reader {
 public:
  explicit fast_reader(std::string_view text) : t_(text) {}

  bool read(std::vector<reference>& out, std::vector<diagnostic>& diags) {
    ws();
    if (at('[')) {
      ++p_;
      ws();
      if (at(']')) {
        ++p_;
      } else {
        for (std::size_t index = 0;; ++index) {
          reference r;
          if (!item(r, index, diags)) return false;
          out.push_back(std::move(r));
          ws();
          if (at(',')) {
            ++p_;
            ws();
            continue;
          }
          if (!at(']')) return false;
          ++p_;
          break;
        }
      }
    } else {
      reference r;
      if (!item(r, 0, diags)) return false;
      out.push_back(std::move(r));
    }
    ws();
    return p_ == t_.size();
  }

 private:
  bool at(char c) const { return p_ < t_.size() && t_[p_] == c; }
  void ws() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\n' || t_[p_] == '\r' || t_[p_] == '\t')) ++p_;
  }

  bool string(std::string& out) {
    if (!at('"')) return false;
    ++p_;
    out.clear();
    for (;;) {
      const std::size_t start = p_;
      bool ascii = true;
      while (p_ < t_.size()) {
        const unsigned char c = static_cast<unsigned char>(t_[p_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ascii = ascii && c < 0x80;
        ++p_;
      }
      if (p_ >= t_.size()) return false;
      const std::string_view chunk = t_.substr(start, p_ - start);
      if (!ascii && !text::is_valid_utf8(chunk)) return false;
      out.append(chunk);
      const char c = t_[p_];
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c != '\\') return false;  // a raw control character
      if (++p_ >= t_.size()) return false;
      switch (t_[p_++]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          char32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            char32_t low = 0;
            if (t_.substr(p_, 2) != "\\u") return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          text::append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
  }

  bool hex4(char32_t& cp) {
    if (p_ + 4 > t_.size()) return false;
    for (int i = 0; i < 4; ++i) {
      const char c = t_[p_++];
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<char32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<char32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<char32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }

  // An integer that nlohmann would write back digit for digit (no "-0", no leading zeros,
  // at most 18 digits so it fits any integer type).
  bool integer(std::string_view& token) {
    const std::size_t start = p_;
    if (at('-')) ++p_;
    const std::size_t digits = p_;
    while (p_ < t_.size() && t_[p_] >= '0' && t_[p_] <= '9') ++p_;
    const std::size_t n = p_ - digits;
    if (n == 0 || n > 18 || (t_[digits] == '0' && (n > 1 || digits > start))) return false;
    if (p_ < t_.size() && (t_[p_] == '.' || t_[p_] == 'e' || t_[p_] == 'E')) return false;
    token = t_.substr(start, p_ - start);
    return true;
  }

  bool is_number_start() const { return p_ < t_.size() && (t_[p_] == '-' || (t_[p_] >= '0' && t_[p_] <= '9')); }

  bool literal(std::string_view word) {
    if (t_.substr(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  bool boolean(bool& v) {
    if (literal("true")) return v = true, true;
    if (literal("false")) return v = false, true;
    return false;
  }

  // Skips one JSON value (checking only its shape) and lets nlohmann read that slice.
  bool generic(json& out) {
    const std::size_t start = p_;
    if (!skip(0)) return false;
    const std::string_view slice = t_.substr(start, p_ - start);
    out = detail::parse_json(slice);
    return !out.is_discarded();
  }

  bool skip(std::size_t depth) {
    if (depth > max_depth) return false;
    ws();
    if (p_ >= t_.size()) return false;
    const char c = t_[p_];
    if (c == '"') {
      ++p_;
      while (p_ < t_.size() && t_[p_] != '"') p_ += t_[p_] == '\\' ? 2 : 1;
      if (p_ >= t_.size()) return false;
      ++p_;
      return true;
    }
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++p_;
      ws();
      if (at(close)) return ++p_, true;
      for (;;) {
        if (c == '{') {
          ws();
          if (!skip(depth + 1)) return false;
          ws();
          if (!at(':')) return false;
          ++p_;
        }
        if (!skip(depth + 1)) return false;
        ws();
        if (at(',')) {
          ++p_;
          continue;
        }
        if (!at(close)) return false;
        ++p_;
        return true;
      }
    }
    while (p_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[p_])) || t_[p_] == '-' ||
                              t_[p_] == '+' || t_[p_] == '.'))
      ++p_;
    return true;
  }

  // Calls each(key) for every member of an object; each() reads the value.
  template <class F>
  bool object(F&& each) {
    ws();
    if (!at('{')) return false;
    ++p_;
    ws();
    if (at('}')) return ++p_, true;
    std::string key;
    for (;;) {
      ws();
      if (!string(key)) return false;
      ws();
      if (!at(':')) return false;
      ++p_;
      ws();
      if (!each(key)) return false;
      ws();
      if (at(',')) {
        ++p_;
        continue;
      }
      if (!at('}')) return false;
      ++p_;
      return true;
    }
  }

  template <class F>
  bool array(F&& each) {
    ws();
    if (!at('[')) return false;
    ++p_;
    ws();
    if (at(']')) return ++p_, true;
    for (;;) {
      ws();
      if (!each()) return false;
      ws();
      if (at(',')) {
        ++p_;
        continue;
      }
      if (!at(']')) return false;
      ++p_;
      return true;
    }
  }

  bool name_object(name& n) {
    return object([&](const std::string& key) {
      for (auto [k, member] : part_keys)
        if (key == k) return string(n.*member);
      bool flag = false;
      if (key == "comma-suffix" && boolean(flag)) return n.comma_suffix = flag, true;
      if (key == "static-ordering" && boolean(flag)) return n.static_ordering = flag, true;
      if (key == "parse-names" && boolean(flag)) return n.parse_names = flag, true;
      return generic(n.extra[key]);
    });
  }

  bool date_part_value(int& v) {
    if (at('"')) {
      std::string s;
      if (!string(s)) return false;
      if (s.empty()) return v = 0, true;
      auto [e, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      return ec == std::errc() && e == s.data() + s.size();
    }
    std::string_view token;
    if (!integer(token) || token.size() > 9) return false;
    std::from_chars(token.data(), token.data() + token.size(), v);
    return true;
  }

  bool date_object(date& d) {
    return object([&](const std::string& key) {
      if (key == "date-parts") {
        d.parts.clear();
        return array([&] {
          if (d.parts.size() == 2) return false;
          date::part part;
          int* slots[] = {&part.year, &part.month, &part.day};
          std::size_t n = 0;
          const bool ok = array([&] { return n < 3 && date_part_value(*slots[n++]); });
          if (!ok || n == 0) return false;
          d.parts.push_back(part);
          return true;
        });
      }
      if (key == "season") {
        if (at('"')) return string(d.season);
        std::string_view token;
        if (!integer(token)) return false;
        d.season = std::string(token);
        return true;
      }
      if (key == "circa" && (at('t') || at('f'))) return boolean(d.circa);
      if (key == "circa") {
        json flag;
        if (!generic(flag) || !(flag.is_number() || flag.is_string())) return false;
        d.circa = circa_flag(flag);
        return true;
      }
      if (key == "literal" && at('"')) return string(d.literal);
      if (key == "raw" && at('"')) return string(d.raw);
      return generic(d.extra[key]);
    });
  }

  bool item(reference& r, std::size_t index, std::vector<diagnostic>& diags) {
    json variants;
    bool numeric_id = false;
    std::string value;
    const bool ok = object([&](const std::string& key) {
      if (key == "id") {
        if (at('"')) return numeric_id = false, r.numeric.erase("id"), string(r.id);
        std::string_view token;
        if (!integer(token)) return false;
        r.id = std::string(token);
        r.numeric["id"] = numeric_id = true;
        return true;
      }
      if (key == "type") return string(r.type);
      if (key == "custom") {
        json custom;
        if (!generic(custom) || !custom.is_object()) return false;
        variants = nullptr;
        if (auto vv = custom.find(variants_key); vv != custom.end()) {
          variants = std::move(*vv);
          custom.erase(vv);
        }
        r.custom = std::move(custom);
        return true;
      }
      switch (kind_of(key)) {
        case variable_kind::standard:
          if (!string(value)) return false;
          r.fields.insert_or_assign(key, std::move(value));
          r.numeric.erase(key);
          return true;
        case variable_kind::number:
          if (at('"')) {
            if (!string(value)) return false;
            r.numeric.erase(key);
          } else {
            std::string_view token;
            if (!integer(token)) return false;
            value = std::string(token);
            r.numeric[key] = true;
          }
          r.fields.insert_or_assign(key, std::move(value));
          return true;
        case variable_kind::name: {
          auto& list = r.names[key];
          list.clear();
          return array([&] {
            list.emplace_back();
            return name_object(list.back());
          });
        }
        case variable_kind::date: {
          date d;
          if (!date_object(d)) return false;
          r.dates.insert_or_assign(key, std::move(d));
          return true;
        }
        case variable_kind::unknown:
          return generic(r.extra[key]);
      }
      return false;
    });
    if (!ok) return false;
    if (!variants.is_null()) {
      std::vector<diagnostic> unused;
      reader{unused, {}}.read_variants(variants, r);
    }
    if (r.type.empty())
      diags.push_back({"csl-json.missing-type", severity::warning, {},
                       fmt::format("{} has no \"type\"; formatters treat it as \"document\"",
                                   r.id.empty() && !numeric_id ? fmt::format("item {}", index + 1)
                                                               : fmt::format("item {} (id \"{}\")", index + 1, r.id))});
    return true;
  }

  std::string_view t_;
  std::size_t p_ = 0;
};

}  // namespace

csl_json_read csljson::read(std::string_view text) { return detail::read_csl_json_with(text, true); }

csljson::item_read csljson::read_item(const json& object, std::size_t index) {
  item_read r;
  r.item = from_csl_json(object, r.diagnostics, index);
  return r;
}

csl_json_read detail::read_csl_json_with(std::string_view text, bool fast_path) {
  csl_json_read result;
  auto& diags = result.diagnostics;
  if (auto too_large = input_too_large(text, "CSL-JSON", "split the array into several files")) {
    diags.push_back(std::move(*too_large));
    return result;
  }
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

  if (fast_path) {
    fast_reader fast(text);
    if (fast.read(result.references, diags)) return result;
    result.references.clear();
    diags.clear();
  }

  json value = parse_json(text);
  if (!value.is_discarded()) {
    read_value(value);
    return result;
  }
  // Find where it broke, for the message.
  const auto [error_at, what] = explain_json_error(text);
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
      json element = parse_json(piece);
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

std::string csljson::write(const std::vector<reference>& items, const write_options& options) {
  std::string out;
  detail::json_writer w(out, options.indent);
  if (options.single_item && items.size() == 1) {
    write_item(w, items[0]);
  } else {
    w.begin_array();
    for (const auto& r : items) write_item(w, r);
    w.end_array();
  }
  out.push_back('\n');
  return out;
}

}  // namespace bicite
