#include "domain/events/canonical_event_id.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"
#include "domain/events/event_linker.hpp"

namespace sharpline::domain::events {
namespace {

constexpr int64_t kHour = 3'600'000;
// 2025-09-05T00:20:00Z: DAL@PHI, Thursday 2025-09-04 20:20 EDT.
constexpr int64_t kSeasonOpenerMs = 1757031600000;

EventIdentity opener() {
  return {"americanfootball_nfl", "Philadelphia Eagles", "Dallas Cowboys", {2025, 9, 4}, 1};
}

TEST(CanonicalEventIdTest, ReadsAwayAtHomeOnTheGameDay) {
  EXPECT_EQ(canonical_event_id(opener()),
            "americanfootball_nfl:2025-09-04:dallas-cowboys@philadelphia-eagles");
}

TEST(CanonicalEventIdTest, SecondGameOfADoubleheaderIsSuffixed) {
  EventIdentity game{"baseball_mlb", "Toronto Blue Jays", "New York Yankees", {2024, 7, 1}, 2};
  EXPECT_EQ(canonical_event_id(game),
            "baseball_mlb:2024-07-01:new-york-yankees@toronto-blue-jays:g2");
}

TEST(CanonicalEventIdTest, AmericanGameDayIsTheLocalDateOfEveryUsualStartTime) {
  // The opener starts after midnight UTC but on Thursday in the US.
  EXPECT_EQ(game_day_of("americanfootball_nfl", kSeasonOpenerMs), (GameDay{2025, 9, 4}));
  // A 22:10 PT first pitch on 2024-07-01 is 05:10Z on 07-02.
  EXPECT_EQ(game_day_of("baseball_mlb", 1719897000000), (GameDay{2024, 7, 1}));
  // A 09:30 ET London game on 2025-10-12 is 13:30Z.
  EXPECT_EQ(game_day_of("americanfootball_nfl", 1760275800000), (GameDay{2025, 10, 12}));
}

TEST(CanonicalEventIdTest, SoccerGameDayIsTheUtcDate) {
  // 2023-05-28T15:30Z (EPL final day) and a 20:00Z kick-off stay on their date.
  EXPECT_EQ(game_day_of("soccer_epl", 1685287800000), (GameDay{2023, 5, 28}));
  EXPECT_EQ(game_day_of("soccer_epl", 1685304000000), (GameDay{2023, 5, 28}));
  EXPECT_EQ(game_day_offset_hours("soccer_epl"), 0);
  EXPECT_EQ(game_day_offset_hours("basketball_nba"), -6);
}

TEST(CanonicalEventIdTest, DaysBefore1970AndLeapDaysAreCalendarDates) {
  EXPECT_EQ(game_day_of("soccer_epl", -kHour), (GameDay{1969, 12, 31}));
  EXPECT_EQ(game_day_of("soccer_epl", 951782400000), (GameDay{2000, 2, 29}));
}

TEST(CanonicalEventIdTest, SlugKeepsLettersDigitsAndUtf8) {
  EXPECT_EQ(slug("  Los Angeles Rams "), "los-angeles-rams");
  EXPECT_EQ(slug("St. Louis Cardinals"), "st-louis-cardinals");
  EXPECT_EQ(slug("1. FC Köln"), "1-fc-k\xc3\xb6ln");
  EXPECT_EQ(slug("Brighton & Hove Albion"), "brighton-hove-albion");
  EXPECT_EQ(slug("--"), "");
}

TEST(CanonicalEventIdTest, RefusesIdentitiesThatNameNoGame) {
  auto identity = opener();
  identity.away_team = "Philadelphia  Eagles";  // same slug as home
  EXPECT_THROW(canonical_event_id(identity), InvalidInput);
  identity = opener();
  identity.home_team = "!!";
  EXPECT_THROW(canonical_event_id(identity), InvalidInput);
  identity = opener();
  identity.day = {2025, 2, 29};
  EXPECT_THROW(canonical_event_id(identity), InvalidInput);
  identity = opener();
  identity.game_number = 0;
  EXPECT_THROW(canonical_event_id(identity), InvalidInput);
  identity = opener();
  identity.sport = "nfl:x";
  EXPECT_THROW(canonical_event_id(identity), InvalidInput);
  identity.sport = "";
  EXPECT_THROW(canonical_event_id(identity), InvalidInput);
}

TEST(CanonicalEventIdTest, ParseReadsBackWhatWasMade) {
  EventIdentity game{"baseball_mlb", "Toronto Blue Jays", "New York Yankees", {2024, 7, 1}, 3};
  const auto parsed = parse_canonical_event_id(canonical_event_id(game));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->sport, "baseball_mlb");
  EXPECT_EQ(parsed->home_slug, "toronto-blue-jays");
  EXPECT_EQ(parsed->away_slug, "new-york-yankees");
  EXPECT_EQ(parsed->day, (GameDay{2024, 7, 1}));
  EXPECT_EQ(parsed->game_number, 3);
  EXPECT_EQ(parse_canonical_event_id(canonical_event_id(opener()))->game_number, 1);
}

TEST(CanonicalEventIdTest, ParseRefusesOtherIds) {
  EXPECT_FALSE(parse_canonical_event_id("0c6e8f2a9d"));
  EXPECT_FALSE(parse_canonical_event_id("nflverse:2025_01_DAL_PHI"));
  EXPECT_FALSE(parse_canonical_event_id("baseball_mlb:2024-13-01:a@b"));
  EXPECT_FALSE(parse_canonical_event_id("baseball_mlb:2024-07-01:a@"));
  EXPECT_FALSE(parse_canonical_event_id("baseball_mlb:2024-07-01:a@b:g1"));
  EXPECT_FALSE(parse_canonical_event_id("baseball_mlb:2024-07-01:A@b"));
}

TEST(EventLinkerTest, NumbersADoubleheaderInTheOrderItsGamesAreSeen) {
  EventLinker linker;
  EventIdentity game{"baseball_mlb", "Toronto Blue Jays", "New York Yankees", {2024, 7, 1}, 7};
  const auto first = linker.link("the-odds-api", "aaa", game);
  const auto second = linker.link("the-odds-api", "bbb", game);
  EXPECT_EQ(first, "baseball_mlb:2024-07-01:new-york-yankees@toronto-blue-jays");
  EXPECT_EQ(second, first + ":g2");
  // A known source id keeps its id, even when seen again after the other game.
  EXPECT_EQ(linker.link("the-odds-api", "aaa", game), first);
  EXPECT_EQ(linker.link("the-odds-api", "bbb", game), second);
  // Another source numbers its own events independently.
  EXPECT_EQ(linker.link("sbro", "aaa", game), first);
  EXPECT_EQ(linker.size(), 3u);
}

TEST(EventLinkerTest, KeepsTheFirstIdOfARescheduledEvent) {
  EventLinker linker;
  auto game = opener();
  const auto id = linker.link("the-odds-api", "x", game);
  game.day = {2025, 9, 5};
  EXPECT_EQ(linker.link("the-odds-api", "x", game), id);
}

}  // namespace
}  // namespace sharpline::domain::events
