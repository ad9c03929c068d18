// Invariants of ParsedStats (ESPN and MLB StatsAPI parsers): every item read is either accepted
// or one rejected item, and accepted records are complete.
#pragma once

#include "adapters/sources/stats_payload.hpp"
#include "fuzz_support.hpp"

namespace sharpline::fuzz {

inline void check_parsed_stats(const adapters::sources::ParsedStats& parsed) {
  SHARPLINE_FUZZ_CHECK(parsed.items == parsed.accepted + parsed.rejected.size());
  for (const auto& item : parsed.rejected) SHARPLINE_FUZZ_CHECK(!item.reason.empty());
  for (const auto& event : parsed.events) {
    SHARPLINE_FUZZ_CHECK(!event.event_id.empty() && event.home_team != event.away_team);
  }
  for (const auto& result : parsed.results) SHARPLINE_FUZZ_CHECK(!result.event_id.empty());
}

}  // namespace sharpline::fuzz
