#pragma once

// What every historical loader returns: the same record types the live collectors emit, plus an
// account of the rows that did not become records.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/records/records.hpp"

namespace sharpline::adapters::history {

// Closing lines carry no timestamp in the historical files; every loader stamps them this long
// before kickoff (observed_ms) and marks them is_closing.
inline constexpr int64_t kClosingLeadMs = 60LL * 1000;

// Observed weather (nflverse, Retrosheet) is known only at the game. Replays and backtests stand
// it in for the kickoff forecast, issued this long before kickoff, so pre-match features can use
// it without reading the future (the forecast error is not simulated).
inline constexpr int64_t kObservedWeatherAsForecastLeadMs = 24LL * 3600 * 1000;

// A row (or, for warnings, one cell of a row) that a loader could not use.
struct RejectedRow {
  std::string file;      // file name without directory
  std::size_t line = 0;  // 1-based physical line; the header is line 1
  std::string reason;
  std::string raw;  // the row as a JSON object of header -> cell (empty for warnings)

  bool operator==(const RejectedRow&) const = default;
};

struct HistoryBatch {
  std::vector<domain::Event> events;
  std::vector<domain::OddsQuote> quotes;
  std::vector<domain::GameResult> results;
  std::vector<domain::WeatherReport> weather;
  // Rows that could not become an event (bad date, missing team...).
  std::vector<RejectedRow> rejected;
  // Cells dropped from rows that were otherwise loaded (e.g. an odds value that is not a price).
  std::vector<RejectedRow> warnings;
  std::size_t rows_read = 0;  // data rows, header excluded
  std::size_t skipped = 0;    // blank rows (only separators), neither loaded nor rejected

  // Moves `other`'s records and counts to the end of this batch.
  void append(HistoryBatch&& other);
};

}  // namespace sharpline::adapters::history
