// train_classifier: binary and multiclass objectives, early stopping on the validation window,
// calibration chosen on it, and what the metadata and LoadedModel make of them.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "adapters/ml/calibration_model.hpp"
#include "adapters/ml/model_metadata.hpp"
#include "adapters/ml/training.hpp"
#include "adapters/ml/xgb_model.hpp"
#include "unit/adapters/ml/ml_test_support.hpp"

namespace sharpline::adapters::ml {
namespace {

using testing::TempDir;

// Three classes from x0 (low / middle / high) with label noise, so that many rounds overfit.
struct ThreeWay {
  std::vector<float> rows;
  std::vector<float> labels;
  std::vector<std::string> names = {"x0", "x1", "noise"};
};

ThreeWay three_way(std::size_t n, unsigned seed) {
  ThreeWay s;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::uniform_real_distribution<float> coin(0.0f, 1.0f);
  for (std::size_t i = 0; i < n; ++i) {
    const float x0 = u(rng);
    const float x1 = u(rng);
    const float x2 = u(rng);
    s.rows.insert(s.rows.end(), {x0, x1, x2});
    float label = x0 < -0.3f ? 0.0f : (x0 > 0.3f ? 2.0f : 1.0f);
    if (coin(rng) < 0.3f) label = static_cast<float>(static_cast<int>(coin(rng) * 3.0f) % 3);
    s.labels.push_back(label);
  }
  return s;
}

TrainingParams multiclass_params(const std::filesystem::path& dir, const std::string& stem) {
  TrainingParams params;
  params.objective = Objective::kMulticlass;
  params.num_class = 3;
  params.classes = {"home", "draw", "away"};
  params.rounds = 300;
  params.eta = 0.3;
  params.max_depth = 4;
  params.early_stopping_rounds = 10;
  params.output_dir = dir;
  params.file_stem = stem;
  params.metadata.name = stem;
  params.metadata.sport = "soccer_epl";
  params.metadata.market = "h2h_3way";
  return params;
}

TrainingResult train_three_way(const std::filesystem::path& dir, const std::string& stem,
                               CalibrationChoice calibration = CalibrationChoice::kAuto) {
  const ThreeWay train = three_way(600, 11);
  const ThreeWay valid = three_way(300, 12);
  TrainingParams params = multiclass_params(dir, stem);
  params.calibration = calibration;
  return train_classifier({train.rows, train.labels}, {valid.rows, valid.labels}, train.names,
                          params);
}

int boosted_rounds(const std::filesystem::path& model_path) {
  Booster booster;
  booster.load_model(model_path.string());
  return booster.boosted_rounds();
}

TEST(ClassifierTraining, MulticlassEarlyStopsAndServesProbabilitiesSummingToOne) {
  TempDir dir;
  const TrainingResult result = train_three_way(dir.path(), "soccer");
  const ModelMetadata& meta = result.metadata;
  EXPECT_EQ(meta.objective, "multi:softprob");
  EXPECT_EQ(meta.classes, (std::vector<std::string>{"home", "draw", "away"}));
  ASSERT_TRUE(meta.best_iteration.has_value());
  EXPECT_LT(*meta.best_iteration, 299) << "noisy labels: 300 rounds at eta 0.3 overfit";
  EXPECT_EQ(boosted_rounds(result.model_path), *meta.best_iteration + 1)
      << "the saved model is cut to the best round";
  EXPECT_EQ(meta.training_rows, 600u);
  EXPECT_EQ(meta.metrics.rows, 300u);
  ASSERT_TRUE(meta.metrics_uncalibrated.has_value());
  EXPECT_LT(meta.metrics_uncalibrated->log_loss, std::log(3.0));
  EXPECT_GT(meta.metrics_uncalibrated->brier, 0.0);
  EXPECT_LT(meta.metrics_uncalibrated->brier, 2.0);
  EXPECT_EQ(meta.calibration.selection_log_loss.size(), 3u);
  EXPECT_EQ(meta.params["num_class"], "3");
  EXPECT_EQ(meta.params["objective"], "multi:softprob");

  const auto loaded = load_model(result.meta_path);
  EXPECT_EQ(loaded->metadata, meta) << "everything round-trips through the file";
  const XgbModel& model = *loaded->model;
  EXPECT_TRUE(model.multiclass());
  EXPECT_EQ(model.num_classes(), 3u);
  EXPECT_THROW((void)model.predict(std::vector<float>{0, 0, 0}), XgbError);

  const std::vector<std::vector<float>> rows = {{-0.9f, 0, 0}, {0, 0, 0}, {0.9f, 0, 0}};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto raw = model.class_probabilities(rows[r]);
    ASSERT_EQ(raw.size(), 3u);
    EXPECT_NEAR(raw[0] + raw[1] + raw[2], 1.0, 1e-6);
    // The most likely raw class is the one x0 points at (0 low, 1 middle, 2 high).
    EXPECT_EQ(std::max_element(raw.begin(), raw.end()) - raw.begin(), static_cast<long>(r));

    auto expected = raw;
    meta.calibration.apply(expected);
    const auto served = loaded->probabilities(rows[r]);
    ASSERT_EQ(served.size(), 3u);
    EXPECT_NEAR(served[0] + served[1] + served[2], 1.0, 1e-12);
    for (std::size_t k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(served[k], expected[k]);

    // Contributions per class: num_class groups of features + bias, each summing to that
    // class's margin, and the softmax of the margins is the raw probability.
    const auto groups = model.class_contributions(rows[r]);
    ASSERT_EQ(groups.size(), 3u);
    std::vector<double> margins;
    for (const auto& g : groups) {
      ASSERT_EQ(g.values.size(), 3u);
      margins.push_back(std::accumulate(g.values.begin(), g.values.end(), g.bias));
    }
    double z = 0;
    for (const double m : margins) z += std::exp(m);
    for (std::size_t k = 0; k < 3; ++k) EXPECT_NEAR(std::exp(margins[k]) / z, raw[k], 1e-4);
  }
}

TEST(ClassifierTraining, SameInputGivesByteIdenticalFiles) {
  TempDir a;
  TempDir b;
  const auto first = train_three_way(a.path(), "m");
  const auto second = train_three_way(b.path(), "m");
  EXPECT_EQ(testing::read_text(first.model_path), testing::read_text(second.model_path));
  EXPECT_EQ(testing::read_text(first.meta_path), testing::read_text(second.meta_path));
}

TEST(ClassifierTraining, CalibrationChoiceIsRecordedAndApplied) {
  TempDir dir;
  const auto none = train_three_way(dir.path(), "none", CalibrationChoice::kNone);
  EXPECT_FALSE(none.metadata.calibration.calibrated());
  ASSERT_TRUE(none.metadata.metrics_uncalibrated.has_value());
  EXPECT_EQ(none.metadata.metrics, *none.metadata.metrics_uncalibrated);

  const auto platt = train_three_way(dir.path(), "platt", CalibrationChoice::kPlatt);
  EXPECT_TRUE(platt.metadata.calibration.calibrated());
  EXPECT_EQ(platt.metadata.calibration.method, CalibrationMethod::kPlatt);
  EXPECT_EQ(platt.metadata.calibration.platt.size(), 3u) << "one-vs-rest, one per class";
  EXPECT_EQ(platt.metadata.model_sha256, none.metadata.model_sha256)
      << "calibration does not change the trees";
  // Fitted on these very rows by maximum likelihood: not worse than raw (renormalising may
  // cost a little, hence the margin).
  EXPECT_LT(platt.metadata.metrics.log_loss, none.metadata.metrics.log_loss + 0.01);

  const auto isotonic = train_three_way(dir.path(), "iso", CalibrationChoice::kIsotonic);
  EXPECT_EQ(isotonic.metadata.calibration.method, CalibrationMethod::kIsotonic);
  EXPECT_EQ(isotonic.metadata.calibration.isotonic.size(), 3u);

  const auto chosen = train_three_way(dir.path(), "auto", CalibrationChoice::kAuto);
  const auto& scores = chosen.metadata.calibration.selection_log_loss;
  ASSERT_EQ(scores.size(), 3u);
  const auto best = std::min_element(scores.begin(), scores.end(),
                                     [](auto& x, auto& y) { return x.second < y.second; });
  EXPECT_EQ(best->first, calibration_method_name(chosen.metadata.calibration.method));
  const auto loaded = load_model(chosen.meta_path);
  EXPECT_EQ(loaded->metadata.calibration, chosen.metadata.calibration);
}

TEST(ClassifierTraining, BinaryEarlyStoppingAndPlattCalibration) {
  TempDir dir;
  // Labels follow x0 only 75% of the time: many deep rounds overfit.
  testing::Synthetic s = testing::synthetic(800, 5);
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> coin(0.0f, 1.0f);
  for (float& label : s.labels) {
    if (coin(rng) < 0.25f) label = 1.0f - label;
  }
  TrainingParams params;
  params.rounds = 400;
  params.eta = 0.3;
  params.max_depth = 5;
  params.early_stopping_rounds = 15;
  params.calibration = CalibrationChoice::kPlatt;
  params.output_dir = dir.path();
  params.file_stem = "binary";
  params.metadata.name = "binary";
  params.metadata.sport = "test_sport";
  params.metadata.market = "totals";
  params.classes = {"under", "over"};
  const std::span<const float> rows(s.rows);
  const std::span<const float> labels(s.labels);
  const auto result =
      train_classifier({rows.first(500 * 3), labels.first(500)},
                       {rows.subspan(500 * 3), labels.subspan(500)}, s.names, params);
  const ModelMetadata& meta = result.metadata;
  EXPECT_EQ(meta.objective, "binary:logistic");
  EXPECT_EQ(meta.classes, (std::vector<std::string>{"under", "over"}));
  ASSERT_TRUE(meta.best_iteration.has_value());
  EXPECT_LT(*meta.best_iteration, 399);
  EXPECT_EQ(boosted_rounds(result.model_path), *meta.best_iteration + 1);
  EXPECT_EQ(meta.calibration.method, CalibrationMethod::kPlatt);
  ASSERT_EQ(meta.calibration.platt.size(), 1u) << "binary calibrates the positive class only";
  EXPECT_GT(meta.metrics.auc, 0.7);

  const auto loaded = load_model(result.meta_path);
  EXPECT_FALSE(loaded->model->multiclass());
  const std::vector<float> row = {0.5f, 0.2f, 0.0f};
  const double raw = loaded->model->predict(row);
  const auto served = loaded->probabilities(row);
  ASSERT_EQ(served.size(), 2u);
  EXPECT_DOUBLE_EQ(served[1], meta.calibration.platt[0].apply(raw));
  EXPECT_DOUBLE_EQ(served[0], 1.0 - served[1]);
  EXPECT_EQ(loaded->model->class_contributions(row).size(), 1u);
}

TEST(ClassifierTraining, EmptyValidationTrainsAllRoundsWithoutCalibration) {
  TempDir dir;
  const testing::Synthetic s = testing::synthetic(200);
  TrainingParams params;
  params.rounds = 12;
  params.output_dir = dir.path();
  params.metadata.name = "m";
  params.metadata.sport = "s";
  params.metadata.market = "h2h";
  const auto result = train_classifier({s.rows, s.labels}, {}, s.names, params);
  EXPECT_EQ(result.metadata.best_iteration, 11);
  EXPECT_FALSE(result.metadata.calibration.calibrated());
  EXPECT_FALSE(result.metadata.metrics_uncalibrated.has_value());
  EXPECT_EQ(boosted_rounds(result.model_path), 12);
}

TEST(ClassifierTraining, RejectsInconsistentInput) {
  TempDir dir;
  const ThreeWay s = three_way(50, 1);
  TrainingParams params = multiclass_params(dir.path(), "bad");
  std::vector<float> labels = s.labels;
  labels[0] = 3.0f;
  EXPECT_THROW(train_classifier({s.rows, labels}, {}, s.names, params), std::invalid_argument);
  params.classes = {"home", "away"};
  EXPECT_THROW(train_classifier({s.rows, s.labels}, {}, s.names, params), std::invalid_argument);
  params = multiclass_params(dir.path(), "bad");
  EXPECT_THROW(
      train_classifier({s.rows, s.labels}, {std::span(s.rows).first(2), {}}, s.names, params),
      std::invalid_argument);
}

TEST(ClassifierTraining, LegacyBinaryTrainerKeepsAllRoundsAndNoCalibration) {
  TempDir dir;
  const auto result = testing::train_synthetic(dir.path(), "legacy");
  EXPECT_EQ(result.metadata.best_iteration, 29);
  EXPECT_FALSE(result.metadata.calibration.calibrated());
  EXPECT_EQ(result.metadata.params["holdout_fraction"], 0.2);
  EXPECT_EQ(boosted_rounds(result.model_path), 30);
  ASSERT_TRUE(result.metadata.metrics_uncalibrated.has_value());
  EXPECT_EQ(result.metadata.metrics, *result.metadata.metrics_uncalibrated);
}

TEST(ModelMetadata, FilesWithoutTheMulticlassFieldsLoadAsBinaryHomeWin) {
  TempDir dir;
  const auto result = testing::train_synthetic(dir.path(), "old");
  nlohmann::json json = nlohmann::json::parse(testing::read_text(result.meta_path));
  for (const char* key :
       {"objective", "classes", "calibration", "best_iteration", "metrics_uncalibrated"}) {
    json.erase(key);
  }
  testing::write_text(result.meta_path, json.dump(2));
  const auto loaded = load_model(result.meta_path);
  EXPECT_EQ(loaded->metadata.objective, "binary:logistic");
  EXPECT_EQ(loaded->metadata.classes, (std::vector<std::string>{"away", "home"}));
  EXPECT_FALSE(loaded->metadata.calibration.calibrated());
  EXPECT_FALSE(loaded->metadata.best_iteration.has_value());
  EXPECT_FALSE(loaded->metadata.metrics_uncalibrated.has_value());
  const std::vector<float> row = {0.3f, 0.1f, 0.0f};
  const auto p = loaded->probabilities(row);
  EXPECT_DOUBLE_EQ(p[1], loaded->model->predict(row));
}

TEST(ModelMetadata, ObjectiveAndClassesMustMatchTheModel) {
  TempDir dir;
  const auto result = testing::train_synthetic(dir.path(), "m");
  nlohmann::json json = nlohmann::json::parse(testing::read_text(result.meta_path));
  json["objective"] = "multi:softprob";
  json["classes"] = {"home", "draw", "away"};
  testing::write_text(result.meta_path, json.dump(2));
  EXPECT_THROW(load_model(result.meta_path), ModelFileError);

  json["objective"] = "binary:logistic";
  testing::write_text(result.meta_path, json.dump(2));
  EXPECT_THROW(load_model(result.meta_path), ModelFileError) << "binary needs 2 classes";
  json["classes"] = {"home", "home"};
  testing::write_text(result.meta_path, json.dump(2));
  EXPECT_THROW(load_model(result.meta_path), ModelFileError);
  json["classes"] = {"away", "home"};
  json["calibration"] = {{"method", "platt"}, {"classes", nlohmann::json::array()}};
  testing::write_text(result.meta_path, json.dump(2));
  EXPECT_THROW(load_model(result.meta_path), ModelFileError) << "platt without its calibrator";
  json["calibration"] = {{"method", "magic"}};
  testing::write_text(result.meta_path, json.dump(2));
  EXPECT_THROW(load_model(result.meta_path), ModelFileError);
}

TEST(CalibrationModel, ClassMetricsKnownValues) {
  const std::vector<double> p = {0.7, 0.2, 0.1, 0.2, 0.5, 0.3};
  const std::vector<float> y = {0, 2};
  EXPECT_NEAR(class_log_loss(p, y, 3), -(std::log(0.7) + std::log(0.3)) / 2, 1e-12);
  const double brier0 = 0.09 + 0.04 + 0.01;
  const double brier1 = 0.04 + 0.25 + 0.49;
  EXPECT_NEAR(class_brier(p, y, 3), (brier0 + brier1) / 2, 1e-12);
  const std::vector<double> b = {0.1, 0.9, 0.6, 0.4};
  const std::vector<float> by = {1, 0};
  EXPECT_NEAR(class_brier(b, by, 2), (0.01 + 0.16) / 2, 1e-12) << "binary: positive class";
  EXPECT_THROW(class_log_loss(p, std::vector<float>{0, 3}, 3), std::invalid_argument);
}

TEST(CalibrationModel, AutoPicksACalibratorForOverconfidentProbabilities) {
  // True probability q; the "model" says sigmoid(3 logit q): far too sure of itself.
  std::mt19937 rng(4);
  std::uniform_real_distribution<double> u(0.05, 0.95);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::vector<double> p;
  std::vector<float> y;
  for (int i = 0; i < 2000; ++i) {
    const double q = u(rng);
    const double overconfident = 1.0 / (1.0 + std::exp(-3.0 * std::log(q / (1 - q))));
    p.insert(p.end(), {1.0 - overconfident, overconfident});
    y.push_back(coin(rng) < q ? 1.0f : 0.0f);
  }
  const Calibration chosen = choose_calibration(p, y, 2);
  EXPECT_TRUE(chosen.calibrated());
  ASSERT_EQ(chosen.selection_log_loss.size(), 3u);
  EXPECT_EQ(chosen.selection_log_loss[0].first, "none");
  EXPECT_LT(std::min(chosen.selection_log_loss[1].second, chosen.selection_log_loss[2].second),
            chosen.selection_log_loss[0].second - 50.0)
      << "calibrating beats leaving them alone by a wide margin";
  // An explicit Platt fit never makes its own rows worse than the raw probabilities (a
  // diverged fit falls back to the identity).
  const Calibration platt = fit_calibration(CalibrationMethod::kPlatt, p, y, 2);
  ASSERT_EQ(platt.platt.size(), 1u);
  EXPECT_TRUE(std::isfinite(platt.platt[0].a));
  std::vector<double> platt_p = p;
  for (std::size_t i = 0; i < y.size(); ++i) {
    platt.apply(std::span<double>(platt_p).subspan(2 * i, 2));
  }
  EXPECT_LE(class_log_loss(platt_p, y, 2), class_log_loss(p, y, 2));
  std::vector<double> calibrated = p;
  for (std::size_t i = 0; i < y.size(); ++i) {
    chosen.apply(std::span<double>(calibrated).subspan(2 * i, 2));
  }
  EXPECT_LT(class_log_loss(calibrated, y, 2), class_log_loss(p, y, 2) - 0.05);
  const Calibration round_trip = calibration_from_json(calibration_to_json(chosen));
  EXPECT_EQ(round_trip, chosen);
  EXPECT_FALSE(choose_calibration(std::span(p).first(6), std::span(y).first(3), 2).calibrated())
      << "too few rows to choose";
}

TEST(CalibrationModel, MulticlassApplyRenormalises) {
  Calibration c;
  c.method = CalibrationMethod::kPlatt;
  c.platt = {{1.0, 0.5}, {1.0, 0.0}, {1.0, -0.5}};
  std::vector<double> p = {0.5, 0.3, 0.2};
  c.apply(p);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-12);
  EXPECT_GT(p[0], 0.5);
  std::vector<double> wrong = {0.5, 0.5};
  EXPECT_THROW(c.apply(wrong), std::invalid_argument);
}

}  // namespace
}  // namespace sharpline::adapters::ml
