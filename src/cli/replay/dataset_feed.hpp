// A historical dataset as the records a live deployment would have published, in event-time
// order, for `sharpline replay --dataset`:
//
//   quotes, results, weather  in backtest::history_feed order (the order backtests see), with
//                             observed weather turned into the kickoff forecast known 24 h
//                             before kickoff (kind "forecast", observed_ms = that time), as
//                             the live weather collector would have published it;
//   events                    each at its kickoff or at its first quote's time if that is
//                             earlier (StatsCollector::history_order's rule), and before any
//                             other record of the same time, so an event is always announced
//                             before anything that refers to it.
//
// The records point into the dataset's batch (which must outlive them) and into forecasts().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "adapters/history/history_batch.hpp"
#include "cli/commands/stats_collector.hpp"

namespace sharpline::cli::replay {

class DatasetFeed {
 public:
  // Keeps the records with from_ms <= timestamp < until_ms.
  DatasetFeed(const adapters::history::HistoryBatch& batch, std::optional<int64_t> from_ms,
              std::optional<int64_t> until_ms);
  DatasetFeed(const DatasetFeed&) = delete;
  DatasetFeed& operator=(const DatasetFeed&) = delete;

  const std::vector<StatsCollector::HistoryRecord>& records() const { return records_; }

 private:
  std::vector<domain::WeatherReport> forecasts_;  // records_ point into it: never resized
  std::vector<StatsCollector::HistoryRecord> records_;
};

}  // namespace sharpline::cli::replay
