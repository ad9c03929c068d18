#pragma once

// Tracks The Odds API's quota from its response headers and paces polling so the quota lasts.
//
// Headers (every response): x-requests-remaining (credits left this period), x-requests-used
// (credits used this period), x-requests-last (credits the last request cost). They are exposed
// as gauges sharpline_odds_api_requests_remaining / _used / _last{provider}.
//
// Pacing rule (next_poll_delay): spread the remaining quota evenly over the time left until
// `until` (the end of the quota period, or whenever polling must still be possible), and never
// poll faster than `min_interval`:
//
//   polls_left = floor(remaining / cost)      cost = x-requests-last if seen, else 1
//   delay      = max(min_interval, (until - now) / polls_left)
//
// With nothing left (polls_left == 0) the delay is `until - now` (wait for the reset); with no
// quota seen yet, or `until` already past, it is `min_interval`.
//
// Not thread-safe: one collector loop owns a tracker (the gauges themselves are atomic).

#include <chrono>
#include <optional>
#include <string>

#include "adapters/http/http_types.hpp"
#include "common/metrics.hpp"

namespace sharpline::adapters::http {

class QuotaTracker {
 public:
  QuotaTracker(std::chrono::milliseconds min_interval, std::string provider = "the-odds-api",
               MetricsRegistry& metrics = MetricsRegistry::global());

  // Reads the quota headers; absent or malformed values leave the previous reading in place.
  void update(const HttpHeaders& headers);

  std::optional<double> remaining() const { return remaining_; }
  std::optional<double> used() const { return used_; }
  std::optional<double> last_cost() const { return last_cost_; }

  std::chrono::milliseconds next_poll_delay(std::chrono::system_clock::time_point now,
                                            std::chrono::system_clock::time_point until) const;

 private:
  std::chrono::milliseconds min_interval_;
  Gauge& remaining_gauge_;
  Gauge& used_gauge_;
  Gauge& last_gauge_;
  std::optional<double> remaining_;
  std::optional<double> used_;
  std::optional<double> last_cost_;
};

}  // namespace sharpline::adapters::http
