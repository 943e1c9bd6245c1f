#include "export/latex_escape.hpp"

#include <cctype>
#include <unordered_map>

#include "bicite/bibtex.hpp"
#include "bicite/text.hpp"
#include "export/tables.hpp"

namespace bicite::detail::bib {
namespace {

void escape_cp(std::string& out, char32_t cp, bool ascii) {
  switch (cp) {
    case U'{': out += "\\textbraceleft{}"; return;
    case U'}': out += "\\textbraceright{}"; return;
    case U'\\': out += "\\textbackslash{}"; return;
    case U'~': out += "\\textasciitilde{}"; return;
    case U'^': out += "\\textasciicircum{}"; return;
    case U'%': case U'&': case U'#': case U'_': case U'$':
      out += '\\';
      out += static_cast<char>(cp);
      return;
    default: break;
  }
  if (cp < 0x20 || cp == 0x7f) {
    out += ' ';
    return;
  }
  if (cp < 0x80 || !ascii) {
    text::append_utf8(out, cp);
    return;
  }
  switch (cp) {
    case U'–': out += "--"; return;
    case U'—': out += "---"; return;
    case U'“': out += "``"; return;
    case U'”': out += "''"; return;
    case U'‘': out += "`"; return;
    case U'’': out += "'"; return;
    case 0xA0: out += "~"; return;
    default: break;
  }
  const auto& t = latex().to_latex;
  if (auto it = t.find(cp); it != t.end()) {
    out += '{';
    out += it->second;
    out += '}';
    return;
  }
  text::append_utf8(out, cp);  // no LaTeX form: kept as UTF-8
}

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0xA0; }

}  // namespace

std::string escape(std::string_view s, bool ascii) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t pos = 0; pos < s.size();) escape_cp(out, text::next_code_point(s, pos), ascii);
  return out;
}

std::string escape_protecting_capitals(std::string_view s, bool ascii) {
  std::string out;
  out.reserve(s.size() + 16);
  bool first_word = true;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t start = pos;
    std::size_t p = pos;
    char32_t cp = text::next_code_point(s, p);
    if (is_space(cp)) {
      escape_cp(out, cp, ascii);
      pos = p;
      continue;
    }
    // one word: up to the next space
    std::size_t end = p;
    while (end < s.size()) {
      std::size_t q = end;
      if (is_space(text::next_code_point(s, q))) break;
      end = q;
    }
    std::string_view word = s.substr(start, end - start);
    pos = end;
    // Where are its capitals?
    bool first_letter_seen = false, capital_first = false, capital_later = false;
    for (std::size_t k = 0; k < word.size();) {
      char32_t c = text::next_code_point(word, k);
      const bool upper = is_upper_letter(c);
      const bool letter = upper || is_lower_letter(c);
      if (!letter) continue;
      if (!first_letter_seen) capital_first = upper;
      else capital_later = capital_later || upper;
      first_letter_seen = true;
    }
    const bool protect = capital_later || (capital_first && !first_word);
    if (first_letter_seen) first_word = false;
    if (protect) out += '{';
    for (std::size_t k = 0; k < word.size();) escape_cp(out, text::next_code_point(word, k), ascii);
    if (protect) out += '}';
  }
  return out;
}

std::string escape_verbatim(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c == '{' || c == '}' || c == '\\' || c <= 0x20 || c == 0x7f) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

// Formatting commands whose argument is kept and the command dropped.
bool is_formatting(std::string_view cmd) {
  static const std::string_view list[] = {"\\emph", "\\textit", "\\textbf", "\\textsc", "\\textup", "\\textsl",
                                          "\\textrm", "\\textsf", "\\texttt", "\\textnormal", "\\mkbibquote",
                                          "\\mkbibemph", "\\enquote", "\\url", "\\nolinkurl", "\\mbox", "\\text",
                                          "\\hbox", "\\uppercase", "\\lowercase", "\\NoCaseChange"};
  for (auto c : list)
    if (c == cmd) return true;
  return false;
}

// Reads a command's single argument: "{…}" (balanced) or one character, after optional spaces.
std::string_view read_argument(std::string_view s, std::size_t& i) {
  std::size_t j = i;
  while (j < s.size() && s[j] == ' ') ++j;
  if (j >= s.size()) return {};
  if (s[j] == '{') {
    int depth = 0;
    std::size_t k = j;
    for (; k < s.size(); ++k) {
      if (s[k] == '\\' && k + 1 < s.size()) {
        ++k;
        continue;
      }
      if (s[k] == '{') ++depth;
      else if (s[k] == '}' && --depth == 0) break;
    }
    if (k >= s.size()) return {};
    i = k + 1;
    return s.substr(j + 1, k - j - 1);
  }
  if (s[j] == '\\') {  // \'{\i} handled by caller; \'\i → read the command
    std::size_t k = j + 1;
    while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
    i = k;
    return s.substr(j, k - j);
  }
  std::size_t k = j;
  text::next_code_point(s, k);
  i = k;
  return s.substr(j, k - j);
}

void decode_into(std::string& out, std::string_view s, int depth_guard);

// Commands that stand for text or for nothing (lib/export/data/latex_commands.tsv).
const std::unordered_map<std::string, std::string>& text_commands() {
  static const std::unordered_map<std::string, std::string> m = [] {
    std::unordered_map<std::string, std::string> x;
    for (const auto& row : tsv_rows("export/latex_commands.tsv"))
      if (!row.empty() && !row[0].empty()) x.emplace(std::string(row[0]), row.size() > 1 ? std::string(row[1]) : "");
    return x;
  }();
  return m;
}

// An accent on a letter with no precomposed form: the letter and a combining mark (\=P → P̄).
bool combine(std::string& out, char accent, std::string_view letter) {
  static const std::pair<char, char32_t> marks[] = {{'`', 0x300}, {'\'', 0x301}, {'^', 0x302}, {'~', 0x303}, {'=', 0x304},
                                                    {'u', 0x306}, {'.', 0x307}, {'"', 0x308}, {'r', 0x30A}, {'H', 0x30B},
                                                    {'v', 0x30C}, {'d', 0x323}, {'c', 0x327}, {'k', 0x328}, {'b', 0x331}};
  if (letter.size() != 1 || !std::isalpha(static_cast<unsigned char>(letter[0]))) return false;
  for (auto [a, cp] : marks)
    if (a == accent) {
      out += letter;
      text::append_utf8(out, cp);
      return true;
    }
  return false;
}

}  // namespace

std::string decode(std::string_view s) {
  std::string raw;
  raw.reserve(s.size());
  decode_into(raw, s, 0);
  // fold white space
  std::string out;
  out.reserve(raw.size());
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

void decode_into(std::string& out, std::string_view s, int depth_guard) {
  const auto& t = latex();
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '{' || c == '}') {
      ++i;
      continue;
    }
    if (c == '~') {
      text::append_utf8(out, 0xA0);
      ++i;
      continue;
    }
    if (c == '-' && s.substr(i, 3) == "---") {
      out += "—";
      i += 3;
      continue;
    }
    if (c == '-' && s.substr(i, 2) == "--") {
      out += "–";
      i += 2;
      continue;
    }
    if (c == '`' && s.substr(i, 2) == "``") {
      out += "“";
      i += 2;
      continue;
    }
    if (c == '\'' && s.substr(i, 2) == "''") {
      out += "”";
      i += 2;
      continue;
    }
    if (c != '\\' || i + 1 >= s.size()) {
      out += c;
      ++i;
      continue;
    }
    // A command.
    const char n = s[i + 1];
    if (!std::isalpha(static_cast<unsigned char>(n))) {
      const std::string acc(s.substr(i, 2));
      if (n == '-' || n == '/' || n == '@') {  // hyphenation hint, italic correction, space factor
        i += 2;
        continue;
      }
      if (std::string_view("&%$#_{}\\ ,;!").find(n) != std::string_view::npos) {
        if (n == ',' || n == ';' || n == '!' || n == ' ') out += ' ';
        else if (n == '\\') out += ' ';  // line break
        else out += n;
        i += 2;
        continue;
      }
      // accent with a symbol name: \' \" \` \^ \~ \= \.
      std::size_t j = i + 2;
      std::string_view arg = read_argument(s, j);
      std::string a(arg);
      if (a == "\\i" || a == "{\\i}") a = "i";
      if (a == "\\j") a = "j";
      if (auto it = t.accent.find(acc + a); it != t.accent.end()) {
        text::append_utf8(out, it->second);
        i = j;
        continue;
      }
      if (combine(out, n, a)) {
        i = j;
        continue;
      }
      out += acc;  // unknown: pass through
      i += 2;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
    const std::string cmd(s.substr(i, j - i));
    // letter accents: \v{c} \c{c} \u{a} \H{o} \k{a} \r{a} \d{a} \b{a}
    if (cmd.size() == 2 && std::string_view("vcuHkrdb").find(cmd[1]) != std::string_view::npos) {
      std::size_t k = j;
      std::string_view arg = read_argument(s, k);
      std::string a(arg);
      if (a == "\\i") a = "i";
      if (auto it = t.accent.find(cmd + a); it != t.accent.end()) {
        text::append_utf8(out, it->second);
        i = k;
        continue;
      }
      if (combine(out, cmd[1], a)) {
        i = k;
        continue;
      }
    }
    if (auto it = t.command.find(cmd); it != t.command.end()) {
      text::append_utf8(out, it->second);
      // a command followed by {} or a space: swallow the terminator
      if (j + 1 < s.size() && s[j] == '{' && s[j + 1] == '}') j += 2;
      else if (j < s.size() && s[j] == ' ') ++j;
      i = j;
      continue;
    }
    if (auto it = text_commands().find(cmd); it != text_commands().end()) {
      out += it->second;
      if (cmd == "\\noopsort" || cmd == "\\nocite" || cmd.find("phantom") != std::string::npos) {
        std::size_t k = j;  // commands whose argument is not text: drop it too
        read_argument(s, k);
        j = k;
      } else if (j + 1 < s.size() && s[j] == '{' && s[j + 1] == '}') {
        j += 2;
      } else if (!it->second.empty() && j < s.size() && s[j] == ' ' && it->second.back() != ' ') {
        // "\TeX book": the space after a command name is not text
        ++j;
      }
      i = j;
      continue;
    }
    if (cmd == "\\relax") {
      i = j;
      while (i < s.size() && s[i] == ' ') ++i;
      continue;
    }
    if (is_formatting(cmd) && depth_guard < 20) {
      std::size_t k = j;
      std::string_view arg = read_argument(s, k);
      if (k != j) {
        if (cmd == "\\url" || cmd == "\\nolinkurl") out += arg;
        else decode_into(out, arg, depth_guard + 1);
        i = k;
        continue;
      }
    }
    out += cmd;  // unknown command: kept as written, with its braced argument
    i = j;
    if (i + 1 < s.size() && s[i] == '{' && s[i + 1] == '}') {
      i += 2;  // \foo{} : the empty group only ends the command name
    } else if (i < s.size() && s[i] == '{') {
      std::size_t k = i;
      std::string_view arg = read_argument(s, k);
      if (k != i) {
        out += '{';
        out += arg;
        out += '}';
        i = k;
      }
    }
  }
}

}  // namespace
}  // namespace bicite::detail::bib

namespace bicite::bibtex {
std::string latex_to_unicode(std::string_view latex) { return detail::bib::decode(latex); }
}  // namespace bicite::bibtex
