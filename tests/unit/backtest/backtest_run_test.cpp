// Backtests end to end on a synthetic dataset: what is bet and when, what it wins, that the
// report is reproducible byte for byte, and that nothing from the future reaches the stages.
#include "backtest/backtest_run.hpp"

#include <gtest/gtest.h>

#include "backtest/history_feed.hpp"
#include "backtest/offline_serde.hpp"
#include "backtest/pipeline_harness.hpp"
#include "backtest/training_rows.hpp"
#include "backtest_fixture.hpp"
#include "serde/pipeline_record_json.hpp"

namespace sharpline::backtest {
namespace {

using testing::GameSpec;
using testing::make_dataset;

DatasetSummary summary_of(const adapters::history::Dataset& dataset) {
  DatasetSummary s;
  s.name = "fixture";
  s.events = dataset.batch.events.size();
  s.quotes = dataset.batch.quotes.size();
  s.results = dataset.batch.results.size();
  return s;
}

// A soft book offers 2.50 on the home team at both polls: a value bet at either timing.
std::vector<GameSpec> value_games(int home_score, int away_score) {
  GameSpec g{"Kansas City Chiefs", "Buffalo Bills"};
  g.home_score = home_score;
  g.away_score = away_score;
  g.soft_home = 2.5;
  g.soft_away = 1.5;
  return {g};
}

TEST(BacktestRun, TakesTheValueBetAndSettlesItAtItsPrice) {
  const auto dataset = make_dataset(value_games(27, 20));
  Strategy strategy;
  strategy.bootstrap_resamples = 200;
  const auto outcome = run_backtest(dataset, summary_of(dataset), strategy);
  const auto& r = outcome.report;
  ASSERT_EQ(r.at("bets").get<int>(), 1) << r.dump(2);
  const double staked = r.at("staked").get<double>();
  EXPECT_GT(staked, 0.0);
  EXPECT_LE(staked, 0.05 * 1000.0 + 1e-9);                        // the Kelly cap
  EXPECT_NEAR(r.at("profit").get<double>(), staked * 1.5, 1e-9);  // won at 2.50
  EXPECT_NEAR(r.at("roi").get<double>(), 1.5, 1e-12);
  EXPECT_NEAR(r.at("final_bankroll").get<double>(), 1000.0 + staked * 1.5, 1e-9);
  EXPECT_EQ(r.at("by_kind").at(0).at("kind"), "value");
  EXPECT_EQ(r.at("log_loss").at("games").get<int>(), 1);
  EXPECT_TRUE(r.at("log_loss").at("model").is_null());
  EXPECT_EQ(outcome.dead_letters, 0U);
}

TEST(BacktestRun, ALostBetCostsItsStakeAndShowsAsDrawdown) {
  const auto dataset = make_dataset(value_games(10, 20));
  Strategy strategy;
  strategy.bootstrap_resamples = 0;
  const auto r = run_backtest(dataset, summary_of(dataset), strategy).report;
  ASSERT_EQ(r.at("bets").get<int>(), 1);
  const double staked = r.at("staked").get<double>();
  EXPECT_NEAR(r.at("profit").get<double>(), -staked, 1e-9);
  EXPECT_NEAR(r.at("max_drawdown").get<double>(), staked / 1000.0, 1e-12);
  EXPECT_TRUE(r.at("roi_ci").at("low").is_null());
}

TEST(BacktestRun, StakesAreSizedOnTheBankrollKnownAtTheDecision) {
  // Two value bets at close on the same evening: the 18:00 game is lost and settled at 22:00,
  // before the 19:00 game's bet is handed to grading (at its own result), but after its
  // decision time (18:59:59.999). Both stakes are the same fraction of the starting bankroll.
  auto games = value_games(10, 20);
  GameSpec late{"New York Jets", "Miami Dolphins"};
  late.hour = 19;
  late.soft_home = 2.5;
  late.soft_away = 1.5;
  games.push_back(late);
  const auto one = make_dataset(value_games(10, 20));
  const auto two = make_dataset(games);
  Strategy strategy;
  strategy.kinds = {"value"};
  const auto single = run_backtest(one, summary_of(one), strategy).report;
  const auto both = run_backtest(two, summary_of(two), strategy).report;
  ASSERT_EQ(single.at("bets"), 1);
  ASSERT_EQ(both.at("bets"), 2);
  EXPECT_NEAR(both.at("staked").get<double>(), 2.0 * single.at("staked").get<double>(), 1e-9);
}

TEST(BacktestRun, BookRestrictionsAndKindsFilterTheBets) {
  const auto dataset = make_dataset(value_games(27, 20));
  Strategy strategy;
  strategy.books = {"pinnacle"};  // the value is at bovada only
  EXPECT_EQ(run_backtest(dataset, summary_of(dataset), strategy).report.at("bets"), 0);
  strategy.books = {"bovada", "pinnacle"};
  EXPECT_EQ(run_backtest(dataset, summary_of(dataset), strategy).report.at("bets"), 1);
  strategy.books.clear();
  strategy.kinds = {"middle"};  // a moneyline has no middles
  EXPECT_EQ(run_backtest(dataset, summary_of(dataset), strategy).report.at("bets"), 0);
  strategy.kinds = {"arbitrage"};  // 2.50 at bovada and 1.95 elsewhere: under-round
  EXPECT_EQ(run_backtest(dataset, summary_of(dataset), strategy).report.at("bets"), 1);
}

TEST(BacktestRun, TimingPicksThePricesOfTheDecisionTime) {
  // The soft price is there at the open only: open bets it, close does not.
  auto games = value_games(27, 20);
  auto dataset = make_dataset(games);
  for (auto& q : dataset.batch.quotes) {
    if (q.bookmaker == "bovada" && q.is_closing) q.price = q.outcome == games[0].home ? 1.80 : 2.0;
  }
  Strategy strategy;
  strategy.timing = parse_timing("open");
  const auto open = run_backtest(dataset, summary_of(dataset), strategy).report;
  ASSERT_EQ(open.at("bets"), 1);
  // Taken at 2.50, the closing fair price of the home team is about 1/1.91: positive CLV.
  EXPECT_GT(open.at("clv_mean").get<double>(), 0.2);
  strategy.timing = parse_timing("close");
  EXPECT_EQ(run_backtest(dataset, summary_of(dataset), strategy).report.at("bets"), 0);
  strategy.timing = parse_timing("before:24h");  // only the open poll is known 24 h before
  EXPECT_EQ(run_backtest(dataset, summary_of(dataset), strategy).report.at("bets"), 1);
}

TEST(BacktestRun, TheSameInputsGiveAByteIdenticalReport) {
  std::vector<GameSpec> games;
  for (int k = 0; k < 12; ++k) {
    GameSpec g{k % 2 ? "Kansas City Chiefs" : "Buffalo Bills",
               k % 2 ? "Buffalo Bills" : "Kansas City Chiefs"};
    g.day = 1 + k * 2;
    g.month = 10;
    g.home_score = 10 + (k * 7) % 20;
    g.away_score = 13;
    g.soft_home = 2.2 + 0.05 * k;
    g.soft_away = 1.6;
    games.push_back(g);
  }
  const auto dataset = make_dataset(games);
  Strategy strategy;
  const auto a = run_backtest(dataset, summary_of(dataset), strategy).report.dump(2);
  const auto b = run_backtest(dataset, summary_of(dataset), strategy).report.dump(2);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("\"roi_ci\""), std::string::npos);
}

// Two meetings of the same teams on consecutive days. The second game's opening poll (48 h
// before it) comes before the first game has even started, its closing poll after the first
// result is known. A backtest that let a result into the stages before its time would change
// the second game's opening features.
std::vector<domain::FeatureVector> vectors_of(const adapters::history::Dataset& dataset) {
  std::vector<domain::FeatureVector> vectors;
  HarnessSinks sinks;
  sinks.vector = [&](const domain::FeatureVector& v) { vectors.push_back(v); };
  HarnessOptions options;
  PipelineHarness harness(make_offline_topic_serde(), options, std::move(sinks));
  const auto& batch = dataset.batch;
  for (const auto& item : history_feed(batch)) harness.feed(batch, item);
  harness.advance_to(batch.results.back().updated_ms + testing::kDayMs);
  return vectors;
}

std::vector<GameSpec> two_meetings(int first_home_score, int second_home_score = 20) {
  GameSpec first{"Kansas City Chiefs", "Buffalo Bills"};
  first.home_score = first_home_score;
  first.away_score = 17;
  GameSpec second{"Kansas City Chiefs", "Buffalo Bills"};
  second.day = 9;
  second.home_score = second_home_score;
  second.away_score = 17;
  return {first, second};
}

// The vectors of the second game, in emission order: [open, close].
std::vector<domain::FeatureVector> second_game(const std::vector<domain::FeatureVector>& all) {
  std::vector<domain::FeatureVector> out;
  for (const auto& v : all) {
    if (v.event_id.find("2024-09-09") != std::string::npos) out.push_back(v);
  }
  return out;
}

double feature_of(const domain::FeatureVector& v, const std::string& name) {
  for (std::size_t i = 0; i < v.feature_names.size(); ++i) {
    if (v.feature_names[i] == name) return v.feature_values[i];
  }
  ADD_FAILURE() << "no feature " << name;
  return 0.0;
}

TEST(BacktestLookAhead, AResultIsNotKnownBeforeItsTime) {
  const auto won = second_game(vectors_of(make_dataset(two_meetings(40))));
  const auto lost = second_game(vectors_of(make_dataset(two_meetings(0))));
  ASSERT_EQ(won.size(), 2U);
  ASSERT_EQ(lost.size(), 2U);
  // Opening features: the first game had not started; its score cannot matter.
  EXPECT_EQ(serde::to_json(won[0]), serde::to_json(lost[0]));
  // Closing features: the first result was known by then and moved the ratings.
  EXPECT_GT(feature_of(won[1], "elo_diff"), feature_of(lost[1], "elo_diff"));
  // And the second game's own result never reaches its own features.
  const auto own_win = second_game(vectors_of(make_dataset(two_meetings(40, 40))));
  const auto own_loss = second_game(vectors_of(make_dataset(two_meetings(40, 0))));
  ASSERT_EQ(own_win.size(), own_loss.size());
  for (std::size_t i = 0; i < own_win.size(); ++i) {
    EXPECT_EQ(serde::to_json(own_win[i]), serde::to_json(own_loss[i]));
  }
}

TEST(BacktestLookAhead, AResultFedBeforeItsTimeWouldChangeTheFeatures) {
  // The control for the test above: the first game's result piped at the start, stamped as
  // known then, as a backtest reading the future would. The opening features of the second
  // game then depend on it, so the comparison above would fail.
  const auto leaked_vectors = [](int first_home_score) {
    auto dataset = make_dataset(two_meetings(first_home_score));
    std::vector<domain::FeatureVector> vectors;
    HarnessSinks sinks;
    sinks.vector = [&](const domain::FeatureVector& v) { vectors.push_back(v); };
    PipelineHarness harness(make_offline_topic_serde(), HarnessOptions{}, std::move(sinks));
    auto early = dataset.batch.results[0];
    early.updated_ms = dataset.batch.quotes.front().observed_ms;
    harness.result(early);
    for (const auto& item : history_feed(dataset.batch)) {
      if (item.kind == FeedKind::kQuote) harness.quote(dataset.batch.quotes[item.index]);
    }
    harness.advance_to(dataset.batch.results.back().updated_ms + testing::kDayMs);
    return second_game(vectors);
  };
  const auto won = leaked_vectors(40);
  const auto lost = leaked_vectors(0);
  ASSERT_EQ(won.size(), 2U);
  EXPECT_NE(serde::to_json(won[0]), serde::to_json(lost[0]));
}

TEST(TrainingRows, RowsAreTheStageVectorsWithLabelsAndMarketProbabilities) {
  auto games = two_meetings(35, 0);  // second meeting: away win
  const auto dataset = make_dataset(games);
  const auto rows = build_training_rows(dataset, "h2h", parse_timing("close"));
  ASSERT_EQ(rows.rows.size(), 2U);
  EXPECT_EQ(rows.classes, (std::vector<std::string>{"away", "home"}));
  EXPECT_EQ(rows.rows[0].label, 1);  // home won 35-17
  EXPECT_EQ(rows.rows[1].label, 0);
  const auto vectors = vectors_of(dataset);
  // The close row of the second game is the stage's last pre-kickoff vector of that game.
  EXPECT_EQ(rows.rows[1].features, vectors.back().feature_values);
  EXPECT_EQ(rows.feature_names, vectors.back().feature_names);
  ASSERT_TRUE(rows.rows[1].market_open && rows.rows[1].market_close);
  EXPECT_NEAR((*rows.rows[1].market_open)[0] + (*rows.rows[1].market_open)[1], 1.0, 1e-12);
  EXPECT_GT((*rows.rows[1].market_close)[1], (*rows.rows[1].market_open)[1]);  // home shortened
  const auto open_rows = build_training_rows(dataset, "h2h", parse_timing("open"));
  EXPECT_EQ(open_rows.rows[1].features, second_game(vectors)[0].feature_values);
}

}  // namespace
}  // namespace sharpline::backtest
