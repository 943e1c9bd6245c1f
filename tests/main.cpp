// The doctest runner of every stage. Test cases that read the project's shared evaluation data
// (../shared: real documents, gold, scorers) are in the test suite "shared"; ctest runs them as a
// test of their own, which is reported as skipped where that folder is missing — and fails under
// CI (CI=true), where it must be there.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  bool shared_only = false;
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--test-suite=shared") == 0 || std::strcmp(argv[i], "-ts=shared") == 0) shared_only = true;
  if (shared_only && !std::filesystem::is_directory(BICITE_SHARED_DIR)) {
    const char* ci = std::getenv("CI");
    if (ci && std::strcmp(ci, "true") == 0) {
      std::cerr << "FAILED: these tests need the shared evaluation data at " << BICITE_SHARED_DIR
                << " (set BICITE_SHARED_DIR), and CI=true requires it\n";
      return 1;
    }
    std::cerr << "SKIPPED: these tests need the shared evaluation data at " << BICITE_SHARED_DIR
              << ", which is not there (set BICITE_SHARED_DIR to run them)\n";
    return 77;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
