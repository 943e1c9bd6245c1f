// RIS reading; whatever is read can be written and read again.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/ris.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto read = bicite::ris::read(input);
  auto again = bicite::ris::read(bicite::ris::write(read.references));
  if (again.references.size() != read.references.size()) std::abort();
  return 0;
}
