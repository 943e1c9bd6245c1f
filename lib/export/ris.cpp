// RIS out and in.
#include "bicite/ris.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "bicite/text.hpp"
#include "text/utf8.hpp"
#include "export/bib_types.hpp"
#include "export/pages.hpp"

namespace bicite::ris {
namespace {

using detail::bib::csl_type_for_ris;
using detail::bib::full_end_page;
using detail::bib::split_page_range;
using detail::bib::ris_type;

struct line_writer {
  std::string& out;
  const char* eol;
  void tag(std::string_view t, std::string_view value) {
    std::string v;
    for (char c : text::trim(value)) v += (c == '\n' || c == '\r') ? ' ' : c;  // one line per value
    if (v.empty()) return;
    out += t;
    out += "  - ";
    out += v;
    out += eol;
  }
};

std::string name_value(const name& n) {
  if (n.is_literal()) return n.literal;
  std::string family = n.family;
  std::string von = n.dropping_particle;
  if (!n.non_dropping_particle.empty()) von += (von.empty() ? "" : " ") + n.non_dropping_particle;
  if (!von.empty()) family = von + " " + family;
  std::string s = family + ",";  // the comma tells a person from an organisation
  if (!n.given.empty() || !n.suffix.empty()) s += " " + n.given;
  if (!n.suffix.empty()) s += ", " + n.suffix;
  return s;
}

std::string ris_date(const date& d, bool year_only) {
  if (d.parts.empty() || d.parts[0].year == 0) return d.literal.empty() ? d.raw : d.literal;
  const auto& p = d.parts[0];
  char buf[32];
  if (year_only) {
    std::snprintf(buf, sizeof buf, "%04d", p.year);
    return buf;
  }
  std::string s;
  std::snprintf(buf, sizeof buf, "%04d/", p.year);
  s = buf;
  if (p.month >= 1 && p.month <= 12) {
    std::snprintf(buf, sizeof buf, "%02d/", p.month);
    s += buf;
    if (p.day >= 1) {
      std::snprintf(buf, sizeof buf, "%02d/", p.day);
      s += buf;
    } else {
      s += "/";
    }
  } else {
    s += "//";
  }
  return s;
}

}  // namespace

std::string write(const std::vector<reference>& items, const write_options& options) {
  std::string out;
  out.reserve(items.size() * 300);
  line_writer w{out, options.crlf ? "\r\n" : "\n"};
  for (const auto& r : items) {
    w.tag("TY", ris_type(r));
    for (const auto& n : r.names_of("author")) w.tag("AU", name_value(n));
    for (const auto& n : r.names_of("editor")) w.tag("A2", name_value(n));
    for (const auto& n : r.names_of("collection-editor")) w.tag("A3", name_value(n));
    for (const auto& n : r.names_of("translator")) w.tag("A4", name_value(n));
    w.tag("TI", r.get("title"));
    if (const auto* tr = r.variant("title", variant_role::translated)) w.tag("TT", tr->value);
    w.tag("ST", r.get("title-short"));
    w.tag("T2", r.get("container-title"));
    w.tag("J2", r.get("container-title-short"));
    w.tag("T3", r.get("collection-title"));
    w.tag("OP", r.get("original-title"));
    if (const date* d = r.date_of("issued")) {
      w.tag("PY", ris_date(*d, true));
      if (!d->parts.empty() && d->parts[0].month >= 1) w.tag("DA", ris_date(*d, false));
    }
    w.tag("VL", r.get("volume"));
    w.tag("IS", r.get("issue"));
    if (auto p = r.get("page"); !p.empty()) {
      // RIS's EP is a page number: "101–19" ends at 119.
      if (const auto range = split_page_range(p)) {
        w.tag("SP", range->start);
        w.tag("EP", full_end_page(range->start, range->end));
      } else {
        w.tag("SP", p);
      }
    }
    w.tag("SE", r.get("chapter-number"));
    w.tag("ET", r.get("edition"));
    w.tag("NV", r.get("number-of-volumes"));
    w.tag("M1", r.get("number"));
    w.tag("M3", r.get("genre"));
    w.tag("PB", r.get("publisher"));
    w.tag("CY", r.get("publisher-place"));
    w.tag("SN", r.get("ISBN").empty() ? r.get("ISSN") : r.get("ISBN"));
    w.tag("DO", r.get("DOI"));
    w.tag("UR", r.get("URL"));
    if (const date* d = r.date_of("accessed")) w.tag("Y2", ris_date(*d, false));
    w.tag("LA", r.get("language"));
    w.tag("AB", r.get("abstract"));
    w.tag("N1", r.get("note"));
    if (auto k = r.get("keyword"); !k.empty()) {
      std::string_view rest = k;
      while (!rest.empty()) {
        auto c = rest.find(',');
        w.tag("KW", rest.substr(0, c));
        rest = c == std::string_view::npos ? std::string_view{} : rest.substr(c + 1);
      }
    }
    w.tag("ID", r.id);
    out += "ER  - ";
    out += options.crlf ? "\r\n" : "\n";
    out += options.crlf ? "\r\n" : "\n";
  }
  return out;
}

namespace {

name parse_name(std::string_view v) {
  name n;
  const auto c = v.find(',');
  if (c == std::string_view::npos) {
    n.literal = std::string(text::trim(v));
    return n;
  }
  n.family = std::string(text::trim(v.substr(0, c)));
  // leading lower-case words of the family name are a particle: "van Beethoven"
  std::size_t sp = 0;
  while (sp < n.family.size()) {
    const auto next = n.family.find(' ', sp);
    if (next == std::string::npos || !std::islower(static_cast<unsigned char>(n.family[sp]))) break;
    sp = next + 1;
  }
  if (sp > 0 && sp < n.family.size()) {
    n.non_dropping_particle = n.family.substr(0, sp - 1);
    n.family = n.family.substr(sp);
  }
  std::string_view rest = v.substr(c + 1);
  const auto c2 = rest.find(',');
  n.given = std::string(text::trim(rest.substr(0, c2)));
  if (c2 != std::string_view::npos) n.suffix = std::string(text::trim(rest.substr(c2 + 1)));
  return n;
}

std::optional<date> parse_date(std::string_view v) {
  v = text::trim(v);
  date d;
  date::part p;
  int field = 0;
  std::size_t i = 0;
  while (i <= v.size() && field < 3) {
    auto slash = v.find_first_of("/-", i);
    std::string_view part = v.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    int n = 0;
    bool ok = !part.empty();
    for (char ch : part) {
      if (!std::isdigit(static_cast<unsigned char>(ch))) {
        ok = false;
        break;
      }
      n = n * 10 + (ch - '0');
      if (n > 100000) break;
    }
    if (ok) {
      if (field == 0) p.year = n;
      else if (field == 1 && n >= 1 && n <= 12) p.month = n;
      else if (field == 2 && n >= 1 && n <= 31 && p.month) p.day = n;
    } else if (field == 0) {
      return std::nullopt;
    }
    ++field;
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  if (p.year == 0) return std::nullopt;
  d.parts.push_back(p);
  return d;
}

}  // namespace

read_result read(std::string_view input) {
  read_result result;
  std::string fixed;
  if (!text::detail::admit_text_input(input, fixed, result.diagnostics, "RIS", "split the file into smaller files",
                                      text::is_valid_utf8))
    return result;
  std::size_t offset = input.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  bool in_record = false;
  std::size_t record_begin = 0;
  reference cur;
  std::string last_tag;
  std::string* last_value = nullptr;
  std::string start_page, end_page, keywords;
  auto finish = [&] {
    if (!start_page.empty()) cur.set("page", end_page.empty() ? start_page : start_page + "-" + end_page);
    if (!keywords.empty()) cur.set("keyword", keywords);
    if (cur.id.empty()) cur.id = "ris-" + std::to_string(result.references.size() + 1);
    result.references.push_back(std::move(cur));
    cur = reference{};
    start_page.clear();
    end_page.clear();
    keywords.clear();
    last_value = nullptr;
    in_record = false;
  };
  std::size_t outside_reported = 0;
  while (offset < input.size()) {
    auto nl = input.find('\n', offset);
    std::string_view line = input.substr(offset, nl == std::string_view::npos ? std::string_view::npos : nl - offset);
    const std::size_t line_begin = offset;
    offset = nl == std::string_view::npos ? input.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (text::trim(line).empty()) continue;
    const bool tagged = line.size() >= 5 && std::isupper(static_cast<unsigned char>(line[0])) &&
                        std::isalnum(static_cast<unsigned char>(line[1])) && line.substr(2, 3) == "  -";
    if (!tagged) {
      if (in_record && last_value) {  // a continuation line
        *last_value += " ";
        *last_value += std::string(text::trim(line));
      } else if (outside_reported++ < 20) {
        result.diagnostics.push_back({"ris.syntax", severity::warning, {line_begin, line_begin + line.size()},
                                      "line is not a RIS tag line (\"XX  - value\") and is ignored", {}});
      }
      continue;
    }
    const std::string tag(line.substr(0, 2));
    std::string value(text::trim(line.size() > 5 ? line.substr(5) : std::string_view{}));
    if (tag == "TY") {
      if (in_record) {
        result.diagnostics.push_back({"ris.missing-er", severity::warning, {record_begin, record_begin + 2},
                                      "record has no ER line; it ends at the next TY", {}});
        finish();
      }
      in_record = true;
      record_begin = line_begin;
      cur.type = csl_type_for_ris(value);
      continue;
    }
    if (!in_record) {
      if (outside_reported++ < 20)
        result.diagnostics.push_back({"ris.no-ty", severity::warning, {line_begin, line_begin + line.size()},
                                      "tag " + tag + " outside a record (records start with TY)", {}});
      continue;
    }
    if (tag == "ER") {
      finish();
      continue;
    }
    last_value = nullptr;
    auto add_name = [&](const char* var) {
      cur.names[var].push_back(parse_name(value));
    };
    auto set = [&](const char* var) {
      if (value.empty() || cur.has(var)) return;
      cur.set(var, value);
      auto it = cur.fields.find(var);
      if (it != cur.fields.end()) last_value = &it->second;
    };
    if (tag == "AU" || tag == "A1") add_name("author");
    else if (tag == "A2" || tag == "ED") add_name("editor");
    else if (tag == "A3") add_name("collection-editor");
    else if (tag == "A4") add_name("translator");
    else if (tag == "TI" || tag == "T1") set("title");
    else if (tag == "TT") {
      if (!value.empty()) cur.variants["title"].push_back({value, variant_role::translated, "en", {}});
    } else if (tag == "ST") set("title-short");
    else if (tag == "T2" || tag == "JF" || tag == "JO" || tag == "BT") set("container-title");
    else if (tag == "J2" || tag == "JA") set("container-title-short");
    else if (tag == "T3") set("collection-title");
    else if (tag == "OP") set("original-title");
    else if (tag == "PY" || tag == "Y1" || tag == "DA") {
      if (auto d = parse_date(value)) {
        auto it = cur.dates.find("issued");
        const bool more_precise = it == cur.dates.end() || (it->second.parts.size() == 1 && d->parts[0].month &&
                                                            !it->second.parts[0].month);
        if (more_precise) cur.dates["issued"] = *d;
      } else if (!value.empty() && !cur.dates.count("issued")) {
        date dt;
        dt.raw = value;
        cur.dates["issued"] = dt;
      }
    } else if (tag == "Y2") {
      if (auto d = parse_date(value)) cur.dates["accessed"] = *d;
    } else if (tag == "VL") set("volume");
    else if (tag == "IS") set("issue");
    else if (tag == "SP") start_page = value;
    else if (tag == "EP") end_page = value;
    else if (tag == "SE") set("chapter-number");
    else if (tag == "ET") set("edition");
    else if (tag == "NV") set("number-of-volumes");
    else if (tag == "M1") set("number");
    else if (tag == "M3") set("genre");
    else if (tag == "PB") set("publisher");
    else if (tag == "CY" || tag == "PP") set("publisher-place");
    else if (tag == "SN") {
      std::size_t digits = 0;
      for (char ch : value) digits += std::isdigit(static_cast<unsigned char>(ch)) || ch == 'X' || ch == 'x';
      set(digits == 8 ? "ISSN" : "ISBN");
    } else if (tag == "DO") set("DOI");
    else if (tag == "UR" || tag == "L2") set("URL");
    else if (tag == "LA") set("language");
    else if (tag == "AB" || tag == "N2") set("abstract");
    else if (tag == "N1") set("note");
    else if (tag == "KW") {
      if (!value.empty()) keywords += (keywords.empty() ? "" : ",") + value;
    } else if (tag == "ID") {
      if (cur.id.empty()) cur.id = value;
    }
  }
  if (in_record) {
    result.diagnostics.push_back({"ris.missing-er", severity::warning, {record_begin, record_begin + 2},
                                  "the last record has no ER line; it is kept", {}});
    finish();
  }
  locate(result.diagnostics, input);
  return result;
}

}  // namespace bicite::ris
