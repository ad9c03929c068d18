#include "cli/replay/dataset_feed.hpp"

#include <gtest/gtest.h>

#include <variant>

namespace sharpline::cli::replay {
namespace {

constexpr int64_t kHour = 3600LL * 1000;

adapters::history::HistoryBatch batch() {
  adapters::history::HistoryBatch b;
  domain::Event event;
  event.event_id = "e1";
  event.commence_ms = 100 * kHour;
  b.events.push_back(event);
  domain::OddsQuote open;
  open.event_id = "e1";
  open.observed_ms = 50 * kHour;  // the first line: the event is announced at this time
  domain::OddsQuote close = open;
  close.observed_ms = 100 * kHour - 60000;
  b.quotes = {close, open};
  domain::GameResult result;
  result.event_id = "e1";
  result.updated_ms = 102 * kHour;
  b.results.push_back(result);
  domain::WeatherReport weather;
  weather.event_id = "e1";
  weather.kind = "observed";
  weather.forecast_for_ms = 100 * kHour;
  weather.observed_ms = 100 * kHour;
  b.weather.push_back(weather);
  return b;
}

template <typename T>
const T* as(const StatsCollector::HistoryRecord& record) {
  const auto* const* p = std::get_if<const T*>(&record.record);
  return p == nullptr ? nullptr : *p;
}

TEST(DatasetFeedTest, EventFirstThenEventTimeOrderWithWeatherAsForecast) {
  const auto b = batch();
  const DatasetFeed feed(b, std::nullopt, std::nullopt);
  const auto& records = feed.records();
  ASSERT_EQ(records.size(), 5u);
  ASSERT_NE(as<domain::Event>(records[0]), nullptr);  // at its first quote's time, before it
  EXPECT_EQ(records[0].timestamp_ms, 50 * kHour);
  ASSERT_NE(as<domain::OddsQuote>(records[1]), nullptr);
  EXPECT_EQ(records[1].timestamp_ms, 50 * kHour);
  const auto* forecast = as<domain::WeatherReport>(records[2]);
  ASSERT_NE(forecast, nullptr);
  EXPECT_EQ(forecast->kind, "forecast");
  EXPECT_EQ(forecast->observed_ms, 76 * kHour);
  EXPECT_EQ(records[2].timestamp_ms, 76 * kHour);
  EXPECT_NE(as<domain::OddsQuote>(records[3]), nullptr);
  EXPECT_NE(as<domain::GameResult>(records[4]), nullptr);
  for (std::size_t i = 1; i < records.size(); ++i)
    EXPECT_LE(records[i - 1].timestamp_ms, records[i].timestamp_ms);
}

TEST(DatasetFeedTest, WindowBoundsEventTime) {
  const auto b = batch();
  const DatasetFeed feed(b, 60 * kHour, 101 * kHour);
  ASSERT_EQ(feed.records().size(), 2u);  // the forecast and the closing quote
  EXPECT_NE(as<domain::WeatherReport>(feed.records()[0]), nullptr);
  EXPECT_NE(as<domain::OddsQuote>(feed.records()[1]), nullptr);
}

}  // namespace
}  // namespace sharpline::cli::replay
