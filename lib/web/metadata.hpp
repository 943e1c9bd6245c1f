#pragma once
// Reading pages and DOI records: what the cache shared by the link checker and enrichment keeps of a
// fetched page or record (page_record), read back as metadata (read_record); the helpers the HTML
// (html.cpp, gumbo) and Crossref (crossref.cpp) readers share: collecting candidate values by
// extractor priority, the date forms pages and DOI records use, known venues.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bicite/web.hpp"
#include "bicite/venues.hpp"

namespace bicite::web {

using enrich::metadata;

/// Whitespace runs (ASCII and NBSP) collapsed to one space, trimmed.
std::string clean(std::string_view s);

/// "2023-01-07", "2023-01-07T10:00:00+03:00", "2023/1/7", "2023-01", "2023", "18 января 2023".
std::optional<bicite::date> read_date(std::string_view s);

/// What a fetched 2xx page or DOI record leaves in the shared cache (web/cache.hpp):
/// {"kind": "html"|"not-html"|"crossref", "content_type", "charset", "item": CSL-JSON,
/// "extractor": {field: extractor}, "diagnostics": [{code, level, message}], "error": {code, message}}.
/// The link checker (lib/links/check.cpp) and enrichment (lib/enrich/enrich.cpp) both write it, so a
/// resolve after a links check reads no page twice.
nlohmann::json page_record(std::string_view body, const std::string& content_type, bool doi);

/// The metadata of a record, or its problem ("enrich.not-html", "enrich.bad-doi-json"); `url` names
/// the page in messages; a page without usable metadata gets the warning "enrich.no-metadata".
result<metadata> read_record(const nlohmann::json& record, const std::string& url);

/// The known venue (venue table) a site or journal name denotes, by alias or name key, never by a
/// fuzzy guess: the whole name (`*whole` = true), else its part before a rubric ("Ведомости.
/// Экономика", "Известия — Политика"), else a bare domain ("iz.ru"); nullptr when unknown.
const bicite::venues::venue* known_venue(std::string_view name, bool* whole = nullptr);

/// Keeps, per field, the value of the highest-priority extractor.
class collector {
 public:
  void text(const std::string& field, std::string_view value, int priority, std::string_view extractor);
  void author(std::string_view value, int priority, std::string_view extractor);
  void date(const std::string& field, std::string_view value, int priority, std::string_view extractor);
  /// Moves what was collected into `out`.
  void finish(metadata& out);

 private:
  struct text_value {
    std::string value;
    int priority = -1;
    std::string extractor;
  };
  std::map<std::string, text_value, std::less<>> texts_;
  std::vector<std::string> authors_;
  int author_priority_ = -1;
  std::string author_extractor_;
  std::map<std::string, std::pair<bicite::date, text_value>, std::less<>> dates_;
};

}  // namespace bicite::web
