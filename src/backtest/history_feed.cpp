#include "backtest/history_feed.hpp"

#include <algorithm>

namespace sharpline::backtest {

int64_t weather_known_ms(const domain::WeatherReport& report) {
  if (report.kind == "observed") {
    return report.forecast_for_ms - adapters::history::kObservedWeatherAsForecastLeadMs;
  }
  return report.observed_ms;
}

std::vector<FeedItem> history_feed(const adapters::history::HistoryBatch& batch) {
  std::vector<FeedItem> feed;
  feed.reserve(batch.quotes.size() + batch.results.size() + batch.weather.size());
  for (uint32_t i = 0; i < batch.results.size(); ++i) {
    feed.push_back({batch.results[i].updated_ms, FeedKind::kResult, i});
  }
  for (uint32_t i = 0; i < batch.weather.size(); ++i) {
    feed.push_back({weather_known_ms(batch.weather[i]), FeedKind::kWeather, i});
  }
  for (uint32_t i = 0; i < batch.quotes.size(); ++i) {
    feed.push_back({batch.quotes[i].observed_ms, FeedKind::kQuote, i});
  }
  std::stable_sort(feed.begin(), feed.end(), [](const FeedItem& a, const FeedItem& b) {
    if (a.time_ms != b.time_ms) return a.time_ms < b.time_ms;
    return a.kind < b.kind;
  });
  return feed;
}

}  // namespace sharpline::backtest
