// Page heads: charset, titles, soft-404 phrases, title similarity.
#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "bicite/links.hpp"
#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "links/engine.hpp"
#include "text/distance.hpp"

namespace bicite::links {
namespace {

/// Rows of an embedded TSV (header row and '#' comments skipped).
std::vector<std::vector<std::string>> tsv_rows(std::string_view name) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& cells : bicite::detail::data_rows(name)) rows.emplace_back(cells.begin(), cells.end());
  return rows;
}

/// The value of `charset=` in a Content-Type-like string, lower case, or "".
std::string charset_param(std::string_view value) {
  const std::string v = text::ascii_lower(value);
  const auto p = v.find("charset=");
  if (p == std::string::npos) return {};
  std::size_t b = p + 8;
  while (b < v.size() && (v[b] == '"' || v[b] == '\'' || v[b] == ' ')) ++b;
  std::size_t e = b;
  while (e < v.size() && v[e] != '"' && v[e] != '\'' && v[e] != ';' && v[e] != ' ' && v[e] != '>' && v[e] != '/') ++e;
  return v.substr(b, e - b);
}

/// Attributes of one tag's inner text (`meta name="x" content="y"`), names lower-cased.
std::map<std::string, std::string> attributes(std::string_view tag) {
  std::map<std::string, std::string> out;
  std::size_t i = 0;
  while (i < tag.size() && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' && tag[i] != '\r') ++i;  // tag name
  while (i < tag.size()) {
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r' || tag[i] == '/')) ++i;
    const std::size_t nb = i;
    while (i < tag.size() && tag[i] != '=' && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' && tag[i] != '\r') ++i;
    std::string name = text::ascii_lower(tag.substr(nb, i - nb));
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
    std::string value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        const char q = tag[i++];
        const std::size_t vb = i;
        while (i < tag.size() && tag[i] != q) ++i;
        value = std::string(tag.substr(vb, i - vb));
        if (i < tag.size()) ++i;
      } else {
        const std::size_t vb = i;
        while (i < tag.size() && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' && tag[i] != '\r') ++i;
        value = std::string(tag.substr(vb, i - vb));
      }
    }
    if (!name.empty()) out.emplace(std::move(name), std::move(value));
    if (nb == i) ++i;
  }
  return out;
}

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const auto semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    const std::string ent = text::ascii_lower(s.substr(i + 1, semi - i - 1));
    char32_t cp = 0;
    if (ent == "amp") cp = '&';
    else if (ent == "lt") cp = '<';
    else if (ent == "gt") cp = '>';
    else if (ent == "quot") cp = '"';
    else if (ent == "apos") cp = '\'';
    else if (ent == "nbsp") cp = ' ';
    else if (ent == "laquo") cp = U'«';
    else if (ent == "raquo") cp = U'»';
    else if (ent == "mdash") cp = U'—';
    else if (ent == "ndash") cp = U'–';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x';
      const std::string digits = ent.substr(hex ? 2 : 1);
      if (!digits.empty() && digits.size() <= 7 &&
          std::all_of(digits.begin(), digits.end(), [&](char c) { return hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c)); }))
        cp = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
    }
    if (cp == 0) {
      out += '&';
      continue;
    }
    text::append_utf8(out, cp);
    i = semi;
  }
  return out;
}

std::string strip_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  return out;
}

std::string clean(std::string_view s) {
  return std::string(text::trim(text::normalize_spacing(decode_entities(strip_tags(s)))));
}

/// Text between <tag …> and </tag>, searching a lower-cased copy.
std::string element_text(const std::string& html, const std::string& lower, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  std::size_t p = 0;
  while ((p = lower.find(open, p)) != std::string::npos) {
    const char after = p + open.size() < lower.size() ? lower[p + open.size()] : '\0';
    if (after == '>' || after == ' ' || after == '\t' || after == '\n' || after == '\r') break;
    p += open.size();
  }
  if (p == std::string::npos) return {};
  const auto gt = lower.find('>', p);
  if (gt == std::string::npos) return {};
  const auto end = lower.find("</" + std::string(tag), gt);
  return clean(std::string_view(html).substr(gt + 1, (end == std::string::npos ? lower.size() : end) - gt - 1));
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

page_head read_page_head(std::string_view bytes, std::string_view content_type) {
  page_head head;
  std::string charset = charset_param(content_type);
  const std::string lower_bytes = text::ascii_lower(bytes.substr(0, 64 * 1024));
  if (charset.empty()) {
    std::size_t p = 0;
    while ((p = lower_bytes.find("<meta", p)) != std::string::npos) {
      const auto gt = lower_bytes.find('>', p);
      const std::string_view tag = std::string_view(lower_bytes).substr(p, gt == std::string::npos ? std::string::npos : gt - p);
      const auto attrs = attributes(tag.substr(1));
      if (auto it = attrs.find("charset"); it != attrs.end() && !it->second.empty()) charset = it->second;
      else if (auto c = attrs.find("content"); c != attrs.end() && attrs.count("http-equiv")) charset = charset_param(c->second);
      if (!charset.empty() || gt == std::string::npos) break;
      p = gt;
    }
  }
  if (charset.empty()) charset = text::is_valid_utf8(bytes) ? "utf-8" : "windows-1251";
  std::string html;
  if (charset == "utf-8" || charset == "utf8") {
    html = text::check_utf8(bytes, 0).text;
  } else if (auto converted = text::to_utf8(bytes, charset)) {
    html = std::move(*converted);
  } else {
    html = text::check_utf8(bytes, 0).text;
    charset = "utf-8";
  }
  head.charset = charset;
  const std::string lower = text::ascii_lower(html);
  head.title = element_text(html, lower, "title");
  head.h1 = element_text(html, lower, "h1");
  std::size_t p = 0;
  while ((p = lower.find("<meta", p)) != std::string::npos) {
    const auto gt = html.find('>', p);
    if (gt == std::string::npos) break;
    const auto attrs = attributes(std::string_view(html).substr(p + 1, gt - p - 1));
    std::string key;
    if (auto it = attrs.find("name"); it != attrs.end()) key = text::ascii_lower(it->second);
    if (auto it = attrs.find("property"); it != attrs.end() && key.empty()) key = text::ascii_lower(it->second);
    if (auto c = attrs.find("content"); c != attrs.end()) {
      if (key == "citation_title" && head.citation_title.empty()) head.citation_title = clean(c->second);
      else if ((key == "og:title" || key == "dc.title") && head.og_title.empty()) head.og_title = clean(c->second);
    }
    p = gt;
  }
  return head;
}

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

namespace detail {

bool looks_like_error_page(const page_head& head) {
  static const auto phrases = [] {
    std::vector<std::string> out;
    for (const auto& row : tsv_rows("links/soft404_phrases.tsv"))
      if (!row.empty() && !row[0].empty()) out.push_back(text::fold_case(row[0]));
    return out;
  }();
  for (const std::string* t : {&head.title, &head.h1}) {
    if (t->empty()) continue;
    const std::string folded = text::fold_case(*t);
    for (const auto& ph : phrases)
      if (folded.find(ph) != std::string::npos) return true;
  }
  return false;
}

namespace {
std::pair<std::string, std::string> host_and_path(std::string_view url) {
  auto p = url.find("://");
  if (p == std::string_view::npos) return {};
  url.remove_prefix(p + 3);
  const auto slash = url.find_first_of("/?#");
  std::string host = text::ascii_lower(url.substr(0, slash));
  if (host.starts_with("www.")) host.erase(0, 4);
  std::string path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  const auto q = path.find_first_of("?#");
  if (q != std::string::npos) path.erase(q);
  if (path.empty()) path = "/";
  return {host, text::ascii_lower(path)};
}
}  // namespace

bool redirected_to_home(const std::string& original, const std::string& final_url) {
  const auto [h1, p1] = host_and_path(original);
  const auto [h2, p2] = host_and_path(final_url);
  if (h1.empty() || h1 != h2 || p1 == p2) return false;
  static const char* homes[] = {"/", "/home", "/home/", "/index.html", "/index.htm", "/index.php", "/main",
                                "/main/", "/default.aspx", "/en", "/en/", "/ru", "/ru/"};
  const auto is_home = [&](const std::string& p) {
    return std::any_of(std::begin(homes), std::end(homes), [&](const char* h) { return p == h; });
  };
  if (!is_home(p2) || is_home(p1) || p2.starts_with(p1)) return false;
  // the original was deeper than a language root
  std::size_t segments = 0;
  for (std::size_t i = 0; i < p1.size(); ++i)
    if (p1[i] == '/' && i + 1 < p1.size() && p1[i + 1] != '/') ++segments;
  return segments >= 1 && p1 != "/index.html" && p1 != "/index.php";
}

}  // namespace detail
}  // namespace bicite::links
