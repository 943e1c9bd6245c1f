#pragma once
// Evaluating a style's layout for one item into an output tree.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bicite/csl.hpp"
#include "csl/locale.hpp"
#include "csl/output.hpp"
#include "csl/style.hpp"

namespace bicite::csl::detail {

enum position_flags : unsigned {
  pos_first = 1, pos_subsequent = 2, pos_ibid = 4, pos_ibid_with_locator = 8, pos_near_note = 16
};

// What disambiguation changed for one item.
struct disamb_state {
  int add_names = 0;       // names shown beyond et-al-use-first
  int given_level = 0;     // 0 as styled, 1 initials/long form, 2 full given names
  int disambiguate = 0;     // how many disambiguate="true" tests pass, in evaluation order (0: none)
  std::string year_suffix;
  const std::map<std::string, int>* name_levels = nullptr;  // global name expansion: "family|given" → level
  std::map<std::string, int> own_levels;                     // this item's expanded names: "family|given" → level
};

struct item_info {
  const reference* ref = nullptr;
  std::shared_ptr<const locale> loc;
  bool english = true;
  bool turkic = false;  // Turkish or Azerbaijani: i/İ and ı/I in upper and lower case
  int citation_number = 0;
  int first_note = 0;
};

struct eval_env {
  const style& st;
  const layout_section& sec;
  const render_options& opts;
  std::vector<diagnostic>* diags = nullptr;
  bool style_uses_year_suffix = false;
};

struct cite_context {
  const cite* c = nullptr;
  unsigned position = pos_first;
  bool in_bibliography = false;
  bool sort_mode = false;
  // a term rendered before anything else is capitalised: bibliography entries, and the first
  // cite of a note style's citation
  bool capitalize_first_term = false;
  bool disambiguating = false;  // rendering to compare cites
  int sort_names_min = -1, sort_names_use_first = -1, sort_names_use_last = -1;
};

// Renders the layout children (without layout affixes) for one item.
node eval_item(const eval_env& env, const item_info& item, const cite_context& cc, const disamb_state& d);
// Renders one macro (for sort keys), in sort mode.
std::string eval_sort_macro(const eval_env& env, const item_info& item, int macro, const cite_context& cc,
                            const disamb_state& d);
// The sort value of a variable.
std::string sort_value(const eval_env& env, const item_info& item, const std::string& variable, const cite_context& cc,
                       const disamb_state& d);
// True when the style renders the year-suffix variable itself.
bool uses_variable(const style& st, std::string_view variable);
// True when a section's layout (with the macros it calls) renders the variable.
bool section_uses_variable(const style& st, const layout_section& sec, std::string_view variable);
// The name variables a section's cs:names elements (with the macros it calls) can render.
std::set<std::string> section_name_variables(const style& st, const layout_section& sec);
// Formats a page range according to the style's page-range-format.
std::string format_page_range(std::string_view value, std::string_view format, std::string_view delimiter,
                              std::string_view and_symbol = "&");
// Names of all persons an item shows (family|given) for global name disambiguation.
bool is_numeric_value(std::string_view s);

}  // namespace bicite::csl::detail
