// Field readers: who reads the fields of a citation unit once note.cpp has split the note. The rules
// (unit.cpp) always run first: they decide whether the unit is a citation and which of its words are
// commentary, and they read the page a short citation cites. The trained labeller (seq/) then reads
// the fields of the citation where options::reader asks for it, and its reading goes through the
// same normaliser passes as the rules' (normalise_reading). See lib/parse/README.md, "Field readers".
#include <algorithm>
#include <cstdlib>

#include <bicite/text.hpp>

#include "parse/internal.hpp"
#include "parse/seq/seq.hpp"
#include "parse/unit.hpp"

namespace bicite::parse::detail {

namespace {

// The hybrid reader's choice, made on development data (README, "Field readers"): the labeller was
// trained on English-language references only, so units in Cyrillic stay with the rules, and so do
// the kinds the rules read by their own forms (laws and decrees, theses, interviews, short forms).
int policy() {  // EXPERIMENT: removed before commit
  static const int p = std::getenv("BICITE_HYBRID") ? std::atoi(std::getenv("BICITE_HYBRID")) : 1;
  return p;
}

bool complete(const reference& r) {
  return r.has("title") && !r.names.empty() && r.dates.count("issued") &&
         (r.has("container-title") || r.has("publisher") || r.has("URL"));
}

bool labeller_reads(std::string_view text, const citation& rules) {
  if (text::has_cyrillic(text)) return false;
  if (policy() == 2 && (text.find("“") != std::string_view::npos || text.find('"') != std::string_view::npos)) return false;
  if (policy() == 4 && complete(rules.item)) return false;
  if (rules.short_form) return false;
  const std::string_view type = rules.item.type;
  return type != "legislation" && type != "interview" && type != "thesis" && type != "treaty";
}

// Where the citation starts inside the unit: after the words the rules gave to the commentary
// ("For a different view, see …"), which the labeller would otherwise read as fields.
std::size_t citation_start(const unit_result& r, std::size_t b) {
  if (r.commentary.empty() || r.cit.sources.empty()) return b;
  std::size_t first = r.cit.sources.front().where.begin;
  for (const auto& src : r.cit.sources) first = std::min(first, src.where.begin);
  return std::max(first, b);
}

}  // namespace

unit_result read_unit(std::string_view s, std::size_t b, std::size_t e, const options& opts,
                      std::vector<diagnostic>& diagnostics) {
  unit_result r = parse_unit(s, b, e, opts, diagnostics);
  if (opts.reader == field_reader::rules || !r.is_citation) return r;
  const std::size_t cb = citation_start(r, b);
  const std::string_view text = s.substr(cb, e - cb);
  if (opts.reader == field_reader::hybrid && !labeller_reads(text, r.cit)) return r;
  if (!seq::default_model()) return r;
  citation m = seq::parse_reference(text);
  // spans of the labelled string → spans of the note
  for (auto& src : m.sources) {
    src.where.begin += cb;
    src.where.end += cb;
  }
  const bool has_content = m.item.has("title") || m.item.has("URL") || m.item.has("DOI") || !m.item.names.empty();
  if (!has_content) return r;
  // what the rules read that the labeller has no label for: the page a citation cites after its fields
  // ("Lo, Axis of Convenience, 60."); the labeller calls it pages
  m.locator = r.cit.locator;
  if (!m.locator.empty() && m.item.get("page") == m.locator) m.item.set("page", "");
  m.where = r.cit.where;
  normalise_reading(s, cb, e, m, opts);
  if (opts.reader == field_reader::hybrid && policy() == 3) {
    // the rules' reading, with what only the labeller read
    reference& rr = r.cit.item;
    for (const auto& [k, v] : m.item.fields)
      if (!rr.has(k) && k != "language") rr.set(k, std::string(m.item.get(k)));
    for (const auto& [k, v] : m.item.names)
      if (!rr.names.count(k)) rr.names[k] = v;
    for (const auto& [k, v] : m.item.dates)
      if (!rr.dates.count(k)) rr.dates[k] = v;
    return r;
  }
  r.cit = std::move(m);
  return r;
}

}  // namespace bicite::parse::detail
