// Training through the XGBoost C API, single-row inference and SHAP contributions on a small
// separable synthetic set.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "adapters/ml/model_metadata.hpp"
#include "adapters/ml/sha256.hpp"
#include "adapters/ml/training.hpp"
#include "adapters/ml/xgb_model.hpp"
#include "unit/adapters/ml/ml_test_support.hpp"

namespace sharpline::adapters::ml {
namespace {

using testing::TempDir;

TEST(XgbTraining, PredictionsMoveTheRightWayAndContributionsSumToTheMargin) {
  TempDir dir;
  const TrainingResult result =
      testing::train_synthetic(dir.path(), "synthetic", domain::ModelRole::kChampion, 60);
  EXPECT_TRUE(std::filesystem::exists(result.model_path));
  EXPECT_TRUE(std::filesystem::exists(result.meta_path));
  EXPECT_EQ(result.metadata.model_sha256, sha256_file_hex(result.model_path));
  EXPECT_EQ(result.metadata.version, result.metadata.model_sha256.substr(0, 12));
  EXPECT_EQ(result.metadata.training_rows, 320u);
  EXPECT_EQ(result.metadata.metrics.rows, 80u);
  EXPECT_LT(result.metadata.metrics.log_loss, 0.5);
  EXPECT_GT(result.metadata.metrics.auc, 0.9);

  const auto loaded = load_model(result.meta_path);
  const XgbModel& model = *loaded->model;
  EXPECT_EQ(model.num_features(), 3u);

  const std::array<float, 3> low = {-0.8f, -0.5f, 0.0f};
  const std::array<float, 3> mid = {0.0f, 0.0f, 0.0f};
  const std::array<float, 3> high = {0.8f, 0.5f, 0.0f};
  const double p_low = model.predict(low);
  const double p_mid = model.predict(mid);
  const double p_high = model.predict(high);
  EXPECT_LT(p_low, 0.2);
  EXPECT_GT(p_high, 0.8);
  EXPECT_LT(p_low, p_mid);
  EXPECT_LT(p_mid, p_high);

  for (const auto& row : {low, mid, high}) {
    const double p = model.predict(row);
    const double logit = std::log(p / (1.0 - p));
    EXPECT_NEAR(model.margin(row), logit, 1e-4);
    const Contributions c = model.contributions(row);
    ASSERT_EQ(c.values.size(), 3u);
    double sum = c.bias;
    for (const double v : c.values) sum += v;
    EXPECT_NEAR(sum, logit, 1e-4);
  }
  // x0 drives the high row up, and the noise feature matters little.
  const Contributions c = model.contributions(high);
  EXPECT_GT(c.values[0], 0.0);
  EXPECT_GT(std::abs(c.values[0]), std::abs(c.values[2]));

  const std::array<float, 2> short_row = {0.0f, 0.0f};
  EXPECT_THROW(model.predict(short_row), XgbError);
}

TEST(XgbTraining, SameInputGivesTheSameModelFile) {
  TempDir a;
  TempDir b;
  const auto first = testing::train_synthetic(a.path(), "m");
  const auto second = testing::train_synthetic(b.path(), "m");
  EXPECT_EQ(first.metadata.model_sha256, second.metadata.model_sha256);
  EXPECT_EQ(testing::read_text(first.meta_path), testing::read_text(second.meta_path));
  const auto other =
      testing::train_synthetic(b.path(), "other", domain::ModelRole::kChampion, 30, 4);
  EXPECT_NE(first.metadata.model_sha256, other.metadata.model_sha256);
}

TEST(XgbTraining, RejectsInconsistentInput) {
  TempDir dir;
  TrainingParams params;
  params.output_dir = dir.path();
  const std::vector<float> rows = {1, 2, 3, 4};
  const std::vector<float> labels = {0, 1};
  EXPECT_THROW(train_binary_classifier(rows, labels, {"a"}, params), std::invalid_argument);
  const std::vector<float> bad_labels = {0, 2};
  EXPECT_THROW(train_binary_classifier(rows, bad_labels, {"a", "b"}, params),
               std::invalid_argument);
}

TEST(XgbModel, BrokenModelBytesAreAnError) {
  EXPECT_THROW(XgbModel("{not a model", "broken.json"), XgbError);
  try {
    XgbModel("{not a model", "broken.json");
  } catch (const XgbError& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json"), std::string::npos);
  }
}

TEST(BinaryMetrics, KnownValues) {
  const std::vector<double> p = {0.9, 0.2, 0.6, 0.4};
  const std::vector<float> y = {1, 0, 0, 1};
  const HoldoutMetrics m = binary_metrics(p, y);
  EXPECT_EQ(m.rows, 4u);
  const double expected_ll = -(std::log(0.9) + std::log(0.8) + std::log(0.4) + std::log(0.4)) / 4.0;
  EXPECT_NEAR(m.log_loss, expected_ll, 1e-12);
  EXPECT_NEAR(m.brier, (0.01 + 0.04 + 0.36 + 0.36) / 4.0, 1e-12);
  // Pairs (pos, neg): (0.9,0.2) (0.9,0.6) (0.4,0.2) right, (0.4,0.6) wrong: 3/4.
  EXPECT_NEAR(m.auc, 0.75, 1e-12);
  const std::vector<double> tied = {0.5, 0.5};
  const std::vector<float> ty = {1, 0};
  EXPECT_NEAR(binary_metrics(tied, ty).auc, 0.5, 1e-12);
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(std::string_view("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex(std::string_view("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace sharpline::adapters::ml
