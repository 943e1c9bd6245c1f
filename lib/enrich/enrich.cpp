// Fetching the pages and DOI records references cite (on the fetch engine, lib/web) and merging them.
#include <map>

#include <bicite/enrich.hpp>
#include <bicite/text.hpp>

#include "web/cache.hpp"
#include "web/engine.hpp"
#include "web/metadata.hpp"

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

diagnostic fetch_problem(const links::link_report& r, bool doi) {
  using links::verdict;
  std::string what = doi ? "DOI record " : "page ";
  std::string code = "enrich.fetch-failed";
  std::string message = what + r.url + ": " + std::string(links::to_string(r.result));
  if (r.http_status) message += " (HTTP " + std::to_string(r.http_status) + ")";
  if (!r.detail.empty()) message += ", " + r.detail;
  if (r.result == verdict::timeout) code = "enrich.timeout";
  else if (r.result == verdict::interrupted) code = "enrich.interrupted";
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
      if (auto bad = web::validate_url(u)) {
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
        if (auto bad = web::validate_url(url))
          report.errors.push_back({r.id, url, {"enrich.invalid-url", severity::error, {}, "URL " + url + ": " + *bad, ""}});
        else
          add(url, false, i);
        any = true;
      }
    }
    if (any) ++report.references_looked_up;
  }

  // The cache shared with the link checker: a fresh verdict is reused; a usable page is read from
  // what was kept of it (a links check with a cache keeps it too), so it is not fetched again.
  web::result_cache cache(options.fetch);
  std::vector<web::fetch_outcome> outcomes(jobs.size());
  std::vector<std::optional<result<metadata>>> read(jobs.size());
  std::vector<web::fetch_spec> specs;
  std::vector<std::size_t> spec_job;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (const auto* e = cache.find(jobs[j].url)) {
      const bool ok = e->report.result == links::verdict::ok || e->report.result == links::verdict::redirected;
      if (!ok || e->page.is_object()) {
        outcomes[j].report = e->report;
        outcomes[j].report.from_cache = true;
        if (ok) read[j].emplace(web::read_record(e->page, jobs[j].url));
        continue;
      }
    }
    specs.push_back({jobs[j].url, true});
    spec_job.push_back(j);
  }
  if (!specs.empty())
    web::fetch_all(specs, options.fetch, [&](std::size_t index, web::fetch_outcome&& o) {
      const std::size_t j = spec_job[index];
      if (!jobs[j].doi) web::finish_page(o, jobs[j].url, options.fetch);
      web::cache_entry e;
      e.report = o.report;
      e.head = o.head;
      const bool ok = o.report.result == links::verdict::ok || o.report.result == links::verdict::redirected;
      if (ok) {
        e.page = web::page_record(o.body, o.content_type, jobs[j].doi);
        read[j].emplace(web::read_record(e.page, jobs[j].url));
      }
      cache.store(std::move(e));
      std::string().swap(o.body);
      outcomes[j] = std::move(o);
    });
  cache.save();

  // Per reference: DOI record first (the publisher's metadata), then the page.
  std::vector<std::vector<std::size_t>> jobs_of(references.size());
  for (bool doi_pass : {true, false})
    for (std::size_t j = 0; j < jobs.size(); ++j)
      if (jobs[j].doi == doi_pass)
        for (std::size_t r : jobs[j].refs) jobs_of[r].push_back(j);

  // A failed fetch is one problem per citing reference.
  for (std::size_t j = 0; j < jobs.size(); ++j)
    if (!read[j]) read[j].emplace(fetch_problem(outcomes[j].report, jobs[j].doi));

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
  if (auto bad = web::validate_url(url))
    return diagnostic{"enrich.invalid-url", severity::error, {}, "DOI endpoint URL " + url + ": " + *bad, ""};
  web::result_cache cache(options.fetch);
  links::link_report report;
  std::optional<result<metadata>> m;
  if (const auto* e = cache.find(url); e && (e->page.is_object() || (e->report.result != links::verdict::ok &&
                                                                     e->report.result != links::verdict::redirected))) {
    report = e->report;
    if (e->page.is_object()) m.emplace(web::read_record(e->page, url));
  } else {
    std::optional<web::fetch_outcome> out;
    web::fetch_all({{url, true}}, options.fetch, [&](std::size_t, web::fetch_outcome&& o) { out = std::move(o); });
    if (!out) return diagnostic{"enrich.fetch-failed", severity::error, {}, "no answer from " + url, ""};
    report = out->report;
    web::cache_entry entry;
    entry.report = out->report;
    if (report.result == links::verdict::ok || report.result == links::verdict::redirected) {
      entry.page = web::page_record(out->body, out->content_type, true);
      m.emplace(web::read_record(entry.page, url));
    }
    cache.store(std::move(entry));
    cache.save();
  }
  if (!m) return fetch_problem(report, true);
  if (!*m) return m->error();
  metadata& found = **m;
  reference item = std::move(found.item);
  item.id = doi;
  if (item.type.empty()) item.type = "article-journal";
  if (!item.has("DOI")) item.set("DOI", doi);
  for (const auto& [field, ex] : found.extractor) {
    if (item.custom.is_null()) item.custom = nlohmann::json::object();
    item.custom["filled"][field] = {{"source", url}, {"extractor", ex}};
  }
  return item;
}

}  // namespace bicite::enrich
