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

std::vector<Event> EventTracker::held() const {
  std::vector<Event> events;
  events.reserve(held_.size());
  for (const auto& [id, event] : held_) events.push_back(event);
  return events;
}

void EventTracker::restore(const std::vector<Event>& events) {
  held_.clear();
  for (const auto& event : events) held_[event.event_id] = event;
}

}  // namespace sharpline::domain::collect
