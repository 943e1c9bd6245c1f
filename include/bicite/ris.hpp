#pragma once
/// RIS out and in (TY/AU/TI/T2/PY/DA/VL/IS/SP/EP/UR/LA/DO/PB/CY/SN…, ending with ER).
#include <string>
#include <string_view>
#include <vector>

#include "bicite/diagnostic.hpp"
#include "bicite/model.hpp"

namespace bicite::ris {

/// Options for writing RIS.
struct write_options {
  bool crlf = false;  ///< end lines with CR LF, as some importers expect; default: LF
};

/// Writes references as RIS records.
std::string write(const std::vector<reference>& items, const write_options& options = {});

/// What reading RIS gives.
struct read_result {
  std::vector<reference> references;    ///< one per TY … ER record
  std::vector<diagnostic> diagnostics;  ///< codes "ris.*"; line and column are filled
};

/// Reads RIS records. A record without ER is kept with a warning; lines outside records are reported.
read_result read(std::string_view ris);

}  // namespace bicite::ris
