// Title similarity: how well a cited title matches a page head's titles.
#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "bicite/links.hpp"
#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "text/distance.hpp"

namespace bicite::links {
namespace {

/// Rows of an embedded TSV (header row and '#' comments skipped).
std::vector<std::vector<std::string>> tsv_rows(std::string_view name) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& cells : bicite::detail::data_rows(name)) rows.emplace_back(cells.begin(), cells.end());
  return rows;
}

const std::unordered_map<char32_t, std::string>& skeleton_table() {
  static const auto table = [] {
    std::unordered_map<char32_t, std::string> t;
    for (const auto& row : tsv_rows("links/translit_skeleton.tsv")) {
      if (row.empty() || row[0].empty()) continue;
      std::size_t pos = 0;
      const char32_t cp = text::next_code_point(row[0], pos);
      t[cp] = row.size() > 1 ? row[1] : "";
    }
    // Latin letters with diacritics used by scientific transliteration
    t[U'č'] = "ch"; t[U'š'] = "sh"; t[U'ž'] = "zh"; t[U'ŝ'] = "shch"; t[U'ë'] = "e"; t[U'è'] = "e"; t[U'é'] = "e";
    t[U'û'] = "iu"; t[U'â'] = "ia"; t[U'ǎ'] = "ia"; t[U'ì'] = "i"; t[U'í'] = "i"; t[U'ʹ'] = ""; t[U'ʺ'] = "";
    return t;
  }();
  return table;
}

bool is_word_char(char32_t cp) {
  if (cp < 128) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  const auto s = text::script_of(cp);
  return s == text::script::latin || s == text::script::cyrillic || (s == text::script::other && cp >= 0x0370 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F));
}

/// Case-folded words of a text.
std::vector<std::string> words(std::string_view s) {
  const std::string folded = text::fold_case(text::nfc(s));
  std::vector<std::string> out;
  std::string cur;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    char32_t cp = text::next_code_point(folded, pos);
    if (cp == U'ё') cp = U'е';
    // marks inside transliterated words: combining marks (i͡a), primes and apostrophes (sʺeshʹ, Yur’yev),
    // the BGN/PCGN middle dot (Ty·ay·a): skipped, never word breaks
    if ((cp >= 0x0300 && cp <= 0x036F) || cp == U'’' || cp == U'”' || cp == U'ʹ' || cp == U'ʺ' || cp == U'·' ||
        cp == U'ʼ' || cp == U'`' || cp == U'\'' || cp == U'‘')
      continue;
    if (is_word_char(cp)) {
      text::append_utf8(cur, cp);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

/// A script-neutral consonant skeleton of a (folded) word: "россия" and "rossiya"/"rossiia" meet.
std::string skeleton(std::string_view word) {
  const auto& table = skeleton_table();
  std::string latin;
  std::size_t pos = 0;
  while (pos < word.size()) {
    const char32_t cp = text::next_code_point(word, pos);
    if (auto it = table.find(cp); it != table.end()) latin += it->second;
    else if (cp < 128) latin += static_cast<char>(cp);
  }
  std::string out;
  for (std::size_t i = 0; i < latin.size(); ++i) {
    char c = latin[i];
    if (c == 't' && i + 1 < latin.size() && latin[i + 1] == 's') {
      c = 'c';
      ++i;
    }
    if (c == 'x' || c == 'q') c = 'k';
    if (c == 'w') c = 'v';
    if (std::string_view("aeiouyjh'").find(c) != std::string_view::npos) continue;
    if (!out.empty() && out.back() == c) continue;  // "ss" vs "s"
    out += c;
  }
  return out.empty() ? latin : out;
}

/// Dice coefficient of two word multisets.
double dice(std::vector<std::string> a, std::vector<std::string> b) {
  if (a.empty() || b.empty()) return 0;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}


/// Dice coefficient where two skeletons also match when they differ by a letter or two (schemes
/// disagree on щ, ц, the French "ou"…).
double fuzzy_dice(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<bool> used(b.size(), false);
  std::vector<bool> matched(a.size(), false);
  std::size_t common = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!used[j] && a[i] == b[j]) {
        used[j] = matched[i] = true;
        ++common;
        break;
      }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (matched[i] || a[i].size() < 3) continue;
    const std::size_t limit = a[i].size() >= 7 ? 2 : 1;
    for (std::size_t j = 0; j < b.size(); ++j)
      if (!used[j] && b[j].size() >= 3 && text::bounded_edit_distance(a[i], b[j], limit) <= limit) {
        used[j] = true;
        ++common;
        break;
      }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

std::vector<std::string> skeletons(const std::vector<std::string>& ws) {
  std::vector<std::string> out;
  out.reserve(ws.size());
  for (const auto& w : ws) out.push_back(skeleton(w));
  return out;
}

/// The title and its parts split at site separators (" | ", " — ", " - ", …).
std::vector<std::string> candidates(const page_head& head) {
  std::vector<std::string> out;
  static const char* seps[] = {" | ", " — ", " – ", " - ", " :: ", " / ", " · ", " « ", " » "};
  for (const std::string* full : {&head.citation_title, &head.og_title, &head.title, &head.h1}) {
    if (full->empty()) continue;
    // a title is short: a hostile page's 64 KiB "title" must not cost quadratic time
    const std::string_view t = std::string_view(*full).substr(0, 600);
    out.emplace_back(t);
    for (const char* sep : seps) {
      std::string_view rest = t;
      std::string prefix;
      std::size_t p;
      while ((p = rest.find(sep)) != std::string_view::npos) {
        out.emplace_back(rest.substr(0, p));
        prefix += std::string(rest.substr(0, p));
        out.push_back(prefix);
        prefix += sep;
        rest = rest.substr(p + std::strlen(sep));
      }
      if (rest.size() != t.size()) out.emplace_back(rest);
    }
  }
  return out;
}

}  // namespace


double title_similarity(std::string_view cited, const page_head& page) {
  const auto cited_words = words(cited);
  if (cited_words.empty()) return 0;
  const auto cited_skel = skeletons(cited_words);
  // A page may show only the main title of "Title: subtitle" (a book's page, a short <title>): the
  // cited main title is compared too, a little less sure. Not a one-word main title ("Лавров: …" is a
  // speaker, not a title).
  std::vector<std::string> main_words, main_skel;
  if (const auto colon = cited.find(": "); colon != std::string_view::npos) {
    main_words = words(cited.substr(0, colon));
    if (main_words.size() < 2 || main_words.size() >= cited_words.size()) main_words.clear();
    main_skel = skeletons(main_words);
  }
  double best = 0;
  for (const auto& c : candidates(page)) {
    const auto cw = words(c);
    const auto cs = skeletons(cw);
    best = std::max(best, dice(cited_words, cw));
    best = std::max(best, fuzzy_dice(cited_skel, cs) * 0.98);  // across scripts, a little less sure
    if (!main_words.empty()) {
      best = std::max(best, dice(main_words, cw) * 0.9);
      best = std::max(best, fuzzy_dice(main_skel, cs) * 0.9 * 0.98);
    }
  }
  return best;
}

}  // namespace bicite::links
