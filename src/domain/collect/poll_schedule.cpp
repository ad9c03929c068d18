#include "domain/collect/poll_schedule.hpp"

#include <algorithm>
#include <stdexcept>

namespace sharpline::domain::collect {

PollSchedule::PollSchedule(std::vector<SportPollInterval> sports, int64_t start_ms,
                           PollScheduleOptions options)
    : sports_(std::move(sports)), options_(options), start_ms_(start_ms) {
  if (sports_.empty()) throw std::invalid_argument("poll schedule: no sports");
  if (options_.near_window.count() < 0)
    throw std::invalid_argument("poll schedule: near_window must not be negative");
  for (std::size_t i = 0; i < sports_.size(); ++i) {
    const auto& sport = sports_[i];
    if (sport.sport.empty()) throw std::invalid_argument("poll schedule: empty sport key");
    if (sport.interval.count() <= 0 || sport.near_interval.count() <= 0)
      throw std::invalid_argument("poll schedule: intervals of " + sport.sport +
                                  " must be positive");
    for (std::size_t j = 0; j < i; ++j) {
      if (sports_[j].sport == sport.sport)
        throw std::invalid_argument("poll schedule: sport " + sport.sport + " listed twice");
    }
  }
  states_.resize(sports_.size());
}

std::size_t PollSchedule::index_of(std::string_view sport) const {
  for (std::size_t i = 0; i < sports_.size(); ++i) {
    if (sports_[i].sport == sport) return i;
  }
  throw std::invalid_argument("poll schedule: unknown sport " + std::string(sport));
}

void PollSchedule::record_poll(std::string_view sport, int64_t at_ms) {
  const std::size_t index = index_of(sport);
  states_[index].last_poll_ms = at_ms;
  last_any_poll_ms_ = last_any_poll_ms_ ? std::max(*last_any_poll_ms_, at_ms) : at_ms;
  last_polled_index_ = index;
}

void PollSchedule::set_commence_times(std::string_view sport, std::vector<int64_t> commence_ms) {
  auto& state = states_[index_of(sport)];
  std::sort(commence_ms.begin(), commence_ms.end());
  state.commence_ms = std::move(commence_ms);
}

void PollSchedule::set_quota_delay(std::chrono::milliseconds delay) {
  quota_delay_ = std::max(delay, std::chrono::milliseconds(0));
}

bool PollSchedule::is_near(std::string_view sport, int64_t at_ms) const {
  const auto& starts = states_[index_of(sport)].commence_ms;
  const auto later = std::upper_bound(starts.begin(), starts.end(), at_ms);
  return later != starts.end() && *later - at_ms <= options_.near_window.count();
}

int64_t PollSchedule::schedule_due(std::string_view sport) const {
  return schedule_due(index_of(sport));
}

int64_t PollSchedule::schedule_due(std::size_t index) const {
  const auto& state = states_[index];
  if (!state.last_poll_ms) return start_ms_;
  const int64_t last = *state.last_poll_ms;
  const int64_t base = last + sports_[index].interval.count();
  const int64_t near = last + sports_[index].near_interval.count();
  const auto& starts = state.commence_ms;
  const auto later = std::upper_bound(starts.begin(), starts.end(), last);
  if (later == starts.end()) return base;
  // The near window of the earliest later start opens at c - near_window: already open at the
  // last poll, or opening before the base interval ends (then poll when it opens).
  const int64_t window_opens = *later - options_.near_window.count();
  return std::min(base, std::max(near, window_opens));
}

DuePoll PollSchedule::next_due() const {
  const int64_t gate = last_any_poll_ms_ ? *last_any_poll_ms_ + quota_delay_.count() : start_ms_;
  // Rotation order: the sport after the one polled last comes first among exact ties.
  const std::size_t first = last_polled_index_ ? (*last_polled_index_ + 1) % sports_.size() : 0;
  std::optional<std::size_t> best;
  int64_t best_at = 0;
  int64_t best_schedule = 0;
  for (std::size_t k = 0; k < sports_.size(); ++k) {
    const std::size_t index = (first + k) % sports_.size();
    const int64_t schedule = schedule_due(index);
    const int64_t at = std::max(schedule, gate);
    // Earliest effective time; among equals the one that has waited longest by its schedule.
    if (!best || at < best_at || (at == best_at && schedule < best_schedule)) {
      best = index;
      best_at = at;
      best_schedule = schedule;
    }
  }
  return DuePoll{sports_[*best].sport, best_at};
}

}  // namespace sharpline::domain::collect
