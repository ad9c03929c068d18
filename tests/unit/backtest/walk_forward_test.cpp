// Walk-forward splits on synthetic rows: a label that follows one feature more sharply than the
// "market" column knows, so a model trained on earlier seasons beats it on later ones.
#include "backtest/walk_forward.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "backtest/backtest_run.hpp"
#include "backtest_fixture.hpp"

namespace sharpline::backtest {
namespace {

TrainingRows synthetic_rows(int seasons, int per_season) {
  TrainingRows rows;
  rows.sport = "americanfootball_nfl";
  rows.market = "h2h";
  rows.classes = {"away", "home"};
  rows.feature_names = {"signal", "noise"};
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (int s = 0; s < seasons; ++s) {
    for (int i = 0; i < per_season; ++i) {
      TrainingRow row;
      row.event_id = "americanfootball_nfl:20" + std::to_string(10 + s) + "-09-0" +
                     std::to_string(1 + i % 9) + ":a" + std::to_string(i) + "@h" +
                     std::to_string(i);
      row.season = 2010 + s;
      row.commence_ms = (static_cast<int64_t>(s) * 1000 + i) * 3600000LL;
      const double signal = uniform(rng) * 2.0 - 1.0;
      const double p_home = 1.0 / (1.0 + std::exp(-4.0 * signal));
      row.features = {signal, uniform(rng)};
      row.label = uniform(rng) < p_home ? 1 : 0;
      const double market = 1.0 / (1.0 + std::exp(-1.0 * signal));  // knows less
      row.market_open = std::vector<double>{1.0 - market, market};
      row.market_close = row.market_open;
      rows.rows.push_back(row);
    }
  }
  return rows;
}

TEST(WalkForward, TrainsOnEarlierSeasonsValidatesOnThePreviousAndTestsOnTheNext) {
  const auto rows = synthetic_rows(4, 300);
  adapters::ml::TrainingParams params;
  params.rounds = 60;
  std::vector<int> seen;
  const auto evaluations =
      walk_forward(rows, params, [&](const SeasonEvaluation& e) { seen.push_back(e.season); });
  ASSERT_EQ(evaluations.size(), 2U);  // 2012 and 2013: each needs two earlier seasons
  EXPECT_EQ(seen, (std::vector<int>{2012, 2013}));
  EXPECT_EQ(evaluations[0].train_rows, 300U);       // 2010
  EXPECT_EQ(evaluations[0].validation_rows, 300U);  // 2011
  EXPECT_EQ(evaluations[0].test_rows, 300U);        // 2012
  EXPECT_EQ(evaluations[1].train_rows, 600U);       // 2010-2011
  for (const auto& e : evaluations) {
    EXPECT_LT(e.model.log_loss, e.market_close.log_loss) << e.season;
    EXPECT_LT(e.model.brier, e.market_close.brier) << e.season;
    EXPECT_GE(e.model_ece, 0.0);
    EXPECT_GE(e.best_iteration, 0);
  }
}

TEST(WalkForward, ScoresAreMeanLogLossAndSummedBrier) {
  TrainingRows rows = synthetic_rows(1, 2);
  std::vector<const TrainingRow*> set = {&rows.rows[0], &rows.rows[1]};
  rows.rows[0].label = 1;
  rows.rows[1].label = 0;
  const auto s = score({{0.2, 0.8}, {0.6, 0.4}}, set);
  EXPECT_NEAR(s.log_loss, -(std::log(0.8) + std::log(0.6)) / 2.0, 1e-12);
  EXPECT_NEAR(s.brier, (0.04 + 0.04 + 0.16 + 0.16) / 2.0, 1e-12);
}

TEST(WalkForward, TheModelRecordsEverySeasonItSawAndBacktestsRefuseThem) {
  const auto rows = synthetic_rows(3, 200);
  std::vector<const TrainingRow*> train;
  std::vector<const TrainingRow*> validation;
  for (const auto& r : rows.rows) (r.season < 2012 ? train : validation).push_back(&r);
  const auto dir = std::filesystem::temp_directory_path() / "sharpline-wf-range-test";
  std::filesystem::remove_all(dir);
  adapters::ml::TrainingParams params;
  params.rounds = 20;
  params.output_dir = dir;
  params.file_stem = "m";
  const auto trained = train_model(rows, train, validation, params);
  EXPECT_EQ(trained.metadata.training.first_season, 2010);
  EXPECT_EQ(trained.metadata.training.last_season, 2012);  // validation included
  EXPECT_EQ(trained.metadata.sport, "americanfootball_nfl");

  testing::GameSpec game{"Kansas City Chiefs", "Buffalo Bills"};
  game.year = 2012;
  game.season = 2012;
  const auto dataset = testing::make_dataset({game});
  Strategy strategy;
  strategy.market = "h2h";
  strategy.source = domain::opportunities::ProbabilitySource::kModel;
  strategy.model_dir = dir.string();
  EXPECT_THROW(check_model_range(dataset, strategy), StrategyError);  // saw 2012
  strategy.allow_model_overlap = true;
  EXPECT_NO_THROW(check_model_range(dataset, strategy));
  strategy.market = "totals";
  EXPECT_THROW(check_model_range(dataset, strategy), StrategyError);  // serves no totals
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sharpline::backtest
