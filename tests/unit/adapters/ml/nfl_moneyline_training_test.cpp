// The NFL moneyline training set and model from the real nflverse games (skipped when the shared
// data is not there).
#include "adapters/ml/nfl_moneyline_training.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <set>

#include "adapters/history/nflverse_loader.hpp"
#include "adapters/ml/model_directory.hpp"
#include "adapters/ml/sha256.hpp"
#include "unit/adapters/ml/ml_test_support.hpp"
#include "unit/history/history_test_data.hpp"

namespace sharpline::adapters::ml {
namespace {

std::filesystem::path games_file() {
  return history::testing::data_dir() / "nflverse" / "games_1999_2025.csv.gz";
}

// Loaded once for the suite: the file is ~7,000 games.
const history::HistoryBatch& nflverse_batch() {
  static const history::HistoryBatch batch = history::load_nflverse_games(games_file());
  return batch;
}

#define REQUIRE_NFLVERSE()                                                             \
  do {                                                                                 \
    SHARPLINE_REQUIRE_HISTORY_DATA();                                                  \
    if (!std::filesystem::exists(games_file())) GTEST_SKIP() << "no " << games_file(); \
  } while (false)

TEST(NflMoneylineTraining, TrainingSetHasThousandsOfFiniteRowsInKickoffOrder) {
  REQUIRE_NFLVERSE();
  const NflTrainingSet set = build_nfl_moneyline_training_set(nflverse_batch(), 2025);
  // nflverse has closing moneylines from 2006: about 5,000 games to 2024.
  EXPECT_GT(set.rows.size(), 4500u);
  EXPECT_EQ(set.feature_names.size(), domain::features::kNflMoneylineFeatureNames.size());
  EXPECT_EQ(set.feature_names[0], "consensus_prob_home");
  EXPECT_GT(set.skipped_ties, 0u);
  std::set<int> seasons;
  int64_t previous = INT64_MIN;
  double home_wins = 0.0;
  std::size_t indoors = 0;
  for (const auto& row : set.rows) {
    for (const double v : row.features) ASSERT_TRUE(std::isfinite(v)) << row.event_id;
    EXPECT_GE(row.commence_ms, previous);
    previous = row.commence_ms;
    EXPECT_LT(row.season, 2025);
    EXPECT_LE(row.as_of_ms, row.commence_ms);
    EXPECT_GT(row.features[0], 0.0);
    EXPECT_LT(row.features[0], 1.0);
    seasons.insert(row.season);
    home_wins += row.label;
    indoors += row.features[7] == 1.0 ? 1 : 0;
  }
  EXPECT_GE(seasons.size(), 10u);
  const double home_rate = home_wins / static_cast<double>(set.rows.size());
  EXPECT_GT(home_rate, 0.5);
  EXPECT_LT(home_rate, 0.62);
  EXPECT_GT(indoors, 500u);
  EXPECT_EQ(set.matrix().size(), set.rows.size() * set.feature_names.size());

  // Elo is informative on its own: favourites by Elo win more often than not.
  std::size_t agree = 0;
  for (const auto& row : set.rows) agree += (row.features[1] > 0.5) == (row.label > 0.5f) ? 1 : 0;
  EXPECT_GT(static_cast<double>(agree) / static_cast<double>(set.rows.size()), 0.58);
}

TEST(NflMoneylineTraining, TeamKeysAreTheEventIdSlugs) {
  REQUIRE_NFLVERSE();
  // A team's rating carries across its relocation (Oakland -> Las Vegas Raiders): one slug.
  const NflTrainingSet set = build_nfl_moneyline_training_set(nflverse_batch(), 2025);
  bool found = false;
  for (const auto& row : set.rows) {
    if (row.event_id.find("las-vegas-raiders") != std::string::npos && row.season == 2020) {
      found = true;
      break;
    }
  }
  EXPECT_TRUE(found);
}

TEST(NflMoneylineTraining, ChampionIsTrainedOnceAndBeatsACoinFlip) {
  REQUIRE_NFLVERSE();
  testing::TempDir dir;
  const auto start = std::chrono::steady_clock::now();
  const ModelMetadata meta = ensure_nfl_moneyline_model(dir.path(), history::testing::data_dir());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ NFL model trained in " << seconds << " s: holdout log loss "
            << meta.metrics.log_loss << ", Brier " << meta.metrics.brier << ", AUC "
            << meta.metrics.auc << ", " << meta.metrics.rows << " rows ]\n";
  EXPECT_LT(seconds, 60.0);
  EXPECT_EQ(meta.role, domain::ModelRole::kChampion);
  EXPECT_EQ(meta.sport, "americanfootball_nfl");
  EXPECT_EQ(meta.market, "h2h");
  EXPECT_EQ(meta.model_file, "nfl_h2h_xgb.json");
  EXPECT_EQ(meta.version, meta.model_sha256.substr(0, 12));
  EXPECT_EQ(meta.model_sha256, sha256_file_hex(dir.path() / "nfl_h2h_xgb.json"));
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "nfl_h2h_xgb.meta.json"));
  EXPECT_EQ(meta.training.first_season, 2006);  // the first season with closing moneylines
  EXPECT_LT(*meta.training.last_season, 2025);
  EXPECT_GT(meta.metrics.rows, 900u);
  EXPECT_LT(meta.metrics.log_loss, 0.693);
  EXPECT_GT(meta.metrics.auc, 0.6);

  // A second call finds the champion and does not retrain.
  const auto mtime = std::filesystem::last_write_time(dir.path() / "nfl_h2h_xgb.json");
  const ModelMetadata again = ensure_nfl_moneyline_model(dir.path(), "/nonexistent");
  EXPECT_EQ(again, meta);
  EXPECT_EQ(std::filesystem::last_write_time(dir.path() / "nfl_h2h_xgb.json"), mtime);

  // The served model predicts a clear favourite as one.
  ModelDirectory models(dir.path());
  models.refresh();
  const auto champion = models.champion("americanfootball_nfl", "h2h");
  ASSERT_NE(champion, nullptr);
  const std::array<float, 8> favourite = {0.8f, 0.75f, 190.0f, 7.0f, 7.0f, 15.0f, 0.0f, 1.0f};
  const std::array<float, 8> underdog = {0.2f, 0.3f, -150.0f, 7.0f, 7.0f, 15.0f, 0.0f, 1.0f};
  EXPECT_GT(champion->model->predict(favourite), 0.65);
  EXPECT_LT(champion->model->predict(underdog), 0.35);
}

}  // namespace
}  // namespace sharpline::adapters::ml
