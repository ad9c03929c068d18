// The NFL 2025 snapshot history on the first polls of the real file (skipped without the shared
// data), and the nfl-snapshots dataset's errors.
#include "adapters/history/odds_api_snapshot_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "adapters/history/dataset.hpp"
#include "unit/history/history_test_data.hpp"

namespace sharpline::adapters::history {
namespace {

using testing::data_dir;

std::filesystem::path snapshots_file() {
  return data_dir() / "odds_api_v4" / "nfl_2025_season_snapshots_hourly.jsonl.gz";
}

std::filesystem::path games_file() {
  return data_dir() / "nflverse" / "games_1999_2025.csv.gz";
}

bool have_data() {
  return std::filesystem::exists(snapshots_file()) && std::filesystem::exists(games_file());
}

TEST(OddsApiSnapshotLoader, FirstPollsBecomeQuotesOfEveryBookAndMarketAtPollTime) {
  if (!have_data()) GTEST_SKIP() << "no shared data";
  const auto history = load_odds_api_snapshots(snapshots_file(), games_file(), {2025, 3});
  const auto& batch = history.batch;
  EXPECT_EQ(history.polls, 3U);
  ASSERT_FALSE(batch.events.empty());
  ASSERT_FALSE(batch.quotes.empty());
  EXPECT_EQ(history.rejected_items, 0U);

  std::set<std::string> events;
  for (const auto& event : batch.events) {
    EXPECT_EQ(event.season, 2025);
    EXPECT_EQ(event.sport, "americanfootball_nfl");
    events.insert(event.event_id);
  }
  std::set<std::string> books;
  std::set<std::string> markets;
  std::map<int64_t, std::size_t> per_poll;
  for (const auto& quote : batch.quotes) {
    EXPECT_TRUE(events.contains(quote.event_id)) << quote.event_id;
    EXPECT_GT(quote.price, 1.0);  // American prices arrive as decimal odds
    EXPECT_EQ(quote.source, "the-odds-api");
    books.insert(quote.bookmaker);
    markets.insert(quote.market);
    ++per_poll[quote.observed_ms];
  }
  EXPECT_GE(books.size(), 5U);
  EXPECT_EQ(markets, (std::set<std::string>{"h2h", "spreads", "totals"}));
  // Quotes carry their poll's time; the first poll is all NEW, later ones only what changed.
  ASSERT_EQ(per_poll.size(), 3U);
  const int64_t first_poll = per_poll.begin()->first;
  for (const auto& quote : batch.quotes) {
    if (quote.observed_ms == first_poll) {
      EXPECT_EQ(quote.change, domain::QuoteChange::kNew);
    }
  }
  EXPECT_LT(per_poll.rbegin()->second, per_poll.begin()->second);
  EXPECT_GE(history.quote_items, batch.quotes.size() + history.unmatched_quotes);
  // nflverse supplies the results and weather of those games, never its closing lines.
  EXPECT_FALSE(batch.results.empty());
  for (const auto& result : batch.results) EXPECT_TRUE(events.contains(result.event_id));
}

TEST(OddsApiSnapshotLoader, DatasetRefusesOtherLeaguesAndMissingFiles) {
  DatasetSpec spec;
  spec.name = "nfl-snapshots";
  spec.data_dir = "/nonexistent/sharpline";
  EXPECT_THROW(load_dataset(spec), DatasetError);
  spec.leagues = {"mlb"};
  EXPECT_THROW(load_dataset(spec), DatasetError);
  // A season range without 2025 is refused before the 246 MB file is read.
  spec.data_dir = data_dir();
  spec.leagues = {"nfl"};
  spec.first_season = 2024;
  spec.last_season = 2024;
  EXPECT_THROW(load_dataset(spec), DatasetError);
  const auto names = dataset_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "nfl-snapshots"), names.end());
}

}  // namespace
}  // namespace sharpline::adapters::history
