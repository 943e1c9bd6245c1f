// The linear-chain model of the trained reference labeller: feature table, Viterbi decoding,
// the model file, and the averaged structured perceptron that trains it.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <unordered_map>

#include "core/embedded.hpp"
#include "parse/seq/seq.hpp"

namespace bicite::parse::seq {

// ---------------------------------------------------------------- feature table

namespace {

std::size_t slot_of(std::uint64_t key, std::size_t mask) {
  return static_cast<std::size_t>(static_cast<std::uint32_t>(key) * 0x9E3779B1u) & mask;
}

std::uint32_t check_of(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32); }

// Finds the slot of `key`, or the empty slot where it would go.
std::size_t probe(const std::vector<model::slot>& table, std::uint64_t key) {
  const std::size_t mask = table.size() - 1;
  const std::uint32_t check = check_of(key);
  std::size_t s = slot_of(key, mask);
  while (table[s].packed && table[s].check != check) s = (s + 1) & mask;
  return s;
}

void rehash(model& m, std::size_t capacity) {
  m.table.assign(capacity, {});
  for (std::size_t f = 0; f < m.keys.size(); ++f) {
    const std::size_t s = probe(m.table, m.keys[f]);
    m.table[s] = {check_of(m.keys[f]), m.begin[f] << 8 | (m.begin[f + 1] - m.begin[f])};
  }
}

}  // namespace

void model::add(std::uint64_t key, const float* row) {
  const std::size_t L = labels.size();
  if (begin.empty()) begin.push_back(0);
  if ((features() + 1) * 10 > table.size() * 7) rehash(*this, std::max<std::size_t>(1024, table.size() * 2));
  const std::size_t s = probe(table, key);
  if (table[s].packed) return;
  const std::uint32_t first = begin.back();
  std::uint32_t count = 0;
  for (std::size_t y = 0; y < L && y < 256; ++y)
    if (row[y] != 0.0f) {
      entry_label.push_back(static_cast<std::uint8_t>(y));
      entry_weight.push_back(row[y]);
      ++count;
    }
  if (count == 0 || first + count >= (1u << 24)) {  // nothing to store, or the table is full
    entry_label.resize(first);
    entry_weight.resize(first);
    return;
  }
  keys.push_back(key);
  begin.push_back(first + count);
  table[s] = {check_of(key), first << 8 | count};
}

float model::weight(std::uint64_t key, std::size_t label) const {
  if (table.empty()) return 0.0f;
  const auto& e = table[probe(table, key)];
  const std::uint32_t b = e.packed >> 8, n = e.packed & 0xFF;
  for (std::uint32_t k = b; k < b + n; ++k)
    if (entry_label[k] == label) return entry_weight[k];
  return 0.0f;
}

void model::emissions(const token_features& f, std::vector<float>& out) const {
  const std::size_t L = labels.size();
  const std::size_t n = f.offsets.empty() ? 0 : f.offsets.size() - 1;
  out.assign(n * L, 0.0f);
  if (table.empty()) return;
  const std::size_t mask = table.size() - 1;
  // The table and the weights are larger than the caches: look up one token's features in three
  // passes (prefetch the slots, find the entries and prefetch them, add them) so the misses overlap.
  thread_local std::vector<std::size_t> slots;
  thread_local std::vector<std::uint32_t> found;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t b = f.offsets[i], e = f.offsets[i + 1];
    slots.resize(e - b);
    found.clear();
    for (std::uint32_t k = b; k < e; ++k) {
      slots[k - b] = slot_of(f.hashes[k], mask);
      __builtin_prefetch(&table[slots[k - b]]);
    }
    for (std::uint32_t k = b; k < e; ++k) {
      const std::uint32_t check = check_of(f.hashes[k]);
      for (std::size_t s = slots[k - b]; table[s].packed; s = (s + 1) & mask)
        if (table[s].check == check) {
          const std::uint32_t packed = table[s].packed;
          __builtin_prefetch(&entry_label[packed >> 8]);
          __builtin_prefetch(&entry_weight[packed >> 8]);
          found.push_back(packed);
          break;
        }
    }
    float* o = out.data() + i * L;
    for (const std::uint32_t packed : found) {
      const std::uint32_t first = packed >> 8, last = first + (packed & 0xFF);
      for (std::uint32_t k = first; k < last; ++k) o[entry_label[k]] += entry_weight[k];
    }
  }
}

// ---------------------------------------------------------------- Viterbi

void viterbi(const float* emis, std::size_t n, std::size_t L, const float* start, const float* trans, int* out) {
  if (n == 0 || L == 0) return;
  thread_local std::vector<float> score, tt, cand;
  thread_local std::vector<int> back;
  score.resize(n * L);
  back.resize(n * L);
  tt.resize(L * L);
  cand.resize(L);
  for (std::size_t p = 0; p < L; ++p)  // transposed: the inner loop reads one row
    for (std::size_t y = 0; y < L; ++y) tt[y * L + p] = trans[p * L + y];
  for (std::size_t y = 0; y < L; ++y) score[y] = start[y] + emis[y];
  for (std::size_t i = 1; i < n; ++i) {
    const float* prev = score.data() + (i - 1) * L;
    float* cur = score.data() + i * L;
    for (std::size_t y = 0; y < L; ++y) {
      const float* t = tt.data() + y * L;
      float best = prev[0] + t[0];
      int arg = 0;
      for (std::size_t p = 1; p < L; ++p) {
        const float v = prev[p] + t[p];
        if (v > best) {
          best = v;
          arg = static_cast<int>(p);
        }
      }
      cur[y] = best + emis[i * L + y];
      back[i * L + y] = arg;
    }
  }
  const float* last = score.data() + (n - 1) * L;
  int y = 0;
  for (std::size_t k = 1; k < L; ++k)
    if (last[k] > last[y]) y = static_cast<int>(k);
  for (std::size_t i = n; i-- > 0;) {
    out[i] = y;
    if (i) y = back[i * L + static_cast<std::size_t>(y)];
  }
}

// ---------------------------------------------------------------- model file

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  for (;;) {
    const std::size_t t = line.find('\t', b);
    out.push_back(line.substr(b, t == std::string_view::npos ? std::string_view::npos : t - b));
    if (t == std::string_view::npos) break;
    b = t + 1;
  }
  return out;
}

bool parse_float(std::string_view s, float& v) {
  // weights are written as integers in units of 1/1000
  long x = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  v = static_cast<float>(x) / 1000.0f;
  return true;
}

std::string fmt_weight(float w) { return std::to_string(std::lround(static_cast<double>(w) * 1000.0)); }

}  // namespace

std::optional<model> read_model(std::string_view text, std::string* error) {
  model m;
  auto fail = [&](std::size_t line_no, std::string_view what) -> std::optional<model> {
    if (error) *error = "line " + std::to_string(line_no) + ": " + std::string(what);
    return std::nullopt;
  };
  std::size_t pos = 0, line_no = 0;
  std::vector<float> row;
  while (pos < text.size()) {
    std::size_t e = text.find('\n', pos);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(pos, e - pos);
    pos = e + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line[0] == '#') {
      line.remove_prefix(1);
      if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
      m.header.emplace_back(line);
      continue;
    }
    const auto cells = split_tabs(line);
    const std::size_t L = m.labels.size();
    if (cells[0] == "labels") {
      for (std::size_t i = 1; i < cells.size(); ++i) m.labels.emplace_back(cells[i]);
      m.start.assign(m.labels.size(), 0.0f);
      m.trans.assign(m.labels.size() * m.labels.size(), 0.0f);
      continue;
    }
    if (L == 0) return fail(line_no, "no 'labels' line before the weights");
    if (cells[0] == "start" || cells[0] == "trans") {
      std::size_t first = 1;
      float* dst = m.start.data();
      if (cells[0] == "trans") {
        if (cells.size() < 2) return fail(line_no, "trans without a label");
        const auto it = std::find(m.labels.begin(), m.labels.end(), cells[1]);
        if (it == m.labels.end()) return fail(line_no, "unknown label");
        dst = m.trans.data() + static_cast<std::size_t>(it - m.labels.begin()) * L;
        first = 2;
      }
      if (cells.size() != first + L) return fail(line_no, "wrong number of weights");
      for (std::size_t y = 0; y < L; ++y)
        if (!parse_float(cells[first + y], dst[y])) return fail(line_no, "bad weight");
      continue;
    }
    // a feature: hex hash, then label:weight pairs
    std::uint64_t key = 0;
    auto [p, ec] = std::from_chars(cells[0].data(), cells[0].data() + cells[0].size(), key, 16);
    if (ec != std::errc() || p != cells[0].data() + cells[0].size()) return fail(line_no, "bad feature key");
    row.assign(L, 0.0f);
    for (std::size_t i = 1; i < cells.size(); ++i) {
      const auto colon = cells[i].find(':');
      if (colon == std::string_view::npos) return fail(line_no, "bad label:weight");
      std::size_t y = 0;
      auto [q, ec2] = std::from_chars(cells[i].data(), cells[i].data() + colon, y);
      if (ec2 != std::errc() || y >= L) return fail(line_no, "bad label index");
      (void)q;
      if (!parse_float(cells[i].substr(colon + 1), row[y])) return fail(line_no, "bad weight");
    }
    m.add(key, row.data());
  }
  if (m.labels.empty()) return fail(line_no, "no labels");
  return m;
}

std::string write_model(const model& m, const std::vector<std::string>& header) {
  const std::size_t L = m.labels.size();
  std::string out;
  for (const auto& h : header) out += "# " + h + "\n";
  out += "labels";
  for (const auto& l : m.labels) out += "\t" + l;
  out += "\nstart";
  for (std::size_t y = 0; y < L; ++y) out += "\t" + fmt_weight(m.start[y]);
  out += "\n";
  for (std::size_t p = 0; p < L; ++p) {
    out += "trans\t" + m.labels[p];
    for (std::size_t y = 0; y < L; ++y) out += "\t" + fmt_weight(m.trans[p * L + y]);
    out += "\n";
  }
  // features in key order, so that the file is the same for the same model
  std::vector<std::pair<std::uint64_t, std::size_t>> order;
  for (std::size_t f = 0; f < m.keys.size(); ++f) order.emplace_back(m.keys[f], f);
  std::sort(order.begin(), order.end());
  char hex[24];
  for (const auto& [key, f] : order) {
    std::string line;
    for (std::uint32_t k = m.begin[f]; k < m.begin[f + 1]; ++k) {
      const auto w = std::lround(static_cast<double>(m.entry_weight[k]) * 1000.0);
      if (w == 0) continue;
      line += "\t" + std::to_string(m.entry_label[k]) + ":" + std::to_string(w);
    }
    if (line.empty()) continue;
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(key));
    out += hex;
    out += line;
    out += "\n";
  }
  return out;
}

std::optional<model> embedded_model(std::string_view key) {
  const auto bytes = bicite::detail::embedded_file(key);
  if (!bytes) return std::nullopt;
  return read_model(*bytes);
}

const model* default_model() {
  static const std::optional<model> m = embedded_model("parse/seq_model.tsv");
  return m ? &*m : nullptr;
}

// ---------------------------------------------------------------- training

indexed_data index_features(const std::vector<training_sequence>& data, int min_count) {
  indexed_data out;
  std::unordered_map<std::uint64_t, std::uint32_t> count;
  for (const auto& s : data)
    for (auto h : s.features.hashes) ++count[h];
  std::unordered_map<std::uint64_t, std::int32_t> id;
  {
    std::vector<std::uint64_t> kept;
    for (const auto& [h, c] : count)
      if (c >= static_cast<std::uint32_t>(std::max(min_count, 1))) kept.push_back(h);
    std::sort(kept.begin(), kept.end());  // ids independent of hash-map order
    for (auto h : kept) {
      id.emplace(h, static_cast<std::int32_t>(out.key_of.size()));
      out.key_of.push_back(h);
    }
  }
  out.seqs.resize(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const auto& f = data[i].features;
    auto& s = out.seqs[i];
    s.offsets.push_back(0);
    for (std::size_t t = 0; t + 1 < f.offsets.size(); ++t) {
      for (std::uint32_t k = f.offsets[t]; k < f.offsets[t + 1]; ++k)
        if (auto it = id.find(f.hashes[k]); it != id.end()) s.feats.push_back(it->second);
      s.offsets.push_back(static_cast<std::uint32_t>(s.feats.size()));
    }
  }
  return out;
}

model train_perceptron(const std::vector<training_sequence>& data, std::vector<std::string> labels,
                       const train_options& opts, void (*progress)(int, double)) {
  const std::size_t L = labels.size();
  auto [key_of, seqs] = index_features(data, opts.min_count);
  std::size_t tokens = 0;
  for (const auto& d : data) tokens += d.gold.size();
  const std::size_t F = key_of.size();
  // weights (integers: each update is ±1) and their time-weighted sums for averaging
  std::vector<std::int32_t> w(F * L, 0), wt(L * L, 0), ws(L, 0);
  std::vector<std::int64_t> u(F * L, 0), ut(L * L, 0), us(L, 0);
  std::int64_t c = 1;

  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(opts.seed);
  std::vector<float> emis, start(L), trans(L * L);
  std::vector<int> pred;
  for (int epoch = 1; epoch <= opts.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);  // Fisher–Yates
    std::size_t wrong = 0;
    for (std::size_t idx : order) {
      const auto& s = seqs[idx];
      const auto& gold = data[idx].gold;
      const std::size_t n = gold.size();
      if (n == 0) continue;
      emis.assign(n * L, 0.0f);
      for (std::size_t t = 0; t < n; ++t)
        for (std::uint32_t k = s.offsets[t]; k < s.offsets[t + 1]; ++k) {
          const std::int32_t* row = w.data() + static_cast<std::size_t>(s.feats[k]) * L;
          for (std::size_t y = 0; y < L; ++y) emis[t * L + y] += static_cast<float>(row[y]);
        }
      for (std::size_t y = 0; y < L; ++y) start[y] = static_cast<float>(ws[y]);
      for (std::size_t k = 0; k < L * L; ++k) trans[k] = static_cast<float>(wt[k]);
      pred.assign(n, 0);
      viterbi(emis.data(), n, L, start.data(), trans.data(), pred.data());
      auto bump = [&](std::int32_t* wv, std::int64_t* uv, std::size_t k, int d) {
        wv[k] += d;
        uv[k] += c * d;
      };
      for (std::size_t t = 0; t < n; ++t) {
        const auto g = static_cast<std::size_t>(gold[t]);
        const auto p = static_cast<std::size_t>(pred[t]);
        if (g != p) {
          ++wrong;
          for (std::uint32_t k = s.offsets[t]; k < s.offsets[t + 1]; ++k) {
            const std::size_t base = static_cast<std::size_t>(s.feats[k]) * L;
            bump(w.data(), u.data(), base + g, 1);
            bump(w.data(), u.data(), base + p, -1);
          }
        }
        if (t == 0) {
          if (g != p) {
            bump(ws.data(), us.data(), g, 1);
            bump(ws.data(), us.data(), p, -1);
          }
        } else {
          const auto gp = static_cast<std::size_t>(gold[t - 1]);
          const auto pp = static_cast<std::size_t>(pred[t - 1]);
          if (gp != pp || g != p) {
            bump(wt.data(), ut.data(), gp * L + g, 1);
            bump(wt.data(), ut.data(), pp * L + p, -1);
          }
        }
      }
      ++c;
    }
    if (progress) progress(epoch, tokens ? static_cast<double>(wrong) / static_cast<double>(tokens) : 0.0);
  }
  // averaged weights: w - u / c
  auto avg = [&](std::int32_t wv, std::int64_t uv) {
    return static_cast<float>(static_cast<double>(wv) - static_cast<double>(uv) / static_cast<double>(c));
  };
  model m;
  m.labels = std::move(labels);
  m.start.resize(L);
  m.trans.resize(L * L);
  for (std::size_t y = 0; y < L; ++y) m.start[y] = avg(ws[y], us[y]);
  for (std::size_t k = 0; k < L * L; ++k) m.trans[k] = avg(wt[k], ut[k]);
  std::vector<float> row(L);
  for (std::size_t f = 0; f < F; ++f) {
    bool any = false;
    for (std::size_t y = 0; y < L; ++y) {
      float v = avg(w[f * L + y], u[f * L + y]);
      if (std::fabs(v) < opts.prune) v = 0.0f;
      row[y] = v;
      any = any || v != 0.0f;
    }
    if (any) m.add(key_of[f], row.data());
  }
  return m;
}

}  // namespace bicite::parse::seq
