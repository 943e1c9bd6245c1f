// .bib files → CSL items, parsed the way biber reads them.
#include <algorithm>
#include <cctype>
#include <deque>
#include <functional>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <set>
#include <span>

#include "core/limits.hpp"
#include "core/memory.hpp"
#include "bicite/bibtex.hpp"
#include "bicite/text.hpp"
#include "text/utf8.hpp"
#include "export/bib_dates.hpp"
#include "export/bib_names.hpp"
#include "export/bib_types.hpp"
#include "export/keys.hpp"
#include "export/latex_escape.hpp"
#include "export/tables.hpp"

namespace bicite::bibtex {
namespace {

using namespace detail::bib;

// The fields convert() and inherit() read, each with a fixed id: an entry's fields are put in
// slots by id once, and every later question about a field is an array read.
constexpr std::string_view known_fields[] = {
    "abstract", "address", "annotation", "annote", "author", "bookauthor", "booksubtitle", "booktitle",
    "booktitleaddon", "chapter", "crossref", "date", "day", "doi", "edition", "editor", "entrysubtype", "eventdate",
    "eventtitle", "howpublished", "hyphenation", "institution", "isbn", "issn", "issue", "journal",
    "journalsubtitle", "journaltitle", "journaltitleaddon", "keywords", "langid", "language", "location",
    "maintitle", "month", "note", "number", "organization", "origdate", "origtitle", "pages", "pagetotal",
    "publisher", "school", "series", "shortjournal", "shorttitle", "subtitle", "title", "titleaddon", "translator",
    "type", "url", "urldate", "usera", "userb", "venue", "version", "volume", "volumes", "xdata", "year"};
constexpr std::size_t known_count = std::size(known_fields);
using field_id = std::uint8_t;
constexpr field_id other_field = known_count;  // a field convert() does not read: known by its name only
static_assert(known_count < 255);

consteval field_id fid(std::string_view name) {
  for (std::size_t i = 0; i < known_count; ++i)
    if (known_fields[i] == name) return static_cast<field_id>(i);
  throw "not in known_fields";
}

// Lower-case field name → id: a small open-addressing table built once.
class field_ids {
 public:
  field_ids() {
    std::fill(std::begin(slot_), std::end(slot_), empty);
    for (std::size_t i = 0; i < known_count; ++i) {
      std::size_t h = hash(known_fields[i]);
      while (slot_[h] != empty) h = (h + 1) & mask;
      slot_[h] = static_cast<field_id>(i);
    }
  }
  field_id operator()(std::string_view lower_name) const {
    for (std::size_t h = hash(lower_name);; h = (h + 1) & mask) {
      const field_id id = slot_[h];
      if (id == empty) return other_field;
      if (known_fields[id] == lower_name) return id;
    }
  }

 private:
  static constexpr std::size_t mask = 255;
  static constexpr field_id empty = 255;
  static std::size_t hash(std::string_view n) {
    if (n.empty()) return 0;
    return (n.size() * 31u + static_cast<unsigned char>(n[0]) * 7u + static_cast<unsigned char>(n[n.size() - 1]) * 13u +
            static_cast<unsigned char>(n[n.size() / 2]) * 3u) & mask;
  }
  field_id slot_[mask + 1];
};

const field_ids& ids_of_fields() {
  static const field_ids ids;
  return ids;
}

// One "name = value" of an entry. Names and values are views of the input, of the parser's store,
// or (known fields) of known_fields.
struct raw_field {
  std::string_view name;   // lower case
  std::string_view value;  // raw LaTeX
  field_id id = other_field;
};

// An entry's fields are the range [first, first + count) of the parser's one field list: reading a
// file allocates nothing per entry.
struct raw_entry {
  std::string_view type;  // lower case
  std::string_view key;
  std::size_t first = 0, count = 0;
  std::size_t begin = 0;
};

struct field_list {
  std::vector<raw_field> all;
  std::span<const raw_field> of(const raw_entry& e) const { return {all.data() + e.first, e.count}; }
  const raw_field* find(const raw_entry& e, field_id id, std::string_view name) const {
    for (const raw_field& f : of(e))
      if (f.id == id && (id != other_field || f.name == name)) return &f;
    return nullptr;
  }
  const std::string_view* get(const raw_entry& e, field_id id) const {
    const raw_field* f = find(e, id, {});
    return f ? &f->value : nullptr;
  }
  // Adds a field to `e` unless it has it; moves e's fields to the end of the list first when they
  // are not there (inheritance only: the entries are all read by then).
  void set_if_absent(raw_entry& e, raw_field f) {
    if (find(e, f.id, f.name)) return;
    if (e.first + e.count != all.size()) {
      const std::size_t first = all.size();
      for (std::size_t i = 0; i < e.count; ++i) all.push_back(all[e.first + i]);
      e.first = first;
    }
    all.push_back(f);
    ++e.count;
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
  field_list fields;
  std::deque<std::string> store;  // text that is not one piece of the input (macros, # concatenation, lowered names)
  const field_ids& ids = ids_of_fields();
  std::function<void(const raw_entry&)> on_entry;  // when set, gets each entry instead of `entries`

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

  std::string_view read_ident() {
    const std::size_t b = pos;
    while (pos < s.size() && ident_char(s[pos])) ++pos;
    return s.substr(b, pos - b);
  }

  // simple_lower(v) as a view: `v` itself when it is lower case already (the usual case), else a
  // lowered copy in the store.
  std::string_view lower_view(std::string_view v) {
    bool plain = true;
    for (char c : v) plain = plain && !(c >= 'A' && c <= 'Z') && static_cast<unsigned char>(c) < 0x80;
    if (plain) return v;
    std::string lowered = simple_lower(v);
    if (lowered == v) return v;
    return store.emplace_back(std::move(lowered));
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
  bool read_value(std::string& out, std::string_view field_name, std::string_view entry_key, std::size_t entry_begin) {
    // for the messages
    auto field = [&] { return std::string(field_name); };
    auto key = [&] { return std::string(entry_key); };
    for (;;) {
      skip_ws();
      if (pos >= s.size()) {
        error("bibtex.unexpected-end", entry_begin, "entry \"" + key() + "\" ends in the middle of field \"" + field() + "\"");
        return false;
      }
      const char c = s[pos];
      if (c == '{' || c == '"') {
        std::string_view piece;
        const part got = read_delimited(piece, true);
        if (got == part::too_deep) {
          error("bibtex.too-deep", pos,
                "braces nested deeper than " + std::to_string(max_brace_depth) + " levels in field \"" + field() +
                    "\" of entry \"" + key() + "\"",
                "the entry is skipped; reading goes on at the next entry");
          return false;
        }
        if (got != part::ok) {
          error("bibtex.unbalanced-brace", entry_begin,
                "unbalanced braces in field \"" + field() + "\" of entry \"" + key() + "\"",
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
        const std::string name = simple_lower(read_ident());
        if (auto it = macros.find(name); it != macros.end()) out += it->second;
        else warn("bibtex.unknown-macro", b, pos, "unknown @string macro \"" + name + "\" in field \"" + field() + "\" of entry \"" + key() + "\"");
      } else {
        error("bibtex.syntax", pos, "unexpected \"" + std::string(1, c) + "\" in field \"" + field() + "\" of entry \"" + key() + "\"");
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

  void parse_entry(std::size_t at, std::string_view type, char close) {
    raw_entry e;
    e.type = type;
    e.begin = at;
    e.first = fields.all.size();
    auto key = [&] { return std::string(e.key); };  // for the messages
    // A broken entry is dropped with the fields read so far.
    auto drop = [&] { fields.all.resize(e.first); };
    skip_ws();
    const std::size_t key_begin = pos;
    while (pos < s.size() && s[pos] != ',' && s[pos] != close && !is_space(s[pos]) &&
           s[pos] != '=')
      ++pos;
    e.key = s.substr(key_begin, pos - key_begin);
    skip_ws();
    if (e.key.empty() || (pos < s.size() && s[pos] == '=')) {
      error("bibtex.missing-key", at, "entry @" + std::string(e.type) + " has no citation key", "write @type{key, field = …}");
      resume_after(at + 1);
      return;
    }
    for (;;) {
      skip_ws();
      if (pos >= s.size()) {
        error("bibtex.unexpected-end", at, "entry \"" + key() + "\" is not closed", "add the closing brace");
        drop();
        return;
      }
      if (s[pos] == close) {
        ++pos;
        break;
      }
      if (s[pos] != ',') {
        error("bibtex.missing-comma", pos, "missing comma before \"" + std::string(s.substr(pos, std::min<std::size_t>(20, s.find_first_of(" =\n", pos) - pos))) + "\" in entry \"" + key() + "\"",
              "separate fields with commas; the entry is skipped");
        resume_after(pos);
        drop();
        return;
      }
      ++pos;
      skip_ws();
      if (pos < s.size() && s[pos] == close) {
        ++pos;
        break;
      }
      const std::size_t field_begin = pos;
      const std::string_view field = lower_view(read_ident());
      if (field.empty()) {
        error("bibtex.syntax", pos, "expected a field name in entry \"" + key() + "\"");
        resume_after(pos);
        drop();
        return;
      }
      skip_ws();
      if (pos >= s.size() || s[pos] != '=') {
        error("bibtex.syntax", pos, "expected \"=\" after field \"" + std::string(field) + "\" in entry \"" + key() + "\"");
        resume_after(pos);
        drop();
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
          drop();
          return;
        }
        value = store.emplace_back(std::move(owned));
      }
      const field_id id = ids(field);
      if (fields.find(e, id, field)) {
        warn("bibtex.duplicate-field", field_begin, pos, "field \"" + std::string(field) + "\" given twice in entry \"" + key() + "\"; the first is kept");
        continue;
      }
      fields.all.push_back({id == other_field ? field : known_fields[id], value, id});
      ++e.count;
    }
    if (on_entry) on_entry(e);
    else entries.push_back(e);
  }

  void run() {
    static const char* const months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i) macros[months[i]] = std::to_string(i + 1);
    while (pos < s.size()) {
      const std::size_t at = s.find('@', pos);
      if (at == std::string_view::npos) break;
      pos = at + 1;
      skip_ws();
      const std::string_view type = lower_view(read_ident());
      if (type.empty()) continue;
      skip_ws();
      if (pos >= s.size() || (s[pos] != '{' && s[pos] != '(')) {
        if (type != "comment")
          error("bibtex.syntax", at, "expected \"{\" after @" + std::string(type), "an entry is written @type{key, field = {…}}");
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
        parse_entry(at, type, close);
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

void inherit(std::vector<raw_entry>& entries, field_list& fields, std::vector<diagnostic>& diags) {
  bool any = false;
  for (const auto& e : entries) any = any || fields.get(e, fid("crossref")) || fields.get(e, fid("xdata"));
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
  auto field = [](std::string_view name) -> raw_field { return {name, {}, ids_of_fields()(name)}; };
  // xdata first (all fields, no renaming), then crossref (biber's default inheritance rules).
  // Fields are copied by value: adding to an entry may move the field list.
  for (auto& e : entries) {
    const std::string_view* xd = fields.get(e, fid("xdata"));
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
                         "entry \"" + std::string(e.key) + "\" names xdata \"" + k + "\", which is not in the file", {}});
        continue;
      }
      for (std::size_t i = 0; i < p->count; ++i) {
        const raw_field f = fields.all[p->first + i];
        if (f.id != fid("xdata")) fields.set_if_absent(e, f);
      }
    }
  }
  for (auto& e : entries) {
    const std::string_view* cr = fields.get(e, fid("crossref"));
    if (!cr) continue;
    const std::string parent_key(text::trim(*cr));
    raw_entry* p = find(parent_key);
    for (int depth = 0; p && depth < 8; ++depth) {
      if (p == &e) break;
      const bool in = is_in_type(e.type);
      const std::string_view parent_type = p->type;
      for (std::size_t i = 0; i < p->count; ++i) {
        const raw_field f = fields.all[p->first + i];
        const std::string_view n = f.name;
        if (in && (n == "title" || n == "subtitle" || n == "titleaddon")) {
          raw_field renamed = field(n == "title" ? "booktitle" : n == "subtitle" ? "booksubtitle" : "booktitleaddon");
          renamed.value = f.value;
          fields.set_if_absent(e, renamed);
          continue;
        }
        if (in && n == "author" && (e.type == "inbook" || e.type == "bookinbook" || e.type == "suppbook")) {
          raw_field renamed = field("bookauthor");
          renamed.value = f.value;
          fields.set_if_absent(e, renamed);
        }
        if (e.type == "article" && parent_type == "periodical" && (n == "title" || n == "subtitle")) {
          raw_field renamed = field(n == "title" ? "journaltitle" : "journalsubtitle");
          renamed.value = f.value;
          fields.set_if_absent(e, renamed);
          continue;
        }
        if (never_inherited(n)) continue;
        fields.set_if_absent(e, f);
      }
      const std::string_view* next = fields.get(*p, fid("crossref"));
      p = next ? find(text::trim(*next)) : nullptr;
    }
    if (!find(parent_key))
      diags.push_back({"bibtex.unknown-crossref", severity::warning, {e.begin, e.begin + 1},
                       "entry \"" + std::string(e.key) + "\" has crossref \"" + parent_key + "\", which is not in the file", {}});
  }
}

// ---- fields → CSL ----------------------------------------------------------------------------

std::string verbatim_value(std::string_view v) {
  v = text::trim(v);
  if (v.substr(0, 5) == "\\url{" && v.back() == '}') v = v.substr(5, v.size() - 6);
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size() && std::string_view("_%#&~$").find(v[i + 1]) != std::string_view::npos) continue;
    if (v[i] == '{' || v[i] == '}') continue;
    if (v[i] == '\n' || v[i] == '\r' || v[i] == '\t') continue;
    out += v[i];
  }
  return out;
}

std::string page_value(std::string s) {
  if (s.find("–") == std::string::npos) return s;
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

// Fills `r`, a fresh reference (built in place in the result: a reference is large to move).
void convert(const raw_entry& e, const field_list& fields, reference& r) {
  const std::string_view* slot[known_count] = {};
  for (const raw_field& f : fields.of(e))
    if (f.id != other_field) slot[f.id] = &f.value;
  r.id = e.key;
  // reference::set for a fresh reference whose every variable is set at most once: an empty value
  // is nothing to do.
  auto set = [&r](std::string_view variable, std::string value) {
    if (!value.empty()) r.fields.emplace(variable, std::move(value));
  };
  auto raw = [&](field_id f) { return slot[f]; };
  auto txt = [&](field_id f) -> std::string {
    const std::string_view* v = raw(f);
    if (!v) return {};
    if (f == fid("url") || f == fid("doi")) return verbatim_value(*v);
    std::string d = decode(*v);
    const std::string_view t = text::trim(d);
    if (t.size() != d.size()) {  // in place: no second string
      const std::size_t lead = static_cast<std::size_t>(t.data() - d.data()), size = t.size();
      d.erase(lead + size);
      d.erase(0, lead);
    }
    return d;
  };
  r.type = csl_type_for_bib(e.type, txt(fid("entrysubtype")));
  const bool article = e.type == "article" || e.type == "periodical";
  // Names.
  auto names = [&](field_id f, const char* csl) {
    if (const std::string_view* v = raw(f)) {
      auto list = parse_names(*v);
      if (!list.empty()) r.names[csl] = std::move(list);
    }
  };
  names(fid("author"), "author");
  names(fid("editor"), "editor");
  names(fid("translator"), "translator");
  names(fid("bookauthor"), "container-author");
  // Titles.
  std::string title = txt(fid("title"));
  if (auto sub = txt(fid("subtitle")); !sub.empty()) {
    if (!title.empty()) title += ": ";
    title += sub;
  }
  // the first of these that is given (each decoded once)
  auto first_of = [&](std::initializer_list<field_id> candidates) {
    for (auto f : candidates)
      if (auto v = txt(f); !v.empty()) return v;
    return std::string();
  };
  std::string langid = first_of({fid("langid"), fid("language"), fid("hyphenation")});
  std::string code = code_for_langid(langid);
  const bool foreign_title = text::has_cyrillic(title) || (!code.empty() && std::string_view(code).substr(0, 2) != "en");
  set("title", std::move(title));
  if (foreign_title) {
    std::string translation = txt(fid("titleaddon")), transliteration = txt(fid("usera"));
    if (!translation.empty() || !transliteration.empty()) {
      auto& list = r.variants["title"];
      list.reserve(!translation.empty() + !transliteration.empty());
      if (!translation.empty()) list.push_back({std::move(translation), variant_role::translated, "en", {}});
      if (!transliteration.empty())
        list.push_back({std::move(transliteration), variant_role::transliterated, code.empty() ? "ru-Latn" : code + "-Latn", {}});
    }
  }
  if (!code.empty()) set("language", std::move(code));
  else set("language", std::move(langid));
  set("title-short", txt(fid("shorttitle")));
  set("original-title", txt(fid("origtitle")));
  // Container.
  std::string container = txt(fid("journaltitle"));
  if (container.empty()) container = txt(fid("journal"));
  if (auto js = txt(fid("journalsubtitle")); !js.empty() && !container.empty()) {
    container += ": ";
    container += js;
  }
  std::string booktitle = txt(fid("booktitle"));
  if (auto bs = txt(fid("booksubtitle")); !bs.empty() && !booktitle.empty()) {
    booktitle += ": ";
    booktitle += bs;
  }
  if (container.empty()) container = std::move(booktitle);
  bool organization_used = false, howpublished_used = false;
  const std::string howpublished = raw(fid("howpublished")) ? std::string(*raw(fid("howpublished"))) : std::string();
  const bool howpublished_url = howpublished.find("\\url") != std::string::npos;
  if (container.empty() && e.type == "online" && raw(fid("organization"))) {
    container = txt(fid("organization"));
    organization_used = true;
  }
  if (container.empty() && e.type == "misc" && raw(fid("howpublished")) && !howpublished_url) {
    container = txt(fid("howpublished"));
    howpublished_used = true;
  }
  if (container.empty()) container = txt(fid("maintitle"));  // a volume of a multi-volume work
  if (!container.empty()) {
    std::string journal_addon = txt(fid("journaltitleaddon")), book_addon = txt(fid("booktitleaddon"));
    std::string transliteration = txt(fid("userb"));
    set("container-title", std::move(container));
    if (!journal_addon.empty() || !book_addon.empty() || !transliteration.empty()) {
      auto& list = r.variants["container-title"];
      list.reserve(!journal_addon.empty() + !book_addon.empty() + !transliteration.empty());
      for (std::string* addon : {&journal_addon, &book_addon})
        if (!addon->empty()) list.push_back({std::move(*addon), variant_role::translated, "en", {}});
      if (!transliteration.empty()) list.push_back({std::move(transliteration), variant_role::transliterated, "ru-Latn", {}});
    }
  }
  set("container-title-short", txt(fid("shortjournal")));
  set("collection-title", txt(fid("series")));
  // Numbers.
  set("volume", txt(fid("volume")));
  if (article) {
    set("issue", first_of({fid("number"), fid("issue")}));
  } else {
    set("issue", txt(fid("issue")));
    if (auto n = txt(fid("number")); !n.empty()) set(r.has("collection-title") && e.type != "report" ? "collection-number" : "number", n);
  }
  set("page", page_value(txt(fid("pages"))));
  set("number-of-pages", txt(fid("pagetotal")));
  set("edition", txt(fid("edition")));
  set("number-of-volumes", txt(fid("volumes")));
  set("chapter-number", txt(fid("chapter")));
  // Publisher.
  std::string publisher = txt(fid("publisher"));
  if (publisher.empty()) publisher = txt(fid("institution"));
  if (publisher.empty()) publisher = txt(fid("school"));
  if (publisher.empty() && !organization_used) publisher = txt(fid("organization"));
  if (publisher.empty() && !howpublished_used && !howpublished_url) publisher = txt(fid("howpublished"));
  set("publisher", std::move(publisher));
  set("publisher-place", first_of({fid("location"), fid("address")}));
  set("genre", txt(fid("type")));
  // Dates.
  if (auto d = parse_edtf(txt(fid("date")))) {
    r.dates["issued"] = std::move(*d);
  } else if (auto y = txt(fid("year")); !y.empty()) {
    date dt;
    std::size_t n = 0;
    while (n < y.size() && std::isdigit(static_cast<unsigned char>(y[n]))) ++n;
    if (n >= 3 && n <= 4) {
      date::part p;
      p.year = std::stoi(y.substr(0, n));
      auto [m1, m2] = parse_month(txt(fid("month")));
      p.month = m1;
      if (auto day = txt(fid("day")); !day.empty() && m1 && std::isdigit(static_cast<unsigned char>(day[0]))) p.day = std::stoi(day.substr(0, 2));
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
        dt.literal = std::move(y);
      }
    } else {
      dt.literal = std::move(y);
    }
    r.dates["issued"] = std::move(dt);
  } else if (auto d2 = txt(fid("date")); !d2.empty()) {
    date dt;
    dt.raw = std::move(d2);
    r.dates["issued"] = std::move(dt);
  }
  if (auto d = parse_edtf(txt(fid("urldate")))) r.dates["accessed"] = std::move(*d);
  if (auto d = parse_edtf(txt(fid("origdate")))) r.dates["original-date"] = std::move(*d);
  if (auto d = parse_edtf(txt(fid("eventdate")))) r.dates["event-date"] = std::move(*d);
  set("event-title", txt(fid("eventtitle")));
  set("event-place", txt(fid("venue")));
  set("version", txt(fid("version")));
  // Identifiers and links.
  set("ISBN", txt(fid("isbn")));
  set("ISSN", txt(fid("issn")));
  set("DOI", txt(fid("doi")));
  std::string url = txt(fid("url"));
  if (url.empty() && howpublished_url) url = verbatim_value(howpublished.substr(howpublished.find("\\url")));
  set("URL", std::move(url));
  set("note", txt(fid("note")));
  set("abstract", txt(fid("abstract")));
  set("annote", first_of({fid("annotation"), fid("annote")}));
  set("keyword", txt(fid("keywords")));
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

// True when some "name =" in the text could be a crossref or xdata field (in any case): only then
// can an entry take fields from another. Looks back from each "=", which memchr finds quickly.
bool may_inherit(std::string_view s) {
  for (std::size_t eq = s.find('='); eq != std::string_view::npos; eq = s.find('=', eq + 1)) {
    std::size_t end = eq;
    while (end > 0 && is_space(s[end - 1])) --end;
    std::size_t begin = end;
    while (begin > 0 && end - begin < 9 && ident_char(s[begin - 1])) --begin;
    const std::string_view word = s.substr(begin, end - begin);
    auto is = [&](std::string_view lower) {
      if (word.size() != lower.size()) return false;
      for (std::size_t i = 0; i < word.size(); ++i)
        if ((word[i] >= 'A' && word[i] <= 'Z' ? word[i] + 32 : word[i]) != lower[i]) return false;
      return true;
    };
    if (is("crossref") || is("xdata")) return true;
  }
  return false;
}

}  // namespace

read_result read(std::string_view bib) {
  read_result result;
  std::string fixed;
  if (!text::detail::admit_text_input(bib, fixed, result.diagnostics, "BibTeX", "split the file into smaller files",
                                      valid_utf8))
    return result;
  parser p{bib, 0, result.diagnostics, {}, {}, {}, {}, ids_of_fields(), {}};
  // Room for every entry at once: at most one per "@" of the input (pages never written are free).
  const auto ats = static_cast<std::size_t>(std::count(bib.begin(), bib.end(), '@'));
  result.references.reserve(ats);
  bicite::detail::expect_large_write(result.references.data(), ats * sizeof(reference));
  // Duplicate keys: biber keeps the first.
  detail::bib::key_table seen(ats);
  std::vector<diagnostic> duplicates;  // reported after the parser's own diagnostics
  auto first_with_key = [&](const raw_entry& e) {
    if (seen.find(e.key).count++ == 0) return true;
    duplicates.push_back({"bibtex.duplicate-key", severity::warning, {e.begin, e.begin + 1},
                          "entry key \"" + std::string(e.key) + "\" is used twice; the first entry is kept", {}});
    return false;
  };
  auto output = [&](const raw_entry& e) {
    if (e.type == "xdata" || e.type == "set") return;
    convert(e, p.fields, result.references.emplace_back());
  };
  if (!may_inherit(bib)) {
    // No entry can take fields from another: each is converted as soon as it is read, and its
    // fields are forgotten (memory stays the size of one entry's fields, not of the file's).
    p.on_entry = [&](const raw_entry& e) {
      if (first_with_key(e)) output(e);
      p.fields.all.clear();
    };
    p.run();
    for (auto& d : duplicates) result.diagnostics.push_back(std::move(d));
  } else {
    p.entries.reserve(ats);
    p.fields.all.reserve(static_cast<std::size_t>(std::count(bib.begin(), bib.end(), '=')));
    p.run();
    std::vector<raw_entry> kept;
    kept.reserve(p.entries.size());
    for (const auto& e : p.entries)
      if (first_with_key(e)) kept.push_back(e);
    for (auto& d : duplicates) result.diagnostics.push_back(std::move(d));
    inherit(kept, p.fields, result.diagnostics);
    for (const auto& e : kept) output(e);
  }
  locate(result.diagnostics, bib);
  return result;
}

}  // namespace bicite::bibtex
