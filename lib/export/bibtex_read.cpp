// .bib files → CSL items, parsed the way biber reads them.
#include <cctype>
#include <deque>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <set>
#include <unordered_set>

#include "core/limits.hpp"
#include "bicite/bibtex.hpp"
#include "bicite/text.hpp"
#include "export/bib_dates.hpp"
#include "export/bib_names.hpp"
#include "export/bib_types.hpp"
#include "export/latex_escape.hpp"
#include "export/tables.hpp"

namespace bicite::bibtex {
namespace {

using namespace detail::bib;

// A bit per field name (from its length and two of its letters), so that asking an entry for one of
// the many fields it does not have is one test instead of a comparison with each of its fields.
inline std::uint64_t name_bit(std::string_view f) {
  if (f.empty()) return 1;
  const unsigned h = static_cast<unsigned>(f.size()) * 7u + static_cast<unsigned char>(f[0]) * 3u +
                     static_cast<unsigned char>(f[f.size() - 1]) * 5u + static_cast<unsigned char>(f[f.size() / 2]);
  return std::uint64_t{1} << (h % 64);
}

struct raw_entry {
  std::string type;  // lower case
  std::string key;
  std::vector<std::pair<std::string, std::string_view>> fields;  // lower-case name → raw value (in the input or the parser's store)
  std::uint64_t names = 0;                                  // name_bit of every field name
  std::size_t begin = 0;
  const std::string_view* get(std::string_view f) const {
    if ((names & name_bit(f)) == 0) return nullptr;
    for (const auto& [k, v] : fields)
      if (k == f) return &v;
    return nullptr;
  }
  void add(std::string f, std::string_view v) {
    names |= name_bit(f);
    fields.emplace_back(std::move(f), v);
  }
  void set_if_absent(const std::string& f, std::string_view v) {
    if (!get(f)) add(f, v);
  }
};

// The deepest brace nesting a field value may have (biber has no limit; real files stay below 10).
constexpr int max_brace_depth = limits::max_bibtex_brace_depth;

// The C locale's character classes, without a library call per character.
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool ident_char(char c) {
  return is_alnum(c) || c == '_' || c == '-' || c == ':' || c == '.' || c == '+' ||
         c == '/' || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}

struct parser {
  std::string_view s;
  std::size_t pos = 0;
  std::vector<diagnostic>& diags;
  std::map<std::string, std::string, std::less<>> macros;
  std::vector<raw_entry> entries;
  std::deque<std::string> store;  // values that are not one piece of the input (macros, # concatenation)

  struct failure {
    std::size_t resume;  // where to go on
  };

  void error(std::string code, std::size_t at, std::string message, std::string hint = {}) {
    diags.push_back({std::move(code), severity::error, {at, std::min(at + 1, s.size())}, std::move(message), std::move(hint)});
  }
  void warn(std::string code, std::size_t at, std::size_t end, std::string message) {
    diags.push_back({std::move(code), severity::warning, {at, end}, std::move(message), {}});
  }

  void skip_ws() {
    while (pos < s.size() && is_space(s[pos])) ++pos;
  }

  // True when "@type{" or "@type(" starts at `at`.
  bool entry_starts_at(std::size_t at) const {
    if (at >= s.size() || s[at] != '@') return false;
    std::size_t e = at + 1;
    while (e < s.size() && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
    if (e == at + 1) return false;
    while (e < s.size() && (s[e] == ' ' || s[e] == '\t')) ++e;
    return e < s.size() && (s[e] == '{' || s[e] == '(');
  }

  // An "@type{" or "@type(" at the start of a line, from `from` on; npos when none.
  std::size_t next_line_entry(std::size_t from) const {
    for (std::size_t at = s.find('@', from); at != std::string_view::npos; at = s.find('@', at + 1)) {
      std::size_t b = at;
      while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
      if (b != 0 && s[b - 1] != '\n') continue;
      std::size_t e = at + 1;
      while (e < s.size() && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
      if (e == at + 1) continue;
      while (e < s.size() && (s[e] == ' ' || s[e] == '\t')) ++e;
      if (e < s.size() && (s[e] == '{' || s[e] == '(')) return at;
    }
    return std::string_view::npos;
  }

  std::string read_ident() {
    const std::size_t b = pos;
    while (pos < s.size() && ident_char(s[pos])) ++pos;
    return std::string(s.substr(b, pos - b));
  }

  enum class part { ok, unbalanced, too_deep };

  // A braced or quoted part; `pos` is at the opening delimiter. Braces nested deeper than
  // max_brace_depth stop the reading there (too_deep, `pos` at the brace).
  part read_delimited(std::string_view& out, bool guard_entries) {
    static constexpr struct table {
      bool stop[256] = {};
      constexpr table() {
        for (char c : std::string_view("\\{}\"\n")) stop[static_cast<unsigned char>(c)] = true;
      }
    } interesting{};
    const char open = s[pos];
    const std::size_t start = ++pos;
    int depth = open == '{' ? 1 : 0;
    for (; pos < s.size(); ++pos) {
      const char c = s[pos];
      if (!interesting.stop[static_cast<unsigned char>(c)]) continue;
      if (c == '\\' && pos + 1 < s.size()) {  // \{ still counts for BibTeX, but \" does not end a string
        if (open == '"' && s[pos + 1] == '"') {
          ++pos;
          continue;
        }
      }
      if (c == '{') {
        if (++depth > max_brace_depth) return part::too_deep;
      } else if (c == '}') {
        if (depth == 0) return part::unbalanced;  // a closing brace too many inside a quoted value
        if (--depth == 0 && open == '{') {
          out = s.substr(start, pos - start);
          ++pos;
          return part::ok;
        }
      } else if (c == '"' && open == '"' && depth == 0) {
        out = s.substr(start, pos - start);
        ++pos;
        return part::ok;
      } else if (c == '\n' && guard_entries && depth >= 1) {
        // A new entry at the start of a line while a value is still open: the braces are unbalanced.
        if (entry_starts_at(pos + 1 + count_blank(pos + 1))) return part::unbalanced;
      }
    }
    return part::unbalanced;
  }

  std::size_t count_blank(std::size_t p) const {
    std::size_t n = 0;
    while (p + n < s.size() && (s[p + n] == ' ' || s[p + n] == '\t')) ++n;
    return n;
  }

  // value := part ("#" part)*; returns false (with a diagnostic) on a syntax error.
  bool read_value(std::string& out, const std::string& field, const std::string& key, std::size_t entry_begin) {
    for (;;) {
      skip_ws();
      if (pos >= s.size()) {
        error("bibtex.unexpected-end", entry_begin, "entry \"" + key + "\" ends in the middle of field \"" + field + "\"");
        return false;
      }
      const char c = s[pos];
      if (c == '{' || c == '"') {
        std::string_view piece;
        const part got = read_delimited(piece, true);
        if (got == part::too_deep) {
          error("bibtex.too-deep", pos,
                "braces nested deeper than " + std::to_string(max_brace_depth) + " levels in field \"" + field +
                    "\" of entry \"" + key + "\"",
                "the entry is skipped; reading goes on at the next entry");
          return false;
        }
        if (got != part::ok) {
          error("bibtex.unbalanced-brace", entry_begin,
                "unbalanced braces in field \"" + field + "\" of entry \"" + key + "\"",
                "check the { and } of this field; the entry is skipped");
          return false;
        }
        out.append(piece);
      } else if (is_digit(c)) {
        const std::size_t b = pos;
        while (pos < s.size() && is_digit(s[pos])) ++pos;
        out.append(s.substr(b, pos - b));
      } else if (ident_char(c)) {
        const std::size_t b = pos;
        std::string name = simple_lower(read_ident());
        if (auto it = macros.find(name); it != macros.end()) out += it->second;
        else warn("bibtex.unknown-macro", b, pos, "unknown @string macro \"" + name + "\" in field \"" + field + "\" of entry \"" + key + "\"");
      } else {
        error("bibtex.syntax", pos, "unexpected \"" + std::string(1, c) + "\" in field \"" + field + "\" of entry \"" + key + "\"");
        return false;
      }
      skip_ws();
      if (pos < s.size() && s[pos] == '#') {
        ++pos;
        continue;
      }
      return true;
    }
  }

  void resume_after(std::size_t from) {
    const std::size_t n = next_line_entry(from);
    pos = n == std::string_view::npos ? s.size() : n;
  }

  void skip_balanced(char close) {
    int depth = 1;
    const char open = close == '}' ? '{' : '(';
    for (; pos < s.size(); ++pos) {
      if (s[pos] == open) ++depth;
      else if (s[pos] == close && --depth == 0) {
        ++pos;
        return;
      }
    }
  }

  void parse_entry(std::size_t at, std::string type, char close) {
    raw_entry e;
    e.fields.reserve(16);
    e.type = std::move(type);
    e.begin = at;
    skip_ws();
    const std::size_t key_begin = pos;
    while (pos < s.size() && s[pos] != ',' && s[pos] != close && !is_space(s[pos]) &&
           s[pos] != '=')
      ++pos;
    e.key = std::string(s.substr(key_begin, pos - key_begin));
    skip_ws();
    if (pos < s.size() && s[pos] == '=') {
      error("bibtex.missing-key", at, "entry @" + e.type + " has no citation key", "write @type{key, field = …}");
      resume_after(at + 1);
      return;
    }
    if (e.key.empty()) {
      error("bibtex.missing-key", at, "entry @" + e.type + " has no citation key", "write @type{key, field = …}");
      resume_after(at + 1);
      return;
    }
    for (;;) {
      skip_ws();
      if (pos >= s.size()) {
        error("bibtex.unexpected-end", at, "entry \"" + e.key + "\" is not closed", "add the closing brace");
        return;
      }
      if (s[pos] == close) {
        ++pos;
        break;
      }
      if (s[pos] != ',') {
        error("bibtex.missing-comma", pos, "missing comma before \"" + std::string(s.substr(pos, std::min<std::size_t>(20, s.find_first_of(" =\n", pos) - pos))) + "\" in entry \"" + e.key + "\"",
              "separate fields with commas; the entry is skipped");
        resume_after(pos);
        return;
      }
      ++pos;
      skip_ws();
      if (pos < s.size() && s[pos] == close) {
        ++pos;
        break;
      }
      const std::size_t field_begin = pos;
      std::string field = simple_lower(read_ident());
      if (field.empty()) {
        error("bibtex.syntax", pos, "expected a field name in entry \"" + e.key + "\"");
        resume_after(pos);
        return;
      }
      skip_ws();
      if (pos >= s.size() || s[pos] != '=') {
        error("bibtex.syntax", pos, "expected \"=\" after field \"" + field + "\" in entry \"" + e.key + "\"");
        resume_after(pos);
        return;
      }
      ++pos;
      // Most values are one braced or quoted piece of the input: kept as a view of it.
      std::string_view value;
      bool have = false;
      skip_ws();
      if (pos < s.size() && (s[pos] == '{' || s[pos] == '"')) {
        const std::size_t save = pos;
        if (read_delimited(value, true) == part::ok) {
          skip_ws();
          have = pos >= s.size() || s[pos] != '#';
        }
        if (!have) pos = save;
      }
      if (!have) {
        std::string owned;
        if (!read_value(owned, field, e.key, at)) {
          resume_after(pos);
          return;
        }
        value = store.emplace_back(std::move(owned));
      }
      if (e.get(field)) {
        warn("bibtex.duplicate-field", field_begin, pos, "field \"" + field + "\" given twice in entry \"" + e.key + "\"; the first is kept");
        continue;
      }
      e.add(std::move(field), value);
    }
    entries.push_back(std::move(e));
  }

  void run() {
    static const char* const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) macros[months[i]] = std::to_string(i + 1);
    while (pos < s.size()) {
      const std::size_t at = s.find('@', pos);
      if (at == std::string_view::npos) break;
      pos = at + 1;
      skip_ws();
      std::string type = simple_lower(read_ident());
      if (type.empty()) continue;
      skip_ws();
      if (pos >= s.size() || (s[pos] != '{' && s[pos] != '(')) {
        if (type != "comment")
          error("bibtex.syntax", at, "expected \"{\" after @" + type, "an entry is written @type{key, field = {…}}");
        continue;
      }
      const char close = s[pos] == '{' ? '}' : ')';
      ++pos;
      if (type == "comment") {
        skip_balanced(close);
      } else if (type == "preamble") {
        std::string ignored;
        if (!read_value(ignored, "preamble", "@preamble", at)) resume_after(pos);
        else {
          skip_ws();
          if (pos < s.size() && s[pos] == close) ++pos;
        }
      } else if (type == "string") {
        skip_ws();
        std::string name = simple_lower(read_ident());
        skip_ws();
        if (name.empty() || pos >= s.size() || s[pos] != '=') {
          error("bibtex.syntax", at, "@string needs name = value");
          resume_after(at + 1);
          continue;
        }
        ++pos;
        std::string value;
        if (!read_value(value, name, "@string", at)) {
          resume_after(pos);
          continue;
        }
        macros[name] = std::move(value);
        skip_ws();
        if (pos < s.size() && s[pos] == close) ++pos;
      } else {
        parse_entry(at, std::move(type), close);
      }
    }
  }
};

// ---- crossref and xdata ----------------------------------------------------------------------

bool never_inherited(std::string_view f) {
  static const std::set<std::string_view> no{"ids", "crossref", "xref", "entryset", "entrysubtype", "execute", "label",
                                             "options", "presort", "related", "relatedoptions", "relatedstring",
                                             "relatedtype", "shorthand", "shorthandintro", "sortkey", "xdata",
                                             "title", "subtitle", "titleaddon", "shorttitle", "sorttitle",
                                             "indextitle", "indexsorttitle", "usera"};
  return no.count(f) > 0;
}

bool is_in_type(std::string_view t) {
  return t == "inbook" || t == "incollection" || t == "inproceedings" || t == "inreference" || t == "bookinbook" ||
         t == "suppbook" || t == "suppcollection";
}

void inherit(std::vector<raw_entry>& entries, std::vector<diagnostic>& diags) {
  bool any = false;
  for (const auto& e : entries) any = any || e.get("crossref") || e.get("xdata");
  if (!any) return;
  std::map<std::string, std::size_t, std::less<>> by_key;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    by_key.emplace(entries[i].key, i);
    by_key.emplace(simple_lower(entries[i].key), i);
  }
  auto find = [&](std::string_view k) -> raw_entry* {
    auto it = by_key.find(k);
    if (it == by_key.end()) it = by_key.find(simple_lower(k));
    return it == by_key.end() ? nullptr : &entries[it->second];
  };
  // xdata first (all fields, no renaming), then crossref (biber's default inheritance rules).
  for (auto& e : entries) {
    const std::string_view* xd = e.get("xdata");
    if (!xd) continue;
    std::string list(*xd);
    std::size_t b = 0;
    while (b <= list.size()) {
      auto c = list.find(',', b);
      std::string k(text::trim(std::string_view(list).substr(b, c == std::string::npos ? std::string::npos : c - b)));
      b = c == std::string::npos ? list.size() + 1 : c + 1;
      if (k.empty()) continue;
      raw_entry* p = find(k);
      if (!p) {
        diags.push_back({"bibtex.unknown-xdata", severity::warning, {e.begin, e.begin + 1},
                         "entry \"" + e.key + "\" names xdata \"" + k + "\", which is not in the file", {}});
        continue;
      }
      for (const auto& [f, v] : p->fields)
        if (f != "xdata") e.set_if_absent(f, v);
    }
  }
  for (auto& e : entries) {
    const std::string_view* cr = e.get("crossref");
    if (!cr) continue;
    const std::string parent_key(text::trim(*cr));
    raw_entry* p = find(parent_key);
    for (int depth = 0; p && depth < 8; ++depth) {
      if (p == &e) break;
      const bool in = is_in_type(e.type);
      const std::string parent_type = p->type;
      for (const auto& [f, v] : p->fields) {
        if (in && (f == "title" || f == "subtitle" || f == "titleaddon")) {
          e.set_if_absent("book" + f, v);
          continue;
        }
        if (in && f == "author" && (e.type == "inbook" || e.type == "bookinbook" || e.type == "suppbook"))
          e.set_if_absent("bookauthor", v);
        if (e.type == "article" && parent_type == "periodical" && (f == "title" || f == "subtitle")) {
          e.set_if_absent(f == "title" ? "journaltitle" : "journalsubtitle", v);
          continue;
        }
        if (never_inherited(f)) continue;
        e.set_if_absent(f, v);
      }
      const std::string_view* next = p->get("crossref");
      p = next ? find(text::trim(*next)) : nullptr;
    }
    if (!find(parent_key))
      diags.push_back({"bibtex.unknown-crossref", severity::warning, {e.begin, e.begin + 1},
                       "entry \"" + e.key + "\" has crossref \"" + parent_key + "\", which is not in the file", {}});
  }
}

// ---- fields → CSL ----------------------------------------------------------------------------

bool verbatim_field(std::string_view f) {
  return f == "url" || f == "doi" || f == "eprint" || f == "file" || f == "verba" || f == "verbb" || f == "verbc";
}

std::string verbatim_value(std::string_view v) {
  v = text::trim(v);
  if (v.substr(0, 5) == "\\url{" && v.back() == '}') v = v.substr(5, v.size() - 6);
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size() && std::string_view("_%#&~$").find(v[i + 1]) != std::string_view::npos) continue;
    if (v[i] == '{' || v[i] == '}') continue;
    if (v[i] == '\n' || v[i] == '\r' || v[i] == '\t') continue;
    out += v[i];
  }
  return out;
}

std::string page_value(std::string s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "–") == 0) {
      out += '-';
      i += 3;
    } else {
      out += s[i++];
    }
  }
  return out;
}

reference convert(const raw_entry& e) {
  reference r;
  r.id = e.key;
  // reference::set for a fresh reference whose every variable is set at most once: an empty value
  // is nothing to do.
  auto set = [&r](std::string_view variable, std::string value) {
    if (!value.empty()) r.fields.emplace(variable, std::move(value));
  };
  auto raw = [&](std::string_view f) -> const std::string_view* { return e.get(f); };
  auto txt = [&](std::string_view f) -> std::string {
    const std::string_view* v = raw(f);
    if (!v) return {};
    if (verbatim_field(f)) return verbatim_value(*v);
    std::string d = decode(*v);
    const std::string_view t = text::trim(d);
    if (t.size() == d.size()) return d;
    return std::string(t);
  };
  r.type = csl_type_for_bib(e.type, txt("entrysubtype"));
  const bool article = e.type == "article" || e.type == "periodical";
  // Names.
  auto names = [&](std::string_view f, const char* csl) {
    if (const std::string_view* v = raw(f)) {
      auto list = parse_names(*v);
      if (!list.empty()) r.names[csl] = std::move(list);
    }
  };
  names("author", "author");
  names("editor", "editor");
  names("translator", "translator");
  names("bookauthor", "container-author");
  // Titles.
  std::string title = txt("title");
  if (auto sub = txt("subtitle"); !sub.empty()) title += (title.empty() ? "" : ": ") + sub;
  set("title", title);
  // the first of these that is given (each decoded once)
  auto first_of = [&](std::initializer_list<std::string_view> fields) {
    for (auto f : fields)
      if (auto v = txt(f); !v.empty()) return v;
    return std::string();
  };
  const std::string langid = first_of({"langid", "language", "hyphenation"});
  const std::string code = code_for_langid(langid);
  if (!code.empty()) set("language", code);
  else if (!langid.empty()) set("language", langid);
  const bool foreign_title = text::has_cyrillic(title) || (!code.empty() && code.substr(0, 2) != "en");
  if (auto addon = txt("titleaddon"); !addon.empty() && foreign_title)
    r.variants["title"].push_back({addon, variant_role::translated, "en", {}});
  if (auto tl = txt("usera"); !tl.empty() && foreign_title)
    r.variants["title"].push_back({tl, variant_role::transliterated, code.empty() ? "ru-Latn" : code + "-Latn", {}});
  set("title-short", txt("shorttitle"));
  set("original-title", txt("origtitle"));
  // Container.
  std::string container = txt("journaltitle");
  if (container.empty()) container = txt("journal");
  if (auto js = txt("journalsubtitle"); !js.empty() && !container.empty()) container += ": " + js;
  std::string booktitle = txt("booktitle");
  if (auto bs = txt("booksubtitle"); !bs.empty() && !booktitle.empty()) booktitle += ": " + bs;
  if (container.empty()) container = booktitle;
  bool organization_used = false, howpublished_used = false;
  const std::string howpublished = raw("howpublished") ? std::string(*raw("howpublished")) : std::string();
  const bool howpublished_url = howpublished.find("\\url") != std::string::npos;
  if (container.empty() && e.type == "online" && raw("organization")) {
    container = txt("organization");
    organization_used = true;
  }
  if (container.empty() && e.type == "misc" && raw("howpublished") && !howpublished_url) {
    container = txt("howpublished");
    howpublished_used = true;
  }
  if (container.empty()) container = txt("maintitle");  // a volume of a multi-volume work
  set("container-title", container);
  for (const char* addon : {"journaltitleaddon", "booktitleaddon"})
    if (auto a = txt(addon); !a.empty() && !container.empty())
      r.variants["container-title"].push_back({a, variant_role::translated, "en", {}});
  if (auto tl = txt("userb"); !tl.empty() && !container.empty())
    r.variants["container-title"].push_back({tl, variant_role::transliterated, "ru-Latn", {}});
  set("container-title-short", txt("shortjournal"));
  set("collection-title", txt("series"));
  // Numbers.
  set("volume", txt("volume"));
  if (article) {
    set("issue", first_of({"number", "issue"}));
  } else {
    set("issue", txt("issue"));
    if (auto n = txt("number"); !n.empty()) set(r.has("collection-title") && e.type != "report" ? "collection-number" : "number", n);
  }
  set("page", page_value(txt("pages")));
  set("number-of-pages", txt("pagetotal"));
  set("edition", txt("edition"));
  set("number-of-volumes", txt("volumes"));
  set("chapter-number", txt("chapter"));
  // Publisher.
  std::string publisher = txt("publisher");
  if (publisher.empty()) publisher = txt("institution");
  if (publisher.empty()) publisher = txt("school");
  if (publisher.empty() && !organization_used) publisher = txt("organization");
  if (publisher.empty() && !howpublished_used && !howpublished_url) publisher = txt("howpublished");
  set("publisher", publisher);
  set("publisher-place", first_of({"location", "address"}));
  set("genre", txt("type"));
  // Dates.
  if (auto d = parse_edtf(txt("date"))) {
    r.dates["issued"] = std::move(*d);
  } else if (auto y = txt("year"); !y.empty()) {
    date dt;
    std::size_t n = 0;
    while (n < y.size() && std::isdigit(static_cast<unsigned char>(y[n]))) ++n;
    if (n >= 3 && n <= 4) {
      date::part p;
      p.year = std::stoi(y.substr(0, n));
      auto [m1, m2] = parse_month(txt("month"));
      p.month = m1;
      if (auto day = txt("day"); !day.empty() && m1 && std::isdigit(static_cast<unsigned char>(day[0]))) p.day = std::stoi(day.substr(0, 2));
      dt.parts.push_back(p);
      std::string_view rest = std::string_view(y).substr(n);
      if (rest.starts_with("–") || rest.starts_with("-") || rest.starts_with("/")) {
        rest.remove_prefix(rest.starts_with("–") ? 3 : 1);
        if (rest.size() == 4 && std::isdigit(static_cast<unsigned char>(rest[0]))) dt.parts.push_back({std::stoi(std::string(rest)), 0, 0});
      } else if (m2) {
        dt.parts.push_back({p.year, m2, 0});
      }
      if (!rest.empty() && dt.parts.size() == 1) {
        dt = date{};
        dt.literal = y;
      }
    } else {
      dt.literal = y;
    }
    r.dates["issued"] = std::move(dt);
  } else if (auto d2 = txt("date"); !d2.empty()) {
    date dt;
    dt.raw = d2;
    r.dates["issued"] = std::move(dt);
  }
  if (auto d = parse_edtf(txt("urldate"))) r.dates["accessed"] = std::move(*d);
  if (auto d = parse_edtf(txt("origdate"))) r.dates["original-date"] = std::move(*d);
  if (auto d = parse_edtf(txt("eventdate"))) r.dates["event-date"] = std::move(*d);
  set("event-title", txt("eventtitle"));
  set("event-place", txt("venue"));
  set("version", txt("version"));
  // Identifiers and links.
  set("ISBN", txt("isbn"));
  set("ISSN", txt("issn"));
  set("DOI", txt("doi"));
  std::string url = txt("url");
  if (url.empty() && howpublished_url) url = verbatim_value(howpublished.substr(howpublished.find("\\url")));
  set("URL", url);
  set("note", txt("note"));
  set("abstract", txt("abstract"));
  set("annote", first_of({"annotation", "annote"}));
  set("keyword", txt("keywords"));
  return r;
}

// text::is_valid_utf8, with ASCII checked eight bytes at a time.
bool valid_utf8(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (pos + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + pos, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        pos += 8;
        continue;
      }
    }
    const unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF && pos + 1 < s.size() && (static_cast<unsigned char>(s[pos + 1]) & 0xC0) == 0x80) {
      pos += 2;  // a two-byte sequence (Cyrillic, Latin-1): always valid
      continue;
    }
    const std::size_t start = pos;
    if (text::next_code_point(s, pos) == 0xFFFD && s.substr(start, pos - start) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

}  // namespace

read_result read(std::string_view bib) {
  read_result result;
  if (auto too_large = bicite::detail::input_too_large(bib, "BibTeX", "split the file into smaller files")) {
    result.diagnostics.push_back(std::move(*too_large));
    return result;
  }
  std::string fixed;
  if (!valid_utf8(bib)) {
    auto checked = text::check_utf8(bib);
    fixed = std::move(checked.text);
    for (auto& d : checked.diagnostics) result.diagnostics.push_back(std::move(d));
    bib = fixed;
  }
  parser p{bib, 0, result.diagnostics, {}, {}, {}};
  p.run();
  // Duplicate keys: biber keeps the first.
  std::unordered_set<std::string> seen;
  seen.reserve(p.entries.size());
  std::vector<raw_entry> kept;
  kept.reserve(p.entries.size());
  for (auto& e : p.entries) {
    if (!seen.insert(e.key).second) {
      result.diagnostics.push_back({"bibtex.duplicate-key", severity::warning, {e.begin, e.begin + 1},
                                    "entry key \"" + e.key + "\" is used twice; the first entry is kept", {}});
      continue;
    }
    kept.push_back(std::move(e));
  }
  inherit(kept, result.diagnostics);
  result.references.reserve(kept.size());
  for (const auto& e : kept) {
    if (e.type == "xdata" || e.type == "set") continue;
    result.references.push_back(convert(e));
  }
  locate(result.diagnostics, bib);
  return result;
}

}  // namespace bicite::bibtex
