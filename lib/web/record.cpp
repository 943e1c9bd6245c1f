// What the cache shared by the link checker and enrichment keeps of a page or DOI record.
#include <bicite/csljson.hpp>
#include <bicite/text.hpp>

#include "web/metadata.hpp"

namespace bicite::web {
namespace {

using json = nlohmann::json;

bool html_like(const std::string& content_type) {
  const std::string ct = bicite::text::to_lower(content_type);
  return ct.empty() || ct.find("html") != std::string::npos || ct.find("xml") != std::string::npos ||
         ct.starts_with("text/plain");
}

std::string level_name(severity s) { return s == severity::error ? "error" : s == severity::note ? "note" : "warning"; }
severity level_of(const std::string& s) { return s == "error" ? severity::error : s == "note" ? severity::note : severity::warning; }

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

json metadata_json(const metadata& m) {
  json j = json::object();
  j["item"] = json(to_csl_json(m.item));
  j["extractor"] = json::object();
  for (const auto& [field, ex] : m.extractor) j["extractor"][field] = ex;
  j["charset"] = m.charset;
  j["diagnostics"] = json::array();
  for (const auto& d : m.diagnostics)
    j["diagnostics"].push_back({{"code", d.code}, {"level", level_name(d.level)}, {"message", d.message}});
  return j;
}

}  // namespace

json page_record(std::string_view body, const std::string& content_type, bool doi) {
  json j;
  if (doi) {
    auto m = enrich::read_crossref(body);
    if (m) j = metadata_json(*m);
    else j = {{"error", {{"code", m.error().code}, {"message", m.error().message}}}};
    j["kind"] = "crossref";
  } else if (!html_like(content_type)) {
    j = {{"kind", "not-html"}};
  } else {
    j = metadata_json(enrich::read_html(body, content_type));
    j["kind"] = "html";
  }
  j["content_type"] = content_type;
  return j;
}

result<metadata> read_record(const json& record, const std::string& url) {
  const std::string kind = str(record, "kind");
  if (kind == "not-html")
    return diagnostic{"enrich.not-html", severity::error, {}, "page " + url + " is " + str(record, "content_type") + ", not HTML", ""};
  if (auto e = record.find("error"); e != record.end() && e->is_object())
    return diagnostic{str(*e, "code").empty() ? "enrich.bad-doi-json" : str(*e, "code"), severity::error, {}, str(*e, "message"), ""};
  metadata m;
  std::vector<diagnostic> ignored;
  if (auto it = record.find("item"); it != record.end() && it->is_object()) m.item = from_csl_json(*it, ignored);
  if (auto it = record.find("extractor"); it != record.end() && it->is_object())
    for (const auto& [field, ex] : it->items())
      if (ex.is_string()) m.extractor[field] = ex.get<std::string>();
  m.charset = str(record, "charset");
  if (auto it = record.find("diagnostics"); it != record.end() && it->is_array())
    for (const auto& d : *it)
      if (d.is_object()) m.diagnostics.push_back({str(d, "code"), level_of(str(d, "level")), {}, str(d, "message"), ""});
  if (kind == "html" && m.item.fields.empty() && m.item.names.empty() && m.item.dates.empty())
    m.diagnostics.push_back({"enrich.no-metadata", severity::warning, {}, "page " + url + " has no usable metadata", ""});
  return m;
}

}  // namespace bicite::web
