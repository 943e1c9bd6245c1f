// Fetching the pages and DOI records references cite (on the link checker's engine) and merging them.
#include <map>

#include <bicite/text.hpp>

#include "enrich/internal.hpp"
#include "links/engine.hpp"

namespace bicite::enrich {
namespace {

struct job {
  std::string url;
  bool doi = false;
  std::vector<std::size_t> refs;
};

std::string doi_url(const std::string& endpoint, std::string_view doi) {
  std::string base = endpoint;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string path;
  for (char c : doi) {
    const unsigned char u = static_cast<unsigned char>(c);
    // A DOI's "/" stays (Crossref accepts /works/10.1000/xyz); everything unsafe is encoded.
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '/' || c == '.' ||
        c == '-' || c == '_' || c == '~')
      path += c;
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      path += buf;
    }
  }
  return base + "/works/" + path;
}

bool looks_html(const std::string& content_type, std::string_view body) {
  std::string ct = bicite::text::to_lower(content_type);
  if (ct.empty() || ct.find("html") != std::string::npos || ct.find("xml") != std::string::npos ||
      ct.starts_with("text/plain"))
    return true;
  (void)body;
  return false;
}

diagnostic fetch_problem(const links::link_report& r, bool doi) {
  using links::verdict;
  std::string what = doi ? "DOI record " : "page ";
  std::string code = "enrich.fetch-failed";
  std::string message = what + r.url + ": " + std::string(links::to_string(r.result));
  if (r.http_status) message += " (HTTP " + std::to_string(r.http_status) + ")";
  if (!r.detail.empty()) message += ", " + r.detail;
  if (r.result == verdict::timeout) code = "enrich.timeout";
  else if (r.result == verdict::rate_limited) code = "enrich.rate-limited";
  else if (doi && (r.http_status == 404 || r.http_status == 410)) code = "enrich.doi-not-found";
  else if (r.result == verdict::invalid) code = "enrich.invalid-url";
  return {code, severity::error, {}, message, ""};
}

}  // namespace

enrich_report enrich(std::vector<reference>& references, const enrich_options& options) {
  enrich_report report;
  std::vector<job> jobs;
  std::map<std::string, std::size_t, std::less<>> by_url;
  auto add = [&](std::string url, bool doi, std::size_t ref) {
    auto [it, inserted] = by_url.emplace(url, jobs.size());
    if (inserted) jobs.push_back({std::move(url), doi, {}});
    jobs[it->second].refs.push_back(ref);
  };
  for (std::size_t i = 0; i < references.size(); ++i) {
    const auto& r = references[i];
    const std::string doi = options.use_doi ? doi_of(r) : std::string();
    std::string url(r.get("URL"));
    bool any = false;
    if (!doi.empty()) {
      const std::string u = doi_url(options.doi_endpoint, doi);
      if (auto bad = links::detail::validate_url(u)) {
        report.errors.push_back({r.id, u, {"enrich.invalid-url", severity::error, {}, "DOI endpoint URL " + u + ": " + *bad, ""}});
      } else {
        add(u, true, i);
      }
      any = true;
    }
    if (options.use_pages && !url.empty()) {
      url = links::repair_url(url).url;
      const std::string low = bicite::text::to_lower(url);
      const bool doi_link = low.find("doi.org/") != std::string::npos;
      if (!(doi_link && !doi.empty())) {
        if (auto bad = links::detail::validate_url(url))
          report.errors.push_back({r.id, url, {"enrich.invalid-url", severity::error, {}, "URL " + url + ": " + *bad, ""}});
        else
          add(url, false, i);
        any = true;
      }
    }
    if (any) ++report.references_looked_up;
  }

  std::vector<links::detail::fetch_spec> specs;
  for (const auto& j : jobs) specs.push_back({j.url, true});
  std::vector<links::detail::fetch_outcome> outcomes(jobs.size());
  if (!specs.empty())
    links::detail::fetch_all(specs, options.fetch,
                             [&](std::size_t index, links::detail::fetch_outcome&& o) { outcomes[index] = std::move(o); });

  // Per reference: DOI record first (the publisher's metadata), then the page.
  std::vector<std::vector<std::size_t>> jobs_of(references.size());
  for (bool doi_pass : {true, false})
    for (std::size_t j = 0; j < jobs.size(); ++j)
      if (jobs[j].doi == doi_pass)
        for (std::size_t r : jobs[j].refs) jobs_of[r].push_back(j);

  // Each page is read once, however many references cite it.
  std::vector<std::optional<result<metadata>>> read(jobs.size());
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    auto& o = outcomes[j];
    const bool ok = o.report.result == links::verdict::ok || o.report.result == links::verdict::redirected;
    if (!ok) {
      read[j].emplace(fetch_problem(o.report, jobs[j].doi));
    } else if (jobs[j].doi) {
      read[j].emplace(read_crossref(o.body));
    } else if (!looks_html(o.content_type, o.body)) {
      read[j].emplace(diagnostic{"enrich.not-html", severity::error, {},
                                 "page " + jobs[j].url + " is " + o.content_type + ", not HTML", ""});
    } else {
      metadata m = read_html(o.body, o.content_type);
      if (m.item.fields.empty() && m.item.names.empty() && m.item.dates.empty())
        m.diagnostics.push_back({"enrich.no-metadata", severity::warning, {}, "page " + jobs[j].url + " has no usable metadata", ""});
      read[j].emplace(std::move(m));
    }
  }

  for (std::size_t r = 0; r < references.size(); ++r) {
    const std::size_t before = report.filled.size();
    for (std::size_t j : jobs_of[r]) {
      const auto& got = *read[j];
      const std::string& final_url = outcomes[j].report.final_url;
      const std::string source = jobs[j].doi || final_url.empty() ? jobs[j].url : final_url;
      if (!got) {
        report.errors.push_back({references[r].id, jobs[j].url, got.error()});
        continue;
      }
      for (const auto& d : got->diagnostics) {
        diagnostic copy = d;
        if (copy.message.find(jobs[j].url) == std::string::npos) copy.message = jobs[j].url + ": " + copy.message;
        report.errors.push_back({references[r].id, jobs[j].url, std::move(copy)});
      }
      merge(references[r], *got, source, options, report);
    }
    if (report.filled.size() > before) ++report.references_filled;
  }
  return report;
}

result<reference> resolve_doi(std::string_view doi_text, const enrich_options& options) {
  reference probe;
  probe.set("DOI", std::string(doi_text));
  const std::string doi = doi_of(probe);
  if (doi.empty())
    return diagnostic{"enrich.bad-doi", severity::error, {}, "\"" + std::string(doi_text) + "\" is not a DOI", "a DOI starts with 10."};
  const std::string url = doi_url(options.doi_endpoint, doi);
  if (auto bad = links::detail::validate_url(url))
    return diagnostic{"enrich.invalid-url", severity::error, {}, "DOI endpoint URL " + url + ": " + *bad, ""};
  std::optional<links::detail::fetch_outcome> out;
  links::detail::fetch_all({{url, true}}, options.fetch, [&](std::size_t, links::detail::fetch_outcome&& o) { out = std::move(o); });
  if (!out) return diagnostic{"enrich.fetch-failed", severity::error, {}, "no answer from " + url, ""};
  const bool ok = out->report.result == links::verdict::ok || out->report.result == links::verdict::redirected;
  if (!ok) return fetch_problem(out->report, true);
  auto m = read_crossref(out->body);
  if (!m) return m.error();
  reference item = std::move(m->item);
  item.id = doi;
  if (item.type.empty()) item.type = "article-journal";
  if (!item.has("DOI")) item.set("DOI", doi);
  for (const auto& [field, ex] : m->extractor) {
    if (item.custom.is_null()) item.custom = nlohmann::json::object();
    item.custom["filled"][field] = {{"source", url}, {"extractor", ex}};
  }
  return item;
}

}  // namespace bicite::enrich
