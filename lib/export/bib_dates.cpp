#include "export/bib_dates.hpp"

#include <cctype>
#include <string>

#include "bicite/text.hpp"
#include "export/tables.hpp"

namespace bicite::detail::bib {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::optional<date::part> parse_part(std::string_view s, bool& circa, std::string& season) {
  while (!s.empty() && (s.back() == '~' || s.back() == '?' || s.back() == '%')) {
    if (s.back() != '?') circa = true;
    s.remove_suffix(1);
  }
  if (auto t = s.find('T'); t != std::string_view::npos) s = s.substr(0, t);
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  date::part p;
  auto dash = s.find('-');
  std::string_view y = s.substr(0, dash);
  if (!digits(y) || y.size() < 3 || y.size() > 6) return std::nullopt;
  p.year = std::stoi(std::string(y)) * (negative ? -1 : 1);
  if (p.year == 0) return std::nullopt;
  if (dash == std::string_view::npos) return p;
  s = s.substr(dash + 1);
  dash = s.find('-');
  std::string_view m = s.substr(0, dash);
  if (!digits(m) || m.size() != 2) return std::nullopt;
  const int month = std::stoi(std::string(m));
  if (month >= 21 && month <= 24) {
    if (dash != std::string_view::npos) return std::nullopt;
    season = std::to_string(month - 20);
    return p;
  }
  if (month < 1 || month > 12) return std::nullopt;
  p.month = month;
  if (dash == std::string_view::npos) return p;
  std::string_view d = s.substr(dash + 1);
  if (!digits(d) || d.size() != 2) return std::nullopt;
  p.day = std::stoi(std::string(d));
  if (p.day < 1 || p.day > 31) return std::nullopt;
  return p;
}

}  // namespace

std::optional<date> parse_edtf(std::string_view s) {
  s = text::trim(s);
  if (s.empty()) return std::nullopt;
  date d;
  const auto slash = s.find('/');
  std::string season;
  auto a = parse_part(s.substr(0, slash), d.circa, season);
  if (!a) return std::nullopt;
  d.parts.push_back(*a);
  if (slash != std::string_view::npos) {
    std::string_view rest = s.substr(slash + 1);
    if (rest.empty() || rest == "..") {
      d.parts.push_back({});
    } else {
      bool c2 = false;
      std::string s2;
      auto b = parse_part(rest, c2, s2);
      if (!b) return std::nullopt;
      d.parts.push_back(*b);
    }
  }
  if (!season.empty() && d.parts.size() == 1) d.parts[0].month = 12 + std::stoi(season);  // CSL seasons 13–16
  return d;
}

std::pair<int, int> parse_month(std::string_view s) {
  static const char* const en[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  static const char* const ru[] = {"янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"};
  auto one = [&](std::string_view t) -> int {
    t = text::trim(t);
    if (digits(t)) {
      const int m = t.size() <= 2 ? std::stoi(std::string(t)) : 0;
      return m >= 1 && m <= 12 ? m : 0;
    }
    const std::string l = simple_lower(t);
    for (int i = 0; i < 12; ++i)
      if (l.rfind(en[i], 0) == 0) return i + 1;
    for (int i = 0; i < 12; ++i)
      if (l.rfind(ru[i], 0) == 0) return i + 1;
    return 0;
  };
  std::string_view t = text::trim(s);
  for (std::string_view sep : {"--", "–", "/", "-"}) {
    if (auto p = t.find(sep); p != std::string_view::npos && p > 0) {
      const int a = one(t.substr(0, p)), b = one(t.substr(p + sep.size()));
      if (a && b) return {a, b};
    }
  }
  return {one(t), 0};
}

}  // namespace bicite::detail::bib
