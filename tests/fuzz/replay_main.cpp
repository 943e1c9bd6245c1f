// Replays fuzz inputs through a target's LLVMFuzzerTestOneInput without libFuzzer (any compiler):
// the committed regressions of the target and the real data files that seeds.txt lists for it.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

int main(int argc, char** argv) {
  std::string seeds, name, shared, project, regressions;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--seeds") seeds = argv[i + 1];
    else if (flag == "--name") name = argv[i + 1];
    else if (flag == "--shared") shared = argv[i + 1];
    else if (flag == "--project") project = argv[i + 1];
    else if (flag == "--regressions") regressions = argv[i + 1];
  }
  std::vector<fs::path> inputs;
  std::size_t missing = 0;  // seeds named in seeds.txt that are not there (../shared absent)
  // seeds.txt: "<target> <path>" per line; the path (a file or a directory) is relative to
  // ../shared, or to the project when it starts with "./".
  std::ifstream list(seeds);
  for (std::string line; std::getline(list, line);) {
    std::istringstream fields(line);
    std::string target, path;
    if (!(fields >> target >> path) || target != name || target.starts_with("#")) continue;
    const fs::path p = path.starts_with("./") ? fs::path(project) / path.substr(2) : fs::path(shared) / path;
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) inputs.push_back(e.path());
    } else if (fs::exists(p)) {
      inputs.push_back(p);
    } else {
      ++missing;
    }
  }
  if (fs::is_directory(regressions))
    for (const auto& e : fs::directory_iterator(regressions))
      if (e.is_regular_file()) inputs.push_back(e.path());
  std::size_t bytes = 0;
  for (const auto& p : inputs) {
    const std::string data = read(p);
    bytes += data.size();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  }
  std::printf("replayed %zu inputs (%zu bytes) through %s\n", inputs.size(), bytes, name.c_str());
  if (missing) {
    const char* ci = std::getenv("CI");
    std::printf("%zu seed paths were not found (the shared evaluation data at %s is missing)\n", missing, shared.c_str());
    // CI must replay every seed; elsewhere a partial replay is reported as skipped
    return ci && *ci && std::string(ci) != "false" && std::string(ci) != "0" ? 1 : 77;
  }
  return 0;
}
