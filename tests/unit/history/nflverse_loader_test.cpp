#include "adapters/history/nflverse_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "unit/history/history_test_data.hpp"

namespace sharpline::adapters::history {
namespace {

using testing::data_dir;
using testing::find_event;
using testing::find_quote;

// The file is read once: every test below checks a different aspect of the same 7,263 rows.
const HistoryBatch& games() {
  static const HistoryBatch batch =
      load_nflverse_games(data_dir() / "nflverse" / "games_1999_2025.csv.gz");
  return batch;
}

const domain::WeatherReport* find_weather(const std::string& id) {
  const auto& w = games().weather;
  const auto it = std::find_if(w.begin(), w.end(),
                               [&](const domain::WeatherReport& r) { return r.event_id == id; });
  return it == w.end() ? nullptr : &*it;
}

TEST(NflverseLoader, CountsAndReconciliation) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const HistoryBatch& b = games();
  EXPECT_EQ(b.rows_read, 7263u);
  EXPECT_EQ(b.events.size(), 7263u);
  EXPECT_TRUE(b.rejected.empty());
  EXPECT_EQ(b.skipped, 0u);
  EXPECT_EQ(b.rows_read, b.events.size() + b.skipped + b.rejected.size());
  EXPECT_EQ(b.results.size(), 7263u - 79u);  // the last 79 games have no score yet
  // Only warnings: the 259 early games without a kickoff time.
  EXPECT_EQ(b.warnings.size(), 259u);
  std::set<std::string> ids;
  for (const auto& e : b.events) ids.insert(e.event_id);
  EXPECT_EQ(ids.size(), 7263u);

  std::size_t h2h = 0, spreads = 0, totals = 0;
  for (const auto& q : b.quotes) {
    EXPECT_TRUE(q.is_closing);
    EXPECT_GT(q.price, 1.0);
    h2h += q.market == "h2h";
    spreads += q.market == "spreads";
    totals += q.market == "totals";
  }
  // Both prices present: moneylines and spread prices in 5,218 games, total prices in 5,215.
  EXPECT_EQ(h2h, 2u * 5218u);
  EXPECT_EQ(spreads, 2u * 5218u);
  EXPECT_EQ(totals, 2u * 5215u);
  EXPECT_EQ(b.weather.size(), 7263u);  // roof is always known
  const auto with_temp = std::count_if(b.weather.begin(), b.weather.end(),
                                       [](const auto& w) { return w.temperature_c.has_value(); });
  EXPECT_EQ(with_temp, 5142);
}

TEST(NflverseLoader, OneGameByHand) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // 2024_18_CIN_PIT,2024,REG,18,2025-01-04,Saturday,20:00,CIN,19,PIT,17,Home ...
  // moneylines CIN -148 / PIT +124, spread_line -2.5 (-118/-102), total 48.5 (-108 over/-112
  // under), outdoors, 19 F, wind 10 mph, Acrisure Stadium.
  const std::string id = "americanfootball_nfl:2025-01-04:cincinnati-bengals@pittsburgh-steelers";
  const auto* e = find_event(games().events, id);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->home_team, "Pittsburgh Steelers");
  EXPECT_EQ(e->away_team, "Cincinnati Bengals");
  EXPECT_EQ(e->commence_ms, 1736038800000);  // 20:00 EST = 01:00 UTC next day
  EXPECT_EQ(e->season, 2024);
  EXPECT_EQ(e->week, 18);
  EXPECT_FALSE(e->neutral_site);
  EXPECT_EQ(e->venue, "Acrisure Stadium");
  EXPECT_EQ(e->status, "final");
  EXPECT_EQ(e->external_ids.at("nflverse"), "2024_18_CIN_PIT");
  EXPECT_EQ(e->external_ids.at("espn"), "401671836");

  const auto& q = games().quotes;
  EXPECT_DOUBLE_EQ(find_quote(q, id, "consensus_close", "h2h", "Pittsburgh Steelers", true)->price,
                   2.24);
  EXPECT_DOUBLE_EQ(find_quote(q, id, "consensus_close", "h2h", "Cincinnati Bengals", true)->price,
                   1.0 + 100.0 / 148.0);
  // Pittsburgh is the underdog (spread_line -2.5), so it gets +2.5.
  const auto* home_spread =
      find_quote(q, id, "consensus_close", "spreads", "Pittsburgh Steelers", true);
  ASSERT_NE(home_spread, nullptr);
  EXPECT_EQ(home_spread->point, 2.5);
  EXPECT_DOUBLE_EQ(home_spread->price, 1.0 + 100.0 / 102.0);
  EXPECT_EQ(find_quote(q, id, "consensus_close", "spreads", "Cincinnati Bengals", true)->point,
            -2.5);
  const auto* over = find_quote(q, id, "consensus_close", "totals", "Over", true);
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(over->point, 48.5);
  EXPECT_DOUBLE_EQ(over->price, 1.0 + 100.0 / 108.0);
  EXPECT_EQ(over->observed_ms, e->commence_ms - kClosingLeadMs);

  const auto* w = find_weather(id);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->kind, "observed");
  EXPECT_NEAR(*w->temperature_c, -7.2222, 1e-3);
  EXPECT_NEAR(*w->wind_speed_kmh, 16.09344, 1e-9);
  EXPECT_EQ(w->roof, "outdoors");
  EXPECT_EQ(w->forecast_for_ms, 1736038800000);
}

TEST(NflverseLoader, HomeFavouriteNeutralSiteAndDomes) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const auto& q = games().quotes;
  // 2024_09_LV_CIN: spread_line 8 -> Cincinnati -8; Sunday 3 Nov 2024 13:00 is EST (18:00 UTC).
  const std::string lv_cin = "americanfootball_nfl:2024-11-03:las-vegas-raiders@cincinnati-bengals";
  EXPECT_EQ(find_event(games().events, lv_cin)->commence_ms, 1730656800000);
  EXPECT_EQ(find_quote(q, lv_cin, "consensus_close", "spreads", "Cincinnati Bengals", true)->point,
            -8.0);
  EXPECT_EQ(find_quote(q, lv_cin, "consensus_close", "spreads", "Las Vegas Raiders", true)->point,
            8.0);
  // Super Bowl LVIII in Las Vegas: neutral, dome, no temperature; 18:30 EST.
  const auto* sb = find_event(
      games().events, "americanfootball_nfl:2024-02-11:san-francisco-49ers@kansas-city-chiefs");
  ASSERT_NE(sb, nullptr);
  EXPECT_TRUE(sb->neutral_site);
  EXPECT_EQ(sb->commence_ms, 1707694200000);
  EXPECT_EQ(
      find_weather("americanfootball_nfl:2024-02-11:san-francisco-49ers@kansas-city-chiefs")->roof,
      "dome");
  EXPECT_FALSE(
      find_weather("americanfootball_nfl:2024-02-11:san-francisco-49ers@kansas-city-chiefs")
          ->temperature_c.has_value());
  // Unplayed game: an event and closing lines but no result.
  const auto* future =
      find_event(games().events, "americanfootball_nfl:2025-12-07:chicago-bears@green-bay-packers");
  ASSERT_NE(future, nullptr);
  EXPECT_EQ(future->status, "scheduled");
  EXPECT_EQ(future->commence_ms, 1765142700000);
  EXPECT_TRUE(std::none_of(games().results.begin(), games().results.end(), [](const auto& r) {
    return r.event_id == "americanfootball_nfl:2025-12-07:chicago-bears@green-bay-packers";
  }));
}

TEST(NflverseLoader, Pre2007DaylightSavingAndEarlyLines) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // 30 Oct 2005 was after DST ended (last Sunday of October then): 13:00 EST = 18:00 UTC.
  const std::string id = "americanfootball_nfl:2005-10-30:minnesota-vikings@carolina-panthers";
  EXPECT_EQ(find_event(games().events, id)->commence_ms, 1130695200000);
  // 2005 rows have a spread and total line but no prices: no quote is invented.
  EXPECT_EQ(find_quote(games().quotes, id, "consensus_close", "spreads", "Carolina Panthers", true),
            nullptr);
  EXPECT_NEAR(*find_weather(id)->temperature_c, (70.0 - 32.0) * 5.0 / 9.0, 1e-9);
}

TEST(NflverseTeams, CodesAndWashingtonBySeason) {
  EXPECT_EQ(nflverse_team_name("LA", 2024), "Los Angeles Rams");
  EXPECT_EQ(nflverse_team_name("STL", 2010), "St. Louis Rams");
  EXPECT_EQ(nflverse_team_name("WAS", 2019), "Washington Redskins");
  EXPECT_EQ(nflverse_team_name("WAS", 2021), "Washington Football Team");
  EXPECT_EQ(nflverse_team_name("WAS", 2022), "Washington Commanders");
  EXPECT_FALSE(nflverse_team_name("XXX", 2022));
}

}  // namespace
}  // namespace sharpline::adapters::history
