// bicite links check FILE… : check the links of notes, URL lists or CSL-JSON.
#ifdef BICITE_HAVE_LINKS
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include <bicite/links.hpp>

#include "command.hpp"
#include "environment.hpp"
#include "formats.hpp"

namespace bicite_cli {
namespace {

struct links_options {
  std::vector<std::string> inputs;
  std::string from;
  std::string format = "json";
  std::string output;
  double deadline_s = 0;  // whole run; 0 = none
  bool archive_endpoint_given = false;
  bicite::links::check_options check;
};

// Exit codes of a stopped run: 128 + the signal (130 for SIGINT, 143 for SIGTERM), 124 for --deadline.
constexpr int deadline_exit = 124;
volatile std::sig_atomic_t stop_signal = 0;
std::atomic<bool> stop_run{false};  // check_options::stop of the run; set by the handlers below

extern "C" void on_stop_signal(int sig) {
  if (stop_signal != 0) _exit(128 + sig);  // a second signal: leave at once (the cache file stays as it was)
  stop_signal = sig;
  stop_run.store(true, std::memory_order_relaxed);
  static const char msg[] = "\nbicite: stopping: no new requests; writing the partial report and cache (again to quit now)\n";
  [[maybe_unused]] const auto n = write(STDERR_FILENO, msg, sizeof msg - 1);
}

/// SIGINT/SIGTERM stop the run cleanly while installed; the previous handlers come back afterwards.
class stop_signals {
 public:
  stop_signals() {
    stop_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~stop_signals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  stop_signals(const stop_signals&) = delete;
  stop_signals& operator=(const stop_signals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

/// Sets the run's stop flag after `seconds` unless destroyed first.
class run_deadline {
 public:
  explicit run_deadline(double seconds) {
    if (seconds <= 0) return;
    thread_ = std::thread([this, seconds] {
      std::unique_lock<std::mutex> lock(m_);
      if (!cv_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return done_; }))
        stop_run.store(true, std::memory_order_relaxed);
    });
  }
  ~run_deadline() {
    {
      std::lock_guard<std::mutex> lock(m_);
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  run_deadline(const run_deadline&) = delete;
  run_deadline& operator=(const run_deadline&) = delete;

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

std::string guess_from(const std::string& path) {
  auto ends = [&](std::string_view e) {
    if (path.size() < e.size()) return false;
    for (std::size_t i = 0; i < e.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(path[path.size() - e.size() + i])) != e[i]) return false;
    return true;
  };
  if (ends(".json")) return "csl-json";
  if (ends(".tsv") || ends(".urls") || ends(".list") || ends(".lst")) return "urls";
  return "notes";
}

std::string progress_line(const bicite::links::progress& p) {
  using bicite::links::verdict;
  const double rate = p.elapsed_s > 0 ? static_cast<double>(p.done) / p.elapsed_s : 0;
  const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0;
  char buf[256];
  std::snprintf(buf, sizeof buf, "\r%zu/%zu  %.0f/s  ok %zu  redirected %zu  broken %zu  blocked %zu  other %zu  ETA %.0fs   ",
                p.done, p.total, rate, p.counts[int(verdict::ok)], p.counts[int(verdict::redirected)],
                p.counts[int(verdict::broken)], p.counts[int(verdict::blocked)],
                p.done - p.counts[int(verdict::ok)] - p.counts[int(verdict::redirected)] - p.counts[int(verdict::broken)] -
                    p.counts[int(verdict::blocked)],
                eta);
  return buf;
}

int run_links(const links_options& o) {
  const auto started = std::chrono::steady_clock::now();
  if (o.format != "json" && o.format != "csv" && o.format != "markdown" && o.format != "md" && o.format != "html")
    throw CLI::ValidationError("--to", "unknown report format \"" + o.format + "\" (json, csv, markdown, html)");
  if (!o.from.empty() && o.from != "notes" && o.from != "urls" && o.from != "csl-json")
    throw CLI::ValidationError("--from", "unknown input \"" + o.from + "\" (notes, urls, csl-json)");
  if (o.check.cache_file.empty() && !o.check.cache_pages)
    throw CLI::ValidationError("--no-cache-pages", "--no-cache-pages changes what --cache keeps; give --cache FILE");
  if (!o.check.archive && o.archive_endpoint_given)
    throw CLI::ValidationError("--archive-endpoint", "--archive-endpoint is used by --archive; add --archive");
  output out_file(o.output);  // checked before the run, not after it
  std::vector<bicite::links::link_input> links;
  bool problems = false;
  diagnostic_counts counts;
  for (const auto& path : o.inputs) {
    const std::string from = o.from.empty() ? (path == "-" ? "notes" : guess_from(path)) : o.from;
    const std::string input = read_text(path);
    bicite::links::extracted_links found;
    if (from == "notes") found = bicite::links::extract_from_notes(input);
    else if (from == "urls") found = bicite::links::extract_from_url_list(input);
    else if (from == "csl-json") found = bicite::links::extract_from_csl_json(input);
    else throw CLI::ValidationError("--from", "unknown input \"" + from + "\" (notes, urls, csl-json)");
    for (const auto& d : found.diagnostics) {
      problems = problems || d.level == bicite::severity::error;
      counts.add(d);
    }
    print_diagnostics(path, std::move(found.diagnostics), input);
    for (auto& l : found.links) links.push_back(std::move(l));
  }
  const bool tty = progress_allowed();
  auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  bicite::links::progress_callback cb;
  if (tty)
    cb = [&](const bicite::links::link_report&, const bicite::links::progress& p) {
      const auto now = std::chrono::steady_clock::now();
      if (p.done != p.total && now - last < std::chrono::milliseconds(100)) return;
      last = now;
      std::cerr << progress_line(p) << std::flush;
    };
  stop_run.store(false, std::memory_order_relaxed);
  bicite::links::check_options check = o.check;
  apply_fetch_environment(check);
  check.stop = &stop_run;
  std::vector<bicite::links::link_report> reports;
  {
    stop_signals signals;
    run_deadline deadline(o.deadline_s);
    reports = bicite::links::check(links, check, cb);
  }
  if (tty) std::cerr << "\n";
  std::size_t unfinished = 0;
  for (const auto& r : reports) unfinished += r.result == bicite::links::verdict::interrupted;
  const bool stopped = stop_signal != 0 || unfinished > 0;
  if (stopped)
    std::cerr << "bicite: " << (stop_signal ? "interrupted" : "deadline reached") << ": "
              << reports.size() - unfinished << " of " << reports.size() << " links checked, " << unfinished
              << " reported as \"interrupted\"" << (o.check.cache_file.empty() ? "" : "; cache saved") << "\n";
  for (const auto& d : bicite::links::run_diagnostics(reports)) {
    counts.add(d);
    problems = problems || d.level == bicite::severity::error;
    if (shown_diagnostic(d))
      std::cerr << "bicite links check: " << (d.level == bicite::severity::error ? "error" : "warning") << ": " << d.message
                << " [" << d.code << "]" << (d.hint.empty() ? "" : " (" + d.hint + ")") << "\n";
  }
  std::string out;
  if (o.format == "json") out = bicite::links::write_json(reports);
  else if (o.format == "csv") out = bicite::links::write_csv(reports);
  else if (o.format == "markdown" || o.format == "md") out = bicite::links::write_markdown(reports);
  else out = bicite::links::write_html(reports);
  out_file.write(out);
  out_file.commit();
  using bicite::links::verdict;
  std::size_t by_verdict[bicite::links::verdict_count] = {};
  for (const auto& r : reports) {
    ++by_verdict[static_cast<std::size_t>(r.result) % bicite::links::verdict_count];
    problems = problems || r.result == verdict::broken || r.result == verdict::invalid || r.result == verdict::title_mismatch;
  }
  std::string what = std::to_string(reports.size()) + (reports.size() == 1 ? " link" : " links");
  for (std::size_t v = 0; v < bicite::links::verdict_count; ++v)
    if (by_verdict[v]) what += std::string(what.find(':') == std::string::npos ? ": " : ", ") +
                               std::string(bicite::links::to_string(static_cast<bicite::links::verdict>(v))) + " " + std::to_string(by_verdict[v]);
  print_summary("links check", what, counts, started);
  if (stopped) return stop_signal ? 128 + stop_signal : deadline_exit;
  return problems ? input_problems : ok;
}

const command links_command{60, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<links_options>();
  auto* links = app.add_subcommand("links", "Check the links of notes, URL lists or CSL-JSON");
  links->require_subcommand(1);
  auto* sub = links->add_subcommand("check", "Check links: verdicts, redirects, titles, archive snapshots");
  auto& c = opts->check;
  sub->add_option("files", opts->inputs, "Input files, or - for standard input")->required();
  sub->add_option("--from", opts->from, "notes (\"12.  text\" endnotes), urls (one per line or TSV), csl-json; default: by file name");
  sub->add_option("-t,--to,--format", opts->format, "Report format: json, csv, markdown, html")->capture_default_str();
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output); checked before the run");
  sub->add_option("--concurrency", c.concurrency, "Requests in flight at once (1–10000)")
      ->capture_default_str()->check(CLI::Range(1, 10000));
  sub->add_option("--per-host", c.per_host, "Requests in flight per host (0: no cap)")
      ->capture_default_str()->check(CLI::Range(0, 10000));
  sub->add_option("--gap-ms", c.host_gap_ms, "Minimum gap between requests to one host, ms")
      ->capture_default_str()->check(CLI::Range(0, 3600000));
  sub->add_option("--timeout", c.timeout_s, "Overall deadline per request, seconds (> 0)")
      ->capture_default_str()->check(CLI::Range(0.001, 86400.0));
  sub->add_option("--connect-timeout", c.connect_timeout_s, "Connect timeout, seconds (> 0)")
      ->capture_default_str()->check(CLI::Range(0.001, 86400.0));
  sub->add_option("--retries", c.retries, "Extra tries for 5xx, 429, resets (0–100)")
      ->capture_default_str()->check(CLI::Range(0, 100));
  sub->add_flag("--retry-timeouts", c.retry_timeouts, "Also retry requests the server accepted but never answered");
  sub->add_option("--retry-after-cap", c.retry_after_cap_s, "Longest Retry-After honoured, seconds")
      ->capture_default_str()->check(CLI::Range(0.0, 86400.0));
  sub->add_option("--deadline", opts->deadline_s,
                  "Stop the whole run after this many seconds: links without a verdict are reported as "
                  "\"interrupted\" (exit code 124); 0 = none")->capture_default_str()->check(CLI::NonNegativeNumber);
  sub->add_option("--cache", c.cache_file, "Cache file (JSON lines) shared with `bicite resolve --cache`");
  sub->add_flag("--no-cache-pages", [&c](std::int64_t) { c.cache_pages = false; },
                "With --cache, keep verdicts only: no page metadata for `bicite resolve` is read or stored");
  sub->add_option("--max-age", c.cache_max_age_s, "Reuse cached verdicts younger than this, seconds")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  sub->add_flag("--verify-titles", c.verify_titles, "Compare page titles with the notes' titles (below 0.5: title_mismatch, a problem); probe for soft-404s");
  sub->add_flag("--archive", c.archive, "Suggest archived snapshots for broken links");
  sub->add_option("--archive-endpoint", c.archive_endpoint, "Wayback-compatible availability endpoint (with --archive)")
      ->capture_default_str()
      ->each([opts](const std::string&) { opts->archive_endpoint_given = true; });
  sub->add_option("--user-agent", c.user_agent, "User agent (default names bicite)");
  sub->add_flag("--insecure", [&c](std::int64_t) { c.verify_tls = false; }, "Do not verify TLS certificates");
  sub->callback([opts, &result] { result = run_links(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
#endif
