#include "backtest/history_feed.hpp"

#include <gtest/gtest.h>

namespace sharpline::backtest {
namespace {

TEST(HistoryFeed, OrdersByEventTimeWithResultsThenWeatherThenQuotesOnTies) {
  adapters::history::HistoryBatch batch;
  batch.quotes.resize(3);
  batch.quotes[0].observed_ms = 300;
  batch.quotes[1].observed_ms = 100;
  batch.quotes[2].observed_ms = 100;
  batch.results.resize(1);
  batch.results[0].updated_ms = 100;
  batch.weather.resize(2);
  batch.weather[0].kind = "forecast";
  batch.weather[0].observed_ms = 100;
  batch.weather[1].kind = "observed";  // known 24 h before the kickoff it describes
  batch.weather[1].forecast_for_ms = 24LL * 3600 * 1000 + 200;
  const auto feed = history_feed(batch);
  ASSERT_EQ(feed.size(), 6U);
  const std::vector<std::pair<FeedKind, uint32_t>> expected = {
      {FeedKind::kResult, 0}, {FeedKind::kWeather, 0}, {FeedKind::kQuote, 1},
      {FeedKind::kQuote, 2},  {FeedKind::kWeather, 1}, {FeedKind::kQuote, 0}};
  for (std::size_t i = 0; i < feed.size(); ++i) {
    EXPECT_EQ(feed[i].kind, expected[i].first) << i;
    EXPECT_EQ(feed[i].index, expected[i].second) << i;
  }
  EXPECT_EQ(feed[4].time_ms, 200);
}

}  // namespace
}  // namespace sharpline::backtest
