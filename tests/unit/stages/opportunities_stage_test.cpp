#include "stages/opportunities_stage.hpp"

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

domain::OutcomeView outcome(const std::string& name, double best, const std::string& book,
                            double fair, int books = 6) {
  domain::OutcomeView o;
  o.outcome = name;
  o.best_price = best;
  o.best_book = book;
  o.consensus_probability = fair;
  o.books_quoting = books;
  return o;
}

domain::FeatureVector vector_at(int64_t as_of, std::vector<domain::OutcomeView> outcomes,
                                const std::string& event = kEvent, int64_t kickoff = kKickoff) {
  domain::FeatureVector v;
  v.event_id = event;
  v.sport = "americanfootball_nfl";
  v.market = "h2h";
  v.as_of_ms = as_of;
  v.trigger = "price_move";
  v.outcomes = std::move(outcomes);
  v.consensus_method = "weighted_shin";
  v.commence_ms = kickoff;
  return v;
}

class OpportunitiesStageTest : public ::testing::Test {
 protected:
  OpportunitiesStageTest()
      : serde_(testing::make_topic_serde()),
        harness_(opportunities_stage(std::make_shared<RecordCodec>(serde_), PipelineOptions{}),
                 serde_) {}
  std::shared_ptr<serde::TopicSerde> serde_;
  testing::StageHarness harness_;
};

TEST_F(OpportunitiesStageTest, ArbitrageOpensUpdatesAndClosesWithAlerts) {
  const int64_t t0 = kKickoff - 48 * kHour;
  // betus hangs a stale Saints price: 1/2.95 + 1/1.645 < 1.
  auto v = vector_at(t0, {outcome("San Francisco 49ers", 1.645, "betonlineag", 0.62),
                          outcome("New Orleans Saints", 2.95, "betus", 0.38)});
  harness_.pipe(kFeaturesTopic, v, t0);
  auto opened = harness_.take(kOpportunitiesTopic);
  std::vector<json> arbs;
  for (const auto& o : opened) {
    if (o["kind"] == "arbitrage") arbs.push_back(o);
  }
  ASSERT_EQ(arbs.size(), 1U);
  EXPECT_EQ(arbs[0]["state"], "OPEN");
  EXPECT_NEAR(arbs[0]["arbitrage_return"].get<double>(), 1 / (1 / 2.95 + 1 / 1.645) - 1, 1e-12);
  EXPECT_EQ(arbs[0]["tier"], "A");
  ASSERT_EQ(arbs[0]["legs"].size(), 2U);
  // Legs in outcome-name order, each at the book with the best price.
  EXPECT_EQ(arbs[0]["legs"][0]["bookmaker"], "betus");
  EXPECT_EQ(arbs[0]["legs"][0]["outcome"], "New Orleans Saints");
  EXPECT_EQ(arbs[0]["legs"][1]["bookmaker"], "betonlineag");
  // Equal payout, 5% of bankroll (kelly_cap) in all.
  EXPECT_NEAR(arbs[0]["legs"][0]["stake"].get<double>(), 0.05 * (1 / 2.95) / (1 / 2.95 + 1 / 1.645),
              1e-12);
  const std::string id = arbs[0]["opportunity_id"];
  // The stale price also makes a value bet (0.38 * 2.95 - 1 = +12.1%).
  EXPECT_TRUE(std::any_of(opened.begin(), opened.end(),
                          [](const json& o) { return o["kind"] == "value"; }));
  auto alerts = harness_.take(kAlertsTopic);
  ASSERT_EQ(alerts.size(), opened.size());
  EXPECT_EQ(alerts[0]["severity"], "high");

  // The same vector again: nothing new.
  harness_.pipe(kFeaturesTopic, v, t0 + kHour);
  EXPECT_TRUE(harness_.take(kOpportunitiesTopic).empty());
  // betus improves further: the arbitrage is UPDATED (same id), no alert.
  v.as_of_ms = t0 + 2 * kHour;
  v.outcomes[1].best_price = 3.05;
  harness_.pipe(kFeaturesTopic, v, v.as_of_ms);
  bool updated = false;
  for (const auto& o : harness_.take(kOpportunitiesTopic)) {
    if (o["opportunity_id"] == id) {
      EXPECT_EQ(o["state"], "UPDATED");
      EXPECT_EQ(o["detected_ms"], t0);
      updated = true;
    }
  }
  EXPECT_TRUE(updated);
  EXPECT_TRUE(harness_.take(kAlertsTopic).empty());
  // betus fixes its line: everything closes, price_moved.
  v.as_of_ms = t0 + 3 * kHour;
  v.outcomes[1].best_price = 2.30;
  v.outcomes[1].best_book = "pinnacle";
  harness_.pipe(kFeaturesTopic, v, v.as_of_ms);
  const auto closed = harness_.take(kOpportunitiesTopic);
  ASSERT_FALSE(closed.empty());
  for (const auto& o : closed) {
    EXPECT_EQ(o["state"], "CLOSED");
    EXPECT_EQ(o["closed_reason"], "price_moved");
  }
  EXPECT_EQ(harness_.take(kAlertsTopic).size(), closed.size());
}

TEST_F(OpportunitiesStageTest, KickoffClosesWhatIsOpen) {
  const int64_t t0 = kKickoff - 5 * kHour;
  // One partition, so a later game's vector moves the same stream time past this kickoff.
  testing::StageHarness single(
      opportunities_stage(std::make_shared<RecordCodec>(serde_), PipelineOptions{}), serde_, 1);
  single.pipe(kFeaturesTopic,
              vector_at(t0, {outcome("San Francisco 49ers", 1.645, "betonlineag", 0.62),
                             outcome("New Orleans Saints", 2.95, "betus", 0.38)}),
              t0);
  const auto opened = single.take(kOpportunitiesTopic).size();
  ASSERT_GT(opened, 0U);
  const std::string later = "americanfootball_nfl:2025-09-15:chicago-bears@minnesota-vikings";
  single.pipe(kFeaturesTopic,
              vector_at(kKickoff + kHour,
                        {outcome("Chicago Bears", 2.0, "pinnacle", 0.48),
                         outcome("Minnesota Vikings", 1.9, "pinnacle", 0.52)},
                        later, kKickoff + 30 * kHour),
              kKickoff + kHour);
  const auto closed = single.take(kOpportunitiesTopic);
  ASSERT_EQ(closed.size(), opened);
  for (const auto& o : closed) {
    EXPECT_EQ(o["closed_reason"], "event_started");
    EXPECT_EQ(o["as_of_ms"], kKickoff);
  }
}

TEST_F(OpportunitiesStageTest, OpenOpportunitiesSurviveARestart) {
  const int64_t t0 = kKickoff - 48 * kHour;
  auto v = vector_at(t0, {outcome("San Francisco 49ers", 1.645, "betonlineag", 0.62),
                          outcome("New Orleans Saints", 2.95, "betus", 0.38)});
  harness_.pipe(kFeaturesTopic, v, t0);
  const auto opened = harness_.take(kOpportunitiesTopic);
  ASSERT_FALSE(opened.empty());
  harness_.driver().restart_from_changelogs();
  // After the restart the stage still knows what is open: no second OPEN, and the fix of the
  // line closes exactly what had opened.
  harness_.pipe(kFeaturesTopic, v, t0 + kHour);
  EXPECT_TRUE(harness_.take(kOpportunitiesTopic).empty());
  v.as_of_ms = t0 + 2 * kHour;
  v.outcomes[1].best_price = 2.30;
  v.outcomes[1].best_book = "pinnacle";
  harness_.pipe(kFeaturesTopic, v, v.as_of_ms);
  const auto closed = harness_.take(kOpportunitiesTopic);
  ASSERT_EQ(closed.size(), opened.size());
  for (std::size_t i = 0; i < closed.size(); ++i) {
    EXPECT_EQ(closed[i]["state"], "CLOSED");
    EXPECT_EQ(closed[i]["opportunity_id"], opened[i]["opportunity_id"]);
  }
}

TEST_F(OpportunitiesStageTest, NoEdgeNoOpportunity) {
  harness_.pipe(
      kFeaturesTopic,
      vector_at(kKickoff - kHour, {outcome("San Francisco 49ers", 1.60, "pinnacle", 0.61),
                                   outcome("New Orleans Saints", 2.40, "pinnacle", 0.39)}),
      kKickoff - kHour);
  EXPECT_TRUE(harness_.take(kOpportunitiesTopic).empty());
  EXPECT_TRUE(harness_.take(kAlertsTopic).empty());
}

}  // namespace
}  // namespace sharpline::stages
