// The venue knowledge base: venues.tsv (embedded) plus venues a program adds, indexed by alias
// form, name key (every romanisation scheme), domain and host/path, and by word keys for the fuzzy
// stage. A form shared by two venues of the same priority is ambiguous and matches neither.
#include "bicite/venues.hpp"

#include <algorithm>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "bicite/text.hpp"
#include "core/embedded.hpp"
#include "core/json.hpp"
#include "venues/keys.hpp"

namespace bicite::venues {
namespace {

using namespace bicite::venues::detail;

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using string_map = std::unordered_map<std::string, V, string_hash, std::equal_to<>>;

constexpr int ambiguous = -1;

struct slot {
  int venue = ambiguous;
  int priority = 0;
};

struct fuzzy_variant {
  int venue = 0;
  std::string words;  // sorted word keys
};

constexpr double fuzzy_threshold = 0.85;
constexpr std::size_t fuzzy_min_length = 6;
constexpr std::size_t fuzzy_max_postings = 64;

class venue_tables {
 public:
  venue_tables() {
    load_descriptors();
    if (auto file = bicite::detail::embedded_file("venues/venues.tsv")) (void)load_tsv(*file, 0, "");
  }

  // Every table but the lock; slots hold indices into venues_, so the copy's matches point into the
  // copy's own venues.
  venue_tables(const venue_tables& o) {
    std::shared_lock lock(o.mutex_);
    venues_ = o.venues_;
    aliases_ = o.aliases_;
    keys_ = o.keys_;
    domains_ = o.domains_;
    stems_ = o.stems_;
    before_ = o.before_;
    after_ = o.after_;
    paths_ = o.paths_;
    variants_ = o.variants_;
    postings_ = o.postings_;
  }
  venue_tables& operator=(const venue_tables&) = delete;

  venue_match by_name(std::string_view name) const {
    std::shared_lock lock(mutex_);
    return by_name_locked(name);
  }

  venue_match by_url(std::string_view url) const {
    std::shared_lock lock(mutex_);
    return by_url_locked(url);
  }

  load_result add(std::string_view text) {
    std::unique_lock lock(mutex_);
    const std::string_view t = bicite::text::trim(text);
    if (!t.empty() && t.front() == '[') return load_json(text);
    return load_tsv(text, 1, "user:");
  }

  std::vector<const venue*> all() const {
    std::shared_lock lock(mutex_);
    std::vector<const venue*> out;
    out.reserve(venues_.size());
    for (const auto& v : venues_) out.push_back(&v);
    return out;
  }

 private:
  mutable std::shared_mutex mutex_;
  std::deque<venue> venues_;
  string_map<slot> aliases_, keys_, domains_, stems_;
  std::vector<std::pair<std::string, bool>> before_, after_;  // descriptor phrases (alias form)
  string_map<std::vector<std::pair<std::string, slot>>> paths_;  // host → (path prefix, venue)
  std::vector<fuzzy_variant> variants_;
  string_map<std::vector<int>> postings_;  // word key → variants

  static void put(string_map<slot>& map, const std::string& form, int venue, int priority) {
    if (form.empty()) return;
    auto [it, inserted] = map.try_emplace(form, slot{venue, priority});
    if (inserted) return;
    slot& s = it->second;
    if (priority > s.priority) s = {venue, priority};
    else if (priority == s.priority && s.venue != venue) s.venue = ambiguous;
  }

  void load_descriptors() {
    for (const auto& row : bicite::detail::data_rows("venues/descriptors.tsv")) {
      if (row.size() < 2) continue;
      const std::string phrase = alias_form(row[0]);
      const std::string_view where = row[1];
      if (where == "before" || where == "both") before_.push_back({phrase + " ", true});
      if (where == "after" || where == "both") after_.push_back({" " + phrase, true});
    }
  }

  void add_name(const std::string& name, int index, int priority) {
    const std::string form = alias_form(name);
    if (form.empty()) return;
    put(aliases_, form, index, priority);
    if (has_cyrillic(form)) put(stems_, russian_stems(form), index, priority);
    std::vector<std::string> latin;
    if (has_cyrillic(form)) {
      for (const auto& scheme : key_schemes()) latin.push_back(romanize(form, scheme));
    } else {
      latin.push_back(form);
    }
    for (const auto& l : latin) {
      put(keys_, skeleton(l), index, priority);
      std::string words = word_keys(l);
      if (words.size() < fuzzy_min_length) continue;
      const int id = static_cast<int>(variants_.size());
      // one posting per distinct word
      std::size_t start = 0;
      while (start < words.size()) {
        std::size_t end = words.find(' ', start);
        if (end == std::string::npos) end = words.size();
        auto& list = postings_[words.substr(start, end - start)];
        if (list.empty() || list.back() != id) list.push_back(id);
        start = end + 1;
      }
      variants_.push_back({index, std::move(words)});
    }
  }

  void add_venue(venue v, int priority) {
    const int index = static_cast<int>(venues_.size());
    venues_.push_back(std::move(v));
    const venue& x = venues_.back();
    add_name(x.canonical, index, priority);
    if (!x.english.empty()) add_name(x.english, index, priority);
    for (const auto& a : x.aliases) add_name(a, index, priority);
    for (const auto& d : x.domains) {
      std::string host = bicite::text::to_lower(d);
      if (host.rfind("www.", 0) == 0) host.erase(0, 4);
      const std::size_t slash = host.find('/');
      if (slash == std::string::npos) {
        put(domains_, host, index, priority);
      } else {
        auto& list = paths_[host.substr(0, slash)];
        list.push_back({host.substr(slash), slot{index, priority}});
        std::stable_sort(list.begin(), list.end(),
                         [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
      }
    }
  }

  static std::vector<std::string> split_values(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
      std::size_t bar = cell.find('|', start);
      if (bar == std::string_view::npos) bar = cell.size();
      const std::string_view v = bicite::text::trim(cell.substr(start, bar - start));
      if (!v.empty()) out.emplace_back(v);
      start = bar + 1;
    }
    return out;
  }

  static bool valid_type(std::string_view t) {
    return t == "newspaper" || t == "magazine" || t == "agency" || t == "journal" || t == "website" ||
           t == "government";
  }

  load_result load_tsv(std::string_view text, int priority, std::string_view id_prefix) {
    load_result result;
    std::vector<std::string> header;
    std::size_t offset = 0;
    std::size_t line_no = 0;
    while (offset < text.size()) {
      std::size_t nl = text.find('\n', offset);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(offset, nl - offset);
      const std::size_t line_begin = offset;
      offset = nl + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (bicite::text::trim(line).empty() || line.front() == '#') continue;
      std::vector<std::string_view> cells;
      std::size_t start = 0;
      while (true) {
        const std::size_t tab = line.find('\t', start);
        cells.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      if (header.empty()) {
        for (auto c : cells) header.emplace_back(bicite::text::trim(c));
        if (std::find(header.begin(), header.end(), "canonical") == header.end()) {
          result.diagnostics.push_back({"venues.bad-header", severity::error, {line_begin, line_begin + line.size()},
                                        "the first row must be a header naming the columns (canonical is required)",
                                        "use the header of venues.tsv: id canonical english type language issn domains aliases"});
          return result;
        }
        continue;
      }
      venue v;
      for (std::size_t k = 0; k < header.size() && k < cells.size(); ++k) {
        const std::string_view c = bicite::text::trim(cells[k]);
        const std::string& h = header[k];
        if (h == "id") v.id = std::string(id_prefix) + std::string(c);
        else if (h == "canonical") v.canonical = c;
        else if (h == "english") v.english = c;
        else if (h == "type") v.type = c;
        else if (h == "language") v.language = c;
        else if (h == "issn") v.issn = c;
        else if (h == "domains") v.domains = split_values(c);
        else if (h == "aliases") v.aliases = split_values(c);
      }
      const span where{line_begin, line_begin + line.size()};
      if (v.canonical.empty() || !bicite::text::is_valid_utf8(line)) {
        result.diagnostics.push_back({"venues.bad-row", severity::warning, where,
                                      "venue row " + std::to_string(line_no) + " has no canonical name or is not UTF-8; skipped",
                                      ""});
        continue;
      }
      if (!v.type.empty() && !valid_type(v.type))
        result.diagnostics.push_back({"venues.unknown-type", severity::warning, where,
                                      "venue \"" + v.canonical + "\" has an unknown type \"" + v.type + "\"",
                                      "use newspaper, magazine, agency, journal, website or government"});
      if (v.id.empty() || v.id == id_prefix) v.id = std::string(id_prefix) + std::to_string(venues_.size());
      add_venue(std::move(v), priority);
      ++result.added;
    }
    return result;
  }

  load_result load_json(std::string_view text) {
    load_result result;
    nlohmann::json j = bicite::detail::parse_json(text);
    if (j.is_discarded() || !j.is_array()) {
      result.diagnostics.push_back({"venues.json", severity::error, {0, text.size()},
                                    "the venue file is not a JSON array of venue objects", ""});
      return result;
    }
    std::size_t n = 0;
    for (const auto& o : j) {
      ++n;
      auto str = [&](const char* key) {
        auto it = o.find(key);
        return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      auto list = [&](const char* key) {
        std::vector<std::string> out;
        auto it = o.find(key);
        if (it == o.end()) return out;
        if (it->is_string()) return split_values(it->get<std::string>());
        if (it->is_array())
          for (const auto& x : *it)
            if (x.is_string()) out.push_back(x.get<std::string>());
        return out;
      };
      if (!o.is_object() || str("canonical").empty()) {
        result.diagnostics.push_back({"venues.bad-row", severity::warning, {0, 0},
                                      "venue " + std::to_string(n) + " has no canonical name; skipped", ""});
        continue;
      }
      venue v;
      v.id = "user:" + (str("id").empty() ? std::to_string(venues_.size()) : str("id"));
      v.canonical = str("canonical");
      v.english = str("english");
      v.type = str("type");
      v.language = str("language");
      v.issn = str("issn");
      v.domains = list("domains");
      v.aliases = list("aliases");
      add_venue(std::move(v), 1);
      ++result.added;
    }
    return result;
  }

  venue_match found(const slot* s, const char* evidence, double score) const {
    if (!s || s->venue == ambiguous) return {};
    return {&venues_[static_cast<std::size_t>(s->venue)], evidence, score};
  }

  template <class Map>
  static const slot* lookup(const Map& map, std::string_view key) {
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
  }

  // Alias, then key, then (Cyrillic only) the key of Russian word stems, so that declined forms
  // ("в «Независимой газете»") meet the nominative; `factor` lowers the score of cleaned forms.
  venue_match exact(const std::string& form, const std::string& latin, double factor) const {
    if (const slot* s = lookup(aliases_, form)) return found(s, "alias", 1.0 * factor);
    if (const slot* s = lookup(keys_, skeleton(latin))) return found(s, "key", 0.95 * factor);
    if (has_cyrillic(form))
      if (const slot* s = lookup(stems_, russian_stems(form))) return found(s, "key", 0.9 * factor);
    return {};
  }

  std::string to_latin(const std::string& form) const {
    return has_cyrillic(form) ? romanize(form, key_schemes().empty() ? "" : key_schemes()[0]) : form;
  }

  // Cleaned forms of a name, each tried in turn: without a trailing "(…)", without the part after a
  // spaced dash or colon ("Российская газета — Федеральный выпуск"), then without generic
  // descriptors one at a time ("газета «Ведомости»", "Meduza website", "в «Известиях»").
  std::vector<std::string> cleaned(std::string_view trimmed) const {
    std::vector<std::string> out;
    std::string_view base = trimmed;
    while (!base.empty() && base.back() == ')') {
      const std::size_t open = base.rfind('(');
      if (open == std::string_view::npos || open == 0) break;
      base = bicite::text::trim(base.substr(0, open));
    }
    std::string form = alias_form(base);
    out.push_back(form);
    for (std::string_view sep : {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", ": "}) {
      const std::size_t at = base.find(sep);
      if (at != std::string_view::npos && at > 0) {
        out.push_back(alias_form(base.substr(0, at)));
        break;
      }
    }
    for (int steps = 0; steps < 4; ++steps) {
      bool changed = false;
      for (const auto& [phrase, _] : before_)
        if (form.size() > phrase.size() && form.compare(0, phrase.size(), phrase) == 0) {
          form.erase(0, phrase.size());
          changed = true;
          break;
        }
      if (!changed)
        for (const auto& [phrase, _] : after_)
          if (form.size() > phrase.size() && form.compare(form.size() - phrase.size(), phrase.size(), phrase) == 0) {
            form.erase(form.size() - phrase.size());
            changed = true;
            break;
          }
      if (!changed) break;
      out.push_back(form);
    }
    return out;
  }

  venue_match by_name_locked(std::string_view name) const {
    const std::string_view trimmed = bicite::text::trim(name);
    if (trimmed.empty() || trimmed.size() > 400) return {};
    const std::string form = alias_form(trimmed);
    if (form.empty()) return {};
    const std::string latin = to_latin(form);
    if (venue_match m = exact(form, latin, 1.0)) return m;
    // a name that is a domain: "Lenta.ru", "MK.ru"
    if (trimmed.find(' ') == std::string_view::npos && trimmed.find('.') != std::string_view::npos) {
      venue_match m = by_url_locked(trimmed);
      if (m) return m;
    }
    const std::vector<std::string> forms = cleaned(trimmed);
    for (const auto& clean : forms) {
      if (clean.empty() || clean == form) continue;
      if (venue_match m = exact(clean, to_latin(clean), 0.98)) return m;
    }
    return fuzzy(forms.empty() || forms[0].empty() ? latin : to_latin(forms[0]));
  }

  venue_match fuzzy(const std::string& latin) const {
    const std::string words = word_keys(latin);
    if (words.size() < fuzzy_min_length) return {};
    thread_local std::vector<int> hits, candidates;
    hits.clear();
    candidates.clear();
    std::size_t start = 0, word_count = 0;
    while (start < words.size()) {
      std::size_t end = words.find(' ', start);
      if (end == std::string::npos) end = words.size();
      ++word_count;
      auto it = postings_.find(std::string_view(words).substr(start, end - start));
      if (it != postings_.end() && it->second.size() <= fuzzy_max_postings)
        hits.insert(hits.end(), it->second.begin(), it->second.end());
      start = end + 1;
    }
    // a variant within the threshold shares all the words of the name but one (a typo, or a word
    // order change shares them all)
    std::sort(hits.begin(), hits.end());
    const std::size_t need = word_count > 1 ? word_count - 1 : 1;
    for (std::size_t k = 0; k < hits.size();) {
      std::size_t e = k;
      while (e < hits.size() && hits[e] == hits[k]) ++e;
      if (e - k >= need) candidates.push_back(hits[k]);
      k = e;
    }
    double best = 0, second = 0;
    int best_venue = ambiguous;
    for (int id : candidates) {
      const fuzzy_variant& v = variants_[static_cast<std::size_t>(id)];
      const std::size_t longest = std::max(v.words.size(), words.size());
      const auto limit = static_cast<std::size_t>(static_cast<double>(longest) * (1 - fuzzy_threshold + 0.05));
      const std::size_t d = bounded_levenshtein(words, v.words, limit);
      if (d > limit) continue;
      const double sim = 1.0 - static_cast<double>(d) / static_cast<double>(longest);
      if (v.venue == best_venue) {
        best = std::max(best, sim);
      } else if (sim > best) {
        second = best;
        best = sim;
        best_venue = v.venue;
      } else if (sim > second) {
        second = sim;
      }
    }
    if (best_venue == ambiguous || best < fuzzy_threshold || best - second < 0.05) return {};
    return {&venues_[static_cast<std::size_t>(best_venue)], "fuzzy", 0.9 * best};
  }

  venue_match by_url_locked(std::string_view url) const {
    std::string u;
    const std::string_view t = bicite::text::trim(url);
    if (t.empty() || t.size() > 4096) return {};
    if (t.find(' ') != std::string_view::npos) u = bicite::text::remove_url_spaces(t);
    else u.assign(t);
    std::string_view rest = u;
    if (const std::size_t scheme = rest.find("://"); scheme != std::string_view::npos && scheme < 12)
      rest.remove_prefix(scheme + 3);
    else if (rest.rfind("//", 0) == 0)
      rest.remove_prefix(2);
    const std::size_t host_end = std::min(rest.find_first_of("/?#"), rest.size());
    std::string_view authority = rest.substr(0, host_end);
    std::string_view raw_path = rest.substr(host_end);
    raw_path = raw_path.substr(0, std::min(raw_path.find_first_of("?#"), raw_path.size()));
    std::string lowered_path;
    lowered_path.reserve(raw_path.size());
    for (char c : raw_path) lowered_path.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    const std::string_view path = lowered_path;
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) authority = authority.substr(0, colon);
    while (!authority.empty() && authority.back() == '.') authority.remove_suffix(1);
    std::string host;
    host.reserve(authority.size());
    for (char c : authority) host.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    if (host.find('.') == std::string::npos) return {};
    std::string_view h = host;
    while (h.find('.') != std::string_view::npos) {
      if (auto it = paths_.find(h); it != paths_.end()) {
        for (const auto& [prefix, s] : it->second) {
          const std::size_t n = prefix.size();
          if (path.size() >= n && path.compare(0, n, prefix) == 0 &&
              (path.size() == n || path[n] == '/' || prefix.back() == '/'))
            return found(&s, "domain", 0.9);
        }
      }
      if (const slot* s = lookup(domains_, h)) return found(s, "domain", 0.9);
      h.remove_prefix(h.find('.') + 1);
    }
    return {};
  }
};

}  // namespace

struct knowledge_base::impl {
  venue_tables tables;
};

knowledge_base::knowledge_base(load_tag) : impl_(std::make_unique<impl>()) {}

knowledge_base::knowledge_base() : impl_(std::make_unique<impl>(*built_in().impl_)) {}

knowledge_base::knowledge_base(const knowledge_base& other) : impl_(std::make_unique<impl>(*other.impl_)) {}

knowledge_base& knowledge_base::operator=(const knowledge_base& other) {
  if (this != &other) impl_ = std::make_unique<impl>(*other.impl_);
  return *this;
}

knowledge_base::~knowledge_base() = default;

venue_match knowledge_base::match_name(std::string_view name) const { return impl_->tables.by_name(name); }

venue_match knowledge_base::match_url(std::string_view url) const { return impl_->tables.by_url(url); }

venue_match knowledge_base::match(std::string_view name, std::string_view url) const {
  venue_match by_name = match_name(name);
  if (by_name && by_name.evidence != "fuzzy") return by_name;
  venue_match by_url = url.empty() ? venue_match{} : match_url(url);
  if (!by_name) return by_url;
  if (by_url && by_url.match != by_name.match) return by_url;
  return by_name;
}

load_result knowledge_base::add(std::string_view text) { return impl_->tables.add(text); }

std::vector<const venue*> knowledge_base::all() const { return impl_->tables.all(); }

// Built from compiled-in data on first use and never changed after: a function-local static is
// shared, immutable state, not a registry (venues a program adds go into its own knowledge_base).
const knowledge_base& built_in() {
  static const knowledge_base kb{knowledge_base::load_tag{}};
  return kb;
}

venue_match match_name(std::string_view name) { return built_in().match_name(name); }

venue_match match_url(std::string_view url) { return built_in().match_url(url); }

venue_match match(std::string_view name, std::string_view url) { return built_in().match(name, url); }

std::vector<const venue*> all_venues() { return built_in().all(); }

std::string name_key(std::string_view name) {
  const std::string form = alias_form(name);
  const auto& schemes = key_schemes();
  return skeleton(has_cyrillic(form) ? romanize(form, schemes.empty() ? "" : schemes[0]) : form);
}

}  // namespace bicite::venues
