#pragma once
// The export stage's data files (lib/export/data/*.tsv), parsed once on first use.
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bicite::detail::bib {

/// Rows of a TSV data file without its comment lines and header row; each row split on tabs.
std::vector<std::vector<std::string_view>> tsv_rows(std::string_view name);

struct latex_tables {
  std::unordered_map<char32_t, std::string> to_latex;        // é → \'e, ж → \cyrzh
  std::unordered_map<std::string, char32_t> command;          // "\cyrzh" → ж, "\ss" → ß (no argument)
  std::unordered_map<std::string, char32_t> accent;           // "\'" + "e" → é, "\v"+"c" → č
  std::unordered_map<char32_t, char32_t> base_letter;         // é → e (for keys)
};
const latex_tables& latex();

/// BCP 47 code ↔ biblatex langid.
std::string langid_for(std::string_view code);
std::string code_for_langid(std::string_view langid);

/// True when the biblatex data model allows `field` on entry type `type`.
bool biblatex_allows(std::string_view type, std::string_view field);

/// Case of a letter without a round trip through ICU: ASCII, Latin-1, Latin Extended-A, Cyrillic
/// and Greek by their code blocks; other letters through ICU.
bool is_upper_letter(char32_t cp);
bool is_lower_letter(char32_t cp);
/// Lower case for ASCII and the basic Cyrillic block; other characters kept (stop words, identifiers).
std::string simple_lower(std::string_view s);
/// simple_lower(s) into `out` (replacing its content).
void simple_lower_into(std::string& out, std::string_view s);

/// Stop words skipped by the [title] key token.
bool is_stop_word(std::string_view lower_word);

}  // namespace bicite::detail::bib
