// A linear-chain CRF trainer for the same model as the perceptron (train_crf): conditional
// log-likelihood, forward–backward with per-step scaling, AdaGrad updates per sequence.
#include <algorithm>
#include <cmath>
#include <random>
#include <unordered_map>

#include "parse/seq/seq.hpp"

namespace bicite::parse::seq {

model train_crf(const std::vector<training_sequence>& data, std::vector<std::string> labels, const crf_options& opts,
                void (*progress)(int, double)) {
  const std::size_t L = labels.size();
  auto [key_of, seqs] = index_features(data, opts.min_count);
  const std::size_t F = key_of.size();
  std::vector<float> w(F * L, 0.0f), g2(F * L, 0.0f);
  std::vector<double> wt(L * L, 0.0), gt2(L * L, 0.0), ws(L, 0.0), gs2(L, 0.0);
  auto step = [&](float& x, float& acc, double g) {
    acc += static_cast<float>(g * g);
    x += static_cast<float>(opts.rate * g / std::sqrt(static_cast<double>(acc) + 1e-8));
  };
  auto stepd = [&](double& x, double& acc, double g) {
    acc += g * g;
    x += opts.rate * g / std::sqrt(acc + 1e-8);
  };

  std::vector<std::size_t> order(data.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(opts.seed);
  std::vector<double> emis, expT(L * L), alpha, beta, scale, node;
  std::vector<double> edge(L * L);
  std::vector<std::uint8_t> keep;  // after the pruning epoch: which (feature, label) weights may move
  auto centre_and_prune = [&](float threshold) {
    std::vector<float> sorted(L);
    keep.assign(F * L, 0);
    for (std::size_t f = 0; f < F; ++f) {
      // a constant added to every label of one feature changes no decision: centre each row on its
      // median so that most weights are near zero, then drop the small ones
      std::copy(w.begin() + static_cast<std::ptrdiff_t>(f * L), w.begin() + static_cast<std::ptrdiff_t>((f + 1) * L),
                sorted.begin());
      std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(L / 2), sorted.end());
      const float median = sorted[L / 2];
      for (std::size_t y = 0; y < L; ++y) {
        float& v = w[f * L + y];
        v -= median;
        if (std::fabs(v) < threshold) v = 0.0f;
        else keep[f * L + y] = 1;
      }
    }
  };
  const int total_epochs = opts.epochs + (opts.prune > 0.0f ? opts.retrain_epochs : 0);
  for (int epoch = 1; epoch <= total_epochs; ++epoch) {
    if (epoch == opts.epochs + 1) centre_and_prune(opts.prune);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    double nll = 0.0;
    std::size_t tokens = 0;
    for (std::size_t idx : order) {
      const auto& s = seqs[idx];
      const auto& gold = data[idx].gold;
      const std::size_t n = gold.size();
      if (n == 0) continue;
      tokens += n;
      // emission scores, exponentiated after subtracting the row maximum (the scaling absorbs it)
      emis.assign(n * L, 0.0);
      for (std::size_t t = 0; t < n; ++t) {
        for (std::uint32_t k = s.offsets[t]; k < s.offsets[t + 1]; ++k) {
          const float* row = w.data() + static_cast<std::size_t>(s.feats[k]) * L;
          for (std::size_t y = 0; y < L; ++y) emis[t * L + y] += row[y];
        }
        if (t == 0)
          for (std::size_t y = 0; y < L; ++y) emis[y] += ws[y];
      }
      double gold_score = 0.0;
      for (std::size_t t = 0; t < n; ++t) {
        gold_score += emis[t * L + static_cast<std::size_t>(gold[t])];
        if (t) gold_score += wt[static_cast<std::size_t>(gold[t - 1]) * L + static_cast<std::size_t>(gold[t])];
      }
      double log_shift = 0.0;
      for (std::size_t t = 0; t < n; ++t) {
        double mx = emis[t * L];
        for (std::size_t y = 1; y < L; ++y) mx = std::max(mx, emis[t * L + y]);
        for (std::size_t y = 0; y < L; ++y) emis[t * L + y] = std::exp(emis[t * L + y] - mx);
        log_shift += mx;
      }
      double tmax = wt[0];
      for (double x : wt) tmax = std::max(tmax, x);
      for (std::size_t k = 0; k < L * L; ++k) expT[k] = std::exp(wt[k] - tmax);
      log_shift += tmax * static_cast<double>(n - 1);
      // forward and backward, each step normalised
      alpha.assign(n * L, 0.0);
      beta.assign(n * L, 0.0);
      scale.assign(n, 0.0);
      for (std::size_t y = 0; y < L; ++y) alpha[y] = emis[y];
      for (std::size_t t = 0;; ++t) {
        double z = 0.0;
        for (std::size_t y = 0; y < L; ++y) z += alpha[t * L + y];
        scale[t] = z;
        for (std::size_t y = 0; y < L; ++y) alpha[t * L + y] /= z;
        if (t + 1 == n) break;
        for (std::size_t y = 0; y < L; ++y) {
          double a = 0.0;
          for (std::size_t p = 0; p < L; ++p) a += alpha[t * L + p] * expT[p * L + y];
          alpha[(t + 1) * L + y] = a * emis[(t + 1) * L + y];
        }
      }
      for (std::size_t y = 0; y < L; ++y) beta[(n - 1) * L + y] = 1.0;
      for (std::size_t t = n - 1; t-- > 0;) {
        for (std::size_t p = 0; p < L; ++p) {
          double b = 0.0;
          for (std::size_t y = 0; y < L; ++y) b += expT[p * L + y] * emis[(t + 1) * L + y] * beta[(t + 1) * L + y];
          beta[t * L + p] = b / scale[t + 1];
        }
      }
      double log_z = log_shift;
      for (std::size_t t = 0; t < n; ++t) log_z += std::log(scale[t]);
      nll += log_z - gold_score;
      // gradients: observed minus expected
      node.assign(n * L, 0.0);
      for (std::size_t t = 0; t < n; ++t)
        for (std::size_t y = 0; y < L; ++y) node[t * L + y] = alpha[t * L + y] * beta[t * L + y];
      std::fill(edge.begin(), edge.end(), 0.0);
      for (std::size_t t = 1; t < n; ++t)
        for (std::size_t p = 0; p < L; ++p) {
          const double a = alpha[(t - 1) * L + p] / scale[t];
          for (std::size_t y = 0; y < L; ++y)
            edge[p * L + y] += a * expT[p * L + y] * emis[t * L + y] * beta[t * L + y];
        }
      for (std::size_t t = 1; t < n; ++t)
        edge[static_cast<std::size_t>(gold[t - 1]) * L + static_cast<std::size_t>(gold[t])] -= 1.0;
      for (std::size_t k = 0; k < L * L; ++k) stepd(wt[k], gt2[k], -edge[k]);
      for (std::size_t y = 0; y < L; ++y)
        stepd(ws[y], gs2[y], (static_cast<int>(y) == gold[0] ? 1.0 : 0.0) - node[y]);
      for (std::size_t t = 0; t < n; ++t) {
        for (std::uint32_t k = s.offsets[t]; k < s.offsets[t + 1]; ++k) {
          const std::size_t base = static_cast<std::size_t>(s.feats[k]) * L;
          for (std::size_t y = 0; y < L; ++y) {
            const double g = (static_cast<int>(y) == gold[t] ? 1.0 : 0.0) - node[t * L + y];
            if (std::fabs(g) > 1e-4 && (keep.empty() || keep[base + y]))
              step(w[base + y], g2[base + y], g - opts.l2 * static_cast<double>(w[base + y]));
          }
        }
      }
    }
    if (progress) progress(epoch, tokens ? nll / static_cast<double>(tokens) : 0.0);
  }
  model m;
  m.labels = std::move(labels);
  m.start.resize(L);
  m.trans.resize(L * L);
  for (std::size_t y = 0; y < L; ++y) m.start[y] = static_cast<float>(ws[y]);
  for (std::size_t k = 0; k < L * L; ++k) m.trans[k] = static_cast<float>(wt[k]);
  if (keep.empty() && opts.prune > 0.0f) centre_and_prune(opts.prune);
  std::vector<float> row(L);
  for (std::size_t f = 0; f < F; ++f) {
    for (std::size_t y = 0; y < L; ++y) row[y] = keep.empty() || keep[f * L + y] ? w[f * L + y] : 0.0f;
    m.add(key_of[f], row.data());
  }
  return m;
}

}  // namespace bicite::parse::seq
