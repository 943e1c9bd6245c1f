// The verbs whose implementation still lives in lib/parse under the older names (split_notes,
// to_notes_jsonl, append_note_jsonl), forwarded here so that lib/parse stays as it is while its
// parser is rebuilt (here in lib/resolve, which already builds on lib/parse, so the stage graph gains
// no edge). When lib/parse takes the new names, this file and the deprecated names go.
#include "bicite/notes_jsonl.hpp"
#include "bicite/parse.hpp"

namespace bicite {

parse::found_notes parse::find_notes(std::string_view text) {
  found_notes found;
  found.notes = split_notes(text, &found.diagnostics);
  return found;
}

std::string notes_jsonl::write(const parse::parsed_document& document, const write_options& options) {
  return parse::to_notes_jsonl(document, options);
}

std::string notes_jsonl::write(const parse::parsed_note& note, const write_options& options) {
  return parse::to_notes_jsonl(note, options);
}

void notes_jsonl::append(std::string& out, const parse::parsed_note& note, const write_options& options) {
  parse::append_note_jsonl(out, note, options);
}

}  // namespace bicite
