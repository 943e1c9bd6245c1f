// Folding a name word to a spelling-independent form, and the lexicons of lib/names/data.
#include <algorithm>
#include <array>

#include "bicite/names.hpp"
#include "bicite/text.hpp"
#include "bicite/translit.hpp"
#include "core/embedded.hpp"
#include "names/lexicon.hpp"

namespace bicite::names {
namespace {

/// ASCII spelling of a Latin letter with a diacritic, as the scholarly schemes use them.
std::string_view plain_latin(char32_t cp) {
  switch (cp) {
    case U'ž': return "zh";
    case U'š': return "sh";
    case U'č': return "ch";
    case U'ŝ': return "shch";
    case U'û': return "yu";
    case U'â': return "ya";
    case U'ß': return "ss";
    case U'ł': return "l";
    case U'ø': return "o";
    case U'æ': return "ae";
    case U'œ': return "oe";
    default: break;
  }
  if (cp >= 0xE0 && cp <= 0xE5) return "a";
  if (cp == 0xE7 || cp == 0x107 || cp == 0x10D) return "c";
  if (cp >= 0xE8 && cp <= 0xEB) return "e";
  if (cp >= 0xEC && cp <= 0xEF) return "i";
  if (cp == 0xF1 || cp == 0x144) return "n";
  if (cp >= 0xF2 && cp <= 0xF6) return "o";
  if (cp >= 0xF9 && cp <= 0xFC) return "u";
  if (cp == 0xFD || cp == 0xFF || cp == 0x233 || cp == 0x1EF3) return "y";
  switch (cp) {
    case 0x101: case 0x103: case 0x105: return "a";
    case 0x113: case 0x115: case 0x117: case 0x119: case 0x11B: return "e";
    case 0x12B: case 0x12D: case 0x12F: case 0x131: return "i";
    case 0x14D: case 0x14F: case 0x151: return "o";
    case 0x16B: case 0x16D: case 0x16F: case 0x171: return "u";
    case 0x1F5: case 0x11F: return "g";
    case 0x1E31: return "k";
    case 0x1E91: case 0x17A: case 0x17C: return "z";
    case 0x1E1F: return "f";
    case 0x1E8F: return "y";
    case 0x1E29: return "h";
    case 0x1F0: return "j";
    case 0x15B: return "s";
    default: return {};
  }
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

std::string fold_word(std::string_view word) {
  std::string latin;
  if (text::has_cyrillic(word)) {
    bicite::translit::transliterate_to(latin, word, "bgn_pcgn_alt");
  } else {
    latin.assign(word);
  }
  latin = text::to_lower(latin);
  // Letters only, diacritics spelt out.
  std::string a;
  a.reserve(latin.size());
  for (std::size_t pos = 0; pos < latin.size();) {
    const char32_t cp = text::next_code_point(latin, pos);
    if (cp < 0x80) {
      if (cp >= 'a' && cp <= 'z') a.push_back(static_cast<char>(cp));
      continue;
    }
    a += plain_latin(cp);
  }
  // Letter groups that different schemes spell differently, to one symbol each
  // (upper-case letters are the folded symbols).
  std::string b;
  b.reserve(a.size());
  const auto at = [&](std::size_t i, std::string_view s) { return a.compare(i, s.size(), s) == 0; };
  for (std::size_t i = 0; i < a.size();) {
    struct group { std::string_view from, to; };
    static constexpr std::array<group, 17> groups{{{"shch", "S"}, {"shh", "S"}, {"sch", "S"}, {"zh", "Z"},
        {"kh", "H"}, {"tch", "Q"}, {"ch", "Q"}, {"sh", "W"}, {"ts", "C"}, {"tz", "C"}, {"cz", "C"}, {"tc", "C"},
        {"ph", "f"}, {"th", "t"}, {"x", "ks"}, {"ck", "k"}, {"gue", "ge"}}};
    bool matched = false;
    for (const auto& g : groups)
      if (at(i, g.from)) {
        b += g.to;
        i += g.from.size();
        matched = true;
        break;
      }
    if (matched) continue;
    const char c = a[i];
    if (c == 'c') b += (i + 1 < a.size() && (a[i + 1] == 'e' || a[i + 1] == 'i' || a[i + 1] == 'y')) ? 'C' : 'k';
    else if (c == 'h') b += 'H';
    else if (c == 'w') b += 'v';
    else if (c == 'q') b += 'k';
    else if (c == 'y' || c == 'j') b += 'i';
    else b += c;
    ++i;
  }
  // Doubled letters once; ie (е after a vowel or at the start) and io after a consonant (ё) to e.
  std::string c;
  c.reserve(b.size());
  for (char ch : b)
    if (c.empty() || c.back() != ch) c.push_back(ch);
  std::string d;
  d.reserve(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i] == 'i' && i + 1 < c.size() && (c[i + 1] == 'e' || (c[i + 1] == 'o' && i > 0 && !is_vowel(c[i - 1])))) {
      d.push_back('e');
      ++i;
      continue;
    }
    d.push_back(c[i]);
  }
  // Doubled letters once more: "ee" from Mendeleyev and Mendeleev alike.
  std::string e;
  e.reserve(d.size());
  for (char ch : d)
    if (e.empty() || e.back() != ch) e.push_back(ch);
  if (e.size() > 4 && e.ends_with("of")) e.back() = 'v';  // Smirnoff, Rachmaninoff
  return e;
}

namespace detail {
namespace {

std::vector<std::vector<std::string_view>> read_tsv(std::string_view name) { return bicite::detail::data_rows(name); }

lexicon load() {
  lexicon lex;
  const auto given_rows = read_tsv("names/given_names.tsv");
  lex.given.reserve(given_rows.size());
  for (const auto& row : given_rows) {
    if (row.size() < 2) continue;
    given_name g;
    g.cyrillic = std::string(row[0]);
    g.canonical = fold_word(row[0]);
    g.gender = row[1] == "f" ? 'f' : 'm';
    lex.given.push_back(std::move(g));
  }
  // Pointers are taken after the vector is complete.
  for (std::size_t i = 0; i < lex.given.size(); ++i) {
    const auto& g = lex.given[i];
    lex.given_by_fold.emplace(g.canonical, &g);
    for (const char* scheme : {"icao_doc_9303", "gost_779", "scientific", "mvd_310", "wikipedia", "ala_lc",
                               "bs_2979_alt", "gost_7034", "telegram"})
      if (auto t = translit::transliterate(g.cyrillic, scheme)) lex.given_by_fold.emplace(fold_word(*t), &g);
    const auto& row = given_rows[i];
    if (row.size() > 2) {
      std::string_view variants = row[2];
      while (!variants.empty()) {
        const std::size_t comma = variants.find(',');
        const auto v = variants.substr(0, comma);
        if (!v.empty()) lex.given_by_fold.emplace(fold_word(v), &g);
        variants = comma == std::string_view::npos ? std::string_view{} : variants.substr(comma + 1);
      }
    }
  }
  for (const auto& row : read_tsv("names/name_words.tsv")) {
    if (row.size() < 2) continue;
    const std::string word = text::to_lower(row[1]);
    if (row[0] == "particle") lex.particles.insert(word);
    else if (row[0] == "suffix") lex.suffixes.insert(word);
    else if (row[0] == "title") lex.titles.insert(word);
    else if (row[0] == "organisation") lex.organisation_words.insert(word);
    else if (row[0] == "family_first") lex.family_first.insert(word);
  }
  for (const auto& row : read_tsv("names/surname_endings.tsv")) {
    if (row.size() < 3) continue;
    surname_ending e;
    e.masculine = std::string(row[0]);
    e.feminine = std::string(row[1]);
    const auto fold_ending = [](const std::string& ending) {  // folded after a neutral stem
      const std::string f = fold_word("Бар" + ending);
      return f.size() > 3 ? f.substr(3) : std::string();
    };
    e.masculine_folded = fold_ending(e.masculine);
    e.feminine_folded = fold_ending(e.feminine);
    e.frequency = std::atoi(std::string(row[2]).c_str());
    lex.endings.push_back(std::move(e));
  }
  std::stable_sort(lex.endings.begin(), lex.endings.end(),
                   [](const surname_ending& x, const surname_ending& y) { return x.masculine.size() > y.masculine.size(); });
  return lex;
}

}  // namespace

const lexicon& get_lexicon() {
  static const lexicon lex = load();
  return lex;
}

const given_name* find_given(std::string_view folded) {
  const auto& lex = get_lexicon();
  auto it = lex.given_by_fold.find(std::string(folded));
  return it == lex.given_by_fold.end() ? nullptr : it->second;
}

}  // namespace detail

namespace {

/// The masculine folded form of a folded family name and whether it was feminine.
std::pair<std::string, bool> masculine_form(const std::string& folded) {
  // Feminine endings in folded spelling: -ova/-eva/-ina/-ina(ын)/-skaia/-Ckaia/-aia.
  struct rule { std::string_view feminine, masculine; };
  static constexpr std::array<rule, 7> rules{{{"skaia", "ski"}, {"Ckaia", "Cki"}, {"ova", "ov"}, {"eva", "ev"},
                                              {"ina", "in"}, {"iaia", "i"}, {"aia", "oi"}}};
  for (const auto& r : rules)
    if (folded.size() > r.feminine.size() + 1 && folded.ends_with(r.feminine))
      return {folded.substr(0, folded.size() - r.feminine.size()) + std::string(r.masculine), true};
  return {folded, false};
}

}  // namespace

bool is_feminine_family(std::string_view family) { return masculine_form(fold_word(family)).second; }

bool same_family(std::string_view a, std::string_view b) {
  const auto fa = masculine_form(fold_word(a)), fb = masculine_form(fold_word(b));
  if (fa.first == fb.first) return true;
  // -ой/-ий adjectival masculine (Толстой, Тавровский) against the folded -aia feminine.
  const auto strip = [](std::string s) {
    if (s.ends_with("oi") || s.ends_with("ii")) s.pop_back();
    return s;
  };
  return strip(fa.first) == strip(fb.first);
}

}  // namespace bicite::names
