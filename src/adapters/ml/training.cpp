#include "adapters/ml/training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "adapters/ml/sha256.hpp"
#include "adapters/ml/xgb_handles.hpp"
#include "domain/calibration/calibration.hpp"

namespace sharpline::adapters::ml {
namespace {

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

HoldoutMetrics binary_metrics(std::span<const double> probabilities,
                              std::span<const float> labels) {
  if (probabilities.size() != labels.size()) {
    throw std::invalid_argument("binary_metrics: " + std::to_string(probabilities.size()) +
                                " probabilities for " + std::to_string(labels.size()) + " labels");
  }
  HoldoutMetrics m;
  m.rows = labels.size();
  if (m.rows == 0) return m;
  const std::vector<double> outcomes(labels.begin(), labels.end());
  m.log_loss = domain::calibration::log_loss(probabilities, outcomes);
  m.brier = domain::calibration::brier_score(probabilities, outcomes);

  // AUC by the rank-sum (Mann-Whitney U) with average ranks for ties.
  std::vector<std::size_t> order(m.rows);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return probabilities[a] < probabilities[b]; });
  double positive_rank_sum = 0.0;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < m.rows;) {
    std::size_t j = i;
    while (j < m.rows && probabilities[order[j]] == probabilities[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) {
      if (labels[order[k]] > 0.5f) {
        positive_rank_sum += rank;
        ++positives;
      }
    }
    i = j;
  }
  const std::size_t negatives = m.rows - positives;
  if (positives == 0 || negatives == 0) {
    m.auc = 0.5;
  } else {
    const auto p = static_cast<double>(positives);
    m.auc = (positive_rank_sum - p * (p + 1.0) / 2.0) / (p * static_cast<double>(negatives));
  }
  return m;
}

TrainingResult train_binary_classifier(std::span<const float> rows, std::span<const float> labels,
                                       const std::vector<std::string>& feature_names,
                                       const TrainingParams& params) {
  const std::size_t cols = feature_names.size();
  const std::size_t n = labels.size();
  if (cols == 0) throw std::invalid_argument("training needs at least one feature");
  if (rows.size() != n * cols) {
    throw std::invalid_argument("training: " + std::to_string(rows.size()) + " values for " +
                                std::to_string(n) + " rows of " + std::to_string(cols) +
                                " features");
  }
  for (const float label : labels) {
    if (label != 0.0f && label != 1.0f) throw std::invalid_argument("labels must be 0 or 1");
  }
  if (!(params.holdout_fraction >= 0.0 && params.holdout_fraction < 1.0)) {
    throw std::invalid_argument("holdout_fraction must be in [0, 1)");
  }
  if (params.output_dir.empty()) throw std::invalid_argument("training needs an output_dir");
  const auto holdout =
      static_cast<std::size_t>(std::floor(static_cast<double>(n) * params.holdout_fraction));
  const std::size_t train_rows = n - holdout;
  if (train_rows < 2) throw std::invalid_argument("training needs at least 2 training rows");

  DMatrix train(rows.first(train_rows * cols), train_rows, cols, DMatrix::kMissing);
  train.set_labels(labels.first(train_rows));
  const DMatrixHandle cache[] = {train.get()};
  Booster booster(cache);
  const std::vector<std::pair<std::string, std::string>> settings = {
      {"objective", "binary:logistic"},
      {"eval_metric", "logloss"},
      {"booster", "gbtree"},
      {"tree_method", "exact"},
      {"max_depth", std::to_string(params.max_depth)},
      {"eta", number_text(params.eta)},
      {"min_child_weight", number_text(params.min_child_weight)},
      {"lambda", number_text(params.lambda)},
      {"subsample", "1"},
      {"colsample_bytree", "1"},
      {"base_score", "0.5"},
      {"seed", std::to_string(params.seed)},
      {"nthread", std::to_string(params.nthread)},
      {"verbosity", "0"},
  };
  for (const auto& [name, value] : settings) booster.set_param(name, value);
  for (int round = 0; round < params.rounds; ++round) booster.update_one_iter(round, train);

  const std::string model_json = booster.save_json();
  const std::string sha = sha256_hex(model_json);

  ModelMetadata meta = params.metadata;
  meta.feature_names = feature_names;
  meta.training_rows = train_rows;
  meta.model_file = params.file_stem + ".json";
  meta.model_sha256 = sha;
  if (meta.version.empty()) meta.version = sha.substr(0, 12);
  meta.params = nlohmann::json::object();
  for (const auto& [name, value] : settings) meta.params[name] = value;
  meta.params["rounds"] = params.rounds;
  meta.params["holdout_fraction"] = params.holdout_fraction;

  if (holdout > 0) {
    const XgbModel model(model_json, meta.model_file);
    std::vector<double> predicted(holdout);
    for (std::size_t i = 0; i < holdout; ++i) {
      predicted[i] = model.predict(rows.subspan((train_rows + i) * cols, cols));
    }
    meta.metrics = binary_metrics(predicted, labels.subspan(train_rows));
  }

  std::filesystem::create_directories(params.output_dir);
  TrainingResult result;
  result.model_path = params.output_dir / meta.model_file;
  result.meta_path = params.output_dir / (params.file_stem + std::string(kMetadataSuffix));
  // The model first: a metadata file never points at a model that is not there yet.
  write_file_atomically(result.model_path, model_json);
  write_metadata(result.meta_path, meta);
  result.metadata = std::move(meta);
  return result;
}

}  // namespace sharpline::adapters::ml
