// CSL-JSON throughput: read and write a ~50 MB file, against `jq -c . FILE` in the same run.
// Usage: bench_csljson [FILE]   (without FILE, a 50 MB mixed corpus is generated under /tmp)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <bicite/csljson.hpp>

#include "model/corpus.hpp"

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "/tmp/bicite_bench_50mb.json";
  if (argc <= 1) {
    std::mt19937 rng(11);
    std::ofstream out(path, std::ios::binary);
    out << "[\n";
    std::size_t written = 0;
    for (std::size_t i = 0; written < 50u * 1000 * 1000; ++i) {
      const std::string item = bicite_test::generated_item(rng, i).dump(2);
      out << (i ? ",\n" : "") << item;
      written += item.size() + 2;
    }
    out << "\n]\n";
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  const std::string text = content.str();
  const double mb = static_cast<double>(text.size()) / 1e6;

  double best_read = 1e9, best_write = 1e9;
  std::size_t items = 0, out_bytes = 0;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    auto read = bicite::csljson::read(text);
    best_read = std::min(best_read, seconds_since(start));
    start = std::chrono::steady_clock::now();
    const std::string written = bicite::csljson::write(read.references, {.indent = -1});
    best_write = std::min(best_write, seconds_since(start));
    items = read.references.size();
    out_bytes = written.size();
  }
  double best_jq = 1e9;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    const std::string command = "jq -c . '" + path + "' > /dev/null";
    if (std::system(command.c_str()) != 0) {
      best_jq = 0;
      break;
    }
    best_jq = std::min(best_jq, seconds_since(start));
  }
  std::printf("file: %.1f MB, %zu items (written: %.1f MB)\n", mb, items, static_cast<double>(out_bytes) / 1e6);
  std::printf("bicite read:        %7.1f MB/s\n", mb / best_read);
  std::printf("bicite write:       %7.1f MB/s\n", mb / best_write);
  std::printf("bicite read+write:  %7.1f MB/s\n", mb / (best_read + best_write));
  if (best_jq > 0)
    std::printf("jq -c . (process):  %7.1f MB/s   -> bicite read+write is %.2fx jq\n", mb / best_jq,
                best_jq / (best_read + best_write));
  else
    std::printf("jq not available (apt-get install jq)\n");
}
