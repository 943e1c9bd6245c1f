// The Unicode groundwork: UTF-8 repair always yields valid UTF-8; the repairs never crash; input
// decoding yields valid UTF-8, and the streaming decoder, fed in chunks of 1-64 bytes chosen by the
// input, gives what the whole-input decoding gives.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <bicite/text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto checked = bicite::text::check_utf8(input);
  if (!bicite::text::is_valid_utf8(checked.text)) std::abort();
  const std::string& t = checked.text;
  (void)bicite::text::nfc(t);
  (void)bicite::text::fold_case(t);
  if (!bicite::text::is_valid_utf8(bicite::text::repair_mixed_script(t))) std::abort();
  if (!bicite::text::is_valid_utf8(bicite::text::normalize_spacing(t))) std::abort();
  (void)bicite::text::remove_url_spaces(t);
  (void)bicite::text::to_utf8(input, "windows-1251");

  const auto decoded = bicite::text::decode_input(input);
  if (!bicite::text::is_valid_utf8(decoded.text)) std::abort();
  if (!decoded.encoding.binary && decoded.encoding.name != "UTF-8") {  // UTF-8 streams pass through unrepaired
    bicite::text::decoder dec(decoded.encoding.name);
    const std::size_t chunk = size == 0 ? 1 : 1 + data[size - 1] % 64;
    std::string streamed;
    for (std::size_t pos = 0; pos < size; pos += chunk) dec.feed(input.substr(pos, chunk), streamed);
    dec.finish(streamed);
    if (streamed != decoded.text) std::abort();
  }
  return 0;
}
