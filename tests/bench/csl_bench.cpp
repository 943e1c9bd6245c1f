// bench_csl_bench [N] [--peer DIR]: renders a bibliography and one citation per item for N (default
// 10,000) mixed Russian/English CSL-JSON items in chicago-fullnote-bibliography and
// gost-r-7-0-5-2008, and runs citeproc-js (npm `citeproc` installed in DIR, default
// /tmp/peer-citeproc) on the same items and style in the same run. Style loading is excluded from
// both timings. Prints items per second for each and the peak memory of this process.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>

namespace {

// Deterministic synthetic items: half Russian, half English; books, articles and chapters.
std::string make_items(std::size_t n) {
  static const char* ru_family[] = {"Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Лебедев", "Козлов"};
  static const char* ru_given[] = {"Иван Петрович", "Сергей", "Анна Викторовна", "Михаил", "Ольга Сергеевна"};
  static const char* ru_title[] = {"Внешняя политика России", "Международные отношения в XXI веке",
                                   "История дипломатии", "Экономика и право", "Безопасность в Европе"};
  static const char* en_family[] = {"Smith", "Johnson", "Brown", "Taylor", "Anderson", "Thomas", "Jackson", "White"};
  static const char* en_given[] = {"John", "Mary Ann", "Robert", "Patricia", "Michael"};
  static const char* en_title[] = {"The View from Russia", "Foreign Policy and Its Discontents",
                                   "A History of Diplomacy", "Law and Economics", "Security in Europe"};
  static const char* types[] = {"book", "article-journal", "chapter"};
  std::string out = "[";
  for (std::size_t i = 0; i < n; ++i) {
    bool ru = i % 2 == 0;
    const char* type = types[i % 3];
    auto pick = [&](const char* const* a, std::size_t size, std::size_t k) { return a[(i * 7 + k * 3) % size]; };
    std::string authors;
    std::size_t na = 1 + i % 4;
    for (std::size_t k = 0; k < na; ++k)
      authors += fmt::format("{}{{\"family\":\"{}\",\"given\":\"{}\"}}", k ? "," : "",
                             ru ? pick(ru_family, 8, k) : pick(en_family, 8, k), ru ? pick(ru_given, 5, k) : pick(en_given, 5, k));
    std::string title = fmt::format("{} {}", ru ? pick(ru_title, 5, 0) : pick(en_title, 5, 0), i);
    out += fmt::format("{}{{\"id\":\"item-{}\",\"type\":\"{}\",\"language\":\"{}\",\"title\":\"{}\",\"author\":[{}],"
                       "\"issued\":{{\"date-parts\":[[{}]]}}",
                       i ? ",\n" : "", i, type, ru ? "ru" : "en", title, authors, 1990 + i % 35);
    if (std::string(type) == "book")
      out += fmt::format(",\"publisher\":\"{}\",\"publisher-place\":\"{}\",\"number-of-pages\":\"{}\"",
                         ru ? "Наука" : "Oxford University Press", ru ? "Москва" : "Oxford", 100 + i % 400);
    else
      out += fmt::format(",\"container-title\":\"{}\",\"volume\":\"{}\",\"issue\":\"{}\",\"page\":\"{}-{}\"",
                         ru ? "Международная жизнь" : "International Affairs", 1 + i % 40, 1 + i % 12, 10 + i % 90,
                         30 + i % 90 + 20);
    if (std::string(type) == "chapter")
      out += fmt::format(",\"editor\":[{{\"family\":\"{}\",\"given\":\"{}\"}}]", ru ? "Орлов" : "Green", ru ? "Пётр" : "Adam");
    out += "}";
  }
  out += "]";
  return out;
}

const char* peer_script = R"js(
const CSL = require('citeproc');
const fs = require('fs');
const [itemsPath, stylePath, locDir] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, 'utf8'));
const byId = {};
for (const it of items) byId[it.id] = it;
const sys = {
  retrieveLocale: (lang) => {
    for (const l of [lang, lang + '-' + lang.toUpperCase(), 'en-US']) {
      try { return fs.readFileSync(`${locDir}/locales-${l}.xml`, 'utf8'); } catch (e) {}
    }
    return fs.readFileSync(`${locDir}/locales-en-US.xml`, 'utf8');
  },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, 'utf8'));  // style loading: not timed
const ids = items.map((i) => i.id);
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
engine.updateItems(ids);
const bib = engine.makeBibliography();
let chars = 0;
for (const id of ids) chars += engine.makeCitationCluster([{ id }]).length;
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage(c0);
const secs = Number(t1 - t0) / 1e9;
console.log(JSON.stringify({ cpu: (c1.user + c1.system) / 1e6, seconds: secs, entries: bib[1].length, chars, rss_mb: process.memoryUsage().rss / 1048576 }));
)js";

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double peak_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 10000;
  std::string peer = "/tmp/peer-citeproc";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--peer" && i + 1 < argc) peer = argv[++i];
    else n = static_cast<std::size_t>(std::stoul(a));
  }
  const std::string items_json = make_items(n);
  const std::string items_path = "/tmp/bicite_csl_bench_items.json";
  std::ofstream(items_path) << items_json;
  auto read = bicite::csljson::read(items_json);
  const bool have_peer = std::filesystem::exists(peer + "/node_modules/citeproc");
  if (have_peer) std::ofstream(peer + "/bicite_bench.js") << peer_script;
  std::cout << fmt::format("{} items ({} Russian, {} English)\n", read.references.size(), (n + 1) / 2, n / 2);
  for (const char* name : {"chicago-fullnote-bibliography", "gost-r-7-0-5-2008"}) {
    auto st = bicite::csl::load_style(name);  // not timed
    if (!st) {
      std::cout << name << ": " << bicite::to_string(st.error()) << "\n";
      continue;
    }
    bicite::csl::render_options o;
    o.format = bicite::csl::output_format::html;
    auto cites = bicite::csl::one_citation_per_item(read.references);
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_seconds();
    auto res = bicite::csl::render(**st, read.references, cites, o);
    double cpu = cpu_seconds() - c0;
    auto t1 = std::chrono::steady_clock::now();
    double secs = std::chrono::duration<double>(t1 - t0).count();
    std::cout << fmt::format("{:30} bicite:      CPU {:7.3f} s {:8.0f} items/s | wall {:7.3f} s {:8.0f} items/s | {} entries, {} citations, peak RSS {:.0f} MB\n",
                             name, cpu, static_cast<double>(n) / cpu, secs, static_cast<double>(n) / secs,
                             res.bibliography.size(), res.citations.size(), peak_mb());
    if (!have_peer) {
      std::cout << fmt::format("{:32} citeproc-js: not installed (cd {} && npm install citeproc)\n", name, peer);
      continue;
    }
    std::string style_path;
    for (const char* dir : {"/usr/share/citation-style-language/styles/"})
      style_path = std::string(dir) + name + ".csl";
    std::string cmd = fmt::format("cd {} && node bicite_bench.js {} {} /usr/share/citation-style-language/locales", peer,
                                  items_path, style_path);
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    while (p && fgets(buf, sizeof buf, p)) out += buf;
    if (p) pclose(p);
    double psecs = 0, rss = 0, pcpu = 0;
    if (auto k = out.find("\"seconds\":"); k != std::string::npos) psecs = std::stod(out.substr(k + 10));
    if (auto k = out.find("\"cpu\":"); k != std::string::npos) pcpu = std::stod(out.substr(k + 6));
    if (auto k = out.find("\"rss_mb\":"); k != std::string::npos) rss = std::stod(out.substr(k + 9));
    if (psecs > 0)
      std::cout << fmt::format("{:30} citeproc-js: CPU {:7.3f} s {:8.0f} items/s | wall {:7.3f} s {:8.0f} items/s | node RSS {:.0f} MB"
                               " | bicite faster: {:.1f}x CPU, {:.1f}x wall\n",
                               name, pcpu, static_cast<double>(n) / pcpu, psecs, static_cast<double>(n) / psecs, rss,
                               pcpu / cpu, psecs / secs);
    else
      std::cout << name << " citeproc-js failed: " << out << "\n";
  }
  return 0;
}
