// BibTeX/BibLaTeX reading; whatever is read can be written in both dialects and read again.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <bicite/bibtex.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto read = bicite::bibtex::read(input);
  const std::string written = bicite::bibtex::write(read.references);
  auto again = bicite::bibtex::read(written);
  if (again.references.size() != read.references.size()) std::abort();
  (void)bicite::bibtex::latex_to_unicode(input);
  return 0;
}
