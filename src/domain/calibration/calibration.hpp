// Probability calibration and its measurement, for model training and backtests: a model's raw
// probabilities are mapped through a calibrator fitted on a later validation window.
//
//   Platt scaling      p' = 1 / (1 + exp(-(a * logit(p) + b))), a and b by maximum likelihood
//                      (Newton's method on the log loss; Platt 1999, in the logit form)
//   isotonic           the non-decreasing step function minimizing squared error (pool adjacent
//                      violators, Barlow et al. 1972), linear between block centres
//   reliability bins   equal-width bins of predicted probability with mean predicted, observed
//                      frequency and count; expected calibration error (ECE) = sum over bins of
//                      count / n * |observed - predicted|
//
// Pure functions: the same inputs give the same calibrator, bit for bit.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace sharpline::domain::calibration {

struct PlattCalibrator {
  double a = 1.0;  // slope on logit(p)
  double b = 0.0;  // intercept
  double apply(double p) const;
};

// Labels are 0 or 1. Throws domain::InvalidInput for mismatched sizes, fewer than 2 rows, or a
// probability outside [0, 1].
PlattCalibrator fit_platt(std::span<const double> probabilities, std::span<const double> labels);

struct IsotonicCalibrator {
  std::vector<double> x;  // block centres (mean predicted probability), increasing
  std::vector<double> y;  // block means of the labels, non-decreasing
  double apply(double p) const;
};

IsotonicCalibrator fit_isotonic(std::span<const double> probabilities,
                                std::span<const double> labels);

struct ReliabilityBin {
  double low = 0.0;
  double high = 0.0;
  double mean_predicted = 0.0;
  double observed = 0.0;
  std::size_t count = 0;
};

std::vector<ReliabilityBin> reliability_bins(std::span<const double> probabilities,
                                             std::span<const double> labels, std::size_t bins = 10);

double expected_calibration_error(std::span<const ReliabilityBin> bins);

// Mean log loss (probabilities clipped to [1e-15, 1 - 1e-15]) and Brier score of binary labels
// (at least one row).
double log_loss(std::span<const double> probabilities, std::span<const double> labels);
double brier_score(std::span<const double> probabilities, std::span<const double> labels);

}  // namespace sharpline::domain::calibration
