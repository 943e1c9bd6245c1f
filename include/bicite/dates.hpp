#pragma once
/// Dates as notes write them, in English and Russian: "January 7 2023", "18 января 2023 г.",
/// "01.02.2024", "No. 3 (2023)", "January/February 2023", "5–7 мая 2023", "Spring 2023", "c. 1990",
/// "accessed May 5, 2024", "дата обращения: 01.02.2024". Month names and date words come from data
/// files (lib/dates/data/), not from code. Impossible and ambiguous dates are flagged, never guessed
/// silently. No regular expressions; time is linear in the input.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::dates {

/// How to read numeric dates.
struct date_options {
  /// Numeric a/b/c and a-b-c dates are day first (true for Russian text). Default: false (month
  /// first, and a date such as 03/04/2023 is flagged "date.ambiguous-numeric"). Dotted dates
  /// (01.02.2024) are always day first.
  bool day_first = false;
};

/// One date found in a text.
struct parsed_date {
  bicite::date date;     ///< CSL date-parts (ranges as two parts), season ("1"–"4"), circa
  std::string edtf;      ///< "2023-01-07", "2023-01/2023-02", "2023-21" (season), "1990~"
  bicite::span where;    ///< bytes of the input that the date covers (prefixes such as "No. 3" included)
  bool accessed = false; ///< "accessed May 5, 2024", "дата обращения: 01.02.2024"
  std::vector<bicite::diagnostic> diagnostics;  ///< impossible / ambiguous / reversed dates
  std::string issue;     ///< the issue number of "No. 3 (2023)" / "№ 3, 2023", else empty
};

/// Parses a string that is one date (surrounding brackets and final punctuation allowed);
/// std::nullopt when it is not a date (or longer than 1 KiB). Impossible dates give a value with a "date.impossible"
/// diagnostic and only the valid part (year, or year and month) in date-parts.
std::optional<parsed_date> parse_date(std::string_view text, const date_options& options = {});

/// Every date inside a longer string, in order ("IzvestiyaFebruary 10, 2023" gives one date with
/// its span). URLs are skipped. Years alone count as dates (1000–2199, four digits).
std::vector<parsed_date> find_dates(std::string_view text, const date_options& options = {});

/// The EDTF form of a CSL date ("2023-01-07", "2023-01/2023-02", "2023-21", "1990~"); "" if empty.
std::string to_edtf(const bicite::date& date);

/// The number of days in a month (1–12) of a year, leap years included; 0 for a bad month.
int days_in_month(int year, int month) noexcept;

}  // namespace bicite::dates
