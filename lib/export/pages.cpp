#include "export/pages.hpp"

#include <algorithm>

namespace bicite::detail::bib {
namespace {

std::string_view trim_spaces(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

bool all_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<page_range> split_page_range(std::string_view page) {
  // The first dash: "-" or "--" (BibTeX), an en dash or an em dash.
  std::size_t dash = std::string_view::npos, len = 0;
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (page[i] == '-') {
      dash = i;
      len = 1;
      while (dash + len < page.size() && page[dash + len] == '-') ++len;
      break;
    }
    if (page.compare(i, 3, "\u2013") == 0 || page.compare(i, 3, "\u2014") == 0) {
      dash = i;
      len = 3;
      break;
    }
  }
  if (dash == std::string_view::npos) return std::nullopt;
  page_range r{trim_spaces(page.substr(0, dash)), trim_spaces(page.substr(dash + len))};
  if (r.start.empty() || r.end.empty()) return std::nullopt;
  return r;
}

// RIS's EP and a .bib range's end are page numbers, not the abbreviated end of a range as written.
std::string full_end_page(std::string_view start, std::string_view end) {
  if (!all_digits(start) || !all_digits(end) || end.size() >= start.size()) return std::string(end);
  std::string full = std::string(start.substr(0, start.size() - end.size())) + std::string(end);
  return full > std::string(start) ? full : std::string(end);
}

}  // namespace bicite::detail::bib
