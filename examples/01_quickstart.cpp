// Read CSL-JSON, look at one item, write it back.
#include <bicite/bicite.hpp>
#include <iostream>

int main() {
  auto read = bicite::csljson::read(R"([{"id": "lukin2023", "type": "article-journal",
    "title": "Россия и Китай", "author": [{"family": "Лукин", "given": "А. В."}],
    "issued": {"date-parts": [[2023, 5]]}}])");
  for (const auto& d : read.diagnostics) std::cerr << bicite::to_string(d) << "\n";
  const bicite::reference& item = read.references.at(0);
  std::cout << item.names_of("author").at(0).family << ": " << item.get("title") << "\n";
  std::cout << bicite::csljson::write(read.references, {.indent = -1});
}
