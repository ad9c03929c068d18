// The lifecycle of opportunities in one market: OPEN when first detected, UPDATED only on a
// material change, CLOSED when gone. Without hysteresis an edge hovering at a threshold would
// open and close on every poll ("flapping"); here an open opportunity stays open while the
// relaxed (keep-alive) detection still finds it, and is re-emitted only when
//   a leg's price or book changed, or the EV (arbitrage: the return) moved by >= min_ev_change
//   since the last emitted record (the tier rides along; a tier flip alone is not material).
// Close reasons: price_moved (a leg's book no longer has the best price there), book_removed
// (the leg's line is gone from the market), edge_below_threshold (same prices, the edge went),
// event_started (commence time reached; nothing pre-match can be bet any more).
#pragma once

#include <string>
#include <vector>

#include "domain/opportunities/detection.hpp"
#include "domain/records/pipeline_records.hpp"

namespace sharpline::domain::opportunities {

struct LifecycleOptions {
  double min_ev_change = 0.005;
};

// `open`: the market's open opportunities (their last emitted record), updated in place.
// `strict` / `relaxed`: detect() on the new vector with the opening and keep-alive thresholds.
// Returns the records to emit (OPEN, UPDATED, CLOSED), in a stable order.
std::vector<Opportunity> reconcile(std::vector<Opportunity>& open, const FeatureVector& vector,
                                   const std::vector<Opportunity>& strict,
                                   const std::vector<Opportunity>& relaxed,
                                   const LifecycleOptions& options);

// Closes every open opportunity with `reason` at as_of_ms; `open` ends empty.
std::vector<Opportunity> close_all(std::vector<Opportunity>& open, const std::string& reason,
                                   int64_t as_of_ms);

}  // namespace sharpline::domain::opportunities
