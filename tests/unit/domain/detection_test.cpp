#include "domain/opportunities/detection.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/odds/kelly.hpp"
#include "domain/opportunities/alert_text.hpp"
#include "domain/opportunities/tiers.hpp"

namespace sharpline::domain::opportunities {
namespace {

constexpr int64_t kAsOf = 1'757'800'000'000;
constexpr int64_t kCommence = 1'757'872'800'000;  // 2025-09-14 18:00Z

OutcomeView outcome(const std::string& name, std::optional<double> point, double best,
                    const std::string& book, double p, int books) {
  OutcomeView o;
  o.outcome = name;
  o.point = point;
  o.best_price = best;
  o.best_book = book;
  o.consensus_probability = p;
  o.books_quoting = books;
  return o;
}

FeatureVector vector_of(const std::string& market, std::vector<OutcomeView> outcomes) {
  FeatureVector v;
  v.event_id = "ev1";
  v.sport = "americanfootball_nfl";
  v.market = market;
  v.as_of_ms = kAsOf;
  v.commence_ms = kCommence;
  v.outcomes = std::move(outcomes);
  return v;
}

std::vector<Opportunity> of_kind(const std::vector<Opportunity>& all, const std::string& kind) {
  std::vector<Opportunity> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Opportunity& o) { return o.kind == kind; });
  return out;
}

// ---- value ----------------------------------------------------------------------------------

TEST(DetectionTest, ValueBetWithEvAndQuarterKellyStake) {
  // Home 2.20 with p 0.48: EV 5.6%; Away 1.80 with p 0.52: EV -6.4%. Booksum > 1: no arbitrage.
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.80, "pinnacle", 0.52, 4),
                                   outcome("Home", std::nullopt, 2.20, "fanduel", 0.48, 4)});
  const auto found = detect(v, std::nullopt, DetectionOptions{});
  ASSERT_EQ(found.size(), 1u);
  const auto& o = found[0];
  EXPECT_EQ(o.kind, "value");
  EXPECT_EQ(o.state, OpportunityState::kOpen);
  EXPECT_EQ(o.event_id, "ev1");
  EXPECT_EQ(o.market, "h2h");
  EXPECT_EQ(o.detected_ms, kAsOf);
  EXPECT_EQ(o.as_of_ms, kAsOf);
  EXPECT_EQ(o.commence_ms, kCommence);
  ASSERT_EQ(o.legs.size(), 1u);
  EXPECT_EQ(o.legs[0].bookmaker, "fanduel");
  EXPECT_EQ(o.legs[0].outcome, "Home");
  EXPECT_DOUBLE_EQ(o.legs[0].price, 2.20);
  EXPECT_EQ(o.legs[0].fair_probability, 0.48);
  ASSERT_TRUE(o.expected_value.has_value());
  EXPECT_NEAR(*o.expected_value, 0.056, 1e-12);
  // Full Kelly (0.48 * 2.2 - 1) / 1.2; the Away side is not worth adding (0.936 < R).
  const double full = 0.056 / 1.2;
  ASSERT_TRUE(o.kelly_fraction.has_value());
  EXPECT_NEAR(*o.kelly_fraction, full, 1e-12);
  EXPECT_NEAR(*o.kelly_fraction, odds::kelly_fraction(2.20, 0.48), 1e-15);
  EXPECT_NEAR(o.legs[0].stake, 0.25 * full, 1e-12);
  const std::vector<double> prices{1.80, 2.20};
  const std::vector<double> probabilities{0.52, 0.48};
  const auto expected = odds::kelly(prices, probabilities, {0.25, 0.05});
  EXPECT_NEAR(o.legs[0].stake, expected.stakes[1], 1e-15);
  EXPECT_EQ(o.tier, "B");  // EV >= 3% with 4 books (A needs 6)
  EXPECT_EQ(o.opportunity_id, opportunity_id(o));
  EXPECT_EQ(o.opportunity_id.size(), 16u);
}

TEST(DetectionTest, OutcomesWithoutABettablePriceAreSkippedNotStaked) {
  // bettable_books left no price for Away (best_price 0): Home is still a value bet, and no
  // arbitrage or Kelly over a missing price is attempted.
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 0.0, "", 0.52, 4),
                                   outcome("Home", std::nullopt, 2.20, "fanduel", 0.48, 4)});
  DetectionOptions options;
  options.min_arbitrage_return = 0.0;
  const auto found = detect(v, std::nullopt, options);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, "value");
  EXPECT_EQ(found[0].legs[0].outcome, "Home");
  const auto none = detect(vector_of("h2h", {outcome("Away", std::nullopt, 0.0, "", 0.52, 4),
                                             outcome("Home", std::nullopt, 0.0, "", 0.48, 4)}),
                           std::nullopt, options);
  EXPECT_TRUE(none.empty());
}

TEST(DetectionTest, ValueStakeIsCappedAtKellyCap) {
  // Home 3.00 with p 0.45: EV 35%, full Kelly 0.175, a quarter 0.04375; cap 0.02.
  // Away 1.45 * 0.55 = 0.7975 < R = 0.55 / (1 - 1/3): Home alone is staked.
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.45, "pinnacle", 0.55, 6),
                                   outcome("Home", std::nullopt, 3.00, "fanduel", 0.45, 6)});
  DetectionOptions options;
  options.kelly_cap = 0.02;
  const auto found = of_kind(detect(v, std::nullopt, options), "value");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(found[0].legs[0].stake, 0.02, 1e-12);
  EXPECT_EQ(found[0].tier, "A");
}

TEST(DetectionTest, ValueNeedsMinBooksMinEvAndMinProbability) {
  const auto make = [](int books, double p_home, double price) {
    return vector_of("h2h", {outcome("Away", std::nullopt, 1.50, "pinnacle", 1 - p_home, books),
                             outcome("Home", std::nullopt, price, "fanduel", p_home, books)});
  };
  const auto home_values = [](const FeatureVector& v) {
    std::size_t n = 0;
    for (const auto& o : detect(v, std::nullopt, {})) {
      if (o.kind == "value" && o.legs.at(0).outcome == "Home") ++n;
    }
    return n;
  };
  EXPECT_EQ(home_values(make(3, 0.48, 2.20)), 1u);
  EXPECT_EQ(home_values(make(2, 0.48, 2.20)), 0u);
  // EV 0.48 * 2.1 - 1 = 0.8% < 2%.
  EXPECT_EQ(home_values(make(5, 0.48, 2.10)), 0u);
  // p 0.015 < min_probability even though EV = 0.015 * 80 - 1 = 20%.
  EXPECT_EQ(home_values(make(5, 0.015, 80.0)), 0u);
  DetectionOptions low;
  low.min_probability = 0.01;
  EXPECT_EQ(of_kind(detect(make(5, 0.015, 80.0), std::nullopt, low), "value").size(), 2u);
}

TEST(DetectionTest, RelaxedDetectionKeepsAValueBetBelowTheOpeningThreshold) {
  // EV 0.509 * 2.0 - 1 = 1.8%: below 2%, above 2% - 0.5%.
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.80, "pinnacle", 0.491, 4),
                                   outcome("Home", std::nullopt, 2.00, "fanduel", 0.509, 4)});
  EXPECT_TRUE(detect(v, std::nullopt, {}, false).empty());
  const auto relaxed = detect(v, std::nullopt, {}, true);
  ASSERT_EQ(relaxed.size(), 1u);
  EXPECT_EQ(relaxed[0].tier, "D");
}

TEST(DetectionTest, ModelProbabilitiesReplaceTheConsensusAndRecordThePrediction) {
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.80, "pinnacle", 0.55, 4),
                                   outcome("Home", std::nullopt, 2.20, "fanduel", 0.45, 4)});
  Prediction prediction;
  prediction.prediction_id = "pred-1";
  prediction.outcomes = {{"Home", std::nullopt, 0.50}, {"Away", std::nullopt, 0.50}};
  EXPECT_TRUE(of_kind(detect(v, prediction, {}), "value").empty());  // consensus source
  DetectionOptions options;
  options.source = ProbabilitySource::kModel;
  const auto found = of_kind(detect(v, prediction, options), "value");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NEAR(*found[0].expected_value, 0.10, 1e-12);
  EXPECT_EQ(found[0].prediction_id, "pred-1");
}

TEST(DetectionTest, ModelCoveringOnlyPartOfALineIsNotUsedForThatLine) {
  // The prediction names only Home: it does not cover the line, so the consensus prices it
  // (mixing 0.60 with the consensus 0.55 for Away would be a "probability" sum of 1.15).
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.80, "pinnacle", 0.55, 4),
                                   outcome("Home", std::nullopt, 2.20, "fanduel", 0.45, 4)});
  Prediction prediction;
  prediction.prediction_id = "pred-1";
  prediction.outcomes = {{"Home", std::nullopt, 0.60}};
  DetectionOptions options;
  options.source = ProbabilitySource::kModel;
  std::vector<Opportunity> found;
  ASSERT_NO_THROW(found = detect(v, prediction, options));
  EXPECT_TRUE(found.empty());  // consensus: Home EV 0.45 * 2.2 - 1 < 0
  // A 3-way line with a model covering only the two teams: the consensus prices all three.
  const auto three = vector_of("h2h", {outcome("Away", std::nullopt, 4.20, "a", 0.25, 4),
                                       outcome("Draw", std::nullopt, 3.60, "b", 0.27, 4),
                                       outcome("Home", std::nullopt, 2.00, "c", 0.48, 4)});
  prediction.outcomes = {{"Home", std::nullopt, 0.55}, {"Away", std::nullopt, 0.45}};
  ASSERT_NO_THROW(found = detect(three, prediction, options));
  ASSERT_EQ(found.size(), 1u);  // Away 0.25 * 4.2 - 1 = 5%
  EXPECT_EQ(found[0].legs[0].outcome, "Away");
  EXPECT_NEAR(*found[0].expected_value, 0.05, 1e-12);
  EXPECT_EQ(found[0].prediction_id, std::nullopt);
}

// ---- arbitrage ------------------------------------------------------------------------------

TEST(DetectionTest, ArbitrageOnATwoWayLine) {
  // Two books only: the value rule (min_books 3) stays quiet.
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 2.05, "betmgm", 0.5, 2),
                                   outcome("Home", std::nullopt, 2.10, "fanduel", 0.5, 2)});
  const auto found = detect(v, std::nullopt, {});
  ASSERT_EQ(found.size(), 1u);
  const auto& o = found[0];
  EXPECT_EQ(o.kind, "arbitrage");
  const double booksum = 1 / 2.10 + 1 / 2.05;
  ASSERT_TRUE(o.arbitrage_return.has_value());
  EXPECT_NEAR(*o.arbitrage_return, 1 / booksum - 1, 1e-12);
  ASSERT_EQ(o.legs.size(), 2u);
  EXPECT_EQ(o.legs[0].outcome, "Away");
  EXPECT_EQ(o.legs[0].bookmaker, "betmgm");
  EXPECT_DOUBLE_EQ(o.legs[0].price, 2.05);
  // Equal-payout shares of a total stake of kelly_cap (5% of bankroll).
  EXPECT_NEAR(o.legs[0].stake, 0.05 * (1 / 2.05) / booksum, 1e-12);
  EXPECT_EQ(o.legs[1].outcome, "Home");
  EXPECT_EQ(o.legs[1].bookmaker, "fanduel");
  EXPECT_NEAR(o.legs[1].stake, 0.05 * (1 / 2.10) / booksum, 1e-12);
  EXPECT_NEAR(o.legs[0].stake + o.legs[1].stake, 0.05, 1e-12);
  // Equal payout either way.
  EXPECT_NEAR(o.legs[0].stake * 2.05, o.legs[1].stake * 2.10, 1e-12);
  EXPECT_EQ(o.tier, "A");  // 3.7%
  EXPECT_FALSE(o.expected_value.has_value());
}

TEST(DetectionTest, NoArbitrageWhenOverRound) {
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.95, "betmgm", 0.5, 2),
                                   outcome("Home", std::nullopt, 2.00, "fanduel", 0.5, 2)});
  EXPECT_TRUE(detect(v, std::nullopt, {}).empty());
}

// ---- middles --------------------------------------------------------------------------------

TEST(DetectionTest, SpreadMiddleWithOneWholeNumberResult) {
  // A +3.5 @ 1.91 and B -2.5 @ 1.91: both win when A loses by exactly 3.
  const auto v = vector_of(
      "spreads",
      {outcome("A", 3.5, 1.91, "fanduel", 0.5, 2), outcome("B", -3.5, 1.91, "pinnacle", 0.5, 2),
       outcome("A", 2.5, 1.80, "pinnacle", 0.5, 2), outcome("B", -2.5, 1.91, "betmgm", 0.5, 2)});
  // At 1.91 both sides, losing one costs 4.5%: above the 4% default, inside a 5% limit.
  EXPECT_TRUE(of_kind(detect(v, std::nullopt, {}), "middle").empty());
  DetectionOptions options;
  options.middle_max_cost = 0.05;
  const auto middles = of_kind(detect(v, std::nullopt, options), "middle");
  ASSERT_EQ(middles.size(), 1u);
  const auto& o = middles[0];
  ASSERT_EQ(o.legs.size(), 2u);
  EXPECT_EQ(o.legs[0].outcome, "A");
  EXPECT_EQ(o.legs[0].point, 3.5);
  EXPECT_EQ(o.legs[0].bookmaker, "fanduel");
  EXPECT_EQ(o.legs[1].outcome, "B");
  EXPECT_EQ(o.legs[1].point, -2.5);
  EXPECT_EQ(o.legs[1].bookmaker, "betmgm");
  // Equal split (same prices) of a total stake of kelly_cap.
  EXPECT_NEAR(o.legs[0].stake, 0.025, 1e-12);
  EXPECT_NEAR(o.legs[1].stake, 0.025, 1e-12);
  ASSERT_TRUE(o.middle_gap.has_value());
  EXPECT_NEAR(*o.middle_gap, 1.0, 1e-12);
  // One side wins: 1.91 * 1.91 / 3.82 - 1 = -4.5% cost: within 5%, over 4% -> tier D.
  EXPECT_EQ(o.tier, "D");
  EXPECT_TRUE(of_kind(detect(v, std::nullopt, {}), "arbitrage").empty());
}

TEST(DetectionTest, MiddleCostingMoreThanTheMaximumIsSkipped) {
  const auto v = vector_of(
      "spreads",
      {outcome("A", 3.5, 1.91, "fanduel", 0.5, 2), outcome("B", -3.5, 1.91, "pinnacle", 0.5, 2),
       outcome("A", 2.5, 1.80, "pinnacle", 0.5, 2), outcome("B", -2.5, 1.91, "betmgm", 0.5, 2)});
  DetectionOptions options;
  options.middle_max_cost = 0.04;
  EXPECT_TRUE(of_kind(detect(v, std::nullopt, options), "middle").empty());
}

TEST(DetectionTest, TotalsMiddleOverLowUnderHigh) {
  // Over 44.5 and Under 45.5 at 1.96: T = 45 wins both; cost 1 - 0.98 = 2%.
  const auto v = vector_of("totals", {outcome("Over", 44.5, 1.96, "fanduel", 0.5, 2),
                                      outcome("Under", 44.5, 1.85, "pinnacle", 0.5, 2),
                                      outcome("Over", 45.5, 1.80, "pinnacle", 0.5, 2),
                                      outcome("Under", 45.5, 1.96, "betmgm", 0.5, 2)});
  const auto middles = of_kind(detect(v, std::nullopt, {}), "middle");
  ASSERT_EQ(middles.size(), 1u);
  EXPECT_EQ(middles[0].legs[0].outcome, "Over");
  EXPECT_EQ(middles[0].legs[0].point, 44.5);
  EXPECT_EQ(middles[0].legs[1].outcome, "Under");
  EXPECT_EQ(middles[0].legs[1].point, 45.5);
  EXPECT_NEAR(*middles[0].middle_gap, 1.0, 1e-12);
  EXPECT_EQ(middles[0].tier, "B");  // 1 whole result, cost 2% <= 2.5%
}

// ---- steam ----------------------------------------------------------------------------------

FeatureVector steam_vector(SteamDirection direction) {
  auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.85, "a", 0.50, 5),
                             outcome("Home", std::nullopt, 2.10, "e", 0.50, 5)});
  Steam steam;
  steam.outcome = "Home";
  steam.direction = direction;
  steam.books_moved = {"a", "b", "c"};
  steam.books_not_moved = {"d", "e"};
  steam.stale_prices = {2.05, 2.10};
  v.steam = steam;
  return v;
}

TEST(DetectionTest, SteamBetsTheBestStalePrice) {
  const auto v = steam_vector(SteamDirection::kShortening);
  const auto found = of_kind(detect(v, std::nullopt, {}), "steam");
  ASSERT_EQ(found.size(), 1u);
  const auto& o = found[0];
  ASSERT_EQ(o.legs.size(), 1u);
  EXPECT_EQ(o.legs[0].bookmaker, "e");
  EXPECT_EQ(o.legs[0].outcome, "Home");
  EXPECT_DOUBLE_EQ(o.legs[0].price, 2.10);
  EXPECT_NEAR(*o.expected_value, 0.05, 1e-12);
  const double full = 0.05 / 1.10;
  EXPECT_NEAR(*o.kelly_fraction, full, 1e-12);
  EXPECT_NEAR(o.legs[0].stake, 0.25 * full, 1e-12);
  EXPECT_EQ(o.tier, "B");  // 3 books, EV >= 1%
}

TEST(DetectionTest, NoSteamOpportunityWhenDriftingOrBelowSteamMinEv) {
  EXPECT_TRUE(
      of_kind(detect(steam_vector(SteamDirection::kDrifting), std::nullopt, {}), "steam").empty());
  DetectionOptions options;
  options.steam_min_ev = 0.06;
  EXPECT_TRUE(
      of_kind(detect(steam_vector(SteamDirection::kShortening), std::nullopt, options), "steam")
          .empty());
  // Negative EV at the stale price: none with the default steam_min_ev of 0.
  auto v = steam_vector(SteamDirection::kShortening);
  v.steam->stale_prices = {1.95, 1.90};
  EXPECT_TRUE(of_kind(detect(v, std::nullopt, {}), "steam").empty());
}

// ---- ids ------------------------------------------------------------------------------------

TEST(DetectionTest, OpportunityIdIsStableAndDependsOnTheLegs) {
  const auto v = vector_of("h2h", {outcome("Away", std::nullopt, 1.80, "pinnacle", 0.52, 4),
                                   outcome("Home", std::nullopt, 2.20, "fanduel", 0.48, 4)});
  const auto first = detect(v, std::nullopt, {});
  auto moved = v;
  moved.outcomes[1].best_price = 2.24;  // price is not part of the identity
  moved.as_of_ms += 60'000;
  const auto second = detect(moved, std::nullopt, {});
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(first[0].opportunity_id, second[0].opportunity_id);

  auto other_book = v;
  other_book.outcomes[1].best_book = "draftkings";
  const auto third = detect(other_book, std::nullopt, {});
  ASSERT_EQ(third.size(), 1u);
  EXPECT_NE(third[0].opportunity_id, first[0].opportunity_id);

  Opportunity o = first[0];
  o.legs[0].point = -3.0;
  EXPECT_NE(opportunity_id(o), first[0].opportunity_id);
  o.legs[0].point = std::nullopt;
  o.kind = "steam";
  EXPECT_NE(opportunity_id(o), first[0].opportunity_id);
}

// ---- tiers ----------------------------------------------------------------------------------

TEST(TiersTest, ValueTiers) {
  EXPECT_EQ(value_tier(0.05, 6), "A");
  EXPECT_EQ(value_tier(0.05, 5), "B");
  EXPECT_EQ(value_tier(0.03, 4), "B");
  EXPECT_EQ(value_tier(0.049, 6), "B");
  EXPECT_EQ(value_tier(0.03, 3), "C");
  EXPECT_EQ(value_tier(0.02, 1), "C");
  EXPECT_EQ(value_tier(0.0199, 10), "D");
}

TEST(TiersTest, ArbitrageTiers) {
  EXPECT_EQ(arbitrage_tier(0.02), "A");
  EXPECT_EQ(arbitrage_tier(0.0199), "B");
  EXPECT_EQ(arbitrage_tier(0.01), "B");
  EXPECT_EQ(arbitrage_tier(0.005), "C");
  EXPECT_EQ(arbitrage_tier(0.0049), "D");
}

TEST(TiersTest, MiddleTiers) {
  EXPECT_EQ(middle_tier(2, 0.025), "A");
  EXPECT_EQ(middle_tier(1, 0.025), "B");
  EXPECT_EQ(middle_tier(2, 0.026), "C");
  EXPECT_EQ(middle_tier(0, 0.01), "C");
  EXPECT_EQ(middle_tier(3, 0.04), "C");
  EXPECT_EQ(middle_tier(3, 0.041), "D");
}

TEST(TiersTest, SteamTiers) {
  EXPECT_EQ(steam_tier(5, 0.02), "A");
  EXPECT_EQ(steam_tier(5, 0.019), "B");
  EXPECT_EQ(steam_tier(4, 0.0), "B");
  EXPECT_EQ(steam_tier(3, 0.01), "B");
  EXPECT_EQ(steam_tier(3, 0.009), "C");
  EXPECT_EQ(steam_tier(2, 0.009), "D");
}

// ---- alerts ---------------------------------------------------------------------------------

TEST(AlertTextTest, UtcMinutes) {
  EXPECT_EQ(utc_minutes(0), "1970-01-01 00:00Z");
  EXPECT_EQ(utc_minutes(kCommence), "2025-09-14 18:00Z");
  EXPECT_EQ(utc_minutes(kCommence + 59'999), "2025-09-14 18:00Z");
  EXPECT_EQ(utc_minutes(951782400000), "2000-02-29 00:00Z");
  EXPECT_EQ(utc_minutes(-60'000), "1969-12-31 23:59Z");
}

Opportunity value_opportunity(const std::string& tier, OpportunityState state) {
  Opportunity o;
  o.opportunity_id = "abc";
  o.event_id = "ev1";
  o.sport = "americanfootball_nfl";
  o.market = "h2h";
  o.commence_ms = kCommence;
  o.kind = "value";
  o.state = state;
  o.legs = {Leg{"fanduel", "Home", std::nullopt, 2.20, 0.0125, 0.48}};
  o.expected_value = 0.056;
  o.tier = tier;
  o.as_of_ms = kAsOf;
  return o;
}

TEST(AlertTextTest, OpenAlertSeverityFollowsTheTier) {
  const auto a = alert_for(value_opportunity("A", OpportunityState::kOpen));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->severity, "high");
  EXPECT_EQ(a->alert_id, "abc:open:" + std::to_string(kAsOf));
  EXPECT_EQ(a->opportunity_id, "abc");
  EXPECT_EQ(a->kind, "value");
  EXPECT_EQ(a->created_ms, kAsOf);
  EXPECT_EQ(a->expires_ms, kCommence);
  EXPECT_EQ(a->expected_value, 0.056);
  EXPECT_EQ(a->title, "[A] value +5.6% EV: Home ML @ 2.20 (fanduel)");
  EXPECT_NE(a->message.find("kickoff 2025-09-14 18:00Z"), std::string::npos);
  EXPECT_NE(a->message.find("stake 1.25% of bankroll"), std::string::npos);
  EXPECT_EQ(alert_for(value_opportunity("B", OpportunityState::kOpen))->severity, "notice");
  EXPECT_EQ(alert_for(value_opportunity("C", OpportunityState::kOpen))->severity, "info");
  EXPECT_EQ(alert_for(value_opportunity("D", OpportunityState::kOpen))->severity, "info");
}

TEST(AlertTextTest, ClosedAlertsAreInfoAndUpdatesDoNotAlert) {
  auto closed = value_opportunity("A", OpportunityState::kClosed);
  closed.closed_reason = "price_moved";
  const auto a = alert_for(closed);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->severity, "info");
  EXPECT_EQ(a->kind, "closed");
  EXPECT_EQ(a->alert_id, "abc:closed:" + std::to_string(kAsOf));
  EXPECT_EQ(a->title.rfind("closed (price_moved): ", 0), 0u);
  EXPECT_FALSE(alert_for(value_opportunity("A", OpportunityState::kUpdated)).has_value());
}

}  // namespace
}  // namespace sharpline::domain::opportunities
