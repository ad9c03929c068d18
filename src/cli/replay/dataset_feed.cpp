#include "cli/replay/dataset_feed.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>

#include "backtest/history_feed.hpp"

namespace sharpline::cli::replay {

DatasetFeed::DatasetFeed(const adapters::history::HistoryBatch& batch,
                         std::optional<int64_t> from_ms, std::optional<int64_t> until_ms) {
  const auto in_slice = [&](int64_t t) {
    return (!from_ms || t >= *from_ms) && (!until_ms || t < *until_ms);
  };
  using Record = StatsCollector::HistoryRecord;

  std::map<std::string_view, int64_t> first_quote;
  for (const auto& q : batch.quotes) {
    const auto [it, inserted] = first_quote.try_emplace(q.event_id, q.observed_ms);
    if (!inserted) it->second = std::min(it->second, q.observed_ms);
  }
  std::vector<Record> events;
  events.reserve(batch.events.size());
  for (const auto& e : batch.events) {
    const auto it = first_quote.find(e.event_id);
    const int64_t at =
        it == first_quote.end() ? e.commence_ms : std::min(e.commence_ms, it->second);
    if (in_slice(at)) events.push_back({at, &e});
  }
  std::stable_sort(events.begin(), events.end(), [](const Record& a, const Record& b) {
    return a.timestamp_ms < b.timestamp_ms;
  });

  forecasts_.reserve(batch.weather.size());  // no reallocation: records point into it
  std::vector<Record> feed;
  for (const auto& item : backtest::history_feed(batch)) {
    if (!in_slice(item.time_ms)) continue;
    switch (item.kind) {
      case backtest::FeedKind::kQuote:
        feed.push_back({item.time_ms, &batch.quotes[item.index]});
        break;
      case backtest::FeedKind::kResult:
        feed.push_back({item.time_ms, &batch.results[item.index]});
        break;
      case backtest::FeedKind::kWeather: {
        const auto& report = batch.weather[item.index];
        if (report.kind == "observed") {
          auto& forecast = forecasts_.emplace_back(report);
          forecast.kind = "forecast";
          forecast.observed_ms = item.time_ms;  // weather_known_ms: kickoff - 24 h
          feed.push_back({item.time_ms, &forecast});
        } else {
          feed.push_back({item.time_ms, &report});
        }
        break;
      }
    }
  }

  // Merge: at equal times the event goes first.
  records_.reserve(events.size() + feed.size());
  std::merge(events.begin(), events.end(), feed.begin(), feed.end(), std::back_inserter(records_),
             [](const Record& feed_record, const Record& event) {
               return feed_record.timestamp_ms < event.timestamp_ms;
             });
}

}  // namespace sharpline::cli::replay
