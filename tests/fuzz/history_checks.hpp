// Invariants every historical loader keeps, whatever the rows hold.
#pragma once

#include <cmath>
#include <string>

#include "adapters/history/history_batch.hpp"
#include "fuzz_support.hpp"

namespace sharpline::fuzz {

inline void check_history_batch(const adapters::history::HistoryBatch& batch,
                                const std::string& name) {
  SHARPLINE_FUZZ_CHECK(batch.skipped <= batch.rows_read);
  for (const auto& row : batch.rejected) {
    SHARPLINE_FUZZ_CHECK(row.file == name && row.line >= 2 && !row.reason.empty());
  }
  for (const auto& row : batch.warnings) SHARPLINE_FUZZ_CHECK(row.file == name && row.line >= 2);
  for (const auto& quote : batch.quotes) {
    SHARPLINE_FUZZ_CHECK(std::isfinite(quote.price) && quote.price > 1.0);
    SHARPLINE_FUZZ_CHECK(!quote.point || std::isfinite(*quote.point));
    SHARPLINE_FUZZ_CHECK(!quote.event_id.empty() && !quote.outcome.empty());
  }
  for (const auto& event : batch.events) SHARPLINE_FUZZ_CHECK(!event.event_id.empty());
}

}  // namespace sharpline::fuzz
