// A binary:logistic XGBoost model for single-row inference.
//
// Thread-safety: an XgbModel may be shared between threads. Every call copies the row into the
// model's one preallocated input buffer (which the prebuilt array-interface JSON points at) and
// runs under a mutex, so concurrent calls serialize. A stage that predicts on several threads
// and wants them parallel loads one model per stage task instead.
#pragma once

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/ml/xgb_handles.hpp"

namespace sharpline::adapters::ml {

struct Contributions {
  std::vector<double> values;  // SHAP value per feature, model input order (margin units)
  double bias = 0.0;           // the expected margin (base value)
};

class XgbModel {
 public:
  // Loads an XGBoost model document (JSON, or UBJSON/binary as XGBoost accepts). `name` is used
  // in messages (usually the file name). Throws XgbError.
  XgbModel(std::string_view model_bytes, std::string name);
  static std::unique_ptr<XgbModel> load_file(const std::filesystem::path& path);

  XgbModel(const XgbModel&) = delete;
  XgbModel& operator=(const XgbModel&) = delete;

  const std::string& name() const { return name_; }
  std::size_t num_features() const { return num_features_; }

  // Probability of the positive class. `row` must hold num_features() values; NaN is missing.
  double predict(std::span<const float> row) const;
  // The raw margin (log-odds) of the same prediction.
  double margin(std::span<const float> row) const;
  // SHAP contributions (pred_contribs): values + bias == margin(row) up to float rounding.
  Contributions contributions(std::span<const float> row) const;
  // The same into `out` (num_features() + 1 slots, the bias last), without allocating.
  void contributions(std::span<const float> row, std::span<double> out) const;

 private:
  double predict_type(std::span<const float> row, const char* config) const;
  void fill_input(std::span<const float> row) const;

  std::string name_;
  Booster booster_;
  std::size_t num_features_ = 0;
  mutable std::mutex mutex_;
  mutable std::vector<float> input_;  // the one row buffer; input_interface_ points at it
  std::string input_interface_;       // __array_interface__ JSON of input_ (1 x n, <f4)
};

}  // namespace sharpline::adapters::ml
