#pragma once
/// Resolution of parsed notes: Ibid./Там же to the previous note's work, short forms to the
/// earliest full citation of the same work, repeated full citations to one bibliography entry.
#include <string>
#include <vector>

#include "bicite/model.hpp"
#include "bicite/parse.hpp"

namespace bicite::resolve {

/// One citing occurrence of a bibliography entry.
struct cite {
  int note = 0;               ///< the note's number
  std::size_t index = 0;      ///< the citation's index inside the note
  std::string id;             ///< the id of the bibliography entry
  std::string position;       ///< "first", "subsequent" or "ibid"
  int antecedent = 0;         ///< for subsequent/ibid: the note holding the full citation; else 0
  std::string locator;        ///< page cited, if any
};

/// The result of resolution.
struct bibliography {
  /// One entry per distinct work, in order of first citation; custom.notes lists the citing notes.
  std::vector<reference> references;
  std::vector<cite> cites;                 ///< every citation, in note order
  parse::parsed_document document;         ///< the notes with positions, antecedents and full fields filled
  std::vector<diagnostic> diagnostics;     ///< e.g. "resolve.unmatched-ibid", "resolve.unmatched-short-form"
};

/// Resolves Ibid., short forms and repeated citations of a parsed document (pass it with
/// std::move when it is no longer needed, to save a copy).
bibliography resolve(parse::parsed_document document);

}  // namespace bicite::resolve
