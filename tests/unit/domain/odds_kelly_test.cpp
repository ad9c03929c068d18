#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "domain/errors.hpp"
#include "domain/odds/kelly.hpp"

namespace sharpline::domain::odds {
namespace {

// d G / d f_k of G = sum_i p_i ln(W_i) + p_0 ln(1 - F), W_i = 1 - F + f_i D_i, p_0 the unlisted
// mass. The log-optimal stakes satisfy the KKT conditions: gradient 0 where f_k > 0, <= 0 where
// f_k = 0 (with room left, F < 1). Derived here independently of the implementation.
std::vector<double> growth_gradient(const std::vector<double>& odds,
                                    const std::vector<double>& probs,
                                    const std::vector<double>& stakes) {
  const double total = std::accumulate(stakes.begin(), stakes.end(), 0.0);
  const double unlisted = 1.0 - std::accumulate(probs.begin(), probs.end(), 0.0);
  double common = unlisted > 1e-12 ? unlisted / (1.0 - total) : 0.0;
  for (std::size_t i = 0; i < odds.size(); ++i) {
    common += probs[i] / (1.0 - total + stakes[i] * odds[i]);
  }
  std::vector<double> gradient;
  for (std::size_t k = 0; k < odds.size(); ++k) {
    gradient.push_back(probs[k] * odds[k] / (1.0 - total + stakes[k] * odds[k]) - common);
  }
  return gradient;
}

void expect_kkt(const std::vector<double>& odds, const std::vector<double>& probs,
                const std::vector<double>& stakes) {
  const std::vector<double> gradient = growth_gradient(odds, probs, stakes);
  for (std::size_t k = 0; k < odds.size(); ++k) {
    if (stakes[k] > 0.0) {
      EXPECT_NEAR(gradient[k], 0.0, 1e-12) << "outcome " << k;
    } else {
      EXPECT_LE(gradient[k], 1e-12) << "outcome " << k;
    }
  }
}

// Kelly (1956); Wikipedia "Kelly criterion": a 60% chance at even money (b = 1) calls for
// f* = p - q / b = 0.2 of the bankroll. Growth 0.6 ln 1.2 + 0.4 ln 0.8.
TEST(OddsKelly, SingleBetTextbookExample) {
  EXPECT_DOUBLE_EQ(kelly_fraction(2.0, 0.6), 0.2);
  const KellyResult r = kelly(std::vector{2.0}, std::vector{0.6});
  EXPECT_NEAR(r.stakes[0], 0.2, 1e-15);
  EXPECT_NEAR(r.total, 0.2, 1e-15);
  EXPECT_NEAR(r.growth, 0.020135513550688863, 1e-15);
}

// penaltyblog test/test_kelly_criterion.py: odds 3.5, probability 0.3 -> stake 0.02 (0.01 at
// half Kelly); odds 1.8 at 0.4 -> no bet.
TEST(OddsKelly, SingleBetMatchesPenaltyblogTests) {
  EXPECT_NEAR(kelly_fraction(3.5, 0.3), 0.02, 1e-15);
  EXPECT_NEAR(kelly(std::vector{3.5}, std::vector{0.3}, {.fraction = 0.5}).stakes[0], 0.01, 1e-15);
  EXPECT_EQ(kelly_fraction(1.8, 0.4), 0.0);
  const KellyResult none = kelly(std::vector{1.8}, std::vector{0.4});
  EXPECT_EQ(none.stakes[0], 0.0);
  EXPECT_EQ(none.growth, 0.0);
}

TEST(OddsKelly, FractionAndCapScaleTheStakes) {
  const KellyResult half = kelly(std::vector{2.0}, std::vector{0.6}, {.fraction = 0.5});
  EXPECT_NEAR(half.stakes[0], 0.1, 1e-15);
  EXPECT_NEAR(half.growth, 0.6 * std::log(1.1) + 0.4 * std::log(0.9), 1e-15);
  const KellyResult capped = kelly(std::vector{2.0}, std::vector{0.6}, {.cap = 0.05});
  EXPECT_NEAR(capped.stakes[0], 0.05, 1e-15);
  EXPECT_NEAR(capped.total, 0.05, 1e-15);
}

// Smoczynski & Tomkins (2010), worked by hand. Prices 2.4, 3.1, 3.3 (booksum 1.042),
// probabilities 0.45, 0.33, 0.22; expected revenues 1.08, 1.023, 0.726.
//   add outcome 0: 1.08 > R = 1        -> R = 0.55 / (1 - 5/12)            = 0.942857
//   add outcome 1: 1.023 > 0.942857    -> R = 0.22 / (1 - 5/12 - 10/31)     = 0.22 * 372 / 97
//   stop:          0.726 < 0.843711
// f_0 = 0.45 - R / 2.4, f_1 = 0.33 - R / 3.1, f_2 = 0.
TEST(OddsKelly, SimultaneousHandWorkedExample) {
  const std::vector odds{2.4, 3.1, 3.3};
  const std::vector probs{0.45, 0.33, 0.22};
  const KellyResult r = kelly(odds, probs);
  const double reserve = 0.22 * 372.0 / 97.0;
  EXPECT_NEAR(r.reserve_rate, reserve, 1e-15);
  EXPECT_NEAR(r.stakes[0], 0.45 - reserve / 2.4, 1e-15);
  EXPECT_NEAR(r.stakes[1], 0.33 - reserve / 3.1, 1e-15);
  EXPECT_EQ(r.stakes[2], 0.0);
  EXPECT_NEAR(r.total, r.stakes[0] + r.stakes[1], 1e-15);
  expect_kkt(odds, probs, r.stakes);
  const double kept = 1.0 - r.total;
  EXPECT_NEAR(r.growth,
              0.45 * std::log(kept + r.stakes[0] * 2.4) +
                  0.33 * std::log(kept + r.stakes[1] * 3.1) + 0.22 * std::log(kept),
              1e-15);
}

TEST(OddsKelly, SimultaneousReducesToSingleWhenOneOutcomeQualifies) {
  const KellyResult r = kelly(std::vector{2.4, 3.1, 3.3}, std::vector{0.45, 0.25, 0.20});
  EXPECT_NEAR(r.stakes[0], kelly_fraction(2.4, 0.45), 1e-15);
  EXPECT_EQ(r.stakes[1], 0.0);
  EXPECT_EQ(r.stakes[2], 0.0);
}

// Kelly (1956), Cover & Thomas (2006, thm 6.1.2): with fair odds (sum 1/D = 1) the optimal
// doubling rate is sum p_i ln(p_i D_i), reached by betting one's beliefs.
TEST(OddsKelly, FairOddsGrowthIsTheRelativeEntropy) {
  const std::vector odds{2.0, 4.0, 4.0};
  const std::vector probs{0.6, 0.2, 0.2};
  const KellyResult r = kelly(odds, probs);
  EXPECT_NEAR(r.growth, 0.6 * std::log(1.2) + 0.4 * std::log(0.8), 1e-15);
  expect_kkt(odds, probs, r.stakes);
}

// Under-round best prices: everything is staked in proportion to the probabilities.
TEST(OddsKelly, ArbitrageStakesTheWholeBankroll) {
  const KellyResult r = kelly(std::vector{2.1, 2.15}, std::vector{0.5, 0.5});
  EXPECT_NEAR(r.stakes[0], 0.5, 1e-15);
  EXPECT_NEAR(r.stakes[1], 0.5, 1e-15);
  EXPECT_NEAR(r.total, 1.0, 1e-15);
  EXPECT_NEAR(r.reserve_rate, 0.0, 1e-15);
  EXPECT_NEAR(r.growth, 0.5 * std::log(1.05) + 0.5 * std::log(1.075), 1e-15);
}

TEST(OddsKelly, NoEdgeNoBet) {
  const KellyResult r = kelly(std::vector{1.9, 1.9}, std::vector{0.5, 0.5});
  EXPECT_EQ(r.total, 0.0);
  EXPECT_EQ(r.growth, 0.0);
}

TEST(OddsKelly, RandomMarketsSatisfyKktAndBeatPerturbations) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 2 + trial % 6;
    std::vector<double> probs(n);
    for (double& p : probs) p = unit(rng) + 0.05;
    const double scale = (0.8 + 0.2 * unit(rng)) / std::accumulate(probs.begin(), probs.end(), 0.0);
    for (double& p : probs) p *= scale;  // sums to 0.8..1: room for an unlisted outcome
    std::vector<double> odds(n);
    for (std::size_t i = 0; i < n; ++i) odds[i] = 1.0 / (probs[i] * (0.85 + 0.3 * unit(rng)));
    for (double& d : odds) d = std::fmax(d, 1.01);
    const KellyResult r = kelly(odds, probs);
    expect_kkt(odds, probs, r.stakes);
    for (int k = 0; k < 10; ++k) {
      std::vector<double> other = r.stakes;
      for (double& f : other) f = std::fmax(0.0, f + 0.01 * (unit(rng) - 0.5));
      if (std::accumulate(other.begin(), other.end(), 0.0) >= 1.0) continue;
      EXPECT_LE(expected_log_growth(odds, probs, other), r.growth + 1e-12);
    }
  }
}

TEST(OddsKelly, SpanOverloadDoesTheSame) {
  const std::array odds{2.4, 3.1, 3.3};
  const std::array probs{0.45, 0.33, 0.22};
  std::array<double, 3> stakes{};
  const KellySummary summary = simultaneous_kelly(odds, probs, {}, stakes);
  const KellyResult result = kelly(odds, probs);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(stakes[i], result.stakes[i]);
  EXPECT_EQ(summary.bets, 2u);
  EXPECT_EQ(summary.growth, result.growth);
}

TEST(OddsKelly, GrowthIsMinusInfinityWhenAnOutcomeRuins) {
  EXPECT_TRUE(
      std::isinf(expected_log_growth(std::vector{2.0}, std::vector{0.6}, std::vector{1.0})));
}

TEST(OddsKelly, RejectsDegenerateInput) {
  const std::vector odds{2.0, 3.0};
  EXPECT_THROW(kelly(odds, std::vector{0.5}), InvalidInput);
  EXPECT_THROW(kelly(odds, std::vector{0.6, 0.5}), InvalidInput);  // sum > 1
  EXPECT_THROW(kelly(odds, std::vector{-0.1, 0.5}), InvalidInput);
  EXPECT_THROW(kelly(odds, std::vector{std::nan(""), 0.5}), InvalidInput);
  EXPECT_THROW(kelly(std::vector{1.0, 3.0}, std::vector{0.5, 0.3}), InvalidInput);
  EXPECT_THROW(kelly(std::vector<double>{}, std::vector<double>{}), InvalidInput);
  EXPECT_THROW(kelly(odds, std::vector{0.5, 0.3}, {.fraction = 0.0}), InvalidInput);
  EXPECT_THROW(kelly(odds, std::vector{0.5, 0.3}, {.fraction = 1.5}), InvalidInput);
  EXPECT_THROW(kelly(odds, std::vector{0.5, 0.3}, {.cap = 0.0}), InvalidInput);
  try {
    kelly(odds, std::vector{0.7, 0.5});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(),
                 "probabilities of mutually exclusive outcomes must sum to at most 1, got 1.2");
  }
}

}  // namespace
}  // namespace sharpline::domain::odds
