// Resolving Ibid., short forms and repeated full citations into one bibliography.
#include <bicite/csljson.hpp>
#include <bicite/resolve.hpp>
#include <bicite/text.hpp>
#include <bicite/translit.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
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

std::string family_key(const name& n) { return match_key(n.literal.empty() ? n.family : n.literal); }

std::vector<std::string> family_keys(const reference& r) {
  std::vector<std::string> out;
  for (const char* role : {"author", "editor"})
    for (const auto& n : r.names_of(role)) out.push_back(family_key(n));
  return out;
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

// ---------------------------------------------------------------- works

}  // namespace

namespace detail {
struct work {
  std::unique_ptr<reference> full;  // the work's fields; null when packed
  std::string packed;  // the same as compact CSL-JSON, when the resolver keeps works packed (stream)
  std::string id;
  int first_note = 0;
  int last_full_note = 0;
  std::vector<int> notes;
  std::vector<std::string> families;
  std::vector<std::string> title;
  std::string url;
};
}  // namespace detail

namespace {

using detail::work;


// A short form matches a work when its authors all match and its title is a prefix of the work's.
double short_form_score(const work& w, const std::vector<std::string>& f, const std::vector<std::string>& t) {
  if (f.empty() && t.empty()) return 0;
  for (const auto& fam : f) {
    bool found = false;
    for (const auto& wf : w.families) {
      // a family name, or the last word of an organisation
      if (similar_word(fam, wf) || (wf.size() > fam.size() && wf.find(fam) != std::string::npos)) found = true;
    }
    if (!found) return 0;
  }
  if (t.empty()) return f.empty() ? 0 : 0.6;
  if (t.size() > w.title.size()) return 0;
  // the short title is the start of the full one, or (Chicago "key words") a run of words inside it
  double best = 0;
  for (std::size_t start = 0; start + t.size() <= w.title.size(); ++start) {
    std::size_t matched = 0;
    for (std::size_t i = 0; i < t.size(); ++i)
      if (similar_word(t[i], w.title[start + i])) ++matched;
    const bool ok = matched == t.size() || (t.size() >= 4 && matched + 1 >= t.size());
    if (!ok) continue;
    const double sc = (f.empty() ? 0.7 : 1.0) * (start == 0 ? 1.0 : 0.9);
    best = std::max(best, sc);
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
  const auto f = family_keys(r);
  if (!f.empty()) base = words(f[0]).empty() ? "" : words(f[0]).back();
  if (base.empty()) {
    auto t = title_words(r);
    if (!t.empty()) base = t[0];
  }
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

void fill_from(reference& item, const reference& full, const std::string& position, int antecedent) {
  nlohmann::json custom = full.custom;
  item = full;
  custom.erase("notes");
  item.custom = custom;
  item.custom["position"] = position;
  if (antecedent > 0) item.custom["antecedent"] = antecedent;
  else erase_key(item.custom, "antecedent");
}

}  // namespace

namespace detail {

struct resolver::state {
  std::vector<work> works;
  std::map<std::string, int> ids;
  // indexes, so that resolving stays linear in the number of notes
  std::unordered_map<std::string, std::size_t> by_url, by_identity;
  std::unordered_map<std::string, std::vector<std::size_t>> by_family;
  std::size_t previous = std::string::npos;  // the work cited last
  bool packed = false;
  reference scratch;  // the last unpacked work
};

resolver::resolver(bool packed) : s_(std::make_unique<state>()) { s_->packed = packed; }

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

void resolver::add_note(parse::parsed_note& note, std::vector<cite>& cites, std::vector<diagnostic>& diagnostics) {
  auto& works = s_->works;
  auto& previous = s_->previous;
  // A citation that refers back to work `w` (Ibid. or a short form): filled from it, and recorded.
  auto refer = [&](parse::citation& c, cite& ct, work& w, const char* position, int antecedent) {
    fill_from(c.item, full_of(w), position, antecedent);
    w.notes.push_back(note.number);
    ct.id = w.id;
    ct.position = position;
    ct.antecedent = antecedent;
    cites.push_back(ct);
  };
  for (std::size_t i = 0; i < note.citations.size(); ++i) {
    auto& c = note.citations[i];
    cite ct;
    ct.note = note.number;
    ct.index = i;
    ct.locator = c.locator;
    if (c.ibid) {
      if (previous == std::string::npos) {
        diagnostics.push_back({"resolve.unmatched-ibid", severity::warning, c.where,
                               "\"Ibid.\" in note " + std::to_string(note.number) + " has no earlier citation to refer to", ""});
        c.item.custom["position"] = "ibid";
        ct.position = "ibid";
        cites.push_back(ct);
        continue;
      }
      work& w = works[previous];
      refer(c, ct, w, "ibid", w.last_full_note);
      continue;
    }
    if (c.short_form) {
      std::size_t best = std::string::npos;
      double best_score = 0;
      const auto fams = family_keys(c.item);
      const auto title = title_words(c.item);
      // the candidates, earliest first: the latest max_short_form_candidates works sharing the first
      // three letters of a word of the first family name (or any work when no author is named)
      std::vector<std::size_t> candidates;
      if (fams.empty()) {
        const std::size_t from = works.size() > max_short_form_candidates ? works.size() - max_short_form_candidates : 0;
        for (std::size_t k = from; k < works.size(); ++k) candidates.push_back(k);
      } else {
        // works sharing a word of the first family name (typos: the first three letters)
        const auto fw = words(fams[0]);
        const std::string f = fw.empty() ? "" : fw.back();
        if (auto it = s_->by_family.find(f.substr(0, 3)); it != s_->by_family.end()) {
          // each bucket is in work order, a work at most once per word: keep the latest distinct ones
          const auto& bucket = it->second;
          for (std::size_t k = bucket.size(); k-- > 0 && candidates.size() < max_short_form_candidates;)
            if (candidates.empty() || candidates.back() != bucket[k]) candidates.push_back(bucket[k]);
          std::sort(candidates.begin(), candidates.end());
        }
      }
      for (std::size_t k : candidates) {
        const double sc = short_form_score(works[k], fams, title);
        if (sc > best_score) {  // strictly better: the earliest wins a tie
          best_score = sc;
          best = k;
        }
      }
      if (best != std::string::npos) {
        work& w = works[best];
        refer(c, ct, w, "subsequent", w.first_note);
        previous = best;
        continue;
      }
      diagnostics.push_back({"resolve.unmatched-short-form", severity::note, c.where,
                             "note " + std::to_string(note.number) +
                                 " looks like a short form but matches no earlier citation; kept as a full citation",
                             ""});
    }
    // a full citation: a new work, or a repeat of one cited before
    std::size_t found = std::string::npos;
    const std::string url = url_key(c.item.get("URL"));
    const auto tw = title_words(c.item);
    const auto fk = family_keys(c.item);
    std::string ident;
    for (const auto& w : tw) ident += w + ' ';
    ident += '|';
    for (const auto& f : fk) ident += f + '|';
    if (!url.empty()) {
      if (auto it = s_->by_url.find(url); it != s_->by_url.end()) found = it->second;
    }
    if (found == std::string::npos && !tw.empty()) {
      // same title and names; a different link means another work
      if (auto it = s_->by_identity.find(ident); it != s_->by_identity.end() && (url.empty() || works[it->second].url.empty()))
        found = it->second;
    }
    if (found == std::string::npos) {
      work w;
      w.full = std::make_unique<reference>(c.item);
      erase_key(w.full->custom, "position");
      erase_key(w.full->custom, "antecedent");
      w.id = make_id(c.item, s_->ids);
      w.full->id = w.id;
      w.first_note = note.number;
      w.families = fk;
      w.title = tw;
      w.url = url;
      if (s_->packed) pack(w);
      works.push_back(std::move(w));
      found = works.size() - 1;
      if (!url.empty()) s_->by_url.emplace(url, found);
      ident.shrink_to_fit();
      s_->by_identity.emplace(std::move(ident), found);
      for (const auto& f : works[found].families)
        for (const auto& word : words(f)) {
          auto& bucket = s_->by_family[word.substr(0, 3)];
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
    }
    work& w = works[found];
    w.last_full_note = note.number;
    w.notes.push_back(note.number);
    c.item.id = w.id;
    c.item.custom["position"] = "first";
    erase_key(c.item.custom, "antecedent");
    ct.id = w.id;
    ct.position = "first";
    cites.push_back(ct);
    previous = found;
  }
}

std::vector<reference> resolver::references() const {
  std::vector<reference> out;
  out.reserve(s_->works.size());
  for (const auto& w : s_->works) {
    reference r = w.packed.empty() ? *w.full : unpack(w);
    auto notes = nlohmann::json::array();
    for (int n : w.notes)
      if (notes.empty() || notes.back() != n) notes.push_back(n);
    r.custom["notes"] = notes;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace detail

bibliography resolve(parse::parsed_document document) {
  bibliography bib;
  bib.document = std::move(document);
  detail::resolver r;
  for (auto& note : bib.document.notes) r.add_note(note, bib.cites, bib.diagnostics);
  bib.references = r.references();
  for (const auto& d : bib.diagnostics) bib.document.diagnostics.push_back(d);
  return bib;
}

}  // namespace bicite::resolve
