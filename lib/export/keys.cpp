// Citation keys: [auth][year][title] patterns, romanized to ASCII, unique within a file.
#include <cctype>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "bicite/bibtex.hpp"
#include "bicite/text.hpp"
#include "bicite/translit.hpp"
#include "export/keys.hpp"
#include "export/tables.hpp"

namespace bicite::bibtex {
namespace {

using detail::bib::latex;

// Romanizes text for a key: Cyrillic by <bicite/translit.hpp> in BGN/PCGN (the scheme of the
// English-language literature on Russia), then Latin letters folded to their ASCII base
// (ë → e, ü → u) and everything but ASCII letters and digits dropped.
std::string romanize_for_key(std::string_view s) {
  std::string latin;
  if (!text::has_cyrillic(s) || !translit::transliterate_to(latin, s, "bgn_pcgn")) latin.assign(s);
  std::string out;
  const auto& lt = latex();
  for (std::size_t pos = 0; pos < latin.size();) {
    const char32_t cp = text::next_code_point(latin, pos);
    if (cp < 0x80) {
      if (std::isalnum(static_cast<int>(cp))) out += static_cast<char>(cp);
    } else if (auto b = lt.base_letter.find(cp); b != lt.base_letter.end()) {
      out += static_cast<char>(b->second);
    }
  }
  return out;
}

bool word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp >= 0x410 && cp <= 0x44F) return true;  // basic Cyrillic letters
  const auto sc = text::script_of(cp);
  return (sc != text::script::none && sc != text::script::other) || latex().base_letter.count(cp) > 0;
}

// text::next_code_point with ASCII and two-byte sequences decoded inline.
char32_t next_cp(std::string_view s, std::size_t& pos) {
  const unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    ++pos;
    return c;
  }
  if (c >= 0xC2 && c <= 0xDF && pos + 1 < s.size() && (static_cast<unsigned char>(s[pos + 1]) & 0xC0) == 0x80) {
    const char32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[pos + 1]) & 0x3Fu);
    pos += 2;
    return cp;
  }
  return text::next_code_point(s, pos);
}

// What make_keys keeps from one item to the next: scratch buffers and the romanized forms of the
// words and names already seen (a file repeats its authors and title words).
struct key_context {
  std::string word, lower;
  std::vector<const std::string*> found;
  struct sv_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const noexcept { return std::hash<std::string_view>{}(v); }
  };
  std::unordered_map<std::string, std::string, sv_hash, std::equal_to<>> romanized;

  const std::string& romanize(std::string_view s) {
    auto it = romanized.find(s);
    if (it == romanized.end()) it = romanized.emplace(std::string(s), romanize_for_key(s)).first;
    return it->second;
  }

  // The first `n` significant words of a text (runs of letters and digits of any script, apostrophes
  // dropped, not a stop word), romanized; words that romanize to nothing are skipped.
  // `skip` significant words are passed over first.
  // The words point into `romanized` (its values never move); the list is reused by the next call.
  const std::vector<const std::string*>& significant_words(std::string_view s, std::size_t n, std::size_t skip = 0) {
    auto& out = found;
    out.clear();
    word.clear();
    auto end_word = [&] {
      detail::bib::simple_lower_into(lower, word);
      if (!detail::bib::is_stop_word(lower)) {
        const std::string& r = romanize(word);
        if (!r.empty()) {
          if (skip > 0) --skip;
          else out.push_back(&r);
        }
      }
      word.clear();
      return out.size() == n;
    };
    for (std::size_t pos = 0; pos < s.size();) {
      const std::size_t start = pos;
      const char32_t cp = next_cp(s, pos);
      const bool letter = word_char(cp);
      if (letter || cp == U'\'' || cp == U'’') {
        if (letter) word.append(s.substr(start, pos - start));
      } else if (!word.empty() && end_word()) {
        return out;
      }
    }
    if (!word.empty()) end_word();
    return out;
  }
};

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

// Capitalizes out[from…] in place: the first letter upper case, the rest lower case.
void capitalize_from(std::string& out, std::size_t from) {
  for (std::size_t i = from; i < out.size(); ++i) out[i] = ascii_lower(out[i]);
  if (from < out.size()) out[from] = ascii_upper(out[from]);
}


std::string auth_part(key_context& ctx, const reference& r) {
  if (r.names.empty()) return {};
  for (const char* var : {"author", "editor", "container-author", "translator", "collection-editor"}) {
    for (const auto& n : r.names_of(var)) {
      if (n.is_literal()) {
        const auto& w = ctx.significant_words(n.literal, 1);
        if (!w.empty()) return *w[0];
      } else if (!n.family.empty()) {
        const std::string& w = ctx.romanize(n.family);
        if (!w.empty()) return w;
      }
    }
  }
  return {};
}

// [auth] for an item with no names: a periodical piece (newspaper, magazine, journal article, web
// page, post, encyclopaedia entry) is known by its periodical or site ("Kommersant 2022"), anything
// else by its title ("turn2020east": [title] then goes on with the next word); without either, the
// container or the publisher.
struct auth_value {
  std::string value;
  bool from_title = false;
};

auth_value auth_of(key_context& ctx, const reference& r) {
  auth_value a{auth_part(ctx, r)};
  if (!a.value.empty()) return a;
  const std::string_view type = r.type;
  const bool periodical = type.rfind("article", 0) == 0 || type.rfind("entry", 0) == 0 || type == "webpage" ||
                          type == "post" || type == "post-weblog" || type == "broadcast";
  auto first_word = [&](std::string_view field) {
    const auto& w = ctx.significant_words(r.get(field), 1);
    if (!w.empty()) a.value = *w[0];
    return !a.value.empty();
  };
  if (periodical && first_word("container-title")) return a;
  if (first_word("title")) {
    a.from_title = true;
    return a;
  }
  if (first_word("container-title") || first_word("publisher")) return a;
  return a;
}

std::string year_part(const reference& r) {
  if (const date* d = r.date_of("issued")) {
    if (!d->parts.empty() && d->parts[0].year != 0) return std::to_string(d->parts[0].year);
    const std::string& s = d->literal.empty() ? d->raw : d->literal;
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
      bool digits = true;
      for (std::size_t k = 0; k < 4; ++k) digits = digits && std::isdigit(static_cast<unsigned char>(s[i + k]));
      if (digits && (i + 4 == s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 4])))) return s.substr(i, 4);
    }
  }
  return {};
}

bool valid_key(std::string_view k) {
  if (k.empty()) return false;
  for (unsigned char c : k)
    if (c <= 0x20 || c >= 0x7f || std::string_view(",{}()=#%'\"\\~").find(static_cast<char>(c)) != std::string_view::npos)
      return false;
  return true;
}

std::string apply_pattern(key_context& ctx, const reference& r, std::string_view pattern) {
  std::string out;
  auth_value auth;
  if (pattern.find("[auth") != std::string_view::npos) auth = auth_of(ctx, r);
  const std::size_t title_skip = auth.from_title ? 1 : 0;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '[') {
      if (std::isalnum(static_cast<unsigned char>(pattern[i])) || std::string_view("-_:.").find(pattern[i]) != std::string_view::npos)
        out += pattern[i];
      ++i;
      continue;
    }
    const auto close = pattern.find(']', i);
    if (close == std::string_view::npos) break;
    std::string_view token = pattern.substr(i + 1, close - i - 1);
    i = close + 1;
    std::string_view modifier;
    if (auto colon = token.find(':'); colon != std::string_view::npos) {
      modifier = token.substr(colon + 1);
      token = token.substr(0, colon);
    }
    const std::size_t from = out.size();  // the token's value is written from here on
    if (token == "auth") out += auth.value;
    else if (token == "year") out += year_part(r);
    else if (token == "title") {
      const auto& w = ctx.significant_words(r.get("title"), 1, title_skip);
      if (!w.empty()) out += *w[0];
    } else if (token == "shorttitle") {
      for (const std::string* w : ctx.significant_words(r.get("title"), 3, title_skip)) {
        const std::size_t word_from = out.size();
        out += *w;
        capitalize_from(out, word_from);
      }
    } else if (token == "id") {
      for (char c : r.id)
        if (valid_key(std::string_view(&c, 1))) out += c;
    }
    if (modifier == "lower")
      for (std::size_t k = from; k < out.size(); ++k) out[k] = ascii_lower(out[k]);
    else if (modifier == "upper")
      for (std::size_t k = from; k < out.size(); ++k) out[k] = ascii_upper(out[k]);
    else if (modifier == "capitalize")
      capitalize_from(out, from);
  }
  return out;
}

std::string letters_suffix(std::size_t n) {  // 0 → a, 25 → z, 26 → aa
  std::string s;
  ++n;
  while (n > 0) {
    --n;
    s.insert(s.begin(), static_cast<char>('a' + n % 26));
    n /= 26;
  }
  return s;
}

}  // namespace

}  // namespace bicite::bibtex

namespace bicite::detail::bib {

struct key_builder::impl {
  const bibtex::write_options& options;
  bibtex::key_context ctx;
};

key_builder::key_builder(const bibtex::write_options& options) : p_(new impl{options, {}}) {}
key_builder::~key_builder() = default;

std::string key_builder::base(const reference& r) {
  std::string k;
  if (p_->options.keep_ids && bibtex::valid_key(r.id)) k = r.id;
  else k = bibtex::apply_pattern(p_->ctx, r, p_->options.key_pattern);
  if (k.empty()) k = "ref";
  return k;
}

void key_builder::make_unique(std::vector<std::string>& keys) {
  // Keys given to more than one item get a, b, c… suffixes in file order, skipping any key that is
  // already taken (by another item's key or an earlier suffixed one).
  key_table table(keys.size());
  for (const auto& k : keys) ++table.find(k).count;
  if (table.size() == keys.size()) return;
  std::deque<std::string> generated;  // stable storage for the views in the table
  std::vector<std::pair<std::size_t, std::string_view>> renamed;
  std::string k;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string_view b = keys[i];
    if (table.lookup(b)->count == 1) continue;
    std::size_t n = table.lookup(b)->next;
    do {
      k.assign(b);
      k += bibtex::letters_suffix(n++);
    } while (table.lookup(k));
    table.find(b).next = n;
    const std::string_view stored = generated.emplace_back(k);
    table.find(stored);  // taken from now on (count 0: a generated key)
    renamed.emplace_back(i, stored);
  }
  for (auto& [i, g] : renamed) keys[i].assign(g);
}

}  // namespace bicite::detail::bib

namespace bicite::bibtex {

std::vector<std::string> make_keys(const std::vector<reference>& items, const write_options& options) {
  detail::bib::key_builder builder(options);
  std::vector<std::string> keys;
  keys.reserve(items.size());
  for (const auto& r : items) keys.push_back(builder.base(r));
  detail::bib::key_builder::make_unique(keys);
  return keys;
}

}  // namespace bicite::bibtex
