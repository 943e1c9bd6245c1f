// Page heads: charset, titles, soft-404 phrases (the hand scanner the engine reads every HTML answer with).
#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "bicite/web.hpp"
#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "web/page.hpp"

namespace bicite::links {
namespace {

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

}  // namespace bicite::links

namespace bicite::web {

bool looks_like_error_page(const links::page_head& head) {
  static const auto phrases = [] {
    std::vector<std::string> out;
    for (const auto& row : bicite::detail::data_rows("web/soft404_phrases.tsv"))
      if (!row.empty() && !row[0].empty()) out.push_back(text::fold_case(std::string(row[0])));
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

}  // namespace bicite::web
