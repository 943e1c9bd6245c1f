// CSL-JSON reading and writing: no crash; the fast and the careful reader read alike; whatever
// was read is written as valid JSON that reads back to the same items.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/csljson.hpp>

#include "model/csljson_internal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto fast = bicite::detail::read_csl_json_with(input, true);
  auto careful = bicite::detail::read_csl_json_with(input, false);
  const std::string written = bicite::csljson::write(fast.references);
  if (written != bicite::csljson::write(careful.references)) std::abort();
  if (fast.diagnostics.size() != careful.diagnostics.size()) std::abort();
  auto again = bicite::csljson::read(written);
  if (again.references.size() != fast.references.size()) std::abort();
  if (bicite::csljson::write(again.references) != written) std::abort();
  return 0;
}
