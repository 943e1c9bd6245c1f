// CSL items → BibLaTeX (biber) or classic BibTeX.
#include <cctype>
#include <cstdio>

#include "bicite/bibtex.hpp"
#include "bicite/text.hpp"
#include "export/bib_types.hpp"
#include "export/latex_escape.hpp"
#include "export/tables.hpp"

namespace bicite::bibtex {
namespace {

using namespace detail::bib;

bool is_english(const reference& r) {
  std::string_view lang = r.get("language");
  if (!lang.empty()) return lang.substr(0, 2) == "en" || lang.substr(0, 2) == "EN";
  return !text::has_cyrillic(r.get("title"));
}

std::string langid_of(const reference& r) {
  std::string_view lang = r.get("language");
  if (!lang.empty()) {
    std::string l = langid_for(lang);
    if (!l.empty()) return l;
  }
  if (text::has_cyrillic(r.get("title")) || text::has_cyrillic(r.get("container-title"))) return "russian";
  return lang.empty() ? "english" : "";
}

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n < 0 ? 0 : n % 100);
  return buf;
}

std::string year_string(int y) {
  char buf[16];
  if (y < 0) std::snprintf(buf, sizeof buf, "-%04d", -y);
  else std::snprintf(buf, sizeof buf, "%04d", y);
  return buf;
}

std::string edtf_part(const date::part& p, const std::string& season) {
  std::string s = year_string(p.year);
  if (p.month >= 13 && p.month <= 16) return s + "-" + std::to_string(p.month + 8);  // CSL seasons → EDTF 21–24
  if (p.month >= 1 && p.month <= 12) {
    s += "-" + two(p.month);
    if (p.day >= 1 && p.day <= 31) s += "-" + two(p.day);
  } else if (season.size() == 1 && season[0] >= '1' && season[0] <= '4') {
    s += "-2" + season;
  }
  return s;
}

// EDTF as biber reads it: 2023, 2023-05, 2023-05-01, ranges A/B, open ranges 2020/.., circa ~.
std::string edtf(const date& d) {
  if (d.parts.empty() || d.parts[0].year == 0) return {};
  std::string s = edtf_part(d.parts[0], d.season);
  if (d.circa) s += "~";
  if (d.is_range()) {
    s += "/";
    if (d.parts[1].year != 0) s += edtf_part(d.parts[1], {});
    else s += "..";
  }
  return s;
}

std::string literal_date(const date& d) { return d.literal.empty() ? d.raw : d.literal; }

const char* const month_macros[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

struct entry_writer {
  std::string& out;
  bool ascii;
  void raw(std::string_view field, std::string_view value) {
    out += "  ";
    out += field;
    out += " = ";
    out += value;
    out += ",\n";
  }
  void braced(std::string_view field, std::string_view content) {
    if (content.empty()) return;
    out += "  ";
    out += field;
    out += " = {";
    out += content;
    out += "},\n";
  }
  void text(std::string_view field, std::string_view value) {
    if (!value.empty()) braced(field, escape(text::trim(value), ascii));
  }
  void verbatim(std::string_view field, std::string_view value) {
    if (!value.empty()) braced(field, escape_verbatim(text::trim(value)));
  }
};

std::string name_value(const name& n, bool ascii) {
  if (n.is_literal()) return "{" + escape(n.literal, ascii) + "}";
  std::string von = n.dropping_particle;
  if (!n.non_dropping_particle.empty()) von += (von.empty() ? "" : " ") + n.non_dropping_particle;
  std::string given = escape(n.given, ascii);
  const std::string lg = simple_lower(n.given);
  if (given.find(',') != std::string::npos || lg.find(" and ") != std::string::npos) given = "{" + given + "}";
  std::string s;
  if (!von.empty()) s += escape(von, ascii) + " ";
  if (von.empty() && given.empty() && n.suffix.empty() && n.family.find_first_of(" ,\t") == std::string::npos &&
      !n.family.empty()) {
    // A one-word family name alone: unbraced, so that it reads back as a family name, not an organisation.
    std::string f = escape(n.family, ascii);
    if (f.find('{') == std::string::npos) return f;
  }
  s += "{" + escape(n.family, ascii) + "}";
  if (!n.suffix.empty()) s += ", " + escape(n.suffix, ascii) + ", " + (given.empty() ? std::string("{}") : given);
  else if (!given.empty()) s += ", " + given;
  return s;
}

std::string names_value(const std::vector<name>& names, bool ascii) {
  std::string s;
  for (const auto& n : names) {
    std::string one = name_value(n, ascii);
    if (one.empty() || one == "{}") continue;
    if (!s.empty()) s += " and ";
    s += one;
  }
  return s;
}

// "23-34" → "23--34" (a hyphen between digits becomes a range dash).
std::string pages_value(std::string_view page, bool ascii) {
  std::string p(text::trim(page));
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '-' && i > 0 && i + 1 < p.size() && p[i - 1] != '-' && p[i + 1] != '-') out += "--";
    else out += p[i];
  }
  return escape(out, ascii);
}

void write_entry(std::string& out, const reference& r, const std::string& key, const write_options& o) {
  const bool bl = o.target == dialect::biblatex;
  const entry_kind kind = bl ? biblatex_kind(r) : bibtex_kind(r);
  const std::string& ty = kind.type;
  auto allowed = [&](std::string_view f) { return !bl || biblatex_allows(ty, f); };
  out += "@" + ty + "{" + key + ",\n";
  entry_writer w{out, o.ascii};
  if (!kind.subtype.empty() && bl) {
    // biblatex uses entrysubtype in control-sequence names: letters and hyphens only ("legal_case" → "legal-case")
    std::string sub;
    for (char c : kind.subtype)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') sub += c == '_' ? '-' : c;
    w.braced("entrysubtype", sub);
  }
  // Names.
  w.braced("author", names_value(r.names_of("author"), o.ascii));
  w.braced("editor", names_value(r.names_of("editor"), o.ascii));
  if (allowed("translator")) w.braced("translator", names_value(r.names_of("translator"), o.ascii));
  if (bl && allowed("bookauthor")) w.braced("bookauthor", names_value(r.names_of("container-author"), o.ascii));
  // Titles: the original in title; translation in titleaddon; transliteration in usera.
  const bool english = is_english(r);
  if (auto t = r.get("title"); !t.empty())
    w.braced("title", english ? escape_protecting_capitals(text::trim(t), o.ascii) : escape(text::trim(t), o.ascii));
  if (const auto* tr = r.variant("title", variant_role::translated); tr && allowed("titleaddon"))
    w.braced("titleaddon", escape_protecting_capitals(text::trim(tr->value), o.ascii));
  if (const auto* tl = r.variant("title", variant_role::transliterated)) w.text("usera", tl->value);
  if (bl) w.text("shorttitle", r.get("title-short"));
  if (bl) w.text("origtitle", r.get("original-title"));
  // Container.
  std::string container_field;
  if (auto c = r.get("container-title"); !c.empty()) {
    const std::vector<std::string_view> candidates =
        bl ? std::vector<std::string_view>{"journaltitle", "booktitle", "howpublished", "organization"}
           : std::vector<std::string_view>{};
    if (bl) {
      if (ty == "online") container_field = "organization";
      else
        for (auto f : candidates)
          if (allowed(f)) {
            container_field = std::string(f);
            break;
          }
    } else {
      container_field = ty == "article" ? "journal" : (ty == "incollection" || ty == "inproceedings" || ty == "inbook") ? "booktitle" : "howpublished";
    }
    if (!container_field.empty()) {
      const bool english_container = !text::has_cyrillic(c);
      w.braced(container_field, english_container && (container_field == "booktitle")
                                    ? escape_protecting_capitals(text::trim(c), o.ascii)
                                    : escape(text::trim(c), o.ascii));
    }
    if (bl) {
      const std::string addon = container_field == "journaltitle" ? "journaltitleaddon"
                                : container_field == "booktitle"  ? "booktitleaddon"
                                                                  : "";
      if (const auto* tr = r.variant("container-title", variant_role::translated); tr && !addon.empty())
        w.text(addon, tr->value);
    }
    if (const auto* tl = r.variant("container-title", variant_role::transliterated)) w.text("userb", tl->value);
  }
  if (bl && allowed("shortjournal")) w.text("shortjournal", r.get("container-title-short"));
  // Series, volume, issue, pages.
  if (allowed("series")) w.text("series", r.get("collection-title"));
  w.text("volume", r.get("volume"));
  const bool article = ty == "article" || ty == "periodical";
  if (article) w.text("number", r.get("issue"));
  else if (!r.get("number").empty() && allowed("number")) w.text("number", r.get("number"));
  else if (!r.get("collection-number").empty() && allowed("number")) w.text("number", r.get("collection-number"));
  else if (!r.get("issue").empty() && allowed("number")) w.text("number", r.get("issue"));
  if (auto p = r.get("page"); !p.empty() && allowed("pages")) w.braced("pages", pages_value(p, o.ascii));
  if (allowed("pagetotal") && bl) w.text("pagetotal", r.get("number-of-pages"));
  if (allowed("edition")) w.text("edition", r.get("edition"));
  if (allowed("volumes") && bl) w.text("volumes", r.get("number-of-volumes"));
  if (allowed("chapter")) w.text("chapter", r.get("chapter-number"));
  // Publisher.
  if (auto p = r.get("publisher"); !p.empty()) {
    std::string field;
    if (!bl) field = ty == "techreport" ? "institution" : (ty == "phdthesis" || ty == "mastersthesis") ? "school" : ty == "misc" ? "organization" : "publisher";
    else if (ty == "report" || ty == "thesis") field = "institution";
    else if (allowed("publisher")) field = "publisher";
    else if (allowed("organization") && container_field != "organization") field = "organization";
    if (!field.empty()) w.text(field, p);
  }
  if (allowed("location")) w.text(bl ? "location" : "address", r.get("publisher-place"));
  if (allowed("type")) w.text("type", r.get("genre"));
  // Dates.
  if (const date* d = r.date_of("issued")) {
    if (bl) {
      if (auto e = edtf(*d); !e.empty()) w.braced("date", e);
      else w.text("year", literal_date(*d));
    } else if (!d->parts.empty() && d->parts[0].year != 0) {
      const auto& a = d->parts[0];
      const date::part* b = d->is_range() ? &d->parts[1] : nullptr;
      if (b && b->year != 0 && b->year != a.year) w.braced("year", std::to_string(a.year) + "--" + std::to_string(b->year));
      else w.braced("year", std::to_string(a.year));
      if (a.month >= 1 && a.month <= 12) {
        std::string m = month_macros[a.month - 1];
        if (b && b->year == a.year && b->month >= 1 && b->month <= 12 && b->month != a.month)
          m += std::string(" # \"--\" # ") + month_macros[b->month - 1];
        w.raw("month", m);
      }
    } else {
      w.text("year", literal_date(*d));
    }
  }
  if (bl) {
    if (const date* d = r.date_of("original-date")) w.braced("origdate", edtf(*d));
    if (const date* d = r.date_of("event-date"); d && allowed("eventyear")) w.braced("eventdate", edtf(*d));
    if (allowed("eventtitle")) w.text("eventtitle", r.get("event-title"));
    if (allowed("venue")) w.text("venue", r.get("event-place"));
    if (allowed("version")) w.text("version", r.get("version"));
  }
  // Identifiers and links.
  if (allowed("isbn")) w.text("isbn", r.get("ISBN"));
  if (allowed("issn")) w.text("issn", r.get("ISSN"));
  w.verbatim("doi", r.get("DOI"));
  if (auto u = r.get("URL"); !u.empty()) {
    w.verbatim("url", u);
    if (!bl && ty == "misc" && container_field.empty()) w.braced("howpublished", "\\url{" + escape_verbatim(text::trim(u)) + "}");
  }
  if (const date* d = r.date_of("accessed")) w.braced("urldate", edtf(*d));
  // Notes and language.
  w.text("note", r.get("note"));
  w.text("abstract", r.get("abstract"));
  w.text(bl ? "annotation" : "annote", r.get("annote"));
  w.text("keywords", r.get("keyword"));
  if (auto l = langid_of(r); !l.empty()) w.text(bl ? "langid" : "language", l);
  // Classic styles sort and label by `key` when there is no author or editor.
  if (!bl && r.names_of("author").empty() && r.names_of("editor").empty()) w.text("key", r.get("title"));
  out += "}\n\n";
}

}  // namespace

std::string write(const std::vector<reference>& items, const write_options& options) {
  const auto keys = make_keys(items, options);
  std::string out;
  out.reserve(items.size() * 400);
  for (std::size_t i = 0; i < items.size(); ++i) write_entry(out, items[i], keys[i], options);
  return out;
}

}  // namespace bicite::bibtex
