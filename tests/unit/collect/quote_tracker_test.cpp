#include "domain/collect/quote_tracker.hpp"

#include <gtest/gtest.h>

#include "domain/collect/latest_record_tracker.hpp"
#include "domain/errors.hpp"

namespace sharpline::domain::collect {
namespace {

OddsQuote quote(const std::string& event, const std::string& outcome, double price,
                std::optional<double> point = std::nullopt, int64_t commence = 10'000) {
  OddsQuote q;
  q.event_id = event;
  q.sport = "americanfootball_nfl";
  q.commence_ms = commence;
  q.bookmaker = "draftkings";
  q.market = point ? "spreads" : "h2h";
  q.outcome = outcome;
  q.point = point;
  q.price = price;
  q.source = "the-odds-api";
  return q;
}

TEST(QuoteTracker, FirstPollIsAllNewThenOnlyChangesAreEmitted) {
  QuoteTracker tracker;
  const auto first = tracker.apply_poll({quote("e1", "A", 1.8), quote("e1", "B", 2.1)}, {"e1"}, 1);
  EXPECT_EQ(first.published, 2U);
  EXPECT_EQ(first.changes[0].change, QuoteChange::kNew);

  const auto second =
      tracker.apply_poll({quote("e1", "A", 1.75), quote("e1", "B", 2.1)}, {"e1"}, 2);
  EXPECT_EQ(second.published, 1U);
  EXPECT_EQ(second.unchanged, 1U);
  EXPECT_EQ(second.removed, 0U);
  ASSERT_EQ(second.changes.size(), 1U);
  EXPECT_EQ(second.changes[0].change, QuoteChange::kChanged);
  EXPECT_EQ(second.changes[0].previous_price, 1.8);
  EXPECT_EQ(second.changes[0].price, 1.75);
}

TEST(QuoteTracker, APointMoveIsRemovedOldKeyAndNewKey) {
  QuoteTracker tracker;
  (void)tracker.apply_poll({quote("e1", "A", 1.91, -2.5)}, {"e1"}, 1);
  const auto moved = tracker.apply_poll({quote("e1", "A", 1.91, -3.0)}, {"e1"}, 2);
  ASSERT_EQ(moved.changes.size(), 2U);
  EXPECT_EQ(moved.changes[0].change, QuoteChange::kNew);
  EXPECT_EQ(moved.changes[0].point, -3.0);
  EXPECT_EQ(moved.changes[1].change, QuoteChange::kRemoved);
  EXPECT_EQ(moved.changes[1].point, -2.5);
  EXPECT_EQ(moved.changes[1].price, 1.91);  // last quoted price
  EXPECT_EQ(moved.changes[1].observed_ms, 2);
  EXPECT_EQ(moved.published, 1U);
  EXPECT_EQ(moved.removed, 1U);
}

TEST(QuoteTracker, VanishedEventIsRemovedOnlyBeforeItsStart) {
  QuoteTracker tracker;
  (void)tracker.apply_poll({quote("pulled", "A", 1.9, std::nullopt, 10'000),
                            quote("started", "A", 1.9, std::nullopt, 5'000)},
                           {"pulled", "started"}, 1'000);
  const auto next = tracker.apply_poll({}, {}, 6'000);
  ASSERT_EQ(next.changes.size(), 1U);  // "started" began at 5000: forgotten silently
  EXPECT_EQ(next.changes[0].event_id, "pulled");
  EXPECT_EQ(next.changes[0].change, QuoteChange::kRemoved);
  EXPECT_EQ(tracker.held_events(), 0U);
  // Coming back later is NEW again, since nothing is held any more.
  const auto back = tracker.apply_poll({quote("pulled", "A", 1.9)}, {"pulled"}, 7'000);
  EXPECT_EQ(back.changes[0].change, QuoteChange::kNew);
}

TEST(QuoteTracker, EventStillListedWithoutQuotesLosesThem) {
  QuoteTracker tracker;
  (void)tracker.apply_poll({quote("e1", "A", 1.9)}, {"e1"}, 1);
  const auto next = tracker.apply_poll({}, {"e1"}, 20'000);  // after start, but still listed
  EXPECT_EQ(next.removed, 1U);
}

TEST(QuoteTracker, DuplicateKeyInOnePollIsCountedOnce) {
  QuoteTracker tracker;
  const auto poll = tracker.apply_poll({quote("e1", "A", 1.9), quote("e1", "A", 1.95)}, {"e1"}, 1);
  EXPECT_EQ(poll.published + poll.unchanged, 2U);
  EXPECT_EQ(poll.changes[1].change, QuoteChange::kChanged);
  EXPECT_EQ(tracker.held_quotes(), 1U);
}

TEST(QuoteTracker, QuoteForAnUnlistedEventIsInvalid) {
  QuoteTracker tracker;
  EXPECT_THROW((void)tracker.apply_poll({quote("e1", "A", 1.9)}, {}, 1), InvalidInput);
}

TEST(EventTracker, RepublishesOnlyOnRealChanges) {
  EventTracker tracker;
  Event e;
  e.event_id = "e1";
  e.commence_ms = 100;
  e.updated_ms = 1;
  EXPECT_TRUE(tracker.observe(e));
  e.updated_ms = 2;
  EXPECT_FALSE(tracker.observe(e));
  e.status = "in_progress";
  EXPECT_TRUE(tracker.observe(e));
}

}  // namespace
}  // namespace sharpline::domain::collect
