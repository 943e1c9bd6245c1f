// The link checker's reading of fetched pages: charset detection, decoding, titles, similarity,
// and URL repair. The first line is the Content-Type header, the rest the body.
#include <cstdint>
#include <string_view>

#include <bicite/links.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto eol = input.find('\n');
  const std::string_view content_type = eol == std::string_view::npos ? std::string_view{} : input.substr(0, eol);
  const std::string_view body = eol == std::string_view::npos ? input : input.substr(eol + 1);
  const auto head = bicite::links::read_page_head(body, content_type);
  (void)bicite::links::title_similarity(content_type, head);
  (void)bicite::links::repair_url(input);
  (void)bicite::links::extract_from_notes(input);
  return 0;
}
