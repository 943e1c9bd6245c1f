// CSL-JSON reading and writing: no crash, and whatever was read is written as valid JSON that
// reads back to the same number of items.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/csljson.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto read = bicite::read_csl_json(input);
  const std::string written = bicite::write_csl_json(read.references);
  auto again = bicite::read_csl_json(written);
  if (again.references.size() != read.references.size()) std::abort();
  return 0;
}
