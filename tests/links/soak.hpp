#pragma once
// The link checker under fault: many URLs against several local hostile servers (hostile_web.py
// processes, each on several ports, plus soak_server.py for huge headers, endless heads and
// bodies, endless redirect chains, 429 with Retry-After: 86400, binary garbage and a listener that
// flips between up and down). Used by the small ctest (tests/links/soak_test.cpp) and the 50,000-URL
// benchmark (tests/bench/soak_links.cpp).
//
// What is measured: one verdict per URL (count, and the set of reported URLs equals the input set),
// wall time against a time bound (a watchdog sets the run's stop flag at the bound: no link may end up
// "interrupted"), RSS and open file descriptors at 10 %, 50 % and 100 % of the verdicts and after
// the run, and an interrupted run of the command (SIGINT mid-run, then a resumed run on its cache).
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <bicite/links.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "servers.hpp"  // links_test::port_open

namespace soak {

using clock_type = std::chrono::steady_clock;

inline double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

/// Open file descriptors of a process ("self" or a pid).
inline int fd_count(const std::string& pid = "self") {
  DIR* d = opendir(("/proc/" + pid + "/fd").c_str());
  if (!d) return -1;
  int n = 0;
  while (dirent* e = readdir(d))
    if (e->d_name[0] != '.') ++n;
  closedir(d);
  return n - (pid == "self" ? 1 : 0);  // the directory stream itself
}

/// A field of /proc/PID/status in kB (VmRSS, VmHWM).
inline long status_kb(const std::string& field, const std::string& pid = "self") {
  std::ifstream in("/proc/" + pid + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
  return -1;
}

/// Is a TCP port on 127.0.0.1 free to bind?
inline bool port_free(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

/// `count` consecutive free ports.
inline int free_ports(int count) {
  static int next = 21000 + static_cast<int>(getpid() % 200) * 100;
  for (int tries = 0; tries < 400; ++tries) {
    const int base = next;
    next += count + 1;
    if (next > 60000) next = 21000;
    bool ok = true;
    for (int k = 0; k < count && ok; ++k) ok = port_free(base + k);
    if (ok) return base;
  }
  return 0;
}

/// Starts a program with stdout to `out` (or /dev/null) and stderr to /dev/null unless `keep_stderr`.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& out = "", bool keep_stderr = false) {
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int o = out.empty() ? open("/dev/null", O_WRONLY) : open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    if (!keep_stderr) dup2(open("/dev/null", O_WRONLY), 2);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

/// One URL of the soak and what it should get.
struct row {
  std::string url;
  std::string server_case;
  std::string expected;
  std::vector<std::string> acceptable;
};

struct config {
  int urls = 2000;
  int hostile_procs = 2;       ///< hostile_web.py processes
  int ports_per_proc = 3;      ///< ports (hosts) per hostile_web.py process
  int soak_ports = 2;          ///< soak_server.py ports, plus one flipping port
  double soak_share = 0.06;    ///< share of URLs from soak_server.py
  double flip_period_s = 1.0;  ///< the flipping listener is up this long, then down this long
  bool tls = true;             ///< the first hostile_web.py also serves its self-signed TLS case
  std::string exclude;         ///< hostile_web.py cases left out ("slow_ok" for a short deadline)
  double time_bound_s = 60;    ///< the run must end before this (the watchdog stops it there)
  bicite::links::check_options options;
};

/// The local servers of a soak, stopped by the destructor.
class servers {
 public:
  explicit servers(const config& c) : c_(c) {
    for (int p = 0; p < c.hostile_procs; ++p) {
      const int base = free_ports(c.ports_per_proc + 1);
      hostile_ports.push_back(base);
      std::vector<std::string> args = {"python3", bicite_test::shared_path("tools/hostile_web.py"), std::to_string(base),
                                       "--hosts", std::to_string(c.ports_per_proc)};
      if (c.tls && p == 0) {
        tls_port = base + c.ports_per_proc;
        args.insert(args.end(), {"--tls-port", std::to_string(tls_port)});
      }
      pids_.push_back(spawn(args));
    }
    soak_port = free_ports(c.soak_ports + 1);
    flip_port = soak_port + c.soak_ports;
    pids_.push_back(spawn({"python3", soak_script(), std::to_string(soak_port), "--hosts", std::to_string(c.soak_ports),
                           "--flip-port", std::to_string(flip_port), "--flip-period", std::to_string(c.flip_period_s)}));
    for (int i = 0; i < 300; ++i) {
      bool up = links_test::port_open(soak_port) && (!tls_port || links_test::port_open(tls_port));
      for (int p : hostile_ports) up = up && links_test::port_open(p) && links_test::port_open(p + c.ports_per_proc - 1);
      if (up) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~servers() {
    for (pid_t p : pids_) kill(p, SIGTERM);
    for (pid_t p : pids_) waitpid(p, nullptr, 0);
  }
  servers(const servers&) = delete;
  servers& operator=(const servers&) = delete;

  static std::string soak_script() { return bicite_test::source_path("tests/links/soak_server.py"); }

  /// Hosts (host:port keys) the URLs spread over, the flipping port included.
  int hosts() const { return c_.hostile_procs * c_.ports_per_proc + (c_.tls ? 1 : 0) + c_.soak_ports + 1; }

  /// The URL mix: hostile_web.py's weighted catalogue on every process, soak_server.py's cases.
  std::vector<row> make_rows() const {
    std::vector<row> rows;
    std::set<std::string> seen;
    auto add = [&](const nlohmann::json& arr, int proc) {
      for (const auto& j : arr) {
        row r;
        r.url = j["url"].get<std::string>();
        // refused/bad-port URLs name no server port: make them distinct across processes
        if (seen.count(r.url)) r.url += "&p=" + std::to_string(proc);
        seen.insert(r.url);
        r.server_case = j["case"].get<std::string>();
        r.expected = j["expected"].get<std::string>();
        for (const auto& a : j["acceptable"]) r.acceptable.push_back(a.get<std::string>());
        rows.push_back(std::move(r));
      }
    };
    const int from_soak = static_cast<int>(c_.urls * c_.soak_share);
    const int from_hostile = c_.urls - from_soak;
    // the generators run side by side (each is a Python start-up of ~1 s on a loaded machine)
    std::vector<pid_t> gens;
    std::vector<std::string> files;
    const std::string tmp = "/tmp/bicite_soak_gen_" + std::to_string(getpid()) + "_";
    for (int p = 0; p < c_.hostile_procs; ++p) {
      const int n = from_hostile / c_.hostile_procs + (p < from_hostile % c_.hostile_procs ? 1 : 0);
      std::vector<std::string> args = {"python3", bicite_test::shared_path("tools/hostile_web.py"),
                                       std::to_string(hostile_ports[p]), "--gen-json", std::to_string(n), "--hosts",
                                       std::to_string(c_.ports_per_proc), "--seed", std::to_string(p + 1)};
      if (p == 0 && tls_port) args.insert(args.end(), {"--tls-port", std::to_string(tls_port)});
      if (!c_.exclude.empty()) args.insert(args.end(), {"--exclude", c_.exclude});
      files.push_back(tmp + std::to_string(p) + ".json");
      gens.push_back(spawn(args, files.back()));
    }
    files.push_back(tmp + "soak.json");
    gens.push_back(spawn({"python3", soak_script(), std::to_string(soak_port), "--gen-json", std::to_string(from_soak),
                          "--hosts", std::to_string(c_.soak_ports), "--flip-port", std::to_string(flip_port)},
                         files.back()));
    for (pid_t g : gens) waitpid(g, nullptr, 0);
    for (std::size_t k = 0; k < files.size(); ++k) {
      add(nlohmann::json::parse(bicite_test::read_file(files[k])), k + 1 == files.size() ? 99 : static_cast<int>(k));
      std::remove(files[k].c_str());
    }
    // interleave the sources so every stretch of the run meets every kind of fault
    std::vector<row> mixed;
    mixed.reserve(rows.size());
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return (a * 2654435761u) % 1000003 < (b * 2654435761u) % 1000003;
    });
    for (std::size_t i : order) mixed.push_back(rows[i]);
    return mixed;
  }

  std::vector<int> hostile_ports;
  int tls_port = 0;
  int soak_port = 0;
  int flip_port = 0;

 private:
  config c_;
  std::vector<pid_t> pids_;
};

/// RSS and descriptors when a share of the verdicts was in.
struct sample {
  std::size_t done = 0;
  double at_s = 0;
  long rss_kb = 0;
  int fds = 0;
};

struct run_result {
  std::size_t inputs = 0;
  std::size_t reports = 0;
  std::size_t callbacks = 0;             ///< progress callbacks (one per verdict)
  bool same_url_set = false;             ///< reported URLs (as given) == input URLs
  std::size_t duplicate_reports = 0;
  std::size_t interrupted = 0;           ///< links the watchdog had to stop (must be 0)
  double wall_s = 0;
  int fds_before = 0, fds_after = 0, fds_max = 0;
  long rss_before_kb = 0, rss_after_kb = 0, hwm_after_kb = 0;
  std::vector<sample> samples;           ///< at 10 %, 50 %, 100 %
  std::map<std::string, std::size_t> verdicts;
  std::size_t ideal = 0, acceptable = 0;
  std::map<std::string, std::map<std::string, std::size_t>> misses;  ///< case → verdict → count
};

/// Sets the run's stop flag at the bound unless destroyed first.
class watchdog {
 public:
  watchdog(double seconds, std::atomic<bool>& stop) {
    thread_ = std::thread([this, seconds, &stop] {
      std::unique_lock<std::mutex> lock(m_);
      if (!cv_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return done_; })) {
        fired = true;
        stop.store(true);
      }
    });
  }
  ~watchdog() {
    {
      std::lock_guard<std::mutex> lock(m_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  watchdog(const watchdog&) = delete;
  watchdog& operator=(const watchdog&) = delete;
  std::atomic<bool> fired{false};

 private:
  std::mutex m_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

/// check() in this process, with RSS/fd samples, against the time bound.
inline run_result run_in_process(const std::vector<row>& rows, const config& c) {
  run_result out;
  out.inputs = rows.size();
  std::vector<bicite::links::link_input> inputs;
  inputs.reserve(rows.size());
  for (const auto& r : rows) inputs.push_back({r.url, {}, {}, {}});
  std::atomic<bool> stop{false};
  bicite::links::check_options options = c.options;
  options.stop = &stop;
  out.fds_before = fd_count();
  out.rss_before_kb = status_kb("VmRSS");
  const std::size_t total = rows.size();
  const std::size_t marks[3] = {(total + 9) / 10, (total + 1) / 2, total};
  const auto t0 = clock_type::now();
  std::vector<bicite::links::link_report> reports;
  {
    watchdog dog(c.time_bound_s, stop);
    reports = bicite::links::check(inputs, options, [&](const bicite::links::link_report&, const bicite::links::progress& p) {
      out.callbacks++;
      if (p.done % 64 == 0) out.fds_max = std::max(out.fds_max, fd_count());
      for (std::size_t m : marks)
        if (p.done == m) out.samples.push_back({p.done, seconds_since(t0), status_kb("VmRSS"), fd_count()});
    });
  }
  out.wall_s = seconds_since(t0);
  out.fds_after = fd_count();
  out.rss_after_kb = status_kb("VmRSS");
  out.hwm_after_kb = status_kb("VmHWM");
  out.reports = reports.size();
  std::set<std::string> in_set, out_set;
  for (const auto& r : rows) in_set.insert(r.url);
  std::map<std::string, const row*> by_url;
  for (const auto& r : rows) by_url[r.url] = &r;
  for (const auto& r : reports) {
    if (!out_set.insert(r.original).second) out.duplicate_reports++;
    if (r.result == bicite::links::verdict::interrupted) out.interrupted++;
    const std::string v(bicite::links::to_string(r.result));
    out.verdicts[r.result == bicite::links::verdict::interrupted ? "interrupted" : v]++;
    auto it = by_url.find(r.original);
    if (it == by_url.end()) continue;
    const row& want = *it->second;
    const bool ideal = v == want.expected;
    const bool ok = ideal || std::find(want.acceptable.begin(), want.acceptable.end(), v) != want.acceptable.end();
    out.ideal += ideal;
    out.acceptable += ok;
    if (!ok) out.misses[want.server_case][v]++;
  }
  out.same_url_set = in_set == out_set;
  return out;
}

inline std::string format_run(const run_result& r, int hosts) {
  std::ostringstream s;
  s << r.inputs << " URLs on " << hosts << " hosts: " << r.reports << " reports, " << r.callbacks << " callbacks, "
    << (r.same_url_set ? "same URL set" : "URL SETS DIFFER") << ", wall " << r.wall_s << " s\n  verdicts:";
  for (const auto& [v, n] : r.verdicts) s << " " << v << " " << n;
  s << "\n  ideal " << r.ideal << ", acceptable " << r.acceptable << " of " << r.reports << "\n  RSS before "
    << r.rss_before_kb / 1024.0 << " MB";
  for (const auto& m : r.samples)
    s << "; at " << m.done << " (" << m.at_s << " s) " << m.rss_kb / 1024.0 << " MB, " << m.fds << " fds";
  s << "; after " << r.rss_after_kb / 1024.0 << " MB (peak " << r.hwm_after_kb / 1024.0 << " MB)\n  fds before "
    << r.fds_before << ", max during " << r.fds_max << ", after " << r.fds_after << "\n";
  for (const auto& [c, vs] : r.misses) {
    s << "  miss " << c << ":";
    for (const auto& [v, n] : vs) s << " " << v << "×" << n;
    s << "\n";
  }
  return s.str();
}

/// The command interrupted by SIGINT, then resumed on its cache.
struct interrupt_result {
  int exit_code = -1;
  double signal_at_s = 0;
  double stop_latency_s = 0;      ///< SIGINT → process gone
  int cmd_fds_max = 0;            ///< open fds of the command, sampled while it ran
  long cmd_rss_max_kb = 0;
  bool report_valid = false;      ///< report.json parses as an array of objects
  std::size_t entries = 0;
  bool same_url_set = false;
  std::size_t interrupted = 0;    ///< entries with verdict "interrupted"
  std::size_t finished = 0;
  std::size_t cacheable_finished = 0;
  bool cache_valid = false;       ///< every line a JSON object with url and verdict
  std::size_t cache_lines = 0;
  bool cache_matches = false;     ///< cache URLs == finished URLs with a cacheable verdict
  bool tmp_left = false;
  // the resumed run
  int resume_exit = -1;
  double resume_wall_s = 0;
  bool resume_valid = false;
  bool resume_same_url_set = false;
  std::size_t resume_rows = 0;
  std::size_t resume_from_cache = 0;
  std::size_t resume_interrupted = 0;
};

inline std::vector<std::string> option_args(const bicite::links::check_options& o) {
  auto num = [](double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  };
  return {"--concurrency", std::to_string(o.concurrency), "--per-host", std::to_string(o.per_host), "--gap-ms",
          std::to_string(o.host_gap_ms), "--timeout", num(o.timeout_s), "--connect-timeout", num(o.connect_timeout_s),
          "--retries", std::to_string(o.retries), "--retry-after-cap", num(o.retry_after_cap_s)};
}

inline interrupt_result run_interrupted(const std::string& exe, const std::vector<row>& rows, const config& c,
                                        double interrupt_after_s, const std::string& dir) {
  interrupt_result out;
  const std::string list = dir + "/soak_urls.tsv", cache = dir + "/soak_cache.jsonl", report = dir + "/soak_report.json",
                    resumed = dir + "/soak_resumed.json";
  for (const auto& f : {cache, report, resumed, cache + ".tmp"}) std::remove(f.c_str());
  {
    std::ofstream l(list);
    for (const auto& r : rows) l << r.url << "\n";
  }
  std::vector<std::string> args = {exe, "links", "check", list, "--from", "urls", "--cache", cache, "-o", report};
  for (const auto& a : option_args(c.options)) args.push_back(a);
  const auto t0 = clock_type::now();
  const pid_t pid = spawn(args);
  const std::string spid = std::to_string(pid);
  int status = 0;
  bool exited = false;
  while (seconds_since(t0) < interrupt_after_s) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;  // finished before the signal: the test reports it
      break;
    }
    out.cmd_fds_max = std::max(out.cmd_fds_max, fd_count(spid));
    out.cmd_rss_max_kb = std::max(out.cmd_rss_max_kb, status_kb("VmRSS", spid));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  out.signal_at_s = seconds_since(t0);
  const auto sent = clock_type::now();
  if (!exited) {
    kill(pid, SIGINT);
    waitpid(pid, &status, 0);
  }
  out.stop_latency_s = seconds_since(sent);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

  std::set<std::string> in_set;
  for (const auto& r : rows) in_set.insert(r.url);
  std::set<std::string> finished_cacheable;
  try {
    const auto j = nlohmann::json::parse(bicite_test::read_file(report));
    out.report_valid = j.is_array();
    std::set<std::string> got;
    for (const auto& e : j) {
      if (!e.is_object() || !e.contains("url") || !e.contains("verdict")) out.report_valid = false;
      if (!e.is_object()) continue;
      const std::string v = e.value("verdict", "");
      got.insert(e.value("original", e.value("url", "")));
      if (v == "interrupted") {
        out.interrupted++;
      } else {
        out.finished++;
        if (!bicite::links::verdict_from_string(v)) out.report_valid = false;
        if (v != "timeout" && v != "rate_limited" && v != "server_error" && v != "invalid") {
          out.cacheable_finished++;
          finished_cacheable.insert(e.value("url", ""));
        }
      }
    }
    out.entries = j.size();
    out.same_url_set = got == in_set;
  } catch (const std::exception&) {
    out.report_valid = false;
  }
  try {
    std::ifstream in(cache);
    out.cache_valid = static_cast<bool>(in);
    std::string line;
    std::set<std::string> cached;
    while (std::getline(in, line)) {
      out.cache_lines++;
      const auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object() || !j.contains("url") || !j.contains("verdict")) {
        out.cache_valid = false;
        continue;
      }
      cached.insert(j["url"].get<std::string>());
    }
    out.cache_matches = cached == finished_cacheable;
  } catch (const std::exception&) {
    out.cache_valid = false;
  }
  out.tmp_left = std::ifstream(cache + ".tmp").good();

  // resume on the cache: every cached verdict is reused, the rest is checked now
  args = {exe, "links", "check", list, "--from", "urls", "--cache", cache, "-o", resumed};
  for (const auto& a : option_args(c.options)) args.push_back(a);
  const auto t1 = clock_type::now();
  const pid_t again = spawn(args);
  waitpid(again, &status, 0);
  out.resume_wall_s = seconds_since(t1);
  out.resume_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  try {
    const auto j = nlohmann::json::parse(bicite_test::read_file(resumed));
    out.resume_valid = j.is_array();
    std::set<std::string> got;
    for (const auto& e : j) {
      if (!e.is_object()) {
        out.resume_valid = false;
        continue;
      }
      got.insert(e.value("original", e.value("url", "")));
      out.resume_from_cache += e.value("from_cache", false);
      out.resume_interrupted += e.value("verdict", "") == "interrupted";
    }
    out.resume_rows = j.size();
    out.resume_same_url_set = got == in_set;
  } catch (const std::exception&) {
    out.resume_valid = false;
  }
  return out;
}

inline std::string format_interrupt(const interrupt_result& r) {
  std::ostringstream s;
  s << "SIGINT after " << r.signal_at_s << " s: exit " << r.exit_code << " in " << r.stop_latency_s << " s; report "
    << (r.report_valid ? "valid" : "INVALID") << ", " << r.entries << " entries (" << r.finished << " finished, "
    << r.interrupted << " interrupted), " << (r.same_url_set ? "same URL set" : "URL SETS DIFFER") << "; cache "
    << (r.cache_valid ? "valid" : "INVALID") << ", " << r.cache_lines << " lines for " << r.cacheable_finished
    << " cacheable verdicts" << (r.cache_matches ? " (same URLs)" : " (URLS DIFFER)") << (r.tmp_left ? ", .tmp LEFT" : "")
    << "; command peak " << r.cmd_fds_max << " fds, " << r.cmd_rss_max_kb / 1024.0 << " MB\n  resumed on the cache: exit "
    << r.resume_exit << " in " << r.resume_wall_s << " s, report " << (r.resume_valid ? "valid" : "INVALID") << ", "
    << r.resume_rows << " entries, " << r.resume_from_cache << " from the cache, " << r.resume_interrupted
    << " interrupted" << (r.resume_same_url_set ? "" : ", URL SETS DIFFER") << "\n";
  return s.str();
}

}  // namespace soak
