// CSL style loading and rendering: the input is a style (XML) and, after a NUL byte, CSL-JSON
// items; without a NUL the style renders a fixed mixed Russian/English item list.
#include <cstdint>
#include <string_view>

#include <bicite/csl.hpp>
#include <bicite/csljson.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  const std::string_view xml = input.substr(0, nul);
  const std::string_view items_json = nul == std::string_view::npos
      ? std::string_view(R"([{"id":"a","type":"article-journal","title":"Россия и Китай","author":[{"family":"Лукин","given":"А. В."}],"issued":{"date-parts":[[2023,5]]},"language":"ru","volume":"5","page":"23-34"},{"id":"b","type":"book","title":"a view from russia","author":[{"family":"Weitz","given":"Richard"}],"issued":{"date-parts":[[2024]]},"publisher":"Routledge","publisher-place":"London"}])")
      : input.substr(nul + 1);
  auto [style, warnings] = bicite::csl::read_style(xml);
  if (!style) return 0;
  auto items = bicite::csljson::read(items_json);
  for (auto format : {bicite::csl::output_format::text, bicite::csl::output_format::html}) {
    bicite::csl::render_options options;
    options.format = format;
    (void)bicite::csl::render(**style, items.references, bicite::csl::one_citation_per_item(items.references), options);
  }
  return 0;
}
