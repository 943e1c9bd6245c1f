// The doctest runner of every stage. Test cases that read the project's shared evaluation data
// (../shared: real documents, gold, scorers) are in the test suite "shared"; ctest runs them as a
// test of their own, which is reported as skipped where that folder is missing — and fails under
// CI (CI set), where it must be there. A test case that needs a tool that is missing
// (BICITE_SKIP_UNLESS) makes the run exit 77 (skipped) when nothing failed; under CI it fails.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "support.hpp"

int main(int argc, char** argv) {
  bool shared_only = false;
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--test-suite=shared") == 0 || std::strcmp(argv[i], "-ts=shared") == 0) shared_only = true;
  if (shared_only && !std::filesystem::is_directory(BICITE_SHARED_DIR)) {
    if (bicite_test::under_ci()) {
      std::cerr << "FAILED: these tests need the shared evaluation data at " << BICITE_SHARED_DIR
                << " (set BICITE_SHARED_DIR), and CI requires it\n";
      return 1;
    }
    std::cerr << "SKIPPED: these tests need the shared evaluation data at " << BICITE_SHARED_DIR
              << ", which is not there (set BICITE_SHARED_DIR to run them)\n";
    return 77;
  }
  doctest::Context context(argc, argv);
  const int failed = context.run();
  if (context.shouldExit() || failed != 0) return failed;
  if (bicite_test::skipped_cases() > 0) {
    std::cerr << "SKIPPED: " << bicite_test::skipped_cases() << " test case(s) lacked a tool they need (see above)\n";
    return 77;
  }
  return 0;
}
