// bicite translit [--scheme NAME] [--reverse [--candidates N]] [--list] [FILE]
// Reads lines (standard input by default) and writes one transliterated line per input line.
#include <unistd.h>

#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <memory>
#include <string>

#include <bicite/translit.hpp>

#include "command.hpp"

namespace bicite_cli {
namespace {

struct translit_options {
  std::string input = "-";
  std::string output;
  std::string scheme;  // empty: bgn_pcgn forward, any scheme with --reverse
  bool list = false;
  bool reverse = false;
  std::size_t candidates = 1;
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string reverse_lines(std::string_view text, const translit_options& o) {
  std::string out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    const auto found = bicite::translit::to_cyrillic(line, o.scheme, o.candidates);
    for (std::size_t i = 0; i < found.size(); ++i) {
      if (i) out += '\t';
      out += found[i].text;
      if (o.candidates > 1) {
        char score[32];
        std::snprintf(score, sizeof score, "\t%.3f", found[i].score);
        out += score;
      }
    }
    if (found.empty()) out += line;
    out += '\n';
  }
  return out;
}

int run_translit(const translit_options& o) {
  if (o.list) {
    std::string out;
    for (const auto& s : bicite::translit::schemes()) out += s.name + "\t" + s.description + "\n";
    write_output(o.output, out);
    return ok;
  }
  translit_options opts = o;
  if (opts.scheme.empty() && !opts.reverse) opts.scheme = "bgn_pcgn";
  if (!opts.scheme.empty() && !bicite::translit::has_scheme(opts.scheme))
    throw CLI::ValidationError("--scheme", "unknown scheme \"" + opts.scheme + "\"; `bicite translit --list` names them");
  const int in = o.input == "-" ? 0 : ::open(o.input.c_str(), O_RDONLY);
  if (in < 0) throw std::runtime_error("cannot open " + o.input);
  const int out_fd = o.output.empty() || o.output == "-" ? 1 : ::open(o.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out_fd < 0) throw std::runtime_error("cannot write " + o.output);
  // Stream in blocks, transliterating up to the last complete line of each block.
  constexpr std::size_t block = 1 << 20;
  std::string pending, out;
  std::unique_ptr<char[]> buffer(new char[block]);
  bool eof = false;
  while (!eof) {
    const ssize_t n = ::read(in, buffer.get(), block);
    if (n < 0) throw std::runtime_error("cannot read " + o.input);
    eof = n == 0;
    pending.append(buffer.get(), static_cast<std::size_t>(n));
    std::size_t cut = eof ? pending.size() : pending.rfind('\n');
    if (cut == std::string::npos) {
      if (pending.size() < (std::size_t{64} << 20)) continue;  // a very long line: wait for more
      cut = pending.size();
    } else if (!eof) {
      ++cut;
    }
    const std::string_view ready(pending.data(), cut);
    out.clear();
    if (o.reverse) out = reverse_lines(ready, opts);
    else bicite::translit::transliterate_to(out, ready, opts.scheme);
    if (!write_all(out_fd, out)) throw std::runtime_error("cannot write output");
    pending.erase(0, cut);
  }
  if (in != 0) ::close(in);
  if (out_fd != 1) ::close(out_fd);
  return ok;
}

const command translit_command{40, [](CLI::App& app, int& result) {
  auto opts = std::make_shared<translit_options>();
  auto* sub = app.add_subcommand("translit", "Transliterate Cyrillic to Latin in any standard scheme, or back (--reverse)");
  sub->add_option("input", opts->input, "Input file, or - for standard input")->capture_default_str();
  sub->add_option("-s,--scheme", opts->scheme, "Scheme (see --list; default bgn_pcgn); with --reverse, the scheme the Latin text was written in (default: any)");
  sub->add_flag("-l,--list", opts->list, "List the schemes, one per line: name<TAB>description");
  sub->add_flag("-r,--reverse", opts->reverse, "Latin to Cyrillic: the likeliest Cyrillic form of each line");
  sub->add_option("-n,--candidates", opts->candidates,
                  "With --reverse: write up to N candidates per line as text<TAB>score<TAB>…")
      ->capture_default_str()->check(CLI::Range(1, 100));
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  sub->callback([opts, &result] { result = run_translit(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
