#include "domain/opportunities/lifecycle.hpp"

#include <gtest/gtest.h>

namespace sharpline::domain::opportunities {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kT0 = 1'757'800'000'000;

OutcomeView outcome(const std::string& name, double best, const std::string& book, double p,
                    int books) {
  OutcomeView o;
  o.outcome = name;
  o.best_price = best;
  o.best_book = book;
  o.consensus_probability = p;
  o.books_quoting = books;
  return o;
}

// Home at `price` (fanduel) with consensus p_home; Away 1.70 at pinnacle (never value).
FeatureVector market(double price, double p_home, int64_t at, const std::string& book = "fanduel") {
  FeatureVector v;
  v.event_id = "ev1";
  v.sport = "americanfootball_nfl";
  v.market = "h2h";
  v.as_of_ms = at;
  v.commence_ms = kT0 + 600 * kMinute;
  v.outcomes = {outcome("Away", 1.70, "pinnacle", 1 - p_home, 4),
                outcome("Home", price, book, p_home, 4)};
  return v;
}

struct Market {
  std::vector<Opportunity> open;
  DetectionOptions detection;
  LifecycleOptions lifecycle;

  std::vector<Opportunity> poll(const FeatureVector& v) {
    return reconcile(open, v, detect(v, std::nullopt, detection, false),
                     detect(v, std::nullopt, detection, true), lifecycle);
  }
};

int count(const std::vector<Opportunity>& list, OpportunityState state) {
  int n = 0;
  for (const auto& o : list) n += o.state == state ? 1 : 0;
  return n;
}

TEST(LifecycleTest, OpensOnceAndIgnoresATinyChange) {
  Market m;
  const auto first = m.poll(market(2.20, 0.48, kT0));  // EV 5.6%
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].state, OpportunityState::kOpen);
  EXPECT_EQ(first[0].detected_ms, kT0);
  ASSERT_EQ(m.open.size(), 1u);
  // Consensus 0.48 -> 0.481: EV 5.82%, a change of 0.22 points < 0.5; same price, same tier.
  EXPECT_TRUE(m.poll(market(2.20, 0.481, kT0 + kMinute)).empty());
  ASSERT_EQ(m.open.size(), 1u);
  EXPECT_EQ(m.open[0], first[0]);  // the last emitted record is kept
}

TEST(LifecycleTest, PriceChangeIsAnUpdateKeepingTheDetectionTime) {
  Market m;
  const auto first = m.poll(market(2.20, 0.48, kT0));
  const auto second = m.poll(market(2.22, 0.48, kT0 + kMinute));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].state, OpportunityState::kUpdated);
  EXPECT_EQ(second[0].opportunity_id, first[0].opportunity_id);
  EXPECT_DOUBLE_EQ(second[0].legs[0].price, 2.22);
  EXPECT_EQ(second[0].detected_ms, kT0);
  EXPECT_EQ(second[0].as_of_ms, kT0 + kMinute);
  ASSERT_EQ(m.open.size(), 1u);
  EXPECT_EQ(m.open[0], second[0]);
}

TEST(LifecycleTest, EvChangeAboveTheMinimumIsAnUpdate) {
  Market m;
  m.poll(market(2.20, 0.48, kT0));                         // EV 5.6%
  const auto next = m.poll(market(2.20, 0.483, kT0 + 1));  // EV 6.26%: +0.66 points
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].state, OpportunityState::kUpdated);
}

TEST(LifecycleTest, NoFlappingAroundTheThreshold) {
  Market m;
  // Home at 2.00: p 0.5105 -> EV 2.1%, p 0.5095 -> EV 1.9% (threshold 2%, keep-alive 1.5%).
  std::vector<Opportunity> all;
  for (int i = 0; i < 10; ++i) {
    const double p = i % 2 == 0 ? 0.5105 : 0.5095;
    const auto out = m.poll(market(2.00, p, kT0 + i * kMinute));
    all.insert(all.end(), out.begin(), out.end());
    EXPECT_EQ(m.open.size(), 1u) << "poll " << i;
  }
  EXPECT_EQ(count(all, OpportunityState::kOpen), 1);
  EXPECT_EQ(count(all, OpportunityState::kClosed), 0);
  // Below the keep-alive threshold (EV 1.4%) it closes, with the same prices: the edge went.
  const auto out = m.poll(market(2.00, 0.507, kT0 + 20 * kMinute));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].state, OpportunityState::kClosed);
  EXPECT_EQ(out[0].closed_reason, "edge_below_threshold");
  EXPECT_EQ(out[0].as_of_ms, kT0 + 20 * kMinute);
  EXPECT_TRUE(m.open.empty());
}

TEST(LifecycleTest, AnotherBookTakingTheBestPriceClosesWithPriceMoved) {
  Market m;
  const auto first = m.poll(market(2.20, 0.48, kT0));
  const auto out = m.poll(market(2.25, 0.48, kT0 + kMinute, "draftkings"));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].state, OpportunityState::kClosed);
  EXPECT_EQ(out[0].opportunity_id, first[0].opportunity_id);
  EXPECT_EQ(out[0].closed_reason, "price_moved");
  EXPECT_EQ(out[1].state, OpportunityState::kOpen);
  EXPECT_EQ(out[1].legs[0].bookmaker, "draftkings");
  ASSERT_EQ(m.open.size(), 1u);
  EXPECT_EQ(m.open[0].opportunity_id, out[1].opportunity_id);
}

TEST(LifecycleTest, SameBookWorsePriceWithoutEdgeClosesWithPriceMoved) {
  Market m;
  m.poll(market(2.20, 0.48, kT0));
  const auto out = m.poll(market(2.05, 0.48, kT0 + kMinute));  // EV -1.6%
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].closed_reason, "price_moved");
}

TEST(LifecycleTest, LineGoneClosesWithBookRemoved) {
  Market m;
  m.poll(market(2.20, 0.48, kT0));
  auto v = market(2.20, 0.48, kT0 + kMinute);
  v.outcomes.pop_back();  // Home no longer in the view
  const auto out = m.poll(v);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].state, OpportunityState::kClosed);
  EXPECT_EQ(out[0].closed_reason, "book_removed");
}

TEST(LifecycleTest, CloseAllAtKickoff) {
  Market m;
  m.poll(market(2.20, 0.48, kT0));
  ASSERT_EQ(m.open.size(), 1u);
  const auto id = m.open[0].opportunity_id;
  const auto out = close_all(m.open, "event_started", kT0 + 600 * kMinute);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].state, OpportunityState::kClosed);
  EXPECT_EQ(out[0].closed_reason, "event_started");
  EXPECT_EQ(out[0].opportunity_id, id);
  EXPECT_EQ(out[0].as_of_ms, kT0 + 600 * kMinute);
  EXPECT_EQ(out[0].detected_ms, kT0);
  EXPECT_TRUE(m.open.empty());
}

}  // namespace
}  // namespace sharpline::domain::opportunities
