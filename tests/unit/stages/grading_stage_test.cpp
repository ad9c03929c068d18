#include "stages/grading_stage.hpp"

#include <gtest/gtest.h>

#include "stage_test_support.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using nlohmann::json;

constexpr const char* kEvent =
    "americanfootball_nfl:2025-09-14:san-francisco-49ers@new-orleans-saints";
constexpr int64_t kKickoff = 1757869200000;
constexpr int64_t kHour = 3600000;

domain::Opportunity value_bet(int64_t at) {
  domain::Opportunity o;
  o.opportunity_id = "0123456789abcdef";
  o.event_id = kEvent;
  o.sport = "americanfootball_nfl";
  o.market = "h2h";
  o.commence_ms = kKickoff;
  o.kind = "value";
  o.state = domain::OpportunityState::kOpen;
  o.legs = {{"betus", "New Orleans Saints", std::nullopt, 2.95, 0.02, 0.38}};
  o.expected_value = 0.121;
  o.tier = "A";
  o.detected_ms = at;
  o.as_of_ms = at;
  return o;
}

domain::OddsQuote closing_quote(double price, int64_t at) {
  domain::OddsQuote q;
  q.event_id = kEvent;
  q.sport = "americanfootball_nfl";
  q.commence_ms = kKickoff;
  q.bookmaker = "betus";
  q.market = "h2h";
  q.outcome = "New Orleans Saints";
  q.price = price;
  q.observed_ms = at;
  q.source = "the-odds-api";
  return q;
}

domain::FeatureVector closing_vector(double saints, int64_t at) {
  domain::FeatureVector v;
  v.event_id = kEvent;
  v.sport = "americanfootball_nfl";
  v.market = "h2h";
  v.as_of_ms = at;
  v.trigger = "price_move";
  v.consensus_method = "weighted_shin";
  v.commence_ms = kKickoff;
  domain::OutcomeView a;
  a.outcome = "San Francisco 49ers";
  a.best_price = 1.6;
  a.best_book = "pinnacle";
  a.consensus_probability = 1 - saints;
  a.books_quoting = 5;
  domain::OutcomeView b = a;
  b.outcome = "New Orleans Saints";
  b.consensus_probability = saints;
  v.outcomes = {a, b};
  return v;
}

domain::GameResult final_score(int home, int away, int64_t at) {
  domain::GameResult r;
  r.event_id = kEvent;
  r.sport = "americanfootball_nfl";
  r.status = "final";
  r.is_final = true;
  r.home_score = home;
  r.away_score = away;
  r.updated_ms = at;
  r.source = "nflverse";
  return r;
}

class GradingStageTest : public ::testing::Test {
 protected:
  GradingStageTest()
      : serde_(testing::make_topic_serde()),
        harness_(grading_stage(std::make_shared<RecordCodec>(serde_), PipelineOptions{}), serde_) {}
  std::shared_ptr<serde::TopicSerde> serde_;
  testing::StageHarness harness_;
};

TEST_F(GradingStageTest, GradesTheBetAsTakenWithClosingLineValue) {
  const int64_t t0 = kKickoff - 48 * kHour;
  harness_.pipe(kOpportunitiesTopic, value_bet(t0), t0);
  harness_.pipe(kOddsTopic, closing_quote(2.70, kKickoff - kHour), kKickoff - kHour);
  harness_.pipe(kFeaturesTopic, closing_vector(0.42, kKickoff - kHour), kKickoff - kHour);
  // In-play prices are not the close.
  harness_.pipe(kOddsTopic, closing_quote(5.00, kKickoff + kHour), kKickoff + kHour);
  harness_.pipe(kFeaturesTopic, closing_vector(0.10, kKickoff + kHour), kKickoff + kHour);
  EXPECT_TRUE(harness_.take(kGradesTopic).empty());

  harness_.pipe(kResultsTopic, final_score(26, 21, kKickoff + 4 * kHour), kKickoff + 4 * kHour);
  const auto grades = harness_.take(kGradesTopic);
  ASSERT_EQ(grades.size(), 1U);
  const json& g = grades[0];
  EXPECT_EQ(g["opportunity_id"], "0123456789abcdef");
  EXPECT_EQ(g["strategy"], "value:A");
  EXPECT_EQ(g["home_score"], 26);
  ASSERT_EQ(g["legs"].size(), 1U);
  EXPECT_EQ(g["legs"][0]["result"], "WIN");
  EXPECT_NEAR(g["legs"][0]["profit"].get<double>(), 0.02 * 1.95, 1e-12);
  EXPECT_DOUBLE_EQ(g["legs"][0]["closing_price"].get<double>(), 2.70);
  EXPECT_DOUBLE_EQ(g["legs"][0]["closing_fair_probability"].get<double>(), 0.42);
  EXPECT_NEAR(g["legs"][0]["clv"].get<double>(), 2.95 * 0.42 - 1, 1e-12);
  EXPECT_NEAR(g["total_profit"].get<double>(), 0.039, 1e-12);
  EXPECT_EQ(g["graded_ms"], kKickoff + 4 * kHour);
}

TEST_F(GradingStageTest, LateArrivalsAreGradedAtOnceAndOnlyOpenRecordsCount) {
  harness_.pipe(kResultsTopic, final_score(10, 24, kKickoff + 4 * kHour), kKickoff + 4 * kHour);
  EXPECT_TRUE(harness_.take(kGradesTopic).empty());
  auto updated = value_bet(kKickoff - kHour);
  updated.state = domain::OpportunityState::kUpdated;
  harness_.pipe(kOpportunitiesTopic, updated, kKickoff - kHour);
  EXPECT_TRUE(harness_.take(kGradesTopic).empty()) << "a bet is taken when it opens";
  harness_.pipe(kOpportunitiesTopic, value_bet(kKickoff - kHour), kKickoff - kHour);
  const auto grades = harness_.take(kGradesTopic);
  ASSERT_EQ(grades.size(), 1U);
  EXPECT_EQ(grades[0]["legs"][0]["result"], "LOSE");
  EXPECT_DOUBLE_EQ(grades[0]["total_profit"].get<double>(), -0.02);
  EXPECT_TRUE(grades[0]["legs"][0]["clv"].is_null()) << "no closing line was seen";
}

TEST_F(GradingStageTest, WhatWaitsForTheResultSurvivesARestart) {
  const int64_t t0 = kKickoff - 48 * kHour;
  harness_.pipe(kOpportunitiesTopic, value_bet(t0), t0);
  harness_.pipe(kOddsTopic, closing_quote(2.70, kKickoff - kHour), kKickoff - kHour);
  harness_.pipe(kFeaturesTopic, closing_vector(0.42, kKickoff - kHour), kKickoff - kHour);
  harness_.driver().restart_from_changelogs();
  harness_.pipe(kResultsTopic, final_score(26, 21, kKickoff + 4 * kHour), kKickoff + 4 * kHour);
  const auto grades = harness_.take(kGradesTopic);
  ASSERT_EQ(grades.size(), 1U);
  EXPECT_EQ(grades[0]["legs"][0]["result"], "WIN");
  EXPECT_DOUBLE_EQ(grades[0]["legs"][0]["closing_price"].get<double>(), 2.70);
  EXPECT_NEAR(grades[0]["legs"][0]["clv"].get<double>(), 2.95 * 0.42 - 1, 1e-12);
  // The stored result survives too: a second copy of the result grades nothing again.
  harness_.driver().restart_from_changelogs();
  harness_.pipe(kResultsTopic, final_score(26, 21, kKickoff + 5 * kHour), kKickoff + 5 * kHour);
  EXPECT_TRUE(harness_.take(kGradesTopic).empty());
}

TEST_F(GradingStageTest, PredictionsAreScored) {
  domain::Prediction p;
  p.prediction_id = "p1";
  p.event_id = kEvent;
  p.sport = "americanfootball_nfl";
  p.market = "h2h";
  p.as_of_ms = kKickoff - kHour;
  p.created_ms = kKickoff - kHour;
  p.model_name = "market_consensus";
  p.model_version = "weighted_shin";
  p.role = domain::ModelRole::kConsensus;
  p.outcomes = {{"San Francisco 49ers", std::nullopt, 0.6},
                {"New Orleans Saints", std::nullopt, 0.4}};
  p.lock_sha256 = std::string(64, '0');
  p.commence_ms = kKickoff;
  harness_.pipe(kPredictionsTopic, p, p.as_of_ms);
  harness_.pipe(kResultsTopic, final_score(26, 21, kKickoff + 4 * kHour), kKickoff + 4 * kHour);
  const auto grades = harness_.take(kGradesTopic);
  ASSERT_EQ(grades.size(), 1U);
  EXPECT_EQ(grades[0]["kind"], "prediction");
  EXPECT_DOUBLE_EQ(grades[0]["probability_of_result"].get<double>(), 0.4);
  EXPECT_NEAR(grades[0]["brier"].get<double>(), 0.36 + 0.36, 1e-12);
  EXPECT_NEAR(grades[0]["log_loss"].get<double>(), -std::log(0.4), 1e-12);
}

TEST_F(GradingStageTest, FinalWithoutScoresIsDeadLettered) {
  auto r = final_score(1, 0, kKickoff + 4 * kHour);
  r.home_score.reset();
  EXPECT_EQ(harness_.pipe(kResultsTopic, r, kKickoff + 4 * kHour),
            runtime::stream::RecordOutcome::kDeadLettered);
}

// A final result is remembered for late bets for 120 days after the game day, then forgotten
// (the hourly stream-time sweep, also after a restart); another event's keys in the same store
// stay.
TEST(GradingStageRetention, AFinalResultIsKeptFor120DaysThenForgotten) {
  auto serde = testing::make_topic_serde();
  testing::StageHarness harness(
      grading_stage(std::make_shared<RecordCodec>(serde), PipelineOptions{}), serde, 1);
  constexpr int64_t kDay = 24 * kHour;
  harness.pipe(kResultsTopic, final_score(10, 24, kKickoff + 4 * kHour), kKickoff + 4 * kHour);
  // Another, later event moves the stream time on.
  auto later = closing_quote(2.0, kKickoff + 100 * kDay);
  later.event_id = "americanfootball_nfl:2026-09-13:buffalo-bills@kansas-city-chiefs";
  later.commence_ms = kKickoff + 365 * kDay;
  harness.pipe(kOddsTopic, later, later.observed_ms);
  harness.pipe(kOpportunitiesTopic, value_bet(kKickoff - kHour), kKickoff - kHour);
  EXPECT_EQ(harness.take(kGradesTopic).size(), 1U) << "day 100: the result is still known";

  // A restart rebuilds the sweep's schedule from the restored store.
  harness.driver().restart_from_changelogs();
  // The first record after a restart starts the punctuation schedule; the next hour sweeps.
  for (const int64_t at : {kKickoff + 125 * kDay, kKickoff + 125 * kDay + 2 * kHour}) {
    later.observed_ms = at;
    harness.pipe(kOddsTopic, later, at);
  }
  auto another = value_bet(kKickoff - kHour);
  another.opportunity_id = "fedcba9876543210";
  harness.pipe(kOpportunitiesTopic, another, kKickoff - kHour);
  EXPECT_TRUE(harness.take(kGradesTopic).empty()) << "day 125: the result is forgotten";
}

}  // namespace
}  // namespace sharpline::stages
