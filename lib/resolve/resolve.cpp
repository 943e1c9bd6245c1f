// Resolving Ibid., short forms and repeated full citations into one bibliography. Each note goes
// through the passes of lib/resolve/README.md in order, against an index of the works cited before it.
#include <bicite/csljson.hpp>
#include <bicite/names.hpp>
#include <bicite/resolve.hpp>
#include <bicite/text.hpp>
#include <bicite/translit.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include "parse/internal.hpp"
#include "parse/lines.hpp"
#include "parse/unit.hpp"
#include "resolve/reading.hpp"
#include "resolve/resolver.hpp"
#include "text/distance.hpp"


namespace bicite::resolve {

namespace {

// ---------------------------------------------------------------- matching keys

// Lower case, Cyrillic folded to Latin, only letters and digits; words separated by one space.
std::string match_key(std::string_view s) {
  std::string latin;
  if (text::has_cyrillic(s)) {
    if (!translit::transliterate_to(latin, s, "bgn_pcgn")) latin = std::string(s);
  } else {
    latin = std::string(s);
  }
  const std::string lower = text::to_lower(latin);
  std::string out;
  std::size_t p = 0;
  bool space = false;
  while (p < lower.size()) {
    const char32_t c = text::next_code_point(lower, p);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      (c >= 0xC0 && text::script_of(c) != text::script::other && text::script_of(c) != text::script::none);
    if (keep) {
      if (space && !out.empty()) out += ' ';
      space = false;
      text::append_utf8(out, c);
    } else if (c != U'’' && c != '\'' && c != U'ʼ' && c != U'ʹ' && c != U'ˮ' && c != '"') {
      space = true;  // apostrophes inside words are dropped ("Strel’tsov"); anything else separates words
    }
  }
  return out;
}

std::vector<std::string> words(const std::string& key) {
  std::vector<std::string> w;
  std::size_t p = 0;
  while (p < key.size()) {
    auto q = key.find(' ', p);
    if (q == std::string::npos) q = key.size();
    if (q > p) w.push_back(key.substr(p, q - p));
    p = q + 1;
  }
  return w;
}


bool similar_word(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::size_t n = std::min(a.size(), b.size());
  if (n < 4) return false;
  return text::bounded_edit_distance(a, b, n >= 8 ? 2 : 1) <= (n >= 8 ? 2u : 1u);
}

std::vector<std::string> title_key_words(std::string_view title) {
  auto w = words(match_key(title));
  while (!w.empty() && (w.front() == "the" || w.front() == "a" || w.front() == "an")) w.erase(w.begin());
  return w;
}

std::vector<std::string> title_words(const reference& r) {
  auto w = words(match_key(r.get("title")));
  while (!w.empty() && (w.front() == "the" || w.front() == "a" || w.front() == "an")) w.erase(w.begin());
  return w;
}

std::string url_key(std::string_view url) {
  std::string u(url);
  const auto scheme = u.find("://");
  if (scheme != std::string::npos) u.erase(0, scheme + 3);
  if (u.rfind("www.", 0) == 0) u.erase(0, 4);
  while (!u.empty() && u.back() == '/') u.pop_back();
  return text::to_lower(u);
}


// ---------------------------------------------------------------- persons

// The persons a short form can name: authors, then editors (a collection is cited under its editors).
std::vector<name> persons_of(const reference& r) {
  std::vector<name> out;
  for (const char* role : {"author", "editor"})
    for (const auto& n : r.names_of(role)) out.push_back(n);
  return out;
}

// The index key of a person: the first three letters of each word of the folded family name (one key
// across scripts and romanisations: names::fold_word), or of an organisation's words.
std::vector<std::string> person_keys(const name& n) {
  std::vector<std::string> out;
  const std::string& text = n.literal.empty() ? n.family : n.literal;
  for (const auto& w : words(match_key(text))) {
    std::string f = names::fold_word(w);
    if (f.size() > 3) f.resize(3);
    if (!f.empty() && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  return out;
}

// A person named in a short form ("Skirda", "Лукин А. В.", "Kremlin") is one of the work's persons.
bool names_person(const name& shortn, const std::vector<name>& persons) {
  for (const auto& p : persons) {
    if (!shortn.literal.empty() || !p.literal.empty()) {
      const std::string a = match_key(shortn.literal.empty() ? shortn.family : shortn.literal);
      const std::string b = match_key(p.literal.empty() ? p.family : p.literal);
      if (!a.empty() && (a == b || (b.size() > a.size() && b.find(a) != std::string::npos))) return true;
      continue;
    }
    if (names::same_person(shortn, p).same) return true;
  }
  return false;
}

std::string url_key_of(const reference& r) { return url_key(r.get("URL")); }

// A title spelt the same whatever the script and romanisation ("Новый баланс сил", "Novyi balans sil",
// "Novyy balans sil"): each word folded as names::fold_word folds a family name.
std::string title_skeleton(std::string_view title) {
  std::string out;
  for (const auto& w : words(match_key(title))) {
    const std::string f = names::fold_word(w);
    if (f.empty()) continue;
    if (!out.empty()) out += ' ';
    out += f;
  }
  return out;
}

int year_of(const reference& r) {
  const date* d = r.date_of("issued");
  return d && !d->parts.empty() ? d->parts[0].year : 0;
}

// A page to copy into a later citation of the work: an article's or chapter's range, not a page cited.
bool page_is_range(const std::string& page) {
  return page.find('-') != std::string::npos || page.find("–") != std::string::npos;
}

std::string dash_to_hyphen(std::string s) {
  for (const std::string_view d : {"–", "—"})
    for (auto k = s.find(d); k != std::string::npos; k = s.find(d)) s.replace(k, d.size(), "-");
  return s;
}

// ---------------------------------------------------------------- works

}  // namespace

namespace detail {
struct work {
  std::unique_ptr<reference> full;  // the work's fields; null when packed
  std::string packed;  // the same as compact CSL-JSON, when the resolver keeps works packed (stream)
  std::string id;
  int first_note = 0;
  int last_full_note = 0;
  std::vector<std::pair<int, std::string>> cites;  // citing note and locator
  std::vector<name> persons;                        // authors and editors
  std::vector<std::string> title;
  std::string url;
  std::string archive;                              // an archival file: the archive and its levels
  std::vector<archive_level> levels;
  std::string level_separator;
  std::size_t last_cited = 0;                       // order of its latest citation
};
}  // namespace detail

namespace {

using detail::work;

// How well a short title matches a work's title: it starts it, or (Chicago "key words") is a run of
// words inside it; a title cut with "…" may end inside a word. 0: no match.
double title_score(const std::vector<std::string>& full, const std::vector<std::string>& t, bool cut) {
  if (t.empty() || t.size() > full.size()) return 0;
  double best = 0;
  for (std::size_t start = 0; start + t.size() <= full.size(); ++start) {
    std::size_t matched = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto& a = t[i];
      const auto& b = full[start + i];
      if (similar_word(a, b) || (cut && i + 1 == t.size() && a.size() >= 3 && b.rfind(a, 0) == 0)) ++matched;
    }
    const bool ok = matched == t.size() || (t.size() >= 4 && matched + 1 >= t.size());
    if (!ok) continue;
    best = std::max(best, start == 0 ? 1.0 : 0.9);
    if (start == 0) break;
  }
  return best;
}

void erase_key(nlohmann::json& j, const char* key) {
  if (j.is_object()) j.erase(key);
  else j = nlohmann::json::object();
}

std::string make_id(const reference& r, std::map<std::string, int>& used) {
  std::string base;
  const auto persons = persons_of(r);
  if (!persons.empty()) {
    const auto w = words(match_key(persons[0].literal.empty() ? persons[0].family : persons[0].literal));
    if (!w.empty()) base = w.back();
  }
  if (base.empty()) {
    auto t = title_words(r);
    if (!t.empty()) base = t[0];
  }
  if (base.empty()) base = words(match_key(r.get("archive"))).empty() ? "" : words(match_key(r.get("archive")))[0];
  if (base.empty()) base = "ref";
  if (base.size() > 24) base.resize(24);
  if (const date* d = r.date_of("issued"); d && !d->parts.empty() && d->parts[0].year)
    base += std::to_string(d->parts[0].year);
  const int n = used[base]++;
  if (n == 0) return base;
  std::string suffix;
  int k = n;
  do {
    suffix.insert(suffix.begin(), static_cast<char>('a' + (k % 26)));
    k /= 26;
  } while (k > 0);
  return base + suffix;
}

// A citation pointing back: the full fields of its work, its own locator, position and antecedent.
void fill_from(reference& item, const reference& full, const std::string& position, int antecedent,
               const std::string& locator) {
  nlohmann::json custom = full.custom;
  item = full;
  erase_key(custom, "notes");
  erase_key(custom, "locator");
  item.custom = custom;
  item.custom["position"] = position;
  if (antecedent > 0) item.custom["antecedent"] = antecedent;
  else erase_key(item.custom, "antecedent");
  if (!locator.empty()) item.custom["locator"] = locator;
}

}  // namespace

namespace detail {

struct resolver::state {
  std::vector<work> works;
  std::map<std::string, int> ids;
  // indexes, so that resolving stays linear in the number of notes
  std::unordered_map<std::string, std::size_t> by_url, by_identity, by_abbreviation;
  std::unordered_map<std::string, std::vector<std::size_t>> by_person;
  std::size_t previous = std::string::npos;  // the work cited last
  std::size_t order = 0;                     // citations seen
  bool packed = false;
  bool list = false;  // a reference list: pages after a work are its pages
  reference scratch;  // the last unpacked work
  std::vector<unmatched> report;
};

resolver::resolver(bool packed) : s_(std::make_unique<state>()) { s_->packed = packed; }

void resolver::set_reference_list(bool list) { s_->list = list; }


reference resolver::unpack(const work& w) {
  std::vector<diagnostic> ignored;
  return from_csl_json(nlohmann::json::parse(w.packed), ignored, 0);
}

void resolver::pack(work& w) {
  w.packed = to_csl_json(*w.full).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  w.packed.shrink_to_fit();  // kept for the whole run: no spare capacity
  w.full.reset();
}

const reference& resolver::full_of(const work& w) {
  if (w.packed.empty()) return *w.full;
  s_->scratch = unpack(w);
  return s_->scratch;
}
resolver::~resolver() = default;
resolver::resolver(resolver&&) noexcept = default;
resolver& resolver::operator=(resolver&&) noexcept = default;

std::size_t resolver::works() const { return s_->works.size(); }
const std::vector<unmatched>& resolver::report() const { return s_->report; }

namespace {

// The pass "locator": the place a citation cites. Ibid. and short forms: what follows the form; a full
// citation: the parser's locator, or a page that is not an article's or chapter's range (a whole book's
// page is the page cited).
// What follows an item's volume at the start of a locator ("39, 683-687", "vol. 3: 7-12" → the range), or
// the locator as it is
std::string after_volume(const std::string& loc, const std::string& volume) {
  if (volume.empty()) return loc;
  for (const std::string& lead : {volume + ", ", "vol. " + volume + ": ", "Vol. " + volume + ": "})
    if (loc.rfind(lead, 0) == 0) return loc.substr(lead.size());
  return loc;
}

// "J. Am. Pharm. Assoc. 39, 683–687 (1999)", "Conf., Vol. 3, pp. 7-12": after an article's or a chapter's
// volume, a range is the part's pages, not a place cited. True when `loc` was taken as the page.
bool pages_of_part(parse::citation& c, const std::string& loc) {
  const std::string_view type = c.item.type;
  if (loc.empty() || !c.item.get("page").empty() || !c.item.has("container-title") ||
      (type != "article-journal" && type != "chapter" && type != "paper-conference"))
    return false;
  const std::string volume(c.item.get("volume"));
  const std::string rest = after_volume(loc, volume);
  if (!page_is_range(rest) || rest.find(',') != std::string::npos || (rest == loc && volume.empty())) return false;
  c.item.set("page", rest);
  return true;
}

// A year after the pages ("…, pp. 213-218, 1988.", "pp. 61-68. 1977.") is the date, not a place cited.
std::string without_issued_year(const parse::citation& c, std::string loc) {
  if (year_of(c.item) == 0) return loc;
  const std::string year = std::to_string(year_of(c.item));
  if (loc == year) return {};
  for (const std::string sep : {", ", " "})
    if (loc.size() > year.size() + sep.size() && loc.ends_with(sep + year)) return loc.substr(0, loc.size() - year.size() - sep.size());
  return loc;
}

std::string full_locator(parse::citation& c) {
  std::size_t head_end = 0;
  std::string loc = without_issued_year(c, trailing_locator(c.written, head_end));
  // the parser's page cited, unless this reading holds it and more ("vol. 1: 147" for "147")
  if (!c.locator.empty()) {
    // read as this pass reads locators, so that labels and separators are dropped (", p. 44" → "44")
    std::string parsed = whole_locator(c.locator);
    if (parsed.empty()) parsed = dash_to_hyphen(c.locator);
    parsed = without_issued_year(c, parsed);
    if (parsed.empty()) return {};  // the parser's page cited was the year
    std::string chosen = loc.size() > parsed.size() && loc.find(parsed) != std::string::npos ? loc : parsed;
    if (pages_of_part(c, chosen)) return {};
    // "(Paris: …, 1956), vol. 1: 147": after a whole book, the volume is part of the place cited
    if (const std::string volume(c.item.get("volume"));
        !volume.empty() && !c.item.has("container-title") && chosen.rfind("vol. " + volume + ":", 0) == 0)
      c.item.fields.erase("volume");
    // the part's own range read twice, as its pages and as a place cited
    if (chosen == dash_to_hyphen(std::string(c.item.get("page"))) && page_is_range(chosen) && c.item.has("container-title"))
      return {};
    return chosen;
  }
  if (pages_of_part(c, loc)) return {};
  std::string page = dash_to_hyphen(std::string(c.item.get("page")));
  const std::string type = c.item.type;
  const bool whole = type == "book" || type == "report" || type == "thesis";
  // a newspaper's or magazine's single page is where the article is printed
  const bool printed = type == "article-newspaper" || type == "article-magazine";
  if (page.empty()) return loc;
  if (loc.empty() || loc == page) {
    if (whole || (!page_is_range(page) && !printed)) {
      c.item.fields.erase("page");
      return page;
    }
    return {};
  }
  // "(2017): 8–21, 10": the article's range, then the page cited
  if (page_is_range(page) && loc.rfind(page + ", ", 0) == 0) return loc.substr(page.size() + 2);
  // "Assoc. 39, 683–687 (1999)": the volume and the article's range the parser read, nothing cited
  if (const std::string volume(c.item.get("volume")); !volume.empty() && page_is_range(page) && loc != page &&
                                                        after_volume(loc, volume) == page)
    return {};
  // "vol. 1: 147", "321, 325": the parser's page is part of the place cited
  if (loc.find(page) != std::string::npos) c.item.fields.erase("page");
  return loc;
}

}  // namespace

void resolver::add_note(parse::parsed_note& note, std::vector<cite>& cites, std::vector<diagnostic>& diagnostics) {
  auto& works = s_->works;
  auto& previous = s_->previous;
  std::vector<std::size_t> work_of(note.citations.size(), std::string::npos);  // each citation's work
  std::size_t current = 0;
  auto record = [&](work& w, int note_number, const std::string& locator) {
    w.cites.emplace_back(note_number, locator);
    w.last_cited = ++s_->order;
  };
  // Reports citation `ct` as a cite of work `k` and makes `k` the previous work: the last step of both
  // refer and add_full, so that a back-reference and a full citation are reported alike.
  auto link = [&](cite& ct, std::size_t k, const char* position, const std::string& locator, double confidence,
                  std::string reason) {
    ct.id = works[k].id;
    ct.position = position;
    ct.locator = locator;
    ct.confidence = confidence;
    ct.reason = std::move(reason);
    cites.push_back(ct);
    previous = k;
    work_of[current] = k;
  };
  // A citation that refers back to work `k` (Ibid. or a short form): filled from it, and recorded.
  auto refer = [&](parse::citation& c, cite& ct, std::size_t k, const char* position, int antecedent,
                   const std::string& locator, double confidence, std::string reason) {
    work& w = works[k];
    fill_from(c.item, full_of(w), position, antecedent, locator);
    c.locator = locator;
    record(w, note.number, locator);
    ct.antecedent = antecedent;
    link(ct, k, position, locator, confidence, std::move(reason));
  };
  // A new work (or a repeat of one) from a full citation.
  auto add_full = [&](parse::citation& c, cite& ct, const std::string& locator, double confidence, std::string reason) {
    std::size_t found = std::string::npos;
    const std::string url = url_key_of(c.item);
    const auto tw = title_words(c.item);
    const auto persons = persons_of(c.item);
    std::string ident;
    for (const auto& w : tw) ident += w + ' ';
    ident += '|';
    for (const auto& p : persons) ident += match_key(p.literal.empty() ? p.family : p.literal) + '|';
    if (!c.item.get("archive").empty()) ident += match_key(c.item.get("archive")) + '|' + match_key(c.item.get("archive_location"));
    if (!url.empty()) {
      if (auto it = s_->by_url.find(url); it != s_->by_url.end()) found = it->second;
    }
    if (found == std::string::npos && (!tw.empty() || !c.item.get("archive").empty())) {
      // same title and names; a different link means another work
      if (auto it = s_->by_identity.find(ident); it != s_->by_identity.end() && (url.empty() || works[it->second].url.empty()))
        found = it->second;
    }
    if (found == std::string::npos && url.empty() && tw.size() >= 3 && year_of(c.item) != 0 && !persons.empty()) {
      // the same work cited in another script or romanisation ("Тренин Д. В. Новый баланс сил … 2021" and
      // "Dmitrii Trenin, Novyi balans sil … (2021)"): a person in common, the same year and the same title
      // skeleton; a translation has another title, so stays a work of its own
      const std::string skeleton = title_skeleton(c.item.get("title"));
      for (const auto& key : person_keys(persons.front())) {
        const auto it = s_->by_person.find(key);
        if (it == s_->by_person.end()) continue;
        // the latest works of that person key only, so that time stays linear in the notes
        const auto& bucket = it->second;
        const std::size_t from = bucket.size() > max_short_form_candidates ? bucket.size() - max_short_form_candidates : 0;
        for (std::size_t b = bucket.size(); b-- > from;) {
          const std::size_t k = bucket[b];
          const reference& other = full_of(works[k]);
          if (year_of(other) != year_of(c.item) || !works[k].url.empty() || !works[k].archive.empty()) continue;
          if (title_skeleton(other.get("title")) != skeleton) continue;
          if (!names_person(persons.front(), works[k].persons)) continue;
          found = k;
          break;
        }
        if (found != std::string::npos) break;
      }
    }
    if (found == std::string::npos) {
      work w;
      w.full = std::make_unique<reference>(c.item);
      erase_key(w.full->custom, "position");
      erase_key(w.full->custom, "antecedent");
      erase_key(w.full->custom, "locator");
      w.id = make_id(c.item, s_->ids);
      w.full->id = w.id;
      w.first_note = note.number;
      w.persons = persons;
      w.title = tw;
      w.url = url;
      w.archive = c.item.get("archive");
      if (s_->packed) pack(w);
      works.push_back(std::move(w));
      found = works.size() - 1;
      if (!url.empty()) s_->by_url.emplace(url, found);
      ident.shrink_to_fit();
      s_->by_identity.emplace(std::move(ident), found);
      for (const auto& p : works[found].persons)
        for (const auto& key : person_keys(p)) {
          auto& bucket = s_->by_person[key];
          if (bucket.empty() || bucket.back() != found) bucket.push_back(found);
        }
    } else {
      // a repeat may add fields the first citation lacked
      work& w = works[found];
      bool adds = false;
      {
        const reference& full = full_of(w);
        for (const auto& [k, v] : c.item.fields) adds = adds || !full.has(k);
        for (const auto& [k, v] : c.item.dates) adds = adds || !full.dates.count(k);
      }
      if (adds) {
        if (!w.packed.empty()) w.full = std::make_unique<reference>(unpack(w));
        for (const auto& [k, v] : c.item.fields)
          if (!w.full->has(k)) w.full->set(k, v);
        for (const auto& [k, v] : c.item.dates)
          if (!w.full->dates.count(k)) w.full->dates[k] = v;
        if (s_->packed) pack(w);
      }
      reason = "repeat of the full citation in note " + std::to_string(w.first_note);
    }
    work& w = works[found];
    w.last_full_note = note.number;
    record(w, note.number, locator);
    c.item.id = w.id;
    c.item.custom["position"] = "first";
    erase_key(c.item.custom, "antecedent");
    if (!locator.empty()) c.item.custom["locator"] = locator;
    c.locator = locator;
    link(ct, found, "first", locator, confidence, std::move(reason));
    return found;
  };

  for (std::size_t i = 0; i < note.citations.size(); ++i) {
    auto& c = note.citations[i];
    current = i;
    cite ct;
    ct.note = note.number;
    ct.index = i;

    // ---- pass: Ibid. / Там же, with the archival rule
    if (c.ibid) {
      std::size_t form = 0;
      parse::detail::ibid_at(c.written, 0, c.written.size(), form);
      std::size_t p = form;
      while (p < c.written.size() && (c.written[p] == '.' || c.written[p] == ',' || c.written[p] == ' ')) ++p;
      auto levels = read_levels(c.written, p);
      std::string locator = c.locator.empty() ? whole_locator(std::string_view(c.written).substr(std::min(form, c.written.size())))
                                              : dash_to_hyphen(c.locator);
      for (const auto& l : levels)
        if (l.level == "folio") locator = whole_locator(l.written);
      const bool new_file = std::any_of(levels.begin(), levels.end(), [](const archive_level& l) { return l.level != "folio"; });
      if (previous == std::string::npos) {
        diagnostics.push_back({"resolve.unmatched-ibid", severity::warning, c.where,
                               "\"Ibid.\" in note " + std::to_string(note.number) + " has no earlier citation to refer to", ""});
        c.item.custom["position"] = "ibid";
        if (!locator.empty()) c.item.custom["locator"] = locator;
        c.locator = locator;
        ct.position = "ibid";
        ct.locator = locator;
        ct.confidence = 0;
        ct.reason = "Ibid. with nothing before it";
        cites.push_back(ct);
        s_->report.push_back({note.number, i, c.written, {}});
        continue;
      }
      if (new_file && !works[previous].archive.empty()) {
        // "Там же. Д. 374. Л. 5.": another file of the same archive (and fond): a new work whose levels
        // are the previous file's down to the first level given, then those given
        const work& prev = works[previous];
        std::vector<archive_level> merged;
        static const std::vector<std::string> order{"fond", "inventory", "file"};
        const auto rank = [&](const std::string& l) {
          return static_cast<std::size_t>(std::find(order.begin(), order.end(), l) - order.begin());
        };
        std::size_t first_given = order.size();
        for (const auto& l : levels)
          if (l.level != "folio") first_given = std::min(first_given, rank(l.level));
        for (const auto& l : prev.levels)
          if (rank(l.level) < first_given) merged.push_back(l);
        for (const auto& l : levels)
          if (l.level != "folio") merged.push_back(l);
        reference item;
        item.type = "document";
        item.set("archive", prev.archive);
        item.set("archive_location", location_of(merged, prev.level_separator.empty() ? ". " : prev.level_separator));
        const std::string lang(full_of(prev).get("language"));
        if (!lang.empty()) item.set("language", lang);
        c.item = std::move(item);
        c.ibid = false;
        const std::string sep = prev.level_separator;
        const std::size_t k = add_full(c, ct, locator, 0.9, "another file of the archive of note " + std::to_string(prev.first_note));
        works[k].levels = merged;
        works[k].level_separator = sep;
        continue;
      }
      work& w = works[previous];
      refer(c, ct, previous, "ibid", w.last_full_note, locator, 0.95, "Ibid.: the work cited just before");
      continue;
    }

    const short_shape shape = read_short(c.written);

    // ---- pass: Idem / Его же: the author of the work cited just before
    if (shape.idem && previous != std::string::npos) {
      std::vector<name> authors;
      for (const auto& n : full_of(works[previous]).names_of("author")) authors.push_back(n);
      if (!authors.empty()) c.item.names["author"] = authors;
    }

    // ---- pass: an abbreviation the author defined ("BL, 523.", "ПСС. Т. 5. С. 12.")
    {
      std::size_t e = 0;
      while (e < c.written.size() && c.written[e] != ',' && c.written[e] != '.' && c.written[e] != ':' &&
             c.written[e] != ';' && c.written[e] != '(')
        ++e;
      std::string key = abbreviation_key(std::string_view(c.written).substr(0, e));
      auto it = s_->by_abbreviation.find(key);
      if (it == s_->by_abbreviation.end()) it = s_->by_abbreviation.find(abbreviation_key(shape.head));
      if (it == s_->by_abbreviation.end()) {
        const auto sp = key.find(' ');
        if (sp != std::string::npos) it = s_->by_abbreviation.find(key.substr(0, sp));
      }
      // a use is short: "ЕАЭС. Официальный сайт. URL: …" after "(далее — ЕАЭС)" cites another work
      if (it != s_->by_abbreviation.end() && shape.plausible && c.item.get("URL").empty()) {
        const std::string locator = shape.locator.empty() ? whole_locator(std::string_view(c.written).substr(e))
                                                          : shape.locator;
        const std::size_t k = it->second;
        refer(c, ct, k, "subsequent", works[k].last_full_note ? works[k].last_full_note : works[k].first_note, locator,
              0.95, "abbreviation “" + it->first + "” defined after the full citation");
        continue;
      }
    }

    // ---- pass: short forms, by author, then short title
    const bool flagged = c.short_form;
    const bool bare = c.item.get("URL").empty() && c.item.get("container-title").empty() &&
                      c.item.get("publisher").empty() && !c.item.dates.count("issued");
    const bool looks_short = flagged || shape.opcit || (shape.plausible && bare);
    if (looks_short) {
      // the persons named: as read here, and as the parser read them (either may be right)
      std::vector<std::vector<name>> name_sets;
      if (!shape.names.empty() && !shape.idem) name_sets.push_back(shape.names);
      if (auto parsed = persons_of(c.item); !parsed.empty()) name_sets.push_back(std::move(parsed));
      const std::vector<name> no_names;
      const std::vector<name>& sn = name_sets.empty() ? no_names : name_sets.front();
      auto names_match = [&](const work& w) {
        for (const auto& set : name_sets) {
          bool all = true;
          for (const auto& n : set) all = all && names_person(n, w.persons);
          if (all) return true;
        }
        return name_sets.empty();
      };
      std::vector<std::vector<std::string>> titles;
      if (!shape.title.empty()) titles.push_back(title_key_words(shape.title));
      // the parser's title when this reading has none, unless it is the page cited ("Skirda, 28." read as
      // a work titled "28") or the short form names an author only
      if (shape.title.empty() && (flagged || shape.names.empty()) && whole_locator(c.item.get("title")).empty()) {
        auto tw = title_words(c.item);
        if (!tw.empty()) titles.push_back(std::move(tw));
      }
      if (sn.empty() && shape.title.empty() && !flagged) titles.clear();
      // a short form names an author, or is a flagged short title, or a quoted one
      const bool usable = !sn.empty() || (!titles.empty() && (flagged || c.written.find("“") != std::string::npos ||
                                                              c.written.find("«") != std::string::npos));
      std::vector<std::size_t> candidates;
      if (usable) {
        if (sn.empty()) {
          const std::size_t from = works.size() > max_short_form_candidates ? works.size() - max_short_form_candidates : 0;
          for (std::size_t k = from; k < works.size(); ++k) candidates.push_back(k);
        } else {
          // the latest max_short_form_candidates works sharing a key of the first person of each reading
          std::vector<std::string> keys;
          for (const auto& set : name_sets)
            for (auto& k : person_keys(set.front())) keys.push_back(std::move(k));
          for (const auto& key : keys) {
            if (auto it = s_->by_person.find(key); it != s_->by_person.end()) {
              const auto& bucket = it->second;
              std::size_t taken = 0;
              for (std::size_t k = bucket.size(); k-- > 0 && taken < max_short_form_candidates; ++taken)
                candidates.push_back(bucket[k]);
            }
          }
          std::sort(candidates.begin(), candidates.end());
          candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        }
      }
      std::size_t best = std::string::npos;
      double best_score = 0;
      std::size_t best_recency = 0;
      std::vector<candidate> rejected;
      const bool author_only = titles.empty() || (shape.opcit && shape.title.empty());
      for (std::size_t k : candidates) {
        const work& w = works[k];
        std::string why;
        if (!names_match(w)) why = "author differs";
        double sc = 0;
        if (why.empty()) {
          if (author_only) {
            sc = 0.8;
          } else {
            for (const auto& t : titles) sc = std::max(sc, title_score(w.title, t, shape.cut));
            if (sc == 0) why = "short title not in its title";
            else if (sn.empty()) sc *= 0.75;
          }
        }
        if (!why.empty()) {
          if (rejected.size() < 8) {
            std::string title;
            for (const auto& t : w.title) title += (title.empty() ? "" : " ") + t;
            rejected.push_back({w.id, w.first_note, title, why});
          }
          continue;
        }
        // a better score wins; on a tie the earliest work when a title decided, the latest cited when only
        // the author did
        const bool better = sc > best_score || (sc == best_score && author_only && w.last_cited > best_recency);
        if (better) {
          best_score = sc;
          best = k;
          best_recency = w.last_cited;
        }
      }
      if (best != std::string::npos) {
        work& w = works[best];
        std::size_t same_author = 0;
        if (author_only)
          for (std::size_t k : candidates) same_author += names_match(works[k]);
        const double confidence = author_only ? (same_author > 1 ? 0.5 : 0.85) : best_score >= 1 ? 0.95 : 0.8;
        std::string reason = shape.opcit       ? "op. cit.: the author's work"
                             : author_only    ? (same_author > 1 ? "the author's latest cited work (of several)" : "the author's only work cited before")
                             : sn.empty()     ? "short title"
                                              : "author and short title";
        const std::string locator = shape.locator.empty() ? dash_to_hyphen(c.locator) : shape.locator;
        refer(c, ct, best, "subsequent", w.first_note, locator, confidence, std::move(reason));
        continue;
      }
      // op. cit. asserts that the author's work was cited before; when no work has every person named, a
      // co-author was likely misread in the full citation ("L. D. Landau and E. M. Lifshitz Electrodynamics
      // of …", no comma before the title): the latest cited work of the first person named, at low confidence
      if (shape.opcit && author_only && !sn.empty()) {
        std::size_t first_author = std::string::npos;
        for (std::size_t k : candidates) {
          bool first = false;
          for (const auto& set : name_sets) first = first || names_person(set.front(), works[k].persons);
          if (first && (first_author == std::string::npos || works[k].last_cited > works[first_author].last_cited))
            first_author = k;
        }
        if (first_author != std::string::npos) {
          const std::string locator = shape.locator.empty() ? dash_to_hyphen(c.locator) : shape.locator;
          refer(c, ct, first_author, "subsequent", works[first_author].first_note, locator, 0.5,
                "op. cit.: the first author's work (the other names differ)");
          continue;
        }
      }
      if ((flagged || shape.opcit) && rejected.empty() && !sn.empty() && !titles.empty()) {
        // for the report only: a work of the same short title under another author is the likely
        // intended one (a misspelt or differently written name); bounded like the candidates
        const std::size_t from = works.size() > max_short_form_candidates ? works.size() - max_short_form_candidates : 0;
        for (std::size_t k = works.size(); k-- > from && rejected.size() < 8;) {
          double sc = 0;
          for (const auto& t : titles) sc = std::max(sc, title_score(works[k].title, t, shape.cut));
          if (sc == 0) continue;
          std::string title;
          for (const auto& t : works[k].title) title += (title.empty() ? "" : " ") + t;
          rejected.push_back({works[k].id, works[k].first_note, title, "same short title, but the author differs"});
        }
      }
      if (flagged || shape.opcit || !rejected.empty()) {
        diagnostics.push_back({"resolve.unmatched-short-form", severity::note, c.where,
                               "note " + std::to_string(note.number) +
                                   " looks like a short form but matches no earlier citation; kept as a full citation",
                               ""});
        s_->report.push_back({note.number, i, c.written, std::move(rejected)});
      }
      // "Il’in, On the Essence of Legal Consciousness, 129." first cited in short: a title not in quotation
      // marks, with an author and nothing else, is a book's (Chicago quotes the titles of articles and
      // chapters, and italicises books', which plain text loses)
      if (flagged && (c.item.type.empty() || c.item.type == "document") && !c.item.names_of("author").empty()) {
        const std::string_view title = c.item.get("title");
        const std::size_t at = title.empty() ? std::string::npos : c.written.find(title);
        bool quoted = false;
        if (at != std::string::npos && at > 0) {
          std::size_t before = at;
          while (before > 0 && (static_cast<unsigned char>(c.written[before - 1]) & 0xC0) == 0x80) --before;
          if (before > 0) --before;
          const std::string_view q = std::string_view(c.written).substr(before, at - before);
          quoted = q == "\"" || q == "'" || q == "“" || q == "«" || q == "„" || q == "‘";
        }
        const bool bare_work = c.item.get("container-title").empty() && c.item.get("publisher").empty() &&
                               c.item.get("URL").empty() && !c.item.dates.count("issued");
        if (at != std::string::npos && !quoted && bare_work) c.item.type = "book";
      }
    }

    // ---- pass: archival files cited in full
    if (const archival a = read_archival(c.written); a.found) {
      reference item;
      item.type = "document";
      if (!a.title.empty()) item.set("title", a.title);
      item.set("archive", a.archive);
      item.set("archive_location", location_of(a.levels, a.separator));
      item.set("language", text::has_cyrillic(c.written) ? std::string("ru")
                           : c.item.get("language").empty() ? std::string("en") : std::string(c.item.get("language")));
      c.item = std::move(item);
      c.locator = a.locator;
      const std::size_t k = add_full(c, ct, a.locator, 1.0, "full citation (archival file)");
      works[k].levels = a.levels;
      works[k].level_separator = a.separator;
      continue;
    }

    // ---- pass: full citations, new or repeated
    std::string locator = full_locator(c);
    // in a reference list the pages after a work are its own ("Journal 37, (2013), H. 1–2, 133–154."),
    // also where the parser took an earlier number for them ("Public Choice 141, 1–2 (2009): 129–150")
    if (s_->list && !locator.empty()) {
      // "Publishers Weekly, July 3, 2000, 27.": one number the parser read as both volume and page cited
      if (locator == c.item.get("volume") && !c.item.has("issue")) c.item.set("volume", "");
      c.item.set("page", after_volume(locator, std::string(c.item.get("volume"))));
      locator.clear();
      c.locator.clear();
    }
    add_full(c, ct, locator, 1.0, "full citation");
  }

  // ---- pass: abbreviations defined in this note belong to the last citation that starts before their cue
  if (!note.text.empty()) {
    const auto defs = read_definitions(note.text);
    if (!defs.empty()) {
      // where each citation starts in the note's text, searched forward once (linear in the note)
      std::vector<std::size_t> starts(note.citations.size(), std::string::npos);
      std::size_t from = 0;
      for (std::size_t i = 0; i < note.citations.size(); ++i) {
        const auto& w = note.citations[i].written;
        const std::string_view probe = std::string_view(w).substr(0, std::min<std::size_t>(w.size(), 24));
        if (probe.empty()) continue;
        const auto at = note.text.find(probe, from);
        if (at == std::string::npos) continue;
        starts[i] = at;
        from = at + 1;
      }
      std::size_t i = 0, owner = std::string::npos;
      for (const auto& d : defs) {
        for (; i < note.citations.size() && (starts[i] == std::string::npos || starts[i] <= d.at); ++i)
          if (starts[i] != std::string::npos && work_of[i] != std::string::npos) owner = work_of[i];
        if (owner != std::string::npos) s_->by_abbreviation[d.abbreviation] = owner;
      }
    }
  }
}

std::vector<reference> resolver::references() const {
  std::vector<reference> out;
  out.reserve(s_->works.size());
  for (const auto& w : s_->works) {
    reference r = w.packed.empty() ? *w.full : unpack(w);
    auto notes = nlohmann::json::array();
    auto cited = nlohmann::json::array();
    for (const auto& [n, loc] : w.cites) {
      if (notes.empty() || notes.back() != n) notes.push_back(n);
      nlohmann::json one = {{"note", n}};
      if (!loc.empty()) one["locator"] = loc;
      cited.push_back(std::move(one));
    }
    r.custom["notes"] = notes;
    r.custom["cites"] = cited;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace detail

bibliography resolve(parse::parsed_document document) {
  bibliography bib;
  bib.document = std::move(document);
  detail::resolver r;
  r.set_reference_list(bib.document.reference_list || parse::detail::looks_like_reference_list(bib.document.notes));
  for (auto& note : bib.document.notes) r.add_note(note, bib.cites, bib.diagnostics);
  bib.references = r.references();
  bib.report = r.report();
  for (const auto& d : bib.diagnostics) bib.document.diagnostics.push_back(d);
  return bib;
}

std::string format_report(const std::vector<unmatched>& list) {
  std::string out;
  for (const auto& u : list) {
    out += "note " + std::to_string(u.note) + ", citation " + std::to_string(u.index + 1) + ": " + u.written + "\n";
    if (u.candidates.empty()) out += "  no earlier work shares its author or title\n";
    for (const auto& c : u.candidates)
      out += "  " + c.id + " (note " + std::to_string(c.note) + ", \"" + c.title + "\"): " + c.why + "\n";
  }
  return out;
}

}  // namespace bicite::resolve
