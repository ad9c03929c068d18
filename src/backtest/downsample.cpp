#include "backtest/downsample.hpp"

#include <algorithm>

namespace sharpline::backtest {

std::vector<std::size_t> downsample_min_max(const std::vector<double>& values,
                                            std::size_t max_points) {
  const std::size_t n = values.size();
  std::vector<std::size_t> kept;
  if (n <= max_points) {
    for (std::size_t i = 0; i < n; ++i) kept.push_back(i);
    return kept;
  }
  if (max_points < 4) {
    // Too few to hold first, last and one bucket: keep the ends only.
    if (max_points >= 1) kept.push_back(0);
    if (max_points >= 2) kept.push_back(n - 1);
    return kept;
  }
  // Interior points [1, n-2] split into equal buckets; each contributes up to two indices.
  const std::size_t buckets = (max_points - 2) / 2;
  const std::size_t interior = n - 2;
  kept.reserve(max_points);
  kept.push_back(0);
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t begin = 1 + b * interior / buckets;
    const std::size_t end = 1 + (b + 1) * interior / buckets;
    if (begin >= end) continue;
    std::size_t lo = begin;
    std::size_t hi = begin;
    for (std::size_t i = begin; i < end; ++i) {
      // Strict comparisons: ties keep the earliest index, so the result never depends on anything
      // but the values.
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    kept.push_back(std::min(lo, hi));
    if (lo != hi) kept.push_back(std::max(lo, hi));
  }
  kept.push_back(n - 1);
  return kept;
}

}  // namespace sharpline::backtest
