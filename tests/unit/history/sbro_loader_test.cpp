#include "adapters/history/sbro_loader.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "unit/history/history_test_data.hpp"

namespace sharpline::adapters::history {
namespace {

using testing::data_dir;
using testing::find_event;
using testing::find_quote;

std::filesystem::path sbro(const std::string& name) {
  return data_dir() / "sbro" / name;
}

double american(double a) {
  return a > 0 ? 1.0 + a / 100.0 : 1.0 + 100.0 / -a;
}

TEST(SbroLineValue, PickEmAndNoLine) {
  EXPECT_EQ(sbro_line_value("pk"), 0.0);
  EXPECT_EQ(sbro_line_value("PK"), 0.0);
  EXPECT_EQ(sbro_line_value("206.5"), 206.5);
  EXPECT_FALSE(sbro_line_value("NL"));
  EXPECT_FALSE(sbro_line_value("-"));
  EXPECT_FALSE(sbro_line_value(""));
}

// Every file: rows are paired (2 per game), skipped (blank) or rejected; counts from the README.
TEST(SbroLoader, EveryFilePairsItsRows) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const std::map<std::string, std::size_t> games = {
      {"mlb_odds_2014_from_xlsx.csv.gz", 2462},
      {"mlb_odds_2015_from_xlsx.csv.gz", 2465},
      {"mlb_odds_2016_from_xlsx.csv.gz", 2462},
      {"mlb_odds_2017_from_xlsx.csv.gz", 2467},
      {"mlb_odds_2018.csv.gz", 2464},
      {"mlb_odds_2019.csv.gz", 2464},
      {"mlb_odds_2020.csv.gz", 950},
      {"mlb_odds_2021.csv.gz", 2462},
      {"nba_odds_2014-15.csv.gz", 1311},
      {"nba_odds_2015-16.csv.gz", 1316},
      {"nba_odds_2016-17.csv.gz", 1309},
      {"nba_odds_2017-18.csv.gz", 1312},
      {"nba_odds_2018-19.csv.gz", 1312},
      {"nba_odds_2019-20.csv.gz", 1143},
      {"nba_odds_2020-21.csv.gz", 1171},
      {"nfl_odds_2021-22.csv.gz", 285},
      {"nhl_odds_2021-22.csv.gz", 1401},
  };
  for (const auto& [file, expected] : games) {
    const HistoryBatch b = load_sbro_file(sbro(file));
    EXPECT_EQ(b.events.size(), expected) << file;
    EXPECT_TRUE(b.rejected.empty())
        << file << ": " << (b.rejected.empty() ? "" : b.rejected[0].reason);
    EXPECT_EQ(b.rows_read, 2 * b.events.size() + b.skipped + b.rejected.size()) << file;
    std::set<std::string> ids;
    for (const auto& e : b.events) ids.insert(e.event_id);
    EXPECT_EQ(ids.size(), b.events.size()) << file;
    for (const auto& q : b.quotes) ASSERT_GT(q.price, 1.0) << file;
    // Upstream typos such as an over/under price of -6 are dropped with a warning.
    const std::size_t warnings = file == "mlb_odds_2021.csv.gz"      ? 14
                                 : file == "nhl_odds_2021-22.csv.gz" ? 12
                                                                     : 0;
    EXPECT_EQ(b.warnings.size(), warnings) << file;
  }
  // MLB 2020 ends with three comma-only rows.
  EXPECT_EQ(load_sbro_file(sbro("mlb_odds_2020.csv.gz")).skipped, 3u);
}

TEST(SbroLoader, NbaAlternatingSpreadAndTotal) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // 1028,501,V,Dallas,...,100,206.5,203.5,140 / 1028,502,H,SanAntonio,...,101,6,3.5,-165
  const HistoryBatch b = load_sbro_file(sbro("nba_odds_2014-15.csv.gz"));
  const std::string id = "basketball_nba:2014-10-28:dallas-mavericks@san-antonio-spurs";
  const auto* e = find_event(b.events, id);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->sport, "basketball_nba");
  EXPECT_EQ(e->home_team, "San Antonio Spurs");
  EXPECT_EQ(e->external_ids.at("sbro"), "nba:2014-10-28:Dallas@SanAntonio:501");
  EXPECT_EQ(e->commence_ms, 1414512000000);  // noon EDT
  EXPECT_EQ(e->season, 2014);
  EXPECT_EQ(b.results[0].home_score, 101);
  EXPECT_EQ(b.results[0].away_score, 100);
  const auto* open_fav = find_quote(b.quotes, id, "sbro", "spreads", "San Antonio Spurs", false);
  ASSERT_NE(open_fav, nullptr);
  EXPECT_EQ(open_fav->point, -6.0);
  EXPECT_EQ(find_quote(b.quotes, id, "sbro", "spreads", "Dallas Mavericks", false)->point, 6.0);
  EXPECT_EQ(find_quote(b.quotes, id, "sbro", "spreads", "San Antonio Spurs", true)->point, -3.5);
  EXPECT_EQ(find_quote(b.quotes, id, "sbro", "totals", "Over", false)->point, 206.5);
  EXPECT_EQ(find_quote(b.quotes, id, "sbro", "totals", "Under", true)->point, 203.5);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "sbro", "h2h", "Dallas Mavericks", true)->price, 2.4);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "sbro", "h2h", "San Antonio Spurs", true)->price,
                   american(-165));
  EXPECT_EQ(find_quote(b.quotes, id, "sbro", "h2h", "Dallas Mavericks", false),
            nullptr);  // ML is closing only
}

TEST(SbroLoader, YearFromFileNameAndFileOrder) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // NBA 2019-20 runs October 2019 to October 2020 (the bubble): 503 games in 2019, 640 in 2020,
  // as the file's own Year column says.
  const HistoryBatch b = load_sbro_file(sbro("nba_odds_2019-20.csv.gz"));
  std::size_t in_2019 = 0, in_2020 = 0;
  for (const auto& e : b.events) {
    in_2019 += e.event_id.starts_with("basketball_nba:2019-");
    in_2020 += e.event_id.starts_with("basketball_nba:2020-");
  }
  EXPECT_EQ(in_2019, 503u);
  EXPECT_EQ(in_2020, 640u);
  // The last game: 1011,711,N,LALakers... neutral site on 11 October 2020.
  const auto& last = b.events.back();
  EXPECT_TRUE(last.event_id.starts_with("basketball_nba:2020-10-11:")) << last.event_id;
  EXPECT_TRUE(last.neutral_site);
  EXPECT_EQ(last.commence_ms, 1602432000000);
}

TEST(SbroLoader, MlbPriceColumnsWithEmptyHeaders) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // 329,901,V,CUB,...,8,-175,-200,-1.5,-125,8,-105,8,-120
  // 329,902,H,MIA,...,4,155,170,1.5,105,8,-115,8,100
  const HistoryBatch b = load_sbro_file(sbro("mlb_odds_2018.csv.gz"));
  const std::string id = "baseball_mlb:2018-03-29:chicago-cubs@miami-marlins";
  ASSERT_NE(find_event(b.events, id), nullptr);
  EXPECT_EQ(find_event(b.events, id)->commence_ms, 1522339200000);
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "sbro", "h2h", "Chicago Cubs", false)->price,
                   american(-175));
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "sbro", "h2h", "Miami Marlins", true)->price, 2.7);
  const auto* rl = find_quote(b.quotes, id, "sbro", "spreads", "Chicago Cubs", true);
  ASSERT_NE(rl, nullptr);
  EXPECT_EQ(rl->point, -1.5);
  EXPECT_DOUBLE_EQ(rl->price, american(-125));
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "sbro", "spreads", "Miami Marlins", true)->price, 2.05);
  const auto* over_open = find_quote(b.quotes, id, "sbro", "totals", "Over", false);
  ASSERT_NE(over_open, nullptr);
  EXPECT_EQ(over_open->point, 8.0);
  EXPECT_DOUBLE_EQ(over_open->price, american(-105));
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "sbro", "totals", "Under", true)->price, 2.0);
}

TEST(SbroLoader, MlbXlsxRunLineInOneCell) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // 322,993,V,LOS,...,-170,-170,-1.5(-104),6.5,-110,6.5,-120 / 322,994,H,ARI,...,+1.5(-116),...,100
  const HistoryBatch b = load_sbro_file(sbro("mlb_odds_2014_from_xlsx.csv.gz"));
  const std::string id = "baseball_mlb:2014-03-22:los-angeles-dodgers@arizona-diamondbacks";
  const auto* rl = find_quote(b.quotes, id, "sbro", "spreads", "Arizona Diamondbacks", true);
  ASSERT_NE(rl, nullptr);
  EXPECT_EQ(rl->point, 1.5);
  EXPECT_DOUBLE_EQ(rl->price, american(-116));
  EXPECT_DOUBLE_EQ(find_quote(b.quotes, id, "sbro", "totals", "Over", true)->price, american(-120));
  EXPECT_EQ(find_quote(b.quotes, id, "sbro", "totals", "Under", true)->point, 6.5);
}

TEST(SbroLoader, NhlPuckLineAndNflNeutral) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // 1012,1,V,Pittsburgh,...,120,220,1.5,-120,6,-120,5.5,-130 / TampaBay -140,-250,-1.5,100,...
  const HistoryBatch nhl = load_sbro_file(sbro("nhl_odds_2021-22.csv.gz"));
  const std::string id = "icehockey_nhl:2021-10-12:pittsburgh@tampabay";
  EXPECT_DOUBLE_EQ(find_quote(nhl.quotes, id, "sbro", "h2h", "TampaBay", true)->price,
                   american(-250));
  EXPECT_EQ(find_quote(nhl.quotes, id, "sbro", "spreads", "TampaBay", true)->point, -1.5);
  EXPECT_EQ(find_quote(nhl.quotes, id, "sbro", "totals", "Over", true)->point, 5.5);
  // 912,483,N,GreenBay ... Open 4, Close 3.5 / 912,484,N,NewOrleans ... 50, 49 (Jacksonville).
  const HistoryBatch nfl = load_sbro_file(sbro("nfl_odds_2021-22.csv.gz"));
  const std::string game = "americanfootball_nfl:2021-09-12:green-bay-packers@new-orleans-saints";
  const auto* e = find_event(nfl.events, game);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->neutral_site);
  EXPECT_EQ(find_quote(nfl.quotes, game, "sbro", "spreads", "Green Bay Packers", true)->point,
            -3.5);
  EXPECT_EQ(find_quote(nfl.quotes, game, "sbro", "totals", "Over", true)->point, 49.0);
}

}  // namespace
}  // namespace sharpline::adapters::history
