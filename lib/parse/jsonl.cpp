// Writing parsed notes as notes-JSONL (the format of ../shared/gold/README.md).
#include <bicite/csljson.hpp>
#include <bicite/notes_jsonl.hpp>
#include <bicite/parse.hpp>

namespace bicite::notes_jsonl {

namespace {
std::string quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
}  // namespace

void append(std::string& out, const parse::parsed_note& n, const write_options& opts) {
  // the citations through the CSL-JSON writer (one compact array), the rest by hand
  std::vector<reference> items;
  items.reserve(n.citations.size());
  for (const auto& c : n.citations) items.push_back(c.item);
  out += "{\"note\":" + std::to_string(n.number) + ",\"text\":" + quoted(n.text) + ",\"citations\":";
  std::string array = items.empty() ? std::string("[]") : csljson::write(items, {.indent = -1, .single_item = false});
  while (!array.empty() && (array.back() == '\n' || array.back() == ' ')) array.pop_back();
  out += array;
  out += ",\"commentary\":" + quoted(n.commentary);
  if (opts.sources) {
    auto srcs = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < n.citations.size(); ++i)
      for (const auto& s : n.citations[i].sources)
        srcs.push_back({{"citation", i}, {"field", s.field}, {"begin", s.where.begin}, {"end", s.where.end},
                        {"confidence", s.confidence}});
    out += ",\"sources\":" + srcs.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
  out += "}\n";
}

std::string write(const parse::parsed_note& note, const write_options& opts) {
  std::string out;
  append(out, note, opts);
  return out;
}

std::string write(const parse::parsed_document& document, const write_options& opts) {
  std::string out;
  for (const auto& n : document.notes) append(out, n, opts);
  return out;
}

}  // namespace bicite::notes_jsonl

// The names of an earlier release (deprecated in <bicite/parse.hpp>).
namespace bicite::parse {

void append_note_jsonl(std::string& out, const parsed_note& note, const jsonl_options& opts) {
  notes_jsonl::append(out, note, opts);
}

std::string to_notes_jsonl(const parsed_note& note, const jsonl_options& opts) { return notes_jsonl::write(note, opts); }

std::string to_notes_jsonl(const parsed_document& document, const jsonl_options& opts) {
  return notes_jsonl::write(document, opts);
}

}  // namespace bicite::parse
