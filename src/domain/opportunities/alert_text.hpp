// The human-readable alert for an opportunity that opened or closed (updates do not alert: a
// subscriber acts on an opening and needs to know when to stop). Severity follows the tier:
// A high, B notice, C and D info; closings are info. Times are the opportunity's event time, so
// a replay alerts exactly as the live run did; the alert expires at kickoff.
#pragma once

#include <optional>
#include <string>

#include "domain/records/pipeline_records.hpp"

namespace sharpline::domain::opportunities {

// nullopt for UPDATED records.
std::optional<Alert> alert_for(const Opportunity& opportunity);

// One line for a terminal: "<created, UTC>  <title>  <event id>", e.g.
// "2025-09-10 20:10Z  [A] value +12.1% EV: New Orleans Saints ML @ 2.95 (betus)  <event>".
std::string alert_line(const Alert& alert);

// "2025-09-12 00:15Z".
std::string utc_minutes(int64_t epoch_ms);

}  // namespace sharpline::domain::opportunities
