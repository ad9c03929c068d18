#include "domain/collect/event_tracker.hpp"

namespace sharpline::domain::collect {

bool EventTracker::observe(const Event& event) {
  Event comparable = event;
  comparable.updated_ms = 0;
  const auto [it, inserted] = held_.try_emplace(event.event_id, comparable);
  if (inserted) return true;
  if (it->second == comparable) return false;
  it->second = comparable;
  return true;
}

}  // namespace sharpline::domain::collect
