#pragma once
// Citation keys one item at a time, so that the writer makes them in the same pass over the items
// as the entries (each item's data is read from memory once).
#include <functional>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "bicite/bibtex.hpp"

namespace bicite::detail::bib {

/// An open-addressing set of keys (views: the caller keeps the text) with a count each, no
/// allocation per key: make_unique's table, and the reader's duplicate-key check.
class key_table {
 public:
  struct slot {
    std::string_view key;
    std::size_t count = 0;  // items with this base key; 0 for a generated key
    std::size_t next = 0;   // the next suffix to try for this base key
    bool used = false;
  };
  explicit key_table(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n + 2) cap *= 2;
    slots_.resize(cap);
  }
  // The slot of `k`, inserted (unused) when absent; grows before it gets half full.
  slot& find(std::string_view k) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    slot& s = probe(k);
    if (!s.used) {
      s.used = true;
      s.key = k;
      ++size_;
    }
    return s;
  }
  const slot* lookup(std::string_view k) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(k) & mask;; i = (i + 1) & mask) {
      if (!slots_[i].used) return nullptr;
      if (slots_[i].key == k) return &slots_[i];
    }
  }
  std::size_t size() const { return size_; }

 private:
  slot& probe(std::string_view k) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(k) & mask;; i = (i + 1) & mask)
      if (!slots_[i].used || slots_[i].key == k) return slots_[i];
  }
  void grow() {
    std::vector<slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (auto& s : old)
      if (s.used) probe(s.key) = s;
  }
  std::vector<slot> slots_;
  std::size_t size_ = 0;
};


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
