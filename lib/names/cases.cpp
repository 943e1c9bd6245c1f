// Russian names after a role word put back in the nominative ("под ред. Ф. А. Лукьянова" →
// Лукьянов), from the endings of lib/names/data/name_cases.tsv, and the role phrases themselves
// (lib/names/data/role_words.tsv).
#include <algorithm>
#include <optional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "bicite/limits.hpp"
#include "bicite/names.hpp"
#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "names/lexicon.hpp"

namespace bicite::names {
namespace {

// ---------------------------------------------------------------------------------------------
// Words as code points

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) out.push_back(text::next_code_point(s, pos));
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t cp : s) text::append_utf8(out, cp);
  return out;
}

constexpr char32_t yo = U'ё', ie = U'е';

/// Lower case with ё as е: the key for lists (texts write Фёдор and Федор alike).
std::u32string fold_yo(std::u32string s) {
  std::replace(s.begin(), s.end(), yo, ie);
  return s;
}

/// A Cyrillic word as written and in lower case, code point for code point.
struct word_form {
  std::u32string written, lower;
  bool upper_ending = false;  ///< the last letter is a capital (a name in capitals: ЛУКЬЯНОВА)
  bool has_yo = false;        ///< the writer uses ё
};

/// Nothing unless `w` is letters of the Cyrillic script only (Latin names, digits, invalid UTF-8 and
/// stress marks are left alone by the callers).
std::optional<word_form> cyrillic_word(std::string_view w) {
  if (w.empty() || w.size() > limits::max_name_bytes) return std::nullopt;
  word_form f;
  f.written = to_u32(w);
  for (char32_t cp : f.written)
    if (text::script_of(cp) != text::script::cyrillic) return std::nullopt;
  f.lower = to_u32(text::to_lower(w));
  if (f.lower.size() != f.written.size()) return std::nullopt;  // case mapping that is not 1:1
  f.upper_ending = f.lower.back() != f.written.back();
  f.has_yo = std::find(f.lower.begin(), f.lower.end(), yo) != f.lower.end();
  return f;
}

// ---------------------------------------------------------------------------------------------
// The endings table

enum class kind { family, indeclinable, family_word, given, given_word, patronymic };

struct rule {
  kind k = kind::family;
  int grammatical = -1;  ///< a grammatical_case, or -1 for any
  char gender = '-';     ///< of the nominative: 'm', 'f' or '-'
  std::u32string written, nominative;  ///< lower case; placeholders 'C' and 'V'
  bool sure = true;
  bool sure_with_gender = false;  ///< sure once the gender is known ("g" in the table)
  int placeholders = 0;  ///< placeholders in `written`
};

struct tables {
  std::map<char32_t, std::u32string> classes;  ///< placeholder → the letters it stands for
  std::vector<rule> rules;                     ///< endings, most specific first
  std::unordered_map<std::u32string, std::vector<rule>> words;  ///< family_word / given_word by folded form
  std::unordered_map<std::u32string, char> given_gender;  ///< folded given_names.tsv name → 'm' / 'f'
  std::vector<std::pair<std::u32string, char>> gendered_endings;  ///< surname_endings.tsv: "ова" → 'f'
  // The other direction, nominative → genitive: `written` is the nominative ending, `nominative` the
  // genitive one. The sure genitive rules above read backwards, and genitive_endings.tsv.
  std::vector<rule> genitive_rules;
  std::unordered_map<std::u32string, std::vector<rule>> genitive_words;  ///< by folded nominative
};

int case_of(std::string_view s) {
  if (s == "nominative") return static_cast<int>(grammatical_case::nominative);
  if (s == "genitive") return static_cast<int>(grammatical_case::genitive);
  if (s == "instrumental") return static_cast<int>(grammatical_case::instrumental);
  return -1;
}

tables load_tables() {
  tables t;
  for (const auto& row : bicite::detail::data_rows("names/name_cases.tsv")) {
    if (row.size() < 6) continue;
    if (row[0] == "class") {
      const auto p = to_u32(row[3]);
      if (p.size() == 1) t.classes[p[0]] = to_u32(text::to_lower(row[4]));
      continue;
    }
    rule r;
    if (row[0] == "family") r.k = kind::family;
    else if (row[0] == "indeclinable") r.k = kind::indeclinable;
    else if (row[0] == "family_word") r.k = kind::family_word;
    else if (row[0] == "given") r.k = kind::given;
    else if (row[0] == "given_word") r.k = kind::given_word;
    else if (row[0] == "patronymic") r.k = kind::patronymic;
    else continue;
    r.grammatical = case_of(row[1]);
    r.gender = row[2] == "m" ? 'm' : row[2] == "f" ? 'f' : '-';
    // Endings are written in lower case with upper-case placeholders; whole words keep their capital
    // for the result and are looked up in lower case. An indeclinable ending is its own nominative.
    const bool whole = r.k == kind::family_word || r.k == kind::given_word;
    r.written = whole ? to_u32(text::to_lower(row[3])) : to_u32(row[3]);
    r.nominative = r.k == kind::indeclinable ? r.written : to_u32(row[4]);
    r.sure = row[5] == "1";
    r.sure_with_gender = r.sure || row[5] == "g";
    if (r.written.empty()) continue;
    if (r.k == kind::family_word || r.k == kind::given_word) {
      if (r.grammatical != static_cast<int>(grammatical_case::instrumental) && r.sure) {
        rule back = r;  // Толстой → Толстого: the word as the table writes it, capital and all
        back.written = to_u32(text::to_lower(row[4]));
        back.nominative = to_u32(row[3]);
        t.genitive_words[fold_yo(back.written)].push_back(std::move(back));
      }
      t.words[fold_yo(r.written)].push_back(std::move(r));
      continue;
    }
    // A sure genitive ending read backwards. Rows that keep a word (ская → ская) only stop a shorter
    // ending in that direction; guesses (-ого → -ый) are not sure backwards either.
    if (r.grammatical != static_cast<int>(grammatical_case::instrumental)) {
      if (r.k == kind::indeclinable) {
        t.genitive_rules.push_back(r);
      } else if ((r.k == kind::family || r.k == kind::given || r.k == kind::patronymic) && r.sure &&
                 r.written != r.nominative) {
        rule back = r;
        std::swap(back.written, back.nominative);
        t.genitive_rules.push_back(std::move(back));
      }
    }
    t.rules.push_back(std::move(r));
  }
  for (const auto& row : bicite::detail::data_rows("names/genitive_endings.tsv")) {
    if (row.size() < 4 || (row[0] != "family" && row[0] != "keep") || row[2].empty()) continue;
    rule r;
    r.k = row[0] == "keep" ? kind::indeclinable : kind::family;
    r.gender = row[1] == "m" ? 'm' : row[1] == "f" ? 'f' : '-';
    r.written = to_u32(row[2]);
    r.nominative = r.k == kind::indeclinable ? r.written : to_u32(row[3]);
    t.genitive_rules.push_back(std::move(r));
  }
  for (auto& r : t.rules)
    r.placeholders = static_cast<int>(
        std::count_if(r.written.begin(), r.written.end(), [&](char32_t c) { return t.classes.count(c) > 0; }));
  for (auto& r : t.genitive_rules)
    r.placeholders = static_cast<int>(
        std::count_if(r.written.begin(), r.written.end(), [&](char32_t c) { return t.classes.count(c) > 0; }));
  // Longer endings first; of equal length, the one that names its letters.
  const auto specific_first = [](const rule& a, const rule& b) {
    if (a.written.size() != b.written.size()) return a.written.size() > b.written.size();
    return a.placeholders < b.placeholders;
  };
  std::stable_sort(t.rules.begin(), t.rules.end(), specific_first);
  std::stable_sort(t.genitive_rules.begin(), t.genitive_rules.end(), specific_first);
  for (const auto& g : detail::get_lexicon().given)
    t.given_gender.emplace(fold_yo(to_u32(text::to_lower(g.cyrillic))), g.gender);
  for (const auto& e : detail::get_lexicon().endings)
    if (e.masculine != e.feminine) {  // -енко, -ых: the same for both, so they tell nothing
      t.gendered_endings.emplace_back(to_u32(e.masculine), 'm');
      t.gendered_endings.emplace_back(to_u32(e.feminine), 'f');
    }
  return t;
}

const tables& get_tables() {
  static const tables t = load_tables();
  return t;
}

bool applies(const rule& r, grammatical_case c, name_gender known) {
  if (r.grammatical != -1 && r.grammatical != static_cast<int>(c)) return false;
  if (known == name_gender::masculine && r.gender == 'f') return false;
  if (known == name_gender::feminine && r.gender == 'm') return false;
  return true;
}

/// True when `r`'s ending matches the end of `w` and leaves a stem of two letters or more (Ким and
/// Цой are whole names, not К + -им).
bool ends_with(const std::u32string& w, const rule& r, const tables& t) {
  const std::size_t n = r.written.size();
  if (w.size() < n || w.size() - n + static_cast<std::size_t>(r.placeholders) < 2) return false;
  const std::size_t start = w.size() - n;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t p = r.written[i];
    if (auto cls = t.classes.find(p); cls != t.classes.end()) {
      if (cls->second.find(w[start + i]) == std::u32string::npos) return false;
    } else if (w[start + i] != p) {
      return false;
    }
  }
  return true;
}

/// Capitals for a literal letter of an ending added to a name written in capitals.
std::u32string upper(std::u32string_view s) { return to_u32(text::to_upper(to_utf8(s))); }

/// `f` with `r`'s ending replaced by its nominative, placeholders keeping their letters as written.
std::u32string apply(const word_form& f, const rule& r, const tables& t) {
  const std::size_t start = f.written.size() - r.written.size();
  std::u32string out = f.written.substr(0, start);
  std::vector<char32_t> kept;  // the letters the placeholders matched, in order
  for (std::size_t i = 0; i < r.written.size(); ++i)
    if (t.classes.count(r.written[i])) kept.push_back(f.written[start + i]);
  std::size_t next = 0;
  for (char32_t p : r.nominative) {
    if (t.classes.count(p)) {
      if (next < kept.size()) out.push_back(kept[next++]);
    } else {
      out += f.upper_ending ? upper(std::u32string(1, p)) : std::u32string(1, p);
    }
  }
  return out;
}

/// A whole-word form from the table: ё only where the writer uses it (Петра → Петр, not Пётр),
/// in capitals when written so.
std::u32string word_result(const word_form& f, const rule& r) {
  std::u32string out = f.has_yo ? r.nominative : fold_yo(r.nominative);
  const bool all_caps = f.written.size() > 1 && f.written[1] != f.lower[1] && f.upper_ending;
  return all_caps ? upper(out) : out;
}

const rule* find_word(const word_form& f, kind k, grammatical_case c, name_gender known, const tables& t) {
  auto it = t.words.find(fold_yo(f.lower));
  if (it == t.words.end()) return nullptr;
  for (const auto& r : it->second)
    if (r.k == k && applies(r, c, known)) return &r;
  return nullptr;
}

name_gender gender_of(char g) {
  return g == 'm' ? name_gender::masculine : g == 'f' ? name_gender::feminine : name_gender::unknown;
}

/// The gender a nominative family name's ending shows (surname_endings.tsv: Иванова, Достоевский),
/// or unknown (Шмидт, Газенко).
name_gender nominative_gender(const word_form& f) {
  std::size_t best = 0;
  name_gender g = name_gender::unknown;
  for (const auto& [ending, gender] : get_tables().gendered_endings)
    if (ending.size() > best && f.lower.size() >= ending.size() + 2 && f.lower.ends_with(ending)) {
      best = ending.size();
      g = gender_of(gender);
    }
  return g;
}

/// One family-name word (no hyphen).
nominative_word family_part(std::string_view w, grammatical_case c, name_gender known) {
  nominative_word out{std::string(w), known, false, true};
  const auto f = cyrillic_word(w);
  if (!f) return out;  // Latin script, digits, stress marks, bad bytes: as written
  if (c == grammatical_case::nominative) {
    if (known == name_gender::unknown) out.gender = nominative_gender(*f);
    return out;
  }
  const auto& t = get_tables();
  if (const rule* r = find_word(*f, kind::family_word, c, known, t)) {
    out.text = to_utf8(word_result(*f, *r));
    out.changed = out.text != w;
    out.confident = r->sure;
    if (known == name_gender::unknown) out.gender = gender_of(r->gender);
    return out;
  }
  // The most specific matching endings; two of them that disagree leave the word as written.
  const rule* best = nullptr;
  bool ambiguous = false;
  for (const auto& r : t.rules) {
    if ((r.k != kind::family && r.k != kind::indeclinable) || !applies(r, c, known) || !ends_with(f->lower, r, t))
      continue;
    if (!best) {
      best = &r;
      continue;
    }
    if (r.written.size() != best->written.size() || r.placeholders != best->placeholders) break;
    if (r.nominative != best->nominative || r.gender != best->gender) ambiguous = true;
  }
  if (!best) return out;  // no ending of this case: a consonant-final woman's name, a foreign one
  if (ambiguous) {
    out.confident = false;
    return out;
  }
  if (best->k == kind::indeclinable) return out;
  out.text = to_utf8(apply(*f, *best, t));
  out.changed = out.text != w;
  out.confident = known == name_gender::unknown ? best->sure : best->sure_with_gender;
  if (known == name_gender::unknown) out.gender = gender_of(best->gender);
  return out;
}

/// A given name put in the nominative, and whether it is a name of given_names.tsv.
struct given_result {
  nominative_word word;
  bool listed = false;
};

given_result given_part(std::string_view w, grammatical_case c) {
  given_result out{{std::string(w), name_gender::unknown, false, true}, false};
  const auto f = cyrillic_word(w);
  if (!f) return out;
  const auto& t = get_tables();
  const auto listed = [&](const std::u32string& lower) -> char {
    auto it = t.given_gender.find(fold_yo(lower));
    return it == t.given_gender.end() ? 0 : it->second;
  };
  if (c != grammatical_case::nominative) {
    if (const rule* r = find_word(*f, kind::given_word, c, name_gender::unknown, t)) {
      out.word.text = to_utf8(word_result(*f, *r));
      out.word.changed = out.word.text != w;
      out.word.gender = gender_of(r->gender);
      out.word.confident = r->sure;
      out.listed = true;
      return out;
    }
    // The first ending (most specific first) that gives a listed name: Ольги → Ольга, not Ольгя.
    const rule* first = nullptr;
    for (const auto& r : t.rules) {
      if (r.k != kind::given || !applies(r, c, name_gender::unknown) || !ends_with(f->lower, r, t)) continue;
      if (!first) first = &r;
      const auto candidate = apply(*f, r, t);
      if (const char g = listed(to_u32(text::to_lower(to_utf8(candidate))))) {
        out.word.text = to_utf8(candidate);
        out.word.changed = true;
        out.word.gender = gender_of(g);
        out.listed = true;
        return out;
      }
    }
    if (!listed(f->lower) && first) {  // a name the list does not have: the ending's guess
      out.word.text = to_utf8(apply(*f, *first, t));
      out.word.changed = out.word.text != w;
      out.word.gender = gender_of(first->gender);
      out.word.confident = false;
      return out;
    }
  }
  if (const char g = listed(f->lower)) {  // written in the nominative
    out.word.gender = gender_of(g);
    out.listed = true;
  }
  return out;
}

/// A patronymic put in the nominative (Михайловича → Михайлович), or nothing when `w` is none.
std::optional<nominative_word> patronymic_part(std::string_view w, grammatical_case c) {
  const auto f = cyrillic_word(w);
  if (!f) return std::nullopt;
  const auto& t = get_tables();
  for (const auto& r : t.rules) {
    if (r.k != kind::patronymic || !applies(r, c, name_gender::unknown) || !ends_with(f->lower, r, t)) continue;
    nominative_word out{to_utf8(apply(*f, r, t)), gender_of(r.gender), false, r.sure};
    out.changed = out.text != w;
    return out;
  }
  return std::nullopt;
}

/// "Ф.", "А.В.", "Yu.", "G": an initial or a run of them, not a whole word.
bool is_initial(std::string_view w) {
  std::size_t letters = 0, segment = 0, longest = 0;
  bool dot = false;
  for (std::size_t pos = 0; pos < w.size();) {
    const char32_t cp = text::next_code_point(w, pos);
    const auto s = text::script_of(cp);
    if (s == text::script::latin || s == text::script::cyrillic) {
      ++letters;
      longest = std::max(longest, ++segment);
    } else if (cp == U'.') {
      dot = true;
      segment = 0;
    } else if (cp == U'-') {
      segment = 0;  // "Ж.-П."
    }
  }
  return letters <= 1 || (dot && longest <= 3 && letters <= 6);
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  for (char ch : s) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(ch);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// The parts of a double family name (Римского-Корсакова), split at each hyphen; one way of
// splitting for both directions, family_to_nominative and family_to_genitive.
std::vector<std::string_view> hyphen_parts(std::string_view family) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dash = family.find('-', start);
    parts.push_back(family.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return parts;
}

/// Gender from what the given names and patronymic say; unknown when they disagree.
struct gender_vote {
  name_gender g = name_gender::unknown;
  bool conflict = false;
  void add(name_gender x) {
    if (x == name_gender::unknown) return;
    if (g != name_gender::unknown && g != x) conflict = true;
    g = x;
  }
  name_gender result() const { return conflict ? name_gender::unknown : g; }
};

void merge(nominative_name& out, const nominative_word& w) {
  out.changed = out.changed || w.changed;
  out.confident = out.confident && w.confident;
}

// The given names of a name, word by word with initials kept: `patronymic` is tried only right after
// a given name written in full, `given_word` otherwise; each converted word's gender goes to `vote`
// and the word to `take`. One walk for to_nominative and to_genitive, which differ only in these.
template <class Patronymic, class Given, class Take>
std::string convert_given(std::string_view given, gender_vote& vote, Patronymic patronymic, Given given_word,
                          Take take) {
  std::string out;
  bool after_given = false;  // a patronymic follows a given name written in full
  for (const auto& w : split_words(given)) {
    std::string word = w;
    if (is_initial(w)) {
      after_given = false;
    } else if (auto p = after_given ? patronymic(w) : std::nullopt) {
      word = p->text;
      vote.add(p->gender);
      take(*p);
      after_given = false;
    } else {
      const auto g = given_word(w);
      word = g.text;
      vote.add(g.gender);
      take(g);
      after_given = true;
    }
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

}  // namespace

nominative_word family_to_nominative(std::string_view family, grammatical_case c, name_gender known) {
  // A double family name (Римского-Корсакова): each part alike; a part that tells the gender
  // tells it for the other.
  const std::vector<std::string_view> parts = hyphen_parts(family);
  if (parts.size() == 1) return family_part(family, c, known);
  const auto run = [&](name_gender g) {
    nominative_word out{{}, g, false, true};
    gender_vote vote;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto p = family_part(parts[i], c, g);
      if (i) out.text += '-';
      out.text += p.text;
      out.changed = out.changed || p.changed;
      out.confident = out.confident && p.confident;
      vote.add(p.gender);
    }
    if (vote.conflict) out.confident = false;
    out.gender = vote.result();
    return out;
  };
  auto out = run(known);
  if (known == name_gender::unknown && out.gender != name_gender::unknown) out = run(out.gender);
  return out;
}

nominative_name to_nominative(const bicite::name& n, grammatical_case c) {
  nominative_name out{n, name_gender::unknown, false, true};
  if (n.is_literal()) return out;
  gender_vote vote;
  if (!n.given.empty() && n.given.size() <= limits::max_name_bytes)
    out.name.given = convert_given(
        n.given, vote, [&](std::string_view w) { return patronymic_part(w, c); },
        [&](std::string_view w) { return given_part(w, c).word; }, [&](const nominative_word& w) { merge(out, w); });
  const auto known = vote.result();
  if (vote.conflict) out.confident = false;
  if (!n.family.empty()) {
    const auto f = family_to_nominative(n.family, c, known);
    out.name.family = f.text;
    merge(out, f);
    out.gender = known != name_gender::unknown ? known : f.gender;
  } else {
    out.gender = known;
  }
  return out;
}

nominative_name to_nominative(std::string_view name, grammatical_case c) {
  const bicite::name parsed = parse_name(name);
  if (c == grammatical_case::nominative || parsed.is_literal() || name.size() > limits::max_name_bytes)
    return to_nominative(parsed, c);
  // Words first, then parse_name on the nominative: a genitive ("Фёдора Михайловича") hides the
  // given names and patronymic parse_name goes by.
  struct word {
    std::string text, tail;  // the word and the punctuation after it (", ")
    enum { initial, given, patronymic, family } role = family;
  };
  std::vector<word> words;
  std::vector<std::string> tokens;
  for (auto& w : split_words(text::normalize_spacing(name))) {
    // "Ф.А.Лукьянова": initials written close to the family name are two words
    const std::size_t dot = w.rfind('.', w.size() >= 2 ? w.size() - 2 : 0);
    if (dot != std::string::npos && dot + 1 < w.size() && is_initial(std::string_view(w).substr(0, dot + 1)) &&
        !is_initial(std::string_view(w).substr(dot + 1))) {
      tokens.push_back(w.substr(0, dot + 1));
      tokens.push_back(w.substr(dot + 1));
    } else {
      tokens.push_back(std::move(w));
    }
  }
  for (auto& w : tokens) {
    word x;
    std::size_t end = w.size();
    while (end > 0 && (w[end - 1] == ',' || w[end - 1] == ';' || w[end - 1] == ':')) --end;
    x.text = w.substr(0, end);
    x.tail = w.substr(end);
    if (is_initial(x.text)) x.role = word::initial;
    else if (x.text.size() > 1 && x.text.back() == '.') {
      x.text.pop_back();  // "Лукьянова." at the end of a statement: the period is not the name's
    }
    words.push_back(std::move(x));
  }
  const auto full = std::count_if(words.begin(), words.end(), [](const word& w) { return w.role != word::initial; });
  nominative_name out{parsed, name_gender::unknown, false, true};
  gender_vote vote;
  if (full > 1) {  // which full word is which: given names are listed, a patronymic follows one
    bool after_given = false;
    for (auto& w : words) {
      if (w.role == word::initial) {
        after_given = false;
        continue;
      }
      if (after_given && patronymic_part(w.text, c)) {
        w.role = word::patronymic;
        after_given = false;
      } else if (given_part(w.text, c).listed) {
        w.role = word::given;
        after_given = true;
      } else {
        after_given = false;
      }
    }
    if (std::none_of(words.begin(), words.end(), [](const word& w) { return w.role == word::family; }))
      for (auto it = words.rbegin(); it != words.rend(); ++it)
        if (it->role != word::initial) {
          it->role = word::family;  // every word a given name: the last is the family name
          break;
        }
  }
  for (auto& w : words) {
    if (w.role == word::given) {
      const auto g = given_part(w.text, c).word;
      w.text = g.text;
      vote.add(g.gender);
      merge(out, g);
    } else if (w.role == word::patronymic) {
      const auto p = *patronymic_part(w.text, c);
      w.text = p.text;
      vote.add(p.gender);
      merge(out, p);
    }
  }
  const auto known = vote.result();
  if (vote.conflict) out.confident = false;
  name_gender family_gender = name_gender::unknown;
  for (auto& w : words)
    if (w.role == word::family) {
      const auto f = family_to_nominative(w.text, c, known);
      w.text = f.text;
      if (family_gender == name_gender::unknown) family_gender = f.gender;
      merge(out, f);
    }
  std::string rebuilt;
  for (const auto& w : words) {
    if (!rebuilt.empty()) rebuilt += ' ';
    rebuilt += w.text + w.tail;
  }
  out.name = parse_name(rebuilt);
  out.gender = known != name_gender::unknown ? known : family_gender;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Nominative → genitive

namespace {

/// A gendered rule fits only a person known to be of that gender.
bool fits(const rule& r, name_gender g) { return r.gender == '-' || gender_of(r.gender) == g; }

/// The most specific rule of `k` (or an indeclinable ending, for family names) matching `f`; nullptr
/// when none matches, or when the most specific ones disagree.
const rule* genitive_rule(const word_form& f, kind k, const tables& t) {
  const rule* best = nullptr;
  for (const auto& r : t.genitive_rules) {
    if ((r.k != k && !(k == kind::family && r.k == kind::indeclinable)) || !ends_with(f.lower, r, t)) continue;
    if (!best) {
      best = &r;
      continue;
    }
    if (r.written.size() != best->written.size() || r.placeholders != best->placeholders) break;
    if (r.nominative != best->nominative || r.gender != best->gender) return nullptr;
  }
  return best;
}

/// One family-name word (no hyphen) of a person of gender `g`.
genitive_word family_genitive_part(std::string_view w, name_gender g) {
  genitive_word out{std::string(w), g, false};
  const auto f = cyrillic_word(w);
  if (!f) return out;  // Latin script, digits, stress marks, bad bytes: as written
  const auto& t = get_tables();
  if (g == name_gender::unknown) out.gender = g = nominative_gender(*f);
  if (auto it = t.genitive_words.find(fold_yo(f->lower)); it != t.genitive_words.end())
    for (const auto& r : it->second)
      if (r.k == kind::family_word && fits(r, g)) {
        out.text = to_utf8(word_result(*f, r));
        out.changed = out.text != w;
        return out;
      }
  // The most specific ending decides: when it needs a gender the person does not have (or nobody
  // knows), the name stays as written rather than fall to a shorter ending (Анна Шмидт, Смит).
  const rule* r = genitive_rule(*f, kind::family, t);
  if (!r || r->k == kind::indeclinable || !fits(*r, g)) return out;
  out.text = to_utf8(apply(*f, *r, t));
  out.changed = out.text != w;
  return out;
}

/// A given name of given_names.tsv put in the genitive; others stay as written.
genitive_word given_genitive_part(std::string_view w) {
  genitive_word out{std::string(w), name_gender::unknown, false};
  const auto f = cyrillic_word(w);
  if (!f) return out;
  const auto& t = get_tables();
  const auto listed = t.given_gender.find(fold_yo(f->lower));
  if (listed == t.given_gender.end()) return out;
  out.gender = gender_of(listed->second);
  if (auto it = t.genitive_words.find(fold_yo(f->lower)); it != t.genitive_words.end())
    for (const auto& r : it->second)
      if (r.k == kind::given_word && fits(r, out.gender)) {
        out.text = to_utf8(word_result(*f, r));
        out.changed = out.text != w;
        return out;
      }
  for (const auto& r : t.genitive_rules)
    if (r.k == kind::given && fits(r, out.gender) && ends_with(f->lower, r, t)) {
      out.text = to_utf8(apply(*f, r, t));
      out.changed = out.text != w;
      return out;
    }
  return out;
}

/// A patronymic put in the genitive (Михайлович → Михайловича), or nothing when `w` is none.
std::optional<genitive_word> patronymic_genitive_part(std::string_view w) {
  const auto f = cyrillic_word(w);
  if (!f) return std::nullopt;
  const auto& t = get_tables();
  const rule* r = genitive_rule(*f, kind::patronymic, t);
  if (!r) return std::nullopt;
  genitive_word out{to_utf8(apply(*f, *r, t)), gender_of(r->gender), false};
  out.changed = out.text != w;
  return out;
}

}  // namespace

genitive_word family_to_genitive(std::string_view family, name_gender known) {
  if (family.size() > limits::max_name_bytes) return {std::string(family), known, false};
  const std::vector<std::string_view> parts = hyphen_parts(family);
  if (parts.size() == 1) return family_genitive_part(family, known);
  // A double family name (Римский-Корсаков): a part whose ending tells the gender tells it for both.
  name_gender g = known;
  if (g == name_gender::unknown) {
    gender_vote vote;
    for (const auto p : parts)
      if (const auto f = cyrillic_word(p)) vote.add(nominative_gender(*f));
    g = vote.result();
  }
  genitive_word out{{}, g, false};
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto p = family_genitive_part(parts[i], g);
    if (i) out.text += '-';
    out.text += p.text;
    out.changed = out.changed || p.changed;
  }
  return out;
}

genitive_name to_genitive(const bicite::name& n) {
  genitive_name out{n, name_gender::unknown, false};
  if (n.is_literal()) return out;
  gender_vote vote;
  if (!n.given.empty() && n.given.size() <= limits::max_name_bytes)
    out.name.given = convert_given(n.given, vote, patronymic_genitive_part, given_genitive_part,
                                   [&](const genitive_word& w) { out.changed = out.changed || w.changed; });
  const auto known = vote.result();
  if (!n.family.empty()) {
    const auto f = family_to_genitive(n.family, known);
    out.name.family = f.text;
    out.changed = out.changed || f.changed;
    out.gender = known != name_gender::unknown ? known : f.gender;
  } else {
    out.gender = known;
  }
  if (!out.changed) out.name = n;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Role phrases

namespace {

struct role_row {
  std::u32string text;  ///< lower case
  std::string role;
  grammatical_case governs = grammatical_case::nominative;
  bool needs_language = false;  ///< "пер. с": a language word must follow
};

struct role_tables {
  std::vector<role_row> phrases;
  std::vector<std::u32string> languages;  ///< lower case
};

const role_tables& get_roles() {
  static const role_tables t = [] {
    role_tables r;
    for (const auto& row : bicite::detail::data_rows("names/role_words.tsv")) {
      if (row.size() < 2 || row[1].empty()) continue;
      const auto lower = to_u32(text::to_lower(row[1]));
      if (row[0] == "language") {
        r.languages.push_back(lower);
      } else if (row[0] == "phrase" && row.size() >= 4) {
        const int c = case_of(row[3]);
        role_row p{lower, std::string(row[2]),
                   c < 0 ? grammatical_case::nominative : static_cast<grammatical_case>(c), false};
        p.needs_language = lower.size() > 2 && lower.ends_with(U" с");
        r.phrases.push_back(std::move(p));
      }
    }
    return r;
  }();
  return t;
}

bool is_space(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

bool is_letter(char32_t cp) {
  const auto s = text::script_of(cp);
  return s == text::script::latin || s == text::script::cyrillic;
}

/// Where `pattern` ends when it matches `cps` from `i` (a space: one or more spaces, or none after a
/// period), or npos.
std::size_t match_at(const std::u32string& cps, std::size_t i, std::u32string_view pattern) {
  for (std::size_t k = 0; k < pattern.size(); ++k) {
    if (pattern[k] == U' ') {
      const std::size_t from = i;
      while (i < cps.size() && is_space(cps[i])) ++i;
      if (i == from && !(k > 0 && pattern[k - 1] == U'.')) return std::u32string::npos;
      continue;
    }
    if (i >= cps.size() || cps[i] != pattern[k]) return std::u32string::npos;
    ++i;
  }
  // a word is matched whole: "ред" is not the start of "редакция"
  if (!pattern.empty() && is_letter(pattern.back()) && i < cps.size() && is_letter(cps[i])) return std::u32string::npos;
  return i;
}

}  // namespace

std::optional<role_phrase> match_role_phrase(std::string_view input) {
  // The text's start in lower case, code point by code point, with where each one ends.
  constexpr std::size_t window = 96;  // longer than any phrase with its language word
  std::u32string cps;
  std::vector<std::size_t> ends;
  for (std::size_t pos = 0; pos < input.size() && cps.size() < window;) {
    const char32_t cp = text::next_code_point(input, pos);
    char32_t folded = cp;
    if ((cp >= U'A' && cp <= U'Z') || cp >= 0x80) {  // only what may have a lower case goes to ICU
      std::string one;
      text::append_utf8(one, cp);
      const auto lower = to_u32(text::to_lower(one));
      if (lower.size() == 1) folded = lower[0];
    }
    cps.push_back(folded);
    ends.push_back(pos);
    if (cps.size() == 1 && std::none_of(get_roles().phrases.begin(), get_roles().phrases.end(),
                                        [&](const role_row& p) { return p.text.front() == folded; }))
      return std::nullopt;  // most texts start with no phrase: no need to read on
  }
  const auto& t = get_roles();
  std::optional<role_phrase> best;
  std::size_t best_end = 0;
  for (const auto& p : t.phrases) {
    std::size_t i = match_at(cps, 0, p.text);
    if (i == std::u32string::npos) continue;
    if (p.needs_language) {
      const std::size_t from = i;
      while (i < cps.size() && is_space(cps[i])) ++i;
      if (i == from) continue;
      const auto language_at = [&](std::size_t at) {
        std::size_t after = std::u32string::npos;
        for (const auto& l : t.languages) {
          const std::size_t e = match_at(cps, at, l);
          if (e != std::u32string::npos && (after == std::u32string::npos || e > after)) after = e;
        }
        if (after == std::u32string::npos) {  // an abbreviation the list lacks: "кирг."
          std::size_t e = at;
          while (e < cps.size() && text::script_of(cps[e]) == text::script::cyrillic) ++e;
          if (e - at >= 2 && e < cps.size() && cps[e] == U'.') after = e + 1;
        }
        return after;
      };
      std::size_t after = language_at(i);
      if (after == std::u32string::npos) continue;
      // "пер. с англ. и нем."
      if (const std::size_t more = match_at(cps, after, U" и "); more != std::u32string::npos)
        if (const std::size_t second = language_at(more); second != std::u32string::npos) after = second;
      i = after;
    }
    // the spaces and a colon after the phrase ("сост.: И. И. Иванов")
    while (i < cps.size() && is_space(cps[i])) ++i;
    if (i < cps.size() && cps[i] == U':') ++i;
    while (i < cps.size() && is_space(cps[i])) ++i;
    if (i == 0 || i <= best_end) continue;
    best_end = i;
    best = role_phrase{p.role, p.governs, ends[i - 1]};
  }
  return best;
}

}  // namespace bicite::names
