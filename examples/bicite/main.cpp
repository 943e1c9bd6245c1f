// The bicite command: argument parsing and printing only; all work is done by the library.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <bicite/bicite.hpp>

#include "command.hpp"

namespace bicite_cli {

std::vector<std::pair<int, registrar>>& registry() {
  static std::vector<std::pair<int, registrar>> commands;
  return commands;
}

command::command(int order, registrar add) { registry().emplace_back(order, std::move(add)); }

std::string read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream content;
    content << std::cin.rdbuf();
    return content.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_output(const std::string& path, std::string_view content) {
  if (path.empty() || path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    return;
  }
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

}  // namespace bicite_cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"bicite: mixed Russian/English endnotes to clean, structured bibliographies", "bicite"};
  app.set_version_flag("--version", std::string("bicite ") + bicite::version_string);
  app.require_subcommand(1);
  int result = bicite_cli::ok;
  auto& commands = bicite_cli::registry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, add] : commands) add(app, result);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? bicite_cli::ok : bicite_cli::usage_error;
  } catch (const std::exception& e) {
    std::cerr << "bicite: " << e.what() << "\n";
    return bicite_cli::input_problems;
  }
  return result;
}
