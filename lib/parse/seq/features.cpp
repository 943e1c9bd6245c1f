// Tokens and token features of the trained reference labeller.
#include <algorithm>
#include <string>
#include <unordered_map>

#include <bicite/text.hpp>

#include "dates/lexicon.hpp"
#include "parse/internal.hpp"
#include "parse/seq/seq.hpp"

namespace bicite::parse::seq {

namespace {

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         c == 0x2007 || c == 0x202F || (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF;
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c == 0xFFFD || text::is_quote(c) || text::is_dash(c)) return false;
  if (c >= 0xA0 && c <= 0xBF) return c == 0xAA || c == 0xBA || c == 0xB2 || c == 0xB3 || c == 0xB9;
  if (c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // general punctuation, symbols, arrows, №
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE30 && c <= 0xFE6F) return false;
  if (c >= 0xFF00 && c <= 0xFF0F) return false;
  return true;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// ---------------------------------------------------------------- hashing

constexpr std::uint64_t fnv_offset = 1469598103934665603ULL;
constexpr std::uint64_t fnv_prime = 1099511628211ULL;

constexpr std::uint64_t fnv(std::uint64_t h, std::string_view s) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= fnv_prime;
  }
  return h;
}

// A feature template: its name and the hash state after "name" and the 0x1F separator.
struct tmpl {
  std::string_view name;
  std::uint64_t seed;
  constexpr tmpl(const char* n) : name(n), seed((fnv(fnv_offset, name) ^ 0x1F) * fnv_prime) {}
};

// The feature templates.
constexpr tmpl t_b{"b"};
constexpr tmpl t_br{"br"};
constexpr tmpl t_brp1{"br+1"};
constexpr tmpl t_brp2{"br+2"};
constexpr tmpl t_brm1{"br-1"};
constexpr tmpl t_brm2{"br-2"};
constexpr tmpl t_br3{"br3"};
constexpr tmpl t_chunk{"chunk"};
constexpr tmpl t_colon_seen{"colon_seen"};
constexpr tmpl t_commas{"commas"};
constexpr tmpl t_depth{"depth"};
constexpr tmpl t_first{"first"};
constexpr tmpl t_inquote{"inquote"};
constexpr tmpl t_last{"last"};
constexpr tmpl t_len{"len"};
constexpr tmpl t_lex{"lex"};
constexpr tmpl t_nbin{"nbin"};
constexpr tmpl t_p1{"p1"};
constexpr tmpl t_p3{"p3"};
constexpr tmpl t_pc{"pc"};
constexpr tmpl t_periods{"periods"};
constexpr tmpl t_periods_br{"periods|br"};
constexpr tmpl t_pos{"pos"};
constexpr tmpl t_pos_br{"pos|br"};
constexpr tmpl t_roman{"roman"};
constexpr tmpl t_s1{"s1"};
constexpr tmpl t_s3{"s3"};
constexpr tmpl t_sc{"sc"};
constexpr tmpl t_sh{"sh"};
constexpr tmpl t_sp{"sp"};
constexpr tmpl t_w{"w"};
constexpr tmpl t_wp1{"w+1"};
constexpr tmpl t_wp2{"w+2"};
constexpr tmpl t_wp3{"w+3"};
constexpr tmpl t_wm1{"w-1"};
constexpr tmpl t_wm1w{"w-1w"};
constexpr tmpl t_wm2{"w-2"};
constexpr tmpl t_wm3{"w-3"};
constexpr tmpl t_wseen{"wseen"};
constexpr tmpl t_wwp1{"ww+1"};
constexpr tmpl t_year{"year"};
constexpr tmpl t_lexm1{"lex-1"};
constexpr tmpl t_lexp1{"lex+1"};

// ---------------------------------------------------------------- lexicon features

// Bits of the word lexicon: single-word cue forms of lib/parse/data/lexicon.tsv (by kind) and the
// month names of lib/dates/data/months.tsv.
enum lex_bit : std::uint32_t {
  lx_and = 1u << 0, lx_editor = 1u << 1, lx_translator = 1u << 2, lx_etal = 1u << 3, lx_volume = 1u << 4,
  lx_issue = 1u << 5, lx_page = 1u << 6, lx_section = 1u << 7, lx_accessed = 1u << 8, lx_url = 1u << 9,
  lx_publisher = 1u << 10, lx_genre = 1u << 11, lx_city = 1u << 12, lx_thesis = 1u << 13, lx_org = 1u << 14,
  lx_month = 1u << 15, lx_phrase = 1u << 16,  // a word of a multi-word form (any kind above)
  lx_descriptor = 1u << 17, lx_think_tank = 1u << 18, lx_english = 1u << 19, lx_season = 1u << 20,
};

constexpr const char* lex_names[] = {"and", "editor", "translator", "etal", "volume", "issue", "page",
                                     "section", "accessed", "url", "publisher", "genre", "city", "thesis",
                                     "org", "month", "phrase", "descriptor", "thinktank", "english", "season"};

std::string lower(std::string_view w) {
  std::string out;
  dates::detail::fold_word(w, out);
  return out;
}

struct word_lexicon {
  std::unordered_map<std::string, std::uint32_t> bits;

  void add_form(std::string_view form, std::uint32_t bit) {
    const auto toks = tokenize(form);
    std::size_t words = 0;
    for (const auto& t : toks)
      if (t.kind != token_kind::punct) ++words;
    for (const auto& t : toks) {
      if (t.kind == token_kind::punct) continue;
      bits[lower(form.substr(t.begin, t.end - t.begin))] |= words == 1 ? bit : (bit | lx_phrase);
    }
  }
};

const word_lexicon& words() {
  static const word_lexicon wl = [] {
    word_lexicon w;
    const auto& l = parse::detail::lex();
    const std::pair<const std::vector<parse::detail::lexicon_entry>*, std::uint32_t> lists[] = {
        {&l.and_, lx_and},         {&l.editor, lx_editor},     {&l.translator, lx_translator},
        {&l.etal, lx_etal},        {&l.volume, lx_volume},     {&l.issue, lx_issue},
        {&l.page, lx_page},        {&l.section, lx_section},   {&l.accessed, lx_accessed},
        {&l.url_label, lx_url},    {&l.publisher_word, lx_publisher}, {&l.genre, lx_genre},
        {&l.city, lx_city},        {&l.thesis, lx_thesis},     {&l.org, lx_org},
        {&l.descriptor, lx_descriptor}, {&l.think_tank_word, lx_think_tank}, {&l.english_word, lx_english},
        {&l.title_genre, lx_genre}, {&l.thesis_paren, lx_thesis}};
    for (const auto& [list, bit] : lists)
      for (const auto& e : *list) w.add_form(e.form, bit);
    for (const auto& [form, info] : dates::detail::get_lexicon().words)
      if (info.month >= 1 && info.month <= 12) w.bits[form] |= lx_month;
      else if (info.month > 20) w.bits[form] |= lx_season;
    return w;
  }();
  return wl;
}

// ---------------------------------------------------------------- per-token properties

struct token_info {
  std::string word;   // lower-cased (ё folded)
  std::string shape;  // X x d and punctuation, at most 8 characters
  std::string brief;  // the shape with runs folded ("Xx", "d", "X.")
  std::string pre1, pre3, suf1, suf3;
  std::uint32_t lex = 0;
  char script = 'n';  // l(atin) c(yrillic) m(ixed) o(ther) n(one)
};

std::string_view punct_class(char32_t c) {
  switch (c) {
    case '(': case '[': case '{': case 0x27E8: return "open";
    case ')': case ']': case '}': case 0x27E9: return "close";
    case '.': return "period";
    case ',': return "comma";
    case ':': return "colon";
    case ';': return "semicolon";
    case '/': case '\\': return "slash";
    case '&': return "amp";
    case 0x2116: return "numero";
    case '#': return "hash";
    case '@': return "at";
    case '?': case '!': return "end";
    default: break;
  }
  if (text::is_dash(c)) return "dash";
  if (text::is_quote(c) || c == '\'' || c == 0x2018 || c == 0x2019) return "quote";
  return "other";
}

}  // namespace

bool is_roman_numeral(std::string_view w) {
  if (w.empty() || w.size() > 7) return false;
  for (char c : w)
    if (std::string_view("ivxlcdmIVXLCDM").find(c) == std::string_view::npos) return false;
  return true;
}

namespace {

// The whitespace-delimited chunk around each token: what kind of thing it looks like.
std::string_view chunk_kind(std::string_view chunk) {
  const std::string low = text::ascii_lower(chunk);
  if (low.find("://") != std::string::npos || low.starts_with("www.") || low.starts_with("<http") ||
      low.starts_with("(http"))
    return low.find("doi.org") != std::string::npos ? "doiurl" : "url";
  if (low.starts_with("doi:") || low.starts_with("10.")) {
    if (low.find('/') != std::string::npos) return "doi";
  }
  if (low.find("doi") != std::string::npos && low.find("10.") != std::string::npos) return "doi";
  if (low.find('@') != std::string::npos) return "email";
  if (low.starts_with("isbn")) return "isbn";
  bool digit = false, alpha = false;
  for (char c : low) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c >= 'a' && c <= 'z') alpha = true;
  }
  if (digit && !alpha) return "digits";
  if (digit && alpha) return "alnum";
  return "";
}

}  // namespace

// ---------------------------------------------------------------- tokenizer

std::vector<token> tokenize(std::string_view s) {
  std::vector<token> out;
  std::size_t pos = 0;
  bool space = true;
  while (pos < s.size()) {
    const std::size_t b = pos;
    const char32_t c = text::next_code_point(s, pos);
    if (is_space(c)) {
      space = true;
      continue;
    }
    token t{b, pos, token_kind::punct, space};
    space = false;
    if (is_word_char(c)) {
      bool letters = !is_digit(c);
      while (pos < s.size()) {
        std::size_t p = pos;
        const char32_t d = text::next_code_point(s, p);
        if (is_word_char(d)) {
          if (!is_digit(d)) letters = true;
          pos = p;
          continue;
        }
        if (is_apostrophe(d) && p < s.size() && !is_digit(c)) {  // O'Brien, d’Annunzio
          std::size_t q = p;
          const char32_t e = text::next_code_point(s, q);
          if (is_word_char(e) && !is_digit(e)) {
            pos = q;
            continue;
          }
        }
        break;
      }
      t.end = pos;
      t.kind = letters ? token_kind::word : token_kind::number;
    }
    out.push_back(t);
  }
  return out;
}

// ---------------------------------------------------------------- features

void extract_features(std::string_view s, const std::vector<token>& toks, token_features& out,
                      std::vector<std::string>* names) {
  const std::size_t n = toks.size();
  out.hashes.clear();
  out.offsets.assign(1, 0);
  std::vector<token_info> info(n);
  const auto& wl = words();
  // chunk kinds: one per whitespace-delimited run of tokens
  std::vector<std::string_view> chunk(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && !toks[j].space_before) ++j;
    const auto k = chunk_kind(s.substr(toks[i].begin, toks[j - 1].end - toks[i].begin));
    for (std::size_t m = i; m < j; ++m) chunk[m] = k;
    i = j;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto& t = toks[i];
    const std::string_view w = s.substr(t.begin, t.end - t.begin);
    auto& ti = info[i];
    ti.word = lower(w);
    // shape
    std::size_t pos = 0;
    char last = 0;
    bool lat = false, cyr = false, oth = false;
    while (pos < w.size()) {
      const char32_t c = text::next_code_point(w, pos);
      char k;
      if (is_digit(c)) k = 'd';
      else if (t.kind == token_kind::punct) k = c < 0x80 ? static_cast<char>(c) : '*';
      else {
        const auto sc = text::script_of(c);
        if (sc == text::script::latin) lat = true;
        else if (sc == text::script::cyrillic) cyr = true;
        else oth = true;
        k = parse::detail::is_upper(c) ? 'X' : parse::detail::is_lower(c) ? 'x' : (is_apostrophe(c) ? '\'' : 'x');
      }
      if (ti.shape.size() < 8) ti.shape += k;
      if (k != last) ti.brief += k;
      last = k;
    }
    ti.script = t.kind == token_kind::punct ? 'n' : (lat && cyr) ? 'm' : lat ? 'l' : cyr ? 'c' : oth ? 'o' : 'n';
    if (t.kind == token_kind::word) {
      // prefixes and suffixes of the lowered word, by code point
      std::vector<std::size_t> starts;
      std::size_t p = 0;
      while (p < ti.word.size()) {
        starts.push_back(p);
        (void)text::next_code_point(ti.word, p);
      }
      starts.push_back(ti.word.size());
      const std::size_t m = starts.size() - 1;
      ti.pre1 = ti.word.substr(0, starts[std::min<std::size_t>(1, m)]);
      ti.pre3 = ti.word.substr(0, starts[std::min<std::size_t>(3, m)]);
      ti.suf1 = ti.word.substr(starts[m >= 1 ? m - 1 : 0]);
      ti.suf3 = ti.word.substr(starts[m >= 3 ? m - 3 : 0]);
      if (auto it = wl.bits.find(ti.word); it != wl.bits.end()) ti.lex = it->second;
    }
  }

  std::string buf;
  auto emit = [&](const tmpl& t, std::string_view value) {
    std::uint64_t h = fnv(t.seed, value);
    if (h == 0) h = 1;
    out.hashes.push_back(h);
    if (names) names->push_back(std::string(t.name) + "=" + std::string(value));
  };
  auto word_at = [&](std::ptrdiff_t j) -> std::string_view {
    if (j < 0) return "<s>";
    if (static_cast<std::size_t>(j) >= n) return "</s>";
    return info[static_cast<std::size_t>(j)].word;
  };
  auto brief_at = [&](std::ptrdiff_t j) -> std::string_view {
    if (j < 0) return "<s>";
    if (static_cast<std::size_t>(j) >= n) return "</s>";
    return info[static_cast<std::size_t>(j)].brief;
  };

  int paren = 0, bracket = 0, quote_depth = 0;
  int periods = 0, commas = 0, colons = 0;
  int words_seen = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& t = toks[i];
    const auto& ti = info[i];
    const auto ii = static_cast<std::ptrdiff_t>(i);
    const std::string_view w = s.substr(t.begin, t.end - t.begin);
    std::size_t p0 = 0;
    const char32_t c0 = text::next_code_point(w, p0);

    emit(t_b, "");
    emit(t_w, ti.word);
    emit(t_sh, ti.shape);
    emit(t_br, ti.brief);
    emit(t_sc, std::string_view(&ti.script, 1));
    if (t.kind == token_kind::word) {
      emit(t_p1, ti.pre1);
      emit(t_p3, ti.pre3);
      emit(t_s1, ti.suf1);
      emit(t_s3, ti.suf3);
      if (is_roman_numeral(w)) emit(t_roman, ti.brief);
      for (std::uint32_t b = 0; b < std::size(lex_names); ++b)
        if (ti.lex & (1u << b)) emit(t_lex, lex_names[b]);
    } else if (t.kind == token_kind::number) {
      const std::size_t len = w.size();
      emit(t_len, std::string(1, static_cast<char>('0' + std::min<std::size_t>(len, 9))));
      if (len == 4 && ((w[0] == '1' && w[1] >= '5') || (w[0] == '2' && w[1] == '0'))) emit(t_year, "");
      if (len <= 4) {
        int v = 0;
        for (char c : w) v = v * 10 + (c - '0');
        emit(t_nbin, v == 0 ? "0" : v < 10 ? "1" : v < 100 ? "2" : v < 1000 ? "3" : "4");
      }
    } else {
      emit(t_pc, punct_class(c0));
    }
    // glue: white space before and after
    const bool space_after = i + 1 >= n || toks[i + 1].space_before;
    emit(t_sp, std::string_view(t.space_before ? (space_after ? "both" : "before") : (space_after ? "after" : "none")));
    if (!chunk[i].empty()) emit(t_chunk, chunk[i]);
    // position in the string (10 bins) and in the words
    emit(t_pos, std::string(1, static_cast<char>('0' + std::min<std::size_t>(9, i * 10 / std::max<std::size_t>(n, 1)))));
    if (i == 0) emit(t_first, "");
    if (i + 1 == n) emit(t_last, "");
    // structure seen so far
    buf.assign(1, static_cast<char>('0' + std::min(paren + bracket, 2)));
    emit(t_depth, buf);
    if (quote_depth) emit(t_inquote, "");
    emit(t_periods, std::string(1, static_cast<char>('0' + std::min(periods, 4))));
    emit(t_commas, std::string(1, static_cast<char>('0' + std::min(commas, 4))));
    if (colons) emit(t_colon_seen, "");
    emit(t_wseen, std::string(1, static_cast<char>('0' + std::min(words_seen, 5))));
    // neighbours
    emit(t_wm1, word_at(ii - 1));
    emit(t_wp1, word_at(ii + 1));
    emit(t_wm2, word_at(ii - 2));
    emit(t_wp2, word_at(ii + 2));
    emit(t_brm1, brief_at(ii - 1));
    emit(t_brp1, brief_at(ii + 1));
    emit(t_brm2, brief_at(ii - 2));
    emit(t_brp2, brief_at(ii + 2));
    buf.assign(word_at(ii - 1));
    buf += '|';
    buf += ti.word;
    emit(t_wm1w, buf);
    buf.assign(ti.word);
    buf += '|';
    buf += word_at(ii + 1);
    emit(t_wwp1, buf);
    buf.assign(brief_at(ii - 1));
    buf += '|';
    buf += ti.brief;
    buf += '|';
    buf += brief_at(ii + 1);
    emit(t_br3, buf);
    emit(t_wm3, word_at(ii - 3));
    emit(t_wp3, word_at(ii + 3));
    buf.assign(1, static_cast<char>('0' + std::min<std::size_t>(9, i * 10 / std::max<std::size_t>(n, 1))));
    buf += '|';
    buf += ti.brief;
    emit(t_pos_br, buf);
    buf.assign(1, static_cast<char>('0' + std::min(periods, 4)));
    buf += '|';
    buf += ti.brief;
    emit(t_periods_br, buf);
    for (std::ptrdiff_t d : {-1, 1}) {
      const std::ptrdiff_t j = ii + d;
      if (j < 0 || j >= static_cast<std::ptrdiff_t>(n)) continue;
      const auto lx = info[static_cast<std::size_t>(j)].lex;
      for (std::uint32_t b = 0; b < std::size(lex_names); ++b)
        if (lx & (1u << b)) emit(d < 0 ? t_lexm1 : t_lexp1, lex_names[b]);
    }
    out.offsets.push_back(static_cast<std::uint32_t>(out.hashes.size()));

    // update the running structure after this token
    if (t.kind == token_kind::punct) {
      switch (c0) {
        case '(': ++paren; break;
        case ')': paren = std::max(0, paren - 1); break;
        case '[': ++bracket; break;
        case ']': bracket = std::max(0, bracket - 1); break;
        case '.': ++periods; break;
        case ',': ++commas; break;
        case ':': ++colons; break;
        case '"': quote_depth = quote_depth ? 0 : 1; break;
        case 0x201C: case 0xAB: case 0x201E: quote_depth = 1; break;
        case 0x201D: case 0xBB: quote_depth = 0; break;
        default: break;
      }
    } else {
      ++words_seen;
    }
  }
}

std::uint32_t split_hash(std::string_view s) {
  std::uint32_t h = 2166136261u;
  bool pending = false, any = false;
  for (unsigned char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending = any;
      continue;
    }
    if (pending) {
      h ^= ' ';
      h *= 16777619u;
      pending = false;
    }
    h ^= c;
    h *= 16777619u;
    any = true;
  }
  return h;
}

std::uint64_t feature_hash(std::string_view name, std::string_view value) {
  std::uint64_t h = fnv((fnv(fnv_offset, name) ^ 0x1F) * fnv_prime, value);
  return h == 0 ? 1 : h;
}

std::uint32_t word_cues(std::string_view word) {
  const auto& bits = words().bits;
  const auto it = bits.find(lower(word));
  return it == bits.end() ? 0 : it->second;
}

std::string_view cue_name(unsigned bit) { return bit < std::size(lex_names) ? lex_names[bit] : ""; }

unsigned cue_kinds() { return static_cast<unsigned>(std::size(lex_names)); }

}  // namespace bicite::parse::seq
