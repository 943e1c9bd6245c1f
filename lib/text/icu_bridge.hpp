#pragma once
// Conversions between UTF-8 std::string and icu::UnicodeString; internal to lib/.
#include <string>
#include <string_view>

#include <unicode/unistr.h>

namespace bicite::text {
icu::UnicodeString to_icu(std::string_view s);
std::string from_icu(const icu::UnicodeString& s);
}  // namespace bicite::text
