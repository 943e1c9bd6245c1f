// Link repair before checking, and where links are found (notes, URL lists, CSL-JSON).
#include <fmt/format.h>
#include <algorithm>
#include <string>

#include "bicite/csljson.hpp"
#include "bicite/links.hpp"
#include "bicite/parse.hpp"
#include "bicite/text.hpp"
#include "links/repair.hpp"

namespace bicite::links {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/// True when `s` looks like "host.tld/…" (or "www.host…"): a bare link without a scheme.
bool looks_like_bare_link(std::string_view s) {
  if (s.starts_with("www.") && s.size() > 5) return true;
  const auto slash = s.find('/');
  if (slash == std::string_view::npos || slash == 0) return false;
  const std::string_view host = s.substr(0, slash);
  const auto dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  const std::string_view tld = host.substr(dot + 1);
  if (tld.size() < 2 || tld.size() > 12) return false;
  if (!std::all_of(tld.begin(), tld.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }))
    return false;
  return std::all_of(host.begin(), host.end(), [](char c) { return is_alnum(c) || c == '.' || c == '-'; });
}

/// The scheme of "scheme://…", or "".
std::string_view scheme_of(std::string_view s) {
  const auto p = s.find("://");
  if (p == std::string_view::npos || p == 0) return {};
  const std::string_view sc = s.substr(0, p);
  if (!std::all_of(sc.begin(), sc.end(), [](char c) { return is_alnum(c) || c == '+' || c == '-' || c == '.'; }))
    return {};
  return sc;
}

/// Strips what a sentence glued to the end of a URL.
std::string strip_trailing(std::string url) {
  while (!url.empty()) {
    const unsigned char last = static_cast<unsigned char>(url.back());
    if (std::string_view(".,;:!?'\"").find(static_cast<char>(last)) != std::string_view::npos) {
      url.pop_back();
      continue;
    }
    if (last == ')' || last == ']' || last == '}') {
      const char open = last == ')' ? '(' : last == ']' ? '[' : '{';
      if (std::count(url.begin(), url.end(), open) < std::count(url.begin(), url.end(), static_cast<char>(last))) {
        url.pop_back();
        continue;
      }
      break;
    }
    // closing typographic quotes and » … (UTF-8 multi-byte endings)
    bool stripped = false;
    for (std::string_view q : {"»", "”", "“", "’", "…", "。"}) {
      if (url.size() >= q.size() && std::string_view(url).substr(url.size() - q.size()) == q) {
        url.resize(url.size() - q.size());
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  return url;
}

std::string strip_leading(std::string url) {
  bool again = true;
  while (again && !url.empty()) {
    again = false;
    for (std::string_view q : {"«", "“", "„", "\"", "'", "(", "[", "<", "‘"}) {
      if (std::string_view(url).starts_with(q)) {
        url.erase(0, q.size());
        again = true;
      }
    }
  }
  return url;
}

}  // namespace

namespace detail {
std::string strip_punctuation(std::string url) { return strip_trailing(strip_leading(std::move(url))); }
}  // namespace detail

repaired_url repair_url(std::string_view raw) {
  repaired_url out;
  std::string url(text::trim(raw));
  const std::string no_spaces = text::remove_url_spaces(url);
  if (no_spaces != url) {
    out.repairs.push_back({"links.inner-space", url, no_spaces});
    url = no_spaces;
  }
  std::string stripped = strip_trailing(strip_leading(url));
  if (stripped != url && !stripped.empty()) {
    out.repairs.push_back({"links.trailing-punctuation", url, stripped});
    url = stripped;
  }
  if (scheme_of(url).empty()) {
    std::string fixed;
    if (url.starts_with("//")) fixed = "https:" + url;
    else if (looks_like_bare_link(url)) fixed = "https://" + url;
    if (!fixed.empty()) {
      out.repairs.push_back({"links.missing-scheme", url, fixed});
      url = fixed;
    }
  }
  out.url = std::move(url);
  return out;
}

namespace {

/// Where a link starts in a whitespace-separated token (after opening quotes, brackets or a glued
/// "2024,"), or npos.
std::size_t link_start(std::string_view token) {
  const auto sep = token.find("://");
  if (sep != std::string_view::npos && sep > 0) {
    std::size_t b = sep;
    while (b > 0 && (std::isalpha(static_cast<unsigned char>(token[b - 1])) || token[b - 1] == '+' || token[b - 1] == '-'))
      --b;
    while (b < sep && !std::isalpha(static_cast<unsigned char>(token[b]))) ++b;
    if (b < sep) return b;
  }
  const auto www = token.find("www.");
  if (www != std::string_view::npos && (www == 0 || !is_alnum(token[www - 1])) && token.size() > www + 5) return www;
  for (std::size_t i = 0; i < token.size() && i < 8; ++i) {
    if (is_alnum(token[i])) return looks_like_bare_link(strip_trailing(std::string(token.substr(i)))) ? i : std::string_view::npos;
  }
  return std::string_view::npos;
}

/// The text with no-break and other Unicode spaces made plain spaces (byte lengths change).
std::string plain_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = text::next_code_point(text, pos);
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) out += ' ';
    else if (cp == 0x200B || cp == 0xAD || cp == 0xFEFF) continue;
    else out.append(text.substr(start, pos - start));
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The first quoted title of a note (“…”, «…», "…").
std::string first_quoted(std::string_view note) {
  static const std::pair<std::string_view, std::string_view> quotes[] = {{"“", "”"}, {"«", "»"}, {"\"", "\""}, {"„", "“"}};
  std::size_t best = std::string_view::npos;
  std::string title;
  for (const auto& [open, close] : quotes) {
    const auto b = note.find(open);
    if (b == std::string_view::npos || b >= best) continue;
    const auto e = note.find(close, b + open.size());
    if (e == std::string_view::npos) continue;
    best = b;
    title = std::string(note.substr(b + open.size(), e - b - open.size()));
  }
  while (!title.empty() && (title.back() == ',' || title.back() == '.' || title.back() == ' ')) title.pop_back();
  return title;
}

/// "DD.MM.YYYY" → "YYYYMMDD", else the first 19xx/20xx year, else "".
std::string note_date(std::string_view note) {
  for (std::size_t i = 0; i + 10 <= note.size(); ++i) {
    const std::string_view d = note.substr(i, 10);
    if (std::isdigit(static_cast<unsigned char>(d[0])) && std::isdigit(static_cast<unsigned char>(d[1])) && d[2] == '.' &&
        std::isdigit(static_cast<unsigned char>(d[3])) && std::isdigit(static_cast<unsigned char>(d[4])) && d[5] == '.' &&
        (d.substr(6, 2) == "19" || d.substr(6, 2) == "20") && std::isdigit(static_cast<unsigned char>(d[8])) &&
        std::isdigit(static_cast<unsigned char>(d[9])))
      return std::string(d.substr(6, 4)) + std::string(d.substr(3, 2)) + std::string(d.substr(0, 2));
  }
  for (std::size_t i = 0; i + 4 <= note.size(); ++i) {
    const bool left = i == 0 || !std::isdigit(static_cast<unsigned char>(note[i - 1]));
    const bool right = i + 4 == note.size() || !std::isdigit(static_cast<unsigned char>(note[i + 4]));
    const std::string_view y = note.substr(i, 4);
    if (left && right && (y.starts_with("19") || y.starts_with("20")) &&
        std::all_of(y.begin(), y.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return std::string(y);
  }
  return {};
}

/// Scans one note's text for links.
void scan_note(std::string_view note, const std::string& number, std::vector<link_input>& out) {
  const std::string title = first_quoted(note);
  const std::string date = note_date(note);
  std::size_t i = 0;
  while (i < note.size()) {
    while (i < note.size() && is_space(note[i])) ++i;
    std::size_t e = i;
    while (e < note.size() && !is_space(note[e])) ++e;
    const std::string_view token = note.substr(i, e - i);
    const auto start = link_start(token);
    if (start == std::string_view::npos) {
      i = e;
      continue;
    }
    std::string url(token.substr(start));
    // "https://interaffairs .ru/…": a host without a dot continues in the next token
    while (e < note.size()) {
      std::size_t n = e;
      while (n < note.size() && is_space(note[n]) && note[n] != '\n') ++n;
      std::size_t ne = n;
      while (ne < note.size() && !is_space(note[ne])) ++ne;
      const std::string_view next = note.substr(n, ne - n);
      if (next.size() < 2) break;
      const auto sc = scheme_of(url);
      const std::string_view after = sc.empty() ? std::string_view(url) : std::string_view(url).substr(sc.size() + 3);
      const std::string_view host = after.substr(0, after.find('/'));
      const bool host_cut = after.find('/') == std::string_view::npos && host.find('.') == std::string_view::npos;
      const bool path_cut = (next[0] == '/' && is_alnum(next[1]) && url.back() != '.' && url.back() != ',');
      if ((host_cut && next[0] == '.' && is_alnum(next[1])) || path_cut) {
        url += " ";  // kept so that repair_url reports the inner space
        url += next;
        e = ne;
      } else {
        break;
      }
    }
    out.push_back({url, number.empty() ? std::vector<std::string>{} : std::vector<std::string>{number}, title, date});
    i = e;
  }
}

}  // namespace

extracted_links extract_from_notes(std::string_view raw_text) {
  extracted_links result;
  const std::string plain = plain_spaces(raw_text);
  // The notes parser finds the notes (numbered sections, Markdown footnotes, reference lists);
  // links are then read from each note's raw text so that their defects can be reported as repairs.
  auto found = parse::find_notes(plain);
  result.diagnostics = std::move(found.diagnostics);
  for (const auto& note : found.notes)
    scan_note(note.text, note.number > 0 ? std::to_string(note.number) : std::string(), result.links);
  return result;
}

extracted_links extract_from_url_list(std::string_view text) {
  extracted_links result;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    line = line.substr(0, line.find('\t'));
    line = text::trim(line);
    if (line.empty() || line.front() == '#') continue;
    result.links.push_back({std::string(line), {}, {}, {}});
  }
  return result;
}

extracted_links extract_from_csl_json(std::string_view json) {
  extracted_links result;
  auto read = csljson::read(json);
  result.diagnostics = std::move(read.diagnostics);
  for (const auto& ref : read.references) {
    // an item with a DOI and no URL is checked at its doi.org link
    std::string url(ref.get("URL"));
    if (url.empty() && ref.has("DOI")) url = "https://doi.org/" + std::string(ref.get("DOI"));
    if (url.empty()) continue;
    std::string date;
    if (const auto* d = ref.date_of("issued"); d && !d->parts.empty() && d->parts[0].year > 0) {
      const auto& p = d->parts[0];
      if (p.month > 0 && p.month <= 12 && p.day > 0 && p.day <= 31) date = fmt::format("{:04}{:02}{:02}", p.year, p.month, p.day);
      else if (p.month > 0 && p.month <= 12) date = fmt::format("{:04}{:02}", p.year, p.month);
      else date = fmt::format("{:04}", p.year);
    }
    result.links.push_back({url, ref.id.empty() ? std::vector<std::string>{} : std::vector<std::string>{ref.id},
                            std::string(ref.get("title")), date});
  }
  return result;
}

}  // namespace bicite::links
