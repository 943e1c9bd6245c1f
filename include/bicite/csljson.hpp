#pragma once
/// CSL-JSON in and out, as the CSL 1.0.2 schema (csl-data.json) describes it.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite {

/// What reading CSL-JSON gives: every item that could be read, and what was wrong with the rest.
struct csl_json_read {
  std::vector<reference> references;
  std::vector<diagnostic> diagnostics;  ///< warnings name the item and field; positions are filled
};

/// Options for writing CSL-JSON.
struct csl_json_write_options {
  int indent = 2;           ///< spaces per level; -1 writes one compact line. Default: 2
  bool single_item = false; ///< write one object instead of an array (needs exactly one item)
};

/// One item to and from its CSL-JSON object. The public model speaks nlohmann::json here on
/// purpose: a caller who already holds parsed JSON (a DOI record, a page's metadata) passes it
/// without a second round through text.
nlohmann::ordered_json to_csl_json(const reference& item);
/// Reads one item; problems are appended to `diagnostics` (item index `index` in messages).
/// csljson::read_item gives the same with the diagnostics returned by value.
reference from_csl_json(const nlohmann::json& object, std::vector<diagnostic>& diagnostics,
                        std::size_t index = 0);

/// CSL-JSON in the verbs every format shares: read(text) → {references, diagnostics}, write(items, options).
namespace csljson {

using read_result = csl_json_read;
using write_options = csl_json_write_options;

/// Reads a CSL-JSON array of items, or a single item. Malformed JSON gives an error diagnostic
/// with line and column; the items of the array that are themselves well-formed are still read.
/// A wrong-typed field gives a warning naming the item and field, and is kept as it was.
/// Never throws on bad input.
read_result read(std::string_view json);

/// Writes items as CSL-JSON. Variants go under custom["bicite-variants"] (see the README).
std::string write(const std::vector<reference>& items, const write_options& options = {});

/// One item read from its CSL-JSON object, with what was wrong with it.
struct item_read {
  reference item;
  std::vector<diagnostic> diagnostics;  ///< item index `index` in messages; no positions (there is no text)
};

/// Reads one item from its CSL-JSON object (from_csl_json with the diagnostics by value).
item_read read_item(const nlohmann::json& object, std::size_t index = 0);

}  // namespace csljson

/// Deprecated: the csljson:: verbs replace these (kept for one release).
[[deprecated("use bicite::csljson::read")]] inline csl_json_read read_csl_json(std::string_view json) {
  return csljson::read(json);
}
[[deprecated("use bicite::csljson::write")]] inline std::string write_csl_json(
    const std::vector<reference>& items, const csl_json_write_options& options = {}) {
  return csljson::write(items, options);
}

}  // namespace bicite
