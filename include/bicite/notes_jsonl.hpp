#pragma once
/// Parsed notes out as notes-JSONL, one JSON line per note, in the format of the gold files:
/// {"note", "text", "citations", "commentary"} (and "sources" when asked).
#include <string>

#include "bicite/parse.hpp"

namespace bicite::notes_jsonl {

using write_options = parse::jsonl_options;

/// The notes of a document, one line each.
std::string write(const parse::parsed_document& document, const write_options& options = {});

/// One note as one JSON line (with its '\n'): the line write(document) gives for it.
std::string write(const parse::parsed_note& note, const write_options& options = {});

/// Appends the JSON line of one note to `out` (the streaming writer's building block).
void append(std::string& out, const parse::parsed_note& note, const write_options& options = {});

}  // namespace bicite::notes_jsonl
