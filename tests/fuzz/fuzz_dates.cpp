// Date parsing and finding, both orders; every date found lies inside the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/dates.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (bool day_first : {false, true}) {
    bicite::dates::date_options options;
    options.day_first = day_first;
    if (auto d = bicite::dates::parse_date(input, options)) (void)bicite::dates::to_edtf(d->date);
    for (const auto& found : bicite::dates::find_dates(input, options))
      if (found.where.begin > found.where.end || found.where.end > input.size()) std::abort();
  }
  return 0;
}
