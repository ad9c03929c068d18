// Model metadata checks and the hot-reloading model directory, on temporary directories.
#include "adapters/ml/model_directory.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "adapters/ml/model_metadata.hpp"
#include "unit/adapters/ml/ml_test_support.hpp"

namespace sharpline::adapters::ml {
namespace {

using testing::TempDir;

// Bumps a file's mtime so a rewrite within the same clock tick is still seen as a change.
void touch_later(const std::filesystem::path& path) {
  std::filesystem::last_write_time(
      path, std::filesystem::last_write_time(path) + std::chrono::seconds(2));
}

TEST(ModelMetadata, JsonRoundTrip) {
  ModelMetadata m;
  m.name = "n";
  m.version = "v1";
  m.role = domain::ModelRole::kChallenger;
  m.sport = "s";
  m.market = "h2h";
  m.feature_names = {"a", "b"};
  m.training.first_season = 1999;
  m.training.last_date = "2024-02-11";
  m.training_rows = 10;
  m.metrics = {0.6, 0.2, 0.7, 5};
  m.model_file = "n.json";
  m.model_sha256 = std::string(64, 'a');
  EXPECT_EQ(metadata_from_json(metadata_to_json(m), "x"), m);
}

TEST(ModelMetadata, ShaMismatchIsRejectedNamingTheFile) {
  TempDir dir;
  const auto trained = testing::train_synthetic(dir.path(), "m");
  EXPECT_NO_THROW(load_model(trained.meta_path));
  std::string bytes = testing::read_text(trained.model_path);
  bytes.insert(bytes.size() - 1, " ");  // still a valid model, different bytes
  testing::write_text(trained.model_path, bytes);
  try {
    load_model(trained.meta_path);
    FAIL() << "expected ModelFileError";
  } catch (const ModelFileError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("SHA-256"), std::string::npos) << what;
    EXPECT_NE(what.find(trained.model_path.string()), std::string::npos) << what;
  }
}

TEST(ModelMetadata, FeatureCountMismatchIsRejected) {
  TempDir dir;
  const auto trained = testing::train_synthetic(dir.path(), "m");
  ModelMetadata m = read_metadata(trained.meta_path);
  m.feature_names.push_back("extra");
  write_metadata(trained.meta_path, m);
  try {
    load_model(trained.meta_path);
    FAIL() << "expected ModelFileError";
  } catch (const ModelFileError& e) {
    EXPECT_NE(std::string(e.what()).find("features"), std::string::npos) << e.what();
  }
}

TEST(ModelMetadata, BadJsonAndBadRoleAreRejected) {
  TempDir dir;
  testing::write_text(dir.path() / "x.meta.json", "{");
  EXPECT_THROW(read_metadata(dir.path() / "x.meta.json"), ModelFileError);
  const auto trained = testing::train_synthetic(dir.path(), "m");
  auto json = nlohmann::json::parse(testing::read_text(trained.meta_path));
  json["role"] = "consensus";
  EXPECT_THROW(metadata_from_json(json, "m.meta.json"), ModelFileError);
}

TEST(ModelDirectory, ServesChampionAndChallengerAndPicksUpNewFiles) {
  TempDir dir;
  ModelDirectory models(dir.path());
  auto report = models.refresh();
  EXPECT_TRUE(report.loaded.empty());
  EXPECT_EQ(models.champion("test_sport", "h2h"), nullptr);

  const auto champion = testing::train_synthetic(dir.path(), "champ");
  report = models.refresh();
  ASSERT_EQ(report.loaded.size(), 1u);
  const auto served = models.champion("test_sport", "h2h");
  ASSERT_NE(served, nullptr);
  EXPECT_EQ(served->metadata.version, champion.metadata.version);
  EXPECT_EQ(models.challenger("test_sport", "h2h"), nullptr);

  // Nothing changed: nothing reloaded, the same object is served.
  EXPECT_TRUE(models.refresh().loaded.empty());
  EXPECT_EQ(models.champion("test_sport", "h2h"), served);

  testing::train_synthetic(dir.path(), "chall", domain::ModelRole::kChallenger, 20, 5);
  report = models.refresh();
  EXPECT_EQ(report.loaded.size(), 1u);
  ASSERT_NE(models.challenger("test_sport", "h2h"), nullptr);
  EXPECT_EQ(models.champion("test_sport", "h2h"), served);
  EXPECT_EQ(models.models().size(), 2u);

  // A retrained champion in place (same file names, new bytes) replaces the served one.
  const auto retrained =
      testing::train_synthetic(dir.path(), "champ", domain::ModelRole::kChampion, 40, 9);
  touch_later(retrained.meta_path);
  report = models.refresh();
  EXPECT_EQ(report.loaded.size(), 1u);
  EXPECT_EQ(models.champion("test_sport", "h2h")->metadata.version, retrained.metadata.version);
  EXPECT_NE(retrained.metadata.version, champion.metadata.version);

  // A deleted file drops its model.
  std::filesystem::remove(dir.path() / "chall.meta.json");
  report = models.refresh();
  EXPECT_EQ(report.removed.size(), 1u);
  EXPECT_EQ(models.challenger("test_sport", "h2h"), nullptr);
}

TEST(ModelDirectory, ACorruptFileIsSkippedAndThePreviousModelStays) {
  TempDir dir;
  const auto good = testing::train_synthetic(dir.path(), "champ");
  ModelDirectory models(dir.path());
  models.refresh();
  const auto served = models.champion("test_sport", "h2h");
  ASSERT_NE(served, nullptr);

  // The model file is overwritten with garbage: its SHA no longer matches.
  testing::write_text(good.model_path, "garbage");
  auto report = models.refresh();
  EXPECT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(models.champion("test_sport", "h2h"), served);

  // The metadata file is corrupted too.
  testing::write_text(good.meta_path, "{ not json");
  touch_later(good.meta_path);
  report = models.refresh();
  EXPECT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(models.champion("test_sport", "h2h"), served);

  // A second, broken champion file is skipped as well.
  testing::write_text(dir.path() / "other.meta.json", "[]");
  report = models.refresh();
  EXPECT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(models.champion("test_sport", "h2h"), served);
  // The same broken files are not retried (nor logged again) until they change.
  EXPECT_TRUE(models.refresh().errors.empty());
  // The served model still predicts.
  const std::array<float, 3> row = {0.5f, 0.5f, 0.0f};
  EXPECT_GT(served->model->predict(row), 0.5);

  // Fixed files are picked up again.
  const auto fixed =
      testing::train_synthetic(dir.path(), "champ", domain::ModelRole::kChampion, 25, 8);
  touch_later(fixed.meta_path);
  touch_later(fixed.model_path);
  report = models.refresh();
  EXPECT_EQ(report.loaded.size(), 1u);
  EXPECT_EQ(models.champion("test_sport", "h2h")->metadata.version, fixed.metadata.version);
}

TEST(ModelDirectory, MissingDirectoryIsEmpty) {
  ModelDirectory models("/nonexistent/sharpline-models");
  const auto report = models.refresh();
  EXPECT_TRUE(report.errors.empty());
  EXPECT_TRUE(models.models().empty());
}

}  // namespace
}  // namespace sharpline::adapters::ml
