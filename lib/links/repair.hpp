#pragma once
// URL repair helpers shared inside the link checker (repair.cpp, report.cpp).
#include <string>

namespace bicite::links::detail {

/// A URL without the sentence punctuation, quotes and brackets around it (what repair_url strips as
/// "links.trailing-punctuation").
std::string strip_punctuation(std::string url);

}  // namespace bicite::links::detail
