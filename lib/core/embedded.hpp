#pragma once
// Data files compiled into the library (lib/<stage>/data/*), see bicite_embed_data() in cmake/.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace bicite::detail {

struct embedded_entry {
  std::string_view name;   // "<stage>/<file>", e.g. "translit/bgn_pcgn.tsv"
  std::string_view bytes;  // the file's content; followed by a NUL byte
};

std::span<const embedded_entry> embedded_files();

/// The content of an embedded data file. When a data directory was set (bicite::set_data_dir) and
/// holds "<stage>/<file>", that file is read instead (for trying out data without a rebuild).
std::optional<std::string_view> embedded_file(std::string_view name);

/// The data rows of an embedded TSV file, split at tabs: lines starting with '#', empty lines and
/// the header row (the first other line) are skipped; a trailing '\r' is dropped. The views point
/// into the embedded bytes, which live as long as the process. Empty when the file is missing.
std::vector<std::vector<std::string_view>> data_rows(std::string_view name);

/// The value of a "# key: value" comment line of an embedded data file (its provenance header);
/// empty when there is none.
std::string_view data_comment(std::string_view name, std::string_view key);

}  // namespace bicite::detail
