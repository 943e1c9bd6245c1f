// Latin → Cyrillic. Each Latin word is segmented into the Latin strings that the schemes write
// for Cyrillic letters (the inverse of the scheme tables: "shch" → щ, "ye" → е, "ts" → ц or тс, …),
// and the segmentations are ranked by a Russian letter-trigram model (data/ru_letter_trigrams.tsv),
// how many schemes use each spelling, whether the candidate transliterates back to the input and,
// for a word written with a capital, the caller's name_ranking (the names stage supplies one built
// from its lexicon: lib/names/reverse.cpp).
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "bicite/text.hpp"
#include "bicite/translit.hpp"
#include "core/embedded.hpp"
#include "translit/scheme.hpp"

namespace bicite::translit {
namespace {

constexpr int alphabet = 34;  // 0 = word edge, 1..32 = а..я, 33 = ё

int letter_index(char32_t c) noexcept {
  if (c >= 0x430 && c <= 0x44F) return static_cast<int>(c - 0x430) + 1;
  if (c == 0x451) return 33;
  return -1;
}

/// log P(c | a b) over the Russian alphabet, from letter-trigram counts.
struct trigram_model {
  std::vector<float> logp = std::vector<float>(alphabet * alphabet * alphabet, -12.0f);
  float operator()(int a, int b, int c) const { return logp[(a * alphabet + b) * alphabet + c]; }

  trigram_model() {
    std::vector<double> tri(alphabet * alphabet * alphabet, 0.0);
    for (const auto& row : bicite::detail::data_rows("translit/ru_letter_trigrams.tsv")) {
      if (row.size() < 2) continue;
      const std::string_view key = row[0];
      int idx[3];
      int n = 0;
      for (std::size_t pos = 0; pos < key.size() && n < 3;) {
        const char32_t cp = text::next_code_point(key, pos);
        idx[n++] = (cp == U'^' || cp == U'$') ? 0 : letter_index(cp);
      }
      if (n != 3 || idx[0] < 0 || idx[1] < 0 || idx[2] < 0) continue;
      tri[(idx[0] * alphabet + idx[1]) * alphabet + idx[2]] += std::atof(std::string(row[1]).c_str());
    }
    std::vector<double> bi(alphabet * alphabet, 0.0), bi_ctx(alphabet, 0.0), uni(alphabet, 0.0), tri_ctx(alphabet * alphabet, 0.0);
    double total = 0;
    for (int a = 0; a < alphabet; ++a)
      for (int b = 0; b < alphabet; ++b)
        for (int c = 0; c < alphabet; ++c) {
          const double n = tri[(a * alphabet + b) * alphabet + c];
          bi[b * alphabet + c] += n;
          bi_ctx[b] += n;
          uni[c] += n;
          tri_ctx[a * alphabet + b] += n;
          total += n;
        }
    for (int a = 0; a < alphabet; ++a)
      for (int b = 0; b < alphabet; ++b)
        for (int c = 0; c < alphabet; ++c) {
          const double p1 = (uni[c] + 1.0) / (total + alphabet);
          const double p2 = (bi[b * alphabet + c] + 2.0 * p1) / (bi_ctx[b] + 2.0);
          const double p3 = (tri[(a * alphabet + b) * alphabet + c] + 2.0 * p2) / (tri_ctx[a * alphabet + b] + 2.0);
          logp[(a * alphabet + b) * alphabet + c] = static_cast<float>(std::log(p3));
        }
  }
};

const trigram_model& model() {
  static const trigram_model m;
  return m;
}

struct reading {
  std::u32string cyrillic;  ///< lower case
  float log_prior = 0;      ///< log share of the schemes that write it this way
};

/// The inverse of one scheme's table (or of every Russian scheme's, for "any").
struct inverse_table {
  std::unordered_map<std::string, std::vector<reading>> by_latin;
  std::size_t longest = 1;
};

// uz and mvd_310_fr are not Russian; bsi_journals is bs_2979_alt's letters again, and would count them twice.
bool russian_scheme(std::string_view name) { return name != "uz" && name != "mvd_310_fr" && name != "bsi_journals"; }

void add_scheme(std::map<std::pair<std::string, std::u32string>, int>& counts, const detail::scheme& s) {
  const auto lower_output = [&](std::int32_t id) {
    const auto& o = s.outputs[static_cast<std::size_t>(id)];
    return std::string(s.pool.data() + o.lower_at, o.lower_len);
  };
  std::map<std::pair<std::string, std::u32string>, bool> seen;
  const auto add = [&](std::int32_t id, std::u32string cyr) {
    if (id < 0) return;
    std::string latin = lower_output(id);
    if (latin.empty()) return;
    seen[{latin, cyr}] = true;
  };
  for (char32_t i = 0; i < 256; ++i) {
    const auto& e = s.letters[i];
    const std::u32string letter(1, 0x400 + i);
    if (letter_index(letter[0]) < 0) continue;  // Russian letters only
    add(e.output, letter);
    for (std::size_t r = e.after_begin; r < e.after_begin + e.after_count; ++r) add(s.after[r].output, letter);
    for (std::size_t r = e.before_begin; r < e.before_begin + e.before_count; ++r) add(s.before[r].output, letter);
  }
  for (const auto& e : s.endings) add(e.output, std::u32string{e.first, e.second});
  // ё written e (schemes that drop the diaeresis) is far rarer than е written e: count it a fifth.
  for (const auto& [key, unused] : seen) counts[key] += key.first == "e" && key.second == U"ё" ? 1 : 5;
}

std::shared_ptr<const inverse_table> inverse_for(std::string_view scheme) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const inverse_table>, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(scheme); it != cache.end()) return it->second;
  std::map<std::pair<std::string, std::u32string>, int> counts;
  if (const auto* s = detail::find_scheme(scheme)) {
    add_scheme(counts, *s);
  } else {
    for (const auto& s : detail::all_schemes())
      if (russian_scheme(s.name)) add_scheme(counts, s);
  }
  // Apostrophes for the signs, whatever the scheme.
  for (const char* soft : {"'", "’", "ʹ", "`"}) ++counts[{soft, U"ь"}];
  for (const char* hard : {"\"", "”", "ʺ", "''"}) ++counts[{hard, U"ъ"}];
  auto table = std::make_shared<inverse_table>();
  std::map<std::string, int> per_latin;
  for (const auto& [key, n] : counts) per_latin[key.first] += n;
  for (const auto& [key, n] : counts) {
    table->by_latin[key.first].push_back({key.second, static_cast<float>(std::log(double(n) / per_latin[key.first]))});
    table->longest = std::max(table->longest, key.first.size());
  }
  cache.emplace(std::string(scheme), table);
  return table;
}

bool is_consonant(char32_t c) {
  return letter_index(c) > 0 && std::u32string_view(U"аеёиоуыэюяйьъ").find(c) == std::u32string_view::npos;
}

struct hypothesis {
  float score = 0;
  std::u32string text;
};

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) text::append_utf8(out, c);
  return out;
}

/// Ranked Cyrillic readings of one lower-case Latin word, as (text, log score). `names` (null: the
/// word is not name-like) adds its bonus to each reading and its known form above the best.
std::vector<hypothesis> readings(const std::string& word, std::string_view scheme, const name_ranking* names,
                                 std::size_t keep) {
  const auto table = inverse_for(scheme);
  const auto& lm = model();
  constexpr std::size_t beam = 48;
  std::vector<std::vector<hypothesis>> at(word.size() + 1);
  at[0].push_back({0, {}});
  const auto last = [](const std::u32string& t, std::size_t back) {
    return t.size() > back ? letter_index(t[t.size() - 1 - back]) : 0;
  };
  const auto extend = [&](const hypothesis& h, const reading& r, float extra, std::vector<hypothesis>& into) {
    hypothesis n{h.score + r.log_prior + extra, h.text};
    for (char32_t c : r.cyrillic) {
      const int a = last(n.text, 1), b = last(n.text, 0), ci = letter_index(c);
      n.score += lm(std::max(a, 0), std::max(b, 0), std::max(ci, 0));
      n.text.push_back(c);
    }
    into.push_back(std::move(n));
  };
  for (std::size_t i = 0; i < word.size(); ++i) {
    auto& here = at[i];
    if (here.empty()) continue;
    std::sort(here.begin(), here.end(), [](const hypothesis& x, const hypothesis& y) { return x.score > y.score; });
    if (here.size() > beam) here.resize(beam);
    // An unwritten soft sign after a consonant (Igor → Игорь), at a cost.
    const std::size_t count = here.size();
    here.reserve(count * 2);
    for (std::size_t k = 0; k < count; ++k)
      if (!here[k].text.empty() && is_consonant(here[k].text.back())) extend(here[k], {U"ь", 0}, -4.0f, here);
    bool any = false;
    for (std::size_t len = 1; len <= table->longest && i + len <= word.size(); ++len) {
      const auto it = table->by_latin.find(word.substr(i, len));
      if (it == table->by_latin.end()) continue;
      any = true;
      for (const auto& h : here)
        for (const auto& r : it->second) {
          float extra = 0;
          if (r.cyrillic.size() == 2) {  // an ending rule's reading (-y → -ий/-ый): only at the word end
            if (i + len != word.size()) continue;
            extra = -1.5f;
          } else if (r.cyrillic[0] == U'э' && !h.text.empty()) {
            extra = -2.5f;  // э inside a word is rare (loanwords: мэр, рэп)
          }
          extend(h, r, extra, at[i + len]);
        }
    }
    if (!any) {  // a character no scheme writes: keep it as it is
      std::size_t next = i;
      const char32_t cp = text::next_code_point(word, next);
      for (const auto& h : here) {
        hypothesis n = h;
        n.text.push_back(cp);
        n.score -= 6;
        at[next].push_back(std::move(n));
      }
    }
  }
  auto& done = at[word.size()];
  const std::size_t finished = done.size();
  done.reserve(finished * 2 + 1);
  for (std::size_t k = 0; k < finished; ++k)  // a final soft sign (Kazan → Казань)
    if (!done[k].text.empty() && is_consonant(done[k].text.back())) extend(done[k], {U"ь", 0}, -4.0f, done);
  for (auto& h : done) {
    h.score += lm(std::max(last(h.text, 1), 0), std::max(last(h.text, 0), 0), 0);
    if (names && names->reading_bonus) h.score += static_cast<float>(names->reading_bonus(to_utf8(h.text)));
  }
  // A form the caller knows (a given name, whatever the spelling).
  if (names && names->known_form)
    if (const std::string known = names->known_form(word); !known.empty()) {
      std::u32string cyr;
      const std::string lower = text::to_lower(known);
      for (std::size_t pos = 0; pos < lower.size();) cyr.push_back(text::next_code_point(lower, pos));
      const float best = done.empty() ? 0 : std::max_element(done.begin(), done.end(), [](auto& x, auto& y) {
                                                return x.score < y.score;
                                              })->score;
      done.push_back({best + 3.0f, cyr});
    }
  // Candidates that transliterate back to the input are preferred.
  std::sort(done.begin(), done.end(), [](const hypothesis& x, const hypothesis& y) { return x.score > y.score; });
  std::vector<hypothesis> unique;
  for (auto& h : done) {
    if (std::any_of(unique.begin(), unique.end(), [&](const hypothesis& u) { return u.text == h.text; })) continue;
    unique.push_back(std::move(h));
    if (unique.size() >= std::max<std::size_t>(keep * 3, 12)) break;
  }
  // The schemes to try the round trip in, when none is given: ASCII ones for ASCII input.
  static const std::vector<std::string_view> ascii_schemes{"bgn_pcgn_alt", "wikipedia", "icao_doc_9303", "ala_lc_alt",
                                                           "mvd_782", "gost_7034", "bs_2979_alt", "yandex_maps"};
  static const std::vector<std::string_view> diacritic_schemes{"gost_779", "scientific", "ala_lc", "bgn_pcgn",
                                                               "iso_9_1968", "bs_2979"};
  const bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  const auto& common = ascii ? ascii_schemes : diacritic_schemes;
  if (unique.size() > std::max<std::size_t>(keep * 2, 8)) unique.resize(std::max<std::size_t>(keep * 2, 8));
  for (auto& h : unique) {
    const std::string cyr = to_utf8(h.text);
    bool round_trip = false;
    if (detail::find_scheme(scheme)) {
      std::string back;
      transliterate_to(back, cyr, scheme);
      round_trip = back == word;
    } else {
      for (const auto s : common) {
        std::string back;
        transliterate_to(back, cyr, s);
        if (back == word) {
          round_trip = true;
          break;
        }
      }
    }
    if (round_trip) h.score += 2.0f;
  }
  std::sort(unique.begin(), unique.end(), [](const hypothesis& x, const hypothesis& y) { return x.score > y.score; });
  if (unique.size() > keep) unique.resize(keep);
  return unique;
}

bool is_latin_word_cp(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return (cp >= 0xC0 && cp < 0x250 && cp != 0xD7 && cp != 0xF7) || (cp >= 0x300 && cp < 0x370) ||
         (cp >= 0x1E00 && cp < 0x1F00) || cp == U'ʹ' || cp == U'ʺ' || cp == U'·';
}

struct piece {
  std::string text;  ///< the original text of a word or a separator
  bool word = false;
  std::vector<candidate> choices;  ///< for words: Cyrillic readings with probabilities
};

std::string apply_case(const std::u32string& lower, std::string_view original) {
  int uppers = 0, lowers = 0;
  bool first_upper = false, first = true;
  for (std::size_t pos = 0; pos < original.size();) {
    const char32_t cp = text::next_code_point(original, pos);
    const bool up = cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : (cp >= 0xC0 && cp <= 0xDE);
    const bool low = cp < 0x80 ? (cp >= 'a' && cp <= 'z') : (cp >= 0xDF && cp <= 0xFF);
    if (first && (up || low)) first_upper = up, first = false;
    uppers += up;
    lowers += low;
  }
  const std::string s = to_utf8(lower);
  if (uppers >= 2 && lowers == 0) return text::to_upper(s);
  if (!first_upper || s.empty()) return s;
  std::size_t pos = 0;
  text::next_code_point(s, pos);
  return text::to_upper(s.substr(0, pos)) + s.substr(pos);
}

}  // namespace

std::vector<candidate> to_cyrillic(std::string_view latin, std::string_view scheme, std::size_t max_candidates,
                                   const name_ranking& names) {
  if (max_candidates == 0) return {};
  const std::string input = text::check_utf8(latin, 0).text;
  // Words (runs of Latin letters and the sign apostrophes inside them) and what lies between.
  std::vector<piece> pieces;
  for (std::size_t pos = 0; pos < input.size();) {
    std::size_t next = pos;
    const char32_t cp = text::next_code_point(input, next);
    // A sign apostrophe belongs to the word: inside it ("ob”yezd", "Il'in"), or at its end after a
    // consonant ("put’", "Igor'"), where a closing quote would follow a vowel or stand alone.
    bool sign = false;
    if ((cp == U'\'' || cp == U'’' || cp == U'"' || cp == U'”') && !pieces.empty() && pieces.back().word) {
      std::size_t p = next;
      const bool letter_follows = next < input.size() && is_latin_word_cp(text::next_code_point(input, p));
      const char prev = pieces.back().text.back();
      const bool after_consonant = std::string_view("bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ").find(prev) != std::string_view::npos;
      const bool opened = std::string_view(pieces.size() >= 2 ? pieces[pieces.size() - 2].text : "").ends_with("‘");
      sign = letter_follows || (after_consonant && !opened && (cp == U'\'' || cp == U'’'));
    }
    const bool word = is_latin_word_cp(cp) || sign;
    if (pieces.empty() || pieces.back().word != word) pieces.push_back({{}, word, {}});
    pieces.back().text.append(input, pos, next - pos);
    pos = next;
  }
  const std::size_t per_word = std::max<std::size_t>(max_candidates, 3);
  for (auto& p : pieces) {
    if (!p.word) continue;
    const std::string lower = text::to_lower(p.text);
    const bool name_like = !p.text.empty() && p.text != lower;
    std::vector<hypothesis> found;
    if (lower.size() <= 64) {
      found = readings(lower, scheme, name_like ? &names : nullptr, per_word);
    } else {  // a very long "word": read it in slices, best reading only (keeps the time linear)
      hypothesis joined;
      for (std::size_t at = 0; at < lower.size();) {
        std::size_t end = std::min(lower.size(), at + 32);
        while (end < lower.size() && (static_cast<unsigned char>(lower[end]) & 0xC0) == 0x80) ++end;
        const auto part = readings(lower.substr(at, end - at), scheme, nullptr, 1);
        if (!part.empty()) joined.text += part.front().text;
        at = end;
      }
      found.push_back(std::move(joined));
    }
    double total = 0;
    const float best = found.empty() ? 0 : found.front().score;
    for (const auto& h : found) total += std::exp(double(h.score - best));
    for (const auto& h : found)
      p.choices.push_back({apply_case(h.text, p.text), std::exp(double(h.score - best)) / total});
    if (p.choices.empty()) p.choices.push_back({p.text, 1.0});
  }
  // The best reading of every word, then the next best of one word at a time.
  struct combo {
    double score;
    std::size_t word;  ///< pieces index of the word that takes its k-th reading (npos: none)
    std::size_t k;
  };
  double best_score = 1.0;
  for (const auto& p : pieces)
    if (p.word) best_score *= p.choices.front().score;
  std::vector<combo> combos{{best_score, std::string::npos, 0}};
  for (std::size_t i = 0; i < pieces.size(); ++i)
    if (pieces[i].word)
      for (std::size_t k = 1; k < pieces[i].choices.size(); ++k)
        combos.push_back({best_score / pieces[i].choices.front().score * pieces[i].choices[k].score, i, k});
  std::stable_sort(combos.begin(), combos.end(), [](const combo& a, const combo& b) { return a.score > b.score; });
  std::vector<candidate> out;
  for (const auto& c : combos) {
    if (out.size() >= max_candidates) break;
    std::string text;
    for (std::size_t i = 0; i < pieces.size(); ++i)
      text += pieces[i].word ? pieces[i].choices[i == c.word ? c.k : 0].text : pieces[i].text;
    if (std::any_of(out.begin(), out.end(), [&](const candidate& o) { return o.text == text; })) continue;
    out.push_back({std::move(text), c.score});
  }
  return out;
}

}  // namespace bicite::translit
