// CSL items → BibLaTeX (biber) or classic BibTeX.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

#include "bicite/bibtex.hpp"
#include "bicite/text.hpp"
#include "core/memory.hpp"
#include "export/bib_types.hpp"
#include "export/keys.hpp"
#include "export/latex_escape.hpp"
#include "export/pages.hpp"
#include "export/tables.hpp"

namespace bicite::bibtex {
namespace {

using namespace detail::bib;

// The standard and number variables the writer reads, gathered from a reference in one pass
// over its (sorted) field map instead of one map lookup each.
enum class fv {
  abstract, annote, chapter_number, collection_number, collection_title, container_title, container_title_short,
  doi, edition, event_place, event_title, genre, isbn, issn, issue, keyword, language, note, number,
  number_of_pages, number_of_volumes, original_title, page, publisher, publisher_place, title, title_short, url,
  version, volume, count
};
constexpr std::string_view fv_names[] = {
    "abstract", "annote", "chapter-number", "collection-number", "collection-title", "container-title",
    "container-title-short", "DOI", "edition", "event-place", "event-title", "genre", "ISBN", "ISSN", "issue",
    "keyword", "language", "note", "number", "number-of-pages", "number-of-volumes", "original-title", "page",
    "publisher", "publisher-place", "title", "title-short", "URL", "version", "volume"};
static_assert(std::size(fv_names) == static_cast<std::size_t>(fv::count));

struct field_values {
  std::string_view v[static_cast<std::size_t>(fv::count)];
  std::string_view operator[](fv f) const { return v[static_cast<std::size_t>(f)]; }
};

field_values gather(const reference& r) {
  struct named {
    std::string_view name;
    std::size_t id;
  };
  static const std::vector<named> order = [] {
    std::vector<named> o;
    for (std::size_t i = 0; i < std::size(fv_names); ++i) o.push_back({fv_names[i], i});
    std::sort(o.begin(), o.end(), [](const named& a, const named& b) { return a.name < b.name; });
    return o;
  }();
  field_values out;
  auto it = r.fields.begin();
  std::size_t k = 0;
  while (it != r.fields.end() && k < order.size()) {
    const int c = std::string_view(it->first).compare(order[k].name);
    if (c == 0) {
      out.v[order[k].id] = it->second;
      ++it;
      ++k;
    } else if (c < 0) {
      ++it;
    } else {
      ++k;
    }
  }
  return out;
}

// The biblatex fields the writer asks the data model about.
enum class bf {
  translator, bookauthor, titleaddon, journaltitle, booktitle, howpublished, organization, shortjournal, series,
  number, pages, pagetotal, edition, volumes, chapter, publisher, location, type, eventyear, eventtitle, venue,
  version, isbn, issn, count
};
constexpr std::string_view bf_names[] = {
    "translator", "bookauthor", "titleaddon", "journaltitle", "booktitle", "howpublished", "organization",
    "shortjournal", "series", "number", "pages", "pagetotal", "edition", "volumes", "chapter", "publisher",
    "location", "type", "eventyear", "eventtitle", "venue", "version", "isbn", "issn"};
static_assert(std::size(bf_names) == static_cast<std::size_t>(bf::count));

struct field_mask {
  bool allowed[static_cast<std::size_t>(bf::count)] = {};
  bool operator()(bf f) const { return allowed[static_cast<std::size_t>(f)]; }
};

// What stays the same from one entry to the next within one call of write().
struct writer_context {
  const write_options& o;
  bool bl;
  std::vector<std::pair<std::string, field_mask>> masks;  // by entry type; few types
  std::string last_language, last_langid;
  bool have_language = false;

  const field_mask& mask_for(const std::string& type) {
    for (const auto& [t, m] : masks)
      if (t == type) return m;
    field_mask m;
    for (std::size_t i = 0; i < std::size(bf_names); ++i) m.allowed[i] = !bl || biblatex_allows(type, bf_names[i]);
    masks.emplace_back(type, m);
    return masks.back().second;
  }

  // langid_for, remembered for the last language code (a file has few).
  const std::string& langid(std::string_view lang) {
    if (!have_language || lang != last_language) {
      last_language.assign(lang);
      last_langid = langid_for(lang);
      have_language = true;
    }
    return last_langid;
  }
};

bool is_english(std::string_view lang, std::string_view title) {
  if (!lang.empty()) return lang.substr(0, 2) == "en" || lang.substr(0, 2) == "EN";
  return !text::has_cyrillic(title);
}

std::string_view langid_of(writer_context& ctx, const field_values& f) {
  std::string_view lang = f[fv::language];
  if (!lang.empty()) {
    const std::string& l = ctx.langid(lang);
    if (!l.empty()) return l;
  }
  if (text::has_cyrillic(f[fv::title]) || text::has_cyrillic(f[fv::container_title])) return "russian";
  return lang.empty() ? "english" : "";
}

void append_int(std::string& out, long long n) {
  char buf[24];
  char* e = buf + sizeof buf;
  char* b = e;
  const bool negative = n < 0;
  unsigned long long u = negative ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
  do {
    *--b = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) *--b = '-';
  out.append(b, static_cast<std::size_t>(e - b));
}

// n with at least `width` digits, zero-padded (n >= 0).
void append_padded(std::string& out, long long n, int width) {
  char buf[24];
  char* e = buf + sizeof buf;
  char* b = e;
  unsigned long long u = static_cast<unsigned long long>(n);
  do {
    *--b = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  while (e - b < width) *--b = '0';
  out.append(b, static_cast<std::size_t>(e - b));
}

void append_two(std::string& out, int n) { append_padded(out, n < 0 ? 0 : n % 100, 2); }

void append_year(std::string& out, int y) {
  if (y < 0) {
    out += '-';
    append_padded(out, -static_cast<long long>(y), 4);
  } else {
    append_padded(out, y, 4);
  }
}

void append_edtf_part(std::string& out, const date::part& p, std::string_view season) {
  append_year(out, p.year);
  if (p.month >= 13 && p.month <= 16) {  // CSL seasons → EDTF 21–24
    out += '-';
    append_int(out, p.month + 8);
    return;
  }
  if (p.month >= 1 && p.month <= 12) {
    out += '-';
    append_two(out, p.month);
    if (p.day >= 1 && p.day <= 31) {
      out += '-';
      append_two(out, p.day);
    }
  } else if (season.size() == 1 && season[0] >= '1' && season[0] <= '4') {
    out += "-2";
    out += season;
  }
}

// EDTF as biber reads it: 2023, 2023-05, 2023-05-01, ranges A/B, open ranges 2020/.., circa ~.
// Appends nothing when the date has no year.
void append_edtf(std::string& out, const date& d) {
  if (d.parts.empty() || d.parts[0].year == 0) return;
  append_edtf_part(out, d.parts[0], d.season);
  if (d.circa) out += '~';
  if (d.is_range()) {
    out += '/';
    if (d.parts[1].year != 0) append_edtf_part(out, d.parts[1], {});
    else out += "..";
  }
}

std::string_view literal_date(const date& d) { return d.literal.empty() ? d.raw : d.literal; }

const char* const month_macros[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

// Writes "  field = {…},\n" straight into the output; a field whose content comes out empty is
// taken back.
struct entry_writer {
  std::string& out;
  bool ascii;
  std::size_t mark = 0;
  void open(std::string_view field) {
    mark = out.size();
    out += "  ";
    out += field;
    out += " = {";
  }
  // Ends the field opened last; takes it back when nothing was written after the "{".
  void close(std::size_t content_begin) {
    if (out.size() == content_begin) out.resize(mark);
    else out += "},\n";
  }
  void raw(std::string_view field, std::string_view value) {
    out += "  ";
    out += field;
    out += " = ";
    out += value;
    out += ",\n";
  }
  void braced(std::string_view field, std::string_view content) {
    if (content.empty()) return;
    open(field);
    out += content;
    out += "},\n";
  }
  void text(std::string_view field, std::string_view value) {
    if (value.empty()) return;
    value = text::trim(value);
    if (value.empty()) return;
    open(field);
    escape_into(out, value, ascii);
    out += "},\n";
  }
  void capitals(std::string_view field, std::string_view value) {  // value already trimmed
    open(field);
    const std::size_t b = out.size();
    escape_protecting_capitals_into(out, value, ascii);
    close(b);
  }
  void verbatim(std::string_view field, std::string_view value) {
    if (value.empty()) return;
    value = text::trim(value);
    open(field);
    const std::size_t b = out.size();
    escape_verbatim_into(out, value);
    close(b);
  }
  void edtf(std::string_view field, const date& d) {
    open(field);
    const std::size_t b = out.size();
    append_edtf(out, d);
    close(b);
  }
};

bool contains_and(std::string_view s) {  // " and " in any ASCII case
  for (std::size_t i = 0; i + 5 <= s.size(); ++i)
    if (s[i] == ' ' && (s[i + 1] | 0x20) == 'a' && (s[i + 2] | 0x20) == 'n' && (s[i + 3] | 0x20) == 'd' && s[i + 4] == ' ')
      return true;
  return false;
}

void append_name(std::string& out, const name& n, bool ascii) {
  if (n.is_literal()) {
    out += '{';
    escape_into(out, n.literal, ascii);
    out += '}';
    return;
  }
  const bool brace_given = n.given.find(',') != std::string::npos || contains_and(n.given);
  const bool has_von = !n.dropping_particle.empty() || !n.non_dropping_particle.empty();
  if (has_von) {
    escape_into(out, n.dropping_particle, ascii);
    if (!n.non_dropping_particle.empty()) {
      if (!n.dropping_particle.empty()) out += ' ';
      escape_into(out, n.non_dropping_particle, ascii);
    }
    out += ' ';
  } else if (n.given.empty() && n.suffix.empty() && !n.family.empty() &&
             n.family.find_first_of(" ,\t") == std::string::npos) {
    // A one-word family name alone: unbraced, so that it reads back as a family name, not an organisation.
    const std::size_t b = out.size();
    escape_into(out, n.family, ascii);
    if (out.find('{', b) == std::string::npos) return;
    out.resize(b);
  }
  auto given = [&] {
    if (brace_given) out += '{';
    escape_into(out, n.given, ascii);
    if (brace_given) out += '}';
  };
  out += '{';
  escape_into(out, n.family, ascii);
  out += '}';
  if (!n.suffix.empty()) {
    out += ", ";
    escape_into(out, n.suffix, ascii);
    out += ", ";
    if (n.given.empty()) out += "{}";
    else given();
  } else if (!n.given.empty()) {
    out += ", ";
    given();
  }
}

void names_field(entry_writer& w, std::string_view field, const std::vector<name>& names) {
  if (names.empty()) return;
  std::string& out = w.out;
  w.open(field);
  const std::size_t content = out.size();
  for (const auto& n : names) {
    const std::size_t before = out.size();
    if (before != content) out += " and ";
    const std::size_t b = out.size();
    append_name(out, n, w.ascii);
    const std::string_view one(out.data() + b, out.size() - b);
    if (one.empty() || one == "{}") out.resize(before);
  }
  w.close(content);
}

// Each range of a page list as "101--119": the BibTeX range dash, and both ends full page numbers
// ("101–19" is pages 101 to 119; biblatex's \mkpageprefix and page-range compression read "--").
void pages_field(entry_writer& w, std::string_view page) {
  const std::string_view p = text::trim(page);
  w.open("pages");
  const std::size_t b = w.out.size();
  for (std::size_t i = 0; i <= p.size();) {
    std::size_t comma = p.find(',', i);
    if (comma == std::string_view::npos) comma = p.size();
    const std::string_view item = p.substr(i, comma - i);
    if (const auto range = split_page_range(item)) {
      escape_into(w.out, item.substr(0, static_cast<std::size_t>(range->start.data() - item.data())), w.ascii);
      escape_into(w.out, range->start, w.ascii);
      w.out += "--";
      escape_into(w.out, full_end_page(range->start, range->end), w.ascii);
    } else {
      escape_into(w.out, item, w.ascii);
    }
    if (comma < p.size()) w.out += ',';
    i = comma + 1;
  }
  w.close(b);
}

// Writes one entry with `key`: returns where the key is.
std::size_t write_entry(std::string& out, const reference& r, writer_context& ctx, std::string_view key) {
  const write_options& o = ctx.o;
  const bool bl = ctx.bl;
  const entry_kind kind = bl ? biblatex_kind(r) : bibtex_kind(r);
  const std::string& ty = kind.type;
  const field_mask& allowed = ctx.mask_for(ty);
  const field_values f = gather(r);
  out += '@';
  out += ty;
  out += '{';
  const std::size_t key_at = out.size();
  out += key;
  out += ",\n";
  entry_writer w{out, o.ascii};
  if (!kind.subtype.empty() && bl) {
    // biblatex uses entrysubtype in control-sequence names: letters and hyphens only ("legal_case" → "legal-case")
    w.open("entrysubtype");
    const std::size_t b = out.size();
    for (char c : kind.subtype)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c == '_' ? '-' : c;
    w.close(b);
  }
  // Names.
  const auto& authors = r.names_of("author");
  const auto& editors = r.names_of("editor");
  names_field(w, "author", authors);
  names_field(w, "editor", editors);
  if (allowed(bf::translator)) names_field(w, "translator", r.names_of("translator"));
  if (bl && allowed(bf::bookauthor)) names_field(w, "bookauthor", r.names_of("container-author"));
  // Titles: the original in title; translation in titleaddon; transliteration in usera.
  if (auto t = f[fv::title]; !t.empty()) {
    if (is_english(f[fv::language], t)) {
      w.capitals("title", text::trim(t));
    } else {
      w.open("title");
      const std::size_t b = out.size();
      escape_into(out, text::trim(t), o.ascii);
      w.close(b);
    }
  }
  if (!r.variants.empty()) {
    if (const auto* tr = r.variant("title", variant_role::translated); tr && allowed(bf::titleaddon))
      w.capitals("titleaddon", text::trim(tr->value));
    if (const auto* tl = r.variant("title", variant_role::transliterated)) w.text("usera", tl->value);
  }
  if (bl) w.text("shorttitle", f[fv::title_short]);
  if (bl) w.text("origtitle", f[fv::original_title]);
  // Container.
  std::string_view container_field;
  if (auto c = f[fv::container_title]; !c.empty()) {
    if (bl) {
      if (ty == "online") container_field = "organization";
      else if (allowed(bf::journaltitle)) container_field = "journaltitle";
      else if (allowed(bf::booktitle)) container_field = "booktitle";
      else if (allowed(bf::howpublished)) container_field = "howpublished";
      else if (allowed(bf::organization)) container_field = "organization";
    } else {
      container_field = ty == "article" ? "journal" : (ty == "incollection" || ty == "inproceedings" || ty == "inbook") ? "booktitle" : "howpublished";
    }
    if (!container_field.empty()) {
      if (container_field == "booktitle" && !text::has_cyrillic(c)) {
        w.capitals(container_field, text::trim(c));
      } else {
        w.open(container_field);
        const std::size_t b = out.size();
        escape_into(out, text::trim(c), o.ascii);
        w.close(b);
      }
    }
    if (bl) {
      const std::string_view addon = container_field == "journaltitle" ? "journaltitleaddon"
                                     : container_field == "booktitle"  ? "booktitleaddon"
                                                                       : "";
      if (const auto* tr = r.variant("container-title", variant_role::translated); tr && !addon.empty())
        w.text(addon, tr->value);
    }
    if (const auto* tl = r.variant("container-title", variant_role::transliterated)) w.text("userb", tl->value);
  }
  if (bl && allowed(bf::shortjournal)) w.text("shortjournal", f[fv::container_title_short]);
  // Series, volume, issue, pages.
  if (allowed(bf::series)) w.text("series", f[fv::collection_title]);
  w.text("volume", f[fv::volume]);
  const bool article = ty == "article" || ty == "periodical";
  if (article) w.text("number", f[fv::issue]);
  else if (!f[fv::number].empty() && allowed(bf::number)) w.text("number", f[fv::number]);
  else if (!f[fv::collection_number].empty() && allowed(bf::number)) w.text("number", f[fv::collection_number]);
  else if (!f[fv::issue].empty() && allowed(bf::number)) w.text("number", f[fv::issue]);
  if (auto p = f[fv::page]; !p.empty() && allowed(bf::pages)) pages_field(w, p);
  if (allowed(bf::pagetotal) && bl) w.text("pagetotal", f[fv::number_of_pages]);
  if (allowed(bf::edition)) w.text("edition", f[fv::edition]);
  if (allowed(bf::volumes) && bl) w.text("volumes", f[fv::number_of_volumes]);
  if (allowed(bf::chapter)) w.text("chapter", f[fv::chapter_number]);
  // Publisher.
  if (auto p = f[fv::publisher]; !p.empty()) {
    std::string_view field;
    if (!bl) field = ty == "techreport" ? "institution" : (ty == "phdthesis" || ty == "mastersthesis") ? "school" : ty == "misc" ? "organization" : "publisher";
    else if (ty == "report" || ty == "thesis") field = "institution";
    else if (allowed(bf::publisher)) field = "publisher";
    else if (allowed(bf::organization) && container_field != "organization") field = "organization";
    if (!field.empty()) w.text(field, p);
  }
  if (allowed(bf::location)) w.text(bl ? "location" : "address", f[fv::publisher_place]);
  if (allowed(bf::type)) w.text("type", f[fv::genre]);
  // Dates.
  if (const date* d = r.date_of("issued")) {
    if (bl) {
      if (!d->parts.empty() && d->parts[0].year != 0) w.edtf("date", *d);
      else w.text("year", literal_date(*d));
    } else if (!d->parts.empty() && d->parts[0].year != 0) {
      const auto& a = d->parts[0];
      const date::part* b = d->is_range() ? &d->parts[1] : nullptr;
      w.open("year");
      append_int(out, a.year);
      if (b && b->year != 0 && b->year != a.year) {
        out += "--";
        append_int(out, b->year);
      }
      out += "},\n";
      if (a.month >= 1 && a.month <= 12) {
        out += "  month = ";
        out += month_macros[a.month - 1];
        if (b && b->year == a.year && b->month >= 1 && b->month <= 12 && b->month != a.month) {
          out += " # \"--\" # ";
          out += month_macros[b->month - 1];
        }
        out += ",\n";
      }
    } else {
      w.text("year", literal_date(*d));
    }
  }
  if (bl) {
    if (const date* d = r.date_of("original-date")) w.edtf("origdate", *d);
    if (const date* d = r.date_of("event-date"); d && allowed(bf::eventyear)) w.edtf("eventdate", *d);
    if (allowed(bf::eventtitle)) w.text("eventtitle", f[fv::event_title]);
    if (allowed(bf::venue)) w.text("venue", f[fv::event_place]);
    if (allowed(bf::version)) w.text("version", f[fv::version]);
  }
  // Identifiers and links.
  if (allowed(bf::isbn)) w.text("isbn", f[fv::isbn]);
  if (allowed(bf::issn)) w.text("issn", f[fv::issn]);
  w.verbatim("doi", f[fv::doi]);
  if (auto u = f[fv::url]; !u.empty()) {
    w.verbatim("url", u);
    if (!bl && ty == "misc" && container_field.empty()) {
      w.open("howpublished");
      out += "\\url{";
      escape_verbatim_into(out, text::trim(u));
      out += "}},\n";
    }
  }
  if (const date* d = r.date_of("accessed")) w.edtf("urldate", *d);
  // Notes and language.
  w.text("note", f[fv::note]);
  w.text("abstract", f[fv::abstract]);
  w.text(bl ? "annotation" : "annote", f[fv::annote]);
  w.text("keywords", f[fv::keyword]);
  if (auto l = langid_of(ctx, f); !l.empty()) w.text(bl ? "langid" : "language", l);
  // Classic styles sort and label by `key` when there is no author or editor.
  if (!bl && authors.empty() && editors.empty()) w.text("key", f[fv::title]);
  out += "}\n\n";
  return key_at;
}

}  // namespace

std::string write(const std::vector<reference>& items, const write_options& options) {
  // One pass over the items writes each entry with its key before a, b, c suffixes; the keys are
  // made unique at the end and the few that change are put in place by moving the text after
  // them once, back to front, within the same buffer.
  detail::bib::key_builder keys(options);
  std::vector<std::string> key_of;
  std::vector<std::size_t> key_at;
  key_of.reserve(items.size());
  key_at.reserve(items.size());
  std::string out;
  out.reserve(items.size() * 400);
  bicite::detail::expect_large_write(out.data(), out.capacity());
  writer_context ctx{options, options.target == dialect::biblatex, {}, {}, {}, false};
  std::vector<std::size_t> base_size;
  base_size.reserve(items.size());
  for (const auto& r : items) {
    key_of.push_back(keys.base(r));
    base_size.push_back(key_of.back().size());
    key_at.push_back(write_entry(out, r, ctx, key_of.back()));
  }
  detail::bib::key_builder::make_unique(key_of);
  std::size_t extra = 0;
  for (std::size_t i = 0; i < key_of.size(); ++i) extra += key_of[i].size() - base_size[i];
  if (extra == 0) return out;
  std::size_t end = out.size();  // the text from key i's end up to `end` moves right by `shift`
  out.resize(end + extra);
  char* text = out.data();
  std::size_t shift = extra;
  for (std::size_t i = key_of.size(); i-- > 0 && shift > 0;) {
    const std::size_t added = key_of[i].size() - base_size[i];
    if (added == 0) continue;
    const std::size_t after_key = key_at[i] + base_size[i];
    std::memmove(text + after_key + shift, text + after_key, end - after_key);
    shift -= added;
    std::memcpy(text + key_at[i] + shift, key_of[i].data(), key_of[i].size());
    end = key_at[i];
  }
  return out;
}

}  // namespace bicite::bibtex
