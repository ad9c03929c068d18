#include "domain/grading/grader.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sharpline::domain::grading {
namespace {

constexpr int64_t kGraded = 1'760'000'000'000;

const FinalScore kHomeBy4{"Home", "Away", 24, 20};

Opportunity value_bet(const std::string& book, double price, double stake) {
  Opportunity o;
  o.opportunity_id = "opp1";
  o.event_id = "ev1";
  o.sport = "americanfootball_nfl";
  o.market = "h2h";
  o.kind = "value";
  o.tier = "B";
  o.legs = {Leg{book, "Home", std::nullopt, price, stake, 0.5}};
  return o;
}

ClosingLine closing(double home_fair, double fanduel_close) {
  ClosingLine c;
  OutcomeView home;
  home.outcome = "Home";
  home.consensus_probability = home_fair;
  OutcomeView away;
  away.outcome = "Away";
  away.consensus_probability = 1 - home_fair;
  OutcomeView home_spread = home;
  home_spread.point = -3.0;
  home_spread.consensus_probability = 0.9;  // another line: must not be used
  c.consensus = {away, home_spread, home};
  market::BookPrice fanduel{"fanduel", "Home", std::nullopt, fanduel_close, 0, 0};
  market::BookPrice other{"pinnacle", "Home", std::nullopt, 1.50, 0, 0};
  market::BookPrice fanduel_spread{"fanduel", "Home", -3.0, 3.00, 0, 0};
  c.prices = {other, fanduel_spread, fanduel};
  return c;
}

TEST(GraderTest, WinningValueBetWithClosingLineValue) {
  const auto c = closing(0.55, 1.85);
  const auto grade = grade_opportunity(value_bet("fanduel", 2.10, 0.02), kHomeBy4, &c, kGraded);
  EXPECT_EQ(grade.opportunity_id, "opp1");
  EXPECT_EQ(grade.kind, "value");
  EXPECT_EQ(grade.strategy, "value:B");
  EXPECT_EQ(grade.graded_ms, kGraded);
  EXPECT_EQ(grade.home_score, 24);
  EXPECT_EQ(grade.away_score, 20);
  ASSERT_EQ(grade.legs.size(), 1u);
  const auto& leg = grade.legs[0];
  EXPECT_EQ(leg.result, LegResult::kWin);
  EXPECT_NEAR(leg.profit, 0.02 * 1.10, 1e-12);
  EXPECT_NEAR(grade.total_profit, 0.022, 1e-12);
  EXPECT_EQ(leg.closing_price, 1.85);
  EXPECT_EQ(leg.closing_fair_probability, 0.55);
  ASSERT_TRUE(leg.clv.has_value());
  EXPECT_NEAR(*leg.clv, 2.10 * 0.55 - 1, 1e-12);  // +15.5%
}

TEST(GraderTest, LosingBetAndNoClosingLine) {
  const auto grade =
      grade_opportunity(value_bet("fanduel", 2.10, 0.02), {"Home", "Away", 17, 20}, nullptr, 1);
  ASSERT_EQ(grade.legs.size(), 1u);
  EXPECT_EQ(grade.legs[0].result, LegResult::kLose);
  EXPECT_NEAR(grade.total_profit, -0.02, 1e-12);
  EXPECT_FALSE(grade.legs[0].clv.has_value());
  EXPECT_FALSE(grade.legs[0].closing_price.has_value());
}

TEST(GraderTest, ClosingPriceOnlyFromTheSameBook) {
  const auto c = closing(0.40, 1.85);
  const auto grade = grade_opportunity(value_bet("betmgm", 2.10, 0.01), kHomeBy4, &c, kGraded);
  EXPECT_FALSE(grade.legs[0].closing_price.has_value());
  ASSERT_TRUE(grade.legs[0].clv.has_value());
  EXPECT_NEAR(*grade.legs[0].clv, 2.10 * 0.40 - 1, 1e-12);  // negative CLV
}

TEST(GraderTest, ArbitrageProfitSumsTheLegs) {
  Opportunity o;
  o.opportunity_id = "arb";
  o.market = "h2h";
  o.kind = "arbitrage";
  o.tier = "A";
  const double booksum = 1 / 2.10 + 1 / 2.05;
  o.legs = {Leg{"betmgm", "Away", std::nullopt, 2.05, (1 / 2.05) / booksum, std::nullopt},
            Leg{"fanduel", "Home", std::nullopt, 2.10, (1 / 2.10) / booksum, std::nullopt}};
  const auto grade = grade_opportunity(o, kHomeBy4, nullptr, kGraded);
  EXPECT_EQ(grade.legs[0].result, LegResult::kLose);
  EXPECT_EQ(grade.legs[1].result, LegResult::kWin);
  EXPECT_NEAR(grade.total_profit, 1 / booksum - 1, 1e-12);
  EXPECT_EQ(grade.strategy, "arbitrage:A");
}

TEST(GraderTest, UngradableLegIsVoid) {
  auto o = value_bet("fanduel", 2.10, 0.02);
  o.legs[0].outcome = "Unknown Team";
  const auto grade = grade_opportunity(o, kHomeBy4, nullptr, kGraded);
  EXPECT_EQ(grade.legs[0].result, LegResult::kVoid);
  EXPECT_DOUBLE_EQ(grade.total_profit, 0.0);
}

Prediction prediction(const std::string& market, std::vector<PredictedOutcome> outcomes) {
  Prediction p;
  p.prediction_id = "pred1";
  p.event_id = "ev1";
  p.market = market;
  p.model_name = "elo";
  p.role = ModelRole::kChampion;
  p.outcomes = std::move(outcomes);
  return p;
}

TEST(GraderTest, PredictionBrierAndLogLossOnATwoWayMarket) {
  const auto p = prediction("h2h", {{"Home", std::nullopt, 0.6}, {"Away", std::nullopt, 0.4}});
  const auto grade = grade_prediction(p, kHomeBy4, kGraded);
  ASSERT_TRUE(grade.has_value());
  EXPECT_EQ(grade->kind, "prediction");
  EXPECT_EQ(grade->opportunity_id, "pred1");
  EXPECT_EQ(grade->strategy, "prediction:elo:champion");
  EXPECT_NEAR(*grade->probability_of_result, 0.6, 1e-12);
  EXPECT_NEAR(*grade->brier, 0.4 * 0.4 + 0.4 * 0.4, 1e-12);
  EXPECT_NEAR(*grade->log_loss, -std::log(0.6), 1e-12);

  const auto upset = grade_prediction(p, {"Home", "Away", 10, 20}, kGraded);
  ASSERT_TRUE(upset.has_value());
  EXPECT_NEAR(*upset->probability_of_result, 0.4, 1e-12);
  EXPECT_NEAR(*upset->brier, 0.36 + 0.36, 1e-12);
  EXPECT_NEAR(*upset->log_loss, -std::log(0.4), 1e-12);
}

TEST(GraderTest, PredictionAveragesOverGradedGroupsAndSkipsPushes) {
  // Spreads, home by 4: group -3 (Home wins), group -4 (push: skipped), group -6.5 (Away wins).
  const auto p = prediction("spreads", {{"Home", -3.0, 0.55},
                                        {"Away", 3.0, 0.45},
                                        {"Home", -4.0, 0.5},
                                        {"Away", 4.0, 0.5},
                                        {"Home", -6.5, 0.3},
                                        {"Away", 6.5, 0.7}});
  const auto grade = grade_prediction(p, kHomeBy4, kGraded);
  ASSERT_TRUE(grade.has_value());
  EXPECT_NEAR(*grade->probability_of_result, (0.55 + 0.7) / 2, 1e-12);
  EXPECT_NEAR(*grade->brier, (2 * 0.45 * 0.45 + 2 * 0.3 * 0.3) / 2, 1e-12);
  EXPECT_NEAR(*grade->log_loss, (-std::log(0.55) - std::log(0.7)) / 2, 1e-12);
}

TEST(GraderTest, PredictionWithOnlyATieIsNotGraded) {
  const auto p = prediction("h2h", {{"Home", std::nullopt, 0.6}, {"Away", std::nullopt, 0.4}});
  EXPECT_FALSE(grade_prediction(p, {"Home", "Away", 20, 20}, kGraded).has_value());
}

TEST(GraderTest, StrategyTotals) {
  Grade win;
  win.kind = "value";
  GradedLeg a;
  a.stake = 0.02;
  a.profit = 0.022;
  a.clv = 0.05;
  win.legs = {a};
  Grade loss;
  loss.kind = "value";
  GradedLeg b;
  b.stake = 0.01;
  b.profit = -0.01;
  b.clv = -0.02;
  GradedLeg c;  // no closing line
  c.stake = 0.01;
  c.profit = 0.0;
  loss.legs = {b, c};
  Grade predicted;
  predicted.kind = "prediction";
  predicted.legs = {a};

  StrategyTotals totals;
  EXPECT_DOUBLE_EQ(totals.roi(), 0.0);
  EXPECT_DOUBLE_EQ(totals.mean_clv(), 0.0);
  EXPECT_DOUBLE_EQ(totals.beat_close_share(), 0.0);
  totals.add(win);
  totals.add(loss);
  totals.add(predicted);  // ignored
  EXPECT_EQ(totals.bets, 2);
  EXPECT_NEAR(totals.stake, 0.04, 1e-12);
  EXPECT_NEAR(totals.profit, 0.012, 1e-12);
  EXPECT_NEAR(totals.roi(), 0.3, 1e-12);
  EXPECT_EQ(totals.clv_count, 2);
  EXPECT_NEAR(totals.mean_clv(), 0.015, 1e-12);
  EXPECT_EQ(totals.beat_close, 1);
  EXPECT_DOUBLE_EQ(totals.beat_close_share(), 0.5);
}

TEST(GraderTest, StrategyOfUsesKindAndTier) {
  Opportunity o;
  o.kind = "middle";
  EXPECT_EQ(strategy_of(o), "middle:-");
  o.tier = "C";
  EXPECT_EQ(strategy_of(o), "middle:C");
}

}  // namespace
}  // namespace sharpline::domain::grading
