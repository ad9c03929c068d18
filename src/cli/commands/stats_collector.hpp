#pragma once

// The stats collector's publishing: parsed ESPN / MLB StatsAPI payloads (published when a record
// changed, since every poll repeats every game of the day) and historical batches (every record
// once, in event-time order, with its historical timestamp). See docs/collectors-stats.md.

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "adapters/history/history_batch.hpp"
#include "adapters/sources/stats_payload.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "domain/collect/latest_record_tracker.hpp"

namespace sharpline::cli {

struct StatsTotals {
  std::size_t published = 0;   // records sent
  std::size_t unchanged = 0;   // records equal to the last one sent for their event
  std::size_t deadletter = 0;  // rejected items or rows
  std::size_t warnings = 0;    // cells dropped from otherwise loaded historical rows (logged)
  std::size_t payloads = 0;    // responses or files read
  std::size_t failed_fetches = 0;
};

class StatsCollector {
 public:
  // `collector` names the source in dead letters, e.g. "collector:espn".
  StatsCollector(BusContext& context, std::string collector);

  // One parsed payload fetched at poll_ms; rejected items become dead letters.
  void payload(const adapters::sources::ParsedStats& parsed, int64_t poll_ms);
  // One historical file: every record once, sorted by timestamp (stable), rejected rows as dead
  // letters carrying the row's cells.
  void history(const adapters::history::HistoryBatch& batch);

  // history() in steps, for callers that interleave a batch with other sources (the season
  // replay): the batch's records in the order and with the timestamps history() publishes them
  // (pointers into `batch`, which must outlive them), one record at a time, then the batch's
  // rejected rows and warnings. history(batch) is exactly: payloads + 1, publish_history() for
  // each of history_order(batch), history_rejects(batch).
  struct HistoryRecord {
    int64_t timestamp_ms = 0;
    std::variant<const domain::Event*, const domain::OddsQuote*, const domain::GameResult*,
                 const domain::WeatherReport*>
        record;
  };
  static std::vector<HistoryRecord> history_order(const adapters::history::HistoryBatch& batch);
  void publish_history(const HistoryRecord& record);
  void history_rejects(const adapters::history::HistoryBatch& batch);
  void failed_fetch() { ++totals_.failed_fetches; }
  // A fetched body that cannot be read at all: one dead letter (deserialization) and a failed
  // fetch. `raw` is cut to 64 KiB.
  void unreadable(const std::string& reason, std::string_view raw, int64_t poll_ms);

  void flush() { publisher_.flush(); }
  const StatsTotals& totals() const { return totals_; }

 private:
  CollectPublisher publisher_;
  std::string collector_;
  domain::collect::EventTracker events_;
  domain::collect::ResultTracker results_;
  domain::collect::WeatherTracker weather_;
  StatsTotals totals_;
};

}  // namespace sharpline::cli
