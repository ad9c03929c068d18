#pragma once

// Sliding-window request budget for one host: at most `max_requests` sent within any `window`.
// It keeps a collector inside a provider's quota (The Odds API bills every request) even when a
// bug or a retry storm would otherwise poll in a loop: a refused request is never sent.
//
// Time is passed in; not thread-safe on its own (the resilient client holds its mutex).

#include <chrono>
#include <cstddef>
#include <deque>

namespace sharpline::adapters::http {

struct RequestBudgetOptions {
  std::size_t max_requests = 0;  // 0: unlimited
  std::chrono::milliseconds window{std::chrono::hours(1)};
};

class RequestBudget {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit RequestBudget(RequestBudgetOptions options = {}) : options_(options) {}

  // Records a request at `now` and returns true, or returns false (and records nothing) when the
  // window is full.
  bool try_acquire(TimePoint now);
  // How long until try_acquire can succeed again; zero when it can now.
  std::chrono::milliseconds retry_in(TimePoint now);
  std::size_t used(TimePoint now);

 private:
  void expire(TimePoint now);

  RequestBudgetOptions options_;
  std::deque<TimePoint> sent_;
};

}  // namespace sharpline::adapters::http
