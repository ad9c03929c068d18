// A binary:logistic or multi:softprob XGBoost model for single-row inference.
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
  // 2 for a binary model, num_class for multi:softprob (read from the model's output shape).
  std::size_t num_classes() const { return multiclass_ ? num_outputs_ : 2; }
  bool multiclass() const { return multiclass_; }

  // Binary models only (XgbError otherwise): probability of the positive class. `row` must
  // hold num_features() values; NaN is missing.
  double predict(std::span<const float> row) const;
  // The raw margin (log-odds) of the same prediction. Binary only.
  double margin(std::span<const float> row) const;
  // Raw class probabilities into `out` (num_classes() slots, no allocation): binary {1 - p, p},
  // multiclass the softmax over the classes (renormalised in double to sum 1).
  void class_probabilities(std::span<const float> row, std::span<double> out) const;
  std::vector<double> class_probabilities(std::span<const float> row) const;
  // SHAP contributions (pred_contribs): values + bias == margin(row) up to float rounding.
  // Binary only.
  Contributions contributions(std::span<const float> row) const;
  // The same into `out` (num_features() + 1 slots, the bias last), without allocating.
  void contributions(std::span<const float> row, std::span<double> out) const;
  // Contribution groups: 1 for a binary model (the positive class's margin), num_classes() for
  // a multiclass one (each class's margin, before the softmax).
  std::size_t contribution_groups() const { return multiclass_ ? num_outputs_ : 1; }
  // All groups into `out`: contribution_groups() x (num_features() + 1), row-major, each
  // group's bias last.
  void class_contributions(std::span<const float> row, std::span<double> out) const;
  std::vector<Contributions> class_contributions(std::span<const float> row) const;

 private:
  double predict_type(std::span<const float> row, const char* config) const;
  void fill_input(std::span<const float> row) const;
  void require_binary(const char* what) const;

  std::string name_;
  Booster booster_;
  std::size_t num_features_ = 0;
  std::size_t num_outputs_ = 1;  // values per row of a type-0 prediction
  bool multiclass_ = false;
  mutable std::mutex mutex_;
  mutable std::vector<float> input_;  // the one row buffer; input_interface_ points at it
  std::string input_interface_;       // __array_interface__ JSON of input_ (1 x n, <f4)
};

}  // namespace sharpline::adapters::ml
