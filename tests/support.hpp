#pragma once
// Helpers shared by the tests: where the shared data lives, reading files, running the command.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include <sys/mman.h>

namespace bicite_test {

/// True when the environment variable CI is set (and not "false" or "0"): there every tool and file
/// a test needs must be present, so a missing one is a failure rather than a skip.
inline bool under_ci() {
  const char* ci = std::getenv("CI");
  return ci && *ci && std::string_view(ci) != "false" && std::string_view(ci) != "0";
}

/// Test cases of this run that were skipped (BICITE_SKIP_UNLESS); the runner (main.cpp) then exits
/// 77, which ctest reports as skipped (SKIP_RETURN_CODE), unless a test failed.
inline int& skipped_cases() {
  static int n = 0;
  return n;
}

/// Ends the current test case when `ok` is false: a skip (counted, reason printed), or under CI a
/// failure. Needs <doctest/doctest.h>.
#define BICITE_SKIP_UNLESS(ok, reason)                                  \
  do {                                                                  \
    if (!(ok)) {                                                        \
      if (::bicite_test::under_ci()) FAIL("CI requires it: " << reason); \
      MESSAGE("SKIPPED: " << reason);                                   \
      ++::bicite_test::skipped_cases();                                 \
      return;                                                           \
    }                                                                   \
  } while (false)

/// Ends the current test case as skipped when `ok` is false, under CI too: for what no package installs
/// (a kernel that refuses network namespaces to this user), not for a missing tool.
#define BICITE_SKIP_UNLESS_PERMITTED(ok, reason)  \
  do {                                            \
    if (!(ok)) {                                  \
      MESSAGE("SKIPPED: " << reason);             \
      ++::bicite_test::skipped_cases();           \
      return;                                     \
    }                                             \
  } while (false)

inline std::string shared_path(const std::string& relative) { return std::string(BICITE_SHARED_DIR) + "/" + relative; }
inline std::string source_path(const std::string& relative) { return std::string(BICITE_SOURCE_DIR) + "/" + relative; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

struct run_result {
  int exit_code = -1;
  std::string out;
};

/// Runs a shell command and captures its standard output.
inline run_result run(const std::string& command) {
  run_result r;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 65536> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// `size` bytes of zeros that cost no memory until read (an anonymous mapping): for testing the
/// input-size limits without allocating a gigabyte.
class sparse_bytes {
 public:
  explicit sparse_bytes(std::size_t size) : size_(size) {
    void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    data_ = p == MAP_FAILED ? nullptr : static_cast<const char*>(p);
  }
  ~sparse_bytes() {
    if (data_) munmap(const_cast<char*>(data_), size_);
  }
  sparse_bytes(const sparse_bytes&) = delete;
  sparse_bytes& operator=(const sparse_bytes&) = delete;
  bool ok() const { return data_ != nullptr; }
  std::string_view view() const { return {data_, data_ ? size_ : 0}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace bicite_test
