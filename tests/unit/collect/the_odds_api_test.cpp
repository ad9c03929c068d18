#include "adapters/sources/the_odds_api.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/sources/iso_time.hpp"
#include "adapters/sources/odds_api_snapshots.hpp"
#include "unit/collect/collect_test_support.hpp"

namespace sharpline::adapters::sources {
namespace {

using nlohmann::json;

const entities::EntityResolver& resolver() {
  static const entities::EntityResolver loaded = entities::EntityResolver::load();
  return loaded;
}

constexpr int64_t kPoll = 1757482619000;  // 2025-09-10T05:36:59Z

// One small valid NFL event; tests break one part of it at a time.
json nfl_event() {
  return json::parse(R"({
    "id": "ev1", "sport_key": "americanfootball_nfl", "sport_title": "NFL",
    "commence_time": "2025-09-12T00:16:00Z",
    "home_team": "Green Bay Packers", "away_team": "Washington Commanders",
    "bookmakers": [{
      "key": "draftkings", "title": "DraftKings", "last_update": "2025-09-10T05:36:48Z",
      "markets": [
        {"key": "h2h", "last_update": "2025-09-10T05:30:00Z", "outcomes": [
          {"name": "Green Bay Packers", "price": -180},
          {"name": "Washington Commanders", "price": 150}]},
        {"key": "spreads", "outcomes": [
          {"name": "Green Bay Packers", "price": -105, "point": -3.5},
          {"name": "Washington Commanders", "price": -115, "point": 3.5}]}]}]})");
}

ParsedResponse parse(const json& response, OddsFormat format = OddsFormat::kAmerican,
                     int64_t poll_ms = kPoll) {
  return parse_odds_response(response, poll_ms, format, resolver());
}

// A file's poll time, from its name or its source commit (data README).
int64_t poll_of(const char* iso) {
  return *parse_iso8601_ms(iso);
}

TEST(TheOddsApi, ConvertsAmericanPricesAndPicksTheMarketTimeElseTheBookTime) {
  const auto parsed = parse(json::array({nfl_event()}));
  ASSERT_EQ(parsed.events.size(), 1U);
  ASSERT_EQ(parsed.quotes.size(), 4U);
  EXPECT_TRUE(parsed.rejected.empty());
  EXPECT_EQ(parsed.quote_items, 4U);
  const auto& fav = parsed.quotes[0];
  EXPECT_EQ(fav.outcome, "Green Bay Packers");
  EXPECT_DOUBLE_EQ(fav.price, 1.0 + 100.0 / 180.0);
  EXPECT_DOUBLE_EQ(parsed.quotes[1].price, 2.5);                             // +150
  EXPECT_EQ(fav.book_updated_ms, parse_iso8601_ms("2025-09-10T05:30:00Z"));  // market's own
  EXPECT_EQ(parsed.quotes[2].book_updated_ms, parse_iso8601_ms("2025-09-10T05:36:48Z"));
  EXPECT_EQ(parsed.quotes[2].point, -3.5);
  EXPECT_FALSE(fav.point.has_value());
  EXPECT_EQ(fav.observed_ms, kPoll);
  EXPECT_EQ(fav.commence_ms, 1757636160000);
  EXPECT_EQ(fav.source, "the-odds-api");
  EXPECT_EQ(fav.change, domain::QuoteChange::kNew);
  const auto& event = parsed.events[0];
  EXPECT_EQ(event.status, "scheduled");
  EXPECT_EQ(event.league, "NFL");
  EXPECT_EQ(event.external_ids.at("the-odds-api"), "ev1");
}

TEST(TheOddsApi, DecimalPayloadsKeepTheirPrices) {
  json event = nfl_event();
  event["bookmakers"][0]["markets"][0]["outcomes"][0]["price"] = 1.56;
  event["bookmakers"][0]["markets"][0]["outcomes"][1]["price"] = 2.5;
  event["bookmakers"][0]["markets"].erase(1);
  const auto parsed = parse(json::array({event}), OddsFormat::kDecimal);
  ASSERT_EQ(parsed.quotes.size(), 2U);
  EXPECT_DOUBLE_EQ(parsed.quotes[0].price, 1.56);
}

// Every bad item is rejected with its raw JSON; its siblings are still read.
struct BadCase {
  const char* name;
  void (*mutate)(json&);
  const char* reason_part;
  std::size_t kept_quotes;
  OddsFormat format = OddsFormat::kAmerican;
};

TEST(TheOddsApi, RejectsBadItemsAndKeepsTheRest) {
  const std::vector<BadCase> cases = {
      {"non-numeric price",
       [](json& e) { e["bookmakers"][0]["markets"][0]["outcomes"][0]["price"] = "abc"; },
       "price must be a number", 3},
      {"decimal price 1.0",
       [](json& e) { e["bookmakers"][0]["markets"][0]["outcomes"][0]["price"] = 1.0; },
       "decimal price 1.0", 3, OddsFormat::kDecimal},
      {"American price inside (-100, 100)",
       [](json& e) { e["bookmakers"][0]["markets"][0]["outcomes"][1]["price"] = 50; },
       "American price 50", 3},
      {"missing point on a spread",
       [](json& e) { e["bookmakers"][0]["markets"][1]["outcomes"][0].erase("point"); },
       "missing point", 3},
      {"unknown outcome team",
       [](json& e) {
         e["bookmakers"][0]["markets"][0]["outcomes"][0]["name"] = "Springfield Atoms";
       },
       "unknown team 'Springfield Atoms'", 3},
      {"team of another game",
       [](json& e) {
         e["bookmakers"][0]["markets"][0]["outcomes"][1]["name"] = "Kansas City Chiefs";
       },
       "neither Green Bay Packers nor Washington Commanders", 3},
      {"unknown bookmaker",
       [](json& e) {
         e["bookmakers"][0]["key"] = "shadybook";
         e["bookmakers"][0]["title"] = "Shady";
       },
       "unknown bookmaker 'shadybook'", 0},
      {"book updated after the poll",
       [](json& e) { e["bookmakers"][0]["last_update"] = "2025-09-11T00:00:00Z"; },
       "after the poll time", 0},
      {"market without outcomes array",
       [](json& e) { e["bookmakers"][0]["markets"][1]["outcomes"] = "none"; }, "outcomes must be",
       2},
      {"missing event id", [](json& e) { e.erase("id"); }, "missing id", 0},
      {"unknown home team", [](json& e) { e["home_team"] = "Springfield Atoms"; },
       "unknown team 'Springfield Atoms' for americanfootball_nfl", 0},
      {"bad commence time", [](json& e) { e["commence_time"] = "tomorrow"; }, "commence_time", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    json bad = nfl_event();
    if (c.format == OddsFormat::kDecimal) {
      for (auto& market : bad["bookmakers"][0]["markets"])
        for (auto& outcome : market["outcomes"]) outcome["price"] = 1.9;
    }
    c.mutate(bad);
    json good = nfl_event();
    good["id"] = "ev2";
    // A week later: another game, so its canonical id differs from the bad event's.
    good["commence_time"] = "2025-09-19T00:16:00Z";
    if (c.format == OddsFormat::kDecimal) {
      for (auto& market : good["bookmakers"][0]["markets"])
        for (auto& outcome : market["outcomes"]) outcome["price"] = 1.9;
    }
    const auto parsed = parse(json::array({bad, good}), c.format);
    ASSERT_EQ(parsed.rejected.size(), 1U);
    const auto& rejected = parsed.rejected[0];
    EXPECT_NE(rejected.reason.find(c.reason_part), std::string::npos) << rejected.reason;
    EXPECT_FALSE(json::parse(rejected.raw).is_discarded());
    // The good event is complete; the bad one lost exactly its rejected part.
    const auto of_ev2 =
        std::count_if(parsed.quotes.begin(), parsed.quotes.end(), [](const auto& q) {
          return q.event_id ==
                 "americanfootball_nfl:2025-09-18:washington-commanders@green-bay-packers";
        });
    EXPECT_EQ(of_ev2, 4);
    EXPECT_EQ(parsed.quotes.size() - 4, c.kept_quotes);
    EXPECT_EQ(parsed.quotes.size() + rejected.quote_items, parsed.quote_items);
  }
}

TEST(TheOddsApi, RejectedOutcomeCarriesItsOwnJson) {
  json bad = nfl_event();
  bad["bookmakers"][0]["markets"][0]["outcomes"][0]["price"] = "abc";
  const auto parsed = parse(json::array({bad}));
  ASSERT_EQ(parsed.rejected.size(), 1U);
  EXPECT_EQ(json::parse(parsed.rejected[0].raw), bad["bookmakers"][0]["markets"][0]["outcomes"][0]);
  EXPECT_EQ(parsed.rejected[0].event_id,
            "americanfootball_nfl:2025-09-11:washington-commanders@green-bay-packers");
  EXPECT_NE(parsed.rejected[0].reason.find("bookmaker draftkings market h2h outcomes[0]"),
            std::string::npos)
      << parsed.rejected[0].reason;
}

TEST(TheOddsApi, NonArrayResponseIsAnError) {
  EXPECT_THROW(parse(json::object()), std::invalid_argument);
}

TEST(TheOddsApi, DeeplyNestedItemIsRejectedWithoutOverflowingTheStack) {
  // Found by tests/fuzz/odds_api_fuzz.cpp: reporting an item nested ~30000 levels deep dumped it,
  // and dump() recursed once per level until the stack overflowed. The response is built as text
  // because copying such a json recurses the same way.
  constexpr std::size_t kDepth = 100000;
  json deep = nfl_event();
  deep["bookmakers"][0]["markets"][0]["outcomes"][0]["price"] = "DEEP";
  std::string text = "[" + deep.dump() + "," + nfl_event().dump() + "]";
  text.replace(text.find("\"DEEP\""), 6, std::string(kDepth, '[') + std::string(kDepth, ']'));
  const json response = json::parse(text);
  const auto parsed = parse(response);
  ASSERT_EQ(parsed.rejected.size(), 1U);
  EXPECT_EQ(parsed.rejected[0].reason, "response[0]: nested deeper than 64 levels (item not kept)");
  EXPECT_EQ(parsed.rejected[0].raw, "null");
  EXPECT_EQ(parsed.events.size(), 1U);
  EXPECT_EQ(parsed.quotes.size() + parsed.rejected[0].quote_items, parsed.quote_items);
}

TEST(TheOddsApiFiles, EmptyBookmakersStillYieldTheEvent) {
  SHARPLINE_REQUIRE_DATA();
  const auto snapshot =
      read_single_response(collect_test::odds_api_file("wncaab_small_with_empty_bookmakers.json"),
                           poll_of("2026-02-23T21:55:34Z"));
  const auto parsed = parse(snapshot.response, OddsFormat::kAmerican, snapshot.poll_ms);
  // 3 events; the first has "bookmakers": [], the others h2h from several books.
  ASSERT_EQ(parsed.events.size(), 3U);
  EXPECT_EQ(parsed.events[0].external_ids.at("the-odds-api"), "3c3b996bd90a52d19ed134007e2d40d3");
  EXPECT_EQ(parsed.events[0].home_team, "Grambling St Tigers");  // no table: passed through
  EXPECT_TRUE(parsed.rejected.empty());
  EXPECT_EQ(parsed.quotes.size(), parsed.quote_items);
  EXPECT_TRUE(std::none_of(parsed.quotes.begin(), parsed.quotes.end(),
                           [&](const auto& q) { return q.event_id == parsed.events[0].event_id; }));
  // Baylor -520 at DraftKings: 1 + 100/520.
  const auto baylor = std::find_if(parsed.quotes.begin(), parsed.quotes.end(), [](const auto& q) {
    return q.bookmaker == "draftkings" && q.outcome == "Baylor Bears";
  });
  ASSERT_NE(baylor, parsed.quotes.end());
  EXPECT_DOUBLE_EQ(baylor->price, 1.0 + 100.0 / 520.0);
}

TEST(TheOddsApiFiles, EmptyResponseYieldsNothing) {
  SHARPLINE_REQUIRE_DATA();
  const auto snapshot =
      read_single_response(collect_test::odds_api_file("wncaab_empty_response.json"), kPoll);
  const auto parsed = parse(snapshot.response);
  EXPECT_TRUE(parsed.events.empty());
  EXPECT_TRUE(parsed.quotes.empty());
  EXPECT_TRUE(parsed.rejected.empty());
}

TEST(TheOddsApiFiles, FirstSeasonSnapshotMatchesTheFile) {
  SHARPLINE_REQUIRE_DATA();
  SnapshotReader reader(collect_test::odds_api_file(collect_test::kSeasonFile));
  const auto first = reader.next();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->poll_ms, parse_iso8601_ms("2025-09-10T05:36:59Z"));
  const auto parsed = parse(first->response);
  // Counted with jq/python from line 1: 32 events, 1156 outcomes, all valid.
  EXPECT_EQ(parsed.events.size(), 32U);
  EXPECT_EQ(parsed.quote_items, 1156U);
  EXPECT_EQ(parsed.quotes.size(), 1156U);
  EXPECT_TRUE(parsed.rejected.empty()) << parsed.rejected[0].reason;
  // Line 1, event 0c6e5d98…, DraftKings: GB -180 / WAS +150, spread GB -3.5 at -105.
  const std::string washington_at_green_bay =
      "americanfootball_nfl:2025-09-11:washington-commanders@green-bay-packers";
  const auto event = std::find_if(parsed.events.begin(), parsed.events.end(), [&](const auto& e) {
    return e.external_ids.at("the-odds-api") == "0c6e5d9821ce0d3e82f3e792879776a6";
  });
  ASSERT_NE(event, parsed.events.end());
  EXPECT_EQ(event->event_id, washington_at_green_bay);
  const auto find = [&](const char* market, const char* outcome) {
    return std::find_if(parsed.quotes.begin(), parsed.quotes.end(), [&](const auto& q) {
      return q.event_id == washington_at_green_bay && q.bookmaker == "draftkings" &&
             q.market == market && q.outcome == outcome;
    });
  };
  const auto h2h = find("h2h", "Green Bay Packers");
  ASSERT_NE(h2h, parsed.quotes.end());
  EXPECT_DOUBLE_EQ(h2h->price, 1.0 + 100.0 / 180.0);
  EXPECT_EQ(h2h->book_updated_ms, parse_iso8601_ms("2025-09-10T05:36:48Z"));
  EXPECT_EQ(h2h->commence_ms, parse_iso8601_ms("2025-09-12T00:16:00Z"));
  const auto spread = find("spreads", "Green Bay Packers");
  ASSERT_NE(spread, parsed.quotes.end());
  EXPECT_EQ(spread->point, -3.5);
  EXPECT_DOUBLE_EQ(spread->price, 1.0 + 100.0 / 105.0);
  const auto over = find("totals", "Over");
  ASSERT_NE(over, parsed.quotes.end());
  EXPECT_EQ(over->point, 48.5);
}

TEST(TheOddsApiFiles, SingleResponsesOfOtherSportsParseWithoutRejects) {
  SHARPLINE_REQUIRE_DATA();
  // mlb: 25 events, wnba: 5, nfl preseason: 75 (data README). Poll times: the files' names; the
  // preseason file's latest last_update is 2026-06-06T14:02:11Z.
  struct File {
    const char* name;
    const char* poll;
    std::size_t events;
  };
  for (const File& file :
       {File{"mlb_2026-08-08T1915Z.json", "2026-08-08T19:15:00Z", 25},
        File{"wnba_2026-08-08T1915Z.json", "2026-08-08T19:15:00Z", 5},
        File{"nfl_2026-06-06_preseason_lines.json", "2026-06-06T14:05:00Z", 75}}) {
    SCOPED_TRACE(file.name);
    const auto snapshot =
        read_single_response(collect_test::odds_api_file(file.name), poll_of(file.poll));
    const auto parsed = parse(snapshot.response, OddsFormat::kAmerican, snapshot.poll_ms);
    const std::size_t events = file.events;
    EXPECT_EQ(parsed.events.size(), events);
    EXPECT_EQ(parsed.quotes.size(), parsed.quote_items);
    EXPECT_TRUE(parsed.rejected.empty()) << parsed.rejected.front().reason;
  }
}

}  // namespace
}  // namespace sharpline::adapters::sources
