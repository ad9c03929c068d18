#include "domain/calibration/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "domain/errors.hpp"

namespace sharpline::domain::calibration {
namespace {

constexpr double kEps = 1e-15;

double clip(double p) {
  return std::clamp(p, kEps, 1.0 - kEps);
}
double logit(double p) {
  return std::log(clip(p) / (1.0 - clip(p)));
}
double sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

void check(std::span<const double> probabilities, std::span<const double> labels,
           std::size_t min_rows = 2) {
  if (probabilities.size() != labels.size()) {
    throw InvalidInput("calibration: " + std::to_string(probabilities.size()) +
                       " probabilities for " + std::to_string(labels.size()) + " labels");
  }
  if (probabilities.size() < min_rows) {
    throw InvalidInput("calibration: fewer than " + std::to_string(min_rows) + " rows");
  }
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    if (!(probabilities[i] >= 0.0 && probabilities[i] <= 1.0)) {
      throw InvalidInput("calibration: probability " + std::to_string(probabilities[i]) +
                         " at row " + std::to_string(i) + " is not in [0, 1]");
    }
    if (labels[i] != 0.0 && labels[i] != 1.0) {
      throw InvalidInput("calibration: label at row " + std::to_string(i) + " is not 0 or 1");
    }
  }
}

}  // namespace

double PlattCalibrator::apply(double p) const {
  return sigmoid(a * logit(p) + b);
}

PlattCalibrator fit_platt(std::span<const double> probabilities, std::span<const double> labels) {
  check(probabilities, labels);
  // Mean log loss of sigmoid(a logit(p) + b), with the same clipping as log_loss().
  const auto loss = [&](double a, double b) {
    double sum = 0.0;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
      const double q = clip(sigmoid(a * logit(probabilities[i]) + b));
      sum -= labels[i] * std::log(q) + (1.0 - labels[i]) * std::log(1.0 - q);
    }
    return sum / static_cast<double>(probabilities.size());
  };
  PlattCalibrator c;
  double current = loss(c.a, c.b);
  // Damped Newton on the mean log loss in (a, b): the Hessian is positive semi-definite, a small
  // ridge keeps it invertible when the data are separable, and the step is halved until the loss
  // does not rise, because a full Newton step from the identity can overshoot by orders of
  // magnitude on very overconfident probabilities (logits of +-30).
  for (int iteration = 0; iteration < 100; ++iteration) {
    double ga = 0;
    double gb = 0;
    double haa = 1e-9;
    double hab = 0;
    double hbb = 1e-9;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
      const double x = logit(probabilities[i]);
      const double q = sigmoid(c.a * x + c.b);
      const double r = q - labels[i];
      const double w = q * (1 - q);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const double det = haa * hbb - hab * hab;
    if (!(std::fabs(det) > 0)) break;
    const double da = (hbb * ga - hab * gb) / det;
    const double db = (haa * gb - hab * ga) / det;
    double step = 1.0;
    bool moved = false;
    for (int halving = 0; halving < 40; ++halving, step /= 2.0) {
      const double a = c.a - step * da;
      const double b = c.b - step * db;
      const double candidate = loss(a, b);
      if (std::isfinite(a) && std::isfinite(b) && candidate <= current) {
        c.a = a;
        c.b = b;
        current = candidate;
        moved = true;
        break;
      }
    }
    if (!moved) break;
    if (std::fabs(step * da) < 1e-12 && std::fabs(step * db) < 1e-12) break;
  }
  return c;
}

double IsotonicCalibrator::apply(double p) const {
  if (x.empty()) return p;
  if (p <= x.front()) return y.front();
  if (p >= x.back()) return y.back();
  const auto it = std::upper_bound(x.begin(), x.end(), p);
  const auto hi = static_cast<std::size_t>(it - x.begin());
  const std::size_t lo = hi - 1;
  const double t = (p - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

IsotonicCalibrator fit_isotonic(std::span<const double> probabilities,
                                std::span<const double> labels) {
  check(probabilities, labels);
  std::vector<std::size_t> order(probabilities.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    return probabilities[i] < probabilities[j];
  });
  struct Block {
    double sum_x = 0;
    double sum_y = 0;
    double n = 0;
  };
  std::vector<Block> blocks;
  for (const std::size_t i : order) {
    blocks.push_back({probabilities[i], labels[i], 1});
    // Pool adjacent violators: merge while the last block's mean is below its neighbour's.
    while (blocks.size() > 1) {
      const Block& last = blocks.back();
      const Block& prev = blocks[blocks.size() - 2];
      if (prev.sum_y / prev.n <= last.sum_y / last.n) break;
      Block merged{prev.sum_x + last.sum_x, prev.sum_y + last.sum_y, prev.n + last.n};
      blocks.pop_back();
      blocks.back() = merged;
    }
  }
  IsotonicCalibrator c;
  for (const auto& block : blocks) {
    const double centre = block.sum_x / block.n;
    const double mean = block.sum_y / block.n;
    if (!c.x.empty() && centre == c.x.back()) {  // equal centres: keep one knot
      c.y.back() = std::max(c.y.back(), mean);
      continue;
    }
    c.x.push_back(centre);
    c.y.push_back(mean);
  }
  return c;
}

std::vector<ReliabilityBin> reliability_bins(std::span<const double> probabilities,
                                             std::span<const double> labels, std::size_t bins) {
  check(probabilities, labels, 1);
  if (bins == 0) throw InvalidInput("calibration: zero bins");
  std::vector<ReliabilityBin> out(bins);
  for (std::size_t k = 0; k < bins; ++k) {
    out[k].low = static_cast<double>(k) / static_cast<double>(bins);
    out[k].high = static_cast<double>(k + 1) / static_cast<double>(bins);
  }
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const auto k =
        std::min(bins - 1, static_cast<std::size_t>(probabilities[i] * static_cast<double>(bins)));
    out[k].mean_predicted += probabilities[i];
    out[k].observed += labels[i];
    ++out[k].count;
  }
  for (auto& bin : out) {
    if (bin.count == 0) continue;
    bin.mean_predicted /= static_cast<double>(bin.count);
    bin.observed /= static_cast<double>(bin.count);
  }
  return out;
}

double expected_calibration_error(std::span<const ReliabilityBin> bins) {
  double n = 0;
  double error = 0;
  for (const auto& bin : bins) {
    n += static_cast<double>(bin.count);
    error += static_cast<double>(bin.count) * std::fabs(bin.observed - bin.mean_predicted);
  }
  return n > 0 ? error / n : 0.0;
}

double log_loss(std::span<const double> probabilities, std::span<const double> labels) {
  check(probabilities, labels, 1);
  double sum = 0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const double p = clip(probabilities[i]);
    sum += -(labels[i] * std::log(p) + (1 - labels[i]) * std::log(1 - p));
  }
  return sum / static_cast<double>(probabilities.size());
}

double brier_score(std::span<const double> probabilities, std::span<const double> labels) {
  check(probabilities, labels, 1);
  double sum = 0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    sum += (probabilities[i] - labels[i]) * (probabilities[i] - labels[i]);
  }
  return sum / static_cast<double>(probabilities.size());
}

}  // namespace sharpline::domain::calibration
