// Training a binary classifier (binary:logistic gradient-boosted trees) through the XGBoost C
// API, with a chronological holdout. Output: <stem>.json (XGBoost's JSON model) and
// <stem>.meta.json (model_metadata.hpp) in one directory. The same rows, labels and parameters
// give byte-identical model files (one thread, fixed seed, no sampling), hence the same SHA-256
// and version.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "adapters/ml/model_metadata.hpp"

namespace sharpline::adapters::ml {

struct TrainingParams {
  int max_depth = 3;
  double eta = 0.05;
  int rounds = 200;
  int seed = 20250901;
  int nthread = 1;  // >1 is faster but XGBoost then only promises near-identical models
  double min_child_weight = 1.0;
  double lambda = 1.0;
  // The last share of rows (rows must be in chronological order) is held out: the model is
  // trained on the rows before it and scored on it. 0 trains on everything (no metrics).
  double holdout_fraction = 0.2;

  std::filesystem::path output_dir;
  std::string file_stem = "model";  // <stem>.json and <stem>.meta.json
  // name, role, sport, market and training range are copied from here; feature_names,
  // training_rows, metrics, model_file, model_sha256, params and an empty version (first 12 hex
  // digits of the SHA-256) are filled in.
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

// `rows` is row-major, labels.size() rows of feature_names.size() values; labels are 0 or 1.
// Throws std::invalid_argument for inconsistent sizes or too few rows, XgbError or
// ModelFileError on failure.
TrainingResult train_binary_classifier(std::span<const float> rows, std::span<const float> labels,
                                       const std::vector<std::string>& feature_names,
                                       const TrainingParams& params);

}  // namespace sharpline::adapters::ml
