#include "domain/calibration/calibration.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "domain/errors.hpp"

namespace sharpline::domain::calibration {
namespace {

// A model that is overconfident: it says p, the truth is sigmoid(0.5 * logit(p)).
struct Sample {
  std::vector<double> predicted;
  std::vector<double> labels;
};

Sample overconfident(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uniform(0.02, 0.98);
  Sample s;
  for (int i = 0; i < n; ++i) {
    const double p = uniform(rng);
    const double logit = std::log(p / (1 - p));
    const double truth = 1 / (1 + std::exp(-0.5 * logit));
    s.predicted.push_back(p);
    s.labels.push_back(uniform(rng) < truth ? 1.0 : 0.0);
  }
  return s;
}

TEST(Calibration, PlattStaysFiniteAndNoWorseOnOverconfidentProbabilities) {
  // Near-certain predictions, right 90% of the time: a full Newton step from the identity
  // overshoots by orders of magnitude; the damped fit must shrink the logits instead.
  std::vector<double> p;
  std::vector<double> y;
  for (int i = 0; i < 200; ++i) {
    const bool home = i % 2 == 0;
    p.push_back(home ? 1.0 - 1e-12 : 1e-12);
    const bool right = i % 20 >= 2;  // one home and one away miss in every 20
    y.push_back(home == right ? 1.0 : 0.0);
  }
  const auto platt = fit_platt(p, y);
  ASSERT_TRUE(std::isfinite(platt.a) && std::isfinite(platt.b));
  EXPECT_GT(platt.a, 0.0);
  EXPECT_LT(platt.a, 1.0);  // shrinks the overconfident logits
  std::vector<double> calibrated;
  for (const double q : p) calibrated.push_back(platt.apply(q));
  EXPECT_LT(log_loss(calibrated, y), log_loss(p, y));
  EXPECT_NEAR(platt.apply(1.0 - 1e-12), 0.9, 0.02);  // right 90% of the time
}

TEST(Calibration, PlattRecoversTheDistortion) {
  const auto train = overconfident(20000, 1);
  const auto platt = fit_platt(train.predicted, train.labels);
  EXPECT_NEAR(platt.a, 0.5, 0.05);
  EXPECT_NEAR(platt.b, 0.0, 0.05);
  // On fresh data the calibrated probabilities score better than the raw ones.
  const auto test = overconfident(20000, 2);
  std::vector<double> calibrated;
  for (const double p : test.predicted) calibrated.push_back(platt.apply(p));
  EXPECT_LT(log_loss(calibrated, test.labels), log_loss(test.predicted, test.labels) - 0.01);
  EXPECT_LT(expected_calibration_error(reliability_bins(calibrated, test.labels)),
            expected_calibration_error(reliability_bins(test.predicted, test.labels)) / 2);
}

TEST(Calibration, IsotonicIsMonotoneAndFitsTheBlocks) {
  // Labels against predictions: 0.1->0, 0.2->1, 0.3->0, 0.4->1, 0.5->1.
  const std::vector<double> p = {0.1, 0.2, 0.3, 0.4, 0.5};
  const std::vector<double> y = {0, 1, 0, 1, 1};
  const auto iso = fit_isotonic(p, y);
  // Pool adjacent violators merges (0.2, 0.3) into one block of mean 0.5, centre 0.25.
  ASSERT_EQ(iso.x.size(), 4U);
  EXPECT_NEAR(iso.x[1], 0.25, 1e-12);
  EXPECT_DOUBLE_EQ(iso.y[1], 0.5);
  EXPECT_DOUBLE_EQ(iso.apply(0.05), 0.0);
  EXPECT_DOUBLE_EQ(iso.apply(0.9), 1.0);
  EXPECT_NEAR(iso.apply(0.325), 0.75, 1e-12);  // halfway between knots 0.25 -> 0.5 and 0.4 -> 1
  double last = -1;
  for (double q = 0; q <= 1.0; q += 0.01) {
    EXPECT_GE(iso.apply(q), last);
    last = iso.apply(q);
  }
}

TEST(Calibration, ScoresAndBins) {
  const std::vector<double> p = {0.8, 0.3, 0.35};
  const std::vector<double> y = {1, 0, 1};
  EXPECT_NEAR(brier_score(p, y), (0.04 + 0.09 + 0.4225) / 3, 1e-12);
  EXPECT_NEAR(log_loss(p, y), -(std::log(0.8) + std::log(0.7) + std::log(0.35)) / 3, 1e-12);
  const auto bins = reliability_bins(p, y, 2);
  ASSERT_EQ(bins.size(), 2U);
  EXPECT_EQ(bins[0].count, 2U);
  EXPECT_NEAR(bins[0].mean_predicted, 0.325, 1e-12);
  EXPECT_DOUBLE_EQ(bins[0].observed, 0.5);
  EXPECT_EQ(bins[1].count, 1U);
  EXPECT_NEAR(expected_calibration_error(bins), (2 * 0.175 + 1 * 0.2) / 3, 1e-12);
}

TEST(Calibration, BadInputIsRefused) {
  const std::vector<double> p = {0.5, 1.5};
  const std::vector<double> y = {0, 1};
  EXPECT_THROW(fit_platt(p, y), InvalidInput);
  EXPECT_THROW(fit_isotonic(std::vector<double>{0.5}, std::vector<double>{1}), InvalidInput);
  EXPECT_THROW(log_loss(std::vector<double>{0.5, 0.5}, std::vector<double>{1}), InvalidInput);
  EXPECT_THROW(brier_score(std::vector<double>{0.5}, std::vector<double>{2}), InvalidInput);
}

}  // namespace
}  // namespace sharpline::domain::calibration
