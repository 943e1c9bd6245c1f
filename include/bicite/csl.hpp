#pragma once
/// A CSL 1.0.2 processor: load a style once, then render citations and bibliographies of
/// `bicite::reference` items as plain text, HTML or Markdown, in the list's language (or, for GOST
/// styles, each item in its own).
#include <concepts>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::csl {

/// A parsed CSL style with its macros; immutable, parse once and share between threads.
struct style;

/// Where styles and locales are looked up.
struct load_options {
  /// Directories searched first for a style name, then the system styles, then the styles compiled
  /// into bicite (gost-r-7-0-100-2018, gost-r-7-0-100-2018-numeric, gost-r-7-0-100-2018-references).
  /// The bicite command adds the directories of $BICITE_CSL_PATH here; the library reads no
  /// environment variable.
  std::vector<std::string> style_path{};
  /// Directory of locales-xx-XX.xml files; empty: the system locales (the command sets it from
  /// $BICITE_CSL_LOCALES).
  std::string locale_dir{};
};

/// Gives the XML of a style by its id or URL (for a dependent style's parent), or nothing.
using style_fetcher = std::function<std::optional<std::string>(std::string_view id)>;

/// Parses a style from its XML; a dependent style's parent comes from `fetch_parent`.
result<std::shared_ptr<const style>> parse_style(std::string_view xml, const style_fetcher& fetch_parent = {});

/// Loads a style from a file path or by name ("apa") on the search path or compiled in, following
/// `<link rel="independent-parent">` to the parent in the same directory or on the search path.
result<std::shared_ptr<const style>> load_style(std::string_view name_or_path, const load_options& options = {});

/// A style, or why it could not be had, with the warnings reading it gave.
struct loaded_style {
  result<std::shared_ptr<const bicite::csl::style>> style;
  std::vector<diagnostic> diagnostics;  ///< warnings: unknown elements and attributes, unknown macros
};

/// parse_style, with its warnings by value.
loaded_style read_style(std::string_view xml, const style_fetcher& fetch_parent = {});
/// load_style, with its warnings by value.
loaded_style open_style(std::string_view name_or_path, const load_options& options = {});

/// Deprecated: read_style and open_style return the warnings by value (kept for one release).
[[deprecated("use bicite::csl::read_style")]]
result<std::shared_ptr<const style>> parse_style(std::string_view xml, const style_fetcher& fetch_parent,
                                                 std::vector<diagnostic>* warnings);
[[deprecated("use bicite::csl::open_style")]]
result<std::shared_ptr<const style>> load_style(std::string_view name_or_path, const load_options& options,
                                                std::vector<diagnostic>* warnings);

/// The names (file names without ".csl") of the styles on the search path and of the styles
/// compiled into bicite, sorted, unique.
std::vector<std::string> list_styles(const load_options& options = {});

/// The style's title from its cs:info.
std::string style_title(const style& s);
/// The transliteration scheme a style asks for with bicite's extension attribute on cs:style
/// (`bicite:transliterate="bs_2979_alt"`, see bicite_namespace), or empty.
std::string style_transliteration(const style& s);
/// True when the style has a cs:bibliography.
bool has_bibliography(const style& s);
/// True for class="note".
bool is_note_style(const style& s);

/// The kinds of output.
enum class output_format { text, html, markdown };

/// Where a cite stands relative to earlier cites of its item (CSL's `position`).
enum class cite_position {
  computed,          ///< from the citations before it (the default)
  first,
  subsequent,
  ibid,
  ibid_with_locator
};

/// One cite of a citation: an item, with an optional locator and affixes.
struct cite {
  std::string id;               ///< the item's id
  std::string locator{};        ///< "23", "12-15"
  std::string label{};          ///< locator term: "page" (default), "chapter", …
  std::string prefix{};         ///< text before the cite (may hold <i>…</i> markup)
  std::string suffix{};         ///< text after the cite
  bool suppress_author = false; ///< omit the first names of the cite
  bool author_only = false;     ///< show only the first names of the cite
  cite_position position = cite_position::computed;  ///< a position the caller fixes (e.g. a document's own)
};

/// A citation: the cites at one place of a document (one footnote, one parenthesis).
struct citation {
  std::string id{};             ///< optional identifier
  std::vector<cite> cites;
  int note_number = 0;          ///< footnote number for note styles; 0 in the main text
};

/// How items with transliterated and translated variants are shown.
enum class variant_display {
  original,               ///< the form the item shows by default
  transliterated,         ///< the transliteration where there is one
  transliterated_translated  ///< "transliteration [translation]", as Chicago and ALA-LC recommend
};

/// Whose language an entry's terms ("and", "edited by", "pp."), dates and quotes follow.
enum class item_locale {
  automatic,  ///< `on` for the GOST styles (id or title holding "gost") and styles whose default-locale is
              ///< Russian, where each entry keeps its own language; `off` for the rest (Chicago, APA, MLA, …)
  on,         ///< each item's `language`, where a locale file for it exists; without one, English for a title
              ///< in Latin letters only and Russian for one in Cyrillic only
  off         ///< the list's locale (`render_options::locale`, else the style's default-locale) for every item
};

/// render_options::per_item_locale: an `item_locale`, or a bool as the option once was (true: on, false: off).
struct item_locale_choice {
  item_locale mode = item_locale::automatic;
  constexpr item_locale_choice() = default;
  constexpr item_locale_choice(item_locale m) : mode(m) {}
  template <std::same_as<bool> B>  // a bool only: an int or a pointer is no choice
  constexpr item_locale_choice(B on) : mode(on ? item_locale::on : item_locale::off) {}
  friend constexpr bool operator==(item_locale_choice, item_locale_choice) = default;
};

/// The XML namespace of bicite's CSL extension attributes, which other processors ignore:
/// `<style xmlns:bicite="urn:bicite:csl" …>` … `<name bicite:case="genitive" …/>` puts the Cyrillic
/// names of a Russian item in the genitive ("под ред. Ф. А. Лукьянова"; bicite::names::to_genitive).
inline constexpr std::string_view bicite_namespace = "urn:bicite:csl";

/// Options of one rendering run.
struct render_options {
  output_format format = output_format::html;  ///< default: HTML
  std::string locale{};          ///< default locale; empty: the style's default-locale, else en-US
  bool force_locale = false;     ///< render every item with `locale`, whatever `per_item_locale` says
  /// Whether each item's `language` chooses its terms, dates and quotes (see item_locale). An item's
  /// language still decides what CSL lets it decide whatever this says: title case for English items only.
  item_locale_choice per_item_locale{};
  variant_display variants = variant_display::original;  ///< which form of variant fields to show
  std::string locale_dir{};      ///< see load_options::locale_dir
  /// Abbreviation lists by variable ("container-title" → {"Journal of X" → "J. X"}).
  std::map<std::string, std::map<std::string, std::string>> abbreviations{};
  bool bibliography = true;      ///< render the bibliography too
};

/// What a run gives: the citations in order and the sorted bibliography.
struct rendered {
  std::vector<std::string> citations;        ///< one string per citation, in input order
  std::vector<std::string> bibliography;     ///< one string per entry, in the style's order
  std::vector<std::string> bibliography_ids; ///< the item id of each entry
  std::vector<diagnostic> diagnostics;       ///< unknown items, missing locales, recursion, …
};

/// Renders `citations` (in document order) and the bibliography of `items`.
rendered render(const style& s, const std::vector<reference>& items, const std::vector<citation>& citations,
                const render_options& options = {});

/// One citation per item, in item order, numbered as notes 1…N (what `bicite format --mode citation` does).
std::vector<citation> one_citation_per_item(const std::vector<reference>& items);

}  // namespace bicite::csl
