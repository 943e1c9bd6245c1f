#pragma once
// What resolution reads in a citation's own text (parse::citation::written), independent of how the
// parser labelled its fields: the place cited at its end, the shape of a short form, archival levels,
// and the abbreviations a note defines. Cue words: lib/resolve/data/cues.tsv and the parser's lexicon
// (page, volume, op. cit., archival labels).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/model.hpp"

namespace bicite::resolve::detail {

struct cue_words {
  std::vector<std::string> define, idem;
};
const cue_words& cues();

/// The place cited at the end of `s` ("…, 45." "… С. 12–14." "…, vol. 2. 415–16." "…, xxi."): its
/// normalised text ("45", "12-14", "vol. 2: 415-16"), and in `head_end` where the text before it ends
/// (s.size() when there is none). A trailing "(…)" remark is skipped.
std::string trailing_locator(std::string_view s, std::size_t& head_end);

/// A locator read from its start ("45", "С. 12–14", "Л. 5 об."), normalised as trailing_locator does;
/// empty when `s` is not all locator.
std::string whole_locator(std::string_view s);

/// One level of an archival reference as written ("Ф. 17"), and which level it is.
struct archive_level {
  std::string level;    // fond, inventory, file, folio
  std::string written;  // "Ф. 17", "d. 2"
};

/// Archival levels read from `s` at `p` (label and number each; lexicon archive_unit); `p` moves past them.
std::vector<archive_level> read_levels(std::string_view s, std::size_t& p);

/// An archival file cited in full: "РГАСПИ. Ф. 17. Оп. 3. Д. 374. Л. 5." / "GARF, f. 5881, op. 1, d. 12, l. 4".
struct archival {
  bool found = false;
  std::string title;                 // a heading before the archive, if any
  std::string archive;               // "РГАСПИ"
  std::vector<archive_level> levels; // fond … file (the folio is the locator)
  std::string separator = ". ";      // how the levels are joined as written
  std::string locator;               // the folio cited
};
archival read_archival(std::string_view written);
/// The levels joined as written: the file's archive_location.
std::string location_of(const std::vector<archive_level>& levels, const std::string& separator);

/// The shape of a citation that may be a short form.
struct short_shape {
  bool plausible = false;     // short, and without a year, link, "//" or publication details
  bool idem = false;          // starts with "Его же" / "Idem"
  bool opcit = false;         // "Иванов И. И. Указ. соч." / "Lo, op. cit."
  bool cut = false;           // the short title ends with "…"
  std::string head;           // the text before the locator, trimmed
  std::vector<name> names;    // the persons it names (family names, maybe initials)
  std::string title;          // the short title, quotes and "…" removed
  std::string locator;        // the place cited
};
short_shape read_short(std::string_view written);

/// An abbreviation defined in a note's text, and where its cue starts.
struct definition {
  std::string abbreviation;
  std::size_t at = 0;
};
std::vector<definition> read_definitions(std::string_view text);

/// The abbreviation key used to compare a definition with a use (case and final periods kept apart).
std::string abbreviation_key(std::string_view s);

}  // namespace bicite::resolve::detail
