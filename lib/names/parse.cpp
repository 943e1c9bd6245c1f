// parse_name: a personal name in either script and any order → CSL name parts.
#include <algorithm>

#include "bicite/limits.hpp"
#include "bicite/names.hpp"
#include "bicite/text.hpp"
#include "names/lexicon.hpp"

namespace bicite::names {
namespace {

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::size_t letter_count(std::string_view w) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < w.size();) {
    const char32_t cp = text::next_code_point(w, pos);
    const auto s = text::script_of(cp);
    n += s == text::script::latin || s == text::script::cyrillic;
  }
  return n;
}

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  std::size_t pos = 0;
  text::next_code_point(w, pos);
  const std::string first(w.substr(0, pos));
  return text::to_lower(first) != first;
}

/// "A.", "Yu.", "A.V.", "А.В.", "G", "Shch." — initials, not a whole name.
bool is_initial(std::string_view w) {
  if (w.empty() || !starts_upper(w)) return false;
  const std::size_t letters = letter_count(w);
  const std::size_t dots = static_cast<std::size_t>(std::count(w.begin(), w.end(), '.'));
  if (letters == 1) return true;
  if (dots >= 2) return letters <= 2 * dots + 1;  // "A.V.", "Yu.A."
  // "Ю.С" with its last period taken by the punctuation that ends the area ("под ред. Степанова Ю.С. М.: …")
  if (dots == 1 && w.back() != '.' && w.front() != '.') {
    const std::size_t at = w.find('.');
    const std::size_t a = letter_count(w.substr(0, at)), b = letter_count(w.substr(at + 1));
    return a >= 1 && a <= 2 && b >= 1 && b <= 2 && starts_upper(w.substr(at + 1));
  }
  if (dots != 1 || w.back() != '.') return false;
  if (letters <= 2) return true;                  // "Yu.", "Zh.", "Ye."
  const std::string folded = text::fold_case(w);
  return folded.starts_with("shch") || folded.starts_with("dzh") || folded.starts_with("sch");
}

std::string lower_stripped(std::string_view w) {
  std::string s = text::to_lower(w);
  while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == ':')) s.pop_back();
  return s;
}

bool is_patronymic(std::string_view w) {
  const std::string f = fold_word(w);
  return f.size() > 5 && (f.ends_with("viQ") || f.ends_with("vna") || f.ends_with("iQna") || f.ends_with("niQna") ||
                          f.ends_with("iniQ") || f.ends_with("liQ"));
}

bool is_given(std::string_view w) { return detail::find_given(fold_word(w)) != nullptr; }

bool is_organisation(const std::vector<std::string>& words) {
  const auto& lex = detail::get_lexicon();
  if (words.size() > 5) return true;
  for (const auto& w : words) {
    std::string s = lower_stripped(w);
    while (!s.empty() && (s.back() == '.' || s.back() == ')' || s.back() == '"')) s.pop_back();
    while (!s.empty() && (s.front() == '(' || s.front() == '"')) s.erase(0, 1);
    if (lex.organisation_words.count(s) || lex.organisation_words.count(lower_stripped(w))) return true;
    if (std::any_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == '@' || c == '/' || c == '&'; }))
      return true;
    if (w.find("«") != std::string::npos || w.find("»") != std::string::npos) return true;
  }
  return false;
}

/// Family name and given name from words in no particular order, without a comma.
void assign_uncommaed(bicite::name& n, const std::vector<std::string>& w) {
  const auto& lex = detail::get_lexicon();
  const std::size_t size = w.size();
  if (size == 1) {
    n.family = w[0];
    return;
  }
  std::vector<bool> initial(size);
  for (std::size_t i = 0; i < size; ++i) initial[i] = is_initial(w[i]);
  const bool rest_initials = std::all_of(initial.begin() + 1, initial.end(), [](bool b) { return b; });
  if (!initial[0] && rest_initials) {  // "Лукин А. В.", "Lukin A.V."
    n.family = w[0];
    n.given = join(w, 1, size);
    return;
  }
  // Chinese and Korean order: "Liu Zhen", "Lee Dong Gyu", "Xi Jinping".
  if (size <= 3 && lex.family_first.count(lower_stripped(w[0])) && !is_given(w[0]) &&
      !(size == 3 && lex.family_first.count(lower_stripped(w[2]))) &&  // "Dong Gyu Lee"
      std::none_of(w.begin() + 1, w.end(), [&](const std::string& x) { return is_given(x) || is_initial(x); })) {
    n.family = w[0];
    n.given = join(w, 1, size);
    return;
  }
  // Russian order "Лукин Александр Владимирович": family, given, patronymic.
  if (size == 3 && !initial[0] && !initial[1] && is_patronymic(w[2]) && is_given(w[1]) && !is_given(w[0])) {
    n.family = w[0];
    n.given = join(w, 1, 3);
    return;
  }
  if (size == 2 && !initial[0] && !initial[1] && !is_given(w[0]) && is_given(w[1]) &&
      !lex.particles.count(lower_stripped(w[0]))) {  // "Лукин Александр"
    n.family = w[0];
    n.given = w[1];
    return;
  }
  if (size == 3 && !initial[0] && initial[1] && !initial[2] && is_given(w[2]) && !is_given(w[0])) {
    n.family = w[0];  // "Lukin A. Alexander" is unusual; keep given order otherwise
    n.given = join(w, 1, 3);
    return;
  }
  // Western order: the last word is the family name, with particles before it.
  std::size_t family_start = size - 1;
  while (family_start > 1 && lex.particles.count(lower_stripped(w[family_start - 1]))) --family_start;
  if (family_start < size - 1) {
    n.non_dropping_particle = join(w, family_start, size - 1);
    n.family = w[size - 1];
  } else {
    n.family = w[size - 1];
  }
  n.given = join(w, 0, family_start);
}

}  // namespace

bicite::name parse_name(std::string_view input) {
  bicite::name n;
  const std::string cleaned = text::normalize_spacing(text::trim(input));
  std::string_view s = cleaned;
  while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == ':' || s.back() == ' ')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ',' || s.front() == ';' || s.front() == ' ')) s.remove_prefix(1);
  if (s.empty()) return n;
  if (s.size() > limits::max_name_bytes) {
    n.literal = std::string(s);  // not a personal name: kept whole, not split word by word
    return n;
  }
  auto words = split_words(s);
  if (is_organisation(words)) {
    n.literal = std::string(s);
    return n;
  }
  const auto& lex = detail::get_lexicon();
  while (words.size() > 1 && lex.titles.count(lower_stripped(words.front()))) words.erase(words.begin());
  // Suffix at the end ("Jr.", ", Jr.").
  if (words.size() > 1 && lex.suffixes.count(lower_stripped(words.back()))) {
    n.suffix = words.back();
    words.pop_back();
    if (!words.back().empty() && words.back().back() == ',') {
      words.back().pop_back();
      n.comma_suffix = true;
    }
  }
  if (!n.suffix.empty() && !words.empty() && !words.back().empty() && words.back().back() == ',') words.back().pop_back();
  // A comma: "Family, Given" — or a stray one: "Sergey G, Luzyannin".
  std::size_t comma_word = words.size();
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!words[i].empty() && words[i].back() == ',') {
      comma_word = i;
      break;
    }
  if (comma_word + 1 < words.size()) {
    std::vector<std::string> left(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(comma_word) + 1);
    std::vector<std::string> right(words.begin() + static_cast<std::ptrdiff_t>(comma_word) + 1, words.end());
    left.back().pop_back();
    for (auto& w : right)
      if (!w.empty() && w.back() == ',') w.pop_back();
    const bool typo = left.size() >= 2 && is_initial(left.back()) && !is_initial(left.front()) && right.size() == 1 &&
                      !is_initial(right[0]) && is_given(left.front()) && !is_given(right[0]);
    if (typo) {
      n.given = join(left, 0, left.size());
      n.family = right[0];
      return n;
    }
    // "Family, Given": particles lower case at the start of the family part stay with it.
    std::size_t fam_start = 0;
    while (fam_start + 1 < left.size() && lex.particles.count(lower_stripped(left[fam_start]))) ++fam_start;
    n.non_dropping_particle = join(left, 0, fam_start);
    n.family = join(left, fam_start, left.size());
    n.given = join(right, 0, right.size());
    return n;
  }
  if (comma_word < words.size()) words[comma_word].pop_back();
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  if (words.empty()) return n;
  assign_uncommaed(n, words);
  return n;
}

}  // namespace bicite::names
