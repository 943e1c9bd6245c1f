// A whole document of notes: split, parse, resolve, write notes-JSONL; no crash, valid UTF-8 out.
// The streaming path (resolve::stream, in chunks whose size the input picks) must give the same
// notes-JSONL and the same bibliography byte for byte. The input's last byte picks the field reader
// (rules, the trained model, or the hybrid of both).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <bicite/csljson.hpp>
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>
#include <bicite/resolve.hpp>
#include <bicite/text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  bicite::parse::options opts;
  if (size > 0) {
    const int pick = data[size - 1] % 3;
    opts.reader = pick == 0 ? bicite::parse::field_reader::rules
                  : pick == 1 ? bicite::parse::field_reader::model
                              : bicite::parse::field_reader::hybrid;
  }
  auto bibliography = bicite::resolve::resolve(bicite::parse::parse_document(input, opts));
  const std::string jsonl = bicite::notes_jsonl::write(bibliography.document);
  if (!bicite::text::is_valid_utf8(jsonl)) std::abort();

  const std::size_t chunk = size == 0 ? 1 : 1 + data[0] % 64;
  std::string streamed;
  const auto summary = bicite::resolve::stream(
      bicite::resolve::text_source(input, chunk),
      [&](const bicite::parse::parsed_note& note, const auto&) { bicite::notes_jsonl::append(streamed, note); },
      nullptr, {.parse = opts});
  if (streamed != jsonl) std::abort();
  if (bicite::csljson::write(summary.references) != bicite::csljson::write(bibliography.references)) std::abort();
  return 0;
}
