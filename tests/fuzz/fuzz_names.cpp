// Personal names: parsing, keys, matching, the nominative and role phrases never crash; same_person is
// symmetric; a nominative asked for in the nominative is the name as parsed; a role phrase takes no
// more than the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/names.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\t');
  const std::string_view a = input.substr(0, split);
  const std::string_view b = split == std::string_view::npos ? input : input.substr(split + 1);
  const auto name_a = bicite::names::parse_name(a);
  (void)bicite::names::name_key(name_a);
  const auto ab = bicite::names::same_person(a, b);
  const auto ba = bicite::names::same_person(b, a);
  if (ab.same != ba.same) std::abort();
  using bicite::names::grammatical_case;
  for (auto c : {grammatical_case::genitive, grammatical_case::instrumental}) {
    (void)bicite::names::family_to_nominative(a, c);
    (void)bicite::names::to_nominative(a, c);
    (void)bicite::names::to_nominative(name_a, c);
  }
  if (bicite::names::to_nominative(name_a, grammatical_case::nominative).changed) std::abort();
  if (const auto role = bicite::names::match_role_phrase(input); role && role->length > input.size()) std::abort();
  return 0;
}
