// Page metadata with gumbo (Google's HTML5 parser, Debian libgumbo-dev): it parses any tag soup
// the way browsers do, is a small C library with no further dependencies, and gives the tree we
// walk for <meta>, <title>, <html lang> and JSON-LD <script>s. No regular expressions over HTML.
#include <gumbo.h>

#include <memory>
#include <string>
#include <vector>

#include <bicite/text.hpp>
#include <nlohmann/json.hpp>

#include "core/json.hpp"
#include "web/metadata.hpp"

namespace bicite::enrich {
namespace {

using web::collector;

constexpr std::size_t max_page_bytes = 1024 * 1024;
// gumbo's scope checks walk the stack of open elements, so its time grows with the square of the
// nesting depth; a page is read only up to the point where this many elements are open.
constexpr std::size_t max_open_elements = 4000;
constexpr std::size_t max_json_ld_bytes = 512 * 1024;

struct gumbo_deleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};
using gumbo_ptr = std::unique_ptr<GumboOutput, gumbo_deleter>;

gumbo_ptr parse(std::string_view utf8) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we do not read parse errors; do not collect them
  return gumbo_ptr(gumbo_parse_with_options(&options, utf8.data(), utf8.size()));
}

const char* attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string text_of(const GumboNode* n) {
  std::string out;
  const GumboVector& ch = n->v.element.children;
  for (unsigned i = 0; i < ch.length; ++i) {
    const auto* c = static_cast<const GumboNode*>(ch.data[i]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA || c->type == GUMBO_NODE_WHITESPACE)
      out += c->v.text.text;
  }
  return out;
}

/// Every element of the tree, in document order, without recursion (deep tag soup is fine).
template <class F>
void walk(const GumboNode* root, F&& visit) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    visit(n);
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = ch.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
  }
}

/// The charset parameter of a Content-Type value ("text/html; charset=windows-1251").
std::string charset_param(std::string_view content_type) {
  const std::string ct = text::ascii_lower(content_type);
  const auto p = ct.find("charset=");
  if (p == std::string::npos) return {};
  std::string v = ct.substr(p + 8);
  const auto end = v.find_first_of("; \t");
  if (end != std::string::npos) v.resize(end);
  std::string out;
  for (char c : v)
    if (c != '"' && c != '\'') out += c;
  return out;
}

/// <meta charset> or <meta http-equiv="Content-Type" content="…; charset=…">.
std::string declared_charset(const GumboNode* root) {
  std::string found;
  walk(root, [&](const GumboNode* n) {
    if (!found.empty() || n->v.element.tag != GUMBO_TAG_META) return;
    if (const char* c = attr(n, "charset")) found = text::ascii_lower(web::clean(c));
    else if (const char* h = attr(n, "http-equiv"); h && text::ascii_lower(h) == "content-type")
      if (const char* c2 = attr(n, "content")) found = charset_param(c2);
  });
  return found;
}

/// Where a page nests deeper than `max_open` elements (a byte scan of tag starts and ends, not a
/// parse: void elements, comments and script/style contents are skipped); npos when it does not.
std::size_t nesting_cut(std::string_view s, std::size_t max_open) {
  static const std::string_view voids[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                           "meta", "param", "source", "track", "wbr", "!", "?"};
  std::size_t open = 0;
  std::size_t i = 0;
  auto skip_to = [&](std::string_view end) {
    const auto p = s.find(end, i);
    i = p == std::string_view::npos ? s.size() : p + end.size();
  };
  while (i < s.size()) {
    const auto lt = s.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= s.size()) break;
    i = lt + 1;
    const char c = s[i];
    if (c == '/') {
      if (open > 0) --open;
      continue;
    }
    if (c == '!' && s.substr(i, 3) == "!--") {
      skip_to("-->");
      continue;
    }
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter) continue;
    std::string name;
    for (std::size_t j = i; j < s.size() && name.size() < 10; ++j) {
      const char d = s[j];
      if (!((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') || (d >= '0' && d <= '9'))) break;
      name += static_cast<char>(d >= 'A' && d <= 'Z' ? d - 'A' + 'a' : d);
    }
    bool is_void = false;
    for (auto v : voids) is_void = is_void || name == v;
    if (is_void) continue;
    if (name == "script" || name == "style") {
      // Their text is not markup; find the matching end tag case-insensitively enough for real pages.
      const auto e1 = s.find(name == "script" ? "</script" : "</style", i);
      const auto e2 = s.find(name == "script" ? "</SCRIPT" : "</STYLE", i);
      const auto e = std::min(e1, e2);
      i = e == std::string_view::npos ? s.size() : e + 2;
      continue;
    }
    if (++open > max_open) return lt;
  }
  return std::string_view::npos;
}

bool is_utf8_name(std::string_view c) { return c == "utf-8" || c == "utf8"; }
bool is_cp1251(std::string_view c) { return c == "windows-1251" || c == "cp1251" || c == "win-1251"; }
bool is_koi8(std::string_view c) { return c == "koi8-r" || c == "koi8r" || c == "koi8-u"; }

/// Share of lowercase letters among the Cyrillic letters of a decoded text (Russian prose is
/// mostly lowercase; cp1251 read as KOI8-R, or the reverse, is mostly uppercase). -1: no Cyrillic.
double lowercase_share(std::string_view utf8) {
  std::size_t lower = 0, all = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if ((c == 0xD0 || c == 0xD1) && i + 1 < utf8.size()) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      if (cp >= 0x410 && cp <= 0x44F) {
        ++all;
        if (cp >= 0x430) ++lower;
      }
      i += 2;
      continue;
    }
    ++i;
  }
  return all == 0 ? -1.0 : double(lower) / double(all);
}

std::string decode(std::string_view bytes, const std::string& charset) {
  auto r = bicite::text::to_utf8(bytes, charset);
  return r ? std::move(*r) : std::string();
}

/// Chooses the charset the bytes are really in, starting from what was declared.
std::string choose_charset(std::string_view bytes, std::string declared, std::vector<diagnostic>& diags) {
  const bool valid_utf8 = bicite::text::is_valid_utf8(bytes);
  bool has_high = false;
  for (char c : bytes)
    if (static_cast<unsigned char>(c) >= 0x80) {
      has_high = true;
      break;
    }
  auto warn = [&](const std::string& used) {
    diags.push_back({"enrich.wrong-charset", severity::warning, {},
                     "the page declares charset \"" + declared + "\" but its bytes are " + used + "; read as " + used,
                     ""});
  };
  auto best_8bit = [&]() -> std::string {
    const double a = lowercase_share(decode(bytes, "windows-1251"));
    const double b = lowercase_share(decode(bytes, "KOI8-R"));
    return b > a ? "koi8-r" : "windows-1251";
  };
  if (declared.empty()) return valid_utf8 ? "utf-8" : best_8bit();
  if (is_utf8_name(declared)) {
    if (valid_utf8) return "utf-8";
    const std::string used = best_8bit();
    warn(used);
    return used;
  }
  if (has_high && valid_utf8 && (is_cp1251(declared) || is_koi8(declared))) {
    // Valid UTF-8 with Cyrillic is practically never meant as a single-byte charset.
    if (lowercase_share(decode(bytes, "utf-8")) >= 0) {
      warn("utf-8");
      return "utf-8";
    }
  }
  if (is_cp1251(declared) || is_koi8(declared)) {
    const std::string used = best_8bit();
    const double d = lowercase_share(decode(bytes, declared));
    const double u = lowercase_share(decode(bytes, used));
    if ((is_cp1251(declared) != is_cp1251(used)) && u > d + 0.2) {
      warn(used);
      return used;
    }
    return declared;
  }
  if (!bicite::text::to_utf8("a", declared)) {
    diags.push_back({"enrich.unknown-charset", severity::warning, {},
                     "unknown charset \"" + declared + "\"; guessed from the bytes", ""});
    return valid_utf8 ? "utf-8" : best_8bit();
  }
  return declared;
}

// Extractor priorities: citation_* (Highwire, Google Scholar) > Dublin Core > JSON-LD > OpenGraph > <title>.
constexpr int p_citation = 50, p_dc = 40, p_json_ld = 30, p_og = 20, p_plain = 10;

std::string json_text(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number()) return std::to_string(j.get<double>());
  if (j.is_object() && j.contains("name")) return json_text(j["name"]);
  if (j.is_object() && j.contains("@value")) return json_text(j["@value"]);
  if (j.is_array() && !j.empty()) return json_text(j[0]);
  return {};
}

bool is_article_type(const nlohmann::json& type) {
  static const char* kinds[] = {"Article",        "NewsArticle",    "ScholarlyArticle", "BlogPosting",
                                "Report",         "AnalysisNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle",
                                "TechArticle",    "MedicalScholarlyArticle", "Book", "Chapter", "Thesis", "Periodical"};
  auto one = [](const nlohmann::json& t) {
    if (!t.is_string()) return false;
    std::string s = t.get<std::string>();
    if (const auto slash = s.rfind('/'); slash != std::string::npos) s = s.substr(slash + 1);
    if (const auto colon = s.rfind(':'); colon != std::string::npos) s = s.substr(colon + 1);
    for (const char* k : kinds)
      if (s == k) return true;
    return false;
  };
  if (type.is_array()) {
    for (const auto& t : type)
      if (one(t)) return true;
    return false;
  }
  return one(type);
}

void json_ld_authors(const nlohmann::json& a, collector& c) {
  if (a.is_array()) {
    for (const auto& x : a) json_ld_authors(x, c);
  } else if (a.is_string()) {
    c.author(a.get<std::string>(), p_json_ld, "json-ld");
  } else if (a.is_object()) {
    if (a.contains("familyName") && a["familyName"].is_string()) {
      std::string n = json_text(a["familyName"]);
      if (a.contains("givenName")) n += ", " + json_text(a["givenName"]);
      c.author(n, p_json_ld, "json-ld");
    } else if (a.contains("name")) {
      c.author(json_text(a["name"]), p_json_ld, "json-ld");
    }
  }
}

void json_ld_item(const nlohmann::json& j, collector& c, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const auto& x : j) json_ld_item(x, c, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) json_ld_item(j["@graph"], c, depth + 1);
  if (!j.contains("@type") || !is_article_type(j["@type"])) return;
  auto get = [&](const char* k) -> std::string { return j.contains(k) ? json_text(j[k]) : std::string(); };
  c.text("title", get("headline").empty() ? get("name") : get("headline"), p_json_ld, "json-ld");
  if (j.contains("author")) json_ld_authors(j["author"], c);
  c.date("issued", get("datePublished").empty() ? get("dateCreated") : get("datePublished"), p_json_ld, "json-ld");
  c.text("language", get("inLanguage"), p_json_ld, "json-ld");
  c.text("volume", get("volumeNumber"), p_json_ld, "json-ld");
  c.text("issue", get("issueNumber"), p_json_ld, "json-ld");
  if (j.contains("isPartOf")) {
    // ScholarlyArticle → PublicationIssue → PublicationVolume → Periodical
    const nlohmann::json* part = &j["isPartOf"];
    for (int k = 0; k < 4 && part->is_object(); ++k) {
      const auto& p = *part;
      const std::string t = p.contains("@type") ? json_text(p["@type"]) : "";
      if (t == "PublicationIssue" && p.contains("issueNumber")) c.text("issue", json_text(p["issueNumber"]), p_json_ld, "json-ld");
      else if (t == "PublicationVolume" && p.contains("volumeNumber")) c.text("volume", json_text(p["volumeNumber"]), p_json_ld, "json-ld");
      else if (p.contains("name")) c.text("container-title", json_text(p["name"]), p_json_ld, "json-ld");
      if (!p.contains("isPartOf")) break;
      part = &p["isPartOf"];
    }
    if (part->is_string()) c.text("container-title", part->get<std::string>(), p_json_ld, "json-ld");
  }
  if (j.contains("publisher")) {
    c.text("publisher", json_text(j["publisher"]), p_json_ld, "json-ld");
    // A news article's publisher is the newspaper: its container when nothing better names one.
    const std::string type = json_text(j["@type"]);
    if (type.find("News") != std::string::npos || type == "Article" || type == "BlogPosting")
      c.text("container-title", json_text(j["publisher"]), p_plain + 5, "json-ld publisher");
  }
  std::string pages = get("pagination");
  if (pages.empty() && !get("pageStart").empty())
    pages = get("pageStart") + (get("pageEnd").empty() ? "" : "-" + get("pageEnd"));
  c.text("page", pages, p_json_ld, "json-ld");
  for (const char* k : {"identifier", "sameAs", "@id"}) {
    std::string v = get(k);
    const auto d = v.find("10.");
    if (d != std::string::npos && (v.find("doi") != std::string::npos || d == 0)) {
      c.text("DOI", v.substr(d), p_json_ld, "json-ld");
      break;
    }
  }
}

std::string doi_from(std::string v) {
  const auto d = v.find("10.");
  return d == std::string::npos ? std::string() : v.substr(d);
}

}  // namespace

metadata read_html(std::string_view bytes, std::string_view content_type) {
  metadata out;
  if (bytes.size() > max_page_bytes) {
    out.diagnostics.push_back({"enrich.page-truncated", severity::note, {},
                               "only the first " + std::to_string(max_page_bytes) + " bytes of the page were read", ""});
    bytes = bytes.substr(0, max_page_bytes);
  }
  if (const auto cut = nesting_cut(bytes, max_open_elements); cut != std::string_view::npos) {
    out.diagnostics.push_back({"enrich.page-too-deep", severity::warning, {},
                               "the page nests more than " + std::to_string(max_open_elements) +
                                   " elements; read up to byte " + std::to_string(cut),
                               ""});
    bytes = bytes.substr(0, cut);
  }
  std::string declared = charset_param(content_type);
  // gumbo keeps pointers into its input (original_text): both buffers outlive the trees.
  std::string raw_text, utf8;
  gumbo_ptr raw_tree;  // the tree of the undecoded bytes, when it had to be made
  if (declared.empty()) {
    // Declarations are ASCII, so the undecoded bytes parse well enough to find <meta charset>.
    raw_text = bicite::text::check_utf8(bytes, 0).text;
    raw_tree = parse(raw_text);
    if (raw_tree) declared = declared_charset(raw_tree->root);
  }
  out.charset = choose_charset(bytes, declared, out.diagnostics);
  gumbo_ptr tree;
  if (raw_tree && is_utf8_name(out.charset) && bicite::text::is_valid_utf8(bytes)) {
    tree = std::move(raw_tree);  // valid UTF-8 read as UTF-8: the same tree
  } else {
    utf8 = is_utf8_name(out.charset) ? bicite::text::check_utf8(bytes, 0).text : decode(bytes, out.charset);
    tree = parse(utf8);
  }
  if (!tree) {
    out.diagnostics.push_back({"enrich.bad-html", severity::error, {}, "the page could not be parsed as HTML", ""});
    return out;
  }
  collector c;
  std::string first_page, last_page;
  int json_ld_errors = 0;
  walk(tree->root, [&](const GumboNode* n) {
    const GumboTag tag = n->v.element.tag;
    if (tag == GUMBO_TAG_HTML) {
      if (const char* l = attr(n, "lang")) c.text("language", l, p_plain, "html-lang");
    } else if (tag == GUMBO_TAG_TITLE) {
      c.text("title", text_of(n), p_plain, "title");
    } else if (tag == GUMBO_TAG_SCRIPT) {
      const char* t = attr(n, "type");
      if (!t || text::ascii_lower(web::clean(t)) != "application/ld+json") return;
      const std::string body = text_of(n);
      if (body.size() > max_json_ld_bytes) return;
      auto j = bicite::detail::parse_json(body);
      if (j.is_discarded()) {
        ++json_ld_errors;
        return;
      }
      json_ld_item(j, c, 0);
    } else if (tag == GUMBO_TAG_META) {
      const char* key = attr(n, "name");
      if (!key) key = attr(n, "property");
      if (!key) key = attr(n, "itemprop");
      const char* content = attr(n, "content");
      if (!key || !content) return;
      const std::string k = text::ascii_lower(web::clean(key));
      const std::string v = content;
      if (k == "citation_title") c.text("title", v, p_citation, k);
      else if (k == "citation_author") c.author(v, p_citation, k);
      else if (k == "citation_publication_date" || k == "citation_date") c.date("issued", v, p_citation + (k == "citation_publication_date"), k);
      else if (k == "citation_online_date") c.date("issued", v, p_citation - 1, k);
      else if (k == "citation_journal_title" || k == "citation_conference_title") c.text("container-title", v, p_citation, k);
      else if (k == "citation_volume") c.text("volume", v, p_citation, k);
      else if (k == "citation_issue") c.text("issue", v, p_citation, k);
      else if (k == "citation_firstpage") first_page = web::clean(v);
      else if (k == "citation_lastpage") last_page = web::clean(v);
      else if (k == "citation_doi") c.text("DOI", doi_from(v), p_citation, k);
      else if (k == "citation_language") c.text("language", v, p_citation, k);
      else if (k == "citation_publisher") c.text("publisher", v, p_citation, k);
      else if (k == "citation_issn") c.text("ISSN", v, p_citation, k);
      else if (k == "dc.title" || k == "dcterms.title") c.text("title", v, p_dc, k);
      else if (k == "dc.creator" || k == "dcterms.creator" || k == "dc.creator.personalname") c.author(v, p_dc, k);
      else if (k == "dc.date" || k == "dcterms.issued" || k == "dcterms.date" || k == "dc.date.issued" || k == "dcterms.created")
        c.date("issued", v, p_dc, k);
      else if (k == "dc.language" || k == "dcterms.language") c.text("language", v, p_dc, k);
      else if (k == "dc.publisher" || k == "dcterms.publisher") c.text("publisher", v, p_dc, k);
      else if (k == "dc.source" || k == "dcterms.ispartof") c.text("container-title", v, p_dc, k);
      else if ((k == "dc.identifier" || k == "dcterms.identifier" || k == "prism.doi") && v.find("10.") != std::string::npos)
        c.text("DOI", doi_from(v), p_dc, k);
      else if (k == "prism.volume") c.text("volume", v, p_dc, k);
      else if (k == "prism.number") c.text("issue", v, p_dc, k);
      else if (k == "og:title") c.text("title", v, p_og, k);
      else if (k == "og:site_name") c.text("container-title", v, p_og, k);
      else if (k == "og:locale") c.text("language", v.substr(0, v.find('_')), p_plain + 1, k);
      else if (k == "article:published_time") c.date("issued", v, p_og, k);
      else if (k == "article:author" || k == "author") c.author(v, p_og, k);
      else if (k == "twitter:title") c.text("title", v, p_og - 1, k);
      else if (k == "date" || k == "pubdate") c.date("issued", v, p_plain, k);
    }
  });
  if (!first_page.empty()) c.text("page", last_page.empty() ? first_page : first_page + "-" + last_page, p_citation, "citation_firstpage");
  if (json_ld_errors > 0)
    out.diagnostics.push_back({"enrich.bad-json-ld", severity::warning, {},
                               std::to_string(json_ld_errors) + " JSON-LD block(s) of the page are not valid JSON; skipped",
                               ""});
  c.finish(out);
  // A <title> usually carries the site name: "Headline | Известия".
  if (auto it = out.extractor.find("title"); it != out.extractor.end() && (it->second == "title" || it->second == "og:title")) {
    // A dash is often part of the headline ("Лавров — о переговорах"): after a dash only the site's
    // own name (og:site_name or a venue of the venue table) is cut; after " | " or " :: " also a
    // short tail, and only in <title> (og:title rarely carries the site name).
    std::string t(out.item.get("title"));
    const bool from_title = it->second == "title";
    for (const char* sep : {" | ", " — ", " – ", " - ", " :: "}) {
      const auto p = t.rfind(sep);
      if (p == std::string::npos || p == 0) continue;
      const std::string tail = t.substr(p + std::string_view(sep).size());
      const std::string site(out.item.get("container-title"));
      const bool pipe = sep[1] == '|' || sep[1] == ':';
      bool whole_venue = false;
      if ((!site.empty() && bicite::text::fold_case(tail) == bicite::text::fold_case(site)) ||
          (web::known_venue(tail, &whole_venue) && whole_venue) || (from_title && pipe && tail.size() <= 40)) {
        if (site.empty() && whole_venue) {  // "Headline — Известия" on a page without og:site_name
          out.item.set("container-title", tail);
          out.extractor["container-title"] = "title-suffix";
        }
        t.resize(p);
        out.item.set("title", t);
        break;
      }
    }
  }
  // "ru-RU" → "ru".
  if (std::string lang(out.item.get("language")); !lang.empty()) {
    const auto dash = lang.find_first_of("-_");
    if (dash != std::string::npos) out.item.set("language", text::ascii_lower(lang.substr(0, dash)));
    else out.item.set("language", text::ascii_lower(lang));
  }
  return out;
}

}  // namespace bicite::enrich
