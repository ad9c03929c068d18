// Which weather reports to (re)publish: a report replaces the previous one for its event, so the
// collector sends one only when the forecast itself changed. observed_ms (the fetch time) is
// ignored in the comparison: it moves on every fetch.
#pragma once

#include <map>
#include <string>

#include "domain/records/records.hpp"

namespace sharpline::domain::collect {

class WeatherTracker {
 public:
  // True (and remembers the report) if the event has no report yet or any field but observed_ms
  // differs from the held one.
  bool observe(const WeatherReport& report);

 private:
  std::map<std::string, WeatherReport> held_;
};

}  // namespace sharpline::domain::collect
