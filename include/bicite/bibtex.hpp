#pragma once
/// BibTeX and BibLaTeX out and in: references to a .bib file (biblatex for biber, or classic
/// BibTeX), and a .bib file read the way biber reads it, into references.
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::bibtex {

/// Which .bib flavour to write.
enum class dialect {
  biblatex,  ///< biblatex + biber: UTF-8, `date` in EDTF, `journaltitle`, `langid`, `urldate`
  bibtex     ///< classic BibTeX: `year`/`month`, `journal`, `howpublished`/`url`
};

/// Options for writing a .bib file.
struct write_options {
  dialect target = dialect::biblatex;  ///< default: biblatex
  bool ascii = false;                  ///< escape non-ASCII as LaTeX commands ({\'e}, {\cyrzh}); default: UTF-8
  /// Citation-key pattern: [auth] first author's family name, [year], [title] first significant
  /// title word, [shorttitle] first three, [id] the item's id; modifiers :lower :upper :capitalize;
  /// other text is kept. Cyrillic is transliterated (see the README). Default: "[auth:lower][year][title:lower]".
  std::string key_pattern = "[auth:lower][year][title:lower]";
  bool keep_ids = false;  ///< use the item's id as its key when it is a valid key; default: false
};

/// Writes references as a .bib file in the chosen dialect. Keys are unique within the file
/// (a, b, c suffixes) and stable: the same input gives the same keys.
std::string write(const std::vector<reference>& items, const write_options& options = {});

/// The citation keys `write` would give these items, in order.
std::vector<std::string> make_keys(const std::vector<reference>& items, const write_options& options = {});

/// What reading a .bib file gives.
struct read_result {
  std::vector<reference> references;    ///< one per entry (not @string/@comment/@preamble/@xdata)
  std::vector<diagnostic> diagnostics;  ///< codes "bibtex.*"; line and column are filled
};

/// Reads BibTeX or BibLaTeX as biber does: @string and month macros, # concatenation, braces and
/// quotes, @comment/@preamble, crossref and xdata inheritance, LaTeX accents and \cyr… commands,
/// name lists. A broken entry gives an error with its line; reading resumes at the next @.
read_result read(std::string_view bib);

/// Decodes LaTeX markup in a field value to Unicode text ({\"e} → ë, \cyrzh → ж, -- → –);
/// braces are removed and unknown commands are kept as written.
std::string latex_to_unicode(std::string_view latex);

}  // namespace bicite::bibtex
