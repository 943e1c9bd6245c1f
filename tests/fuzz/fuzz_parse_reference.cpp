// One reference string (any style, either language) and one note.
#include <cstdint>
#include <string_view>

#include <bicite/parse.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)bicite::parse::parse_reference(input);
  (void)bicite::parse::parse_note(input, 1);
  return 0;
}
