#pragma once
// Each subcommand lives in its own cmd_*.cpp and registers itself here at start-up, so adding a
// subcommand touches no shared file. The command uses bicite's public API only.
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "io.hpp"

namespace bicite_cli {

/// Exit codes of the bicite command (124 and 128+signal come from `links check`).
enum exit_code : int { ok = 0, input_problems = 1, usage_error = 2 };

/// Adds a subcommand to `app`; the callback it sets returns an exit code through `result`.
using registrar = std::function<void(CLI::App& app, int& result)>;

/// Registers a subcommand; `order` sorts them in --help.
struct command {
  command(int order, registrar add);
};

std::vector<std::pair<int, registrar>>& registry();

}  // namespace bicite_cli
