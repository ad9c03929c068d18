// Training gradient-boosted tree classifiers through the XGBoost C API: binary:logistic for
// two-way markets, multi:softprob for markets of three or more outcomes (soccer 1X2). The
// rounds are early-stopped on a later validation window, and the served probabilities are
// calibrated on it. Output: <stem>.json (XGBoost's JSON model) and <stem>.meta.json
// (model_metadata.hpp) in one directory. The same rows, labels and parameters give
// byte-identical model and metadata files (one thread, fixed seed, no sampling), hence the same
// SHA-256 and version.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "adapters/ml/model_metadata.hpp"

namespace sharpline::adapters::ml {

enum class Objective { kBinary, kMulticlass };  // binary:logistic, multi:softprob
// kAuto picks none, Platt or isotonic by cross-fitting on the validation window
// (choose_calibration in calibration_model.hpp).
enum class CalibrationChoice { kAuto, kPlatt, kIsotonic, kNone };

// Row-major rows of feature_names.size() values; labels 0/1 (binary) or the class index
// 0..num_class-1 (multiclass). NaN is a missing value.
struct TrainingData {
  std::span<const float> rows;
  std::span<const float> labels;
};

struct TrainingParams {
  int max_depth = 3;
  double eta = 0.05;
  int rounds = 200;  // the most rounds; early stopping may keep fewer
  int seed = 20250901;
  int nthread = 1;  // >1 is faster but XGBoost then only promises near-identical models
  double min_child_weight = 1.0;
  double lambda = 1.0;
  // train_binary_classifier only: the last share of rows (rows must be in chronological order)
  // is held out: the model is trained on the rows before it and scored on it. 0 trains on
  // everything (no metrics).
  double holdout_fraction = 0.2;

  Objective objective = Objective::kBinary;
  int num_class = 2;  // multiclass only
  // train_classifier: stop when the validation log loss has not improved for this many rounds
  // and keep the best round; 0 = no early stopping (all `rounds`).
  int early_stopping_rounds = 30;
  CalibrationChoice calibration = CalibrationChoice::kAuto;  // train_classifier only
  // Class index -> role name, stored in the metadata (inference maps roles to outcomes).
  // Empty: binary {"away", "home"}, multiclass "class0", "class1", ...
  std::vector<std::string> classes;

  std::filesystem::path output_dir;
  std::string file_stem = "model";  // <stem>.json and <stem>.meta.json
  // name, role, sport, market and training range are copied from here; feature_names,
  // training_rows, metrics, model_file, model_sha256, params, objective, classes, calibration,
  // best_iteration and an empty version (first 12 hex digits of the SHA-256) are filled in.
  ModelMetadata metadata;
};

// Log loss (probabilities clipped to [1e-15, 1 - 1e-15]), Brier score and ROC AUC (ties count
// half; 0.5 when one class is absent).
HoldoutMetrics binary_metrics(std::span<const double> probabilities, std::span<const float> labels);

struct TrainingResult {
  ModelMetadata metadata;
  std::filesystem::path model_path;
  std::filesystem::path meta_path;
};

// Trains on `train` and validates on `validation` (rows chronologically after the training
// rows; may be empty: then no early stopping, no calibration and no metrics):
//   - early stopping: after each round the validation (multiclass) log loss is computed; the
//     booster is cut (XGBoosterSlice) to the best round, so the saved model is self-contained;
//   - calibration: `params.calibration`, fitted on the validation predictions of that model;
//   - metadata metrics: validation log loss, Brier (and AUC for binary) of the calibrated
//     probabilities in `metrics`, of the raw ones in `metrics_uncalibrated`.
// Throws std::invalid_argument for inconsistent sizes, bad labels or too few rows, XgbError or
// ModelFileError on failure.
TrainingResult train_classifier(const TrainingData& train, const TrainingData& validation,
                                const std::vector<std::string>& feature_names,
                                const TrainingParams& params);

// The original binary trainer, kept byte-for-byte: the last holdout_fraction of the rows is the
// validation window, all `rounds` are kept (early_stopping_rounds is ignored) and nothing is
// calibrated, so the holdout metrics stay an honest out-of-sample score. Labels are 0 or 1.
TrainingResult train_binary_classifier(std::span<const float> rows, std::span<const float> labels,
                                       const std::vector<std::string>& feature_names,
                                       const TrainingParams& params);

}  // namespace sharpline::adapters::ml
