// The report formats (JSON, CSV, Markdown, HTML); verdict names are in lib/web/verdict.cpp.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "bicite/links.hpp"
#include "links/repair.hpp"

namespace bicite::links {
namespace {

constexpr std::size_t interrupted_kind = static_cast<std::size_t>(verdict::interrupted);
constexpr std::size_t kinds = verdict_count;
// order of sections in the human reports: what needs attention first, links not checked last
constexpr std::array<std::size_t, kinds> report_order = {
    static_cast<std::size_t>(verdict::broken),       static_cast<std::size_t>(verdict::title_mismatch),
    static_cast<std::size_t>(verdict::invalid),
    static_cast<std::size_t>(verdict::unreachable),  static_cast<std::size_t>(verdict::timeout),
    static_cast<std::size_t>(verdict::server_error), static_cast<std::size_t>(verdict::rate_limited),
    static_cast<std::size_t>(verdict::blocked),      static_cast<std::size_t>(verdict::redirected),
    static_cast<std::size_t>(verdict::ok),           interrupted_kind};

std::size_t kind_of(const link_report& r) { return static_cast<std::size_t>(r.result); }

std::string kind_name(std::size_t k) { return std::string(to_string(static_cast<verdict>(k))); }

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

/// "79 links were not checked: no network: …" when the run found no network, else empty: said once
/// at the top of the human reports.
std::string offline_notice(const std::vector<link_report>& reports) {
  const auto d = run_diagnostics(reports);
  return d.empty() ? std::string() : d.front().message;
}

}  // namespace

std::string write_json(const std::vector<link_report>& reports) {
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

std::string write_csv(const std::vector<link_report>& reports) {
  std::string out =
      "url,verdict,http_status,final_url,redirects,error,detail,elapsed_ms,notes,title_match,archive_url,cited_title,page_title\n";
  for (const auto& r : reports) {
    out += csv_field(r.url) + "," + verdict_name(r) + "," + std::to_string(r.http_status) + "," +
           csv_field(r.final_url) + "," + std::to_string(r.redirects.size()) + "," + csv_field(r.error) + "," +
           csv_field(r.detail) + "," + fmt_ms(r.elapsed_ms) + "," + csv_field(join(r.notes, " ")) + "," +
           (r.title_match ? fmt_score(*r.title_match) : "") + "," + csv_field(r.archive_url) + "," +
           csv_field(r.cited_title) + "," + csv_field(r.page_title) + "\n";
  }
  return out;
}

std::string write_markdown(const std::vector<link_report>& reports) {
  std::array<std::size_t, kinds> counts{};
  for (const auto& r : reports) counts[kind_of(r)]++;
  std::string out = "# Link check\n\n" + std::to_string(reports.size()) + " links:";
  for (std::size_t v : report_order)
    if (counts[v]) out += " " + kind_name(v) + " " + std::to_string(counts[v]) + ",";
  if (out.back() == ',') out.pop_back();
  out += "\n";
  if (const auto notice = offline_notice(reports); !notice.empty()) out += "\n**" + md_escape(notice) + "**\n";
  for (std::size_t v : report_order) {
    if (!counts[v]) continue;
    out += "\n## " + kind_name(v) + " (" + std::to_string(counts[v]) + ")\n\n";
    out += "| URL | status | notes | final URL / archive | title match | page title | cited title |\n"
           "| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& r : reports) {
      if (kind_of(r) != v) continue;
      std::string where = r.final_url;
      if (!r.archive_url.empty()) where += (where.empty() ? "" : " ") + std::string("archive: ") + r.archive_url;
      out += "| " + md_escape(r.url) + " | " + md_escape(status_text(r)) + " | " + md_escape(join(r.notes, ", ")) + " | " +
             md_escape(where) + " | " + (r.title_match ? fmt_score(*r.title_match) : "") + " | " + md_escape(r.page_title) +
             " | " + md_escape(r.cited_title) + " |\n";
    }
  }
  return out;
}

namespace {

/// The repairs worth reporting: the URL as written differs from the one checked by more than the
/// sentence punctuation around it (a note's full stop after a link is not a repair).
bool url_changed(const link_report& r) {
  return !r.repairs.empty() && detail::strip_punctuation(r.original) != r.url;
}

/// "host" of a URL, lower case, without "www." — what the report filters on.
std::string host_of(std::string_view url) {
  const auto p = url.find("://");
  if (p == std::string_view::npos) return {};
  url.remove_prefix(p + 3);
  std::string h(url.substr(0, url.find_first_of("/?#")));
  if (const auto at = h.rfind('@'); at != std::string::npos) h.erase(0, at + 1);
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (h.starts_with("www.")) h.erase(0, 4);
  return h;
}

std::string link_html(const std::string& url) {
  return safe_href(url) ? "<a href=\"" + html_escape(url) + "\">" + html_escape(url) + "</a>" : html_escape(url);
}

// Sorting and filtering in the page itself (no server, no external file): rows carry their keys in
// data- attributes; without scripts the table is still complete, worst verdicts first.
constexpr std::string_view html_script = R"JS(
(function () {
  var table = document.getElementById('links'), body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var fv = document.getElementById('f-verdict'), fh = document.getElementById('f-host'),
      fn = document.getElementById('f-note'), shown = document.getElementById('shown');
  function filter() {
    var v = fv.value, h = fh.value, n = fn.value.trim(), count = 0;
    rows.forEach(function (r) {
      var ok = (!v || r.dataset.verdict === v) && (!h || r.dataset.host === h) &&
               (!n || (' ' + r.dataset.notes + ' ').indexOf(' ' + n + ' ') >= 0);
      r.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = count;
  }
  function key(r, k) {
    var x = r.dataset[k];
    return (k === 'order' || k === 'row' || k === 'note' || k === 'score') ? parseFloat(x === '' ? 'NaN' : x) : x;
  }
  var current = null, descending = false;
  function sort(k) {
    descending = current === k ? !descending : false;
    current = k;
    rows.sort(function (a, b) {
      var x = key(a, k), y = key(b, k), c;
      if (typeof x === 'number' && (isNaN(x) || isNaN(y))) {
        if (isNaN(x) !== isNaN(y)) return isNaN(x) ? 1 : -1;  // rows without a value last, either way
        c = 0;
      } else c = typeof x === 'number' ? x - y : (x < y ? -1 : x > y ? 1 : 0);
      if (descending) c = -c;
      return c || key(a, 'order') - key(b, 'order') || key(a, 'row') - key(b, 'row');
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.setAttribute('aria-sort', th.dataset.sort === k ? (descending ? 'descending' : 'ascending') : 'none');
    });
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (!th.dataset.sort) return;
    th.tabIndex = 0;
    th.addEventListener('click', function () { sort(th.dataset.sort); });
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(th.dataset.sort); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('a[data-verdict]'), function (a) {
    a.addEventListener('click', function (e) { e.preventDefault(); fv.value = a.dataset.verdict; filter(); });
  });
  [fv, fh].forEach(function (el) { el.addEventListener('change', filter); });
  fn.addEventListener('input', filter);
  document.getElementById('filters').hidden = false;
  filter();
})();
)JS";

}  // namespace

std::string write_html(const std::vector<link_report>& reports) {
  std::array<std::size_t, kinds> counts{};
  for (const auto& r : reports) counts[kind_of(r)]++;
  std::array<std::size_t, kinds> rank{};  // position of a verdict in report_order: the default sort
  for (std::size_t i = 0; i < kinds; ++i) rank[report_order[i]] = i;
  std::vector<std::string> hosts;
  for (const auto& r : reports) hosts.push_back(host_of(r.url));
  std::vector<std::string> host_list = hosts;
  std::sort(host_list.begin(), host_list.end());
  host_list.erase(std::unique(host_list.begin(), host_list.end()), host_list.end());

  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>bicite link check</title>\n<style>\n"
      "body{font:15px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}"
      "th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}"
      "th{background:#f3f3f3;white-space:nowrap}th[data-sort]{cursor:pointer}th[aria-sort=ascending]::after{content:' \\25B2'}"
      "th[aria-sort=descending]::after{content:' \\25BC'}.url{overflow-wrap:anywhere}.notes{white-space:nowrap}"
      ".broken,.invalid,.unreachable,.title_mismatch{color:#a00}.timeout,.server_error,.rate_limited,.blocked{color:#a60}"
      ".ok,.redirected{color:#070}.interrupted{color:#666}.small{color:#666;font-size:90%}"
      "#filters{margin:1em 0}#filters label{margin-right:1em}\n</style></head>\n<body>\n<h1>Link check</h1>\n<p>" +
      std::to_string(reports.size()) + " links:";
  for (std::size_t v : report_order)
    if (counts[v])
      out += " <a class=\"" + kind_name(v) + "\" href=\"#links\" data-verdict=\"" + kind_name(v) + "\">" + kind_name(v) + " " +
             std::to_string(counts[v]) + "</a>";
  out += "</p>\n";
  if (const auto notice = offline_notice(reports); !notice.empty()) out += "<p class=\"unreachable\"><b>" + html_escape(notice) + "</b></p>\n";
  out += "<div id=\"filters\" hidden><label>verdict <select id=\"f-verdict\"><option value=\"\">all</option>";
  for (std::size_t v : report_order)
    if (counts[v]) out += "<option>" + kind_name(v) + "</option>";
  out += "</select></label><label>host <select id=\"f-host\"><option value=\"\">all</option>";
  for (const auto& h : host_list) out += "<option>" + html_escape(h) + "</option>";
  out += "</select></label><label>note <input id=\"f-note\" size=\"6\"></label><span class=\"small\"><span id=\"shown\">" +
         std::to_string(reports.size()) + "</span> shown; click a column head to sort</span></div>\n";
  out += "<table id=\"links\"><thead><tr><th data-sort=\"order\">verdict</th><th data-sort=\"host\">URL</th><th>status</th>"
         "<th data-sort=\"note\">notes</th><th>cited title</th><th data-sort=\"score\">page title (match)</th>"
         "<th>final URL / archive</th></tr></thead>\n<tbody>\n";
  std::size_t row = 0;
  for (std::size_t v : report_order) {
    if (!counts[v]) continue;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      const auto& r = reports[i];
      if (kind_of(r) != v) continue;
      const std::string name = kind_name(v);
      std::string first_note;
      if (!r.notes.empty() && !r.notes[0].empty() &&
          std::all_of(r.notes[0].begin(), r.notes[0].end(), [](char c) { return c >= '0' && c <= '9'; }) && r.notes[0].size() < 10)
        first_note = r.notes[0];
      out += "<tr data-verdict=\"" + name + "\" data-order=\"" + std::to_string(rank[v]) + "\" data-row=\"" + std::to_string(row++) +
             "\" data-host=\"" + html_escape(hosts[i]) + "\" data-notes=\"" + html_escape(join(r.notes, " ")) + "\" data-note=\"" +
             first_note + "\" data-score=\"" + (r.title_match ? fmt_score(*r.title_match) : "") + "\">";
      out += "<td class=\"" + name + "\">" + name + "</td><td class=\"url\">" + link_html(r.url);
      if (url_changed(r)) out += "<div class=\"small\">repaired from " + html_escape(detail::strip_punctuation(r.original)) + "</div>";
      out += "</td><td>" + html_escape(status_text(r));
      if (!r.error.empty()) out += "<div class=\"small\">" + html_escape(r.error) + "</div>";
      out += "</td><td class=\"notes\">" + html_escape(join(r.notes, ", ")) + "</td><td>" + html_escape(r.cited_title) + "</td><td>";
      if (!r.page_title.empty()) out += html_escape(r.page_title);
      if (r.title_match) out += " <span class=\"small\">(" + fmt_score(*r.title_match) + ")</span>";
      out += "</td><td class=\"url\">";
      if (!r.final_url.empty()) out += link_html(r.final_url);
      if (!r.archive_url.empty() && safe_href(r.archive_url))
        out += "<div>archive: <a href=\"" + html_escape(r.archive_url) + "\">" +
               html_escape(r.archive_timestamp.empty() ? r.archive_url : r.archive_timestamp) + "</a></div>";
      out += "</td></tr>\n";
    }
  }
  out += "</tbody></table>\n<script>";
  out += html_script;
  out += "</script>\n</body></html>\n";
  return out;
}

}  // namespace bicite::links
