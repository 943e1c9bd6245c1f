#pragma once
/// The data files compiled into bicite (word lists, tables, the notes parser's model), and reading
/// them from a directory instead, for trying out data without a rebuild.
#include <string>

namespace bicite {

/// Reads each data file from `dir`/<stage>/<file> (for example `dir`/venues/venues.tsv) where that
/// file exists, instead of the compiled-in copy; empty: the compiled-in data only (the default). A
/// process-wide setting, because the tables built from the data are: each is read once, on first use,
/// so call it before anything else in bicite. The `bicite` command sets it from BICITE_DATA_DIR.
void set_data_dir(std::string dir);

}  // namespace bicite
