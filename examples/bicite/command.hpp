#pragma once
// Each subcommand lives in its own cmd_*.cpp and registers itself here at start-up, so adding a
// subcommand touches no shared file. The command uses bicite's public API only.
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace bicite_cli {

/// Exit codes of the bicite command.
enum exit_code : int { ok = 0, input_problems = 1, usage_error = 2 };

/// Adds a subcommand to `app`; the callback it sets returns an exit code through `result`.
using registrar = std::function<void(CLI::App& app, int& result)>;

/// Registers a subcommand; `order` sorts them in --help.
struct command {
  command(int order, registrar add);
};

std::vector<std::pair<int, registrar>>& registry();

/// Reads a file, or standard input for "-". Throws std::runtime_error with a message on failure.
std::string read_input(const std::string& path);

/// Writes to the file named by `path`, or standard output when it is empty or "-".
void write_output(const std::string& path, std::string_view content);

}  // namespace bicite_cli
