// The cue-word lexicon and the scanning helpers of the endnote parser.
#include <bicite/text.hpp>

#include "core/embedded.hpp"
#include "parse/internal.hpp"

namespace bicite::parse::detail {

namespace {

lexicon load_lexicon() {
  lexicon l;
  for (const auto& cells : bicite::detail::data_rows("parse/lexicon.tsv")) {
    if (cells.size() < 2) continue;
    const std::string_view kind = cells[0];
    const std::string_view form = cells[1];
    const std::string_view value = cells.size() > 2 ? cells[2] : std::string_view{};
    lexicon_entry e{std::string(form), std::string(value)};
    std::vector<lexicon_entry>* list = nullptr;
    if (kind == "and") list = &l.and_;
    else if (kind == "ibid") list = &l.ibid;
    else if (kind == "opcit") list = &l.opcit;
    else if (kind == "editor") list = &l.editor;
    else if (kind == "translator") list = &l.translator;
    else if (kind == "etal") list = &l.etal;
    else if (kind == "volume") list = &l.volume;
    else if (kind == "issue") list = &l.issue;
    else if (kind == "page") list = &l.page;
    else if (kind == "section") list = &l.section;
    else if (kind == "seealso") list = &l.seealso;
    else if (kind == "accessed") list = &l.accessed;
    else if (kind == "url_label") list = &l.url_label;
    else if (kind == "org") list = &l.org;
    else if (kind == "type_cue") list = &l.type_cue;
    else if (kind == "thesis") list = &l.thesis;
    else if (kind == "blog_host") list = &l.blog_host;
    else if (kind == "publisher_word") list = &l.publisher_word;
    else if (kind == "romanized_word") list = &l.romanized_word;
    else if (kind == "romanized_ending") list = &l.romanized_ending;
    else if (kind == "english_word") list = &l.english_word;
    else if (kind == "genre") list = &l.genre;
    else if (kind == "platform") list = &l.platform;
    else if (kind == "authority") list = &l.authority;
    else if (kind == "city") list = &l.city;
    else if (kind == "type_start") list = &l.type_start;
    else if (kind == "think_tank_word") list = &l.think_tank_word;
    else if (kind == "interview_form") list = &l.interview_form;
    else if (kind == "interview_start") list = &l.interview_start;
    else if (kind == "descriptor") list = &l.descriptor;
    else if (kind == "thesis_paren") list = &l.thesis_paren;
    else if (kind == "title_genre") list = &l.title_genre;
    else if (kind == "archive_unit") list = &l.archive_unit;
    else if (kind == "list_heading") list = &l.list_heading;
    if (list) list->push_back(std::move(e));
  }
  return l;
}

}  // namespace

const lexicon& lex() {
  static const lexicon l = load_lexicon();
  return l;
}

char32_t code_point_at(std::string_view s, std::size_t pos, std::size_t* next) {
  if (pos >= s.size()) {
    if (next) *next = pos;
    return 0;
  }
  std::size_t p = pos;
  const char32_t c = text::next_code_point(s, p);
  if (next) *next = p;
  return c;
}

char32_t prev_code_point(std::string_view s, std::size_t pos, std::size_t* start) {
  if (pos == 0 || pos > s.size()) {
    if (start) *start = pos;
    return 0;
  }
  std::size_t b = pos - 1;
  std::size_t steps = 0;
  while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80 && steps < 3) {
    --b;
    ++steps;
  }
  std::size_t p = b;
  const char32_t c = text::next_code_point(s, p);
  if (p != pos) {  // invalid sequence: treat the last byte alone
    if (start) *start = pos - 1;
    return 0xFFFD;
  }
  if (start) *start = b;
  return c;
}

bool is_space_at(std::string_view s, std::size_t pos, std::size_t* len) {
  if (pos >= s.size()) return false;
  const unsigned char b = static_cast<unsigned char>(s[pos]);
  if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v') {
    if (len) *len = 1;
    return true;
  }
  if (b < 0x80) return false;
  std::size_t next = pos;
  const char32_t c = code_point_at(s, pos, &next);
  if (c == 0xA0 || c == 0x2007 || c == 0x202F || (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF) {
    if (len) *len = next - pos;
    return true;
  }
  return false;
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const auto sc = text::script_of(c);
  return sc == text::script::latin || sc == text::script::cyrillic || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0x410 && c <= 0x42F) return true;
  if (c == 0x401 || (c >= 0x400 && c <= 0x40F)) return true;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;
  if (c >= 0x100 && c <= 0x17F) return (c % 2) == 0;
  return false;
}

bool is_lower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0x430 && c <= 0x44F) return true;
  if (c >= 0x450 && c <= 0x45F) return true;
  if (c >= 0xDF && c <= 0xFF && c != 0xF7) return true;
  if (c >= 0x100 && c <= 0x17F) return (c % 2) == 1;
  return false;
}

void trim_range(std::string_view s, std::size_t& b, std::size_t& e, std::string_view extra) {
  auto is_extra = [&](char32_t c) {
    std::size_t p = 0;
    while (p < extra.size()) {
      if (text::next_code_point(extra, p) == c) return true;
    }
    return false;
  };
  while (b < e) {
    std::size_t len = 0;
    if (is_space_at(s, b, &len)) {
      b += len;
      continue;
    }
    std::size_t next = b;
    const char32_t c = code_point_at(s, b, &next);
    if (!extra.empty() && is_extra(c)) {
      b = next;
      continue;
    }
    break;
  }
  while (e > b) {
    std::size_t start = e;
    const char32_t c = prev_code_point(s, e, &start);
    std::size_t len = 0;
    if ((is_space_at(s, start, &len) && start + len == e) || (!extra.empty() && is_extra(c))) {
      e = start;
      continue;
    }
    break;
  }
}

std::size_t code_points_in(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool starts_with_at(std::string_view s, std::size_t pos, std::string_view prefix) {
  return pos <= s.size() && s.substr(pos).substr(0, prefix.size()) == prefix;
}

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::size_t p = 0;
  std::string cur;
  while (p < s.size()) {
    std::size_t len = 0;
    if (is_space_at(s, p, &len)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      p += len;
      continue;
    }
    cur += s[p++];
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}


std::string strip_word_punct(std::string_view w) {
  std::string t(w);
  while (!t.empty() && (t.back() == ',' || t.back() == ';' || t.back() == ':')) t.pop_back();
  return t;
}

bool in_list(std::string_view w, const std::vector<lexicon_entry>& list) {
  for (const auto& e : list)
    if (e.form == w) return true;
  return false;
}

// A form of the list at p: its length in `len`.
bool matches_any(std::string_view s, std::size_t p, const std::vector<lexicon_entry>& list, std::size_t& len) {
  for (const auto& e : list) {
    if (starts_with_at(s, p, e.form)) {
      len = e.form.size();
      return true;
    }
  }
  return false;
}

bool is_opening_quote(char32_t c) {
  return c == U'“' || c == U'«' || c == U'„' || c == U'"' || c == U'‘' || c == U'‹';
}

bool is_closing_quote(char32_t c) {
  return c == U'”' || c == U'»' || c == U'“' || c == U'"' || c == U'’' || c == U'›';
}

std::string clean_spaces(std::string_view s) {
  return std::string(text::trim(text::normalize_spacing(s)));
}

bool looks_like_prose(std::string_view s) {
  // Three or more words that start in lower case (function words and verbs) make prose.
  int lower_words = 0, words = 0;
  std::size_t pos = 0;
  bool at_word_start = true;
  while (pos < s.size()) {
    std::size_t next = pos;
    const char32_t c = code_point_at(s, pos, &next);
    if (is_letter(c)) {
      if (at_word_start) {
        ++words;
        if (is_lower(c)) ++lower_words;
      }
      at_word_start = false;
    } else {
      at_word_start = c == ' ' || c == '\t' || c == 0xA0 || c == '(';
    }
    pos = next;
  }
  return lower_words >= 3 && lower_words * 2 >= words;
}

}  // namespace bicite::parse::detail
