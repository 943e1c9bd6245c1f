// Loading transliteration schemes from lib/translit/data/*.tsv (see the comment block at the top of
// each file for the rule format) into the lookup tables of scheme.hpp. ICU is used here, once, to
// make the upper-case and title-case forms of every output; never on the transliteration path.
#include "translit/scheme.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "bicite/text.hpp"
#include "core/embedded.hpp"

namespace bicite::translit::detail {
namespace {

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> cps;
  for (std::size_t pos = 0; pos < s.size();) cps.push_back(text::next_code_point(s, pos));
  return cps;
}

enum class rule_kind { map, after, before, ending };

struct raw_rule {
  rule_kind kind = rule_kind::map;
  std::string context;
  std::string letter;
  std::string output;
};

struct raw_scheme {
  std::string description, source;
  std::vector<raw_rule> rules;  // own rules first, then included ones (own rules win)
};

std::optional<raw_scheme> read_raw(std::string_view name, int depth) {
  if (depth > 4) return std::nullopt;
  const std::string file = "translit/" + std::string(name) + ".tsv";
  const auto rows = bicite::detail::data_rows(file);
  if (rows.empty()) return std::nullopt;
  raw_scheme out;
  out.description = std::string(bicite::detail::data_comment(file, "description"));
  out.source = std::string(bicite::detail::data_comment(file, "source"));
  std::vector<raw_rule> included;
  for (const auto& cols : rows) {
    if (cols.size() < 3) continue;
    const std::string_view kind = cols[0];
    std::string output = cols.size() > 3 ? std::string(cols[3]) : std::string();
    if (output == "\"\"") output.clear();
    if (kind == "include") {
      if (auto inc = read_raw(cols[2], depth + 1)) included.insert(included.end(), inc->rules.begin(), inc->rules.end());
      continue;
    }
    raw_rule r;
    if (kind == "map") r.kind = rule_kind::map;
    else if (kind == "after") r.kind = rule_kind::after;
    else if (kind == "before") r.kind = rule_kind::before;
    else if (kind == "ending") r.kind = rule_kind::ending;
    else continue;
    r.context = std::string(cols[1]);
    r.letter = std::string(cols[2]);
    r.output = std::move(output);
    out.rules.push_back(std::move(r));
  }
  // Own map rules override included ones: put included maps first so that later entries win,
  // and own context rules first so that they are tried first.
  std::vector<raw_rule> merged;
  for (auto& r : included)
    if (r.kind == rule_kind::map) merged.push_back(r);
  for (auto& r : out.rules)
    if (r.kind == rule_kind::map) merged.push_back(r);
  for (auto& r : out.rules)
    if (r.kind != rule_kind::map) merged.push_back(r);
  for (auto& r : included)
    if (r.kind != rule_kind::map) merged.push_back(r);
  out.rules = std::move(merged);
  return out;
}

std::int32_t add_output(scheme& s, std::map<std::string, std::int32_t>& seen, const std::string& lower) {
  if (auto it = seen.find(lower); it != seen.end()) return it->second;
  cased_output o;
  auto put = [&](const std::string& v, std::uint32_t& at, std::uint8_t& len) {
    at = static_cast<std::uint32_t>(s.pool.size());
    len = static_cast<std::uint8_t>(std::min<std::size_t>(v.size(), 255));
    s.pool.append(v, 0, len);
  };
  std::string title = lower;
  if (!lower.empty()) {
    std::size_t pos = 0;
    text::next_code_point(lower, pos);
    title = text::to_upper(lower.substr(0, pos)) + lower.substr(pos);
  }
  put(lower, o.lower_at, o.lower_len);
  put(title, o.title_at, o.title_len);
  const std::string upper = text::to_upper(lower);
  put(upper, o.upper_at, o.upper_len);
  o.title_is_upper = title == upper;
  s.longest_output = std::max<std::size_t>({s.longest_output, o.lower_len, o.title_len, o.upper_len});
  const auto id = static_cast<std::int32_t>(s.outputs.size());
  s.outputs.push_back(o);
  seen.emplace(lower, id);
  return id;
}

std::optional<scheme> compile(std::string_view name) {
  auto raw = read_raw(name, 0);
  if (!raw) return std::nullopt;
  scheme s;
  s.name = std::string(name);
  s.description = raw->description;
  s.source = raw->source;
  std::map<std::string, std::int32_t> seen;
  std::array<std::vector<context_rule>, 256> after, before;
  std::map<char32_t, std::string> plain;
  for (const auto& r : raw->rules) {
    const auto letters = code_points(r.letter);
    if (letters.empty()) continue;
    const std::int32_t out = add_output(s, seen, r.output);
    if (r.kind == rule_kind::ending) {
      if (letters.size() == 2) s.endings.push_back({cyrillic_lower(letters[0]), cyrillic_lower(letters[1]), out});
      continue;
    }
    const char32_t letter = cyrillic_lower(letters[0]);
    if (letter < 0x400 || letter >= 0x500) continue;
    const std::size_t i = letter - 0x400;
    if (r.kind == rule_kind::map) {
      s.letters[i].output = out;
      plain[letter] = r.output;
      continue;
    }
    context_rule c;
    c.output = out;
    for (char32_t cp : code_points(r.context)) {
      if (cp == U'^' || cp == U'$') c.context.edge = true;
      else c.context.add(cyrillic_lower(cp));
    }
    (r.kind == rule_kind::after ? after : before)[i].push_back(c);
  }
  for (std::size_t i = 0; i < 256; ++i) {
    s.letters[i].after_begin = static_cast<std::uint16_t>(s.after.size());
    s.letters[i].after_count = static_cast<std::uint16_t>(after[i].size());
    s.after.insert(s.after.end(), after[i].begin(), after[i].end());
    s.letters[i].before_begin = static_cast<std::uint16_t>(s.before.size());
    s.letters[i].before_count = static_cast<std::uint16_t>(before[i].size());
    s.before.insert(s.before.end(), before[i].begin(), before[i].end());
  }
  for (auto& [letter, output] : plain) s.plain.emplace_back(output, letter);
  s.pool.append(16, '\0');  // padding: outputs are copied 16 bytes at a time
  return s;
}

}  // namespace

const std::vector<scheme>& all_schemes() {
  static const std::vector<scheme> list = [] {
    std::vector<scheme> out;
    constexpr std::string_view prefix = "translit/", suffix = ".tsv";
    for (const auto& entry : bicite::detail::embedded_files()) {
      if (!entry.name.starts_with(prefix) || !entry.name.ends_with(suffix)) continue;
      const auto name = entry.name.substr(prefix.size(), entry.name.size() - prefix.size() - suffix.size());
      if (name.find('/') != std::string_view::npos) continue;
      if (!entry.bytes.starts_with("# Transliteration scheme")) continue;  // other data files
      if (auto s = compile(name)) out.push_back(std::move(*s));
    }
    std::sort(out.begin(), out.end(), [](const scheme& a, const scheme& b) { return a.name < b.name; });
    return out;
  }();
  return list;
}

const scheme* find_scheme(std::string_view name) {
  const auto& list = all_schemes();
  auto it = std::lower_bound(list.begin(), list.end(), name,
                             [](const scheme& s, std::string_view n) { return s.name < n; });
  return it != list.end() && it->name == name ? &*it : nullptr;
}

}  // namespace bicite::translit::detail
