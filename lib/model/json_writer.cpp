#include "model/json_writer.hpp"

#include <charconv>

#include "bicite/text.hpp"

namespace bicite::detail {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) continue;
    if (c >= 0x80) {  // validate one UTF-8 sequence
      std::size_t next = i;
      const char32_t cp = text::next_code_point(s, next);
      if (cp == 0xFFFD && s.substr(i, next - i) != "\xEF\xBF\xBD") {
        out.append(s.substr(run, i - run));
        out += "\xEF\xBF\xBD";
        run = next;
      }
      i = next - 1;
      continue;
    }
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

void json_writer::newline() {
  if (indent_ < 0) return;
  out_.push_back('\n');
  out_.append(static_cast<std::size_t>(depth_ * indent_), ' ');
}

void json_writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    if (!first_) out_.push_back(',');
    newline();
  }
  first_ = false;
}

void json_writer::open(char c) {
  before_value();
  out_.push_back(c);
  ++depth_;
  first_ = true;
}

void json_writer::close(char c) {
  --depth_;
  if (!first_) newline();
  out_.push_back(c);
  first_ = false;
}

void json_writer::key(std::string_view k) {
  before_value();
  append_json_string(out_, k);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void json_writer::string(std::string_view s) {
  before_value();
  append_json_string(out_, s);
}

void json_writer::raw_number(std::string_view digits) {
  before_value();
  out_.append(digits);
}

void json_writer::integer(long long v) {
  before_value();
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  (void)ec;
  out_.append(buffer, end);
}

void json_writer::boolean(bool v) {
  before_value();
  out_ += v ? "true" : "false";
}

}  // namespace bicite::detail
