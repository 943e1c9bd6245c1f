#pragma once
/// The data model: a reference is a CSL-JSON item (CSL 1.0.2) that can also carry, for every
/// text field and every name, variants by script and role (original, transliterated, translated),
/// the way CSL-M's multilingual fields do.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace bicite {

/// What a variant of a field or name is, relative to the form the item shows by default.
enum class variant_role {
  original,        ///< the form in the work's own script (e.g. Cyrillic)
  transliterated,  ///< a romanisation; `scheme` names the scheme used
  translated       ///< a translation; `language` names its language
};

/// One alternative form of a text field.
struct text_variant {
  std::string value;
  variant_role role = variant_role::transliterated;
  std::string language;  ///< BCP 47 tag: "ru", "ru-Latn", "en"
  std::string scheme;    ///< transliteration scheme name ("ala_lc", "bgn_pcgn"); empty otherwise
};

/// The parts of a personal or organisational name, as CSL-JSON names have them.
struct name_parts {
  std::string family;
  std::string given;
  std::string dropping_particle;      ///< "de" in "Jean de La Fontaine" when dropped
  std::string non_dropping_particle;  ///< "van" in "Ludwig van Beethoven"
  std::string suffix;                 ///< "Jr."
  std::string literal;                ///< an organisation or an unparsed name: "The Kremlin"
  bool operator==(const name_parts&) const = default;
};

/// One alternative form of a name.
struct name_variant : name_parts {
  variant_role role = variant_role::transliterated;
  std::string language;
  std::string scheme;
};

/// A name in a name variable (author, editor, …).
struct name : name_parts {
  bool comma_suffix = false;     ///< "Jr." preceded by a comma when inverted
  bool static_ordering = false;  ///< keep given-family order even in a sort
  bool parse_names = true;       ///< CSL-JSON "parse-names"; written only when false
  std::vector<name_variant> variants;
  nlohmann::json extra;  ///< keys the model does not know, kept as is; null (no allocation) until one is set
  bool is_literal() const { return !literal.empty(); }
};

/// A CSL date: one date or a range of two, each [year, month, day] with 0 for "not given".
struct date {
  struct part {
    int year = 0;   ///< may be negative (BCE); 0 with month 0 means absent
    int month = 0;  ///< 1–12; 13–16 are CSL seasons when written in date-parts
    int day = 0;
    bool operator==(const part&) const = default;
  };
  std::vector<part> parts;  ///< 0 (literal/raw only), 1 or 2 (a range)
  std::string season;       ///< "1"–"4" or a season word, as given
  bool circa = false;
  std::string literal;      ///< shown as is
  std::string raw;          ///< an unparsed date string
  nlohmann::json extra;     ///< keys the model does not know; null until one is set
  bool empty() const { return parts.empty() && literal.empty() && raw.empty(); }
  bool is_range() const { return parts.size() == 2; }
};

/// What kind of CSL variable a name is: decides how it is read and written.
enum class variable_kind { standard, number, date, name, unknown };

/// The kind of a CSL 1.0.2 variable ("title" → standard, "issued" → date, …).
variable_kind kind_of(std::string_view variable);

/// All CSL 1.0.2 variable names of one kind, as listed in the CSL-JSON schema.
const std::vector<std::string_view>& variables_of(variable_kind kind);

/// A CSL-JSON item.
struct reference {
  std::string id;
  std::string type;  ///< CSL type: "article-journal", "book", …; empty when the input had none
  /// Standard and number variables by CSL name ("title", "volume", "language", …), as text.
  std::map<std::string, std::string, std::less<>> fields;
  /// Variables that CSL-JSON gave as JSON numbers, so that they are written back as numbers.
  std::map<std::string, bool, std::less<>> numeric;
  std::map<std::string, std::vector<name>, std::less<>> names;  ///< "author", "editor", …
  std::map<std::string, date, std::less<>> dates;               ///< "issued", "accessed", …
  /// Per text field, its other forms: original, transliteration(s), translation(s).
  std::map<std::string, std::vector<text_variant>, std::less<>> variants;
  nlohmann::json custom;  ///< CSL-JSON "custom", kept as is; null when absent (r.custom["k"] = v makes it an object)
  nlohmann::json extra;   ///< unknown top-level keys, kept as is; null until one is set

  /// The value of a standard or number variable, or "" when absent.
  std::string_view get(std::string_view variable) const;
  /// Sets a standard or number variable (as text); an empty value removes it.
  void set(std::string_view variable, std::string value);
  bool has(std::string_view variable) const;
  /// The names of a name variable, or an empty list.
  const std::vector<name>& names_of(std::string_view variable) const;
  /// The date of a date variable, or nullptr.
  const date* date_of(std::string_view variable) const;
  /// The variant of `field` with this role (and language/scheme when given), or nullptr.
  const text_variant* variant(std::string_view field, variant_role role,
                              std::string_view language = {}) const;
};

}  // namespace bicite
