// The calibration step between a classifier's raw class probabilities and the probabilities it
// serves: none, Platt scaling or isotonic regression (domain/calibration), fitted on the
// validation window after the training rows. A binary model calibrates its positive class (index
// 1) and serves {1 - p', p'}; a multiclass model calibrates every class one-vs-rest and
// renormalises the results to sum 1. Stored in the model metadata (docs/models.md).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calibration/calibration.hpp"

namespace sharpline::adapters::ml {

enum class CalibrationMethod { kNone, kPlatt, kIsotonic };

std::string_view calibration_method_name(CalibrationMethod method);  // none, platt, isotonic
std::optional<CalibrationMethod> parse_calibration_method(std::string_view text);

struct Calibration {
  CalibrationMethod method = CalibrationMethod::kNone;
  // One calibrator per calibrated class: binary 1 (the positive class), multiclass num_class.
  // Only the vector of `method` is filled.
  std::vector<domain::calibration::PlattCalibrator> platt;
  std::vector<domain::calibration::IsotonicCalibrator> isotonic;
  // kAuto's cross-fitted validation log loss per candidate method (informational; empty when
  // the method was chosen by hand).
  std::vector<std::pair<std::string, double>> selection_log_loss;

  // Maps raw class probabilities (num_class values, summing to 1) to calibrated ones in place.
  // No allocation.
  void apply(std::span<double> probabilities) const;
  bool calibrated() const { return method != CalibrationMethod::kNone; }
  // Calibrators this method needs for `num_classes` classes (0 for none).
  static std::size_t calibrators_for(CalibrationMethod method, std::size_t num_classes);

  friend bool operator==(const Calibration& a, const Calibration& b);
};

// Fits `method` on row-major class probabilities (rows x num_classes) and class labels.
// Binary (num_classes 2) fits the positive class only. Throws std::invalid_argument.
Calibration fit_calibration(CalibrationMethod method, std::span<const double> probabilities,
                            std::span<const float> labels, std::size_t num_classes);

// Chooses none, Platt or isotonic by 2-fold cross-fitting in time order: fit on the first half
// of the rows and score log loss on the second, then the other way round, and sum the two
// (total, not mean, log loss). The smallest sum wins; ties go to the simpler method (none, then
// Platt). The winner is then fitted on all rows. Fewer than 4 rows: none.
Calibration choose_calibration(std::span<const double> probabilities, std::span<const float> labels,
                               std::size_t num_classes);

// Mean log loss (probability of the true class clipped to [1e-15, 1]) and Brier score of
// row-major class probabilities. Binary (num_classes 2) Brier is the usual one on the positive
// class; multiclass Brier sums the squared error over the classes.
double class_log_loss(std::span<const double> probabilities, std::span<const float> labels,
                      std::size_t num_classes);
double class_brier(std::span<const double> probabilities, std::span<const float> labels,
                   std::size_t num_classes);

nlohmann::json calibration_to_json(const Calibration& calibration);
// Throws std::invalid_argument for an unknown method or malformed parameters.
Calibration calibration_from_json(const nlohmann::json& json);

}  // namespace sharpline::adapters::ml
