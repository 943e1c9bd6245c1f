// bicite_seq_train: data split, training and prediction for the trained reference labeller
// (lib/parse/seq). See lib/parse/README.md, "Trained labeller".
//
//   bicite_seq_train split   --data DIR --out DIR          AnyStyle XML → train.xml, dev.xml, test.xml
//   bicite_seq_train train   --train FILE.xml [--train FILE.xml]… [--dev FILE.xml] --out MODEL.tsv [--learner crf|perceptron]
//                            [--epochs N] [--min-count N] [--prune W] [--rate R] [--l2 C] [--retrain-epochs N] [--seed S]
//                            [--header TEXT]…
//   bicite_seq_train predict [--model MODEL.tsv] --in LINES.txt --out PRED.jsonl [--spans SPANS.jsonl] [--rounds N]
//   bicite_seq_train label   [--model MODEL.tsv] TEXT      prints the labelled spans
//   bicite_seq_train items   --in FILE.xml --out ITEMS.jsonl  the CSL item of each labelled reference
//                            (its gold segments read by spans_to_citation), notes-JSONL, one note per reference
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include <bicite/notes_jsonl.hpp>

#include "parse/seq/seq.hpp"

namespace seq = bicite::parse::seq;

namespace {

double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << text;
}

std::string clean(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// One labelled reference: the string (segments joined with one space, as convert.py does) and
// the label of every segment with its byte range.
struct labelled_ref {
  std::string text;
  std::vector<seq::labelled_span> segments;
};

labelled_ref read_sequence(const pugi::xml_node& seq_node) {
  labelled_ref r;
  for (auto el : seq_node.children()) {
    if (el.type() != pugi::node_element) continue;
    const std::string t = clean(el.text().get());
    if (t.empty()) continue;
    if (!r.text.empty()) r.text += ' ';
    r.segments.push_back({el.name(), r.text.size(), r.text.size() + t.size()});
    r.text += t;
  }
  return r;
}

std::vector<labelled_ref> read_xml(const std::string& path) {
  pugi::xml_document doc;
  const auto res = doc.load_file(path.c_str(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) throw std::runtime_error(path + ": " + res.description());
  std::vector<labelled_ref> out;
  for (auto s : doc.document_element().children("sequence")) out.push_back(read_sequence(s));
  return out;
}

// AnyStyle's labels (../shared/training/README.md), in a fixed order: the model's label indexes.
std::vector<std::string> anystyle_labels() {
  return {"author", "citation-number", "collection-title", "container-title", "date", "director", "doi",
          "edition", "editor", "genre", "isbn", "journal", "location", "medium", "note", "pages",
          "producer", "publisher", "source", "title", "translator", "url", "volume"};
}

// The part of the split a reference string belongs to: 0 train, 1 dev, 2 test (80/10/10).
int part_of(std::string_view text) {
  const auto h = seq::split_hash(text) % 10;
  return h == 0 ? 2 : h == 1 ? 1 : 0;
}

struct args {
  std::map<std::string, std::vector<std::string>> opt;
  std::vector<std::string> pos;
  std::string get(const std::string& k, const std::string& d = {}) const {
    auto it = opt.find(k);
    return it == opt.end() || it->second.empty() ? d : it->second.back();
  }
};

args parse_args(int argc, char** argv, int from) {
  args a;
  for (int i = from; i < argc; ++i) {
    std::string s = argv[i];
    if (s.starts_with("--") && i + 1 < argc) a.opt[s.substr(2)].push_back(argv[++i]);
    else a.pos.push_back(s);
  }
  return a;
}

int cmd_split(const args& a) {
  const std::string data = a.get("data"), out = a.get("out");
  if (data.empty() || out.empty()) throw std::runtime_error("split needs --data DIR --out DIR");
  pugi::xml_document parts[3];
  for (auto& d : parts) d.append_child("dataset");
  std::size_t counts[3] = {0, 0, 0};
  std::size_t dup = 0;
  std::set<std::string> seen;
  for (const char* name : {"core.xml", "good.xml", "ugly.xml", "bad.xml"}) {
    pugi::xml_document doc;
    const std::string path = data + "/" + name;
    if (!doc.load_file(path.c_str())) throw std::runtime_error("cannot read " + path);
    for (auto s : doc.document_element().children("sequence")) {
      const auto r = read_sequence(s);
      if (r.text.empty()) continue;
      if (!seen.insert(r.text).second) ++dup;
      const int p = part_of(r.text);
      parts[p].document_element().append_copy(s);
      ++counts[p];
    }
  }
  const char* names[3] = {"train.xml", "dev.xml", "test.xml"};
  for (int p = 0; p < 3; ++p)
    if (!parts[p].save_file((out + "/" + names[p]).c_str(), "  ")) throw std::runtime_error("cannot write " + out);
  std::fprintf(stderr, "split: train %zu, dev %zu, test %zu references (%zu repeated strings, each in one part)\n",
               counts[0], counts[1], counts[2], dup);
  return 0;
}

// Token labels of a reference: each token takes the label of the segment it lies in.
seq::training_sequence to_training(const labelled_ref& r, std::vector<std::string>& labels) {
  seq::training_sequence t;
  const auto toks = seq::tokenize(r.text);
  seq::extract_features(r.text, toks, t.features);
  std::size_t k = 0;
  for (const auto& tok : toks) {
    while (k + 1 < r.segments.size() && tok.begin >= r.segments[k].end) ++k;
    const auto& lab = r.segments[k].label;
    auto it = std::find(labels.begin(), labels.end(), lab);
    if (it == labels.end()) throw std::runtime_error("label not in the label set: " + lab);
    t.gold.push_back(static_cast<int>(it - labels.begin()));
  }
  return t;
}

double token_accuracy(const seq::model& m, const std::vector<labelled_ref>& refs, const std::vector<std::string>& labels) {
  std::size_t right = 0, all = 0;
  std::vector<std::string> lab = labels;
  for (const auto& r : refs) {
    const auto t = to_training(r, lab);
    std::vector<float> emis;
    m.emissions(t.features, emis);
    std::vector<int> path(t.gold.size());
    seq::viterbi(emis.data(), path.size(), m.size(), m.start.data(), m.trans.data(), path.data());
    for (std::size_t i = 0; i < path.size(); ++i) right += m.labels[static_cast<std::size_t>(path[i])] == labels[static_cast<std::size_t>(t.gold[i])];
    all += path.size();
  }
  return all ? static_cast<double>(right) / static_cast<double>(all) : 0.0;
}

int cmd_train(const args& a) {
  const std::string train = a.get("train"), out = a.get("out");
  if (train.empty() || out.empty()) throw std::runtime_error("train needs --train FILE.xml --out MODEL.tsv");
  const std::vector<std::string> train_files = a.opt.at("train");  // several files: read one after the other
  seq::train_options opts;
  opts.epochs = std::stoi(a.get("epochs", std::to_string(opts.epochs)));
  opts.min_count = std::stoi(a.get("min-count", std::to_string(opts.min_count)));
  opts.prune = std::stof(a.get("prune", std::to_string(opts.prune)));
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<labelled_ref> refs;
  for (const auto& f : train_files) {
    auto part = read_xml(f);
    std::fprintf(stderr, "train: %s: %zu references\n", f.c_str(), part.size());
    refs.insert(refs.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  std::vector<std::string> labels = anystyle_labels();
  std::vector<seq::training_sequence> data;
  std::size_t tokens = 0;
  for (const auto& r : refs) {
    data.push_back(to_training(r, labels));
    tokens += data.back().gold.size();
  }
  std::fprintf(stderr, "train: %zu references, %zu tokens, %zu labels\n", refs.size(), tokens, labels.size());
  const bool crf = a.get("learner", "perceptron") == "crf";
  seq::crf_options copts;
  if (crf) {
    copts.epochs = std::stoi(a.get("epochs", std::to_string(copts.epochs)));
    copts.min_count = opts.min_count;
    copts.rate = std::stod(a.get("rate", "0.1"));
    copts.l2 = std::stod(a.get("l2", "0"));
    copts.prune = std::stof(a.get("prune", "0.3"));
    copts.retrain_epochs = std::stoi(a.get("retrain-epochs", "3"));
    copts.seed = static_cast<std::uint32_t>(std::stoul(a.get("seed", std::to_string(copts.seed))));
  }
  auto m = crf ? seq::train_crf(data, labels, copts, [](int e, double nll) {
    std::fprintf(stderr, "  epoch %d: negative log-likelihood %.4f per token\n", e, nll);
  }) : seq::train_perceptron(data, labels, opts, [](int e, double err) {
    std::fprintf(stderr, "  epoch %d: %.4f of training tokens wrong before update\n", e, err);
  });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "train: %.1f s, %zu features kept\n", secs, m.features());
  std::vector<std::string> header = a.opt.count("header") ? a.opt.at("header") : std::vector<std::string>{};
  if (crf)
    header.push_back("trained: linear-chain CRF (conditional log-likelihood, AdaGrad rate " + a.get("rate", "0.1") +
                     ", L2 " + a.get("l2", "0") + "), " + std::to_string(copts.epochs) + " epochs, shuffle seed " +
                     std::to_string(copts.seed) + ", features seen at least " + std::to_string(copts.min_count) +
                     " times; then each feature's weights centred on their median, those below " + a.get("prune", "0.3") +
                     " dropped and the rest trained " + std::to_string(copts.retrain_epochs) + " more epochs; " +
                     std::to_string(refs.size()) + " references, " + std::to_string(tokens) + " tokens");
  else
    header.push_back("trained: averaged structured perceptron, " + std::to_string(opts.epochs) + " epochs, shuffle seed " +
                     std::to_string(opts.seed) + ", features seen at least " + std::to_string(opts.min_count) +
                     " times, weights below " + a.get("prune", "3") + " dropped; " + std::to_string(refs.size()) +
                     " references, " + std::to_string(tokens) + " tokens");
  header.push_back("format: 'labels' then the label names; 'start' and 'trans <from>' rows of weights; then one line per "
                   "feature: its 64-bit FNV-1a hash in hex and label-index:weight pairs; weights in units of 1/1000");
  const std::string text = seq::write_model(m, header);
  write_file(out, text);
  std::fprintf(stderr, "train: wrote %s (%zu bytes)\n", out.c_str(), text.size());
  if (const auto dev = a.get("dev"); !dev.empty()) {
    const auto m2 = seq::read_model(text);  // what the file holds (weights rounded)
    std::fprintf(stderr, "dev token accuracy: %.4f\n", token_accuracy(*m2, read_xml(dev), labels));
  }
  return 0;
}

const seq::model* load_model(const args& a, std::optional<seq::model>& holder) {
  if (const auto path = a.get("model"); !path.empty()) {
    std::string err;
    holder = seq::read_model(read_file(path), &err);
    if (!holder) throw std::runtime_error(path + ": " + err);
    return &*holder;
  }
  const auto* m = seq::default_model();
  if (!m) throw std::runtime_error("no model is embedded");
  return m;
}

int cmd_predict(const args& a) {
  std::optional<seq::model> holder;
  const auto* m = load_model(a, holder);
  const std::string in = a.get("in"), out = a.get("out");
  if (in.empty() || out.empty()) throw std::runtime_error("predict needs --in LINES.txt --out PRED.jsonl");
  std::vector<std::string> lines;
  {
    std::istringstream ss(read_file(in));
    for (std::string l; std::getline(ss, l);) lines.push_back(l);
  }
  // labelling speed first (the model only), then fields and output; CPU time of this thread, so
  // that other work on a shared machine does not count
  std::size_t tokens = 0, spans_made = 0;
  const int rounds = std::stoi(a.get("rounds", "1"));
  for (const auto& l : lines) tokens += seq::tokenize(l).size() * static_cast<std::size_t>(rounds);
  const auto t0 = cpu_now();
  for (int r = 0; r < rounds; ++r)
    for (const auto& l : lines) spans_made += seq::label_reference(l, m).size();
  const double secs = cpu_now() - t0;
  std::string jsonl;
  const auto t1 = cpu_now();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    bicite::parse::parsed_note note;
    note.number = static_cast<int>(i + 1);
    note.text = lines[i];
    note.citations.push_back(seq::parse_reference(lines[i], m));
    bicite::notes_jsonl::append(jsonl, note);
  }
  const double secs2 = cpu_now() - t1;
  write_file(out, jsonl);
  if (const auto spans_path = a.get("spans"); !spans_path.empty()) {  // [[label, text], …] per line
    std::string sp;
    for (const auto& l : lines) {
      auto arr = nlohmann::json::array();
      for (const auto& s : seq::label_reference(l, m)) arr.push_back({s.label, l.substr(s.begin, s.end - s.begin)});
      sp += arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    write_file(spans_path, sp);
  }
  const double n = static_cast<double>(lines.size()) * rounds;
  std::fprintf(stderr, "predict: %zu references (%.1f tokens each); labelling %.0f references/s (%.1f µs each, "
               "%.0f tokens/s); labelling + fields + JSONL %.0f references/s (thread CPU time)\n",
               lines.size(), static_cast<double>(tokens) / n, n / secs, 1e6 * secs / n,
               static_cast<double>(tokens) / secs, static_cast<double>(lines.size()) / secs2);
  (void)spans_made;
  return 0;
}

int cmd_label(const args& a) {
  std::optional<seq::model> holder;
  const auto* m = load_model(a, holder);
  for (const auto& text : a.pos) {
    for (const auto& s : seq::label_reference(text, m))
      std::printf("%-16s %s\n", s.label.c_str(), text.substr(s.begin, s.end - s.begin).c_str());
    std::printf("\n");
  }
  return 0;
}

// The CSL item of each labelled reference: its gold segments turned into fields by the same
// spans_to_citation the labeller uses. Items for rendering generated references (train part only).
int cmd_items(const args& a) {
  const std::string in = a.get("in"), out = a.get("out");
  if (in.empty() || out.empty()) throw std::runtime_error("items needs --in FILE.xml --out ITEMS.jsonl");
  const auto refs = read_xml(in);
  std::string jsonl;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    bicite::parse::parsed_note note;
    note.number = static_cast<int>(i + 1);
    note.text = refs[i].text;
    note.citations.push_back(seq::spans_to_citation(refs[i].text, refs[i].segments));
    bicite::notes_jsonl::append(jsonl, note);
  }
  write_file(out, jsonl);
  std::fprintf(stderr, "items: %zu references\n", refs.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bicite_seq_train split|train|predict|label|items [options] (see the top of train.cpp)\n");
    return 2;
  }
  try {
    const std::string cmd = argv[1];
    const auto a = parse_args(argc, argv, 2);
    if (cmd == "split") return cmd_split(a);
    if (cmd == "train") return cmd_train(a);
    if (cmd == "predict") return cmd_predict(a);
    if (cmd == "label") return cmd_label(a);
    if (cmd == "items") return cmd_items(a);
    std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bicite_seq_train: %s\n", e.what());
    return 1;
  }
}
