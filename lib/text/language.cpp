// The language of a Latin-script title, by its function words and the letters only some languages write.
#include <array>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <bicite/text.hpp>

#include "core/embedded.hpp"

namespace bicite::text {

namespace {

struct language_data {
  std::vector<std::string> languages;                                       // index → code
  std::unordered_map<std::string, std::vector<std::size_t>> words;          // word → languages
  std::unordered_map<std::string, std::vector<std::pair<std::size_t, double>>> letters;
};

const language_data& data() {
  static const language_data d = [] {
    language_data out;
    auto index = [&](std::string_view code) {
      for (std::size_t i = 0; i < out.languages.size(); ++i)
        if (out.languages[i] == code) return i;
      out.languages.emplace_back(code);
      return out.languages.size() - 1;
    };
    for (const auto& row : bicite::detail::data_rows("text/function_words.tsv")) {
      if (row.size() < 2 || row[0] == "language") continue;
      if (row[0] == "letter") {
        if (row.size() < 3) continue;
        // "fr 0.25 it 0.25"
        std::vector<std::string_view> parts;
        for (std::size_t p = 0; p < row[2].size();) {
          const std::size_t q = std::min(row[2].find(' ', p), row[2].size());
          if (q > p) parts.push_back(row[2].substr(p, q - p));
          p = q + 1;
        }
        for (std::size_t i = 0; i + 1 < parts.size(); i += 2)
          out.letters[std::string(row[1])].emplace_back(index(parts[i]), std::stod(std::string(parts[i + 1])));
        continue;
      }
      out.words[std::string(row[1])].push_back(index(row[0]));
    }
    return out;
  }();
  return d;
}

}  // namespace

std::string guess_latin_language(std::string_view s) {
  const auto& d = data();
  std::vector<double> score(d.languages.size(), 0.0);
  auto count_word = [&](const std::string& w) {
    auto it = d.words.find(w);
    if (it == d.words.end()) return;
    for (const std::size_t l : it->second) score[l] += 1.0 / static_cast<double>(it->second.size());
  };
  std::map<std::string, bool> seen_letters;
  const std::string low = to_lower(s);
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    // "l’être", "dell'arte": the elided article counts as a word
    for (const std::string_view apo : {"’", "'"}) {
      const auto at = word.find(apo);
      if (at != std::string::npos && at > 0 && at + apo.size() < word.size()) {
        count_word(word.substr(0, at + apo.size()));
        word.clear();
        return;
      }
    }
    count_word(word);
    word.clear();
  };
  for (std::size_t p = 0; p < low.size();) {
    const std::size_t start = p;
    const char32_t c = next_code_point(low, p);
    const std::string ch(low.substr(start, p - start));
    const bool apostrophe = c == U'’' || c == '\'';
    if (script_of(c) == script::latin || apostrophe) {
      word += ch;
      if (auto it = d.letters.find(ch); it != d.letters.end() && !seen_letters[ch]) {
        seen_letters[ch] = true;
        for (const auto& [l, w] : it->second) score[l] += w;
      }
    } else {
      flush();
    }
  }
  flush();
  std::size_t best = score.size(), second = score.size();
  for (std::size_t i = 0; i < score.size(); ++i) {
    if (best == score.size() || score[i] > score[best]) {
      second = best;
      best = i;
    } else if (second == score.size() || score[i] > score[second]) {
      second = i;
    }
  }
  // one shared article is not enough ("La" alone); a clear lead over the next language is needed
  if (best == score.size() || score[best] < 0.75) return {};
  if (second != score.size() && score[best] - score[second] < 0.25) return {};
  // romanized Russian prepositions only keep a title from reading as Portuguese
  if (d.languages[best] == "ru") return {};
  return d.languages[best];
}

}  // namespace bicite::text
