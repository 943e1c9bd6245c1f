#pragma once
// A streaming JSON text writer: what csljson::write uses instead of building a JSON tree and
// dumping it (several times faster on large bibliographies). Output matches nlohmann's dump():
// the same escaping, UTF-8 kept, and with indent >= 0 the same layout.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bicite::detail {

class json_writer {
 public:
  json_writer(std::string& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// An object key; the next call writes its value.
  void key(std::string_view k);
  void string(std::string_view s);
  void raw_number(std::string_view digits);
  void integer(long long v);
  void boolean(bool v);
  /// Any nlohmann value, laid out at the current depth.
  template <class J>
  void value(const J& v) {
    before_value();
    std::string text = v.dump(indent_, ' ', false, J::error_handler_t::replace);
    if (indent_ >= 0 && depth_ > 0) {
      const std::string pad = "\n" + std::string(static_cast<std::size_t>(depth_ * indent_), ' ');
      for (char c : text) {
        if (c == '\n') out_ += pad;
        else out_.push_back(c);
      }
    } else {
      out_ += text;
    }
  }

 private:
  void open(char c);
  void close(char c);
  void before_value();
  void newline();

  std::string& out_;
  int indent_;
  int depth_ = 0;
  bool first_ = true;     // no element written yet at this depth
  bool after_key_ = false;
};

/// Appends `s` as a JSON string literal (quotes included); invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view s);

}  // namespace bicite::detail
