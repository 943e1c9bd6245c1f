#pragma once
// The tagged output tree that evaluation builds, and its renderers (text, HTML, Markdown).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bicite/csl.hpp"
#include "csl/style.hpp"

namespace bicite::csl::detail {

enum class wrap : std::uint8_t {
  none, italic, oblique, no_italic, bold, light, no_bold, small_caps, no_small_caps, underline, no_underline,
  sup, sub, baseline, quote, nocase, nodecor, display
};

enum class tag : std::uint8_t { none, names, name_list, date, year_suffix, citation_number, locator, title, affix, delimiter, cite };

struct node {
  std::string text;          // a leaf's text
  std::vector<node> kids;    // a container's children
  wrap w = wrap::none;
  tag t = tag::none;
  std::string cls;           // display class
  int item = -1;             // for tag::cite: the index of the item
  static node leaf(std::string s, tag t = tag::none) {
    node n;
    n.text = std::move(s);
    n.t = t;
    return n;
  }
  bool empty() const;
};

struct quote_terms {
  std::string open = "\u201C", close = "\u201D", open_inner = "\u2018", close_inner = "\u2019";
  bool punctuation_in_quote = false;
};

// Parses the markup a CSL-JSON value may carry (<i>, <b>, <sc>, <sup>, <sub>, <span class="nocase">,
// straight and curly quotes) into a tree; apostrophes become ’, except in a style's affixes
// (`keep_apostrophes`), where straight ' and " are printed as written, as citeproc-js does.
node parse_markup(std::string_view s, bool keep_apostrophes = false);
// Applies the formatting of an element around `content` (decorations, quotes, affixes, display).
// `turkic`: the text is Turkish or Azerbaijani, whose upper and lower case pair i/İ and ı/I.
node apply_formatting(node content, const formatting& f, bool english, tag t = tag::none, bool turkic = false);
// Text-case of a whole tree (nocase subtrees are left alone). `english` allows title case.
void apply_case(node& n, text_case c, bool english, bool turkic = false);
void strip_periods(node& n);
// Marks the quotes of a tree as the user's own: punctuation after them stays outside.
void fix_quotes(node& n);
// The text of a tree without any formatting (quotes become the given marks).
std::string plain_text(const node& n);
std::string render(const node& n, output_format f, const quote_terms& q);

}  // namespace bicite::csl::detail
