// Transliteration both ways, in every scheme: no crash, deterministic, valid UTF-8 out.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/text.hpp>
#include <bicite/translit.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto& scheme : bicite::translit::schemes()) {
    auto once = bicite::translit::transliterate(input, scheme.name);
    auto twice = bicite::translit::transliterate(input, scheme.name);
    if (!once || !twice || *once != *twice || !bicite::text::is_valid_utf8(*once)) std::abort();
  }
  if (size < 4096) (void)bicite::translit::to_cyrillic(input);
  return 0;
}
