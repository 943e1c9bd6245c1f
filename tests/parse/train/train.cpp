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
//   bicite_seq_train finder  --data DIR --out MODEL.tsv [--learner crf|perceptron] [--epochs N] [--header TEXT]…
//                            the document finder, from AnyStyle's finder/*.ttx (every line labelled): first each
//                            document is scored with a model trained on the others (leave one document out), then
//                            the model of all documents is written
//   bicite_seq_train lines   [--model MODEL.tsv] --in TEXT  prints the finder's label of each line of a document
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
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
    const std::string t = seq::collapse_spaces(el.text().get());
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

// ---------------------------------------------------------------- the document finder

struct ttx_document {
  std::string name;
  std::vector<std::string> lines;
  std::vector<int> gold;
};

std::string unescape_xml(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<std::string_view, char> ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [e, c] : ents)
        if (s.substr(i, e.size()) == e) {
          out += c;
          i += e.size() - 1;
          done = true;
          break;
        }
      if (done) continue;
    }
    out += s[i];
  }
  return out;
}

// "label | text" per line; an empty label continues the one above; the text starts after "| ".
ttx_document read_ttx(const std::string& path, const std::vector<std::string>& labels) {
  ttx_document d;
  d.name = std::filesystem::path(path).stem().string();
  std::istringstream in(read_file(path));
  std::string line;
  int current = -1;
  while (std::getline(in, line)) {
    const auto bar = line.find('|');
    if (bar == std::string::npos) continue;
    std::string label = seq::collapse_spaces(line.substr(0, bar));
    if (!label.empty()) {
      const auto it = std::find(labels.begin(), labels.end(), label);
      if (it == labels.end()) throw std::runtime_error(path + ": unknown label " + label);
      current = static_cast<int>(it - labels.begin());
    }
    if (current < 0) throw std::runtime_error(path + ": a line before any label");
    std::string text = line.substr(bar + 1);
    if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    d.lines.push_back(unescape_xml(text));
    d.gold.push_back(current);
  }
  return d;
}

// A document's lines as training sequences of about 64 lines, cut at blank lines (the perceptron and
// the CRF update per sequence; a whole thesis would be one update per epoch).
void add_chunks(const ttx_document& d, std::vector<seq::training_sequence>& data) {
  std::vector<std::string_view> views(d.lines.begin(), d.lines.end());
  seq::token_features all;
  seq::line_finder::document_features(views, all);
  std::size_t b = 0;
  const std::size_t n = d.lines.size();
  while (b < n) {
    std::size_t e = std::min(n, b + 64);
    while (e < n && e < b + 128 && !seq::line_finder::shape_of(d.lines[e]).blank) ++e;
    seq::training_sequence t;
    t.features.offsets.assign(1, 0);
    for (std::size_t i = b; i < e; ++i) {
      t.features.hashes.insert(t.features.hashes.end(), all.hashes.begin() + all.offsets[i], all.hashes.begin() + all.offsets[i + 1]);
      t.features.offsets.push_back(static_cast<std::uint32_t>(t.features.hashes.size()));
      t.gold.push_back(d.gold[i]);
    }
    data.push_back(std::move(t));
    b = e;
  }
}

// GENERATED from a real document: its lines as a word processor or a web page keeps them, one line per
// paragraph and per list entry. Consecutive lines of text are joined up to a blank line; lines of the list
// up to a blank line or a line that starts an entry (a marker, or an author: "Smith, J."). Titles, page
// furniture and blank lines stay as they are.
ttx_document joined(const ttx_document& d) {
  const int ref = 0, text = 1;  // indexes in cmd_finder's label list
  ttx_document j;
  j.name = d.name + "+joined";
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const auto sh = seq::line_finder::shape_of(d.lines[i]);
    const int g = d.gold[i];
    const bool can_join = !j.lines.empty() && !sh.blank && (g == ref || g == text) && j.gold.back() == g &&
                          !seq::line_finder::shape_of(j.lines.back()).blank && !(g == ref && (sh.marker || sh.name_start));
    if (can_join) {
      std::string_view t = d.lines[i];
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
      j.lines.back() += ' ';
      j.lines.back() += t;
    } else {
      j.lines.push_back(d.lines[i]);
      j.gold.push_back(g);
    }
  }
  return j;
}

seq::model train_finder(const std::vector<const ttx_document*>& docs, const std::vector<std::string>& labels,
                        const args& a) {
  std::vector<seq::training_sequence> data;
  for (const auto* d : docs) add_chunks(*d, data);
  if (a.get("learner", "perceptron") == "crf") {
    seq::crf_options o;
    o.epochs = std::stoi(a.get("epochs", "10"));
    o.l2 = std::stod(a.get("l2", "0"));
    o.prune = std::stof(a.get("prune", "0.1"));
    return seq::train_crf(data, labels, o);
  }
  seq::train_options o;
  o.epochs = std::stoi(a.get("epochs", "10"));
  o.prune = std::stof(a.get("prune", "1"));
  return seq::train_perceptron(data, labels, o);
}

// The labels the deployed decoder (online, fixed lag) gives a document's lines.
std::vector<int> decode_document(const seq::model& m, const ttx_document& d) {
  seq::line_finder f(&m);
  for (const auto& l : d.lines) f.push(l);
  f.finish();
  std::vector<int> out(d.lines.size(), 0);
  const auto& runs = f.runs();
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::size_t end = r + 1 < runs.size() ? runs[r + 1].first : d.lines.size();
    for (std::size_t i = runs[r].first; i < end; ++i) out[i] = runs[r].second;
  }
  return out;
}

int cmd_lines(const args& a) {
  std::optional<seq::model> holder;
  if (const auto path = a.get("model"); !path.empty()) holder = seq::read_model(read_file(path));
  const seq::model* m = holder ? &*holder : seq::default_finder_model();
  if (!m) throw std::runtime_error("no finder model");
  ttx_document d;
  std::istringstream in(read_file(a.get("in")));
  for (std::string l; std::getline(in, l);) d.lines.push_back(l);
  const auto labels = decode_document(*m, d);
  for (std::size_t i = 0; i < labels.size(); ++i)
    std::printf("%s\t%s\n", m->labels[static_cast<std::size_t>(labels[i])].c_str(), d.lines[i].c_str());
  return 0;
}

int cmd_finder(const args& a) {
  const std::string dir = a.get("data"), out = a.get("out");
  if (dir.empty() || out.empty()) throw std::runtime_error("finder needs --data DIR --out MODEL.tsv");
  const std::vector<std::string> labels = {"ref", "text", "title", "meta", "blank"};
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".ttx") paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  std::vector<ttx_document> docs;
  std::size_t lines = 0;
  for (const auto& p : paths) {
    docs.push_back(read_ttx(p, labels));
    lines += docs.back().lines.size();
  }
  // each document also as one line per paragraph and entry (generated: see joined())
  if (a.get("joined", "yes") != "no") {
    const std::size_t n = docs.size();
    for (std::size_t k = 0; k < n; ++k) docs.push_back(joined(docs[k]));
  }
  // a sealed part, fixed by the hash of the document's name (split_hash % 5 == 0): scored only with --test,
  // never trained or tuned on; the model is trained on the rest
  std::vector<const ttx_document*> train, sealed;
  for (const auto& d : docs) (seq::split_hash(d.name.substr(0, d.name.find('+'))) % 5 == 0 ? sealed : train).push_back(&d);
  std::fprintf(stderr, "finder: %zu documents, %zu lines; %zu for training, %zu sealed\n", docs.size(), lines, train.size(), sealed.size());
  const auto t0 = std::chrono::steady_clock::now();
  struct tally {
    std::size_t tp = 0, fp = 0, fn = 0, right = 0, total = 0, gold = 0;
    void add(const tally& o) {
      tp += o.tp, fp += o.fp, fn += o.fn, right += o.right, total += o.total, gold += o.gold;
    }
    void print(const std::string& name) const {
      const double pr = double(tp) / double(std::max<std::size_t>(tp + fp, 1)), rc = double(tp) / double(std::max<std::size_t>(tp + fn, 1));
      std::printf("%s\t%zu\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\n", name.c_str(), total, gold, pr, rc, pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0.0,
                  double(right) / double(std::max<std::size_t>(total, 1)));
    }
  };
  // ref lines: precision and recall over non-blank lines; line accuracy over all lines
  auto score = [&](const seq::model& m, const ttx_document& d) {
    tally t;
    const auto pred = decode_document(m, d);
    for (std::size_t i = 0; i < pred.size(); ++i) {
      ++t.total;
      t.right += pred[i] == d.gold[i];
      if (seq::line_finder::shape_of(d.lines[i]).blank) continue;
      const bool g = d.gold[i] == 0, p = pred[i] == 0;
      t.gold += g;
      t.tp += g && p;
      t.fp += !g && p;
      t.fn += g && !p;
    }
    return t;
  };
  std::printf("document\tlines\tref lines\tref precision\tref recall\tref F1\tline accuracy\n");
  if (a.get("leave-one-out", "yes") != "no") {
    tally all;
    for (std::size_t k = 0; k < train.size(); ++k) {
      std::vector<const ttx_document*> rest;
      const std::string base = train[k]->name.substr(0, train[k]->name.find('+'));
      for (std::size_t j = 0; j < train.size(); ++j)
        if (train[j]->name.substr(0, train[j]->name.find('+')) != base) rest.push_back(train[j]);
      const auto m = seq::read_model(seq::write_model(train_finder(rest, labels, a), {}));
      const auto t = score(*m, *train[k]);
      t.print(train[k]->name);
      if (const auto dump = a.get("dump"); !dump.empty()) {  // gold, predicted label and text of each line
        const auto pred = decode_document(*m, *train[k]);
        std::string o;
        for (std::size_t i = 0; i < pred.size(); ++i)
          o += labels[static_cast<std::size_t>(train[k]->gold[i])] + "\t" + labels[static_cast<std::size_t>(pred[i])] + "\t" + train[k]->lines[i] + "\n";
        write_file(dump + "/" + train[k]->name + ".tsv", o);
      }
      all.add(t);
    }
    all.print("leave-one-out");
  }
  const auto m = train_finder(train, labels, a);
  if (a.get("test", "no") == "yes") {
    const auto mm = seq::read_model(seq::write_model(m, {}));
    tally all;
    for (const auto* d : sealed) {
      const auto t = score(*mm, *d);
      t.print("sealed " + d->name);
      all.add(t);
    }
    all.print("sealed");
  }
  std::vector<std::string> header = a.opt.count("header") ? a.opt.at("header") : std::vector<std::string>{};
  header.push_back("trained: " + std::string(a.get("learner", "perceptron") == "crf" ? "linear-chain CRF" : "averaged structured perceptron") +
                   ", " + a.get("epochs", "10") + " epochs, on " + std::to_string(train.size()) + " of " + std::to_string(docs.size()) +
                   " documents (the others sealed) and a generated copy of each with one line per paragraph and entry, in sequences of about 64 lines cut at blank lines");
  header.push_back("format: as parse/seq_model.tsv (lib/parse/README.md, \"Model file\")");
  const std::string text = seq::write_model(m, header);
  write_file(out, text);
  std::fprintf(stderr, "finder: %.1f s; wrote %s (%zu features, %zu bytes)\n",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), out.c_str(), m.features(), text.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bicite_seq_train split|train|predict|label|items|finder [options] (see the top of train.cpp)\n");
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
    if (cmd == "finder") return cmd_finder(a);
    if (cmd == "lines") return cmd_lines(a);
    std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bicite_seq_train: %s\n", e.what());
    return 1;
  }
}
