// The evaluator: one item through a layout into an output tree (text, numbers, labels, names,
// dates, groups with suppression, choose), following CSL 1.0.2.
#include "csl/eval.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "bicite/limits.hpp"
#include "bicite/names.hpp"
#include "bicite/text.hpp"
#include "core/embedded.hpp"

namespace bicite::csl::detail {
namespace {

// The genitive of a Russian month (lib/dates/data/months.tsv), when `written` is its nominative;
// otherwise `written` unchanged (a style's own month term is left as it is).
std::string russian_genitive_month(const std::string& written, int month) {
  struct forms {
    std::string nominative, genitive;
  };
  static const std::vector<forms> table = [] {
    std::vector<forms> t(13);
    for (const auto& row : bicite::detail::data_rows("dates/months.tsv")) {
      if (row.size() < 4 || row[2] != "ru") continue;
      int m = 0;
      std::from_chars(row[1].data(), row[1].data() + row[1].size(), m);
      if (m < 1 || m > 12 || (row[3] != "nominative" && row[3] != "genitive")) continue;
      auto& f = row[3] == "nominative" ? t[static_cast<std::size_t>(m)].nominative : t[static_cast<std::size_t>(m)].genitive;
      if (f.empty()) f = std::string(row[0]);  // the first form listed of that case
    }
    return t;
  }();
  if (month < 1 || month > 12) return written;
  const auto& f = table[static_cast<std::size_t>(month)];
  return !f.genitive.empty() && written == f.nominative ? f.genitive : written;
}

// ---- labels inside a number ("vol. 1, fol. 186", "7, p. 3-8") ----

// The term a label written inside a number stands for ("fol." → "folio"); empty when none.
std::string_view number_label_term(std::string_view label) {
  static const auto table = key_value_table("csl/number-labels.tsv");
  auto it = table.find(label);
  return it == table.end() ? std::string_view{} : std::string_view(it->second);
}

// One piece of a number value: its label term (inherited from the piece before), the value, and the
// separator that follows it ("-", ", ", " & ", or none).
struct number_piece {
  std::string term;
  bool label_written = false;  // the value wrote the label here
  std::string label_text;      // as written ("fol.")
  std::string value;
  std::string joiner;
  bool numeric = false;
};

// Splits a value into pieces at "-", "–", ", " and "&" and reads labels that open a piece. Returns
// nothing unless some piece carries a known label: other values keep the plain number rules. Only a
// locator may open with a label; elsewhere a leading "vol." is text, as citeproc-js treats it.
std::vector<number_piece> split_labelled_number(std::string_view v, bool locator) {
  std::vector<number_piece> out;
  bool any_label = false;
  std::size_t i = 0;
  std::string term;
  while (i <= v.size()) {
    std::size_t j = i;
    std::string joiner;
    std::size_t next = v.size() + 1;
    while (j < v.size()) {
      if (v[j] == '-' && (j == 0 || v[j - 1] != '\\')) { joiner = "-"; next = j + 1; break; }
      if (v.substr(j, 3) == "\u2013") { joiner = "-"; next = j + 3; break; }
      if (v[j] == '&') { joiner = " & "; next = j + 1; break; }
      if (v[j] == ',' && j + 1 < v.size() && v[j + 1] == ' ') { joiner = ", "; next = j + 2; break; }
      ++j;
    }
    std::string_view chunk = v.substr(i, j - i);
    while (!chunk.empty() && chunk.front() == ' ') chunk.remove_prefix(1);
    while (!chunk.empty() && chunk.back() == ' ') chunk.remove_suffix(1);
    number_piece p;
    std::size_t sp = chunk.find(' ');
    if (sp != std::string_view::npos && sp > 1 && chunk[sp - 1] == '.') {
      std::string_view t = number_label_term(chunk.substr(0, sp));
      if (!t.empty() && (locator || !out.empty())) {
        term = std::string(t);
        p.label_written = true;
        p.label_text = std::string(chunk.substr(0, sp));
        any_label = true;
        chunk.remove_prefix(sp + 1);
        while (!chunk.empty() && chunk.front() == ' ') chunk.remove_prefix(1);
      }
    }
    p.term = term;
    p.value = std::string(chunk);
    std::size_t k = 0;
    while (k < p.value.size() && std::isdigit(static_cast<unsigned char>(p.value[k]))) ++k;
    std::size_t digits = k;
    while (k < p.value.size() && std::isalpha(static_cast<unsigned char>(p.value[k]))) ++k;
    p.numeric = digits > 0 && k == p.value.size();
    p.joiner = joiner;
    out.push_back(std::move(p));
    if (next > v.size()) break;
    i = next;
  }
  if (!any_label) return {};
  return out;
}

// True when the pieces from `from` that share its label form a range or list of numbers ("pp. 3–8").
bool number_run_plural(const std::vector<number_piece>& ps, std::size_t from) {
  std::size_t n = 0;
  for (std::size_t k = from; k < ps.size() && ps[k].term == ps[from].term; ++k) {
    if (!ps[k].numeric) return false;
    ++n;
  }
  return n >= 2;
}


constexpr int max_macro_depth = limits::max_csl_macro_depth;

struct evaluator {
  const eval_env& env;
  const item_info& item;
  const locale& loc;
  const reference& ref;
  const cite_context& cc;
  const disamb_state& d;
  int depth = 0;
  std::vector<bool> active;       // macros being evaluated (a call to one of them is a cycle)
  bool recursion_reported = false;
  int vars_called = 0, vars_found = 0;
  std::set<std::string> suppressed;
  std::vector<std::string>* record = nullptr;  // variables rendered while substituting
  bool year_suffix_done = false;
  bool day_before_month = false;  // the date being rendered shows a day before its month
  const element* inherited_name = nullptr;     // for cs:substitute's bare cs:names
  const element* inherited_et_al = nullptr;
  const element* inherited_label = nullptr;
  bool label_after_name = true;
  int names_seen = 0;                           // cs:names rendered so far (for author_only / suppress_author)
  // Something has rendered before (citeproc-js's term_predecessor): a term that opens a
  // bibliography entry or a note is capitalised ("N.d."), but not one in an in-text citation.
  bool predecessor = false;
  mutable int disamb_tests = 0;  // disambiguate conditions tested so far

  evaluator(const eval_env& e, const item_info& i, const cite_context& c, const disamb_state& dd)
      : env(e), item(i), loc(*i.loc), ref(*i.ref), cc(c), d(dd) {}

  void warn(std::string code, std::string msg, std::size_t offset) {
    if (env.diags) env.diags->push_back({std::move(code), severity::warning, {offset, offset}, std::move(msg)});
  }

  // ---- variables ----

  std::string field(std::string_view var) const {
    if (suppressed.count(std::string(var))) return {};
    if (var == "locator") return cc.c ? std::string(text::trim(cc.c->locator)) : std::string();
    if (var == "citation-number") return item.citation_number > 0 ? std::to_string(item.citation_number) : std::string();
    if (var == "year-suffix") return d.year_suffix;
    if (var == "first-reference-note-number")
      return (item.first_note > 0 && !(cc.position & pos_first)) ? std::to_string(item.first_note) : std::string();
    if (var == "page-first") {
      std::string v(ref.get(var));
      if (!v.empty()) return v;
      std::string pg(ref.get("page"));
      std::size_t k = 0;
      while (k < pg.size() && pg[k] != '-' && pg[k] != ',' && pg[k] != ';' && pg[k] != '&' && pg[k] != ' ' &&
             pg.substr(k, 3) != "\u2013")
        ++k;
      return pg.substr(0, k);
    }
    if (var == "citation-label") {
      std::string v(ref.get(var));
      if (!v.empty()) return v;
      return make_citation_label();
    }
    std::string v(ref.get(var));
    if (v.empty()) {
      static const std::pair<std::string_view, std::string_view> aliases[] = {
          {"journalAbbreviation", "container-title-short"}, {"container-title-short", "journalAbbreviation"},
          {"shortTitle", "title-short"}, {"title-short", "shortTitle"}};
      for (auto [a, b] : aliases)
        if (var == a) v = std::string(ref.get(b));
    }
    if (env.opts.variants != variant_display::original) {
      const text_variant* tr = ref.variant(var, variant_role::transliterated);
      if (tr && !tr->value.empty()) {
        std::string out = tr->value;
        if (env.opts.variants == variant_display::transliterated_translated) {
          const text_variant* tl = ref.variant(var, variant_role::translated);
          if (tl && !tl->value.empty()) out += " [" + tl->value + "]";
        }
        return out;
      }
    }
    return v;
  }

  std::string short_field(std::string_view var) const {
    auto abbreviate = [&](std::string_view v, const std::string& value) -> std::string {
      auto it = env.opts.abbreviations.find(std::string(v));
      if (it == env.opts.abbreviations.end()) return {};
      auto j = it->second.find(value);
      return j == it->second.end() ? std::string() : j->second;
    };
    std::string full = field(var);
    if (!full.empty()) {
      std::string a = abbreviate(var, full);
      if (!a.empty()) return a;
    }
    std::string s;
    if (var == "title" || var == "container-title" || var == "volume-title" || var == "collection-title") {
      s = field(std::string(var) + "-short");
      if (s.empty() && var == "title") s = field("shortTitle");
      if (s.empty() && var == "container-title") s = field("journalAbbreviation");
    }
    if (!s.empty()) return s;
    return full;
  }

  // citeproc-js's default trigraph "Aaaa00:AaAa00:AaAA00:AAAA00": letters of the family names and the year.
  std::string make_citation_label() const {
    const std::vector<name>* list = nullptr;
    for (const char* v : {"author", "editor", "translator", "director", "composer"})
      if (!ref.names_of(v).empty()) {
        list = &ref.names_of(v);
        break;
      }
    std::string label;
    auto take = [](std::string_view s, std::size_t n) {
      std::size_t p = 0;
      for (std::size_t k = 0; k < n && p < s.size(); ++k) text::next_code_point(s, p);
      return std::string(s.substr(0, p));
    };
    if (list) {
      std::vector<std::size_t> widths;
      if (list->size() == 1) widths = {4};
      else if (list->size() == 2) widths = {2, 2};
      else if (list->size() == 3) widths = {2, 1, 1};
      else widths = {1, 1, 1, 1};
      for (std::size_t k = 0; k < widths.size() && k < list->size(); ++k) {
        const name& n = (*list)[k];
        // the family name without its particles ("van Doe" → "Do")
        std::string fam = n.is_literal() ? n.literal : normalize(n).family;
        label += take(fam, widths[k]);
      }
    }
    if (const date* dt = ref.date_of("issued"); dt && !dt->parts.empty() && dt->parts[0].year != 0)
      label += fmt::format("{:02}", std::abs(dt->parts[0].year) % 100);
    return label;
  }

  bool has_variable(std::string_view var) const {
    if (suppressed.count(std::string(var))) return false;
    if (var == "locator" || var == "citation-number" || var == "year-suffix" || var == "first-reference-note-number")
      return !field(var).empty();
    if (!ref.get(var).empty()) return true;
    if (!ref.names_of(var).empty()) return true;
    if (const date* dt = ref.date_of(var))
      return !dt->literal.empty() || !dt->raw.empty() || (!dt->parts.empty() && (dt->parts[0].year != 0 || dt->parts[0].month != 0));
    if (var == "title-short") return !ref.get("shortTitle").empty();
    return false;
  }

  // ---- conditions ----

  bool test(const condition& c, const std::string& v) const {
    const std::string& k = c.kind;
    if (k == "type") return ref.type == v;
    if (k == "variable") return has_variable(v);
    if (k == "is-numeric") {
      std::string val = field(v);
      return !val.empty() && is_numeric_value(val);
    }
    if (k == "is-uncertain-date") {
      const date* dt = ref.date_of(v);
      if (!dt) return false;
      if (dt->circa) return true;
      auto it = dt->extra.find("circa");
      if (it == dt->extra.end()) return false;
      if (it->is_number()) return it->get<double>() != 0;
      if (it->is_string()) return !it->get<std::string>().empty() && it->get<std::string>() != "0";
      return false;
    }
    if (k == "locator") {
      if (!cc.c || cc.c->locator.empty()) return false;
      std::string lab = cc.c->label.empty() ? "page" : cc.c->label;
      if (v == "sub-verbo" || v == "sub verbo") return lab == "sub-verbo" || lab == "sub verbo";
      return lab == v;
    }
    if (k == "position") {
      if (cc.in_bibliography) return false;
      if (v == "first") return cc.position & pos_first;
      if (v == "subsequent") return cc.position & pos_subsequent;
      if (v == "ibid") return cc.position & (pos_ibid | pos_ibid_with_locator);
      if (v == "ibid-with-locator") return cc.position & pos_ibid_with_locator;
      if (v == "near-note") return cc.position & pos_near_note;
      return false;
    }
    if (k == "disambiguate") {
      bool on = d.disambiguate > 0 && ++disamb_tests <= d.disambiguate;
      return on == (v == "true");
    }
    return false;
  }

  bool branch_matches(const branch& b) const {
    if (b.is_else) return true;
    bool any = false, all = true;
    std::size_t n = 0;
    for (const auto& c : b.conds)
      for (const auto& v : c.values) {
        bool t = test(c, v);
        any = any || t;
        all = all && t;
        ++n;
      }
    if (n == 0) return false;
    if (b.match == "any") return any;
    if (b.match == "none") return !any;
    return all;
  }

  // ---- helpers ----

  node join(std::vector<node>& parts, const std::string& delim) {
    node out;
    bool first = true;
    for (auto& p : parts) {
      if (p.empty()) continue;
      if (!first && !delim.empty()) out.kids.push_back(node::leaf(delim, tag::delimiter));
      out.kids.push_back(std::move(p));
      first = false;
    }
    return out;
  }

  node fmt(node content, const formatting& f, tag t = tag::none) {
    return apply_formatting(std::move(content), f, item.english, t, item.turkic);
  }

  // A term is in its locale's language, whatever the item's: an English term takes title case.
  node fmt_term(node content, const formatting& f) {
    bool english = loc.lang.empty() || loc.lang.starts_with("en");
    return apply_formatting(std::move(content), f, english, tag::none, item.turkic);
  }

  // ---- elements ----

  void eval_children(const std::vector<element>& kids, std::vector<node>& out) {
    for (const auto& k : kids) eval(k, out);
  }

  void eval(const element& e, std::vector<node>& out) {
    switch (e.kind) {
      case el::text: out.push_back(eval_text(e)); return;
      case el::number: out.push_back(eval_number(e)); return;
      case el::label: out.push_back(eval_label(e)); return;
      case el::names: out.push_back(eval_names(e)); return;
      case el::date: out.push_back(eval_date(e)); return;
      case el::group: out.push_back(eval_group(e)); return;
      case el::choose:
        for (const auto& b : e.branches)
          if (branch_matches(b)) {
            eval_children(b.kids, out);
            return;
          }
        return;
      default: return;
    }
  }

  node eval_group(const element& e) {
    int vc = vars_called, vf = vars_found;
    bool pred = predecessor;
    vars_called = vars_found = 0;
    std::vector<node> parts;
    eval_children(e.kids, parts);
    int called = vars_called, found = vars_found;
    vars_called = vc + called;
    vars_found = vf + found;
    if (called > 0 && found == 0) {
      predecessor = pred;  // a suppressed group rendered nothing
      return {};
    }
    node n = join(parts, e.delimiter);
    if (n.empty()) return {};
    // a group that renders counts, for its parent, as a variable that rendered (citeproc-js)
    ++vars_called;
    ++vars_found;
    return fmt(std::move(n), e.f);
  }

  void mark(bool found, std::string_view var = {}) {
    ++vars_called;
    if (found) {
      ++vars_found;
      predecessor = true;
      if (record && !var.empty()) record->emplace_back(var);
    }
  }

  node eval_text(const element& e) {
    if (const std::string* var = e.a.find("variable")) {
      std::string form = e.a.get("form", "long");
      std::string v = form == "short" ? short_field(*var) : field(*var);
      if (*var == "title-short" && v.empty()) v = field("shortTitle");
      // an empty year-suffix does not count against a group (it is filled in by disambiguation)
      if (!(*var == "year-suffix" && v.empty())) mark(!v.empty(), *var);
      if (v.empty()) return {};
      if (*var == "page") v = format_page_range(v, env.st.a.get("page-range-format"), page_delim(), and_symbol());
      else if (auto ps = kind_of(*var) == variable_kind::number ? split_labelled_number(v, *var == "locator")
                                                                 : std::vector<number_piece>{};
               !ps.empty()) {
        v = render_labelled_number(ps, "numeric", {});
      } else if (*var == "locator") {
        bool page = !cc.c || cc.c->label.empty() || cc.c->label == "page";
        v = format_page_range(v, page ? env.st.a.get("page-range-format") : std::string(), page ? page_delim() : "\u2013",
                              and_symbol());
      }
      else if (kind_of(*var) == variable_kind::number && *var != "locator" && is_numeric_value(v)) {
        // a numeric range of a number variable takes an en dash ("3-4" → "3–4")
        for (std::size_t k = 1; k + 1 < v.size(); ++k)
          if (v[k] == '-' && std::isdigit(static_cast<unsigned char>(v[k - 1])) && std::isdigit(static_cast<unsigned char>(v[k + 1])))
            v.replace(k, 1, "\u2013");
      }
      tag t = *var == "title" ? tag::title : *var == "citation-number" ? tag::citation_number
              : *var == "year-suffix" ? tag::year_suffix : *var == "locator" ? tag::locator : tag::none;
      node content = (*var == "URL" || *var == "DOI") ? node::leaf(v) : parse_markup(v);
      if (*var == "year-suffix") year_suffix_done = true;
      if (*var == "citation-label" && !year_suffix_done && !env.style_uses_year_suffix && !d.year_suffix.empty()) {
        node w;
        w.kids.push_back(std::move(content));
        w.kids.push_back(node::leaf(d.year_suffix, tag::year_suffix));
        content = std::move(w);
        year_suffix_done = true;
      }
      return fmt(std::move(content), e.f, t);
    }
    if (e.macro >= 0) {
      auto mi = static_cast<std::size_t>(e.macro);
      if (active.size() < env.st.macros.size()) active.resize(env.st.macros.size(), false);
      if (active[mi] || depth >= max_macro_depth) {
        if (!recursion_reported) {
          warn("csl.macro-recursion",
               fmt::format("macro \"{}\" calls itself (directly or through other macros); the inner call is skipped",
                           env.st.macros[mi].name),
               e.offset);
          recursion_reported = true;
        }
        return {};
      }
      active[mi] = true;
      ++depth;
      int vc = vars_called, vf = vars_found;
      bool pred = predecessor;
      vars_called = vars_found = 0;
      std::vector<node> parts;
      eval_children(env.st.macros[mi].body.kids, parts);
      --depth;
      active[mi] = false;
      int called = vars_called, found = vars_found;
      vars_called = vc + called;
      vars_found = vf + found;
      if (called > 0 && found == 0) {  // a macro is suppressed like a group
        predecessor = pred;
        return {};
      }
      node n = join(parts, "");
      if (n.empty()) return {};
      // a macro that renders counts as rendered content for an enclosing group or macro
      ++vars_called;
      ++vars_found;
      return fmt(std::move(n), e.f);
    }
    if (const std::string* t = e.a.find("term")) {
      bool plural = e.a.get("plural") == "true";
      std::string v = loc.term_or(*t, e.a.get("form", "long"), plural);
      if (v.empty()) return {};
      if (!predecessor && cc.capitalize_first_term && !cc.sort_mode) {
        std::size_t p = 0;
        text::next_code_point(v, p);
        v = text::to_upper(std::string_view(v).substr(0, p)) + v.substr(p);
      }
      predecessor = true;
      return fmt_term(parse_markup(v), e.f);
    }
    if (const std::string* v = e.a.find("value")) {
      if (v->empty()) return {};
      predecessor = true;
      return fmt(parse_markup(*v), e.f);
    }
    return {};
  }

  std::string and_symbol() const {
    std::string t = loc.term_or("and", "symbol");
    // only a real symbol form counts (the lookup falls back to the long form "and")
    return t.empty() || t == loc.term_or("and", "long") ? "&" : t;
  }

  std::string page_delim() const {
    std::string dl = loc.term_or("page-range-delimiter");
    return dl.empty() ? "\u2013" : dl;
  }

  std::string ordinal_suffix(long n, std::string_view gender) const {
    // CSL 1.0.2 ordinals: ordinal-NN (exact two digits), ordinal-0N (last digit), then "ordinal"
    auto find = [&](const std::string& name, std::string_view g) -> const std::string* {
      return loc.term(name, "long", false, g);
    };
    long n100 = n % 100, n10 = n % 10;
    if (const std::string* t = find(fmt::format("ordinal-{:02}", n100), gender)) return *t;
    if (n100 < 10 || n100 > 20) {
      if (const std::string* t = find(fmt::format("ordinal-{:02}", n10), gender)) return *t;
    } else if (const std::string* t = find(fmt::format("ordinal-{:02}", n10), gender)) {
      // 11–13 take the plain ordinal, unless the locale defines ordinal-1N
      (void)t;
    }
    if (const std::string* t = find("ordinal", gender)) return *t;
    return {};
  }

  std::string format_number(long n, std::string_view form, std::string_view gender) const {
    if (form == "ordinal") return std::to_string(n) + ordinal_suffix(n, gender);
    if (form == "long-ordinal") {
      if (n >= 1 && n <= 10) {
        if (const std::string* t = loc.term(fmt::format("long-ordinal-{:02}", n), "long", false, gender)) return *t;
      }
      return std::to_string(n) + ordinal_suffix(n, gender);
    }
    if (form == "roman") {
      if (n <= 0 || n >= 4000) return std::to_string(n);
      static const std::pair<int, const char*> r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                                                      {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                                                      {5, "v"},    {4, "iv"},   {1, "i"}};
      std::string out;
      for (auto [v, s] : r)
        while (n >= v) {
          out += s;
          n -= v;
        }
      return out;
    }
    return std::to_string(n);
  }

  std::string gender_for(std::string_view var) const {
    std::string term = var == "issue" ? "issue" : var == "page" ? "page" : std::string(var);
    return loc.gender_of(term);
  }

  // A number that writes labels inside it: a label shows where it changes (short form, plural for a
  // range or list); the number form (ordinal, roman) applies to the pieces under the first label, whose
  // label is cs:label's to show.
  std::string render_labelled_number(const std::vector<number_piece>& ps, std::string_view form,
                                     std::string_view gender) const {
    std::string out;
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const number_piece& p = ps[k];
      if (k > 0 && p.label_written) {
        if (!p.numeric) out += p.label_text + " ";
        else if (p.term != ps[k - 1].term) {
          std::string t = loc.term_or(p.term, "short", number_run_plural(ps, k));
          out += (t.empty() ? p.label_text : t) + " ";
        }
      }
      long n = 0;
      if (p.numeric && p.term == ps[0].term && std::all_of(p.value.begin(), p.value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        auto [end, ec] = std::from_chars(p.value.data(), p.value.data() + p.value.size(), n);
        out += ec == std::errc() ? format_number(n, form, gender) : p.value;  // too long for a number: as written
      } else {
        out += p.value;
      }
      if (p.joiner == "-" && p.numeric && k + 1 < ps.size() && ps[k + 1].numeric)
        out += p.term == "page" ? page_delim() : "\u2013";
      else out += p.joiner;
    }
    return out;
  }

  node eval_number(const element& e) {
    std::string var = e.a.get("variable");
    std::string v = field(var);
    mark(!v.empty(), var);
    if (v.empty()) return {};
    std::string form = e.a.get("form", "numeric");
    if (auto ps = split_labelled_number(v, var == "locator"); !ps.empty())
      return fmt(node::leaf(render_labelled_number(ps, form, gender_for(var))), e.f);
    if (!is_numeric_value(v)) return fmt(node::leaf(v), e.f);
    // format each number, keep separators; hyphens between numbers become en dashes
    std::string out;
    std::size_t i = 0;
    std::string gender = gender_for(var);
    while (i < v.size()) {
      if (std::isdigit(static_cast<unsigned char>(v[i]))) {
        std::size_t j = i;
        while (j < v.size() && std::isdigit(static_cast<unsigned char>(v[j]))) ++j;
        long n = 0;
        std::from_chars(v.data() + i, v.data() + j, n);
        // a number with letters attached ("2a") stays as written
        bool letters = (j < v.size() && std::isalpha(static_cast<unsigned char>(v[j]))) ||
                       (i > 0 && std::isalpha(static_cast<unsigned char>(v[i - 1])));
        out += letters ? v.substr(i, j - i) : format_number(n, form, gender);
        i = j;
      } else if (v[i] == '\\' && i + 1 < v.size() && v[i + 1] == '-') {
        out += '-';
        i += 2;
      } else if (v[i] == '-') {
        out += (var == "page" || var == "locator") ? page_delim() : "\u2013";
        ++i;
      } else if (v[i] == ',' || v[i] == '&') {
        // normalise ", " and " & "
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += v[i] == ',' ? ", " : " & ";
        ++i;
        while (i < v.size() && v[i] == ' ') ++i;
      } else {
        out += v[i];
        ++i;
      }
    }
    node n = node::leaf(out);
    if (form == "roman" && false) n.text = text::to_upper(n.text);
    return fmt(std::move(n), e.f);
  }

  static bool plural_value(std::string_view v) {
    // more than one number: "1-3", "1, 3", "1; 3", "1 & 3", "S1–S3", "1 and 3"
    int numbers = 0;
    std::size_t i = 0;
    bool separator = false;
    while (i < v.size()) {
      std::size_t j = i;
      bool digit = false;
      bool roman = true;  // "i–ix" is a range of two numbers too
      while (j < v.size() && v[j] != '-' && v[j] != ',' && v[j] != ';' && v[j] != '&' && v[j] != ' ' &&
             v.substr(j, 3) != "\u2013") {
        if (std::isdigit(static_cast<unsigned char>(v[j]))) digit = true;
        if (!std::strchr("ivxlcdmIVXLCDM", v[j])) roman = false;
        ++j;
      }
      if (roman && j > i) digit = true;
      if (digit) ++numbers;
      if (j < v.size()) {
        if (j > 0 && v[j] == '-' && v[j - 1] == '\\') {
        } else if (v[j] != ' ') separator = true;
        j += v.substr(j, 3) == "\u2013" ? 3 : 1;
      }
      if (j > i) {
        std::string_view w = v.substr(i, j - i);
        if (w == "and " || w == "et " || w == "und ") separator = true;
      }
      i = j;
    }
    return numbers >= 2 && separator;
  }

  node eval_label(const element& e) {
    std::string var = e.a.get("variable");
    std::string v = field(var);
    if (v.empty()) return {};
    std::string term = var;
    if (var == "locator") term = (cc.c && !cc.c->label.empty()) ? cc.c->label : "page";
    else if (var == "number-of-pages") term = "page";
    else if (var == "number-of-volumes") term = "volume";
    if (term == "sub verbo") term = "sub-verbo";
    std::string pl = e.a.get("plural", "contextual");
    bool plural;
    if (pl == "always") plural = true;
    else if (pl == "never") plural = false;
    else if (var == "number-of-pages" || var == "number-of-volumes") {
      long n = 0;
      std::from_chars(v.data(), v.data() + v.size(), n);
      plural = n > 1;
    } else plural = plural_value(v);
    if (auto ps = kind_of(var) == variable_kind::number ? split_labelled_number(v, var == "locator")
                                                         : std::vector<number_piece>{};
        !ps.empty()) {
      // the value's own first label stands in for the variable's
      if (ps[0].label_written) term = ps[0].term;
      if (pl == "contextual") plural = number_run_plural(ps, 0);
    }
    std::string t = loc.term_or(term, e.a.get("form", "long"), plural);
    if (t.empty()) return {};
    predecessor = true;
    return fmt_term(parse_markup(t), e.f);
  }

  // ---- dates ----

  std::string date_part_text(const element& p, const date::part& dp, const date& dt, bool is_end, bool sort) {
    std::string name = p.a.get("name");
    std::string form = p.a.get("form");
    (void)is_end;
    if (name == "year") {
      if (dp.year == 0) return {};
      if (sort) return fmt::format("{:05}", dp.year + 50000);
      std::string y;
      if (form == "short") y = fmt::format("{:02}", std::abs(dp.year) % 100);
      else y = std::to_string(std::abs(dp.year));
      auto era = [&](const char* t) {
        std::string e = loc.term_or(t);
        if (!e.empty() && e[0] != ' ') e.insert(e.begin(), ' ');  // "44 BC", "499 AD"
        return e;
      };
      if (dp.year < 0) y += era("bc");
      else if (dp.year < 1000) y += era("ad");
      return y;
    }
    if (name == "month") {
      int m = dp.month;
      if (m == 0 && !dt.season.empty() && !is_end) {
        // a season instead of a month
        int s = 0;
        std::from_chars(dt.season.data(), dt.season.data() + dt.season.size(), s);
        if (s >= 1 && s <= 4) return loc.term_or(fmt::format("season-{:02}", s));
        return dt.season;
      }
      // months 13–24 are seasons, spring to winter in turn (13 and 17 and 21 are spring)
      if (m >= 13 && m <= 24) return loc.term_or(fmt::format("season-{:02}", (m - 13) % 4 + 1));
      if (m < 1 || m > 12) return {};
      if (sort) return fmt::format("{:02}", m);
      if (form == "numeric") return std::to_string(m);
      if (form == "numeric-leading-zeros") return fmt::format("{:02}", m);
      std::string t = loc.term_or(fmt::format("month-{:02}", m), form == "short" ? "short" : "long");
      // Russian puts a month after its day in the genitive ("4 января 2024 г."); CSL locales have only
      // the nominative, so the locale's own nominative is replaced with the genitive of lib/dates' table.
      // A short form that is the whole word ("май", "март" in GOST R 7.0.12) is inflected too; abbreviations
      // ("авг.") are not nominatives and stay.
      if (day_before_month && dp.day != 0 && loc.lang.starts_with("ru")) t = russian_genitive_month(t, m);
      if (p.f.strip_periods) t.erase(std::remove(t.begin(), t.end(), '.'), t.end());
      return t;
    }
    if (name == "day") {
      if (dp.day == 0 || dp.month == 0 || dp.month > 12) return {};
      if (sort) return fmt::format("{:02}", dp.day);
      if (form == "numeric-leading-zeros") return fmt::format("{:02}", dp.day);
      if (form == "ordinal") {
        if (loc.limit_day_ordinals && dp.day != 1) return std::to_string(dp.day);
        return std::to_string(dp.day) + ordinal_suffix(dp.day, loc.gender_of(fmt::format("month-{:02}", dp.month)));
      }
      return std::to_string(dp.day);
    }
    return {};
  }

  // The date-parts to render: from the style, or the locale's localized format with overrides.
  std::vector<element> date_parts_of(const element& e, std::string& delimiter, formatting& outer) {
    std::vector<element> parts;
    outer = e.f;
    delimiter = e.delimiter;
    std::string form = e.a.get("form");
    if (form.empty()) return e.kids;
    const element* lf = loc.date_format(form);
    if (!lf) return e.kids;
    delimiter = lf->delimiter;
    std::string which = e.a.get("date-parts", "year-month-day");
    for (const auto& p : lf->kids) {
      std::string name = p.a.get("name");
      if (which == "year" && name != "year") continue;
      if (which == "year-month" && name == "day") continue;
      element copy = p;
      for (const auto& o : e.kids) {
        if (o.a.get("name") != name) continue;
        for (const auto& [k, v] : o.a.list)
          if (k != "name" && k != "prefix" && k != "suffix") {
            bool replaced = false;
            for (auto& [ck, cv] : copy.a.list)
              if (ck == k) {
                cv = v;
                replaced = true;
              }
            if (!replaced) copy.a.list.emplace_back(k, v);
          }
        formatting of = o.f;
        of.prefix = copy.f.prefix;
        of.suffix = copy.f.suffix;
        if (!o.a.find("text-case")) of.tcase = copy.f.tcase;
        copy.f = of;
      }
      parts.push_back(std::move(copy));
    }
    return parts;
  }

  node render_part(const element& p, const date::part& dp, const date& dt, bool is_end, bool drop_prefix, bool drop_suffix) {
    std::string s = date_part_text(p, dp, dt, is_end, cc.sort_mode);
    if (s.empty()) return {};
    formatting f = p.f;
    if (drop_prefix) f.prefix.clear();
    if (drop_suffix) f.suffix.clear();
    if (cc.sort_mode) return node::leaf(s);
    node n = fmt(node::leaf(s), f);
    if (p.a.get("name") == "year" && !year_suffix_done && !env.style_uses_year_suffix && !d.year_suffix.empty() &&
        !is_end) {
      // the year-suffix follows the first year rendered
      node w;
      node ys = node::leaf(d.year_suffix, tag::year_suffix);
      if (!n.kids.empty() && !f.suffix.empty() && n.kids.back().t == tag::affix) {
        n.kids.insert(n.kids.end() - 1, std::move(ys));
      } else {
        w.kids.push_back(std::move(n));
        w.kids.push_back(std::move(ys));
        n = std::move(w);
      }
      year_suffix_done = true;
    }
    return n;
  }

  node eval_date(const element& e) {
    // a date whose parts render nothing (only the month of a year-only date) counts as empty
    std::string var = e.a.get("variable");
    node n = eval_date_parts(e, var);
    mark(!n.empty(), var);
    return n;
  }

  node eval_date_parts(const element& e, const std::string& var) {
    // two cites that differ only in their access dates are still ambiguous (citeproc-js)
    if (cc.disambiguating && var == "accessed") return {};
    const date* dt = suppressed.count(var) ? nullptr : ref.date_of(var);
    bool found = dt && (!dt->literal.empty() || !dt->raw.empty() ||
                        (!dt->parts.empty() && (dt->parts[0].year != 0 || dt->parts[0].month != 0)));
    if (!found) return {};
    if (dt->parts.empty() || (dt->parts[0].year == 0 && dt->parts[0].month == 0)) {
      std::string lit = !dt->literal.empty() ? dt->literal : dt->raw;
      if (lit.empty()) return {};
      return fmt(parse_markup(lit), e.f, tag::date);
    }
    std::string delim;
    formatting outer;
    std::vector<element> parts = date_parts_of(e, delim, outer);
    day_before_month = false;
    for (const auto& pe : parts) {
      const std::string nm = pe.a.get("name");
      if (nm == "month") break;
      if (nm == "day") day_before_month = true;
    }
    if (cc.sort_mode) {
      // sortable: year, month, day in fixed order
      std::string s;
      const auto& p = dt->parts[0];
      for (const char* nm : {"year", "month", "day"})
        for (const auto& pe : parts)
          if (pe.a.get("name") == nm) s += date_part_text(pe, p, *dt, false, true);
      return node::leaf(s);
    }
    std::vector<node> out;
    const date::part& a = dt->parts[0];
    bool range = dt->is_range() && !(dt->parts[1] == a) && dt->parts[1].year != 0;
    bool open_range = dt->is_range() && dt->parts[1].year == 0 && dt->parts[1].month == 0;
    if (!range) {
      for (const auto& p : parts) out.push_back(render_part(p, a, *dt, false, false, false));
      if (open_range) {
        std::string rd = "\u2013";
        for (const auto& p : parts)
          if (p.a.get("name") == "year")
            if (const std::string* r = p.a.find("range-delimiter")) rd = *r;
        for (auto it = out.rbegin(); it != out.rend(); ++it)
          if (!it->empty()) {
            node w;
            w.kids.push_back(std::move(*it));
            w.kids.push_back(node::leaf(rd));
            *it = std::move(w);
            break;
          }
      }
    } else {
      const date::part& b = dt->parts[1];
      std::string largest = a.year != b.year ? "year" : a.month != b.month ? "month" : "day";
      auto differs = [&](const std::string& name) {
        if (largest == "year") return true;
        if (largest == "month") return name != "year";
        return name == "day";
      };
      auto has_value = [&](const std::string& name) {
        if (name == "year") return a.year != 0 || b.year != 0;
        if (name == "month") return a.month != 0 || b.month != 0;
        return a.day != 0 || b.day != 0;
      };
      int i0 = -1, i1 = -1;
      for (int i = 0; i < static_cast<int>(parts.size()); ++i)
        if (differs(parts[static_cast<std::size_t>(i)].a.get("name")) && has_value(parts[static_cast<std::size_t>(i)].a.get("name"))) {
          if (i0 < 0) i0 = i;
          i1 = i;
        }
      if (i0 < 0) {
        for (const auto& p : parts) out.push_back(render_part(p, a, *dt, false, false, false));
      } else {
        std::string rd = "\u2013";
        for (const auto& p : parts)
          if (p.a.get("name") == largest) {
            if (const std::string* r = p.a.find("range-delimiter")) rd = *r;
          }
        for (int i = 0; i < i0; ++i) out.push_back(render_part(parts[static_cast<std::size_t>(i)], a, *dt, false, false, false));
        std::vector<node> first, second;
        for (int i = i0; i <= i1; ++i)
          first.push_back(render_part(parts[static_cast<std::size_t>(i)], a, *dt, false, false, i == i1));
        for (int i = i0; i <= i1; ++i)
          second.push_back(render_part(parts[static_cast<std::size_t>(i)], b, *dt, true, i == i0, false));
        node block;
        block.kids.push_back(join(first, delim));
        block.kids.push_back(node::leaf(rd));
        block.kids.push_back(join(second, delim));
        out.push_back(std::move(block));
        for (int i = i1 + 1; i < static_cast<int>(parts.size()); ++i)
          out.push_back(render_part(parts[static_cast<std::size_t>(i)], b, *dt, false, false, false));
      }
    }
    node n = join(out, delim);
    if (n.empty()) return {};
    return fmt(std::move(n), outer, tag::date);
  }

  // ---- names ----

  std::string opt(const element* name_el, std::string_view key, std::string_view fallback = {}) const {
    if (name_el)
      if (const std::string* v = name_el->a.find(key)) return *v;
    // inherited from cs:citation / cs:bibliography, then cs:style ("form" is inherited as "name-form")
    std::string_view inherited = key == "form" ? "name-form" : key == "delimiter" ? "name-delimiter" : key;
    if (const std::string* v = env.sec.a.find(inherited)) return *v;
    if (const std::string* v = env.st.a.find(inherited)) return *v;
    return std::string(fallback);
  }

  static bool is_romanesque(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      char32_t c = text::next_code_point(s, i);
      if (c >= 0x3000 && c <= 0x9FFF) return false;   // CJK
      if (c >= 0xAC00 && c <= 0xD7AF) return false;   // Hangul
    }
    return true;
  }

  static bool has_lower_case(std::string_view w) { return text::to_upper(w) != w; }

  static bool is_lower_word(std::string_view w) {
    if (w.empty()) return false;
    std::size_t i = 0;
    char32_t c = text::next_code_point(w, i);
    std::string first = std::string(w.substr(0, i));
    if (c == '\'' || c == 0x2019) {
      // "'t" (Dutch "in 't Horvath") is a lowercase word; a lone apostrophe is not
      if (i >= w.size()) return false;
      std::size_t j = i;
      text::next_code_point(w, j);
      std::string second(w.substr(i, j - i));
      return text::to_lower(second) == second && text::to_upper(second) != second;
    }
    return text::to_lower(first) == first && text::to_upper(first) != first;
  }

  // Splits particles and suffixes out of family and given names, as citeproc-js does.
  static name_parts normalize(const name& n) {
    name_parts p = n;
    if (!n.parse_names || n.is_literal()) return p;
    if (p.family.size() >= 2 && p.family.front() == '"' && p.family.back() == '"') {
      p.family = p.family.substr(1, p.family.size() - 2);  // quoted: take the family name as it is
      return p;
    }
    if (p.non_dropping_particle.empty() && !p.family.empty() && !p.given.empty()) {
      // leading lowercase words of the family name
      std::string_view f = p.family;
      std::size_t pos = 0;
      std::size_t cut = 0;
      while (pos < f.size()) {
        std::size_t sp = f.find(' ', pos);
        if (sp == std::string_view::npos) break;
        std::string_view w = f.substr(pos, sp - pos);
        if (!is_lower_word(w)) break;
        cut = sp + 1;
        pos = sp + 1;
      }
      if (cut > 0 && cut < f.size()) {
        p.non_dropping_particle = std::string(f.substr(0, cut - 1));
        // "de' Frinkle": the written space stays after a particle that ends in an apostrophe
        if (p.non_dropping_particle.back() == '\'') p.non_dropping_particle += ' ';
        p.family = std::string(f.substr(cut));
      } else {
        // d'Aubigné and al-One style particles
        auto ap = f.find('\'');
        auto ap2 = f.find("\u2019");
        auto hy = f.find('-');
        std::size_t a = std::min(std::min(ap, ap2), hy);
        if (a != std::string_view::npos && a > 0 && a <= 3 && is_lower_word(f.substr(0, a)) && a + 1 < f.size()) {
          std::size_t len = a == ap2 ? 3 : 1;
          p.non_dropping_particle = std::string(f.substr(0, a + len));
          p.family = std::string(f.substr(a + len));
        }
      }
    }
    if (p.dropping_particle.empty() && !p.given.empty()) {
      std::string_view g = p.given;
      std::size_t end = g.size();
      std::size_t cut = end;
      while (true) {
        std::size_t sp = g.rfind(' ', cut == 0 ? 0 : cut - 1);
        if (sp == std::string_view::npos || sp == 0) break;
        std::string_view w = g.substr(sp + 1, cut - sp - 1);
        if (!is_lower_word(w)) break;
        cut = sp;
      }
      if (cut < end && cut > 0) {
        p.dropping_particle = std::string(g.substr(cut + 1));
        p.given = std::string(g.substr(0, cut));
      }
    }
    for (std::string* part : {&p.family, &p.given, &p.non_dropping_particle, &p.dropping_particle}) {
      std::size_t k;
      while ((k = part->find('\'')) != std::string::npos) part->replace(k, 1, "\u2019");
    }
    if (p.suffix.empty()) {
      auto bang = p.given.find(",! ");
      if (bang != std::string::npos) {
        p.suffix = p.given.substr(bang + 3);
        p.given = p.given.substr(0, bang);
        p.literal = "\x01";  // marks a comma suffix (cleared by the caller)
        return p;
      }
      auto c = p.given.find(", ");
      if (c != std::string::npos) {
        p.suffix = p.given.substr(c + 2);
        p.given = p.given.substr(0, c);
      }
    }
    return p;
  }

  // Initials of a given name: "John M.E." → "J. M. E."; abbreviations ("Ph.") stay; with
  // initialize=false only existing initials are normalised.
  static std::string initials(std::string_view given, const std::string& with, bool hyphen, bool initialize = true) {
    // open/close: markup tags around a word ("<b>John</b>" → "<b>J.</b>")
    struct tok { std::string text; bool period; bool after_hyphen; std::string open{}, close{}; };
    std::vector<tok> toks;
    std::size_t i = 0;
    bool hy = false;
    while (i < given.size()) {
      char c = given[i];
      if (c == ' ' || c == '.') { ++i; continue; }
      if (c == '-') { hy = true; ++i; continue; }
      std::size_t j = i;
      while (j < given.size() && given[j] != ' ' && given[j] != '.' && given[j] != '-') ++j;
      toks.push_back({std::string(given.substr(i, j - i)), j < given.size() && given[j] == '.', hy});
      tok& t = toks.back();
      while (t.text.size() > 2 && t.text[0] == '<' && t.text[1] != '/') {
        std::size_t gt = t.text.find('>');
        if (gt == std::string::npos || gt + 1 >= t.text.size()) break;
        t.open += t.text.substr(0, gt + 1);
        t.text.erase(0, gt + 1);
      }
      while (t.text.size() > 3 && t.text.back() == '>') {
        std::size_t lt = t.text.rfind("</");
        if (lt == std::string::npos || lt == 0) break;
        t.close.insert(0, t.text.substr(lt));
        t.text.erase(lt);
      }
      hy = false;
      i = j;
    }
    std::string trimmed = with;
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    std::string out;
    bool prev_initial = false;
    for (std::size_t k = 0; k < toks.size(); ++k) {
      const tok& t = toks[k];
      std::size_t p = 0;
      text::next_code_point(t.text, p);
      bool single = p == t.text.size();
      bool lower = is_lower_word(t.text);
      if (t.after_hyphen && lower && initialize) continue;  // "Guo-ping" → "G."
      bool as_initial;
      std::string piece;
      if (initialize && lower && !single) {
        as_initial = false;  // a particle inside a given name ("J. B. de C. M.") stays whole
        piece = t.text;
      } else if (initialize) {
        as_initial = true;
        piece = (t.period && !single) ? t.text : text::to_upper(t.text.substr(0, p));
        if (!t.period && !single) {
          // a name written with two capitals for one sound ("TSerendorjiin") keeps both: "Ts."
          std::size_t p2 = p, p3;
          text::next_code_point(t.text, p2);
          p3 = p2;
          if (p2 < t.text.size()) text::next_code_point(t.text, p3);
          std::string_view c2 = std::string_view(t.text).substr(p, p2 - p), c3 = std::string_view(t.text).substr(p2, p3 - p2);
          if (!c3.empty() && !has_lower_case(t.text.substr(0, p2)) && has_lower_case(c3) && text::to_lower(c2) != c2)
            piece += text::to_lower(c2);
        }
      } else {
        as_initial = t.period || (single && !lower);
        piece = t.text;
      }
      if (k > 0 && !out.empty()) {
        if (t.after_hyphen) {
          while (!out.empty() && out.back() == ' ') out.pop_back();
          if (hyphen || !prev_initial) out += "-";
        } else if (out.back() != ' ' && (!prev_initial || !as_initial)) {
          out += ' ';
        }
      }
      const std::string& w = t.after_hyphen && k + 1 < toks.size() && toks[k + 1].after_hyphen ? trimmed : with;
      if (t.open.empty() && t.close.empty()) out += as_initial ? piece + w : piece + " ";
      else if (as_initial) out += t.open + piece + trimmed + t.close + w.substr(trimmed.size() <= w.size() ? trimmed.size() : w.size());
      else out += t.open + piece + t.close + " ";
      prev_initial = as_initial;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

  // True when a term starts with a letter of a script that puts spaces around words (citeproc-js's
  // "romanesque" ranges: Latin, Greek, Cyrillic, Hebrew except the prefixed "ו", Arabic, Thai) or "&".
  // An opening bracket is not the word: GOST's "[et al.]" and "[и др.]" are spaced like "et al.".
  static bool spaced_word(std::string_view s) {
    while (!s.empty() && (s.front() == '[' || s.front() == '(')) s.remove_prefix(1);
    std::size_t p = 0;
    char32_t c = text::next_code_point(s, p);
    if (c == '&' || (c < 0x80 && std::isalpha(static_cast<int>(c)))) return true;
    static const std::pair<char32_t, char32_t> ranges[] = {
        {0x00C0, 0x017F}, {0x0218, 0x021B}, {0x0370, 0x03FF}, {0x0400, 0x052F}, {0x0590, 0x05D4}, {0x05D6, 0x05FF},
        {0x0600, 0x06FF}, {0x0E01, 0x0E5B}, {0x1F00, 0x1FFF}, {0x200C, 0x200E}, {0x202A, 0x202E}};
    for (auto [a, b] : ranges)
      if (c >= a && c <= b) return true;
    return false;
  }

  // A given name may carry markup ("<b>John</b>"), kept through initialising.
  static node given_node(const std::string& given) {
    return given.find('<') == std::string::npos ? node::leaf(given) : parse_markup(given);
  }

  // True when the item is Russian and rendered with Russian terms: the role words a style puts before
  // names ("под ред.") govern their case only then.
  bool russian_words() const {
    const auto russian = [](std::string_view tag) {
      return tag.size() >= 2 && (tag[0] == 'r' || tag[0] == 'R') && (tag[1] == 'u' || tag[1] == 'U') &&
             (tag.size() == 2 || tag[2] == '-' || tag[2] == '_');
    };
    const auto language = ref.get("language");
    return russian(loc.lang) && (language.empty() || russian(language));
  }

  // One name as an output node.
  node render_name(const name& nm, const element* ne, bool inverted, std::string form, int given_level) {
    if (nm.is_literal() || (nm.family.empty() && nm.given.empty())) {
      std::string lit = nm.is_literal() ? nm.literal : std::string();
      if (!lit.empty() && env.opts.variants != variant_display::original)
        for (const auto& v : nm.variants)
          if (v.role == variant_role::transliterated && !v.literal.empty()) {
            lit = v.literal;
            break;
          }
      if (lit.empty()) return {};
      return fmt(parse_markup(lit), ne && ne->has_family_f ? ne->family_f : formatting{});
    }
    name_parts p = normalize(nm);
    bool comma_suffix = nm.comma_suffix;
    if (p.literal == "\x01") {
      comma_suffix = true;
      p.literal.clear();
    }
    bool romanised = false;
    if (env.opts.variants != variant_display::original) {
      for (const auto& v : nm.variants)
        if (v.role == variant_role::transliterated) {
          p.family = v.family.empty() ? p.family : v.family;
          p.given = v.given.empty() ? p.given : v.given;
          romanised = true;
          break;
        }
    }
    if (!romanised && ne && !cc.sort_mode && ne->a.get("bicite:case") == "genitive" && russian_words()) {
      // bicite's extension: names after a Russian role word as on a title page ("под ред. Ф. А.
      // Лукьянова"); to_genitive leaves Latin names and names it is unsure of as they are
      name whole;
      whole.family = p.family;
      whole.given = p.given;
      if (auto g = names::to_genitive(whole); g.changed) {
        p.family = std::move(g.name.family);
        p.given = std::move(g.name.given);
      }
    }
    std::string initialize_with = opt(ne, "initialize-with");
    bool has_init = ne && ne->a.find("initialize-with") ? true : !initialize_with.empty();
    bool initialize = opt(ne, "initialize", "true") != "false";
    if (given_level >= 1 && form == "short") form = "long";
    // a given name expanded in full still has its initials normalised ("I.A." → "I. A."), as citeproc-js
    // prints it, so two spellings of one name do not pass for two persons
    if (given_level >= 2) initialize = false;

    std::string given = p.given;
    if (p.family.empty()) {
      // a name with only a given name ("Banksy") shows it as it is
      return fmt(parse_markup(p.given), ne && ne->has_given_f ? ne->given_f : formatting{});
    }
    if (has_init && !given.empty()) {
      given = initials(given, initialize_with, opt(ne, "initialize-with-hyphen", "true") != "false", initialize);
      if (false) {
        // only normalise existing initials ("J.P." → "J. P.")
        std::string out;
        std::string_view g = given;
        std::size_t i = 0;
        std::vector<std::string> words;
        while (i < g.size()) {
          while (i < g.size() && g[i] == ' ') ++i;
          std::size_t j = i;
          while (j < g.size() && g[j] != ' ') ++j;
          if (j > i) words.emplace_back(g.substr(i, j - i));
          i = j;
        }
        for (auto& w : words) {
          bool is_initial = (w.size() <= 2 && std::isupper(static_cast<unsigned char>(w[0])) && (w.size() == 1 || w[1] == '.'));
          if (!out.empty()) out += ' ';
          if (is_initial) out += initials(w, initialize_with, true);
          else out += w;
        }
        given = out;
      }
    }
    bool roman = is_romanesque(p.family) && is_romanesque(p.given);
    formatting ff = ne && ne->has_family_f ? ne->family_f : formatting{};
    formatting gf = ne && ne->has_given_f ? ne->given_f : formatting{};
    // name-part decorations apply to each part; name-part affixes wrap the whole part group
    formatting ff_decor = ff, gf_decor = gf, ff_aff, gf_aff;
    ff_decor.prefix.clear(), ff_decor.suffix.clear(), gf_decor.prefix.clear(), gf_decor.suffix.clear();
    ff_aff.prefix = ff.prefix, ff_aff.suffix = ff.suffix, gf_aff.prefix = gf.prefix, gf_aff.suffix = gf.suffix;
    std::string demote = opt(ne, "demote-non-dropping-particle", "display-and-sort");
    auto glued = [](const std::string& particle) {
      return !particle.empty() && (particle.back() == '\'' || particle.ends_with("\u2019") || particle.back() == '-');
    };
    auto seq = [](std::vector<node> parts) {
      node n;
      for (auto& k : parts)
        if (!k.empty()) n.kids.push_back(std::move(k));
      return n;
    };
    auto particle_then = [&](const std::string& particle, const formatting& f, node rest) {
      std::vector<node> v;
      bool spaced = particle.ends_with(' ');
      v.push_back(fmt(parse_markup(spaced ? particle.substr(0, particle.size() - 1) : particle), f));
      if (spaced || !glued(particle)) v.push_back(node::leaf(" "));
      v.push_back(std::move(rest));
      return seq(std::move(v));
    };
    auto family_core = [&](bool with_ndp) {
      node fam = fmt(parse_markup(p.family), ff_decor);
      if (with_ndp && !p.non_dropping_particle.empty()) fam = particle_then(p.non_dropping_particle, ff_decor, std::move(fam));
      return fam;
    };
    if (form == "short") return fmt(family_core(true), ff_aff);
    if (!roman) {
      node out;
      out.kids.push_back(fmt(family_core(true), ff_aff));
      if (!given.empty()) out.kids.push_back(fmt(given_node(given), gf));
      return out;
    }
    std::string sort_sep = opt(ne, "sort-separator", ", ");
    node out;
    if (inverted) {
      bool demoted = demote == "display-and-sort" || (cc.sort_mode && demote == "sort-only");
      out.kids.push_back(fmt(family_core(!demoted), ff_aff));
      std::vector<node> g;
      if (!given.empty()) g.push_back(fmt(given_node(given), gf_decor));
      for (const std::string* part : {&p.dropping_particle, demoted ? &p.non_dropping_particle : nullptr}) {
        if (!part || part->empty()) continue;
        if (!g.empty()) g.push_back(node::leaf(" "));
        // a demoted non-dropping particle keeps the family name's decorations
        g.push_back(fmt(parse_markup(*part), part == &p.non_dropping_particle ? ff_decor : gf_decor));
      }
      node gn = seq(std::move(g));
      if (!gn.empty()) {
        out.kids.push_back(node::leaf(sort_sep));
        out.kids.push_back(fmt(std::move(gn), gf_aff));
      }
      if (!p.suffix.empty()) {
        out.kids.push_back(node::leaf(sort_sep));
        out.kids.push_back(node::leaf(p.suffix));
      }
      return out;
    }
    if (!given.empty()) {
      out.kids.push_back(fmt(given_node(given), gf));
      // a given-name suffix that ends in a space (or a no-break space) already separates the parts
      if (!gf.suffix.ends_with(' ') && !gf.suffix.ends_with("\u00A0")) out.kids.push_back(node::leaf(" "));
    }
    node fam = family_core(true);
    if (!p.dropping_particle.empty()) fam = particle_then(p.dropping_particle, gf_decor, std::move(fam));
    if (!p.suffix.empty()) {
      node w;
      w.kids.push_back(std::move(fam));
      w.kids.push_back(node::leaf(comma_suffix ? ", " : " "));
      w.kids.push_back(node::leaf(p.suffix));
      fam = std::move(w);
    }
    out.kids.push_back(fmt(std::move(fam), ff_aff));
    return out;
  }

  // `primary`: the first name of its list; the "primary-name" rules expand no other
  int name_level(const name& nm, bool primary = true) const {
    if (!primary && d.name_levels &&
        env.st.citation.a.get("givenname-disambiguation-rule").starts_with("primary"))
      return d.given_level;
    int lvl = d.given_level;
    if (!d.own_levels.empty()) {
      auto it = d.own_levels.find(nm.family + "|" + nm.given);
      if (it != d.own_levels.end()) lvl = std::max(lvl, it->second);
    }
    if (d.name_levels) {
      auto it = d.name_levels->find(nm.family + "|" + nm.given);
      if (it != d.name_levels->end()) lvl = std::max(lvl, it->second);
    }
    return lvl;
  }

  // Renders one name list; `count` receives the number of names shown.
  node render_names(const std::vector<name>& list, const element* ne, const element* et_al_el, int& count) {
    std::string form = opt(ne, "form", "long");
    int min = std::atoi(opt(ne, "et-al-min").c_str());
    std::string use_first_s = opt(ne, "et-al-use-first");
    int use_first = use_first_s.empty() ? -1 : std::atoi(use_first_s.c_str());
    bool use_last = opt(ne, "et-al-use-last") == "true";
    if (!(cc.position & pos_first) && !cc.in_bibliography) {
      std::string sm = opt(ne, "et-al-subsequent-min"), su = opt(ne, "et-al-subsequent-use-first");
      if (!sm.empty()) min = std::atoi(sm.c_str());
      if (!su.empty()) use_first = std::atoi(su.c_str());
    }
    if (cc.sort_mode) {
      if (cc.sort_names_min >= 0) min = cc.sort_names_min;
      if (cc.sort_names_use_first >= 0) use_first = cc.sort_names_use_first;
      if (cc.sort_names_use_last >= 0) use_last = cc.sort_names_use_last > 0;
    }
    int n = static_cast<int>(list.size());
    int shown = n;
    bool et_al = false;
    if (min > 0 && n >= min && use_first >= 0) {
      shown = std::min(n, use_first + d.add_names);
      et_al = shown < n;
    }
    if (shown == 0 && form != "count") {
      count = 0;
      return {};
    }
    if (form == "count") {
      count = shown;
      return {};
    }
    count = shown;
    std::string sort_order = opt(ne, "name-as-sort-order");
    if (cc.sort_mode) sort_order = "all";
    std::string delim = opt(ne, "delimiter", ", ");
    if (ne && !ne->a.find("delimiter")) delim = opt(nullptr, "name-delimiter", ", ");
    std::string and_opt = opt(ne, "and");
    std::string and_term;
    if (cc.sort_mode) and_opt.clear();  // a sort key compares the names, not the "and" between them
    if (and_opt == "text") and_term = loc.term_or("and");
    else if (and_opt == "symbol") and_term = "&";
    std::string dpl = opt(ne, "delimiter-precedes-last", "contextual");
    std::string dpe = opt(ne, "delimiter-precedes-et-al", "contextual");
    std::vector<node> rendered;
    std::vector<bool> inverted;
    for (int i = 0; i < shown; ++i) {
      const name& nm = list[static_cast<std::size_t>(i)];
      bool inv = (sort_order == "all" || (sort_order == "first" && i == 0)) && !nm.is_literal();
      rendered.push_back(render_name(nm, ne, inv, form, name_level(nm, i == 0)));
      inverted.push_back(inv);
    }
    node out;
    for (int i = 0; i < shown; ++i) {
      if (i > 0) {
        bool last = i == shown - 1 && !et_al;
        if (last && !and_term.empty() && !spaced_word(and_term)) {
          // an "and" in a script without spaces between words ("和", Hebrew "ו") joins the names directly
          if (dpl == "always") out.kids.push_back(node::leaf(delim));
          out.kids.push_back(node::leaf(and_term));
        } else if (last && !and_term.empty()) {
          bool use_delim = dpl == "always" || (dpl == "contextual" && shown >= 3) ||
                           (dpl == "after-inverted-name" && inverted[static_cast<std::size_t>(i - 1)]);
          out.kids.push_back(node::leaf(use_delim ? delim : std::string(" ")));
          out.kids.push_back(node::leaf(and_term + " "));
        } else {
          out.kids.push_back(node::leaf(delim));
        }
      }
      out.kids.push_back(std::move(rendered[static_cast<std::size_t>(i)]));
    }
    if (et_al) {
      if (use_last && shown + 1 < n && shown >= 1) {
        out.kids.push_back(node::leaf(delim));
        out.kids.push_back(node::leaf("\u2026 "));
        const name& last = list.back();
        out.kids.push_back(render_name(last, ne, sort_order == "all", form, name_level(last, false)));
      } else if (!cc.sort_mode) {  // a sort key compares the names shown, without "et al."
        std::string term = et_al_el ? et_al_el->a.get("term", "et-al") : "et-al";
        std::string t = loc.term_or(term);
        if (!t.empty()) {
          bool use_delim = dpe == "always" || (dpe == "contextual" && shown >= 2) ||
                           (dpe == "after-inverted-name" && inverted.back());
          // a term of a script without spaces ("等") follows the name directly
          out.kids.push_back(node::leaf(use_delim ? delim : spaced_word(t) ? std::string(" ") : std::string()));
          out.kids.push_back(et_al_el ? fmt(node::leaf(t), et_al_el->f) : node::leaf(t));
        }
      }
    }
    node res = ne ? fmt(std::move(out), ne->f) : std::move(out);
    return res;
  }

  node eval_names(const element& e) {
    const element* ne = e.find_kid(el::name);
    const element* et = e.find_kid(el::et_al);
    const element* lab = e.find_kid(el::label);
    const element* sub = e.find_kid(el::substitute);
    bool label_first = false;
    if (lab && ne) {
      for (const auto& k : e.kids) {
        if (&k == lab) {
          label_first = true;
          break;
        }
        if (&k == ne) break;
      }
    }
    if (!ne && inherited_name) {
      ne = inherited_name;
      if (!et) et = inherited_et_al;
      if (!lab) {
        lab = inherited_label;
        label_first = !label_after_name;
      }
    }
    std::string form = opt(ne, "form", "long");
    ++names_seen;
    // collect variables with names
    std::vector<std::pair<std::string, const std::vector<name>*>> vars;
    for (const auto& v : e.variables) {
      if (suppressed.count(v)) continue;
      const auto& list = ref.names_of(v);
      if (!list.empty()) vars.emplace_back(v, &list);
    }
    ++vars_called;
    if (vars.empty()) {
      if (sub) {
        const element* sn = inherited_name;
        const element* se = inherited_et_al;
        const element* sl = inherited_label;
        bool sa = label_after_name;
        inherited_name = ne;
        inherited_et_al = et;
        inherited_label = lab;
        label_after_name = !label_first;
        node result;
        for (const auto& k : sub->kids) {
          std::vector<std::string> rec;
          auto* saved_rec = record;
          record = &rec;
          int vc = vars_called, vf = vars_found;
          std::vector<node> parts;
          eval(k, parts);
          record = saved_rec;
          node r = join(parts, "");
          // a term the locale defines as empty still ends the substitution (citeproc-js)
          const std::string* term = k.kind == el::text ? k.a.find("term") : nullptr;
          bool defined_term = term && loc.term(*term, k.a.get("form", "long"), k.a.get("plural") == "true");
          if (r.empty() && defined_term) {
            vars_called = vc;
            vars_found = vf;
            break;
          }
          if (!r.empty()) {
            for (auto& v : rec) suppressed.insert(v);
            if (saved_rec) saved_rec->insert(saved_rec->end(), rec.begin(), rec.end());
            vars_called = vc;
            vars_found = vf + 1;
            result = std::move(r);
            break;
          }
          vars_called = vc;
          vars_found = vf;
        }
        inherited_name = sn;
        inherited_et_al = se;
        inherited_label = sl;
        label_after_name = sa;
        if (!result.empty()) {
          node n = fmt(std::move(result), e.f, tag::names);
          if (n.t == tag::none) n.t = tag::names;
          return n;
        }
      }
      return {};
    }
    ++vars_found;
    predecessor = true;
    for (const auto& [v, l] : vars)
      if (record) {
        record->push_back(v);
        suppressed.insert(v);  // inside cs:substitute, a variable is rendered once
      }
    // editor + translator with the same names: one list with the "editortranslator" term
    bool combined = false;
    if (vars.size() >= 2) {
      auto ed = std::find_if(vars.begin(), vars.end(), [](auto& p) { return p.first == "editor"; });
      auto tr = std::find_if(vars.begin(), vars.end(), [](auto& p) { return p.first == "translator"; });
      bool term_ok = !lab || !loc.term_or("editortranslator", lab->a.get("form", "long")).empty();
      if (ed != vars.end() && tr != vars.end() && *ed->second == *tr->second && term_ok) {
        ed->first = "editortranslator";
        vars.erase(tr);
        combined = true;
      }
    }
    (void)combined;
    int total = 0;
    std::vector<node> parts;
    for (const auto& [v, list] : vars) {
      int count = 0;
      node names = render_names(*list, ne, et, count);
      if (names.t == tag::none) names.t = tag::name_list;
      else {
        node w;
        w.kids.push_back(std::move(names));
        w.t = tag::name_list;
        names = std::move(w);
      }
      total += count;
      if (form == "count") continue;
      if (lab && !cc.sort_mode) {
        bool plural = list->size() > 1;
        std::string pl = lab->a.get("plural", "contextual");
        if (pl == "always") plural = true;
        else if (pl == "never") plural = false;
        std::string t = loc.term_or(v, lab->a.get("form", "long"), plural);
        if (!t.empty()) {
          node l = fmt_term(parse_markup(t), lab->f);
          node both;
          if (label_first) {
            both.kids.push_back(std::move(l));
            both.kids.push_back(std::move(names));
          } else {
            both.kids.push_back(std::move(names));
            both.kids.push_back(std::move(l));
          }
          names = std::move(both);
        }
      }
      parts.push_back(std::move(names));
    }
    if (form == "count") {
      if (total == 0) return {};
      return fmt(node::leaf(std::to_string(total)), e.f);
    }
    std::string delim = e.has_delimiter ? e.delimiter : opt(nullptr, "names-delimiter");
    node n = join(parts, delim);
    if (n.empty()) return {};
    node res = fmt(std::move(n), e.f, tag::names);
    res.t = tag::names;
    return res;
  }

  std::string sort_names_string(const std::string& var) {
    const auto& list = ref.names_of(var);
    if (list.empty()) return {};
    const element* ne = nullptr;
    int count = 0;
    node n = render_names(list, ne, nullptr, count);
    return plain_text(n);
  }
};

}  // namespace


bool is_numeric_value(std::string_view s) {
  // numbers, optionally with letter affixes ("2a", "L2"), joined by - – , & and spaces
  if (s.empty()) return false;
  bool saw_digit = false;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '-' && s[j] != ',' && s[j] != '&' &&
           s.substr(j, 3) != "\u2013")
      ++j;
    std::string_view tok = s.substr(i, j - i);
    if (!tok.empty()) {
      bool digits = false;
      for (char c : tok) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits = true;
        else if (!std::isalpha(static_cast<unsigned char>(c))) return false;
      }
      if (!digits) {
        if (tok != "and") return false;
      } else {
        // letters may appear only as a prefix or a suffix
        std::size_t a = 0;
        while (a < tok.size() && std::isalpha(static_cast<unsigned char>(tok[a]))) ++a;
        std::size_t b = tok.size();
        while (b > a && std::isalpha(static_cast<unsigned char>(tok[b - 1]))) --b;
        for (std::size_t k = a; k < b; ++k)
          if (!std::isdigit(static_cast<unsigned char>(tok[k]))) return false;
        saw_digit = true;
      }
    }
    i = j;
    if (i < s.size()) i += s.substr(i, 3) == "\u2013" ? 3 : 1;
  }
  return saw_digit;
}

// A page number: digits with letters ("S12", "110a"), or a roman numeral; "Michaelson-Morely" is no range.
static bool page_like(std::string_view s) {
  bool digit = false, roman = true;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    if (!std::strchr("ivxlcdmIVXLCDM", c)) roman = false;
  }
  return digit || roman;
}

std::string format_page_range(std::string_view value, std::string_view format, std::string_view delimiter,
                              std::string_view and_symbol) {
  // find "A-B" where both are numbers
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t j = i;
    while (j < value.size() && value[j] != ',' && value[j] != '&') ++j;
    std::string_view part = value.substr(i, j - i);
    std::size_t dash = part.find('-');
    std::size_t dlen = 1;
    if (dash != std::string_view::npos && dash > 0 && part[dash - 1] == '\\') {
      out += std::string(part.substr(0, dash - 1)) + std::string(part.substr(dash));
      if (j < value.size()) out += value[j];
      i = j + 1;
      continue;
    }
    if (dash == std::string_view::npos) {
      dash = part.find("\u2013");
      dlen = 3;
    }
    if (dash != std::string_view::npos) {
      std::string_view a = text::trim(part.substr(0, dash)), b = text::trim(part.substr(dash + dlen));
      // keep leading/trailing spaces of the part
      std::size_t lead = 0;
      while (lead < part.size() && part[lead] == ' ') ++lead;
      auto all_digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      };
      // a letter prefix ("N110", "123N110", "8n11564") takes part only when both ends share it
      auto split_prefix = [](std::string_view s) {
        std::size_t k = s.size();
        while (k > 0 && std::isdigit(static_cast<unsigned char>(s[k - 1]))) --k;
        return std::pair{s.substr(0, k), s.substr(k)};
      };
      auto [pa, na] = split_prefix(a);
      auto [pb, nb] = split_prefix(b);
      bool prefixed = !format.empty() && (!pa.empty() || !pb.empty()) && !na.empty() && !nb.empty();
      bool same_prefix = prefixed && pa == pb && !na.empty() && !nb.empty() && std::isalpha(static_cast<unsigned char>(pa.back()));
      if (prefixed && !same_prefix) {
        // different prefixes: not a range to format; the hyphen stays, without spaces around it
        out += std::string(part.substr(0, lead)) + std::string(a) + "-" + std::string(b);
      } else if ((same_prefix || (all_digits(a) && all_digits(b))) && !format.empty()) {
        if (same_prefix) a = na, b = nb;
        std::string sa(a), sb(b);
        if (sb.size() < sa.size()) sb = sa.substr(0, sa.size() - sb.size()) + sb;  // expand first
        std::string res = sb;
        if (format == "expanded") res = sb;
        else if (sa.size() == sb.size()) {
          std::size_t k = 0;
          while (k < sa.size() && sa[k] == sb[k]) ++k;
          std::string minimal = sb.substr(std::min(k, sb.size() - 1));
          if (format == "minimal") res = minimal;
          else if (format == "minimal-two") res = minimal.size() >= 2 || sb.size() < 2 ? minimal : sb.substr(sb.size() - 2);
          else if (format == "chicago" || format == "chicago-15" || format == "chicago-16") {
            long na = std::atol(sa.c_str());
            if (na < 100 || na % 100 == 0) res = sb;
            else if (na % 100 < 10) res = minimal;
            else if (format == "chicago-16") res = minimal.size() >= 2 ? minimal : sb.substr(sb.size() - 2);
            else {
              // chicago-15: 101-108 → 101–8; 321-28; 1536-38; four digits: if more than two change, all
              if (sa.size() == 4 && minimal.size() >= 3) res = sb;
              else res = minimal.size() >= 2 ? minimal : sb.substr(sb.size() - 2);
            }
          }
        }
        std::size_t trail = part.size();
        while (trail > 0 && part[trail - 1] == ' ') --trail;
        // an expanded range repeats the prefix ("N110–N115"); a shortened one does not ("n11564–8")
        std::string p1 = same_prefix ? std::string(pa) : std::string();
        std::string p2 = same_prefix && format == "expanded" ? p1 : std::string();
        out += std::string(part.substr(0, lead)) + p1 + sa + std::string(delimiter) + p2 + res + std::string(part.substr(trail));
      } else if (!a.empty() && !b.empty() && page_like(a) && page_like(b)) {
        out += std::string(part.substr(0, lead)) + std::string(a) + std::string(delimiter) + std::string(b);
      } else {
        out += part;
      }
    } else {
      out += part;
    }
    if (j < value.size()) {
      if (value[j] == '&') out += and_symbol;
      else out += value[j];
    }
    i = j + 1;
  }
  return out;
}

node eval_item(const eval_env& env, const item_info& item, const cite_context& cc, const disamb_state& d) {
  evaluator ev(env, item, cc, d);
  std::vector<node> parts;
  ev.eval_children(env.sec.layout.kids, parts);
  node n;
  for (auto& p : parts)
    if (!p.empty()) n.kids.push_back(std::move(p));
  return n;
}

std::string eval_sort_macro(const eval_env& env, const item_info& item, int macro, const cite_context& cc,
                            const disamb_state& d) {
  evaluator ev(env, item, cc, d);
  std::vector<node> parts;
  ev.eval_children(env.st.macros[static_cast<std::size_t>(macro)].body.kids, parts);
  node n;
  for (auto& p : parts)
    if (!p.empty()) n.kids.push_back(std::move(p));
  return plain_text(n);
}

std::string sort_value(const eval_env& env, const item_info& item, const std::string& variable, const cite_context& cc,
                       const disamb_state& d) {
  const reference& r = *item.ref;
  if (variable == "citation-number") return fmt::format("{:08}", item.citation_number);
  switch (kind_of(variable)) {
    case variable_kind::name: {
      evaluator ev(env, item, cc, d);
      return ev.sort_names_string(variable);
    }
    case variable_kind::date: {
      const date* dt = r.date_of(variable);
      if (!dt || dt->parts.empty()) return {};
      std::string s;
      for (const auto& p : dt->parts) s += fmt::format("{:05}{:02}{:02}", p.year + 50000, p.month, p.day);
      return s;
    }
    case variable_kind::number: {
      std::string v(r.get(variable));
      if (v.empty()) return {};
      long n = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec == std::errc()) return fmt::format("{:012}{}", n, std::string_view(p, static_cast<std::size_t>(v.data() + v.size() - p)));
      return v;
    }
    default: {
      evaluator ev(env, item, cc, d);
      std::string v = ev.field(variable);
      return plain_text(parse_markup(v));
    }
  }
}

bool uses_variable(const style& st, std::string_view variable) {
  struct walker {
    std::string_view v;
    bool found = false;
    void walk(const element& e) {
      if (found) return;
      if (e.kind == el::text)
        if (const std::string* x = e.a.find("variable"); x && *x == v) found = true;
      for (const auto& k : e.kids) walk(k);
      for (const auto& b : e.branches)
        for (const auto& k : b.kids) walk(k);
    }
  } w{variable};
  for (const auto& m : st.macros) w.walk(m.body);
  w.walk(st.citation.layout);
  w.walk(st.bibliography.layout);
  return w.found;
}

std::set<std::string> section_name_variables(const style& st, const layout_section& sec) {
  struct walker {
    const style& st;
    std::vector<bool> seen;
    std::set<std::string> out;
    void walk(const element& e) {
      if (e.kind == el::names)
        for (const auto& v : e.variables) out.insert(v);
      if (e.kind == el::text && e.macro >= 0 && !seen[static_cast<std::size_t>(e.macro)]) {
        seen[static_cast<std::size_t>(e.macro)] = true;
        walk(st.macros[static_cast<std::size_t>(e.macro)].body);
      }
      for (const auto& k : e.kids) walk(k);
      for (const auto& b : e.branches)
        for (const auto& k : b.kids) walk(k);
    }
  } w{st, std::vector<bool>(st.macros.size(), false), {}};
  w.walk(sec.layout);
  return w.out;
}

bool section_uses_variable(const style& st, const layout_section& sec, std::string_view variable) {
  struct walker {
    const style& st;
    std::string_view v;
    std::vector<bool> seen;
    bool found = false;
    void walk(const element& e) {
      if (found) return;
      if (e.kind == el::text) {
        if (const std::string* x = e.a.find("variable"); x && *x == v) found = true;
        if (e.macro >= 0 && !seen[static_cast<std::size_t>(e.macro)]) {
          seen[static_cast<std::size_t>(e.macro)] = true;
          walk(st.macros[static_cast<std::size_t>(e.macro)].body);
        }
      }
      for (const auto& k : e.kids) walk(k);
      for (const auto& b : e.branches)
        for (const auto& k : b.kids) walk(k);
    }
  } w{st, variable, std::vector<bool>(st.macros.size(), false)};
  w.walk(sec.layout);
  return w.found;
}

}  // namespace bicite::csl::detail
