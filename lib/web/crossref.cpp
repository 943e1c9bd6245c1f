// DOI metadata from a Crossref-compatible `/works/{doi}` answer.
#include <bicite/names.hpp>
#include <nlohmann/json.hpp>

#include "core/json.hpp"
#include "web/metadata.hpp"

namespace bicite::enrich {
namespace {

std::string first_text(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_array() && !j.empty()) return first_text(j[0]);
  return {};
}

std::optional<bicite::date> date_parts(const nlohmann::json& d) {
  if (!d.is_object() || !d.contains("date-parts") || !d["date-parts"].is_array() || d["date-parts"].empty()) return std::nullopt;
  const auto& p = d["date-parts"][0];
  if (!p.is_array() || p.empty()) return std::nullopt;
  auto num = [&](std::size_t i) -> int {
    if (i >= p.size()) return 0;
    if (p[i].is_number_integer()) return p[i].get<int>();
    if (p[i].is_string()) {
      try {
        return std::stoi(p[i].get<std::string>());
      } catch (...) {
        return 0;
      }
    }
    return 0;
  };
  bicite::date::part part{num(0), num(1), num(2)};
  if (part.year == 0 || part.month < 0 || part.month > 12 || part.day < 0 || part.day > 31) return std::nullopt;
  if (part.month == 0) part.day = 0;
  bicite::date out;
  out.parts.push_back(part);
  return out;
}

}  // namespace

result<metadata> read_crossref(std::string_view json) {
  auto j = bicite::detail::parse_json(json);
  if (j.is_discarded())
    return diagnostic{"enrich.bad-doi-json", severity::error, {}, "the DOI endpoint's answer is not valid JSON", ""};
  if (!j.is_object() || !j.contains("message") || !j["message"].is_object())
    return diagnostic{"enrich.bad-doi-json", severity::error, {}, "the DOI endpoint's answer has no \"message\" object", ""};
  const auto& m = j["message"];
  metadata out;
  auto set = [&](const char* field, const char* key) {
    if (!m.contains(key)) return;
    const std::string v = web::clean(first_text(m[key]));
    if (v.empty()) return;
    out.item.set(field, v);
    out.extractor[field] = "crossref";
  };
  set("title", "title");
  set("container-title", "container-title");
  set("volume", "volume");
  set("issue", "issue");
  set("page", "page");
  set("DOI", "DOI");
  set("language", "language");
  set("publisher", "publisher");
  set("ISSN", "ISSN");
  if (m.contains("author") && m["author"].is_array()) {
    std::vector<bicite::name> authors;
    for (const auto& a : m["author"]) {
      if (!a.is_object()) continue;
      bicite::name n;
      if (a.contains("family") && a["family"].is_string()) {
        n.family = web::clean(a["family"].get<std::string>());
        if (a.contains("given") && a["given"].is_string()) n.given = web::clean(a["given"].get<std::string>());
      } else if (a.contains("name") && a["name"].is_string()) {
        n = bicite::names::parse_name(a["name"].get<std::string>());
      }
      if (!n.family.empty() || !n.literal.empty()) authors.push_back(std::move(n));
      if (authors.size() >= 100) break;
    }
    if (!authors.empty()) {
      out.item.names["author"] = std::move(authors);
      out.extractor["author"] = "crossref";
    }
  }
  for (const char* key : {"issued", "published-print", "published-online", "created"}) {
    if (!m.contains(key)) continue;
    if (auto d = date_parts(m[key])) {
      out.item.dates["issued"] = std::move(*d);
      out.extractor["issued"] = "crossref";
      break;
    }
  }
  if (m.contains("type") && m["type"].is_string()) {
    const std::string t = m["type"].get<std::string>();
    if (t == "journal-article") out.item.type = "article-journal";
    else if (t == "book") out.item.type = "book";
    else if (t == "book-chapter") out.item.type = "chapter";
    else if (t == "proceedings-article") out.item.type = "paper-conference";
  }
  return out;
}

}  // namespace bicite::enrich
