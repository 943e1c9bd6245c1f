#pragma once
// TEMPORARY until lib/text's encoding API lands: UTF-8 only.
#include <string>
#include <string_view>
#include <vector>
#include <bicite/diagnostic.hpp>
namespace bicite::text {
struct detected_encoding { std::string name = "UTF-8"; std::size_t bom_bytes = 0; double confidence = 1; std::string reason; bool binary = false; };
struct decoded_text { std::string text; detected_encoding encoding; std::vector<diagnostic> diagnostics; };
inline decoded_text decode_input(std::string_view bytes, std::string_view = {}) {
  decoded_text d;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  d.text = std::string(bytes);
  return d;
}
class decoder {
 public:
  explicit decoder(std::string_view) {}
  void feed(std::string_view chunk, std::string& out) {
    if (first_ && chunk.substr(0, 3) == "\xEF\xBB\xBF") chunk.remove_prefix(3);
    first_ = false;
    out.append(chunk);
  }
  void finish(std::string&) {}
 private:
  bool first_ = true;
};
}
