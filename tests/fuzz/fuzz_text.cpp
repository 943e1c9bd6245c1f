// The Unicode groundwork: UTF-8 repair always yields valid UTF-8; the repairs never crash.
#include <cstdint>
#include <cstdlib>
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
  return 0;
}
