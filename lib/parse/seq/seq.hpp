#pragma once
// The trained reference labeller: a tokenizer, token features, a linear-chain model with first-order
// label transitions (trained as an averaged structured perceptron), Viterbi decoding, and the step
// from labelled spans to CSL fields. See lib/parse/README.md, "Trained labeller".
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <bicite/parse.hpp>

namespace bicite::parse::seq {

// ---------------------------------------------------------------- tokens

/// What a token is made of.
enum class token_kind : std::uint8_t { word, number, punct };

/// One token: a run of letters and digits, or one punctuation character. Bytes of the input.
struct token {
  std::size_t begin = 0, end = 0;
  token_kind kind = token_kind::punct;
  bool space_before = false;  ///< white space (or the start of the text) precedes it
};

/// Splits at white space and at punctuation (each punctuation character is a token of its own).
/// Letters of any script and digits form words; an apostrophe between two letters stays inside
/// the word ("O'Brien"). Never fails; invalid UTF-8 bytes become punctuation tokens.
std::vector<token> tokenize(std::string_view text);

// ---------------------------------------------------------------- features

/// The features of every token, as 64-bit hashes of "template + value" strings:
/// token i has hashes[offsets[i] .. offsets[i+1]).
struct token_features {
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> offsets;  ///< tokens + 1 entries
};

/// Computes the features of `tokens` (of `text`); `names` (optional) receives the readable
/// feature strings in the same order, for debugging and tests.
void extract_features(std::string_view text, const std::vector<token>& tokens, token_features& out,
                      std::vector<std::string>* names = nullptr);

// ---------------------------------------------------------------- model and decoding

/// A linear-chain model: per feature and label a weight, per label pair a transition weight.
struct model {
  std::vector<std::string> labels;
  std::vector<float> start;  ///< labels.size(): weight of a label at the first token
  std::vector<float> trans;  ///< labels.size()²: [previous * L + current]
  /// Feature table: open addressing with linear probing on the low 32 bits of a feature's hash,
  /// the high 32 bits kept as a check; `packed` is begin << 8 | count of its entries (0: empty slot).
  struct slot {
    std::uint32_t check = 0;
    std::uint32_t packed = 0;
  };
  std::vector<slot> table;
  std::vector<std::uint64_t> keys;     ///< per feature: its hash (for rebuilding the table and writing)
  std::vector<std::uint32_t> begin;    ///< per feature + 1: its first entry
  std::vector<std::uint8_t> entry_label;  ///< per entry: a label index with a non-zero weight
  std::vector<float> entry_weight;        ///< per entry: that weight
  std::vector<std::string> header;  ///< the "# …" lines of the model file (provenance)

  std::size_t size() const { return labels.size(); }
  /// The number of features with weights.
  std::size_t features() const { return keys.size(); }
  /// Adds a feature with its weight for every label (zeros are not stored); a key already present is ignored.
  void add(std::uint64_t key, const float* row);
  /// The weight of a feature for a label (0 when absent).
  float weight(std::uint64_t key, std::size_t label) const;
  /// Emission scores of every label for every token: n × L.
  void emissions(const token_features& f, std::vector<float>& out) const;
};

/// The best label sequence: `emis` is n × L, `start` L, `trans` L × L ([prev * L + cur]).
/// Writes n label indexes to `out`. Ties go to the lower label index.
void viterbi(const float* emis, std::size_t n, std::size_t L, const float* start, const float* trans, int* out);

/// Reads a model file (format in lib/parse/README.md); std::nullopt and `error` on a malformed file.
std::optional<model> read_model(std::string_view text, std::string* error = nullptr);

/// Writes a model file; `header` lines are written first, each prefixed "# ".
std::string write_model(const model& m, const std::vector<std::string>& header);

/// A model file compiled into the library ("parse/seq_model.tsv"); std::nullopt when missing or malformed.
std::optional<model> embedded_model(std::string_view key);

/// The model compiled into the library (parse/seq_model.tsv), loaded once on first use; nullptr
/// when it is missing or malformed.
const model* default_model();

// ---------------------------------------------------------------- training

/// One training sequence: the features of its tokens and the gold label index of each token.
struct training_sequence {
  token_features features;
  std::vector<int> gold;
};

/// Options of the averaged structured perceptron.
struct train_options {
  int epochs = 20;             ///< passes over the data. Default: 20
  std::uint32_t seed = 20261207;  ///< seed of the per-epoch shuffle (std::mt19937). Default: 20261207
  int min_count = 2;           ///< features seen fewer times are dropped. Default: 2
  float prune = 3.0f;          ///< averaged weights below this magnitude are dropped (updates are ±1). Default: 3
};

/// Training data as feature ids: the features seen at least `min_count` times, numbered in the order of
/// their hashes (so that ids, and the trained model, do not depend on hash-map order).
struct indexed_data {
  struct sequence {
    std::vector<std::int32_t> feats;
    std::vector<std::uint32_t> offsets;  ///< tokens + 1 entries into feats
  };
  std::vector<std::uint64_t> key_of;  ///< id → the feature's hash
  std::vector<sequence> seqs;         ///< one per training sequence
};
indexed_data index_features(const std::vector<training_sequence>& data, int min_count);

/// Trains an averaged structured perceptron (Collins 2002) with first-order transitions. Deterministic
/// for given data and options. `progress` (optional) is called after each epoch with the epoch
/// number and the share of training tokens the current weights got wrong during that epoch.
model train_perceptron(const std::vector<training_sequence>& data, std::vector<std::string> labels,
                       const train_options& opts, void (*progress)(int epoch, double error_rate) = nullptr);

/// Options of the CRF trainer.
struct crf_options {
  int epochs = 10;                ///< passes over the data. Default: 10
  std::uint32_t seed = 20261207;  ///< seed of the per-epoch shuffle. Default: 20261207
  int min_count = 2;              ///< features seen fewer times are dropped. Default: 2
  double rate = 0.1;              ///< AdaGrad learning rate. Default: 0.1
  double l2 = 0.0;                ///< L2 penalty applied to the weights a sequence touches. Default: 0
  float prune = 0.3f;             ///< after `epochs`, weights below this (rows centred on their median) are dropped. Default: 0.3
  int retrain_epochs = 3;         ///< passes after pruning that train only the weights kept. Default: 3
};

/// Trains a linear-chain CRF (conditional log-likelihood, forward–backward, AdaGrad per sequence):
/// the same model as train_perceptron. `progress` receives the mean negative log-likelihood per token.
model train_crf(const std::vector<training_sequence>& data, std::vector<std::string> labels, const crf_options& opts,
                void (*progress)(int epoch, double nll) = nullptr);

// ---------------------------------------------------------------- labelling and fields

/// A run of tokens with one label: bytes of the reference string.
struct labelled_span {
  std::string label;  ///< AnyStyle's label: author, title, journal, date, volume, pages, …
  std::size_t begin = 0, end = 0;
};

/// Labels one reference string with `m` (the embedded model when null). Empty when there is no model.
std::vector<labelled_span> label_reference(std::string_view text, const model* m = nullptr);

/// Turns labelled spans of `text` into a citation: CSL fields (names split into persons, the year
/// read, volume/issue/page split) and one source per field.
citation spans_to_citation(std::string_view text, const std::vector<labelled_span>& spans);

/// label_reference() then spans_to_citation().
citation parse_reference(std::string_view text, const model* m = nullptr);

// ---------------------------------------------------------------- helpers shared with the trainer

/// The text with runs of ASCII white space folded to one space and trimmed (how a labelled segment is read).
std::string collapse_spaces(std::string_view s);

/// FNV-1a, 32 bits, of the text with white space runs folded to one space and trimmed: the key of
/// the train / development / test split.
std::uint32_t split_hash(std::string_view text);

/// The hash of feature "name=value", as extract_features makes it (FNV-1a, 64 bits; never 0).
std::uint64_t feature_hash(std::string_view name, std::string_view value);

/// The cue-word kinds of a word (lib/parse/data/lexicon.tsv, month names) as bits; cue_name(bit) names them.
std::uint32_t word_cues(std::string_view word);
/// A roman numeral of at most seven letters ("xii", "IV").
bool is_roman_numeral(std::string_view word);
std::string_view cue_name(unsigned bit);
unsigned cue_kinds();

// ---------------------------------------------------------------- the document finder

/// Which lines of a document are its notes or reference list, and which are the article around it:
/// each line labelled as AnyStyle's finder labels them (ref, text, title, meta, blank) by a linear-chain
/// model over the lines (parse/finder_model.tsv), decoded online with a fixed lag so that the
/// streaming reader can use it in bounded memory. See lib/parse/README.md, "Document finder".
class line_finder {
 public:
  /// Uses `m` (the embedded finder model when null); inactive when there is none.
  explicit line_finder(const model* m = nullptr);
  bool active() const { return m_ != nullptr; }
  const model* labels_model() const { return m_; }
  /// The next line of the document (without its line break).
  void push(std::string_view line);
  /// No more lines: decides the rest.
  void finish();
  /// Decisions so far: (first line, label index) at each change of label, in order.
  const std::vector<std::pair<std::size_t, std::uint8_t>>& runs() const { return runs_; }
  /// Lines decided per label index.
  const std::vector<std::size_t>& counts() const { return counts_; }
  /// The features of every line of a whole document (for training and tests); `names` as in extract_features.
  static void document_features(const std::vector<std::string_view>& lines, token_features& out,
                                std::vector<std::string>* names = nullptr);

  /// What the features read of one line.
  struct shape {
    bool blank = true;
    bool marker = false;        // a list or note marker: "12.", "[3]", "¹²"
    bool bullet = false;        // a bullet before the line's text ("- ", "• "); the rest is read without it
    bool name_start = false;    // starts as an entry's author does: "Smith, J.", "Иванов И. И.", "WEBER"
    bool only_number = false;   // a page number alone
    bool list_heading = false;  // "References", "1.3 Bibliography", "Список литературы"
    int indent = 0;             // leading columns (a tab counts four)
    std::uint8_t len = 0, years = 0, digits = 0, caps = 0, words = 0, function_words = 0;  // buckets
    char first = ' ', last = ' ';  // classes of the first and last characters
    std::uint32_t cues = 0;         // word_cues() of the line's words, or-ed
    std::string heading;            // a short line without digits, lower-cased ("references"); else empty
  };
  static shape shape_of(std::string_view line);

 private:
  struct features_only {};
  explicit line_finder(features_only);
  void features_of_centre(std::vector<std::uint64_t>& out, std::vector<std::string>* names);
  void step(const std::vector<std::uint64_t>& feats);
  void decide(std::size_t line, int label);
  const model* m_ = nullptr;
  std::vector<shape> window_;      // the last five lines' shapes (ring)
  std::size_t pushed_ = 0, featured_ = 0, stepped_ = 0, decided_ = 0;
  int since_heading_ = -1;
  std::vector<float> delta_, next_, emis_;
  std::vector<std::uint8_t> back_;  // ring of lag × labels backpointers
  std::vector<std::uint64_t> feats_;
  std::vector<std::pair<std::size_t, std::uint8_t>> runs_;
  std::vector<std::size_t> counts_;
};

/// The finder model compiled into the library (parse/finder_model.tsv); nullptr when missing or malformed.
const model* default_finder_model();

}  // namespace bicite::parse::seq
