#include <bicite/bicite.hpp>
#include <iostream>

int main() {
  auto read = bicite::read_csl_json(R"({"id": "x", "type": "book", "title": "Книга"})");
  if (read.references.size() != 1 || read.references[0].get("title") != "Книга") return 1;
  std::cout << "bicite " << bicite::version_string << " consumer ok\n";
  return 0;
}
