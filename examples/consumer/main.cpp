#include <bicite/bicite.hpp>
#include <iostream>

int main() {
  auto read = bicite::csljson::read(R"({"id": "x", "type": "book", "title": "Книга"})");
  if (read.references.size() != 1 || read.references[0].get("title") != "Книга") return 1;
  auto latin = bicite::translit::transliterate("Щукин", "bgn_pcgn");
  if (!latin || *latin != "Shchukin") return 1;
#ifdef CONSUMER_HAS_LINKS
  if (bicite::links::repair_url("kremlin.ru/events/president/news/70000.").url.find("https://") != 0) return 1;
#endif
  std::cout << "bicite " << bicite::version_string << " consumer ok\n";
  return 0;
}
