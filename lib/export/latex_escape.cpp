#include "export/latex_escape.hpp"

#include <cctype>
#include <unordered_map>
#include <vector>

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

// ASCII bytes that escape_cp copies as they are.
struct plain_table {
  bool plain[128] = {};
  constexpr plain_table() {
    for (int c = 0x20; c < 0x7f; ++c) plain[c] = true;
    for (char c : std::string_view("{}\\~^%&#_$")) plain[static_cast<unsigned char>(c)] = false;
  }
};
constexpr plain_table plain_ascii{};

}  // namespace

void escape_into(std::string& out, std::string_view s, bool ascii) {
  const char* const d = s.data();
  std::size_t run = 0;  // start of the bytes copied as they are
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(d[i]);
    if (c < 0x80) {
      if (plain_ascii.plain[c]) {
        ++i;
        continue;
      }
      out.append(d + run, i - run);
      escape_cp(out, c, ascii);
      run = ++i;
      continue;
    }
    std::size_t p = i;
    const char32_t cp = text::next_code_point(s, p);
    if (!ascii && cp != 0xFFFD) {  // valid UTF-8 is copied as it is
      i = p;
      continue;
    }
    out.append(d + run, i - run);
    escape_cp(out, cp, ascii);
    i = run = p;
  }
  out.append(d + run, s.size() - run);
}

std::string escape(std::string_view s, bool ascii) {
  std::string out;
  out.reserve(s.size() + 8);
  escape_into(out, s, ascii);
  return out;
}

void escape_verbatim_into(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '{' || c == '}' || c == '\\' || c <= 0x20 || c == 0x7f) {
      out.append(s.data() + run, i - run);
      const char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
      out.append(enc, 3);
      run = i + 1;
    }
  }
  out.append(s.data() + run, s.size() - run);
}

std::string escape_verbatim(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  escape_verbatim_into(out, s);
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

// The closing brace of every opening brace of a text (npos when it has none), built the first time
// an argument's brace turns out not to close: from then on an unclosed brace costs nothing to find
// again, so that many commands before an unclosed brace stay linear.
struct brace_matches {
  std::vector<std::size_t> close;
  bool built = false;
  void build(std::string_view s) {
    close.assign(s.size(), std::string_view::npos);
    std::vector<std::size_t> open;
    for (std::size_t k = 0; k < s.size(); ++k) {
      if (s[k] == '\\' && k + 1 < s.size()) {
        ++k;
        continue;
      }
      if (s[k] == '{') {
        open.push_back(k);
      } else if (s[k] == '}' && !open.empty()) {
        close[open.back()] = k;
        open.pop_back();
      }
    }
    built = true;
  }
};

// An accent command and its letter as the accent table's key ("\\'" + "e").
std::string accent_key(std::string_view accent, std::string_view letter) {
  std::string key;
  key.reserve(accent.size() + letter.size());
  key.append(accent.data(), accent.size());
  key.append(letter.data(), letter.size());
  return key;
}

// Reads a command's single argument: "{…}" (balanced) or one character, after optional spaces.
std::string_view read_argument(std::string_view s, std::size_t& i, brace_matches& m) {
  std::size_t j = i;
  while (j < s.size() && s[j] == ' ') ++j;
  if (j >= s.size()) return {};
  if (s[j] == '{') {
    std::size_t k = j;
    if (m.built) {
      k = m.close[j];
    } else {
      int depth = 0;
      for (; k < s.size(); ++k) {
        if (s[k] == '\\' && k + 1 < s.size()) {
          ++k;
          continue;
        }
        if (s[k] == '{') ++depth;
        else if (s[k] == '}' && --depth == 0) break;
      }
    }
    if (k >= s.size()) {
      if (!m.built) m.build(s);
      return {};
    }
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

// Decoded text with white space folded as it is written: runs of space, tab and newline become
// one space, none at the start (from `base` on) and none at the end.
struct sink {
  std::string& out;
  std::size_t base;
  bool space = false;
  static bool ws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
  void flush() {
    if (space && out.size() > base) out += ' ';
    space = false;
  }
  sink& operator+=(char c) {
    if (ws(c)) {
      space = true;
    } else {
      flush();
      out += c;
    }
    return *this;
  }
  sink& operator+=(std::string_view v) {
    for (std::size_t i = 0; i < v.size();) {
      if (ws(v[i])) {
        space = true;
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < v.size() && !ws(v[j])) ++j;
      flush();
      out.append(v.data() + i, j - i);
      i = j;
    }
    return *this;
  }
  sink& operator+=(const std::string& v) { return *this += std::string_view(v); }
  void plain(std::string_view v) {  // text without white space
    flush();
    out.append(v.data(), v.size());
  }
  sink& operator+=(const char* v) { return *this += std::string_view(v); }
  void cp(char32_t c) {
    if (c < 0x80) {
      *this += static_cast<char>(c);
      return;
    }
    flush();
    text::append_utf8(out, c);
  }
};

void decode_into(sink& out, std::string_view s, int depth_guard);

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
bool combine(sink& out, char accent, std::string_view letter) {
  static const std::pair<char, char32_t> marks[] = {{'`', 0x300}, {'\'', 0x301}, {'^', 0x302}, {'~', 0x303}, {'=', 0x304},
                                                    {'u', 0x306}, {'.', 0x307}, {'"', 0x308}, {'r', 0x30A}, {'H', 0x30B},
                                                    {'v', 0x30C}, {'d', 0x323}, {'c', 0x327}, {'k', 0x328}, {'b', 0x331}};
  if (letter.size() != 1 || !std::isalpha(static_cast<unsigned char>(letter[0]))) return false;
  for (auto [a, cp] : marks)
    if (a == accent) {
      out += letter;
      out.cp(cp);
      return true;
    }
  return false;
}

}  // namespace

void decode_into(std::string& out, std::string_view s) {
  sink k{out, out.size()};
  decode_into(k, s, 0);
}

std::string decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  decode_into(out, s);
  return out;
}

namespace {

// Bytes that start something decode_into must look at, and white space; anything else is copied as it is.
struct special_table {
  bool special[256] = {};
  constexpr special_table() {
    for (char c : std::string_view("{}~-`'\\ \t\n\r")) special[static_cast<unsigned char>(c)] = true;
  }
};
constexpr special_table decode_special{};

void decode_into(sink& out, std::string_view s, int depth_guard) {
  const auto& t = latex();
  brace_matches matches;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (!decode_special.special[static_cast<unsigned char>(c)]) {
      std::size_t j = i + 1;
      while (j < s.size() && !decode_special.special[static_cast<unsigned char>(s[j])]) ++j;
      out.plain(s.substr(i, j - i));
      i = j;
      continue;
    }
    if (c == '{' || c == '}') {
      ++i;
      continue;
    }
    if (c == '~') {
      out.cp(0xA0);
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
      const std::string_view acc = s.substr(i, 2);
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
      std::string_view a = read_argument(s, j, matches);
      if (a == "\\i" || a == "{\\i}") a = "i";
      if (a == "\\j") a = "j";
      if (auto it = t.accent.find(accent_key(acc, a)); it != t.accent.end()) {
        out.cp(it->second);
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
      std::string_view a = read_argument(s, k, matches);
      if (a == "\\i") a = "i";
      if (auto it = t.accent.find(accent_key(cmd, a)); it != t.accent.end()) {
        out.cp(it->second);
        i = k;
        continue;
      }
      if (combine(out, cmd[1], a)) {
        i = k;
        continue;
      }
    }
    if (auto it = t.command.find(cmd); it != t.command.end()) {
      out.cp(it->second);
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
        read_argument(s, k, matches);
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
      std::string_view arg = read_argument(s, k, matches);
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
      std::string_view arg = read_argument(s, k, matches);
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
