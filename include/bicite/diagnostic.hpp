#pragma once
/// Diagnostics and results: how every bicite stage reports problems in its input.
/// Bad input is never an exception: problems come back as data, and the rest of the input is
/// still processed. Codes are stable ("csl-json.syntax", "text.invalid-utf8"; all listed by
/// diagnostic_codes()); messages are for people.
#include <cstddef>
#include <span>
#include <string_view>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace bicite {

/// How serious a diagnostic is.
enum class severity {
  note,     ///< information only; the output is as good as it would have been
  warning,  ///< something was repaired, guessed or skipped; the rest is fine
  error     ///< a part of the input could not be used at all
};

/// A half-open byte range [begin, end) into the original input.
struct span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// One problem found in the input.
struct diagnostic {
  std::string code;                   ///< stable identifier, e.g. "csl-json.syntax"
  severity level = severity::warning; ///< default: warning
  span where{};                       ///< byte range in the input it refers to
  std::string message;                ///< one sentence for a person
  std::string hint{};                 ///< what to do about it; may be empty
  std::size_t line = 0;               ///< 1-based line of where.begin; 0 when not computed
  std::size_t column = 0;             ///< 1-based column (in code points); 0 when not computed
};

/// One entry of the catalogue of diagnostic codes (lib/core/data/diagnostics.tsv).
struct diagnostic_code {
  std::string_view code;     ///< "csl-json.syntax"
  severity level;            ///< the severity it is usually given
  bool repair;               ///< a change made to the text, reported with the repair (text::repair, links::repair_url)
  std::string_view meaning;  ///< one line for a person
};

/// Every code bicite emits, sorted by code.
std::span<const diagnostic_code> diagnostic_codes();

/// The catalogue entry of `code`, or nullptr when bicite does not emit it.
const diagnostic_code* find_diagnostic_code(std::string_view code);

/// "line:col: severity: message [code]" — the form the command prints on stderr.
std::string to_string(const diagnostic& d);

/// Fills line and column of each diagnostic from its byte offset into `input`.
void locate(std::vector<diagnostic>& diagnostics, std::string_view input);

/// A value, or the error that kept it from being made (shaped like std::expected).
/// Example:
///   auto style = bicite::csl::load_style("apa");
///   if (!style) { std::cerr << to_string(style.error()); return 1; }
///   bicite::csl::render(**style, ...);
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::move(value)) {}
  result(diagnostic error) : v_(std::move(error)) {}
  explicit operator bool() const noexcept { return v_.index() == 0; }
  bool has_value() const noexcept { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const diagnostic& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, diagnostic> v_;
};

}  // namespace bicite
