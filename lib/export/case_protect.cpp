// Case protection of English titles in .bib files: which words get braces.
//
// biblatex's \MakeSentenceCase* (and a BibTeX style's change.case$) lowercases every letter of an
// English title but the first, except inside braces. So the words that must keep their capitals are
// braced: acronyms and words with inner capitals or digits; the capitalised first word of a subtitle
// (sentence case keeps it, \MakeSentenceCase does not); and proper nouns. A title in sentence case
// shows its proper nouns (every capitalised word but the first); in a title in title case they cannot
// be told from the other words, so only the proper nouns of lib/export/data/title_case.tsv are braced.
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "export/latex_escape.hpp"
#include "export/tables.hpp"

namespace bicite::detail::bib {
namespace {

using word_set = std::set<std::string, std::less<>>;

struct sv_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct title_words {
  word_set minor;          // kept lower case in title case: "of", "the", "between" (csl/title_stop_words.tsv)
  word_set abbreviations;  // a full stop after them ends no sentence: "St", "vs"
  // proper nouns and phrases by their first word; "'" for ’ in both
  std::unordered_map<std::string, std::vector<std::vector<std::string>>, sv_hash, std::equal_to<>> proper;
};

std::string straight_apostrophes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\u2019") == 0) {
      out += '\'';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

const title_words& words() {
  static const title_words t = [] {
    title_words w;
    for (const auto& row : data_rows("csl/title_stop_words.tsv"))
      if (!row.empty() && !row[0].empty()) w.minor.emplace(row[0]);
    for (const auto& row : tsv_rows("export/title_case.tsv")) {
      if (row.size() < 2 || row[1].empty()) continue;
      if (row[0] == "abbreviation") {
        w.abbreviations.emplace(row[1]);
        continue;
      }
      std::vector<std::string> phrase;
      const std::string entry = straight_apostrophes(row[1]);
      for (std::size_t b = 0; b < entry.size();) {
        std::size_t e = entry.find(' ', b);
        if (e == std::string::npos) e = entry.size();
        if (e > b) phrase.emplace_back(entry.substr(b, e - b));
        b = e + 1;
      }
      if (!phrase.empty()) w.proper[phrase.front()].push_back(std::move(phrase));
    }
    return w;
  }();
  return t;
}

bool upper(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : is_upper_letter(c); }
bool lower(char32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : is_lower_letter(c); }
bool digit(char32_t c) { return c >= '0' && c <= '9'; }

// A letter, digit or combining mark: what words are made of (punctuation, spaces, quotes and
// dashes are not, and so are never braced).
bool word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit(c);
  if (c >= 0x300 && c <= 0x36F) return true;
  const text::script s = text::script_of(c);
  if (s == text::script::none) return false;
  return s != text::script::other || upper(c) || lower(c);
}

bool apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u02BC'; }
bool hyphen(char32_t c) { return c == U'-' || c == U'\u2010' || c == U'\u2011'; }

// A run of letters and digits; the parts of a hyphenated word are parts of one word.
struct part {
  std::size_t b = 0, e = 0;
  bool first_upper = false;  // "Moscow", "NATO"
  bool first_lower = false;  // "relations", "iPhone"
  bool inner_upper = false;  // "iPhone", "McDonald", "NATO", "O’Brien"
  bool digits = false;
  int cased = 0;             // letters with a case
  bool protect = false;
};

struct word {
  std::size_t b = 0, e = 0;  // bytes of the word, parts and inner joiners
  std::size_t first = 0, count = 0;  // its parts in the pool
  std::span<part> parts;
  bool dotted = false;       // "U.S": an inner full stop
  bool sentence_start = false;  // first word of the title or of a subtitle
  bool title_start = false;
};

// The words of `s` into `out`, their parts into `pool` (both reused from title to title).
void split_words(std::string_view s, std::vector<word>& out, std::vector<part>& pool) {
  out.clear();
  pool.clear();
  std::size_t pos = 0;
  auto peek = [&](std::size_t at, std::size_t& next) -> char32_t {
    next = at;
    return at < s.size() ? text::next_code_point(s, next) : 0;
  };
  while (pos < s.size()) {
    std::size_t next;
    char32_t c = peek(pos, next);
    if (!word_char(c)) {
      pos = next;
      continue;
    }
    word w;
    w.b = pos;
    w.first = pool.size();
    part p;
    p.b = pos;
    bool seen_letter = false;
    for (;;) {
      if (upper(c) || lower(c)) {
        if (!seen_letter) (upper(c) ? p.first_upper : p.first_lower) = true;
        else if (upper(c)) p.inner_upper = true;
        seen_letter = true;
        ++p.cased;
      }
      if (digit(c)) p.digits = true;
      pos = next;
      std::size_t after;
      char32_t d = peek(pos, after);
      if (word_char(d)) {
        c = d;
        next = after;
        continue;
      }
      // A joiner between two word characters keeps the word going: "Russia’s", "U.S", "China-Russia".
      std::size_t after2;
      const char32_t e = peek(after, after2);
      if ((apostrophe(d) || d == U'.' || hyphen(d)) && word_char(e)) {
        if (d == U'.') w.dotted = true;
        if (hyphen(d)) {
          p.e = pos;
          pool.push_back(p);
          p = part{};
          p.b = after;
          seen_letter = false;
        }
        c = e;
        next = after2;
        pos = after;
        continue;
      }
      break;
    }
    p.e = pos;
    pool.push_back(p);
    w.count = pool.size() - w.first;
    // "U.S." keeps its last full stop: it belongs to the abbreviation.
    if (w.dotted && pos < s.size() && s[pos] == '.') ++pos;
    w.e = pos;
    out.push_back(w);
  }
  for (auto& w : out) w.parts = std::span<part>(pool.data() + w.first, w.count);
}

// Does the text between two words end a sentence (a title and its subtitle: ": ", "? ", ". ",
// " — ")? A full stop after an abbreviation does not ("St. Petersburg", "U.S. Security").
bool ends_sentence(std::string_view between, const word* before, std::string_view s) {
  if (between.find_first_of(":?!") != std::string_view::npos) return true;
  for (std::string_view dash : {"\u2014", " \u2013 ", " - "})
    if (between.find(dash) != std::string_view::npos) return true;
  if (between.find('.') == std::string_view::npos || !before) return false;
  if (before->dotted) return false;
  const std::string_view w = s.substr(before->b, before->e - before->b);
  if (before->parts.size() == 1 && before->parts[0].cased == 1 && w.size() == 1) return false;  // "J. Smith"
  return words().abbreviations.find(w) == words().abbreviations.end();
}

// `w` with straight apostrophes; `buf` holds it only when it has a curly one.
std::string_view straight(std::string_view w, std::string& buf) {
  if (w.find("\u2019") == std::string_view::npos) return w;
  buf = straight_apostrophes(w);
  return buf;
}

// `w` with straight apostrophes and without a possessive ("Russia’s" → "Russia").
std::string_view stem(std::string_view w, std::string& buf) {
  w = straight(w, buf);
  if (w.size() > 2 && w.ends_with("'s")) w.remove_suffix(2);
  else if (w.size() > 1 && w.back() == '\'') w.remove_suffix(1);
  return w;
}

// Marks the capitalised words of the proper nouns and phrases of title_case.tsv found in the title.
void mark_proper_nouns(std::vector<word>& ws, std::string_view s) {
  const auto& proper = words().proper;
  std::string buf, buf2;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    // Single words match a part: "China" in "China-Russia", "Russia" in "Russia’s".
    for (auto& p : ws[i].parts) {
      if (!p.first_upper) continue;
      std::size_t e = p.e;
      if (&p == &ws[i].parts.back()) e = ws[i].e;
      if (auto it = proper.find(stem(s.substr(p.b, e - p.b), buf)); it != proper.end())
        for (const auto& phrase : it->second)
          if (phrase.size() == 1) p.protect = true;
    }
    // Phrases match whole words separated by one space: "Soviet Union", "People’s Republic of China".
    const std::string_view first = s.substr(ws[i].b, ws[i].e - ws[i].b);
    auto it = proper.find(straight(first, buf));
    if (it == proper.end()) it = proper.find(stem(first, buf));
    if (it == proper.end()) continue;
    for (const auto& phrase : it->second) {
      if (phrase.size() < 2 || i + phrase.size() > ws.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < phrase.size() && match; ++k) {
        const word& w = ws[i + k];
        const std::string_view text = s.substr(w.b, w.e - w.b);
        match = straight(text, buf) == phrase[k] || (k + 1 == phrase.size() && stem(text, buf2) == phrase[k]);
        if (match && k > 0) match = ws[i + k - 1].e + 1 == w.b && s[w.b - 1] == ' ';
      }
      if (!match) continue;
      for (std::size_t k = 0; k < phrase.size(); ++k)
        for (auto& p : ws[i + k].parts)
          if (p.first_upper) p.protect = true;
    }
  }
}

void protect_words(std::vector<word>& ws, std::string_view s) {
  // Where sentences start.
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (i == 0) {
      ws[i].sentence_start = ws[i].title_start = true;
      continue;
    }
    ws[i].sentence_start = ends_sentence(s.substr(ws[i - 1].e, ws[i].b - ws[i - 1].e), &ws[i - 1], s);
  }
  // Sentence case or title case? A title in title case has no lower-case word but the minor ones;
  // one lower-case content word is enough to show sentence case ("Telephone conversation with
  // President of China Xi Jinping").
  bool sentence_case = false;
  std::string buf;
  for (const auto& w : ws) {
    if (w.sentence_start) continue;
    for (const auto& p : w.parts) {
      if (!p.first_lower || p.inner_upper) continue;  // all lower case
      // Title case may leave the second part of a compound lower case ("Long-term", "Anti-inflammatory").
      if (&p != &w.parts.front() && w.parts.front().first_upper) continue;
      if (words().minor.find(stem(s.substr(p.b, p.e - p.b), buf)) != words().minor.end()) continue;
      sentence_case = true;
      break;
    }
    if (sentence_case) break;
  }
  if (!sentence_case) mark_proper_nouns(ws, s);
  for (auto& w : ws) {
    bool has_upper = false, letters = false, digits = false;
    for (const auto& p : w.parts) {
      has_upper = has_upper || p.first_upper || p.inner_upper;
      letters = letters || p.cased > 0;
      digits = digits || p.digits;
    }
    // "COVID-19", "G7", "Su-27", "U.S.": the whole word.
    if (has_upper && ((letters && digits) || w.dotted)) {
      for (auto& p : w.parts) p.protect = true;
      continue;
    }
    bool any = false;
    for (std::size_t k = 0; k < w.parts.size(); ++k) {
      part& p = w.parts[k];
      const bool first = k == 0;
      if (p.inner_upper) p.protect = true;  // "NATO", "iPhone", "McDonald"
      else if (p.first_upper && !(first && w.title_start)) {
        if (first && w.sentence_start) p.protect = true;  // "…: {The} Debate", kept capitalised
        else if (sentence_case) p.protect = true;        // a proper noun
      }
      any = any || p.protect;
    }
    // One compound, one group: "{Russian-Chinese}", not "Russian-{Chinese}".
    if (any)
      for (auto& p : w.parts)
        if (p.first_upper) p.protect = true;
  }
  // The title's first word keeps its capital anyway: no braces for a plain capitalised proper noun
  // there ("Russia projects…"), unless it opens a protected phrase or compound ("{Soviet Union}").
  if (!ws.empty()) {
    word& w = ws.front();
    part& p = w.parts.front();
    const bool joined = w.parts.size() > 1 ? w.parts[1].protect
                                           : ws.size() > 1 && ws[1].parts.front().protect && s.substr(w.e, ws[1].b - w.e) == " ";
    if (p.protect && !p.inner_upper && !p.digits && !w.dotted && !joined) p.protect = false;
  }
}

}  // namespace

void escape_protecting_capitals_into(std::string& out, std::string_view s, bool ascii) {
  thread_local std::vector<word> ws;  // kept between titles: no allocation per title
  thread_local std::vector<part> pool;
  split_words(s, ws, pool);
  protect_words(ws, s);
  // Braces go around runs of protected parts joined by a hyphen or one space: "{Soviet Union}",
  // "{China-Russia}"; punctuation is never inside them.
  std::size_t at = 0;
  bool open = false;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    const word& w = ws[i];
    for (std::size_t k = 0; k < w.parts.size(); ++k) {
      const part& p = w.parts[k];
      const std::size_t end = k + 1 == w.parts.size() ? w.e : p.e;
      if (open && !p.protect) {
        out += '}';
        open = false;
      }
      if (!open && p.protect) {
        escape_into(out, s.substr(at, p.b - at), ascii);
        at = p.b;
        out += '{';
        open = true;
      }
      escape_into(out, s.substr(at, end - at), ascii);
      at = end;
      // Close unless the next protected part follows after a hyphen or one space.
      const bool next_protected = k + 1 < w.parts.size() ? w.parts[k + 1].protect
                                  : i + 1 < ws.size()   ? ws[i + 1].parts.front().protect
                                                        : false;
      const std::size_t next_b = k + 1 < w.parts.size() ? w.parts[k + 1].b : i + 1 < ws.size() ? ws[i + 1].b : s.size();
      const std::string_view gap = s.substr(end, next_b - end);
      const bool joined = k + 1 < w.parts.size() || gap == " ";
      if (open && !(next_protected && joined)) {
        out += '}';
        open = false;
      }
    }
  }
  escape_into(out, s.substr(at), ascii);
}

std::string escape_protecting_capitals(std::string_view s, bool ascii) {
  std::string out;
  out.reserve(s.size() + 16);
  escape_protecting_capitals_into(out, s, ascii);
  return out;
}

}  // namespace bicite::detail::bib
