#include "export/tables.hpp"

#include <cctype>
#include <map>

#include "bicite/text.hpp"
#include "core/embedded.hpp"

namespace bicite::detail::bib {

std::vector<std::vector<std::string_view>> tsv_rows(std::string_view name) {
  std::vector<std::vector<std::string_view>> rows;
  auto data = embedded_file(name);
  if (!data) return rows;
  std::string_view s = *data;
  bool header = true;
  while (!s.empty()) {
    auto nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string_view> cells;
    for (;;) {
      auto tab = line.find('\t');
      cells.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

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
      l.to_langid.emplace(text::to_lower(row[0]), std::string(row[1]));
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
  std::string lower = text::to_lower(code);
  if (auto it = l.to_langid.find(lower); it != l.to_langid.end()) return it->second;
  if (auto dash = lower.find('-'); dash != std::string::npos)
    if (auto it = l.to_langid.find(lower.substr(0, dash)); it != l.to_langid.end()) return it->second;
  return {};
}

std::string code_for_langid(std::string_view langid) {
  const auto& l = langs();
  std::string lower = text::to_lower(langid);
  if (auto it = l.to_code.find(lower); it != l.to_code.end()) return it->second;
  return {};
}

bool biblatex_allows(std::string_view type, std::string_view field) {
  static const std::map<std::string, std::set<std::string, std::less<>>, std::less<>> fields = [] {
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> m;
    for (const auto& row : tsv_rows("export/biblatex_fields.tsv")) {
      if (row.size() < 2) continue;
      auto& set = m[std::string(row[0])];
      std::string_view list = row[1];
      while (!list.empty()) {
        auto comma = list.find(',');
        set.emplace(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
      }
    }
    return m;
  }();
  if (auto it = fields.find("*"); it != fields.end() && it->second.count(field)) return true;
  auto it = fields.find(type);
  return it != fields.end() && it->second.count(field) > 0;
}

bool is_stop_word(std::string_view lower_word) {
  static const std::set<std::string, std::less<>> words = [] {
    std::set<std::string, std::less<>> s;
    for (const auto& row : tsv_rows("export/key_stopwords.tsv"))
      if (!row.empty() && !row[0].empty()) s.emplace(row[0]);
    return s;
  }();
  return words.count(lower_word) > 0;
}

const std::unordered_map<char32_t, std::string>& key_translit() {
  static const std::unordered_map<char32_t, std::string> table = [] {
    std::unordered_map<char32_t, std::string> m;
    for (const auto& row : tsv_rows("export/key_translit.tsv"))
      if (!row.empty() && !row[0].empty()) m.emplace(first_cp(row[0]), row.size() > 1 ? std::string(row[1]) : "");
    return m;
  }();
  return table;
}

}  // namespace bicite::detail::bib
