// Venue matching by name and by URL.
#include <cstdint>
#include <string_view>

#include <bicite/venues.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)bicite::venues::match_name(input);
  (void)bicite::venues::match_url(input);
  return 0;
}
