// Writing parsed notes as notes-JSONL (the format of ../shared/gold/README.md).
#include <bicite/csljson.hpp>
#include <bicite/parse.hpp>

namespace bicite::parse {

std::string to_notes_jsonl(const parsed_document& document, const jsonl_options& opts) {
  std::string out;
  for (const auto& n : document.notes) {
    nlohmann::ordered_json line = nlohmann::ordered_json::object();
    line["note"] = n.number;
    line["text"] = n.text;
    auto cits = nlohmann::ordered_json::array();
    for (const auto& c : n.citations) cits.push_back(to_csl_json(c.item));
    line["citations"] = std::move(cits);
    line["commentary"] = n.commentary;
    if (opts.sources) {
      auto srcs = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < n.citations.size(); ++i)
        for (const auto& s : n.citations[i].sources)
          srcs.push_back({{"citation", i}, {"field", s.field}, {"begin", s.where.begin}, {"end", s.where.end},
                          {"confidence", s.confidence}});
      line["sources"] = std::move(srcs);
    }
    out += line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

}  // namespace bicite::parse
