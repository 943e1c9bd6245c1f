#pragma once
// Private helpers of the enrich stage: collecting candidate values by extractor priority, and
// reading the date forms pages and DOI records use.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/enrich.hpp"

namespace bicite::enrich::detail {

/// Whitespace runs (ASCII and NBSP) collapsed to one space, trimmed.
std::string clean(std::string_view s);

/// "2023-01-07", "2023-01-07T10:00:00+03:00", "2023/1/7", "2023-01", "2023", "18 января 2023".
std::optional<bicite::date> read_date(std::string_view s);

/// A date as EDTF-like text "2023-01-07" (for reports).
std::string date_text(const bicite::date& d);

/// Names joined with "; " (family, given).
std::string names_text(const std::vector<bicite::name>& names);

/// Keeps, per field, the value of the highest-priority extractor.
class collector {
 public:
  void text(const std::string& field, std::string_view value, int priority, std::string_view extractor);
  void author(std::string_view value, int priority, std::string_view extractor);
  void date(const std::string& field, std::string_view value, int priority, std::string_view extractor);
  /// Moves what was collected into `out`.
  void finish(metadata& out);

 private:
  struct text_value {
    std::string value;
    int priority = -1;
    std::string extractor;
  };
  std::map<std::string, text_value, std::less<>> texts_;
  std::vector<std::string> authors_;
  int author_priority_ = -1;
  std::string author_extractor_;
  std::map<std::string, std::pair<bicite::date, text_value>, std::less<>> dates_;
};

}  // namespace bicite::enrich::detail
