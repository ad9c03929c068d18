#include "domain/odds/kelly.hpp"

#include <cmath>
#include <string>

#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::domain::odds {
namespace {

// Listed probabilities may leave room for an unlisted outcome but may not exceed certainty.
constexpr double kSumTolerance = 1e-9;

double require_probabilities(std::span<const double> decimal_odds,
                             std::span<const double> probabilities) {
  require_market(decimal_odds, 1);
  if (probabilities.size() != decimal_odds.size()) {
    throw InvalidInput("got " + std::to_string(probabilities.size()) + " probabilities for " +
                       std::to_string(decimal_odds.size()) + " prices");
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    require_probability(probabilities[i], i);
    sum += probabilities[i];
  }
  if (sum > 1.0 + kSumTolerance) {
    throw_invalid("probabilities of mutually exclusive outcomes must sum to at most 1", sum);
  }
  return sum;
}

void require_options(const KellyOptions& options) {
  if (!(options.fraction > 0.0 && options.fraction <= 1.0)) {
    throw_invalid("Kelly fraction must be in (0, 1]", options.fraction);
  }
  if (!(options.cap > 0.0 && options.cap <= 1.0)) {
    throw_invalid("Kelly cap must be in (0, 1]", options.cap);
  }
}

}  // namespace

double kelly_fraction(double decimal_odds, double probability) {
  require_decimal_odds(decimal_odds);
  require_probability(probability);
  // f* = p - q / b with b = D - 1 (Kelly 1956).
  const double stake = probability - (1.0 - probability) / (decimal_odds - 1.0);
  return stake > 0.0 ? stake : 0.0;
}

KellySummary simultaneous_kelly(std::span<const double> decimal_odds,
                                std::span<const double> probabilities, const KellyOptions& options,
                                std::span<double> out_stakes) {
  require_probabilities(decimal_odds, probabilities);
  require_options(options);
  if (out_stakes.size() != decimal_odds.size()) {
    throw InvalidInput("output has " + std::to_string(out_stakes.size()) + " slots for " +
                       std::to_string(decimal_odds.size()) + " prices");
  }
  const std::size_t n = decimal_odds.size();
  // out_stakes marks the chosen set (1) while it is built. Picking the best remaining expected
  // revenue each round is the paper's sorted scan without a sort buffer; markets are small.
  for (double& stake : out_stakes) stake = 0.0;
  double reserve = 1.0;
  double chosen_probability = 0.0;
  double chosen_implied = 0.0;
  KellySummary summary;
  while (true) {
    std::size_t best = n;
    double best_revenue = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double revenue = probabilities[i] * decimal_odds[i];
      if (out_stakes[i] == 0.0 && (best == n || revenue > best_revenue)) {
        best = i;
        best_revenue = revenue;
      }
    }
    if (best == n || !(best_revenue > reserve)) break;
    out_stakes[best] = 1.0;
    ++summary.bets;
    chosen_probability += probabilities[best];
    chosen_implied += 1.0 / decimal_odds[best];
    // 1 - sum 1/D stays positive while sum p <= 1 (each inclusion needs p D > R); the guard
    // only absorbs rounding when the chosen set is the whole of an exactly fair book.
    const double room = 1.0 - chosen_implied;
    reserve = room > 0.0 ? std::fmax(0.0, (1.0 - chosen_probability) / room) : 0.0;
  }
  summary.reserve_rate = reserve;
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    // A single bet uses Kelly's p - q / b, the same stake without the rounding of R.
    const double stake = out_stakes[i] != 1.0 ? 0.0
                         : n == 1
                             ? probabilities[i] - (1.0 - probabilities[i]) / (decimal_odds[i] - 1.0)
                             : probabilities[i] - reserve / decimal_odds[i];
    out_stakes[i] = std::fmax(0.0, stake) * options.fraction;
    total += out_stakes[i];
  }
  if (total > options.cap) {
    const double scale = options.cap / total;
    for (double& stake : out_stakes) stake *= scale;
    total = options.cap;
  }
  summary.total = total;
  summary.growth = expected_log_growth(decimal_odds, probabilities, out_stakes);
  return summary;
}

KellyResult kelly(std::span<const double> decimal_odds, std::span<const double> probabilities,
                  const KellyOptions& options) {
  KellyResult result;
  result.stakes.resize(decimal_odds.size());
  const KellySummary summary =
      simultaneous_kelly(decimal_odds, probabilities, options, result.stakes);
  result.total = summary.total;
  result.growth = summary.growth;
  result.reserve_rate = summary.reserve_rate;
  return result;
}

double expected_log_growth(std::span<const double> decimal_odds,
                           std::span<const double> probabilities, std::span<const double> stakes) {
  const double listed = require_probabilities(decimal_odds, probabilities);
  if (stakes.size() != decimal_odds.size()) {
    throw InvalidInput("got " + std::to_string(stakes.size()) + " stakes for " +
                       std::to_string(decimal_odds.size()) + " prices");
  }
  double total = 0.0;
  for (std::size_t i = 0; i < stakes.size(); ++i) {
    if (!std::isfinite(stakes[i]) || stakes[i] < 0.0)
      throw_invalid("stake must be >= 0", stakes[i], i);
    total += stakes[i];
  }
  if (total > 1.0 + kSumTolerance) throw_invalid("stakes must sum to at most 1", total);
  const double kept = std::fmax(0.0, 1.0 - total);
  double growth = 0.0;
  for (std::size_t i = 0; i < stakes.size(); ++i) {
    if (probabilities[i] > 0.0) {
      growth += probabilities[i] * std::log(kept + stakes[i] * decimal_odds[i]);
    }
  }
  const double unlisted = 1.0 - listed;
  if (unlisted > kSumTolerance) growth += unlisted * std::log(kept);
  return growth;
}

}  // namespace sharpline::domain::odds
