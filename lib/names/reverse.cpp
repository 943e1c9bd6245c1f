// The name lexicon as translit's ranking of Latin → Cyrillic readings, and translit::to_cyrillic()
// with it: translit itself knows no names, it takes the ranking as a hook.
#include <cmath>

#include "bicite/names.hpp"
#include "bicite/translit.hpp"
#include "names/lexicon.hpp"

namespace bicite::names {

const translit::name_ranking& reverse_ranking() {
  static const translit::name_ranking ranking{
      // A family-name ending (the longest first), after a stem of at least two bytes.
      [](std::string_view cyrillic) -> double {
        for (const auto& e : detail::get_lexicon().endings)
          for (const std::string* ending : {&e.masculine, &e.feminine})
            if (cyrillic.size() > ending->size() + 2 && cyrillic.ends_with(*ending)) return std::log1p(e.frequency / 20.0);
        return 0;
      },
      // A given name, whatever the spelling.
      [](std::string_view latin) -> std::string {
        const auto* g = detail::find_given(fold_word(latin));
        return g ? g->cyrillic : std::string();
      }};
  return ranking;
}

}  // namespace bicite::names

namespace bicite::translit {

std::vector<candidate> to_cyrillic(std::string_view latin, std::string_view scheme, std::size_t max_candidates) {
  return to_cyrillic(latin, scheme, max_candidates, names::reverse_ranking());
}

}  // namespace bicite::translit
