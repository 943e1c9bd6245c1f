#include "export/bib_types.hpp"

#include <map>
#include <vector>

#include "bicite/text.hpp"
#include "export/tables.hpp"

namespace bicite::detail::bib {
namespace {

struct type_row {
  std::string csl, biblatex, subtype, bibtex, ris;
};

struct type_tables {
  std::vector<type_row> rows;
  std::map<std::string, std::size_t, std::less<>> by_csl;
  std::map<std::string, std::string, std::less<>> bib_alias;  // read_types.tsv
  std::map<std::string, std::string, std::less<>> ris_to_csl;
};

const type_tables& tables() {
  static const type_tables t = [] {
    type_tables x;
    for (const auto& row : tsv_rows("export/types.tsv")) {
      if (row.size() < 5) continue;
      x.rows.push_back({std::string(row[0]), std::string(row[1]), std::string(row[2]), std::string(row[3]), std::string(row[4])});
      x.by_csl.emplace(x.rows.back().csl, x.rows.size() - 1);
      x.ris_to_csl.emplace(x.rows.back().ris, x.rows.back().csl);
    }
    for (const auto& row : tsv_rows("export/read_types.tsv"))
      if (row.size() >= 2) x.bib_alias.emplace(std::string(row[0]), std::string(row[1]));
    return x;
  }();
  return t;
}

const type_row& row_for(const reference& r) {
  const auto& t = tables();
  auto it = t.by_csl.find(r.type);
  if (it == t.by_csl.end()) it = t.by_csl.find("document");
  return t.rows.at(it->second);
}

}  // namespace

bool is_csl_type(std::string_view type) { return tables().by_csl.count(type) > 0; }

entry_kind biblatex_kind(const reference& r) {
  const auto& row = row_for(r);
  entry_kind k{row.biblatex, row.subtype};
  if (r.type == "book" && r.names_of("author").empty() && !r.names_of("editor").empty()) k.type = "collection";
  if (r.type == "chapter" && !r.names_of("container-author").empty()) k.type = "inbook";
  if (!is_csl_type(r.type) && !r.type.empty()) k.subtype = r.type;  // keep an unknown type as written
  return k;
}

entry_kind bibtex_kind(const reference& r) {
  const auto& row = row_for(r);
  entry_kind k{row.bibtex, {}};
  if (r.type == "chapter" && !r.names_of("container-author").empty()) k.type = "inbook";
  if (r.type == "thesis") {
    const std::string g = text::to_lower(r.get("genre"));
    if (g.find("master") != std::string::npos || g.find("магист") != std::string::npos) k.type = "mastersthesis";
  }
  return k;
}

std::string ris_type(const reference& r) { return row_for(r).ris; }

std::string csl_type_for_bib(std::string_view bib_type, std::string_view subtype) {
  const auto& t = tables();
  const std::string type = simple_lower(bib_type);
  const std::string sub = simple_lower(subtype);
  if (!sub.empty()) {
    for (const auto& row : t.rows)
      if (row.biblatex == type && row.subtype == sub) return row.csl;
    if ((type == "misc" || type == "online") && t.by_csl.count(sub)) return sub;
    std::string underscored = sub;  // written with hyphens: "legal-case" → "legal_case"
    for (auto& c : underscored)
      if (c == '-') c = '_';
    if ((type == "misc" || type == "online") && t.by_csl.count(underscored)) return underscored;
  }
  if (auto it = t.bib_alias.find(type); it != t.bib_alias.end()) return it->second;
  return "document";
}

std::string csl_type_for_ris(std::string_view ty) {
  const auto& t = tables();
  if (auto it = t.ris_to_csl.find(ty); it != t.ris_to_csl.end()) {
    // the first row with this code is the canonical one
    for (const auto& row : t.rows)
      if (row.ris == ty) return row.csl;
  }
  static const std::map<std::string, std::string, std::less<>> extra{
      {"EJOUR", "article-journal"}, {"EBOOK", "book"}, {"EDBOOK", "book"}, {"ECHAP", "chapter"},
      {"CONF", "paper-conference"}, {"WEB", "webpage"}, {"INPR", "article-journal"}, {"UNPB", "manuscript"},
      {"ABST", "article-journal"}, {"SER", "book"}, {"VIDEO", "motion_picture"}, {"DBASE", "dataset"},
      {"AGGR", "dataset"}, {"ICOMM", "personal_communication"}, {"GOVDOC", "regulation"}};
  if (auto it = extra.find(ty); it != extra.end()) return it->second;
  return "document";
}

}  // namespace bicite::detail::bib
