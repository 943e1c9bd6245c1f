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

/// FNV-1a, 32 bits, of the text with white space runs folded to one space and trimmed: the key of
/// the train / development / test split.
std::uint32_t split_hash(std::string_view text);

}  // namespace bicite::parse::seq
