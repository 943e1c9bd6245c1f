#pragma once
// One citation unit of a note: the fields of one work, or commentary.
#include <string>
#include <string_view>
#include <vector>

#include <bicite/parse.hpp>

namespace bicite::parse::detail {

struct url_hit {
  std::size_t begin = 0, end = 0;  // bytes in the note, trailing punctuation excluded
  std::string url;                 // inner spaces removed
  bool inner_space = false;
};

/// Every link in [b, e) of s: http(s)://, www., doi:, and scheme-less "host.tld/path".
std::vector<url_hit> find_urls(std::string_view s, std::size_t b, std::size_t e);

struct unit_result {
  citation cit;
  std::string commentary;  // prose found inside the unit
  bool is_citation = false;
};

/// Parses [b, e) of s as one work (or as commentary); spans are offsets into s.
unit_result parse_unit(std::string_view s, std::size_t b, std::size_t e, const options& opts,
                       std::vector<diagnostic>& diagnostics);

/// The normaliser passes the rules apply to what they read (mixed-script repair, a whole book's page as the
/// page cited, bracketed title parts, an issuing body as author, language, type, venue, the short-form
/// flag), applied to a citation another reader read from [b, e) of s.
void normalise_reading(std::string_view s, std::size_t b, std::size_t e, citation& cit, const options& opts);

/// A title that ran on into its periodical ("… the Russian solution. Eurasianet."): when the title's last
/// sentence is a known venue's name, it becomes the container-title (lib/parse/venue_title.cpp). True
/// when it did.
bool split_venue_from_title(std::string_view s, citation& cit);

/// Where a kind of publication after the title's colon starts (the ": " before it), npos when there is
/// none; `type` receives the CSL type it gives, or "".
std::size_t title_genre_at(std::string_view title, std::string* type);

/// What a GOST entry says the work is after the title's colon (": учебное пособие") becomes its genre
/// (lib/parse/title_genre.cpp); returns the CSL type that kind gives ("thesis" for ": дис. …"), or "".
std::string split_genre_from_title(citation& cit);

/// The fields of [b, e) of s read by opts.reader: the rules decide whether the unit is a citation and
/// what of it is commentary; the trained labeller then reads the fields where opts.reader asks for it.
unit_result read_unit(std::string_view s, std::size_t b, std::size_t e, const options& opts,
                      std::vector<diagnostic>& diagnostics);

/// A list of names as written ("Smith, J., & Doe, A.", "Иванов И. И.", "The Kremlin").
std::vector<name> parse_name_list(std::string_view text, const options& opts);

/// True when a place and the colon before its publisher start at p ("М.: Наука", "Washington, DC: Brookings").
bool publication_place_at(std::string_view s, std::size_t p, std::size_t e);

/// True when [b, e) starts with an Ibid./Там же form; `len` receives its length.
bool ibid_at(std::string_view s, std::size_t b, std::size_t e, std::size_t& len);

}  // namespace bicite::parse::detail
