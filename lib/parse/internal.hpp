#pragma once
// Internals of the endnote parser: the cue-word lexicon, small scanning helpers, and the seams
// to the name, date and venue normalisers (a few functions each, so each can be swapped).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::parse::detail {

// ---------------------------------------------------------------- lexicon (data/lexicon.tsv)

struct lexicon_entry {
  std::string form;
  std::string value;
};

struct lexicon {
  std::vector<lexicon_entry> and_, ibid, opcit, editor, translator, etal, volume, issue, page, section, seealso,
      accessed, url_label, org, type_cue, thesis, blog_host, publisher_word, romanized_word, romanized_ending,
      english_word, genre, platform, authority, city, type_start,
      think_tank_word, interview_form, interview_start, descriptor,
      thesis_paren, title_genre, archive_unit, list_heading;
};

const lexicon& lex();

// ---------------------------------------------------------------- scanning helpers

bool is_space_at(std::string_view s, std::size_t pos, std::size_t* len = nullptr);
bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
/// The code point that ends just before `pos` (0 at the start); `start` receives its offset.
char32_t prev_code_point(std::string_view s, std::size_t pos, std::size_t* start = nullptr);
char32_t code_point_at(std::string_view s, std::size_t pos, std::size_t* next = nullptr);
/// Trims white space (incl. NBSP) and the characters in `extra` from both ends of [b, e).
void trim_range(std::string_view s, std::size_t& b, std::size_t& e, std::string_view extra = {});
bool starts_with_at(std::string_view s, std::size_t pos, std::string_view prefix);
bool matches_any(std::string_view s, std::size_t p, const std::vector<lexicon_entry>& list, std::size_t& len);
// The words of s between white space (Unicode spaces)
std::vector<std::string> words_of(std::string_view s);
// A word without the ",", ";" or ":" after it
std::string strip_word_punct(std::string_view w);
// Whether w is one of the forms of the list, exactly
bool in_list(std::string_view w, const std::vector<lexicon_entry>& list);
/// The number of code points of UTF-8 text (continuation bytes not counted).
std::size_t code_points_in(std::string_view s);
bool is_opening_quote(char32_t c);
bool is_closing_quote(char32_t c);
std::string clean_spaces(std::string_view s);
bool looks_like_prose(std::string_view s);

// ---------------------------------------------------------------- seams

/// Seam for the names normaliser: one personal name as written → CSL name parts.
name parse_person(std::string_view written);

/// Seam for the names normaliser: the Russian role phrase `s` starts with ("под ред.", "пер. с англ.",
/// "сост."): its CSL role, and the case of the names after it (0 nominative, 1 genitive, 2 instrumental).
struct role_at {
  std::string role;  ///< "" when `s` starts with none
  int name_case = 0;
  std::size_t length = 0;  ///< bytes of the phrase and the spaces after it
};
role_at russian_role_at(std::string_view s);
/// Seam for the names normaliser: a Russian name in the case a role word governs, put in the nominative
/// ("Лукьянова" after "под ред." → "Лукьянов"); other names are left as they are.
void to_nominative(name& n, int name_case);

/// A date found in text (seam for the dates normaliser).
struct found_date {
  date value;
  std::size_t begin = 0, end = 0;
  bool accessed = false;
  std::string issue;  // "No. 3 (2023)": the issue number the date carried
};
/// Seam for the dates normaliser: every date in `s` (English and Russian month names, numeric
/// forms, bare years), with byte ranges.
std::vector<found_date> find_dates(std::string_view s);

/// Seam for the venue normaliser: sets custom.venue / custom.venue_en and may refine the type.
void apply_venue(reference& item);

}  // namespace bicite::parse::detail
