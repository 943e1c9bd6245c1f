// One reference string (any style, either language) and one note, read by each field reader in turn.
#include <cstdint>
#include <string_view>

#include <bicite/parse.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto reader : {bicite::parse::field_reader::rules, bicite::parse::field_reader::model,
                            bicite::parse::field_reader::hybrid}) {
    bicite::parse::options opts;
    opts.reader = reader;
    (void)bicite::parse::parse_reference(input, opts);
    (void)bicite::parse::parse_note(input, 1, opts);
  }
  return 0;
}
