// When to poll which sport: the live odds collector's schedule, pure so the rules are tested
// without a clock or a network. Times are UTC epoch milliseconds, durations std::chrono.
//
// Rules (docs/collectors.md, "Live polling"):
//   1. Each sport has a base `interval` (default 10 min) and a `near_interval` (default 2 min).
//   2. A sport is *near* while one of its known events starts within `near_window` (default 3 h)
//      of the moment in question; events that already started do not count. After a poll at
//      time L the sport is due at
//          L + near_interval                      if an event commences in (L, L + near_window]
//          max(L + near_interval, c - near_window) if the earliest later start c opens the
//                                                  window before L + interval
//          L + interval                           otherwise.
//      So the schedule speeds up as soon as the window opens, not only at the next base poll.
//   3. Quota: the quota tracker's delay is the minimum gap between two requests of *any* sport
//      (every poll costs quota, whatever the sport). No poll is due before
//          last poll of any sport + quota_delay,
//      so for one sport the wait is max(schedule interval, quota delay).
//   4. Round-robin: the sport due earliest is next; sports due at the same moment (e.g. all of
//      them at start, or all held back by the quota gate) take turns in list order, starting
//      after the sport polled last. A sport never polled is due at the schedule's start time.
//
// Not thread-safe: one collector loop owns it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::domain::collect {

struct SportPollInterval {
  std::string sport;
  std::chrono::milliseconds interval{std::chrono::minutes(10)};
  std::chrono::milliseconds near_interval{std::chrono::minutes(2)};
};

struct PollScheduleOptions {
  std::chrono::milliseconds near_window{std::chrono::hours(3)};
};

struct DuePoll {
  std::string sport;
  int64_t at_ms = 0;  // may be in the past: poll at once
};

class PollSchedule {
 public:
  // Throws std::invalid_argument for no sports, a repeated or empty sport, or an interval or
  // near_interval <= 0, or a negative near_window.
  PollSchedule(std::vector<SportPollInterval> sports, int64_t start_ms,
               PollScheduleOptions options = {});

  // A poll of `sport` happened (successful or not) at `at_ms`. Throws std::invalid_argument for
  // an unknown sport.
  void record_poll(std::string_view sport, int64_t at_ms);
  // The commence times of the sport's events as of its latest successful poll (replaces the
  // previous list). Throws std::invalid_argument for an unknown sport.
  void set_commence_times(std::string_view sport, std::vector<int64_t> commence_ms);
  // Minimum gap after the latest poll of any sport (from the quota tracker); 0 = no limit.
  void set_quota_delay(std::chrono::milliseconds delay);

  // Which sport to poll next and when (rules 1-4).
  DuePoll next_due() const;
  // When the sport is due by its own schedule alone (rules 1-2), ignoring the quota gate.
  int64_t schedule_due(std::string_view sport) const;
  // True if one of the sport's known events commences within near_window after `at_ms`.
  bool is_near(std::string_view sport, int64_t at_ms) const;

  const std::vector<SportPollInterval>& sports() const { return sports_; }
  std::chrono::milliseconds quota_delay() const { return quota_delay_; }

 private:
  struct State {
    std::optional<int64_t> last_poll_ms;
    std::vector<int64_t> commence_ms;  // sorted
  };
  std::size_t index_of(std::string_view sport) const;
  int64_t schedule_due(std::size_t index) const;

  std::vector<SportPollInterval> sports_;
  std::vector<State> states_;
  PollScheduleOptions options_;
  int64_t start_ms_;
  std::chrono::milliseconds quota_delay_{0};
  std::optional<int64_t> last_any_poll_ms_;
  std::optional<std::size_t> last_polled_index_;
};

}  // namespace sharpline::domain::collect
