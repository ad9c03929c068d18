#include "cli/replay/replay_pacing.hpp"

#include <algorithm>
#include <cmath>

#include "adapters/sources/iso_time.hpp"

namespace sharpline::cli::replay {

double parse_speed(const std::string& text) {
  if (text == "max") return 0.0;
  const double speed = parse_double(text, "--speed");
  if (!(speed > 0.0))
    throw UsageError("--speed must be 'max' or a positive factor, got '" + text + "'");
  return speed;
}

std::optional<int64_t> event_time_option(const ParsedArgs& parsed, const std::string& name) {
  const auto text = parsed.get(name);
  if (!text) return std::nullopt;
  std::string value = *text;
  if (value.size() == 10) value += "T00:00:00Z";  // a bare date: its start, UTC
  const auto ms = adapters::sources::parse_iso8601_ms(value);
  if (!ms) throw UsageError("--" + name + ": not a date or ISO 8601 time: '" + *text + "'");
  return ms;
}

bool EventClock::wait_until(int64_t event_ms) {
  if (stopped_) return false;
  if (speed_ <= 0.0) {
    // As fast as possible, but still stoppable: a signal is noticed between records.
    stopped_ = signals_.wait_for(0).has_value();
    return !stopped_;
  }
  if (!anchor_) anchor_.emplace(event_ms, Clock::now());
  const double wall_ms = static_cast<double>(event_ms - anchor_->first) / speed_;
  const auto due =
      anchor_->second + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double, std::milli>(std::max(0.0, wall_ms)));
  for (;;) {
    const auto now = Clock::now();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count();
    // Slices of at most 100 ms; 0 still polls for a signal once.
    const int slice = static_cast<int>(std::clamp<long long>(left, 0, 100));
    if (signals_.wait_for(slice)) {
      stopped_ = true;
      return false;
    }
    if (left <= 100) return true;
  }
}

}  // namespace sharpline::cli::replay
