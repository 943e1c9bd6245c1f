// The only place where bicite's UTF-8 strings meet ICU's UTF-16 ones.
#include "text/icu_bridge.hpp"

#include <memory>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/uchar.h>

#include "bicite/text.hpp"

namespace bicite::text {

icu::UnicodeString to_icu(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string from_icu(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

namespace {
bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}
}  // namespace

std::string nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  const icu::UnicodeString in = to_icu(s);
  if (normalizer->isNormalized(in, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer->normalize(in, status);
  return U_FAILURE(status) ? std::string(s) : from_icu(out);
}

std::string fold_case(std::string_view s) {
  if (is_ascii(s)) return ascii_lower(s);  // folding ASCII is lowering it
  icu::UnicodeString u = to_icu(s);
  u.foldCase();
  return from_icu(u);
}

std::string to_lower(std::string_view s) {
  if (is_ascii(s)) return ascii_lower(s);  // the root locale lowers ASCII as ASCII
  icu::UnicodeString u = to_icu(s);
  u.toLower(icu::Locale::getRoot());
  return from_icu(u);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string to_upper(std::string_view s) {
  icu::UnicodeString u = to_icu(s);
  u.toUpper(icu::Locale::getRoot());
  return from_icu(u);
}

result<std::string> to_utf8(std::string_view bytes, std::string_view charset) {
  const std::string name(charset);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(name.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status) || !converter)
    return diagnostic{"text.unknown-charset", severity::error, {}, "unknown character set \"" + name + "\""};
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
  if (U_FAILURE(status))
    return diagnostic{"text.charset", severity::error, {}, "cannot decode text as " + name};
  return from_icu(u);
}

}  // namespace bicite::text
