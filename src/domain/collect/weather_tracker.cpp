#include "domain/collect/weather_tracker.hpp"

namespace sharpline::domain::collect {

bool WeatherTracker::observe(const WeatherReport& report) {
  const auto found = held_.find(report.event_id);
  if (found != held_.end()) {
    WeatherReport comparable = report;
    comparable.observed_ms = found->second.observed_ms;
    if (comparable == found->second) return false;
  }
  held_[report.event_id] = report;
  return true;
}

}  // namespace sharpline::domain::collect
