// Field readers: who reads the fields of a citation unit once note.cpp has split the note. The rules
// (unit.cpp) always run first: they decide whether the unit is a citation and which of its words are
// commentary, and they read the page a short citation cites. The trained labeller (seq/) then reads
// the fields of the citation where options::reader asks for it, and its reading goes through the
// same normaliser passes as the rules' (normalise_reading). See lib/parse/README.md, "Field readers".
#include <algorithm>

#include <bicite/text.hpp>

#include "parse/internal.hpp"
#include "parse/seq/seq.hpp"
#include "parse/unit.hpp"

namespace bicite::parse::detail {

namespace {

// A reading the rules finished: a title, a name, a date and where the work appeared
bool complete(const reference& r) {
  return r.has("title") && !r.names.empty() && r.dates.count("issued") &&
         (r.has("container-title") || r.has("publisher") || r.has("URL"));
}

// The hybrid reader's choice, made on development data (README, "Field readers"): the labeller learnt
// from AnyStyle's references, with little GOST, so units in Cyrillic stay with the rules, and so do
// the kinds the rules read by their own forms (laws and decrees, theses, interviews, short forms).
bool labeller_reads(std::string_view text, const citation& rules) {
  if (text::has_cyrillic(text) || rules.short_form) return false;
  const std::string_view type = rules.item.type;
  if (type == "legislation" || type == "interview" || type == "thesis" || type == "treaty") return false;
  // a title the rules found between closing quotation marks, or a complete reading whose title the
  // rules took with some confidence (before "(Place: Publisher, Year)", in GOST's areas): the rules are
  // right on these in the project's documents, where the labeller is not; a complete reading with a
  // title guessed from commas and periods is not (AnyStyle's references)
  double title_conf = 0;
  for (const auto& src : rules.sources)
    if (src.field == "title") title_conf = std::max(title_conf, src.confidence);
  return title_conf < 0.9 && !(complete(rules.item) && title_conf >= 0.75);
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
  // ("Lo, Axis of Convenience, 60."), which the labeller calls pages; in an article or chapter the
  // labeller's container says the range is the part's pages ("Journal 12, 297–324.")
  m.locator = r.cit.locator;
  if (!m.locator.empty() && m.item.get("page") == m.locator) {
    if (m.item.has("container-title")) m.locator.clear();
    else m.item.set("page", "");
  }
  m.where = r.cit.where;
  normalise_reading(s, cb, e, m, opts);
  r.cit = std::move(m);
  return r;
}

}  // namespace bicite::parse::detail
