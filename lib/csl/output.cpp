// Output tree: markup parsing, formatting, text-case and the text/HTML/Markdown renderers.
#include "csl/output.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <set>

#include "bicite/text.hpp"
#include "core/embedded.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace bicite::csl::detail {
namespace {

bool is_space_cp(char32_t c) { return c == ' ' || c == 0xA0 || c == '\t' || c == '\n' || c == 0x202F || c == 0x2009; }

// ---- markup parsing ----

struct markup_parser {
  std::string_view s;
  std::size_t i = 0;
  bool keep_apostrophes = false;  // a style's affixes keep their straight ' as written

  static bool starts(std::string_view s, std::size_t i, std::string_view p) { return s.substr(i, p.size()) == p; }
  // a space, no-break space, narrow no-break space or thin space at / just before byte i (French guillemets)
  static bool spaced_after(std::string_view s, std::size_t i) {
    return starts(s, i, " ") || starts(s, i, "\u00A0") || starts(s, i, "\u202F") || starts(s, i, "\u2009");
  }
  static bool spaced_before(std::string_view s, std::size_t i) {
    auto ends = [&](std::string_view p) { return i >= p.size() && s.substr(i - p.size(), p.size()) == p; };
    return ends(" ") || ends("\u00A0") || ends("\u202F") || ends("\u2009");
  }

  // Which closing tag ends a wrapper opened by the tag text.
  static bool open_tag(std::string_view t, wrap& w, std::string& close) {
    struct m { std::string_view open; wrap w; std::string_view close; };
    static const std::array<m, 9> tags{{
        {"<i>", wrap::italic, "</i>"},
        {"<b>", wrap::bold, "</b>"},
        {"<sc>", wrap::small_caps, "</sc>"},
        {"<sup>", wrap::sup, "</sup>"},
        {"<sub>", wrap::sub, "</sub>"},
        {"<span class=\"nocase\">", wrap::nocase, "</span>"},
        {"<span style=\"font-variant:small-caps;\">", wrap::small_caps, "</span>"},
        {"<span style=\"font-variant: small-caps;\">", wrap::small_caps, "</span>"},
        {"<span class=\"nodecor\">", wrap::nodecor, "</span>"},
    }};
    for (const auto& x : tags)
      if (t.substr(0, x.open.size()) == x.open) {
        w = x.w;
        close = std::string(x.close);
        return true;
      }
    return false;
  }

  // Parses until `close` (a tag or a quote character) or the end.
  void parse(node& out, std::string_view close, bool in_quote_double, bool in_quote_single) {
    std::string buf;
    auto flush = [&] {
      if (!buf.empty()) out.kids.push_back(node::leaf(std::move(buf)));
      buf.clear();
    };
    while (i < s.size()) {
      if (!close.empty() && starts(s, i, close)) {
        // a single-quote close only at a word end
        i += close.size();
        flush();
        return;
      }
      char c = s[i];
      if (c == '<') {
        wrap w;
        std::string cl;
        std::size_t end = s.find('>', i);
        if (end != std::string_view::npos && open_tag(s.substr(i, end - i + 1), w, cl)) {
          flush();
          i = end + 1;
          node k;
          k.w = w;
          parse(k, cl, in_quote_double, in_quote_single);
          out.kids.push_back(std::move(k));
          continue;
        }
      }
      if (c == '"' && keep_apostrophes) {
        buf += c;  // a style's affix keeps its straight double quotes too
        ++i;
        continue;
      }
      if (c == '"' && close != "\"") {
        // an opening straight double quote: followed by a non-space, with a partner after a non-space
        std::size_t partner = s.find('"', i + 1);
        bool ok = i + 1 < s.size() && s[i + 1] != ' ' && partner != std::string_view::npos && s[partner - 1] != ' ';
        if (ok && !in_quote_double) {
          flush();
          ++i;
          node k;
          k.w = wrap::quote;
          parse(k, "\"", true, in_quote_single);
          out.kids.push_back(std::move(k));
          continue;
        }
      }
      if (starts(s, i, "\u2018") && !in_quote_single) {
        // ‘…’ where the closing ’ ends a word
        std::size_t j = i + 3, close_at = std::string_view::npos;
        while ((j = s.find("\u2019", j)) != std::string_view::npos) {
          if (j + 3 >= s.size() || !std::isalnum(static_cast<unsigned char>(s[j + 3]))) {
            close_at = j;
            break;
          }
          j += 3;
        }
        if (close_at != std::string_view::npos) {
          flush();
          node k;
          k.w = wrap::quote;
          k.cls = "keep";  // typographic quotes in the data stay as written
          markup_parser sub{s.substr(i + 3, close_at - i - 3), 0, keep_apostrophes};
          sub.parse(k, {}, in_quote_double, true);
          out.kids.push_back(std::move(k));
          i = close_at + 3;
          continue;
        }
      }
      if (starts(s, i, "\u201C") && !in_quote_double) {
        std::size_t close_at = s.find("\u201D", i + 3);
        if (close_at != std::string_view::npos) {
          flush();
          i += 3;
          node k;
          k.w = wrap::quote;
          k.cls = "keep2";  // typographic double quotes in the data stay as written
          parse(k, "\u201D", true, in_quote_single);
          out.kids.push_back(std::move(k));
          continue;
        }
      }
      if (starts(s, i, "\u00AB") && !keep_apostrophes && i + 2 < s.size() && !spaced_after(s, i + 2)) {
        // «…» written in a title (Russian usage): a quotation, so that quotes put around the title
        // make it an inner one („…“ in Russian, ‘…’ in English) rather than doubling «« »»;
        // nested «…» count, and French « … » with spaces stays text. The search is bounded (length
        // and depth) so that a long run of unmatched marks stays linear and shallow.
        std::size_t j = i + 2, close_at = std::string_view::npos;
        int depth = 1;
        while (j < s.size() && j - i < 4096 && depth <= 8) {
          if (starts(s, j, "\u00AB")) {
            ++depth;
            j += 2;
          } else if (starts(s, j, "\u00BB")) {
            if (--depth == 0) {
              close_at = j;
              break;
            }
            j += 2;
          } else {
            ++j;
          }
        }
        if (close_at != std::string_view::npos && close_at > i + 2 && !spaced_before(s, close_at)) {
          flush();
          node k;
          k.w = wrap::quote;
          k.cls = "keep_guillemets";  // stays «…» where nothing quotes it
          markup_parser sub{s.substr(i + 2, close_at - i - 2), 0, keep_apostrophes};
          sub.parse(k, {}, in_quote_double, in_quote_single);
          out.kids.push_back(std::move(k));
          i = close_at + 2;
          continue;
        }
      }
      if (c == '\'' && keep_apostrophes) {
        buf += c;
        ++i;
        continue;
      }
      if (c == '\'') {
        bool prev_letter = i > 0 && !is_space_cp(static_cast<unsigned char>(s[i - 1])) && s[i - 1] != '(' && s[i - 1] != '"';
        if (!prev_letter && !in_quote_single) {
          // an opening single quote needs a closing one that ends a word
          std::size_t j = i + 1;
          bool found = false;
          while ((j = s.find('\'', j)) != std::string_view::npos) {
            bool next_ok = j + 1 >= s.size() || !std::isalnum(static_cast<unsigned char>(s[j + 1]));
            if (next_ok) {
              found = true;
              break;
            }
            ++j;
          }
          if (found) {
            flush();
            ++i;
            node k;
            k.w = wrap::quote;
            parse_single(k);
            out.kids.push_back(std::move(k));
            continue;
          }
        }
        buf += "\u2019";
        ++i;
        continue;
      }
      buf += c;
      ++i;
    }
    flush();
  }

  void parse_single(node& k) {
    // content until a ' that is followed by a non-alphanumeric character
    std::size_t start = i;
    std::size_t j = i;
    while ((j = s.find('\'', j)) != std::string_view::npos) {
      if (j + 1 >= s.size() || !std::isalnum(static_cast<unsigned char>(s[j + 1]))) break;
      ++j;
    }
    std::string_view inner = s.substr(start, j - start);
    markup_parser sub{inner, 0, keep_apostrophes};
    sub.parse(k, {}, false, true);
    i = j == std::string_view::npos ? s.size() : j + 1;
  }
};

// ---- text-case ----

struct leaf_ref {
  std::string* text;
  bool nocase;
};

void collect(node& n, bool nocase, std::vector<leaf_ref>& out) {
  if (n.w == wrap::nocase || n.w == wrap::nodecor || n.w == wrap::small_caps || n.w == wrap::sup || n.w == wrap::sub)
    nocase = true;
  if (n.kids.empty()) {
    if (!n.text.empty()) out.push_back({&n.text, nocase});
    return;
  }
  for (auto& k : n.kids) collect(k, nocase, out);
}

std::string upper_first(std::string_view w) {
  if (w.empty()) return {};
  std::size_t p = 0;
  text::next_code_point(w, p);
  return text::to_upper(w.substr(0, p)) + std::string(w.substr(p));
}

// Bytes of leading punctuation (ASCII and quotes, brackets) before the first letter or digit.
std::size_t skip_punct(std::string_view w) {
  std::size_t k = 0;
  while (k < w.size()) {
    std::size_t p = k;
    char32_t c = text::next_code_point(w, p);
    bool punct = c < 0x80 ? !std::isalnum(static_cast<int>(c)) : (c == 0x2018 || c == 0x201C || c == 0xAB || c == 0x201E || c == 0xBF || c == 0xA1);
    if (!punct) break;
    k = p;
  }
  return k;
}

bool has_upper(std::string_view w) { return text::to_lower(w) != w; }
bool has_lower(std::string_view w) { return text::to_upper(w) != w; }

bool is_stop_word(std::string_view w) {
  // citeproc-js's list of words kept lowercase in title case (csl/title_stop_words.tsv)
  static const std::set<std::string, std::less<>> stop = [] {
    std::set<std::string, std::less<>> s;
    for (const auto& row : bicite::detail::data_rows("csl/title_stop_words.tsv"))
      if (!row.empty() && !row[0].empty()) s.emplace(row[0]);
    return s;
  }();
  return stop.find(w) != stop.end();
}

// Splits text into words (letters/digits/apostrophes) and separators, and calls f(word, is_first_of_all).
template <class F>
std::string map_words(std::string_view s, F&& f) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    std::size_t p = i;
    char32_t c = text::next_code_point(s, p);
    bool sep = is_space_cp(c) || c == '-' || c == '/' || c == 0x2013 || c == 0x2014;
    if (sep) {
      out.append(s.substr(start, p - start));
      i = p;
      continue;
    }
    std::size_t j = i;
    while (j < s.size()) {
      std::size_t q = j;
      char32_t d = text::next_code_point(s, q);
      if (is_space_cp(d) || d == '-' || d == '/' || d == 0x2013 || d == 0x2014) break;
      j = q;
    }
    out += f(s.substr(i, j - i), j);
    i = j;
  }
  return out;
}

// Turkish and Azerbaijani pair dotted i with İ and dotless ı with I.
std::string turkic_case(std::string_view s, bool upper) {
  std::string t;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (upper && s[i] == 'i') t += "\u0130";
    else if (!upper && s[i] == 'I') t += "\u0131";
    else if (!upper && s.substr(i, 2) == "\u0130") t += 'i', ++i;
    else t += s[i];
  }
  return upper ? text::to_upper(t) : text::to_lower(t);
}

void case_leaves(std::vector<leaf_ref>& leaves, text_case c, bool turkic) {
  if (leaves.empty()) return;
  if (c == text_case::lowercase || c == text_case::uppercase) {
    bool up = c == text_case::uppercase;
    for (auto& l : leaves)
      if (!l.nocase) *l.text = turkic ? turkic_case(*l.text, up) : up ? text::to_upper(*l.text) : text::to_lower(*l.text);
    return;
  }
  if (c == text_case::capitalize_first || c == text_case::sentence) {
    // sentence case lowercases only an all-uppercase string; mixed case stays (CSL 1.0.2)
    bool all_upper = c == text_case::sentence;
    if (all_upper)
      for (auto& l : leaves)
        if (!l.nocase && has_lower(*l.text)) all_upper = false;
    bool first = true;
    for (auto& l : leaves) {
      if (l.nocase) {
        if (!text::trim(*l.text).empty()) first = false;
        continue;
      }
      std::string& t = *l.text;
      if (all_upper) t = text::to_lower(t);
      if (first) {
        std::size_t k = 0;
        while (k < t.size() && !std::isalnum(static_cast<unsigned char>(t[k])) && static_cast<unsigned char>(t[k]) < 0x80) ++k;
        if (k < t.size()) {
          t = t.substr(0, k) + upper_first(std::string_view(t).substr(k));
          first = false;
        }
      }
    }
    return;
  }
  if (c == text_case::capitalize_all) {
    for (auto& l : leaves)
      if (!l.nocase)
        *l.text = map_words(*l.text, [](std::string_view w, std::size_t) {
          return has_upper(w) ? std::string(w) : upper_first(w);
        });
    return;
  }
  if (c == text_case::title) {
    bool all_upper = true;
    for (auto& l : leaves)
      if (!l.nocase && has_lower(*l.text)) all_upper = false;
    // count words to know the last one
    std::size_t total_words = 0;
    for (auto& l : leaves) map_words(*l.text, [&](std::string_view w, std::size_t) { ++total_words; return std::string(w); });
    std::size_t index = 0;
    bool after_colon = true;
    bool prev_leaf_hyphen = false;
    for (auto& l : leaves) {
      std::string& t = *l.text;
      std::string out;
      std::size_t i = 0;
      out = map_words(t, [&](std::string_view w, std::size_t end) {
        ++index;
        std::size_t begin = end - w.size();
        bool before_hyphen = end < t.size() && t[end] == '-' && !(begin > 0 && t[begin - 1] == '-');
        // a one-character part after a hyphen keeps its case unless a hyphen follows it too: "07-x",
        // "A-b Testing", but "X-Ray", "T-Cell-Mediated" (citeproc-js capitalises a one-character word only
        // where it opens the title or a subtitle or comes before a hyphen)
        bool after_hyphen = begin > 0 ? t[begin - 1] == '-' : prev_leaf_hyphen;
        bool lone_char_part = false;
        if (after_hyphen && !(end < t.size() && t[end] == '-')) {
          std::size_t a = skip_punct(w);
          std::size_t b = w.size();
          while (b > a && static_cast<unsigned char>(w[b - 1]) < 0x80 && std::ispunct(static_cast<unsigned char>(w[b - 1]))) --b;
          std::size_t q = a;
          if (q < b) text::next_code_point(w, q);
          lone_char_part = q == b && a < b;
        }
        std::string word(w);
        if (l.nocase) {
          after_colon = !word.empty() && (word.back() == ':' || word.back() == '?' || word.back() == '!');
          return word;
        }
        std::string lw = text::to_lower(word);
        std::string core = lw;
        while (!core.empty() && std::ispunct(static_cast<unsigned char>(core.back()))) core.pop_back();
        std::string res;
        if (all_upper && false) word = lw;
        bool acronym = !all_upper && has_upper(word) && !has_lower(word);
        if (acronym) res = word;
        else if (lone_char_part) res = word;
        else if (!after_colon && !before_hyphen && index != total_words && is_stop_word(core) && !has_upper(word)) res = word;
        else if (has_upper(word) && !all_upper) res = word;
        else {
          std::size_t k = skip_punct(word);
          std::size_t q = k;
          char32_t first_cp = q < word.size() ? text::next_code_point(word, q) : 0;
          // English title case leaves words in other scripts alone ("β-carotine")
          if (first_cp >= 0x370) res = word;
          else res = word.substr(0, k) + upper_first(std::string_view(word).substr(k));
        }
        after_colon = !word.empty() && (word.back() == ':' || word.back() == '?' || word.back() == '!');
        return res;
      });
      (void)i;
      if (!t.empty()) prev_leaf_hyphen = t.back() == '-';
      t = std::move(out);
    }
  }
}

// ---- rendering ----

struct tok {
  enum kind : std::uint8_t { txt, open, close, qopen, qclose } k;
  wrap w = wrap::none;
  std::string s;
  std::string cls;
  bool structural = false;  // from an affix or a delimiter, not from the data
};

struct flattener {
  const quote_terms& q;
  std::vector<tok> out;
  bool ital = false, bold = false, sc = false, under = false;
  int qdepth = 0;

  bool structural = false;

  void run(const node& n) {
    bool saved_structural = structural;
    if (n.t == tag::affix || n.t == tag::delimiter) structural = true;
    run_inner(n);
    structural = saved_structural;
  }

  void run_inner(const node& n) {
    if (n.kids.empty() && n.w == wrap::none) {
      if (!n.text.empty()) out.push_back({tok::txt, wrap::none, n.text, {}, structural});
      return;
    }
    auto children = [&] {
      if (n.kids.empty() && !n.text.empty()) out.push_back({tok::txt, wrap::none, n.text, {}});
      for (const auto& k : n.kids) run(k);
    };
    auto wrapped = [&](wrap w, bool& flag, bool value) {
      bool saved = flag;
      flag = value;
      out.push_back({tok::open, w, {}, {}});
      children();
      out.push_back({tok::close, w, {}, {}});
      flag = saved;
    };
    switch (n.w) {
      case wrap::italic:
      case wrap::oblique:
        if (ital) wrapped(wrap::no_italic, ital, false);
        else wrapped(n.w, ital, true);
        return;
      case wrap::no_italic:
        if (ital) wrapped(wrap::no_italic, ital, false);
        else children();
        return;
      case wrap::bold:
        if (bold) wrapped(wrap::no_bold, bold, false);
        else wrapped(wrap::bold, bold, true);
        return;
      case wrap::light:
        wrapped(wrap::light, bold, false);
        return;
      case wrap::no_bold:
        if (bold) wrapped(wrap::no_bold, bold, false);
        else children();
        return;
      case wrap::small_caps:
        // markup small caps inside small caps flip to normal; a style's small caps inside small
        // caps stay small caps (cs:names and its cs:name may both ask for them), as in citeproc-js
        if (sc && n.cls != "style") wrapped(wrap::no_small_caps, sc, false);
        else wrapped(wrap::small_caps, sc, true);
        return;
      case wrap::no_small_caps:
        if (sc) wrapped(wrap::no_small_caps, sc, false);
        else children();
        return;
      case wrap::underline:
        wrapped(wrap::underline, under, true);
        return;
      case wrap::no_underline:
        if (under) wrapped(wrap::no_underline, under, false);
        else children();
        return;
      case wrap::sup:
      case wrap::sub:
      case wrap::baseline: {
        out.push_back({tok::open, n.w, {}, {}});
        children();
        out.push_back({tok::close, n.w, {}, {}});
        return;
      }
      case wrap::quote: {
        if ((n.cls == "keep" || n.cls == "keep2") && qdepth == 0) {
          bool single = n.cls == "keep";
          out.push_back({tok::qopen, wrap::quote, single ? "\u2018" : "\u201C", "keep"});
          int saved = qdepth;
          qdepth = single ? 2 : 1;  // what is inside takes the other kind
          children();
          qdepth = saved;
          out.push_back({tok::qclose, wrap::quote, single ? "\u2019" : "\u201D", "keep"});
          return;
        }
        if (n.cls == "keep_guillemets" && qdepth == 0) {
          out.push_back({tok::qopen, wrap::quote, "\u00AB", "keep"});
          children();  // nested «…» stay as written too
          out.push_back({tok::qclose, wrap::quote, "\u00BB", "keep"});
          return;
        }
        bool inner = qdepth % 2 == 1;
        ++qdepth;
        // quotes of a cite's own prefix or suffix do not take the punctuation that follows them
        std::string qcls = n.cls == "fixed" ? "keep" : "";
        out.push_back({tok::qopen, wrap::quote, inner ? q.open_inner : q.open, qcls});
        children();
        out.push_back({tok::qclose, wrap::quote, inner ? q.close_inner : q.close, qcls});
        --qdepth;
        return;
      }
      case wrap::display:
        out.push_back({tok::open, wrap::display, {}, n.cls});
        children();
        out.push_back({tok::close, wrap::display, {}, n.cls});
        return;
      case wrap::nodecor: {
        bool si = ital, sb = bold, ss = sc;
        std::size_t opened = 0;
        if (ital) { out.push_back({tok::open, wrap::no_italic, {}, {}}); ++opened; }
        if (bold) { out.push_back({tok::open, wrap::no_bold, {}, {}}); ++opened; }
        if (sc) { out.push_back({tok::open, wrap::no_small_caps, {}, {}}); ++opened; }
        std::vector<wrap> ws;
        for (std::size_t i = out.size() - opened; i < out.size(); ++i) ws.push_back(out[i].w);
        ital = bold = sc = false;
        children();
        for (auto it = ws.rbegin(); it != ws.rend(); ++it) out.push_back({tok::close, *it, {}, {}});
        ital = si;
        bold = sb;
        sc = ss;
        return;
      }
      case wrap::none:
      case wrap::nocase:
        children();
        return;
    }
  }
};

// citeproc-js's table for two marks that meet (left mark ends one piece, right starts the next):
// 'L' keeps the left one, 'R' keeps the right one, 'B' keeps both.
char merge_punct(char left, char right) {
  static const char order[] = ":.;!?,";
  static const char* table[] = {
      //        left:  :    .    ;    !    ?    ,
      /* : */ "LBLLLB",
      /* . */ "LLLLLB",
      /* ; */ "BBLBBB",
      /* ! */ "RBRLBB",
      /* ? */ "RBRBLB",
      /* , */ "BBBBBL"};
  const char* l = std::strchr(order, left);
  const char* r = std::strchr(order, right);
  if (!l || !r || !left || !right) return 'B';
  return table[r - order][l - order];
}

bool is_punct(char c) { return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?'; }

// Merges doubled punctuation across token boundaries and moves punctuation into quotes.
void fix_punctuation_pass(std::vector<tok>& toks, bool in_quote) {
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].k != tok::txt || toks[i].s.empty()) continue;
    // find the previous token that has text (stopping at a close quote)
    std::size_t j = i;
    bool found = false;
    bool saw_qclose = false, saw_real = false;
    std::size_t qclose_at = 0;
    while (j > 0) {
      --j;
      if (toks[j].k == tok::qclose) {
        if (toks[j].cls != "keep") saw_real = true;
        if (!saw_qclose) {
          saw_qclose = true;
          qclose_at = j;
        }
        continue;
      }
      if (toks[j].k == tok::txt && !toks[j].s.empty()) {
        found = true;
        break;
      }
      if (toks[j].k == tok::qopen) break;
    }
    if (!found) continue;
    std::string& cur = toks[i].s;
    std::string& prev = toks[j].s;
    const bool moves_in = cur[0] == '.' || cur[0] == ',' || cur[0] == '!' || cur[0] == '?';
    if (saw_qclose && (saw_real || toks[i].structural) && in_quote && moves_in) {
      // punctuation-in-quote: the mark joins the quoted text, merged with the mark that ends it
      char p = cur[0];
      cur.erase(0, 1);
      switch (merge_punct(prev.back(), p)) {
        case 'L': break;
        case 'R': prev.back() = p; break;
        default: prev += p; break;
      }
      (void)qclose_at;
      continue;
    }
    if (saw_qclose) {
      // punctuation after a quote: compare with the text inside the quote only when it would double
      if (!in_quote) continue;
      // a colon or semicolon stays outside; one the quoted text's "!" or "?" already ends goes
      if ((saw_real || toks[i].structural) && is_punct(cur[0]) && merge_punct(prev.back(), cur[0]) == 'L') {
        cur.erase(0, 1);
        continue;
      }
    }
    char first = cur[0];
    char last = prev.back();
    if (first == ' ' && last == ' ') {
      cur.erase(0, 1);
      continue;
    }
    if (!is_punct(first) || !is_punct(last)) continue;
    if (saw_qclose) continue;
    switch (merge_punct(last, first)) {
      case 'L': cur.erase(0, 1); break;                     // keep the left mark only
      case 'R': prev.back() = first; cur.erase(0, 1); break;  // the right mark replaces it
      default: break;                                         // keep both
    }
  }
}

void fix_punctuation(std::vector<tok>& toks, bool in_quote) {
  fix_punctuation_pass(toks, in_quote);
  // a mark that replaced one after a closing quote ("“colon”:" + "!") moves in on a second pass
  if (in_quote) fix_punctuation_pass(toks, in_quote);
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '&') out += "&#38;";
    else if (c == '<') out += "&#60;";
    else if (c == '>') out += "&#62;";
    else if (static_cast<unsigned char>(c) >= 0xC2) {
      // superscript letters (ordinal terms) become <sup>
      std::size_t p = i;
      char32_t cp = text::next_code_point(s, p);
      // a superscript character (Unicode's <super> decompositions, as citeproc-js lists them, and
      // four modifier letters without one) becomes <sup> with its base character
      std::string hit;
      if (cp == 0x2C0) hit = "\u0294";
      else if (cp == 0x2C1) hit = "\u0295";
      else if (cp == 0x6E5) hit = "\u0648";
      else if (cp == 0x6E6) hit = "\u064A";
      else if (u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_DECOMPOSITION_TYPE) == U_DT_SUPER) {
        UErrorCode st = U_ZERO_ERROR;
        const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(st);
        if (U_SUCCESS(st)) {
          icu::UnicodeString base = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), st);
          if (U_SUCCESS(st)) base.toUTF8String(hit);
        }
      }
      if (!hit.empty()) {
        out += "<sup>";
        out += hit;
        out += "</sup>";
      } else {
        out.append(s.substr(i, p - i));
      }
      i = p - 1;
    } else out += c;
  }
  return out;
}

const char* html_open(wrap w) {
  switch (w) {
    case wrap::italic: return "<i>";
    case wrap::oblique: return "<span style=\"font-style:oblique;\">";
    case wrap::no_italic: return "<span style=\"font-style:normal;\">";
    case wrap::bold: return "<b>";
    case wrap::light: return "<span style=\"font-weight:light;\">";
    case wrap::no_bold: return "<span style=\"font-weight:normal;\">";
    case wrap::small_caps: return "<span style=\"font-variant:small-caps;\">";
    case wrap::no_small_caps: return "<span style=\"font-variant:normal;\">";
    case wrap::underline: return "<span style=\"text-decoration:underline;\">";
    case wrap::no_underline: return "<span style=\"text-decoration:none;\">";
    case wrap::sup: return "<sup>";
    case wrap::sub: return "<sub>";
    case wrap::baseline: return "<span style=\"baseline\">";
    default: return "";
  }
}

const char* html_close(wrap w) {
  switch (w) {
    case wrap::italic: return "</i>";
    case wrap::bold: return "</b>";
    case wrap::sup: return "</sup>";
    case wrap::sub: return "</sub>";
    case wrap::none: case wrap::quote: case wrap::nocase: case wrap::nodecor: case wrap::display: return "";
    default: return "</span>";
  }
}

}  // namespace

bool node::empty() const {
  if (kids.empty()) return text.empty();
  for (const auto& k : kids)
    if (!k.empty()) return false;
  return true;
}

node parse_markup(std::string_view s, bool keep_apostrophes) {
  node root;
  bool simple = true;
  for (char c : s)
    if (c == '<' || c == '"' || c == '\'' || c == '\xE2') {
      simple = false;
      break;
    }
  if (simple && s.find("\u00AB") == std::string_view::npos) return node::leaf(std::string(s));
  markup_parser p{s, 0, keep_apostrophes};
  p.parse(root, {}, false, false);
  if (root.kids.size() == 1 && root.kids[0].kids.empty() && root.kids[0].w == wrap::none) return std::move(root.kids[0]);
  return root;
}

node apply_formatting(node content, const formatting& f, bool english, tag t, bool turkic) {
  if (content.empty()) return node{};
  if (f.strip_periods) strip_periods(content);
  if (f.tcase != text_case::none) apply_case(content, f.tcase, english, turkic);
  auto wrap_in = [](node n, wrap w) {
    node o;
    o.w = w;
    o.kids.push_back(std::move(n));
    return o;
  };
  if (f.font_style == 2) content = wrap_in(std::move(content), wrap::italic);
  else if (f.font_style == 3) content = wrap_in(std::move(content), wrap::oblique);
  else if (f.font_style == 1) content = wrap_in(std::move(content), wrap::no_italic);
  if (f.font_variant == 2) {
    content = wrap_in(std::move(content), wrap::small_caps);
    content.cls = "style";
  }
  else if (f.font_variant == 1) content = wrap_in(std::move(content), wrap::no_small_caps);
  if (f.font_weight == 2) content = wrap_in(std::move(content), wrap::bold);
  else if (f.font_weight == 3) content = wrap_in(std::move(content), wrap::light);
  else if (f.font_weight == 1) content = wrap_in(std::move(content), wrap::no_bold);
  if (f.text_decoration == 2) content = wrap_in(std::move(content), wrap::underline);
  else if (f.text_decoration == 1) content = wrap_in(std::move(content), wrap::no_underline);
  if (f.vertical_align == 2) content = wrap_in(std::move(content), wrap::sup);
  else if (f.vertical_align == 3) content = wrap_in(std::move(content), wrap::sub);
  else if (f.vertical_align == 1) content = wrap_in(std::move(content), wrap::baseline);
  if (f.quotes) content = wrap_in(std::move(content), wrap::quote);
  if (t != tag::none && content.t == tag::none) content.t = t;
  if (!f.prefix.empty() || !f.suffix.empty()) {
    node o;
    if (!f.prefix.empty()) o.kids.push_back(parse_markup(f.prefix, true)), o.kids.back().t = tag::affix;
    o.kids.push_back(std::move(content));
    if (!f.suffix.empty()) o.kids.push_back(parse_markup(f.suffix, true)), o.kids.back().t = tag::affix;
    content = std::move(o);
  }
  if (!f.display.empty()) {
    node o;
    o.w = wrap::display;
    o.cls = "csl-" + f.display;
    o.kids.push_back(std::move(content));
    content = std::move(o);
  }
  return content;
}

void fix_quotes(node& n) {
  if (n.w == wrap::quote && n.cls.empty()) n.cls = "fixed";
  for (auto& k : n.kids) fix_quotes(k);
}

void apply_case(node& n, text_case c, bool english, bool turkic) {
  if (c == text_case::title && !english) return;
  std::vector<leaf_ref> leaves;
  collect(n, false, leaves);
  if (c == text_case::title) {
    for (auto& l : leaves)
      if (text::has_cyrillic(*l.text)) return;
  }
  case_leaves(leaves, c, turkic);
}

void strip_periods(node& n) {
  if (n.kids.empty()) {
    n.text.erase(std::remove(n.text.begin(), n.text.end(), '.'), n.text.end());
    return;
  }
  for (auto& k : n.kids) strip_periods(k);
}

std::string plain_text(const node& n) {
  static const quote_terms q;
  return render(n, output_format::text, q);
}

// A space inside French guillemets written in the data ("« Anonymous »") becomes a narrow no-break
// space, so the marks never part from the words they enclose (as citeproc-js prints them).
static std::string guillemet_spaces(const std::string& s) {
  if (s.find("\u00ab ") == std::string::npos && s.find(" \u00bb") == std::string::npos) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\u00ab ") == 0) {
      out += "\u00ab\u202f";
      i += 2;
    } else if (s.compare(i, 3, " \u00bb") == 0) {
      out += "\u202f\u00bb";
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string render(const node& n, output_format f, const quote_terms& q) {
  flattener fl{q, {}};
  fl.run(n);
  fix_punctuation(fl.out, q.punctuation_in_quote);
  std::string out;
  for (const auto& t : fl.out) {
    switch (t.k) {
      case tok::txt: {
        const std::string s = guillemet_spaces(t.s);
        out += f == output_format::html ? escape_html(s) : s;
        break;
      }
      case tok::qopen:
      case tok::qclose:
        out += t.s;
        break;
      case tok::open:
        if (f == output_format::html) {
          if (t.w == wrap::display) out += "<div class=\"" + t.cls + "\">";
          else out += html_open(t.w);
        } else if (f == output_format::markdown) {
          if (t.w == wrap::italic || t.w == wrap::oblique) out += "*";
          else if (t.w == wrap::bold) out += "**";
          else if (t.w == wrap::sup) out += "^";
          else if (t.w == wrap::sub) out += "~";
        }
        break;
      case tok::close:
        if (f == output_format::html) {
          if (t.w == wrap::display) {
            // spaces that end a block go after it, as citeproc-js puts them
            std::size_t sp = 0;
            while (sp < out.size() && out[out.size() - 1 - sp] == ' ') ++sp;
            if (sp > 0 && t.cls != "csl-left-margin") {
              out.resize(out.size() - sp);
              out += "</div>" + std::string(sp, ' ');
            } else {
              out += "</div>";
            }
          }
          else out += html_close(t.w);
        } else {
          if (f == output_format::markdown) {
            if (t.w == wrap::italic || t.w == wrap::oblique) out += "*";
            else if (t.w == wrap::bold) out += "**";
            else if (t.w == wrap::sup) out += "^";
            else if (t.w == wrap::sub) out += "~";
          }
          if (t.w == wrap::display && t.cls == "csl-left-margin" && !out.empty() && out.back() != ' ') out += ' ';
        }
        break;
    }
  }
  if (f == output_format::html && out.starts_with("<div class=\"")) {
    // spaces that open the first block of an entry go before it, as citeproc-js moves them
    std::size_t gt = out.find('>');
    std::size_t sp = gt + 1;
    while (sp < out.size() && out[sp] == ' ') ++sp;
    if (sp > gt + 1) out = std::string(sp - gt - 1, ' ') + out.substr(0, gt + 1) + out.substr(sp);
  }
  return out;
}

}  // namespace bicite::csl::detail
