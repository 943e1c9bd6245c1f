// name_key and same_person: one person across romanisations, spellings and scripts.
#include <algorithm>

#include "bicite/names.hpp"
#include "bicite/text.hpp"
#include "names/lexicon.hpp"
#include "text/distance.hpp"

namespace bicite::names {
namespace {

struct given_part {
  std::string folded;     ///< fold_word of the part
  std::string canonical;  ///< the given name it is a form of, folded; == folded when unknown
  bool initial = false;
  char gender = 0;        ///< 'm', 'f' or 0 when unknown
};

struct prepared {
  bool literal = false;
  std::string literal_key;
  std::string family;       ///< folded, particles included
  std::string masculine;    ///< folded masculine form of the family name
  bool feminine = false;
  std::vector<given_part> given;
};

bool part_is_initial(std::string_view w) {
  std::size_t letters = 0;
  for (std::size_t pos = 0; pos < w.size();) {
    const char32_t cp = text::next_code_point(w, pos);
    const auto s = text::script_of(cp);
    letters += s == text::script::latin || s == text::script::cyrillic;
  }
  if (letters <= 1) return true;
  if (w.back() != '.') return false;
  if (letters <= 2) return true;
  const std::string f = text::fold_case(w);
  return f.starts_with("shch") || f.starts_with("dzh") || f.starts_with("sch");
}

std::vector<std::string> given_tokens(std::string_view given) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (std::size_t i = 0; i < given.size(); ++i) {
    const char c = given[i];
    if (c == ' ' || c == ',') {
      flush();
    } else if (c == '.') {
      cur.push_back(c);
      flush();  // "A.V." → "A." "V."
    } else {
      cur.push_back(c);
    }
  }
  flush();
  std::erase_if(out, [](const std::string& t) { return t == "."; });
  return out;
}

prepared prepare(const bicite::name& n) {
  prepared p;
  if (n.is_literal() || (n.family.empty() && n.given.empty())) {
    p.literal = true;
    std::string key;
    std::string word;
    for (char c : n.literal + " ") {
      if (c == ' ') {
        if (!word.empty()) {
          if (!key.empty()) key += ' ';
          key += fold_word(word);
        }
        word.clear();
      } else {
        word.push_back(c);
      }
    }
    p.literal_key = key;
    return p;
  }
  p.family = fold_word(n.non_dropping_particle + n.family);
  if (p.family.empty()) p.family = fold_word(n.family);
  const std::string f = fold_word(n.family);
  // masculine form (same rules as same_family)
  struct rule { std::string_view feminine, masculine; };
  static constexpr rule rules[] = {{"skaia", "ski"}, {"Ckaia", "Cki"}, {"ova", "ov"}, {"eva", "ev"}, {"ina", "in"}, {"aia", "oi"}};
  p.masculine = f;
  for (const auto& r : rules)
    if (f.size() > r.feminine.size() + 1 && f.ends_with(r.feminine)) {
      p.masculine = f.substr(0, f.size() - r.feminine.size()) + std::string(r.masculine);
      p.feminine = true;
      break;
    }
  if (p.masculine.ends_with("oi")) p.masculine.pop_back();
  for (const auto& t : given_tokens(n.given)) {
    given_part g;
    g.folded = fold_word(t);
    if (g.folded.empty()) continue;
    g.initial = part_is_initial(t);
    g.canonical = g.folded;
    if (!g.initial)
      if (const auto* known = detail::find_given(g.folded)) {
        g.canonical = known->canonical;
        g.gender = known->gender;
      }
    p.given.push_back(std::move(g));
  }
  return p;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/// Two family names one spelling slip apart in a way that romanisations produce: a dropped or
/// added h or i (Diaghilev/Dyagilev), k/kh/g (Strokan/Strokhan), e/o after a hushing consonant.
bool close_family(const std::string& a, const std::string& b) {
  if (a.size() < 4 || b.size() < 4) return false;
  const std::size_t la = a.size(), lb = b.size();
  if (la == lb) {
    std::size_t diff = la, count = 0;
    for (std::size_t i = 0; i < la; ++i)
      if (a[i] != b[i]) diff = i, ++count;
    if (count != 1) return false;
    const char x = std::min(a[diff], b[diff]), y = std::max(a[diff], b[diff]);
    const char before = diff ? a[diff - 1] : ' ';
    const bool hushing = before == 'Z' || before == 'W' || before == 'S' || before == 'Q' || before == 'C';
    return (x == 'H' && (y == 'g' || y == 'k')) ||  // х as k/g/kh
           (x == 'H' && y == 'Q') ||                  // German ch for х
           (x == 'S' && y == 'W') ||                  // German sch for ш
           (x == 'e' && y == 'o' && hushing);         // ё after ж ш щ ч ц written e or o
  }
  const std::string& longer = la > lb ? a : b;
  const std::string& shorter = la > lb ? b : a;
  if (longer.size() != shorter.size() + 1) return false;
  for (std::size_t i = 0; i < longer.size(); ++i)
    if (longer.compare(0, i, shorter, 0, i) == 0 && longer.compare(i + 1, std::string::npos, shorter, i) == 0)
      // an h after g/k (Diaghilev), an i next to a vowel inside the word (Kanaev/Kanaiev)
      return i > 0 && i + 1 < longer.size() &&
             ((longer[i] == 'H' && (longer[i - 1] == 'g' || longer[i - 1] == 'k')) ||
              (longer[i] == 'i' && (is_vowel(longer[i - 1]) || is_vowel(longer[i + 1]))));
  return false;
}

/// 0 when the two given parts conflict.
double compare_part(const given_part& a, const given_part& b) {
  if (!a.initial && !b.initial) {
    if (a.canonical == b.canonical || a.folded == b.folded) return 1.0;
    if (a.gender && b.gender) return 0.0;  // two different known names: Maria/Marina, Yuri/Yuliy
    const std::size_t shortest = std::min(a.folded.size(), b.folded.size());
    if (shortest >= 5 && std::max(a.folded.size(), b.folded.size()) <= 64 && (text::bounded_edit_distance(a.folded, b.folded, 1) <= 1 || text::bounded_edit_distance(a.canonical, b.canonical, 1) <= 1))
      return 0.85;
    return 0.0;
  }
  const given_part& init = a.initial ? a : b;
  const given_part& other = a.initial ? b : a;
  if (other.initial)
    return other.folded.starts_with(init.folded) || init.folded.starts_with(other.folded) ? 0.95 : 0.0;
  return other.canonical.starts_with(init.folded) || other.folded.starts_with(init.folded) ? 0.9 : 0.0;
}

person_match compare(const prepared& a, const prepared& b) {
  if (a.literal || b.literal) {
    if (a.literal && b.literal && !a.literal_key.empty() && a.literal_key == b.literal_key) return {1.0, true};
    return {0.0, false};
  }
  if (a.family.empty() || b.family.empty()) return {0.0, false};  // no letters to compare
  double family = 0.0;
  if (a.family == b.family) family = 1.0;
  else if (a.masculine == b.masculine && a.feminine != b.feminine) return {0.3, false};  // one family
  else if (a.masculine == b.masculine) family = 0.95;
  else if (close_family(a.family, b.family)) family = 0.8;
  if (family == 0.0) return {0.0, false};
  double given = 1.0;
  if (a.given.empty() || b.given.empty()) {
    given = a.given.empty() && b.given.empty() ? 0.9 : 0.75;
  } else {
    given = compare_part(a.given[0], b.given[0]);
    if (given > 0 && a.given.size() > 1 && b.given.size() > 1) given *= compare_part(a.given[1], b.given[1]);
    else if (given > 0 && a.given.size() != b.given.size()) given *= 0.98;
  }
  // A feminine first name with a masculine family form (or the reverse) is a mismatch too.
  const double score = family * given;
  return {score, score >= 0.6};
}

}  // namespace

std::string name_key(const bicite::name& n) {
  const prepared p = prepare(n);
  if (p.literal) return "org:" + p.literal_key;
  std::string key = p.family;
  if (!p.given.empty()) {
    key += ' ';
    key += p.given[0].initial ? p.given[0].folded.substr(0, 1) : p.given[0].canonical.substr(0, 1);
  }
  return key;
}

person_match same_person(const bicite::name& a, const bicite::name& b) {
  const prepared pa = prepare(a), pb = prepare(b);
  person_match best = compare(pa, pb);
  if (best.same || pa.literal || pb.literal) return best;
  // A name read in the wrong order ("Denisov Igor"): swap family and a lone full given name.
  for (int side = 0; side < 2; ++side) {
    const bicite::name& n = side ? b : a;
    if (n.given.empty() || n.given.find(' ') != std::string::npos || n.given.find('.') != std::string::npos) continue;
    bicite::name swapped = n;
    std::swap(swapped.family, swapped.given);
    const prepared ps = prepare(swapped);
    person_match m = side ? compare(pa, ps) : compare(ps, pb);
    m.score *= 0.95;
    m.same = m.score >= 0.6;
    if (m.score > best.score) best = m;
  }
  return best;
}

person_match same_person(std::string_view a, std::string_view b) {
  return same_person(parse_name(a), parse_name(b));
}

}  // namespace bicite::names
