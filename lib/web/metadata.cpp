// Collecting candidate values by priority; date reading for pages and DOI records; known venues.
#include <bicite/dates.hpp>
#include <bicite/names.hpp>
#include <bicite/text.hpp>
#include <bicite/venues.hpp>

#include "web/metadata.hpp"

namespace bicite::web {

std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
      if (nbsp) ++i;
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

namespace {

// Reads up to `max` digits at s[i]; returns -1 when there are none.
int digits(std::string_view s, std::size_t& i, std::size_t max) {
  int v = 0;
  std::size_t n = 0;
  while (i < s.size() && n < max && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + (s[i] - '0');
    ++i;
    ++n;
  }
  return n == 0 ? -1 : v;
}

}  // namespace

std::optional<bicite::date> read_date(std::string_view s) {
  const std::string c = clean(s);
  std::string_view v = c;
  // ISO-like: YYYY[-MM[-DD]][T…]
  std::size_t i = 0;
  const std::size_t y0 = i;
  const int year = digits(v, i, 4);
  if (year > 0 && i - y0 == 4) {
    bicite::date::part p{year, 0, 0};
    bool ok = true;
    if (i < v.size() && (v[i] == '-' || v[i] == '/' || v[i] == '.')) {
      const char sep = v[i];
      ++i;
      const int m = digits(v, i, 2);
      if (m >= 1 && m <= 12) {
        p.month = m;
        if (i < v.size() && v[i] == sep) {
          ++i;
          const int d = digits(v, i, 2);
          if (d >= 1 && d <= bicite::dates::days_in_month(year, m)) p.day = d;
          else ok = false;
        }
      } else {
        ok = false;
      }
    } else if (i + 4 <= v.size() && v.size() >= 8 && i == 4) {
      // YYYYMMDD
      std::size_t j = i;
      const int m = digits(v, j, 2);
      const int d = digits(v, j, 2);
      if (j == 8 && m >= 1 && m <= 12 && d >= 1 && d <= bicite::dates::days_in_month(year, m)) {
        p.month = m;
        p.day = d;
        i = j;
      }
    }
    const bool rest_ok = i == v.size() || v[i] == 'T' || v[i] == ' ' || v[i] == 't';
    if (ok && rest_ok) {
      bicite::date d;
      d.parts.push_back(p);
      return d;
    }
  }
  bicite::dates::date_options o;
  o.day_first = true;
  auto parsed = bicite::dates::parse_date(v, o);
  if (!parsed || parsed->date.parts.empty() || parsed->date.parts[0].year == 0) return std::nullopt;
  return parsed->date;
}

void collector::text(const std::string& field, std::string_view value, int priority, std::string_view extractor) {
  std::string v = clean(value);
  if (v.empty()) return;
  auto& slot = texts_[field];
  if (priority > slot.priority) slot = {std::move(v), priority, std::string(extractor)};
}

namespace {

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool space = c == ' ';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

/// Several names in one tag ("Бордачёв Тимофей, Черненко Елена", "A. Lo; P. Stronski", "Ivan Ivanov
/// and Petr Petrov"): split at ";" always, and at "," / " and " / " и " / " & " when every part has two
/// words or more, so "Лукин, Александр" and "Smith, John A." stay one name.
std::vector<std::string> split_names(const std::string& v) {
  auto split = [](const std::string& s, std::string_view sep) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t p; (p = s.find(sep, from)) != std::string::npos; from = p + sep.size()) parts.push_back(clean(s.substr(from, p - from)));
    parts.push_back(clean(s.substr(from)));
    return parts;
  };
  std::vector<std::string> out;
  for (auto& part : split(v, ";")) {
    std::vector<std::string> names{part};
    for (std::string_view sep : {",", " and ", " и ", " & "}) {
      std::vector<std::string> next;
      for (const auto& n : names) {
        auto parts = split(n, sep);
        bool all_full = parts.size() > 1;
        for (const auto& q : parts) all_full = all_full && word_count(q) >= 2;
        if (all_full) next.insert(next.end(), parts.begin(), parts.end());
        else next.push_back(n);
      }
      names = std::move(next);
    }
    for (auto& n : names)
      if (!n.empty()) out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

void collector::author(std::string_view value, int priority, std::string_view extractor) {
  std::string v = clean(value);
  if (v.empty() || v.starts_with("http://") || v.starts_with("https://") || v.size() > 200) return;
  if (const auto several = split_names(v); several.size() > 1) {
    for (const auto& n : several) author(n, priority, extractor);
    return;
  }
  if (priority > author_priority_) {
    authors_.clear();
    author_priority_ = priority;
    author_extractor_ = std::string(extractor);
  }
  if (priority != author_priority_) return;
  for (const auto& a : authors_)
    if (a == v) return;
  if (authors_.size() < 100) authors_.push_back(std::move(v));
}

void collector::date(const std::string& field, std::string_view value, int priority, std::string_view extractor) {
  auto d = read_date(value);
  if (!d) return;
  auto it = dates_.find(field);
  if (it != dates_.end() && it->second.second.priority >= priority) return;
  dates_[field] = {std::move(*d), text_value{std::string(value), priority, std::string(extractor)}};
}

void collector::finish(metadata& out) {
  for (auto& [field, v] : texts_) {
    out.item.set(field, v.value);
    out.extractor[field] = v.extractor;
  }
  if (!authors_.empty()) {
    auto& list = out.item.names["author"];
    for (const auto& a : authors_) list.push_back(bicite::names::parse_name(a));
    out.extractor["author"] = author_extractor_;
  }
  for (auto& [field, v] : dates_) {
    out.item.dates[field] = std::move(v.first);
    out.extractor[field] = v.second.extractor;
  }
}

/// The known venue a site or journal name denotes, by alias or name key (never a fuzzy guess): the
/// whole name, else its part before a rubric ("Ведомости. Экономика", "Известия — Политика"), else a
/// bare domain ("iz.ru").
const bicite::venues::venue* known_venue(std::string_view name, bool* whole) {
  if (whole) *whole = false;
  const std::string v = clean(name);
  if (v.empty()) return nullptr;
  auto exact = [](std::string_view s) -> const bicite::venues::venue* {
    const auto m = bicite::venues::match_name(s);
    return m.match && (m.evidence == "alias" || m.evidence == "key") ? m.match : nullptr;
  };
  if (auto* m = exact(v)) {
    // The venue table's matching forgives descriptors ("Ведомости — World"); "whole" means the
    // name is one of the venue's own names.
    if (whole) {
      const std::string f = bicite::text::fold_case(v);
      *whole = f == bicite::text::fold_case(m->canonical) || f == bicite::text::fold_case(m->english);
      for (const auto& a : m->aliases) *whole = *whole || f == bicite::text::fold_case(a);
    }
    return m;
  }
  for (std::string_view sep : {" | ", " — ", " – ", " - ", ". ", ": ", ", "}) {
    const auto p = v.find(sep);
    if (p != std::string::npos && p > 0)
      if (auto* m = exact(std::string_view(v).substr(0, p))) return m;
  }
  if (v.find(' ') == std::string::npos && v.find('.') != std::string::npos) {
    const auto m = bicite::venues::match_url(v);
    if (m.match && m.evidence == "domain") return m.match;
  }
  return nullptr;
}

}  // namespace bicite::web
