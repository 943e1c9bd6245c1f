#include "export/tables.hpp"

#include <cctype>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "bicite/text.hpp"
#include "core/embedded.hpp"

namespace bicite::detail::bib {

std::vector<std::vector<std::string_view>> tsv_rows(std::string_view name) { return data_rows(name); }

namespace {

char32_t first_cp(std::string_view s) {
  std::size_t pos = 0;
  return s.empty() ? 0 : text::next_code_point(s, pos);
}

latex_tables load_latex() {
  latex_tables t;
  for (const auto& row : tsv_rows("export/latex_chars.tsv")) {
    if (row.size() < 2 || row[0].empty() || row[1].size() < 2) continue;
    const char32_t cp = first_cp(row[0]);
    const std::string latex(row[1]);
    t.to_latex.emplace(cp, latex);
    // "\'e", "\v{c}", "\'{\i}" → accent + letter; "\cyrzh", "\ss" → command.
    const bool letter_cmd = std::isalpha(static_cast<unsigned char>(latex[1])) != 0;
    if (!letter_cmd) {
      std::string acc = latex.substr(0, 2);
      std::string arg = latex.substr(2);
      if (arg.size() >= 2 && arg.front() == '{' && arg.back() == '}') arg = arg.substr(1, arg.size() - 2);
      if (arg == "\\i") arg = "i";
      if (arg.empty()) {
        t.command.emplace(latex, cp);
      } else {
        t.accent.emplace(acc + arg, cp);
        if (arg.size() == 1) t.base_letter.emplace(cp, static_cast<char32_t>(arg[0]));
      }
      continue;
    }
    std::size_t n = 1;
    while (n < latex.size() && std::isalpha(static_cast<unsigned char>(latex[n]))) ++n;
    if (n == latex.size()) {
      t.command.emplace(latex, cp);
    } else {  // \v{c}, \c{c}
      std::string arg = latex.substr(n);
      if (arg.size() >= 2 && arg.front() == '{' && arg.back() == '}') arg = arg.substr(1, arg.size() - 2);
      if (arg == "\\i") arg = "i";
      t.accent.emplace(latex.substr(0, n) + arg, cp);
      if (arg.size() == 1) t.base_letter.emplace(cp, static_cast<char32_t>(arg[0]));
    }
  }
  // Letters without an accent that still have an ASCII base for keys.
  const std::pair<char32_t, const char*> folds[] = {{U'ß', "ss"}, {U'æ', "ae"}, {U'ø', "o"}, {U'å', "a"},
                                                    {U'ł', "l"}, {U'ı', "i"}, {U'đ', "d"}, {U'œ', "oe"}};
  for (auto [cp, s] : folds)
    if (s[1] == 0) t.base_letter.emplace(cp, static_cast<char32_t>(s[0]));
  return t;
}

struct lang_tables {
  std::map<std::string, std::string, std::less<>> to_langid, to_code;
};

const lang_tables& langs() {
  static const lang_tables t = [] {
    lang_tables l;
    for (const auto& row : tsv_rows("export/languages.tsv")) {
      if (row.size() < 2) continue;
      l.to_langid.emplace(simple_lower(row[0]), std::string(row[1]));
      l.to_code.emplace(std::string(row[1]), std::string(row[0]));
    }
    return l;
  }();
  return t;
}

}  // namespace

const latex_tables& latex() {
  static const latex_tables t = load_latex();
  return t;
}

std::string langid_for(std::string_view code) {
  const auto& l = langs();
  std::string lower = simple_lower(code);
  if (auto it = l.to_langid.find(lower); it != l.to_langid.end()) return it->second;
  if (auto dash = lower.find('-'); dash != std::string::npos)
    if (auto it = l.to_langid.find(lower.substr(0, dash)); it != l.to_langid.end()) return it->second;
  return {};
}

std::string code_for_langid(std::string_view langid) {
  const auto& l = langs();
  std::string lower = simple_lower(langid);
  if (auto it = l.to_code.find(lower); it != l.to_code.end()) return it->second;
  return {};
}

namespace {

struct sv_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// The data model as bit sets: one bit per field name, one set per entry type.
struct field_model {
  std::unordered_map<std::string, std::size_t, sv_hash, std::equal_to<>> field_id;
  std::unordered_map<std::string, std::vector<bool>, sv_hash, std::equal_to<>> by_type;
  std::vector<bool> global;
};

const field_model& model() {
  static const field_model m = [] {
    field_model x;
    std::vector<std::pair<std::string, std::vector<std::string>>> rows;
    for (const auto& row : tsv_rows("export/biblatex_fields.tsv")) {
      if (row.size() < 2) continue;
      std::vector<std::string> list;
      std::string_view rest = row[1];
      while (!rest.empty()) {
        auto comma = rest.find(',');
        list.emplace_back(rest.substr(0, comma));
        x.field_id.emplace(list.back(), x.field_id.size());
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
      rows.emplace_back(std::string(row[0]), std::move(list));
    }
    for (auto& [type, list] : rows) {
      std::vector<bool> bits(x.field_id.size());
      for (const auto& f : list) bits[x.field_id.at(f)] = true;
      if (type == "*") x.global = std::move(bits);
      else x.by_type.emplace(type, std::move(bits));
    }
    return x;
  }();
  return m;
}

}  // namespace

bool biblatex_allows(std::string_view type, std::string_view field) {
  const auto& m = model();
  auto f = m.field_id.find(field);
  if (f == m.field_id.end()) return false;
  if (f->second < m.global.size() && m.global[f->second]) return true;
  auto t = m.by_type.find(type);
  return t != m.by_type.end() && t->second[f->second];
}

bool is_upper_letter(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return cp == 0x178 || ((cp < 0x138 || cp > 0x148) ? cp % 2 == 0 : cp % 2 == 1);
  if (cp >= 0x400 && cp <= 0x42F) return true;
  if (cp >= 0x460 && cp <= 0x4FF) return cp % 2 == 0;
  if (cp >= 0x391 && cp <= 0x3AB) return true;
  if (cp >= 0x430 && cp <= 0x45F) return false;
  std::string one;
  text::append_utf8(one, cp);
  return text::to_lower(one) != one;
}

bool is_lower_letter(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return !is_upper_letter(cp);
  if (cp >= 0x430 && cp <= 0x45F) return true;
  if (cp >= 0x460 && cp <= 0x4FF) return cp % 2 == 1;
  if (cp >= 0x3B1 && cp <= 0x3CB) return true;
  if (cp >= 0x400 && cp <= 0x42F) return false;
  std::string one;
  text::append_utf8(one, cp);
  return text::to_upper(one) != one;
}

std::string simple_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) {  // not all ASCII: by code points
      simple_lower_into(out, s);
      return out;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

void simple_lower_into(std::string& out, std::string_view s) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++pos;
      continue;
    }
    if ((c == 0xD0 || c == 0xD1) && pos + 1 < s.size() && (static_cast<unsigned char>(s[pos + 1]) & 0xC0) == 0x80) {
      // Cyrillic U+0400–U+047F, two bytes: capitals U+0400–U+042F to their small letters, inline
      const char32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[pos + 1]) & 0x3Fu);
      const char32_t low = cp >= 0x410 && cp <= 0x42F ? cp + 0x20 : cp >= 0x400 && cp <= 0x40F ? cp + 0x50 : cp;
      out += static_cast<char>(0xC0 | (low >> 6));
      out += static_cast<char>(0x80 | (low & 0x3F));
      pos += 2;
      continue;
    }
    char32_t cp = text::next_code_point(s, pos);
    if (cp >= 'A' && cp <= 'Z') cp += 32;
    else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
    else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
    text::append_utf8(out, cp);
  }
}

bool is_stop_word(std::string_view lower_word) {
  static const std::unordered_set<std::string, sv_hash, std::equal_to<>> words = [] {
    std::unordered_set<std::string, sv_hash, std::equal_to<>> s;
    for (const auto& row : tsv_rows("export/key_stopwords.tsv"))
      if (!row.empty() && !row[0].empty()) s.emplace(row[0]);
    return s;
  }();
  return words.find(lower_word) != words.end();
}

}  // namespace bicite::detail::bib
