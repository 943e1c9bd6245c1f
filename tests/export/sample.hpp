#pragma once
// The sample: the first full citation of every work in the gold annotations of the bundled
// endnotes (../shared/gold/weitz-2024.notes.jsonl), as CSL items.
#include <sstream>
#include <string>
#include <vector>

#include <bicite/csljson.hpp>

#include "support.hpp"

namespace bicite_test {

inline std::vector<bicite::reference> gold_sample() {
  std::vector<bicite::reference> items;
  std::istringstream lines(read_file(shared_path("gold/weitz-2024.notes.jsonl")));
  std::string line;
  std::vector<bicite::diagnostic> ignored;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto note = nlohmann::json::parse(line);
    std::size_t k = 0;
    for (auto c : note.at("citations")) {
      if (c.contains("custom") && c["custom"].value("position", "first") != "first") continue;
      c["id"] = "n" + std::to_string(note.at("note").get<int>()) + "-" + std::to_string(k++);
      items.push_back(bicite::from_csl_json(c, ignored));
    }
  }
  return items;
}

}  // namespace bicite_test
