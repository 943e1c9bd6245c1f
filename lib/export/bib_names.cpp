#include "export/bib_names.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "bicite/text.hpp"
#include "export/latex_escape.hpp"
#include "export/tables.hpp"

namespace bicite::detail::bib {
namespace {

bool ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~'; }

// The splitters fill a vector the caller reuses (no allocation per name once it has grown).
void split_and(std::string_view s, std::vector<std::string_view>& out) {
  out.clear();
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '{') ++depth;
    else if (c == '}') depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0 && ws(c) && i + 4 < s.size() && (s[i + 1] == 'a' || s[i + 1] == 'A') &&
             (s[i + 2] == 'n' || s[i + 2] == 'N') && (s[i + 3] == 'd' || s[i + 3] == 'D') && ws(s[i + 4])) {
      out.push_back(s.substr(start, i - start));
      start = i + 4;
      i += 3;
    }
  }
  out.push_back(s.substr(start));
}

void split_depth0(std::string_view s, bool on_comma, std::vector<std::string_view>& out) {
  out.clear();
  int depth = 0;
  std::size_t start = 0;
  bool in_token = false;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const bool end = i == s.size();
    const char c = end ? ' ' : s[i];
    if (!end && c == '{') ++depth;
    else if (!end && c == '}') depth = depth > 0 ? depth - 1 : 0;
    const bool sep = end || (depth == 0 && (on_comma ? c == ',' : ws(c)));
    if (on_comma) {
      if (sep) {
        out.push_back(text::trim(s.substr(start, i - start)));
        start = i + 1;
      }
      continue;
    }
    if (sep) {
      if (in_token) out.push_back(s.substr(start, i - start));
      in_token = false;
    } else if (!in_token) {
      in_token = true;
      start = i;
    }
  }
}

// BibTeX's "von" test: the first letter at brace depth 0 (or of a {\command x} special character)
// is lower case. A token with no such letter is caseless and does not count as von.
bool is_lower_token(std::string_view t) {
  int depth = 0;
  for (std::size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '{') {
      if (depth == 0 && i + 1 < t.size() && t[i + 1] == '\\') {
        // special character: skip the command name, look at the next letter
        std::size_t j = i + 2;
        if (j < t.size() && std::isalpha(static_cast<unsigned char>(t[j]))) {
          std::size_t k = j;
          while (k < t.size() && std::isalpha(static_cast<unsigned char>(t[k]))) ++k;
          std::string_view cmd = t.substr(j, k - j);
          if (cmd.size() > 1 && cmd != "i" && cmd != "j") {  // {\cyrzh…}, {\ss}, {\OE}
            if (cmd.substr(0, 3) == "cyr") return true;
            if (cmd.substr(0, 3) == "CYR") return false;
            return std::islower(static_cast<unsigned char>(cmd[0])) != 0;
          }
          j = k;
        } else {
          ++j;
        }
        for (; j < t.size(); ++j)
          if (std::isalpha(static_cast<unsigned char>(t[j]))) return std::islower(static_cast<unsigned char>(t[j])) != 0;
        return false;
      }
      ++depth;
      ++i;
      continue;
    }
    if (c == '}') {
      depth = depth > 0 ? depth - 1 : 0;
      ++i;
      continue;
    }
    if (depth > 0) {
      ++i;
      continue;
    }
    if (c == '\\') {  // \"u at depth 0
      ++i;
      if (i < t.size() && !std::isalpha(static_cast<unsigned char>(t[i]))) ++i;
      continue;
    }
    std::size_t p = i;
    const char32_t cp = text::next_code_point(t, p);
    if (is_lower_letter(cp)) return true;
    if (is_upper_letter(cp)) return false;
    i = p;
  }
  return false;
}

std::string join(const std::vector<std::string_view>& tokens, std::size_t from, std::size_t to) {
  if (from >= to) return {};
  if (to - from == 1) return decode(tokens[from]);
  std::string s;
  for (std::size_t i = from; i < to; ++i) {
    if (!s.empty()) s += ' ';
    s += tokens[i];
  }
  return decode(s);
}

// Parses one name into `n`, a fresh name (built in place in the list: a name is large to move).
void parse_one(std::string_view raw, name& n) {
  raw = text::trim(raw);
  // {The Kremlin}: one brace group → an organisation.
  if (raw.size() >= 2 && raw.front() == '{' && raw.back() == '}') {
    int depth = 0;
    bool whole = true;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '{') ++depth;
      else if (raw[i] == '}' && --depth == 0 && i + 1 != raw.size()) whole = false;
    }
    if (whole && raw.find(',') == std::string_view::npos) {
      n.literal = decode(raw.substr(1, raw.size() - 2));
      return;
    }
    if (whole) {  // {Family, Given} as one group: still a literal (BibTeX treats it so)
      n.literal = decode(raw.substr(1, raw.size() - 2));
      return;
    }
  }
  thread_local std::vector<std::string_view> parts_buffer, tokens;
  auto& parts = parts_buffer;
  split_depth0(raw, true, parts);
  // biber's extended name format: family=…, given=…, prefix=…, suffix=…
  if (!parts.empty() && parts[0].find('=') != std::string_view::npos) {
    bool extended = true;
    name x;
    for (auto p : parts) {
      const auto eq = p.find('=');
      if (eq == std::string_view::npos) {
        extended = false;
        break;
      }
      const std::string_view k = text::trim(p.substr(0, eq));
      const std::string v = decode(text::trim(p.substr(eq + 1)));
      if (k == "family") x.family = v;
      else if (k == "given") x.given = v;
      else if (k == "prefix") x.non_dropping_particle = v;
      else if (k == "suffix") x.suffix = v;
    }
    if (extended && (!x.family.empty() || !x.given.empty())) {
      n = std::move(x);
      return;
    }
  }
  while (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  if (parts.size() == 1) {
    auto& t = tokens;
    split_depth0(parts[0], false, t);
    if (t.empty()) return;
    if (t.size() == 1) {
      n.family = decode(t[0]);
      return;
    }
    std::size_t von_start = t.size(), von_end = t.size();
    for (std::size_t i = 0; i + 1 < t.size(); ++i)
      if (is_lower_token(t[i])) {
        von_start = i;
        break;
      }
    if (von_start == t.size()) {
      n.given = join(t, 0, t.size() - 1);
      n.family = decode(t.back());
      return;
    }
    for (std::size_t j = t.size() - 1; j-- > von_start;)
      if (is_lower_token(t[j])) {
        von_end = j + 1;
        break;
      }
    n.given = join(t, 0, von_start);
    n.non_dropping_particle = join(t, von_start, von_end);
    n.family = join(t, von_end, t.size());
    return;
  }
  auto& t = tokens;
  split_depth0(parts[0], false, t);
  std::size_t von_end = 0;
  if (t.size() > 1)
    for (std::size_t j = t.size() - 1; j-- > 0;)
      if (is_lower_token(t[j])) {
        von_end = j + 1;
        break;
      }
  if (von_end > 0 && !is_lower_token(t[0])) von_end = 0;
  n.non_dropping_particle = join(t, 0, von_end);
  n.family = join(t, von_end, t.size());
  if (parts.size() == 2) {
    n.given = decode(parts[1]);
  } else if (parts.size() == 3 && parts[2] == "{}") {  // von Last, Jr, {} (no given name)
    n.suffix = decode(parts[1]);
  } else {
    n.suffix = decode(parts[1]);
    std::string given;
    for (std::size_t i = 2; i < parts.size(); ++i) given += (i > 2 ? ", " : "") + std::string(parts[i]);
    n.given = decode(given);
  }
}

}  // namespace

std::vector<name> parse_names(std::string_view raw) {
  std::vector<name> names;
  thread_local std::vector<std::string_view> and_parts;
  split_and(raw, and_parts);
  names.reserve(std::min<std::size_t>(and_parts.size(), 64));
  for (auto part : and_parts) {
    part = text::trim(part);
    if (part.empty()) continue;
    if (part == "others") continue;
    name& n = names.emplace_back();
    parse_one(part, n);
    if (n.family.empty() && n.given.empty() && n.literal.empty()) names.pop_back();
  }
  return names;
}

}  // namespace bicite::detail::bib
