// The parser and the tracker on consecutive real polls of the NFL 2025 season.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <tuple>

#include "adapters/sources/odds_api_snapshots.hpp"
#include "adapters/sources/the_odds_api.hpp"
#include "domain/collect/quote_tracker.hpp"
#include "unit/collect/collect_test_support.hpp"

namespace sharpline::adapters::sources {
namespace {

using nlohmann::json;
using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;

// An independent reading of a raw response: key -> American price, straight from the JSON.
std::map<Key, double> raw_keys(const json& response) {
  std::map<Key, double> keys;
  for (const auto& event : response)
    for (const auto& book : event["bookmakers"])
      for (const auto& market : book["markets"])
        for (const auto& outcome : market["outcomes"])
          keys[{event["id"], book["key"], market["key"], outcome["name"],
                outcome.contains("point") ? outcome["point"].dump() : ""}] = outcome["price"];
  return keys;
}

std::size_t raw_outcomes(const json& response) {
  std::size_t count = 0;
  for (const auto& event : response)
    for (const auto& book : event["bookmakers"])
      for (const auto& market : book["markets"]) count += market["outcomes"].size();
  return count;
}

const entities::EntityResolver& resolver() {
  static const entities::EntityResolver loaded = entities::EntityResolver::load();
  return loaded;
}

std::set<std::string> ids(const ParsedResponse& parsed) {
  std::set<std::string> out;
  for (const auto& e : parsed.events) out.insert(e.event_id);
  return out;
}

TEST(SeasonReplay, TwoConsecutivePollsGiveTheChangesTheRawFilesShow) {
  SHARPLINE_REQUIRE_DATA();
  SnapshotReader reader(collect_test::odds_api_file(collect_test::kSeasonFile));
  const auto first = reader.next();
  const auto second = reader.next();
  ASSERT_TRUE(first && second);
  domain::collect::QuoteTracker tracker;
  const auto p1 =
      parse_odds_response(first->response, first->poll_ms, OddsFormat::kAmerican, resolver());
  const auto c1 = tracker.apply_poll(p1.quotes, ids(p1), first->poll_ms);
  EXPECT_EQ(c1.published, p1.quotes.size());
  EXPECT_EQ(c1.unchanged, 0U);

  const auto p2 =
      parse_odds_response(second->response, second->poll_ms, OddsFormat::kAmerican, resolver());
  const auto c2 = tracker.apply_poll(p2.quotes, ids(p2), second->poll_ms);

  const auto before = raw_keys(first->response);
  const auto after = raw_keys(second->response);
  std::size_t added = 0, changed = 0, same = 0, removed = 0;
  for (const auto& [key, price] : after) {
    const auto it = before.find(key);
    if (it == before.end())
      ++added;
    else if (it->second != price)
      ++changed;
    else
      ++same;
  }
  for (const auto& [key, price] : before) removed += after.contains(key) ? 0 : 1;
  // Lines 1 -> 2 of the file (05:36 -> 08:13 UTC): 2 new, 12 repriced, 1142 same, 2 gone; the
  // same 32 events are in both polls.
  EXPECT_EQ(added, 2U);
  EXPECT_EQ(changed, 12U);
  EXPECT_EQ(same, 1142U);
  EXPECT_EQ(removed, 2U);
  std::size_t news = 0, changes = 0, removals = 0;
  for (const auto& q : c2.changes) {
    news += q.change == domain::QuoteChange::kNew;
    changes += q.change == domain::QuoteChange::kChanged;
    removals += q.change == domain::QuoteChange::kRemoved;
    if (q.change == domain::QuoteChange::kChanged) {
      ASSERT_TRUE(q.previous_price.has_value());
      EXPECT_NE(*q.previous_price, q.price);
    }
  }
  EXPECT_EQ(news, added);
  EXPECT_EQ(changes, changed);
  EXPECT_EQ(removals, removed);
  EXPECT_EQ(c2.unchanged, same);
  EXPECT_EQ(c2.removed, removed);
}

// Every outcome item in the input is accounted for exactly once per poll as published (NEW or
// CHANGED), unchanged or rejected. REMOVED records describe quotes missing from the input, so
// they are counted apart.
TEST(SeasonReplay, EveryQuoteItemOfTheFirstFiftyPollsIsAccountedFor) {
  SHARPLINE_REQUIRE_DATA();
  SnapshotReader reader(collect_test::odds_api_file(collect_test::kSeasonFile));
  domain::collect::QuoteTracker tracker;
  std::size_t input = 0, published = 0, unchanged = 0, rejected = 0, removed = 0, polls = 0;
  int64_t last_poll = 0;
  while (polls < 50) {
    const auto snapshot = reader.next();
    ASSERT_TRUE(snapshot.has_value());
    EXPECT_GT(snapshot->poll_ms, last_poll);  // the file is in time order
    last_poll = snapshot->poll_ms;
    const auto parsed = parse_odds_response(snapshot->response, snapshot->poll_ms,
                                            OddsFormat::kAmerican, resolver());
    const auto changes = tracker.apply_poll(parsed.quotes, ids(parsed), snapshot->poll_ms);
    input += raw_outcomes(snapshot->response);
    published += changes.published;
    unchanged += changes.unchanged;
    removed += changes.removed;
    for (const auto& r : parsed.rejected) rejected += r.quote_items;
    ++polls;
  }
  EXPECT_EQ(published + unchanged + rejected, input);
  EXPECT_GT(input, 0U);
  EXPECT_GT(removed, 0U);           // lines come and go over 50 polls
  EXPECT_GT(unchanged, published);  // most prices stand still between polls
}

}  // namespace
}  // namespace sharpline::adapters::sources
