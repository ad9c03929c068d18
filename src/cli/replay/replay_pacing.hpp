// Pacing shared by the replays: --speed (event time against wall time) and the --from/--until
// bounds on event time.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/args.hpp"
#include "common/signals.hpp"

namespace sharpline::cli::replay {

// "max" -> 0 (as fast as possible); else a positive factor. Throws UsageError.
double parse_speed(const std::string& text);

// --NAME as epoch ms: an ISO 8601 UTC time, or a bare YYYY-MM-DD meaning its start (UTC).
// nullopt when absent; UsageError when malformed.
std::optional<int64_t> event_time_option(const ParsedArgs& parsed, const std::string& name);

// Holds each record back until its event time is due: the first record goes at once, and event
// time then advances `speed` times as fast as wall time. Sleeps in slices of at most 100 ms so
// SIGINT/SIGTERM end a slow replay promptly.
class EventClock {
 public:
  EventClock(double speed, ShutdownSignals& signals) : speed_(speed), signals_(signals) {}

  // False once a shutdown signal arrived (the record must not be sent).
  bool wait_until(int64_t event_ms);

 private:
  using Clock = std::chrono::steady_clock;
  double speed_;
  ShutdownSignals& signals_;
  std::optional<std::pair<int64_t, Clock::time_point>> anchor_;
  bool stopped_ = false;
};

}  // namespace sharpline::cli::replay
