#pragma once
// The one way bicite parses JSON text with nlohmann-json: never throws. nlohmann's "no exceptions"
// mode still throws out_of_range for some inputs (a number too large for a double, found by
// fuzzing), so every parse goes through here and such input is simply "discarded".
#include <string_view>

#include <nlohmann/json.hpp>

namespace bicite::detail {

template <class Json = nlohmann::json>
Json parse_json(std::string_view text) {
  try {
    return Json::parse(text.begin(), text.end(), nullptr, false);
  } catch (const nlohmann::json::exception&) {
    return Json(Json::value_t::discarded);
  }
}

/// Where and why `text` is not JSON: the byte offset of the error and nlohmann's message, or
/// {text.size(), ""} when nlohmann reports no position.
struct json_error {
  std::size_t byte = 0;
  std::string message;
};

template <class Json = nlohmann::json>
json_error explain_json_error(std::string_view text) {
  json_error out{text.size(), "malformed JSON"};
  try {
    const Json strict = Json::parse(text.begin(), text.end());
    (void)strict;
  } catch (const nlohmann::json::parse_error& e) {
    out.byte = e.byte > 0 ? e.byte - 1 : 0;
    out.message = e.what();
  } catch (const nlohmann::json::exception& e) {
    out.message = e.what();
  }
  if (auto p = out.message.find(": "); p != std::string::npos) out.message = out.message.substr(p + 2);
  return out;
}

}  // namespace bicite::detail
