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

/// Reads a CSL-JSON array of items, or a single item. Malformed JSON gives an error diagnostic
/// with line and column; the items of the array that are themselves well-formed are still read.
/// A wrong-typed field gives a warning naming the item and field, and is kept as it was.
/// Never throws on bad input.
csl_json_read read_csl_json(std::string_view json);

/// Options for writing CSL-JSON.
struct csl_json_write_options {
  int indent = 2;           ///< spaces per level; -1 writes one compact line. Default: 2
  bool single_item = false; ///< write one object instead of an array (needs exactly one item)
};

/// Writes items as CSL-JSON. Variants go under custom["bicite-variants"] (see the README).
std::string write_csl_json(const std::vector<reference>& items, const csl_json_write_options& options = {});

/// One item to and from its CSL-JSON object.
nlohmann::ordered_json to_csl_json(const reference& item);
/// Reads one item; problems are appended to `diagnostics` (item index `index` in messages).
reference from_csl_json(const nlohmann::json& object, std::vector<diagnostic>& diagnostics,
                        std::size_t index = 0);

}  // namespace bicite
