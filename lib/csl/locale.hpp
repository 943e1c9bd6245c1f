#pragma once
// A locale for one language: the style's cs:locale overrides, the locale file, then en-US.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "csl/output.hpp"
#include "csl/style.hpp"

namespace bicite::csl::detail {

struct locale {
  std::string lang;
  mutable std::unordered_map<std::string, const std::string*> cache;  // term lookups (one render run)
  std::vector<const locale_section*> chain;  // most specific first
  std::size_t primary = 0;                   // chain entries before the en-US fallback
  std::vector<std::shared_ptr<const locale_section>> owned;
  quote_terms quotes;
  bool limit_day_ordinals = false;
  // the term or nullptr; form falls back (verb-short → verb → long, symbol → short → long)
  const std::string* term(std::string_view name, std::string_view form = "long", bool plural = false,
                          std::string_view gender = {}) const;
  const std::string* term_uncached(std::string_view name, std::string_view form, bool plural,
                                  std::string_view gender) const;
  std::string term_or(std::string_view name, std::string_view form = "long", bool plural = false) const {
    const std::string* t = term(name, form, plural);
    return t ? *t : std::string();
  }
  std::string gender_of(std::string_view name) const;
  const element* date_format(std::string_view form) const;
  std::string option(std::string_view name) const;
};

// The two-column table of an embedded TSV file (lib/csl/data), first column → second: lines starting
// with '#', empty lines and the header row are skipped; empty when the file is missing. Shared by the
// primary dialects (locale.cpp) and the number labels (eval.cpp), so both read their TSV one way.
std::map<std::string, std::string, std::less<>> key_value_table(std::string_view name);

// Builds the locale for `lang` (empty: en-US); `missing` is set when no file was found for it.
std::shared_ptr<const locale> make_locale(const style& s, std::string_view lang, const std::string& locale_dir,
                                          bool* missing = nullptr);

}  // namespace bicite::csl::detail
