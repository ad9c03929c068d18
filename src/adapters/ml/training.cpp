#include "adapters/ml/training.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "adapters/ml/calibration_model.hpp"
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

// Type-0 prediction of a whole DMatrix. A matrix in the booster's cache is predicted
// incrementally (XGBoost keeps its prediction cache), so calling this once per round is cheap.
constexpr const char* kMatrixValueConfig =
    R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
    R"("strict_shape": false})";

// Raw model outputs (binary: p per row; multiclass: num_class per row) as class probabilities.
void class_probabilities_of(const float* out, std::size_t rows, std::size_t num_classes,
                            std::vector<double>& probabilities) {
  probabilities.resize(rows * num_classes);
  if (num_classes == 2) {
    for (std::size_t i = 0; i < rows; ++i) {
      probabilities[2 * i] = 1.0 - static_cast<double>(out[i]);
      probabilities[2 * i + 1] = static_cast<double>(out[i]);
    }
    return;
  }
  for (std::size_t i = 0; i < rows * num_classes; ++i) {
    probabilities[i] = static_cast<double>(out[i]);
  }
}

void check_data(const TrainingData& data, std::size_t cols, std::size_t num_classes,
                const char* what) {
  const std::size_t n = data.labels.size();
  if (data.rows.size() != n * cols) {
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(data.rows.size()) +
                                " values for " + std::to_string(n) + " rows of " +
                                std::to_string(cols) + " features");
  }
  for (const float label : data.labels) {
    if (!(label >= 0.0f && label < static_cast<float>(num_classes)) || label != std::floor(label)) {
      throw std::invalid_argument(num_classes == 2 ? "labels must be 0 or 1"
                                                   : "labels must be class indices 0.." +
                                                         std::to_string(num_classes - 1));
    }
  }
}

HoldoutMetrics metrics_of(std::span<const double> probabilities, std::span<const float> labels,
                          std::size_t num_classes) {
  if (num_classes == 2) {
    std::vector<double> positive(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) positive[i] = probabilities[2 * i + 1];
    return binary_metrics(positive, labels);
  }
  HoldoutMetrics m;
  m.rows = labels.size();
  m.log_loss = class_log_loss(probabilities, labels, num_classes);
  m.brier = class_brier(probabilities, labels, num_classes);
  return m;  // auc stays 0: not defined for more than two classes
}

Calibration fit_chosen(CalibrationChoice choice, std::span<const double> probabilities,
                       std::span<const float> labels, std::size_t num_classes) {
  switch (choice) {
    case CalibrationChoice::kAuto:
      return choose_calibration(probabilities, labels, num_classes);
    case CalibrationChoice::kPlatt:
      return fit_calibration(CalibrationMethod::kPlatt, probabilities, labels, num_classes);
    case CalibrationChoice::kIsotonic:
      return fit_calibration(CalibrationMethod::kIsotonic, probabilities, labels, num_classes);
    case CalibrationChoice::kNone:
      break;
  }
  return {};
}

std::string_view choice_name(CalibrationChoice choice) {
  switch (choice) {
    case CalibrationChoice::kAuto:
      return "auto";
    case CalibrationChoice::kPlatt:
      return "platt";
    case CalibrationChoice::kIsotonic:
      return "isotonic";
    case CalibrationChoice::kNone:
      break;
  }
  return "none";
}

// The booster cut to its first `rounds` rounds, as XGBoost JSON.
std::string sliced_json(const Booster& booster, int rounds) {
  BoosterHandle raw = nullptr;
  xgb_check(XGBoosterSlice(booster.get(), 0, rounds, 1, &raw), "XGBoosterSlice");
  const std::unique_ptr<void, int (*)(BoosterHandle)> sliced(raw, &XGBoosterFree);
  bst_ulong length = 0;
  const char* data = nullptr;
  xgb_check(XGBoosterSaveModelToBuffer(sliced.get(), R"({"format": "json"})", &length, &data),
            "XGBoosterSaveModelToBuffer(sliced)");
  return {data, length};
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

namespace {

// train_classifier, with `extra_params` merged into the metadata's params.
TrainingResult train_impl(const TrainingData& train, const TrainingData& validation,
                          const std::vector<std::string>& feature_names,
                          const TrainingParams& params, const nlohmann::json& extra_params) {
  const std::size_t cols = feature_names.size();
  if (cols == 0) throw std::invalid_argument("training needs at least one feature");
  const bool multiclass = params.objective == Objective::kMulticlass;
  if (multiclass && params.num_class < 2) {
    throw std::invalid_argument("multiclass training needs num_class >= 2");
  }
  const std::size_t num_classes = multiclass ? static_cast<std::size_t>(params.num_class) : 2;
  std::vector<std::string> classes = params.classes;
  if (classes.empty()) {
    if (multiclass) {
      for (std::size_t k = 0; k < num_classes; ++k) classes.push_back("class" + std::to_string(k));
    } else {
      classes = {"away", "home"};
    }
  }
  if (classes.size() != num_classes) {
    throw std::invalid_argument("training: " + std::to_string(classes.size()) +
                                " class names for " + std::to_string(num_classes) + " classes");
  }
  check_data(train, cols, num_classes, "training");
  check_data(validation, cols, num_classes, "validation");
  if (params.rounds < 1) throw std::invalid_argument("training needs at least 1 round");
  if (params.early_stopping_rounds < 0) {
    throw std::invalid_argument("early_stopping_rounds must be >= 0");
  }
  if (params.output_dir.empty()) throw std::invalid_argument("training needs an output_dir");
  const std::size_t train_rows = train.labels.size();
  const std::size_t valid_rows = validation.labels.size();
  if (train_rows < 2) throw std::invalid_argument("training needs at least 2 training rows");
  if (params.calibration != CalibrationChoice::kAuto &&
      params.calibration != CalibrationChoice::kNone && valid_rows < 2) {
    throw std::invalid_argument("calibration needs at least 2 validation rows");
  }

  DMatrix train_matrix(train.rows, train_rows, cols, DMatrix::kMissing);
  train_matrix.set_labels(train.labels);
  std::optional<DMatrix> valid_matrix;
  std::vector<DMatrixHandle> cache = {train_matrix.get()};
  if (valid_rows > 0) {
    valid_matrix.emplace(validation.rows, valid_rows, cols, DMatrix::kMissing);
    cache.push_back(valid_matrix->get());
  }
  Booster booster(cache);
  std::vector<std::pair<std::string, std::string>> settings = {
      {"objective", std::string(multiclass ? kMulticlassObjective : kBinaryObjective)},
      {"eval_metric", multiclass ? "mlogloss" : "logloss"},
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
  if (multiclass) settings.emplace_back("num_class", std::to_string(num_classes));
  for (const auto& [name, value] : settings) booster.set_param(name, value);

  // Early stopping: the validation log loss after every round; a round must improve strictly
  // on the best so far to become the best, so ties keep the smaller model.
  const bool early_stopping = valid_matrix && params.early_stopping_rounds > 0;
  int best_iteration = params.rounds - 1;
  double best_loss = 0.0;
  std::vector<double> probabilities;
  for (int round = 0; round < params.rounds; ++round) {
    booster.update_one_iter(round, train_matrix);
    if (!early_stopping) continue;
    const bst_ulong* shape = nullptr;
    bst_ulong dims = 0;
    const float* out = nullptr;
    xgb_check(XGBoosterPredictFromDMatrix(booster.get(), valid_matrix->get(), kMatrixValueConfig,
                                          &shape, &dims, &out),
              "XGBoosterPredictFromDMatrix(validation)");
    class_probabilities_of(out, valid_rows, num_classes, probabilities);
    const double loss = class_log_loss(probabilities, validation.labels, num_classes);
    if (round == 0 || loss < best_loss) {
      best_loss = loss;
      best_iteration = round;
    } else if (round - best_iteration >= params.early_stopping_rounds) {
      break;
    }
  }
  const int kept_rounds = best_iteration + 1;
  const std::string model_json = kept_rounds < booster.boosted_rounds()
                                     ? sliced_json(booster, kept_rounds)
                                     : booster.save_json();
  const std::string sha = sha256_hex(model_json);

  ModelMetadata meta = params.metadata;
  meta.feature_names = feature_names;
  meta.training_rows = train_rows;
  meta.model_file = params.file_stem + ".json";
  meta.model_sha256 = sha;
  if (meta.version.empty()) meta.version = sha.substr(0, 12);
  meta.objective = std::string(multiclass ? kMulticlassObjective : kBinaryObjective);
  meta.classes = classes;
  meta.best_iteration = best_iteration;
  meta.params = nlohmann::json::object();
  for (const auto& [name, value] : settings) meta.params[name] = value;
  meta.params["rounds"] = params.rounds;
  meta.params["early_stopping_rounds"] = params.early_stopping_rounds;
  meta.params["calibration"] = std::string(choice_name(params.calibration));
  meta.params.update(extra_params);

  if (valid_rows > 0) {
    // Scored through the saved model itself, as inference will see it.
    const XgbModel model(model_json, meta.model_file);
    std::vector<double> raw(valid_rows * num_classes);
    for (std::size_t i = 0; i < valid_rows; ++i) {
      model.class_probabilities(validation.rows.subspan(i * cols, cols),
                                std::span<double>(raw).subspan(i * num_classes, num_classes));
    }
    meta.metrics_uncalibrated = metrics_of(raw, validation.labels, num_classes);
    meta.calibration = fit_chosen(params.calibration, raw, validation.labels, num_classes);
    std::vector<double> calibrated = raw;
    for (std::size_t i = 0; i < valid_rows; ++i) {
      meta.calibration.apply(std::span<double>(calibrated).subspan(i * num_classes, num_classes));
    }
    meta.metrics = metrics_of(calibrated, validation.labels, num_classes);
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

}  // namespace

TrainingResult train_classifier(const TrainingData& train, const TrainingData& validation,
                                const std::vector<std::string>& feature_names,
                                const TrainingParams& params) {
  return train_impl(train, validation, feature_names, params, nlohmann::json::object());
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
  if (!(params.holdout_fraction >= 0.0 && params.holdout_fraction < 1.0)) {
    throw std::invalid_argument("holdout_fraction must be in [0, 1)");
  }
  const auto holdout =
      static_cast<std::size_t>(std::floor(static_cast<double>(n) * params.holdout_fraction));
  const std::size_t train_rows = n - holdout;
  TrainingParams binary = params;
  binary.objective = Objective::kBinary;
  binary.num_class = 2;
  binary.early_stopping_rounds = 0;
  binary.calibration = CalibrationChoice::kNone;
  const TrainingData train{rows.first(train_rows * cols), labels.first(train_rows)};
  const TrainingData validation{rows.subspan(train_rows * cols), labels.subspan(train_rows)};
  return train_impl(train, validation, feature_names, binary,
                    {{"holdout_fraction", params.holdout_fraction}});
}

}  // namespace sharpline::adapters::ml
