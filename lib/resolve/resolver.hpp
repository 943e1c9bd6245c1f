#pragma once
// The resolver, one note at a time: resolve() feeds it a whole document, stream() one note after
// another. It keeps, per distinct work, the full reference (what Ibid. and short forms copy) and
// its matching keys; nothing of the notes themselves.
#include <cstddef>
#include <memory>
#include <vector>

#include "bicite/resolve.hpp"

namespace bicite::resolve::detail {

/// A short form is compared with at most this many earlier works: the latest ones sharing the
/// first three letters of its author's family name (or the latest works when it names no author).
inline constexpr std::size_t max_short_form_candidates = 128;

struct work;


class resolver {
 public:
  /// `packed`: keep each work as compact CSL-JSON (about a fifth of the memory; unpacked when an
  /// Ibid., a short form or a repeat needs it). The results are the same either way.
  explicit resolver(bool packed = false);
  ~resolver();
  resolver(resolver&&) noexcept;
  resolver& operator=(resolver&&) noexcept;

  /// A reference list (a bibliography, one work per entry) rather than notes: the pages after a work
  /// are its pages, not a place cited. Set before the first note.
  void set_reference_list(bool list);

  /// Resolves the citations of the next note in place; appends its cites and diagnostics.
  void add_note(parse::parsed_note& note, std::vector<cite>& cites, std::vector<diagnostic>& diagnostics);
  /// The bibliography so far: one entry per distinct work, custom.notes filled.
  std::vector<reference> references() const;
  /// How many distinct works have been seen.
  std::size_t works() const;
  /// The short forms left unmatched so far.
  const std::vector<unmatched>& report() const;

 private:
  static reference unpack(const work& w);
  static void pack(work& w);
  const reference& full_of(const work& w);
  struct state;
  std::unique_ptr<state> s_;
};

}  // namespace bicite::resolve::detail
