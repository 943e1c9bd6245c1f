#pragma once
// Citation keys one item at a time, so that the writer makes them in the same pass over the items
// as the entries (each item's data is read from memory once).
#include <memory>
#include <string>
#include <vector>

#include "bicite/bibtex.hpp"

namespace bicite::detail::bib {

class key_builder {
 public:
  explicit key_builder(const bibtex::write_options& options);
  ~key_builder();
  key_builder(const key_builder&) = delete;
  key_builder& operator=(const key_builder&) = delete;
  /// The item's key before a, b, c suffixes ("ref" when the pattern gives nothing).
  std::string base(const reference& r);
  /// Gives keys that occur more than once a, b, c… suffixes in order, skipping keys already taken.
  static void make_unique(std::vector<std::string>& keys);

 private:
  struct impl;
  std::unique_ptr<impl> p_;
};

}  // namespace bicite::detail::bib
