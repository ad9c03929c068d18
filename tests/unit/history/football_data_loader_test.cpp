#include "adapters/history/football_data_loader.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "unit/history/history_test_data.hpp"

namespace sharpline::adapters::history {
namespace {

using testing::data_dir;
using testing::find_event;
using testing::find_quote;

std::filesystem::path fd(const std::string& name) {
  return data_dir() / "football_data" / name;
}

TEST(FootballDataLoader, E0_2223MatchesTheFileByHand) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const HistoryBatch b = load_football_data_file(fd("E0_2223.csv.gz"));
  EXPECT_EQ(b.rows_read, 380u);
  EXPECT_EQ(b.events.size(), 380u);
  EXPECT_EQ(b.results.size(), 380u);
  EXPECT_TRUE(b.rejected.empty());

  // E0,05/08/2022,20:00,Crystal Palace,Arsenal,0,2 ... PSCH 4.58 PSCD 3.63 PSCA 1.88
  const std::string id = "soccer_epl:2022-08-05:arsenal@crystal-palace";
  const auto* e = find_event(b.events, id);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->sport, "soccer_epl");
  EXPECT_EQ(e->league, "Premier League");
  EXPECT_EQ(e->season, 2022);
  EXPECT_EQ(e->commence_ms, 1659726000000);  // 20:00 BST = 19:00 UTC
  EXPECT_EQ(e->status, "final");
  EXPECT_EQ(b.results[0].event_id, id);
  EXPECT_EQ(b.results[0].home_score, 0);
  EXPECT_EQ(b.results[0].away_score, 2);
  EXPECT_EQ(b.results[0].home_stats.at("shots_on_target"), 2.0);
  EXPECT_EQ(b.results[0].away_stats.at("corners"), 5.0);

  const auto* close_home = find_quote(b.quotes, id, "pinnacle", "h2h_3way", "Crystal Palace", true);
  ASSERT_NE(close_home, nullptr);
  EXPECT_DOUBLE_EQ(close_home->price, 4.58);
  EXPECT_EQ(close_home->observed_ms, e->commence_ms - kClosingLeadMs);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "pinnacle", "h2h_3way", "Draw", true)->price, 3.63);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "pinnacle", "h2h_3way", "Arsenal", true)->price, 1.88);
  const auto* open_home = find_quote(b.quotes, id, "pinnacle", "h2h_3way", "Crystal Palace", false);
  ASSERT_NE(open_home, nullptr);
  EXPECT_DOUBLE_EQ(open_home->price, 4.5);
  EXPECT_EQ(open_home->observed_ms, e->commence_ms - kFootballDataOpeningLeadMs);
  EXPECT_DOUBLE_EQ(
      find_quote(b.quotes, id, "market_max", "h2h_3way", "Crystal Palace", true)->price, 5.01);
  const auto* over = find_quote(b.quotes, id, "pinnacle", "totals", "Over", true);
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(over->point, 2.5);
  EXPECT_DOUBLE_EQ(over->price, 2.14);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "pinnacle", "totals", "Under", true)->price, 1.78);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "bet365", "totals", "Over", false)->price, 2.1);
}

TEST(FootballDataLoader, BstBoundaryKickoffsInTheFiles) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const HistoryBatch b = load_football_data_file(fd("E0_2223.csv.gz"));
  // Saturday 29 Oct 2022 is still BST, Sunday 30 Oct is GMT.
  EXPECT_EQ(find_event(b.events, "soccer_epl:2022-10-29:tottenham@bournemouth")->commence_ms,
            1667052000000);  // 14:00 UTC
  EXPECT_EQ(find_event(b.events, "soccer_epl:2022-10-30:nott-m-forest@arsenal")->commence_ms,
            1667138400000);  // 14:00 UTC
  const HistoryBatch c = load_football_data_file(fd("E0_2122.csv.gz"));
  // Sunday 20 Mar 2022 is GMT, Saturday 2 Apr 2022 is BST.
  EXPECT_EQ(find_event(c.events, "soccer_epl:2022-03-20:brentford@leicester")->commence_ms,
            1647784800000);  // 14:00 UTC
  EXPECT_EQ(find_event(c.events, "soccer_epl:2022-04-02:norwich@brighton")->commence_ms,
            1648908000000);  // 14:00 UTC
}

TEST(FootballDataLoader, TwoDigitYearsAndNoTimeColumn) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const HistoryBatch b = load_football_data_file(fd("E0_1213.csv.gz"));
  // E0,18/08/12,Arsenal,Sunderland: no Time column, so 15:00 UK = 14:00 UTC (BST).
  const std::string id = "soccer_epl:2012-08-18:sunderland@arsenal";
  const auto* e = find_event(b.events, id);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->commence_ms, 1345298400000);
  EXPECT_EQ(e->season, 2012);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "pinnacle", "h2h_3way", "Sunderland", true)->price,
                   8.71);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "betbrain_max", "totals", "Over", false)->price, 1.83);
  EXPECT_EQ(find_quote(b.quotes, id, "pinnacle", "totals", "Over", false), nullptr);
}

TEST(FootballDataLoader, PandasRenamedF1Headers) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const HistoryBatch b = load_football_data_file(fd("F1_2223_pandas_renamed_headers.csv.gz"));
  EXPECT_EQ(b.events.size(), 380u);
  const std::string id = "soccer_france_ligue_one:2022-08-05:ajaccio@lyon";
  ASSERT_NE(find_event(b.events, id), nullptr);
  EXPECT_EQ(find_event(b.events, id)->sport, "soccer_france_ligue_one");
  // PC_2_5 = PC>2.5 = 1.7, PC_2_5_1 = PC<2.5 = 2.27; B365H written as 1.33
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "pinnacle", "totals", "Over", true)->price, 1.7);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "pinnacle", "totals", "Under", true)->price, 2.27);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "pinnacle", "h2h_3way", "Lyon", true)->price, 1.38);
}

// All 59 files, so all 11 header variants: nothing rejected, every row accounted for.
TEST(FootballDataLoader, EveryFileAndHeaderVariantReconciles) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const HistoryBatch b = load_football_data_dir(data_dir() / "football_data");
  EXPECT_EQ(b.events.size(), 23397u);
  EXPECT_EQ(b.skipped, 7u);  // E0_1415, E1_1415, I1_1415, I1_1516 (1 each), I1_1213 (3)
  EXPECT_TRUE(b.rejected.empty());
  EXPECT_EQ(b.rows_read, b.events.size() + b.skipped + b.rejected.size());
  EXPECT_EQ(b.results.size(), b.events.size());  // every match has a full-time score

  std::map<std::pair<std::string, int>, std::size_t> per_season;
  for (const auto& e : b.events) ++per_season[{e.sport, e.season.value_or(0)}];
  EXPECT_EQ(per_season.size(), 59u);  // one file per league season
  for (int season = 2012; season <= 2022; ++season) {
    EXPECT_EQ((per_season[{"soccer_epl", season}]), 380u) << season;
    EXPECT_EQ((per_season[{"soccer_efl_champ", season}]), 552u) << season;
    EXPECT_EQ((per_season[{"soccer_germany_bundesliga", season}]), 306u) << season;
    EXPECT_EQ((per_season[{"soccer_italy_serie_a", season}]), 380u) << season;
    EXPECT_EQ((per_season[{"soccer_spain_la_liga", season}]), 380u) << season;
  }
  EXPECT_EQ((per_season[{"soccer_france_ligue_one", 2019}]), 279u);  // stopped March 2020
  EXPECT_EQ((per_season[{"soccer_france_ligue_one", 2022}]), 380u);
  std::set<std::string> ids;
  for (const auto& e : b.events) ids.insert(e.event_id);
  EXPECT_EQ(ids.size(), b.events.size());

  // Pinnacle closing 1X2 is blank for 6 matches: 3 * (23397 - 6) closing pinnacle h2h_3way quotes.
  std::size_t pinnacle_close = 0;
  for (const auto& q : b.quotes) {
    if (q.bookmaker == "pinnacle" && q.market == "h2h_3way" && q.is_closing) ++pinnacle_close;
    ASSERT_GT(q.price, 1.0);
  }
  EXPECT_EQ(pinnacle_close, 3u * (23397u - 6u));

  // Five odds cells are not prices (0, 0.42): dropped with a warning, the match kept.
  ASSERT_EQ(b.warnings.size(), 5u);
  EXPECT_EQ(b.warnings[2].file, "E0_2122.csv.gz");
  EXPECT_EQ(b.warnings[2].line, 168u);
}

}  // namespace
}  // namespace sharpline::adapters::history
