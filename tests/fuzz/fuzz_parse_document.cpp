// A whole document of notes: split, parse, resolve, write notes-JSONL; no crash, valid UTF-8 out.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>
#include <bicite/text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto document = bicite::parse::parse_document(input);
  auto bibliography = bicite::resolve::resolve(document);
  (void)bibliography;
  const std::string jsonl = bicite::parse::to_notes_jsonl(document);
  if (!bicite::text::is_valid_utf8(jsonl)) std::abort();
  return 0;
}
