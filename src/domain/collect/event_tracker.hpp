// Which events to (re)publish: an Event record replaces the previous one for its id, so the
// collector sends one only when something a consumer reads changed. updated_ms is ignored in the
// comparison: it moves on every poll and would make every event "changed".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/records/records.hpp"

namespace sharpline::domain::collect {

class EventTracker {
 public:
  // True (and remembers the event) if the id is new or any field but updated_ms differs.
  bool observe(const Event& event);

  // The held events, for a state snapshot, and its inverse (replaces what is held).
  std::vector<Event> held() const;
  void restore(const std::vector<Event>& events);

 private:
  std::map<std::string, Event> held_;
};

}  // namespace sharpline::domain::collect
