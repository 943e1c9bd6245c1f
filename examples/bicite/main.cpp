// The bicite command: argument parsing and printing only; all work is done by the library.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include <bicite/bicite.hpp>

#include "command.hpp"
#include "io.hpp"

namespace bicite_cli {

std::vector<std::pair<int, registrar>>& registry() {
  static std::vector<std::pair<int, registrar>> commands;
  return commands;
}

command::command(int order, registrar add) { registry().emplace_back(order, std::move(add)); }

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      // a swap of two neighbours ("convret") counts as one edit
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], diagonal);
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
  return names;
}

/// "unknown command "convret"; did you mean "convert"?"
std::string unknown_command(const std::string& word, const CLI::App& app) {
  std::string best;
  std::size_t best_distance = 3;  // more than two edits away is no suggestion
  for (const auto& name : subcommand_names(app)) {
    const std::size_t d = edit_distance(word, name);
    if (d < best_distance || (d == best_distance && best.empty() && name.rfind(word, 0) == 0)) {
      best_distance = d;
      best = name;
    }
    if (best.empty() && word.size() >= 3 && name.rfind(word, 0) == 0) best = name;
  }
  std::string message = "unknown command \"" + word + "\"";
  if (!best.empty()) message += "; did you mean \"" + best + "\"?";
  else {
    message += "; the commands are:";
    for (const auto& name : subcommand_names(app)) message += " " + name;
  }
  return message;
}

// roff needs a backslash and a leading dot or quote escaped.
std::string roff(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

void man_options(std::string& out, const CLI::App& app) {
  for (const auto* opt : app.get_options()) {
    if (opt->get_name().empty() || opt->get_group().empty()) continue;
    std::string name = opt->get_name(false, true);
    if (opt->get_type_size() != 0 && !opt->get_positional()) name += " " + (opt->get_type_name().empty() ? std::string("VALUE") : opt->get_type_name());
    out += ".TP\n.B " + roff(name) + "\n" + roff(opt->get_description()) + "\n";
  }
}

void man_command(std::string& out, const CLI::App& app, const std::string& prefix) {
  const std::string name = prefix.empty() ? app.get_name() : prefix + " " + app.get_name();
  out += ".SS \"" + roff(name) + "\"\n" + roff(app.get_description()) + "\n";
  man_options(out, app);
  if (!app.get_footer().empty()) out += ".PP\n" + roff(app.get_footer()) + "\n";
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) man_command(out, *sub, name);
}

/// The manual page, made from the same help texts as --help.
std::string man_page(const CLI::App& app) {
  std::string out = ".TH BICITE 1 \"\" \"bicite " + std::string(bicite::version_string) + "\" \"User Commands\"\n";
  out += ".SH NAME\nbicite \\- " + roff(app.get_description().substr(app.get_description().find(':') + 2)) + "\n";
  out += ".SH SYNOPSIS\n.B bicite\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n";
  out += ".SH DESCRIPTION\nbicite reads endnotes and reference lists (Chicago, GOST, APA, MLA and what people "
         "really write), BibTeX/BibLaTeX, RIS and CSL-JSON; writes CSL-JSON, BibLaTeX, BibTeX, RIS and "
         "notes-JSONL; formats with CSL styles; checks links. Inputs in UTF-8 (with or without a byte-order "
         "mark), UTF-16/32 (with a mark), windows-1251, KOI8-R and windows-1252 are recognised. Outputs "
         "replace their file only after a complete write, so \\fB\\-o\\fR may name the input.\n";
  out += ".SH OPTIONS\nThese may also follow the command.\n";
  man_options(out, app);
  out += ".SH COMMANDS\n";
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    if (sub->get_name() != "help") man_command(out, *sub, "bicite");
  out += ".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\nproblems in the input (errors; warnings too with "
         "\\fB\\-\\-strict\\fR), or a file that cannot be read or written\n.TP\n2\nusage error\n.TP\n124\n"
         "\\fBlinks check \\-\\-deadline\\fR reached\n.TP\n130, 143\ninterrupted (SIGINT, SIGTERM)\n";
  out += ".SH ENVIRONMENT\n.TP\nBICITE_CSL_PATH\nStyle directories (colon-separated) searched for a style name "
         "before the system styles (\\fBformat\\fR)\n.TP\nBICITE_CSL_LOCALES\nThe directory of CSL locale files "
         "(locales\\-xx\\-XX.xml) instead of the system locales (\\fBformat\\fR)\n.TP\nBICITE_CA_PATH\nA directory of "
         "hashed CA certificates for TLS; empty: libcurl's default (\\fBlinks check\\fR, \\fBresolve\\fR)\n.TP\n"
         "http_proxy, https_proxy, all_proxy\nThe proxy (read by libcurl); with one set, \\fBlinks check\\fR does not "
         "probe for a network first\n.TP\nBICITE_DATA_DIR\nRead each data file from this directory (\\fIstage\\fR/\\fIfile\\fR) "
         "where it exists instead of the compiled-in copy (trying out data without a rebuild)\n";
  out += ".SH DIAGNOSTICS\nProblems are printed on standard error as \\fIFILE\\fR:\\fIline\\fR:\\fIcolumn\\fR: "
         "\\fIseverity\\fR: \\fImessage\\fR [\\fIcode\\fR], followed by a one-line summary.\n";
  return out;
}

}  // namespace
}  // namespace bicite_cli

int main(int argc, char** argv) {
  using namespace bicite_cli;
  std::ios::sync_with_stdio(false);
  // before any library call: the data tables are read once, on first use
  if (const char* dir = std::getenv("BICITE_DATA_DIR"); dir && *dir) bicite::set_data_dir(dir);
  CLI::App app{"bicite: mixed Russian/English endnotes to clean, structured bibliographies", "bicite"};
  app.require_subcommand(1);
  app.fallthrough();  // the global options below may follow the subcommand
  auto& g = globals();
  app.add_flag("-q,--quiet", g.quiet, "Print only errors on standard error: no warnings, notes, summary or progress");
  app.add_option("--encoding", g.encoding,
                 "Read inputs in this encoding (UTF-8, UTF-16, windows-1251, KOI8-R, windows-1252, …) "
                 "instead of detecting it");
  bool version = false;  // handled before parsing; declared here for --help and the manual page
  app.add_flag("-V,--version", version, "Print the version and exit");
  int result = ok;
  auto& commands = registry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, add] : commands) add(app, result);

  // help [COMMAND [SUBCOMMAND]] and help --man
  std::vector<std::string> help_topic;
  bool man = false;
  std::string help_output;
  auto* help = app.add_subcommand("help", "Show the help of a command: bicite help convert");
  help->add_option("command", help_topic, "A command (and subcommand): convert, links check, …");
  help->add_flag("--man", man, "Print the manual page (roff) instead");
  help->add_option("-o,--output", help_output, "Output file (default: standard output)");
  help->callback([&] {
    if (man) {
      write_output(help_output, man_page(app));
      return;
    }
    const CLI::App* target = &app;
    for (const auto& word : help_topic) {
      const CLI::App* next = nullptr;
      for (const auto* sub : target->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == word) next = sub;
      if (!next) throw CLI::ValidationError("help", unknown_command(word, *target));
      target = next;
    }
    write_output(help_output, target->help());
  });

  // Before CLI11 parses: --version alone, and a mistyped command named with a suggestion.
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-V" || arg == "--version") {
      std::cout << "bicite " << bicite::version_string << "\n";
      return ok;
    }
    if (arg == "--encoding") {
      ++i;
      continue;
    }
    if (arg.empty() || arg[0] == '-') continue;
    const auto names = subcommand_names(app);
    if (std::find(names.begin(), names.end(), arg) == names.end()) {
      std::cerr << "bicite: " << unknown_command(arg, app) << "\n";
      return usage_error;
    }
    break;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? ok : usage_error;
  } catch (const file_error& e) {
    std::cerr << "bicite: " << e.what() << "\n";
    return input_problems;
  } catch (const std::exception& e) {
    std::cerr << "bicite: " << e.what() << "\n";
    return input_problems;
  }
  return result;
}
