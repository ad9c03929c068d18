// A dataset's records in the order a live deployment would have seen them: by event time, so a
// backtest never shows a processor anything from its future.
//
//   quote    at observed_ms (when the line was taken)
//   weather  forecasts at observed_ms; observed weather at kickoff - 24 h, standing in for the
//            kickoff forecast (history_batch.hpp)
//   result   at updated_ms (when the final score was known)
// At equal times: results, then weather, then quotes (a poll sees the newest context); ties
// keep file order, so the order is a pure function of the dataset.
#pragma once

#include <cstdint>
#include <vector>

#include "adapters/history/history_batch.hpp"

namespace sharpline::backtest {

enum class FeedKind : uint8_t { kResult, kWeather, kQuote };

struct FeedItem {
  int64_t time_ms = 0;
  FeedKind kind = FeedKind::kQuote;
  uint32_t index = 0;  // into the batch's vector of that kind
};

std::vector<FeedItem> history_feed(const adapters::history::HistoryBatch& batch);

// The time a weather record becomes known (see above).
int64_t weather_known_ms(const domain::WeatherReport& report);

}  // namespace sharpline::backtest
