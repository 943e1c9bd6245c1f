// Locales: loading locale files (cached), merging with the style's cs:locale sections.
#include "csl/locale.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/embedded.hpp"

namespace bicite::csl::detail {

std::map<std::string, std::string, std::less<>> key_value_table(std::string_view name) {
  std::map<std::string, std::string, std::less<>> t;
  auto data = bicite::detail::embedded_file(name);
  if (!data) return t;
  std::string_view s = *data;
  bool header = true;
  while (!s.empty()) {
    auto nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto tab = line.find('\t');
    if (tab != std::string_view::npos) t.emplace(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
  }
  return t;
}

namespace {

namespace fs = std::filesystem;

std::string default_locale_dir() { return "/usr/share/citation-style-language/locales"; }

std::string primary_dialect(std::string_view lang) {
  static const auto table = key_value_table("csl/primary-dialects.tsv");
  auto it = table.find(lang);
  return it == table.end() ? std::string(lang) : it->second;
}

std::shared_ptr<const locale_section> load_file(const std::string& dir, const std::string& tag) {
  static std::mutex m;
  static std::map<std::string, std::shared_ptr<const locale_section>> cache;
  std::string path = dir + "/locales-" + tag + ".xml";
  std::lock_guard<std::mutex> lock(m);
  if (auto it = cache.find(path); it != cache.end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  std::shared_ptr<const locale_section> result;
  if (in) {
    std::ostringstream s;
    s << in.rdbuf();
    auto sec = std::make_shared<locale_section>();
    if (parse_locale_xml(s.str(), *sec)) result = sec;
  }
  cache[path] = result;
  return result;
}

std::string base_of(std::string_view tag) {
  auto p = tag.find('-');
  return std::string(tag.substr(0, p));
}

}  // namespace

const std::string* locale::term(std::string_view name, std::string_view form, bool plural, std::string_view gender) const {
  std::string ck;
  ck.reserve(name.size() + form.size() + gender.size() + 4);
  ck.append(name).append("|").append(form).append(plural ? "|p|" : "|s|").append(gender);
  if (auto it = cache.find(ck); it != cache.end()) return it->second;
  const std::string* found = term_uncached(name, form, plural, gender);
  cache.emplace(std::move(ck), found);
  return found;
}

const std::string* locale::term_uncached(std::string_view name, std::string_view form, bool plural,
                                         std::string_view gender) const {
  bool ordinal = name.substr(0, 7) == "ordinal" || name.substr(0, 12) == "long-ordinal";
  std::string base(name);
  base += '|';
  auto lookup = [&](std::string_view f) -> const std::string* {
    std::string key = base;
    key += f;
    key += plural ? "|p" : "|s";
    for (const auto* sec : chain) {
      if (!gender.empty()) {
        auto it = sec->terms.find(key + "|" + std::string(gender));
        if (it != sec->terms.end()) return &it->second;
      }
      auto it = sec->terms.find(key);
      if (it != sec->terms.end()) return &it->second;
      if (ordinal && !sec->term_names_ordinal.empty()) {
        // a section that defines ordinals replaces all ordinals of later sections
        if (name.substr(0, 7) == "ordinal") return nullptr;
      }
    }
    return nullptr;
  };
  if (const std::string* t = lookup(form)) return t;
  if (form == "verb-short") {
    if (const std::string* t = lookup("verb")) return t;
  }
  if (form == "symbol" || form == "verb-short") {
    if (const std::string* t = lookup("short")) return t;
  }
  if (form != "long") return lookup("long");
  return nullptr;
}

std::string locale::gender_of(std::string_view name) const {
  std::string key = "gender|" + std::string(name);
  for (const auto* sec : chain) {
    auto it = sec->terms.find(key);
    if (it != sec->terms.end()) return it->second;
  }
  return {};
}

const element* locale::date_format(std::string_view form) const {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const auto* sec = chain[i];
    if (i >= primary && primary > 0 && i > 0 && sec->date_formats.empty()) continue;
    auto it = sec->date_formats.find(std::string(form));
    if (it != sec->date_formats.end()) return &it->second;
  }
  return nullptr;
}

std::string locale::option(std::string_view name) const {
  for (std::size_t i = 0; i < chain.size() && i < primary; ++i) {
    const auto* sec = chain[i];
    auto it = sec->options.find(std::string(name));
    if (it != sec->options.end()) return it->second;
  }
  return {};
}

std::shared_ptr<const locale> make_locale(const style& s, std::string_view lang_in, const std::string& locale_dir,
                                          bool* missing) {
  auto loc = std::make_shared<locale>();
  std::string lang(lang_in.empty() ? std::string_view("en-US") : lang_in);
  std::string base = base_of(lang);
  std::string full = lang.find('-') == std::string::npos ? primary_dialect(lang) : lang;
  loc->lang = full;
  for (const auto& sec : s.locales)
    if (!sec.lang.empty() && (sec.lang == lang || sec.lang == full)) loc->chain.push_back(&sec);
  for (const auto& sec : s.locales)
    if (!sec.lang.empty() && sec.lang == base && sec.lang != lang) loc->chain.push_back(&sec);
  for (const auto& sec : s.locales)
    if (sec.lang.empty()) loc->chain.push_back(&sec);
  std::string dir = locale_dir.empty() ? default_locale_dir() : locale_dir;
  auto file = load_file(dir, full);
  if (!file && full != primary_dialect(base)) file = load_file(dir, primary_dialect(base));
  if (!file) file = load_file(dir, base);
  if (missing) *missing = !file;
  if (file) {
    loc->owned.push_back(file);
    loc->chain.push_back(file.get());
  }
  loc->primary = loc->chain.size();
  if (full != "en-US") {
    if (auto en = load_file(dir, "en-US")) {
      loc->owned.push_back(en);
      loc->chain.push_back(en.get());
    }
  }
  loc->quotes.open = loc->term_or("open-quote");
  loc->quotes.close = loc->term_or("close-quote");
  loc->quotes.open_inner = loc->term_or("open-inner-quote");
  loc->quotes.close_inner = loc->term_or("close-inner-quote");
  if (loc->quotes.open.empty()) loc->quotes.open = "\u201C";
  if (loc->quotes.close.empty()) loc->quotes.close = "\u201D";
  if (loc->quotes.open_inner.empty()) loc->quotes.open_inner = "\u2018";
  if (loc->quotes.close_inner.empty()) loc->quotes.close_inner = "\u2019";
  loc->quotes.punctuation_in_quote = loc->option("punctuation-in-quote") == "true";
  loc->limit_day_ordinals = loc->option("limit-day-ordinals-to-day-1") == "true";
  return loc;
}

}  // namespace bicite::csl::detail
