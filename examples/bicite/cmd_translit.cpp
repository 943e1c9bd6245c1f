// bicite translit [--scheme NAME] [--reverse [--candidates N]] [--list] [FILE]
// Reads lines (standard input by default) and writes one transliterated line per input line.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <memory>
#include <string>

#include <bicite/text.hpp>
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
  if (o.list && (!o.scheme.empty() || o.reverse || o.input != "-"))
    throw CLI::ValidationError("--list", "--list only names the schemes; give no input, --scheme or --reverse with it");
  if (o.candidates != 1 && !o.reverse)
    throw CLI::ValidationError("--candidates", "candidates are given for --reverse only");
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
  output out_file(o.output);
  int in = 0;
  if (o.input != "-") {
    in = ::open(o.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) throw file_error("cannot open " + o.input + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(in);
      throw file_error(o.input + " is a folder, not a file");
    }
  }
  struct closer {
    int fd;
    ~closer() {
      if (fd > 2) ::close(fd);
    }
  } close_in{in};
  // Stream in blocks, decoded from the encoding the first block shows, transliterating up to the
  // last complete line of each block.
  constexpr std::size_t block = 1 << 20;
  std::string pending, out, raw;
  std::unique_ptr<char[]> buffer(new char[block]);
  std::unique_ptr<bicite::text::decoder> decoder;
  bool eof = false;
  bool any = false;
  while (!eof) {
    const ssize_t n = ::read(in, buffer.get(), block);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw file_error("cannot read " + shown_name(o.input) + ": " + std::strerror(errno));
    eof = n == 0;
    const std::string_view got(buffer.get(), static_cast<std::size_t>(n));
    if (!decoder) {
      if (eof && !any) throw file_error(shown_name(o.input) + " is empty: nothing to read");
      auto head = bicite::text::decode_input(got, globals().encoding);
      for (const auto& d : head.diagnostics)
        if (d.level == bicite::severity::error) throw file_error(shown_name(o.input) + ": " + d.message);
      if (head.encoding.name != "UTF-8") note_encoding(o.input, head.encoding);
      decoder = std::make_unique<bicite::text::decoder>(head.encoding.name);
    }
    any = true;
    if (eof) decoder->finish(pending);
    else decoder->feed(got, pending);
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
    out_file.write(out);
    pending.erase(0, cut);
  }
  out_file.commit();
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
  sub->add_option("-o,--output", opts->output, "Output file (default: standard output); may be the input");
  sub->callback([opts, &result] { result = run_translit(*opts); });
}};

}  // namespace
}  // namespace bicite_cli
