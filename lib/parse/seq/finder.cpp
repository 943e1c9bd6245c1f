// The document finder: which lines of a document are its notes or reference list. A linear-chain model
// over lines (AnyStyle's finder labels: ref, text, title, meta, blank), with the features of each line
// and of its neighbours, decoded online with a fixed lag so that it runs in bounded memory.
#include <algorithm>
#include <array>
#include <string>

#include <bicite/text.hpp>

#include "dates/lexicon.hpp"
#include "parse/internal.hpp"
#include "parse/lines.hpp"
#include "parse/seq/seq.hpp"

namespace bicite::parse::seq {

namespace {

// Decisions trail the lines read by this many lines: enough for a run of page furniture or a heading to
// be weighed against what follows it.
constexpr std::size_t lag = 32;
constexpr std::size_t window = 5;  // the line, two before, two after

// the bit of word_cues() for English function words
const std::uint32_t english_cue = [] {
  for (unsigned b = 0; b < cue_kinds(); ++b)
    if (cue_name(b) == "english") return 1u << b;
  return 0u;
}();

char char_class(char32_t c) {
  if (c >= '0' && c <= '9') return 'd';
  if (parse::detail::is_upper(c)) return 'X';
  if (parse::detail::is_lower(c)) return 'x';
  if (parse::detail::is_letter(c)) return 'a';
  if (c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']') return static_cast<char>(c);
  if (text::is_dash(c)) return '-';
  if (text::is_quote(c) || c == '\'' || c == 0x2018 || c == 0x2019) return 'q';
  return '*';
}

char bucket(std::size_t v, std::initializer_list<std::size_t> bounds) {
  char b = '0';
  for (std::size_t x : bounds) {
    if (v <= x) return b;
    ++b;
  }
  return b;
}

}  // namespace

line_finder::shape line_finder::shape_of(std::string_view line) {
  shape sh;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t p = 0, len = 0;
  while (p < line.size() && parse::detail::is_space_at(line, p, &len)) {
    sh.indent += line[p] == '\t' ? 4 : 1;
    p += len;
  }
  std::size_t b = p, e = line.size();
  parse::detail::trim_range(line, b, e);
  if (b >= e) return sh;
  sh.blank = false;
  std::string_view t = line.substr(b, e - b);
  sh.marker = parse::detail::classify_line(line, 0).number >= 0;
  // a bullet ("- ", "• ", "* ") before a list item: the item is what follows it
  for (std::string_view bullet : {"- ", "* ", "\u2022 ", "\u2013 ", "\u2014 ", "\u00b7 ", "\u25aa "})
    if (t.size() > bullet.size() && t.starts_with(bullet)) {
      sh.bullet = true;
      t.remove_prefix(bullet.size());
      while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
      break;
    }
  std::size_t cps = 0, digits = 0, nonspace = 0;
  for (std::size_t q = 0; q < t.size();) {
    const char32_t c = text::next_code_point(t, q);
    ++cps;
    if (c != ' ' && c != '\t') ++nonspace;
    if (c >= '0' && c <= '9') ++digits;
  }
  sh.len = static_cast<std::uint8_t>(bucket(cps, {10, 30, 50, 70, 90}) - '0');
  sh.digits = static_cast<std::uint8_t>(digits == 0 ? 0 : digits * 10 < nonspace ? 1 : digits * 10 < nonspace * 3 ? 2 : 3);
  {
    std::size_t q = 0;
    sh.first = char_class(text::next_code_point(t, q));
    sh.last = char_class(parse::detail::prev_code_point(t, t.size()));
  }
  const auto toks = tokenize(t);
  std::size_t words = 0, capitalised = 0, years = 0, function_words = 0;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const auto& k = toks[i];
    const std::string_view w = t.substr(k.begin, k.end - k.begin);
    if (k.kind == token_kind::number) {
      if (w.size() == 4 && ((w[0] == '1' && w[1] >= '5') || (w[0] == '2' && w[1] == '0'))) ++years;
      continue;
    }
    if (k.kind != token_kind::word) continue;
    ++words;
    std::size_t q = 0;
    if (parse::detail::is_upper(text::next_code_point(w, q))) ++capitalised;
    if (words <= 64) {
      const std::uint32_t cues = word_cues(w);
      sh.cues |= cues;
      // English function words ("the", "of", "that"): many in a line of prose, few in an entry
      function_words += (cues & english_cue) != 0;
    }
  }
  sh.words = static_cast<std::uint8_t>(bucket(words, {0, 1, 3, 8, 15}) - '0');
  sh.function_words = static_cast<std::uint8_t>(bucket(function_words, {0, 1, 2, 4}) - '0');
  sh.years = static_cast<std::uint8_t>(std::min<std::size_t>(years, 2));
  sh.caps = static_cast<std::uint8_t>(words == 0 ? 0 : capitalised * 3 < words ? 1 : capitalised * 3 < words * 2 ? 2 : 3);
  // a page number (arabic or roman), alone or between dashes
  if (!toks.empty() && toks.size() <= 5) {
    std::size_t nums = 0, other = 0;
    for (const auto& k : toks) {
      const std::string_view w = t.substr(k.begin, k.end - k.begin);
      std::size_t q = 0;
      if ((k.kind == token_kind::number && w.size() <= 4) || (k.kind == token_kind::word && is_roman_numeral(w))) ++nums;
      else if (k.kind != token_kind::punct || !text::is_dash(text::next_code_point(w, q))) ++other;
    }
    sh.only_number = nums == 1 && other == 0;
  }
  // an entry's author: "Smith, J.", "Smith J.", "Иванов И. И.", "WEBER, M."
  if (toks.size() >= 2 && toks[0].kind == token_kind::word) {
    const std::string_view w0 = t.substr(toks[0].begin, toks[0].end - toks[0].begin);
    std::size_t q = 0;
    const char32_t c0 = text::next_code_point(w0, q);
    const std::string_view n1 = t.substr(toks[1].begin, toks[1].end - toks[1].begin);
    if (parse::detail::is_upper(c0)) {
      if (n1 == "," && !toks[1].space_before) sh.name_start = true;
      else if (toks[1].kind == token_kind::word && toks[1].space_before && toks.size() >= 3 &&
               t.substr(toks[2].begin, toks[2].end - toks[2].begin) == "." && !toks[2].space_before) {
        std::size_t r = 0;
        const char32_t c1 = text::next_code_point(n1, r);
        if (r == n1.size() && parse::detail::is_upper(c1)) sh.name_start = true;
      }
    }
  }
  // a short line without digits but a section number: a heading candidate
  if (words >= 1 && words <= 5) {
    std::size_t s0 = 0;
    // Markdown's "## " and emphasis ("**References**") are not part of a heading's words
    auto markup = [&](std::size_t i) {
      const char c = t[toks[i].begin];
      return toks[i].kind == token_kind::punct && (c == '#' || c == '*' || c == '_');
    };
    while (s0 < toks.size() && toks[s0].kind == token_kind::punct && t[toks[s0].begin] == '#') ++s0;
    const std::size_t after_marks = s0;
    // "1.3 ", "2. ", "A. ", "IV. " before the words
    while (s0 < toks.size() && (toks[s0].kind == token_kind::number || (toks[s0].kind == token_kind::punct && t[toks[s0].begin] == '.')))
      ++s0;
    if (s0 > after_marks && s0 < toks.size() && !toks[s0].space_before) s0 = toks.size();  // "3D", not a section number
    bool ok = s0 < toks.size();
    std::string h;
    std::string folded;
    for (std::size_t i = s0; ok && i < toks.size(); ++i) {
      const auto& k = toks[i];
      const std::string_view w = t.substr(k.begin, k.end - k.begin);
      if (k.kind == token_kind::number) ok = false;
      else if (markup(i)) continue;
      else if (k.kind == token_kind::word) {
        if (!h.empty()) h += ' ';
        folded.clear();
        dates::detail::fold_word(w, folded);
        h += folded;
      } else if (!(i + 1 == toks.size() && (w == ":" || w == "."))) {
        ok = false;
      }
    }
    if (ok && !h.empty()) {
      sh.heading = h;
      for (const auto& f : parse::detail::lex().list_heading)
        if (f.form == h) sh.list_heading = true;
    }
  }
  return sh;
}

line_finder::line_finder(features_only) { window_.resize(window); }

line_finder::line_finder(const model* m) : m_(m ? m : default_finder_model()) {
  window_.resize(window);
  if (m_) {
    const std::size_t L = m_->size();
    back_.assign(lag * L, 0);
    counts_.assign(L, 0);
  }
}

void line_finder::features_of_centre(std::vector<std::uint64_t>& out, std::vector<std::string>* names) {
  out.clear();
  const std::size_t c = featured_;
  const shape& s = window_[c % window];
  auto emit = [&](std::string_view name, std::string_view value) {
    out.push_back(feature_hash(name, value));
    if (names) names->push_back(std::string(name) + "=" + std::string(value));
  };
  // one character as a string_view (into a table: the view outlives the call)
  static const auto chars = [] {
    std::array<char, 256> a{};
    for (std::size_t k = 0; k < a.size(); ++k) a[k] = static_cast<char>(k);
    return a;
  }();
  auto ch = [](char x) { return std::string_view(&chars[static_cast<unsigned char>(x)], 1); };
  char buf[4] = {};
  auto pair = [&](char a, char b) {
    buf[0] = a;
    buf[1] = b;
    return std::string_view(buf, 2);
  };
  emit("b", "");
  const char sh = since_heading_ < 0 ? 'n' : bucket(static_cast<std::size_t>(since_heading_), {2, 30, 300});
  emit("sh", std::string_view(&sh, 1));
  if (s.blank) {
    emit("bl", "");
  } else {
    emit("len", ch(static_cast<char>('0' + s.len)));
    emit("ind", ch(bucket(static_cast<std::size_t>(s.indent), {0, 2, 6, 12, 30, 60})));
    emit("fw", ch(static_cast<char>('0' + s.function_words)));
    emit("fw|cap", pair(static_cast<char>('0' + s.function_words), static_cast<char>('0' + s.caps)));
    emit("f", ch(s.first));
    emit("l", ch(s.last));
    emit("f|l", pair(s.first, s.last));
    emit("len|l", pair(static_cast<char>('0' + s.len), s.last));
    emit("yr", ch(static_cast<char>('0' + s.years)));
    emit("dg", ch(static_cast<char>('0' + s.digits)));
    emit("cap", ch(static_cast<char>('0' + s.caps)));
    emit("wd", ch(static_cast<char>('0' + s.words)));
    if (s.marker) emit("mk", ch(static_cast<char>('0' + s.years)));
    if (s.bullet) emit("bul", "");
    if (s.name_start) emit("ns", ch(static_cast<char>('0' + s.years)));
    if (s.only_number) emit("on", "");
    if (s.list_heading) emit("lh", "");
    if (!s.heading.empty()) emit("hd", s.heading);
    for (unsigned bit = 0; bit < cue_kinds(); ++bit)
      if (s.cues & (1u << bit)) emit("cue", cue_name(bit));
  }
  static constexpr const char* nb[] = {"n-2", "n-1", "n+1", "n+2"};
  static constexpr int off[] = {-2, -1, 1, 2};
  std::string name;
  for (int k = 0; k < 4; ++k) {
    const long j = static_cast<long>(c) + off[k];
    name.assign(nb[k]);
    const std::size_t base = name.size();
    if (j < 0 || static_cast<std::size_t>(j) >= pushed_) {
      emit(name, "none");
      continue;
    }
    const shape& o = window_[static_cast<std::size_t>(j) % window];
    if (o.blank) {
      emit(name, "bl");
      continue;
    }
    auto emit_n = [&](std::string_view suffix, std::string_view value) {
      name.resize(base);
      name += suffix;
      emit(name, value);
    };
    emit_n(":f", ch(o.first));
    emit_n(":l", ch(o.last));
    emit_n(":len", ch(static_cast<char>('0' + o.len)));
    emit_n(":yr", ch(static_cast<char>('0' + o.years)));
    if (!s.blank) emit_n(":ind", ch(o.indent < s.indent ? '<' : o.indent > s.indent ? '>' : '='));
    if (o.marker) emit_n(":mk", "");
    if (o.name_start) emit_n(":ns", "");
    if (o.list_heading) emit_n(":lh", "");
    if (o.only_number) emit_n(":on", "");
    if (off[k] == -1 && !s.blank) emit("p:l|f", pair(o.last, s.first));
  }
  if (!s.blank) {
    if (s.list_heading) since_heading_ = 0;
    else if (since_heading_ >= 0) ++since_heading_;
  }
}

void line_finder::push(std::string_view line) {
  window_[pushed_ % window] = shape_of(line);
  ++pushed_;
  while (featured_ + 2 < pushed_) {
    features_of_centre(feats_, nullptr);
    if (m_) step(feats_);
    ++featured_;
  }
}

void line_finder::step(const std::vector<std::uint64_t>& feats) {
  const std::size_t L = m_->size();
  token_features tf;
  tf.hashes = feats;
  tf.offsets = {0, static_cast<std::uint32_t>(feats.size())};
  m_->emissions(tf, emis_);
  const std::size_t t = stepped_++;
  if (t == 0) {
    delta_.resize(L);
    for (std::size_t k = 0; k < L; ++k) delta_[k] = m_->start[k] + emis_[k];
  } else {
    next_.resize(L);
    std::uint8_t* bp = &back_[(t % lag) * L];
    for (std::size_t cur = 0; cur < L; ++cur) {
      float best = delta_[0] + m_->trans[cur];
      std::size_t arg = 0;
      for (std::size_t prev = 1; prev < L; ++prev) {
        const float v = delta_[prev] + m_->trans[prev * L + cur];
        if (v > best) {
          best = v;
          arg = prev;
        }
      }
      next_[cur] = best + emis_[cur];
      bp[cur] = static_cast<std::uint8_t>(arg);
    }
    delta_.swap(next_);
  }
  if (t >= lag) {
    // the best path to this line, followed back `lag` lines, fixes the label of line t - lag
    std::size_t s = static_cast<std::size_t>(std::max_element(delta_.begin(), delta_.end()) - delta_.begin());
    for (std::size_t u = t; u > t - lag; --u) s = back_[(u % lag) * L + s];
    decide(t - lag, static_cast<int>(s));
  }
}

void line_finder::decide(std::size_t line, int label) {
  ++counts_[static_cast<std::size_t>(label)];
  if (runs_.empty() || runs_.back().second != label) runs_.emplace_back(line, static_cast<std::uint8_t>(label));
  decided_ = line + 1;
}

void line_finder::finish() {
  while (featured_ < pushed_) {
    features_of_centre(feats_, nullptr);
    if (m_) step(feats_);
    ++featured_;
  }
  if (!m_ || stepped_ == 0) return;
  const std::size_t L = m_->size();
  const std::size_t last = stepped_ - 1;
  std::vector<int> rest(last + 1 - decided_);
  std::size_t s = static_cast<std::size_t>(std::max_element(delta_.begin(), delta_.end()) - delta_.begin());
  for (std::size_t u = last;; --u) {
    rest[u - decided_] = static_cast<int>(s);
    if (u == decided_) break;
    s = back_[(u % lag) * L + s];
  }
  const std::size_t first = decided_;
  for (std::size_t i = 0; i < rest.size(); ++i) decide(first + i, rest[i]);
}

void line_finder::document_features(const std::vector<std::string_view>& lines, token_features& out,
                                    std::vector<std::string>* names) {
  line_finder f{features_only{}};  // no model, no decoding
  out.hashes.clear();
  out.offsets.assign(1, 0);
  std::vector<std::uint64_t> feats;
  auto centre = [&] {
    f.features_of_centre(feats, names);
    out.hashes.insert(out.hashes.end(), feats.begin(), feats.end());
    out.offsets.push_back(static_cast<std::uint32_t>(out.hashes.size()));
    ++f.featured_;
  };
  for (const auto line : lines) {
    f.window_[f.pushed_ % window] = shape_of(line);
    ++f.pushed_;
    while (f.featured_ + 2 < f.pushed_) centre();
  }
  while (f.featured_ < f.pushed_) centre();
}

const model* default_finder_model() {
  static const std::optional<model> m = embedded_model("parse/finder_model.tsv");
  return m ? &*m : nullptr;
}

}  // namespace bicite::parse::seq
