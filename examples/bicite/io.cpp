#include "io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include <bicite/text.hpp>

namespace bicite_cli {

global_options& globals() {
  static global_options g;
  return g;
}

std::string shown_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

namespace {

std::string why() { return std::strerror(errno); }

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

bool read_fd(int fd, std::string& out) {
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

bool write_fd(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string read_bytes(const std::string& path) {
  std::string out;
  if (path == "-") {
    if (!read_fd(STDIN_FILENO, out)) throw file_error("cannot read standard input: " + why());
    return out;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw file_error("cannot open " + path + ": " + why());
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw file_error(path + " is a folder, not a file");
  }
  const bool good = read_fd(fd, out);
  const std::string reason = good ? "" : why();
  ::close(fd);
  if (!good) throw file_error("cannot read " + path + ": " + reason);
  return out;
}

std::string decode_text(const std::string& path, std::string_view bytes) {
  if (bytes.empty()) throw file_error(shown_name(path) + " is empty: nothing to read");
  auto decoded = bicite::text::decode_input(bytes, globals().encoding);
  for (const auto& d : decoded.diagnostics)
    if (d.level == bicite::severity::error) throw file_error(shown_name(path) + ": " + d.message);
  // Repairs of invalid UTF-8, at their places in the file (the encoding itself is noted below).
  std::erase_if(decoded.diagnostics, [](const bicite::diagnostic& d) { return d.code == "input.encoding"; });
  if (!decoded.diagnostics.empty()) {
    bicite::locate(decoded.diagnostics, bytes);
    for (const auto& d : decoded.diagnostics)
      if (shown_diagnostic(d)) std::cerr << shown_name(path) << ":" << bicite::to_string(d) << "\n";
  }
  if (decoded.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos)
    throw file_error(shown_name(path) + " holds only white space: nothing to read");
  if (decoded.encoding.name != "UTF-8") note_encoding(path, decoded.encoding);
  return std::move(decoded.text);
}

std::string read_text(const std::string& path) { return decode_text(path, read_bytes(path)); }

void check_writable(const std::string& path) {
  if (path.empty() || path == "-") return;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw file_error("cannot write " + path + ": it is a folder");
    if (::access(path.c_str(), W_OK) != 0) throw file_error("cannot write " + path + ": " + why());
    return;
  }
  const std::string folder = folder_of(path);
  if (::stat(folder.c_str(), &st) != 0) throw file_error("cannot write " + path + ": " + folder + ": " + why());
  if (!S_ISDIR(st.st_mode)) throw file_error("cannot write " + path + ": " + folder + " is not a folder");
  if (::access(folder.c_str(), W_OK) != 0) throw file_error("cannot write " + path + ": " + folder + ": " + why());
}

output::output(std::string path) : path_(std::move(path)) {
  check_writable(path_);
  if (!to_stdout()) open_temp();
}

output::~output() {
  if (fd_ >= 0 && !temp_.empty()) {
    ::close(fd_);
    if (!committed_) ::unlink(temp_.c_str());
  }
}

void output::open_temp() {
  // A device, a pipe or /dev/stdout is written in place: it cannot be replaced, and holds no data to lose.
  struct stat st {};
  std::string target = path_;
  if (::stat(path_.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) throw file_error("cannot write " + path_ + ": " + why());
      return;
    }
    // Through a symbolic link: replace the file it points to, not the link.
    if (char* real = ::realpath(path_.c_str(), nullptr)) {
      target = real;
      std::free(real);
    }
  }
  std::string name = target;
  const auto slash = name.rfind('/');
  const std::string folder = slash == std::string::npos ? "" : name.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  temp_ = folder + "." + base + ".bicite-XXXXXX";
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) {
    temp_.clear();
    throw file_error("cannot write " + path_ + ": " + why());
  }
  // Keep the target's permissions, or those a new file would get.
  mode_t mode = 0666;
  if (::stat(target.c_str(), &st) == 0) mode = st.st_mode & 07777;
  else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode &= ~mask;
  }
  ::fchmod(fd_, mode);
  path_ = target;
}

void output::write(std::string_view data) {
  if (data.empty()) return;
  const int fd = to_stdout() ? STDOUT_FILENO : fd_;
  if (!write_fd(fd, data))
    throw file_error(to_stdout() ? "cannot write standard output: " + why() : "cannot write " + path_ + ": " + why());
}

void output::commit() {
  if (committed_) return;
  committed_ = true;
  if (to_stdout()) return;  // written unbuffered; errors were reported by write()
  if (temp_.empty()) {      // a device or pipe
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw file_error("cannot write " + path_ + ": " + why());
    return;
  }
  if (::fsync(fd_) != 0 && errno != EINVAL) {
    committed_ = false;
    throw file_error("cannot write " + path_ + ": " + why());
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 || ::rename(temp_.c_str(), path_.c_str()) != 0) {
    const std::string reason = why();
    ::unlink(temp_.c_str());
    throw file_error("cannot write " + path_ + ": " + reason);
  }
}

void write_output(const std::string& path, std::string_view content) {
  output out(path);
  out.write(content);
  out.commit();
}

void diagnostic_counts::add(const bicite::diagnostic& d) {
  if (d.level == bicite::severity::error) ++errors;
  else if (d.level == bicite::severity::warning) ++warnings;
  else ++infos;
}

bool shown_diagnostic(const bicite::diagnostic& d) { return !globals().quiet || d.level == bicite::severity::error; }

void note_encoding(const std::string& path, const bicite::text::detected_encoding& encoding) {
  if (globals().quiet) return;
  std::cerr << shown_name(path) << ": note: read as " << encoding.name
            << (globals().encoding.empty() ? " (detected: " + encoding.reason + "; --encoding overrides)" : " (--encoding)")
            << " [input.encoding]\n";
}

bool progress_allowed() { return !globals().quiet && ::isatty(STDERR_FILENO) != 0; }

void print_summary(const std::string& command, const std::string& what, const diagnostic_counts& counts,
                   std::chrono::steady_clock::time_point started) {
  if (globals().quiet) return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char time[32];
  std::snprintf(time, sizeof time, "%.2f s", seconds);
  std::cerr << "bicite " << command << ": " << what << "; " << counts.errors
            << (counts.errors == 1 ? " error, " : " errors, ") << counts.warnings
            << (counts.warnings == 1 ? " warning" : " warnings") << " (" << time << ")\n";
}

}  // namespace bicite_cli
