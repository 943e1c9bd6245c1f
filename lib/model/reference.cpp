#include <algorithm>

#include "bicite/model.hpp"

namespace bicite {
namespace {

// The variables of the CSL 1.0.2 CSL-JSON schema (csl-data.json), by kind.
const std::vector<std::string_view> standard_variables{
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
    "authority", "call-number", "categories", "citation-key", "citation-label", "collection-title",
    "container-title", "container-title-short", "dimensions", "division", "DOI", "event",
    "event-title", "event-place", "genre", "ISBN", "ISSN", "journalAbbreviation", "jurisdiction",
    "keyword", "language", "medium", "note", "original-publisher", "original-publisher-place",
    "original-title", "part-title", "PMCID", "PMID", "publisher", "publisher-place", "references",
    "reviewed-genre", "reviewed-title", "scale", "section", "shortTitle", "source", "status",
    "title", "title-short", "URL", "version", "volume-title", "volume-title-short", "year-suffix"};
const std::vector<std::string_view> number_variables{
    "chapter-number", "citation-number", "collection-number", "edition",
    "first-reference-note-number", "issue", "locator", "number", "number-of-pages",
    "number-of-volumes", "page", "page-first", "part", "printing", "supplement", "volume"};
const std::vector<std::string_view> name_variables{
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editorial-director", "executive-producer",
    "guest", "host", "interviewer", "illustrator", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator"};
const std::vector<std::string_view> date_variables{"accessed", "available-date", "event-date",
                                                   "issued", "original-date", "submitted"};
const std::vector<std::string_view> no_variables{};

bool contains(const std::vector<std::string_view>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

variable_kind kind_of(std::string_view variable) {
  if (contains(standard_variables, variable)) return variable_kind::standard;
  if (contains(number_variables, variable)) return variable_kind::number;
  if (contains(name_variables, variable)) return variable_kind::name;
  if (contains(date_variables, variable)) return variable_kind::date;
  return variable_kind::unknown;
}

const std::vector<std::string_view>& variables_of(variable_kind kind) {
  switch (kind) {
    case variable_kind::standard: return standard_variables;
    case variable_kind::number: return number_variables;
    case variable_kind::name: return name_variables;
    case variable_kind::date: return date_variables;
    case variable_kind::unknown: break;
  }
  return no_variables;
}

std::string_view reference::get(std::string_view variable) const {
  auto it = fields.find(variable);
  return it == fields.end() ? std::string_view{} : std::string_view(it->second);
}

void reference::set(std::string_view variable, std::string value) {
  if (value.empty()) {
    if (auto it = fields.find(variable); it != fields.end()) fields.erase(it);
    return;
  }
  fields.insert_or_assign(std::string(variable), std::move(value));
}

bool reference::has(std::string_view variable) const {
  return fields.find(variable) != fields.end() || names.find(variable) != names.end() ||
         dates.find(variable) != dates.end();
}

const std::vector<name>& reference::names_of(std::string_view variable) const {
  static const std::vector<name> none;
  auto it = names.find(variable);
  return it == names.end() ? none : it->second;
}

const date* reference::date_of(std::string_view variable) const {
  auto it = dates.find(variable);
  return it == dates.end() ? nullptr : &it->second;
}

const text_variant* reference::variant(std::string_view field, variant_role role,
                                       std::string_view language) const {
  auto it = variants.find(field);
  if (it == variants.end()) return nullptr;
  for (const auto& v : it->second)
    if (v.role == role && (language.empty() || v.language == language)) return &v;
  return nullptr;
}

}  // namespace bicite
