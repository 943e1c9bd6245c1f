// Verdict names and the report formats (JSON, CSV, Markdown, HTML).
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "bicite/links.hpp"

namespace bicite::links {
namespace {

constexpr std::array<std::string_view, verdict_count> names = {
    "ok",          "redirected", "broken",  "blocked",        "rate_limited", "server_error",
    "timeout",     "unreachable", "invalid", "title_mismatch", "interrupted"};
constexpr std::size_t interrupted_kind = static_cast<std::size_t>(verdict::interrupted);
constexpr std::size_t kinds = names.size();
// order of sections in the human reports: what needs attention first, links not checked last
constexpr std::array<std::size_t, kinds> report_order = {
    static_cast<std::size_t>(verdict::broken),       static_cast<std::size_t>(verdict::title_mismatch),
    static_cast<std::size_t>(verdict::invalid),
    static_cast<std::size_t>(verdict::unreachable),  static_cast<std::size_t>(verdict::timeout),
    static_cast<std::size_t>(verdict::server_error), static_cast<std::size_t>(verdict::rate_limited),
    static_cast<std::size_t>(verdict::blocked),      static_cast<std::size_t>(verdict::redirected),
    static_cast<std::size_t>(verdict::ok),           interrupted_kind};

std::size_t kind_of(const link_report& r) { return static_cast<std::size_t>(r.result); }

std::string kind_name(std::size_t k) { return std::string(names[k]); }

std::string verdict_name(const link_report& r) { return kind_name(kind_of(r)); }

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '\\' || c == '`') out += '\\';
    if (c == '\n' || c == '\r') c = ' ';
    out += c;
  }
  return out;
}

std::string fmt_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", ms);
  return buf;
}

std::string fmt_score(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

bool safe_href(std::string_view url) { return url.starts_with("http://") || url.starts_with("https://"); }

std::string status_text(const link_report& r) {
  std::string s = r.http_status ? std::to_string(r.http_status) : "";
  if (!r.detail.empty()) s += (s.empty() ? "" : " ") + r.detail;
  return s;
}

}  // namespace

std::string_view to_string(verdict v) noexcept { return names[static_cast<std::size_t>(v)]; }

std::optional<verdict> verdict_from_string(std::string_view name) noexcept {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<verdict>(i);
  return std::nullopt;
}

std::string to_json(const std::vector<link_report>& reports) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& r : reports) {
    nlohmann::ordered_json j;
    j["url"] = r.url;
    j["verdict"] = verdict_name(r);
    j["http_status"] = r.http_status;
    j["final_url"] = r.final_url.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.final_url);
    auto hops = nlohmann::ordered_json::array();
    for (const auto& h : r.redirects) hops.push_back({{"url", h.url}, {"status", h.status}});
    j["redirects"] = hops;
    j["error"] = r.error;
    j["detail"] = r.detail;
    j["elapsed_ms"] = static_cast<long long>(r.elapsed_ms + 0.5);
    j["attempts"] = r.attempts;
    if (!r.http_version.empty()) j["http_version"] = r.http_version;
    j["notes"] = r.notes;
    j["title_match"] = r.title_match ? nlohmann::ordered_json(std::round(*r.title_match * 1000) / 1000) : nlohmann::ordered_json();
    if (!r.cited_title.empty()) j["cited_title"] = r.cited_title;
    if (!r.page_title.empty()) j["page_title"] = r.page_title;
    j["soft_404"] = r.soft_404;
    if (r.original != r.url) j["original"] = r.original;
    if (!r.repairs.empty()) {
      auto reps = nlohmann::ordered_json::array();
      for (const auto& p : r.repairs) reps.push_back({{"code", p.code}, {"before", p.before}, {"after", p.after}});
      j["repairs"] = reps;
    }
    if (!r.archive_url.empty()) {
      j["archive_url"] = r.archive_url;
      j["archive_timestamp"] = r.archive_timestamp;
    }
    j["from_cache"] = r.from_cache;
    arr.push_back(std::move(j));
  }
  return arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string to_csv(const std::vector<link_report>& reports) {
  std::string out = "url,verdict,http_status,final_url,redirects,error,detail,elapsed_ms,notes,title_match,archive_url\n";
  for (const auto& r : reports) {
    out += csv_field(r.url) + "," + verdict_name(r) + "," + std::to_string(r.http_status) + "," +
           csv_field(r.final_url) + "," + std::to_string(r.redirects.size()) + "," + csv_field(r.error) + "," +
           csv_field(r.detail) + "," + fmt_ms(r.elapsed_ms) + "," + csv_field(join(r.notes, " ")) + "," +
           (r.title_match ? fmt_score(*r.title_match) : "") + "," + csv_field(r.archive_url) + "\n";
  }
  return out;
}

std::string to_markdown(const std::vector<link_report>& reports) {
  std::array<std::size_t, kinds> counts{};
  for (const auto& r : reports) counts[kind_of(r)]++;
  std::string out = "# Link check\n\n" + std::to_string(reports.size()) + " links:";
  for (std::size_t v : report_order)
    if (counts[v]) out += " " + kind_name(v) + " " + std::to_string(counts[v]) + ",";
  if (out.back() == ',') out.pop_back();
  out += "\n";
  for (std::size_t v : report_order) {
    if (!counts[v]) continue;
    out += "\n## " + kind_name(v) + " (" + std::to_string(counts[v]) + ")\n\n";
    out += "| URL | status | notes | final URL / archive | title match |\n| --- | --- | --- | --- | --- |\n";
    for (const auto& r : reports) {
      if (kind_of(r) != v) continue;
      std::string where = r.final_url;
      if (!r.archive_url.empty()) where += (where.empty() ? "" : " ") + std::string("archive: ") + r.archive_url;
      out += "| " + md_escape(r.url) + " | " + md_escape(status_text(r)) + " | " + md_escape(join(r.notes, ", ")) + " | " +
             md_escape(where) + " | " + (r.title_match ? fmt_score(*r.title_match) : "") + " |\n";
    }
  }
  return out;
}

std::string to_html(const std::vector<link_report>& reports) {
  std::array<std::size_t, kinds> counts{};
  for (const auto& r : reports) counts[kind_of(r)]++;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bicite link check</title>\n<style>\n"
      "body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2em}"
      "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;word-break:break-all}"
      "th{background:#f3f3f3}h2{margin-top:1.5em}.broken,.invalid,.unreachable{color:#a00}.timeout,.server_error,"
      ".rate_limited,.blocked{color:#a60}.ok,.redirected{color:#070}.small{color:#666;font-size:90%}\n</style></head>\n<body>\n"
      "<h1>Link check</h1>\n<p>" +
      std::to_string(reports.size()) + " links:";
  for (std::size_t v : report_order)
    if (counts[v])
      out += " <a class=\"" + kind_name(v) + "\" href=\"#" + kind_name(v) + "\">" + kind_name(v) + " " +
             std::to_string(counts[v]) + "</a>";
  out += "</p>\n";
  for (std::size_t v : report_order) {
    if (!counts[v]) continue;
    const std::string name = kind_name(v);
    out += "<h2 id=\"" + name + "\" class=\"" + name + "\">" + name + " (" + std::to_string(counts[v]) +
           ")</h2>\n<table><tr><th>URL</th><th>status</th><th>notes</th><th>final URL / archive</th><th>title</th></tr>\n";
    for (const auto& r : reports) {
      if (kind_of(r) != v) continue;
      out += "<tr><td>";
      out += safe_href(r.url) ? "<a href=\"" + html_escape(r.url) + "\">" + html_escape(r.url) + "</a>" : html_escape(r.url);
      if (!r.repairs.empty()) out += "<div class=\"small\">repaired from " + html_escape(r.original) + "</div>";
      out += "</td><td>" + html_escape(status_text(r));
      if (!r.error.empty()) out += "<div class=\"small\">" + html_escape(r.error) + "</div>";
      out += "</td><td>" + html_escape(join(r.notes, ", ")) + "</td><td>";
      if (!r.final_url.empty())
        out += safe_href(r.final_url) ? "<a href=\"" + html_escape(r.final_url) + "\">" + html_escape(r.final_url) + "</a>"
                                      : html_escape(r.final_url);
      if (!r.archive_url.empty() && safe_href(r.archive_url))
        out += "<div>archive: <a href=\"" + html_escape(r.archive_url) + "\">" + html_escape(r.archive_timestamp.empty() ? r.archive_url : r.archive_timestamp) + "</a></div>";
      out += "</td><td>";
      if (r.title_match) out += fmt_score(*r.title_match) + " " + html_escape(r.page_title);
      out += "</td></tr>\n";
    }
    out += "</table>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace bicite::links
