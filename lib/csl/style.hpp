#pragma once
// The style tree (parsed once with pugixml) and the merged locale data.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bicite/csl.hpp"

namespace bicite::csl::detail {

enum class text_case : std::uint8_t { none, lowercase, uppercase, capitalize_first, capitalize_all, sentence, title };

// Formatting of one rendering element. 0 means "not set" for the enums.
struct formatting {
  std::string prefix, suffix;
  std::uint8_t font_style = 0;      // 1 normal, 2 italic, 3 oblique
  std::uint8_t font_variant = 0;    // 1 normal, 2 small-caps
  std::uint8_t font_weight = 0;     // 1 normal, 2 bold, 3 light
  std::uint8_t text_decoration = 0; // 1 none, 2 underline
  std::uint8_t vertical_align = 0;  // 1 baseline, 2 sup, 3 sub
  bool quotes = false;
  bool strip_periods = false;
  text_case tcase = text_case::none;
  std::string display;
};

// Attributes kept as written, for the element-specific and inheritable ones.
struct attrs {
  std::vector<std::pair<std::string, std::string>> list;
  const std::string* find(std::string_view name) const {
    for (const auto& [k, v] : list)
      if (k == name) return &v;
    return nullptr;
  }
  std::string get(std::string_view name, std::string_view fallback = {}) const {
    const std::string* v = find(name);
    return v ? *v : std::string(fallback);
  }
};

enum class el : std::uint8_t { text, number, label, names, date, group, choose, name, et_al, substitute, date_part };

struct condition {
  std::string kind;  // "type", "variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate"
  std::vector<std::string> values;
};

struct element;

struct branch {
  std::vector<condition> conds;
  std::string match = "all";  // all, any, none
  bool is_else = false;
  std::vector<element> kids;
};

struct element {
  el kind = el::text;
  attrs a;
  formatting f;
  std::string delimiter;
  bool has_delimiter = false;
  std::vector<element> kids;       // group children; names: name/et-al/label/substitute; date: date-parts
  std::vector<branch> branches;    // choose
  int macro = -1;                  // text macro="…" resolved
  std::size_t offset = 0;          // byte offset in the style XML
  // cs:names pieces (resolved at parse time)
  std::vector<std::string> variables;
  const element* name_el() const { return find_kid(el::name); }
  const element* find_kid(el k) const {
    for (const auto& e : kids)
      if (e.kind == k) return &e;
    return nullptr;
  }
  formatting given_f, family_f;    // cs:name-part formatting (on cs:name)
  bool has_given_f = false, has_family_f = false;
};

struct sort_key {
  std::string variable;
  int macro = -1;
  bool descending = false;
  attrs a;  // names-min, names-use-first, names-use-last
};

struct layout_section {
  bool present = false;
  attrs a;  // inheritable name options, and section options
  element layout;  // kind group; its f holds prefix/suffix/formatting, delimiter
  std::vector<sort_key> sort;
};

struct locale_section {
  std::string lang;  // "" for all
  std::map<std::string, std::string> terms;  // key "name|form|number|gender?"
  std::vector<std::string> term_names_ordinal;  // names of ordinal terms defined here
  std::map<std::string, element> date_formats;  // "text", "numeric"
  std::map<std::string, std::string> options;    // style-options
};

struct macro_def {
  std::string name;
  element body;  // group without formatting
};

}  // namespace bicite::csl::detail

namespace bicite::csl {

struct style {
  std::string id, title, default_locale;
  std::string xml;  // the source, to give line and column to diagnostics found while rendering
  bool note = false;
  bool demote_set = false;
  detail::attrs a;  // root attributes (inheritable name options and global options)
  std::vector<detail::macro_def> macros;
  detail::layout_section citation, bibliography;
  std::vector<detail::locale_section> locales;
};

}  // namespace bicite::csl

namespace bicite::csl::detail {
// Reads a locale file (<locale>) into a section; false when it is not a locale.
bool parse_locale_xml(std::string_view xml, locale_section& out);
}  // namespace bicite::csl::detail
