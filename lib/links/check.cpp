// check(): repair and deduplicate, reuse the cache (web/cache.hpp, shared with enrichment), run the
// engine, then the title, soft-404-probe and archive passes, and save the cache.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "bicite/links.hpp"
#include "core/json.hpp"
#include "links/network.hpp"
#include "web/cache.hpp"
#include "web/engine.hpp"
#include "web/metadata.hpp"

namespace bicite::links {
namespace {

using json = nlohmann::json;

/// The URL of a page's directory with a random last segment that cannot exist.
std::string sibling_probe_url(const std::string& url, std::mt19937_64& rng) {
  std::string base = url.substr(0, url.find_first_of("?#"));
  const auto scheme_end = base.find("://");
  const auto path_start = scheme_end == std::string::npos ? std::string::npos : base.find('/', scheme_end + 3);
  if (path_start == std::string::npos) base += '/';
  else base.erase(base.rfind('/') + 1);
  char buf[40];
  std::snprintf(buf, sizeof buf, "bicite-probe-%016llx", static_cast<unsigned long long>(rng()));
  return base + buf;
}

bool same_page(const page_head& a, const page_head& b) {
  return a.title == b.title && a.h1 == b.h1 && a.og_title == b.og_title && a.citation_title == b.citation_title;
}

}  // namespace

std::vector<link_report> check(const std::vector<link_input>& links, const check_options& options,
                               const progress_callback& on_result) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<link_report> reports;
  std::vector<std::string> titles;  // cited title per report
  std::vector<std::string> dates;
  std::unordered_map<std::string, std::size_t> by_url;
  for (const auto& in : links) {
    repaired_url fixed = repair_url(in.url);
    auto [it, fresh] = by_url.emplace(fixed.url, reports.size());
    if (fresh) {
      link_report r;
      r.url = fixed.url;
      r.original = in.url;
      r.repairs = std::move(fixed.repairs);
      r.notes = in.notes;
      r.cited_title = in.title;
      reports.push_back(std::move(r));
      titles.push_back(in.title);
      dates.push_back(in.date);
    } else {
      auto& r = reports[it->second];
      for (const auto& n : in.notes)
        if (std::find(r.notes.begin(), r.notes.end(), n) == r.notes.end()) r.notes.push_back(n);
      if (titles[it->second].empty()) titles[it->second] = r.cited_title = in.title;
      if (dates[it->second].empty()) dates[it->second] = in.date;
    }
  }

  progress prog;
  prog.total = reports.size();
  auto report_progress = [&](const link_report& r) {
    prog.done++;
    prog.counts[static_cast<int>(r.result)]++;
    prog.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (on_result) on_result(r, prog);
  };

  web::result_cache cache(options);
  // With a cache, an HTML page's body (up to 256 KiB) is kept and what enrichment reads from it is
  // stored, so a later `bicite resolve --cache` fetches none of them again; other bodies are
  // abandoned at their first byte as without a cache (their record only says "not-html").
  const bool keep_pages = cache.enabled() && options.cache_pages;

  std::vector<std::optional<page_head>> heads(reports.size());
  std::vector<web::fetch_spec> specs;
  std::vector<std::size_t> spec_owner;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    auto& r = reports[i];
    if (auto bad = web::validate_url(r.url)) {
      r.result = verdict::invalid;
      r.error = *bad;
      r.detail = "invalid URL";
      report_progress(r);
      continue;
    }
    if (const auto* c = cache.find(r.url)) {
      const auto& e = c->report;
      r.result = e.result;
      r.http_status = e.http_status;
      r.final_url = e.final_url;
      r.redirects = e.redirects;
      r.error = e.error;
      r.detail = e.detail;
      r.soft_404 = e.soft_404;
      r.from_cache = true;
      heads[i] = c->head;
      report_progress(r);
      continue;
    }
    specs.push_back({r.url, false, keep_pages});
    spec_owner.push_back(i);
  }

  // No network at all: one reason for every link instead of a "broken" link per URL (never cached)
  if (options.detect_offline && !specs.empty() && !web::stopped(options)) {
    std::vector<std::string> urls;
    urls.reserve(specs.size());
    for (const auto& sp : specs) urls.push_back(sp.url);
    if (const auto reason = detail::detect_offline(urls)) {
      for (std::size_t i : spec_owner) {
        auto& r = reports[i];
        r.result = verdict::unreachable;
        r.detail = "offline";
        r.error = "not checked: no network: " + *reason;
        report_progress(r);
      }
      specs.clear();
      spec_owner.clear();
    }
  }

  web::fetch_all(specs, options, [&](std::size_t k, web::fetch_outcome&& out) {
    auto& r = reports[spec_owner[k]];
    nlohmann::json page;
    if (keep_pages && (out.report.result == verdict::ok || out.report.result == verdict::redirected)) {
      page = web::page_record(out.body, out.content_type, false);
      // a type enrichment reads but the engine abandons unread (XML): no record, resolve fetches it
      if (out.body.empty() && page.value("kind", "") != "not-html") page = nullptr;
      std::string().swap(out.body);
    }
    auto& o = out.report;
    r.result = o.result;
    r.http_status = o.http_status;
    r.final_url = o.final_url;
    r.redirects = std::move(o.redirects);
    r.error = std::move(o.error);
    r.detail = std::move(o.detail);
    r.elapsed_ms = o.elapsed_ms;
    r.attempts = o.attempts;
    r.soft_404 = o.soft_404;
    r.http_version = std::move(o.http_version);
    r.new_connections = o.new_connections;
    heads[spec_owner[k]] = std::move(out.head);
    cache.store({r, heads[spec_owner[k]], std::move(page), 0});
    report_progress(r);
  });

  if (options.verify_titles) {
    // titles
    for (std::size_t i = 0; i < reports.size(); ++i) {
      auto& r = reports[i];
      if (!heads[i]) continue;
      const auto& h = *heads[i];
      r.page_title = !h.citation_title.empty() ? h.citation_title : !h.og_title.empty() ? h.og_title : h.title;
      if (r.page_title.empty()) r.page_title = h.h1;
      // a page without any title says nothing either way: no score, so no title_mismatch
      if (!titles[i].empty() && !r.page_title.empty()) r.title_match = title_similarity(titles[i], h);
    }
    // soft-404 probe: a random sibling URL that cannot exist; if the site answers it with the same
    // page, the cited page is the site's error page too
    std::mt19937_64 rng(std::random_device{}());
    std::vector<web::fetch_spec> probes;
    std::vector<std::vector<std::size_t>> probe_owners;
    std::map<std::string, std::size_t> probe_by_dir;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      auto& r = reports[i];
      if (!heads[i] || r.from_cache || (r.result != verdict::ok && r.result != verdict::redirected)) continue;
      const std::string page = r.final_url.empty() ? r.url : r.final_url;
      std::string probe = sibling_probe_url(page, rng);
      const std::string dir = probe.substr(0, probe.rfind('/'));
      auto [it, fresh] = probe_by_dir.emplace(dir, probes.size());
      if (fresh) {
        probes.push_back({probe, true, false});
        probe_owners.emplace_back();
      }
      probe_owners[it->second].push_back(i);
    }
    check_options po = options;
    po.retries = 1;
    web::fetch_all(probes, po, [&](std::size_t k, web::fetch_outcome&& out) {
      if (out.report.result != verdict::ok && out.report.result != verdict::redirected) return;
      const page_head probe_head = read_page_head(out.body, out.content_type);
      for (std::size_t i : probe_owners[k]) {
        if (!heads[i] || !same_page(*heads[i], probe_head)) continue;
        auto& r = reports[i];
        r.result = verdict::broken;
        r.soft_404 = true;
        r.detail = "soft-404: the page is what the site returns for a URL that cannot exist";
        if (auto* e = cache.stored(r.url); e && !r.from_cache) {
          e->report = r;
          e->page = nullptr;  // the site's error page: nothing for enrichment
        }
      }
    });
    // A page that answered but is not the cited work (a parked domain, another article): its own
    // verdict, after the probe (an error page is broken, which says more). Never cached: it depends
    // on the cited title, not on the URL.
    for (auto& r : reports)
      if ((r.result == verdict::ok || r.result == verdict::redirected) && r.title_match &&
          *r.title_match < title_mismatch_below) {
        r.result = verdict::title_mismatch;
        char buf[96];
        std::snprintf(buf, sizeof buf, "title mismatch: %.2f < %.2f", *r.title_match, title_mismatch_below);
        r.detail = buf;
      }
  }

  if (options.archive) {
    std::vector<web::fetch_spec> asks;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      if (reports[i].result != verdict::broken) continue;
      std::string q = options.archive_endpoint + (options.archive_endpoint.find('?') == std::string::npos ? "?" : "&") +
                      "url=" + web::url_encode(reports[i].url);
      if (!dates[i].empty()) q += "&timestamp=" + web::url_encode(dates[i]);
      asks.push_back({q, true, false});
      owners.push_back(i);
    }
    check_options ao = options;
    ao.soft_404 = false;
    web::fetch_all(asks, ao, [&](std::size_t k, web::fetch_outcome&& out) {
      if (out.report.result != verdict::ok && out.report.result != verdict::redirected) return;
      const json j = bicite::detail::parse_json(out.body);
      if (!j.is_object() || !j.contains("archived_snapshots") || !j["archived_snapshots"].is_object()) return;
      const auto& snaps = j["archived_snapshots"];
      if (!snaps.contains("closest") || !snaps["closest"].is_object()) return;
      const auto& c = snaps["closest"];
      if (c.contains("available") && c["available"].is_boolean() && !c["available"].get<bool>()) return;
      auto& r = reports[owners[k]];
      if (c.contains("url") && c["url"].is_string()) r.archive_url = c["url"].get<std::string>();
      if (c.contains("timestamp") && c["timestamp"].is_string()) r.archive_timestamp = c["timestamp"].get<std::string>();
    });
  }

  cache.save();
  return reports;
}

std::vector<diagnostic> run_diagnostics(const std::vector<link_report>& reports) {
  std::vector<diagnostic> out;
  std::size_t offline = 0;
  std::string why;
  for (const auto& r : reports)
    if (r.result == verdict::unreachable && r.detail == "offline") {
      if (!offline++) why = r.error;
    }
  if (offline) {
    const std::string prefix = "not checked: ";
    if (why.starts_with(prefix)) why.erase(0, prefix.size());
    out.push_back({"links.offline", severity::error, {},
                   std::to_string(offline) + (offline == 1 ? " link was" : " links were") + " not checked: " + why,
                   "connect to the network and run again; the links are reported as unreachable (\"offline\"), not broken"});
  }
  return out;
}

std::vector<link_report> check(const std::vector<std::string>& urls, const check_options& options,
                               const progress_callback& on_result) {
  std::vector<link_input> links;
  links.reserve(urls.size());
  for (const auto& u : urls) links.push_back({u, {}, {}, {}});
  return check(links, options, on_result);
}

}  // namespace bicite::links
