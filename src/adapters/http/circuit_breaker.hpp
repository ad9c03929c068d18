#pragma once

// Circuit breaker for one host. Closed: requests pass. After `failure_threshold` consecutive
// failures it opens: requests fail fast without touching the network, so a dead upstream costs
// neither time nor API quota. After `cool_down` it is half-open: exactly one trial request passes;
// its success closes the breaker, its failure opens it for another cool-down.
//
// Time is passed in (no clock inside), so tests drive it. Not thread-safe on its own; the
// resilient client guards it with its mutex.

#include <chrono>
#include <string_view>

namespace sharpline::adapters::http {

enum class BreakerState { Closed = 0, Open = 1, HalfOpen = 2 };
std::string_view to_string(BreakerState state);

struct CircuitBreakerOptions {
  int failure_threshold = 5;
  std::chrono::milliseconds cool_down{std::chrono::seconds(30)};
};

class CircuitBreaker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit CircuitBreaker(CircuitBreakerOptions options = {}) : options_(options) {}

  // True when a request may be sent now. In half-open state the first call takes the single
  // trial slot; later calls are refused until that trial reports back.
  bool try_acquire(TimePoint now);
  void on_success();
  void on_failure(TimePoint now);
  // The acquired request ended without saying anything about the host (e.g. the caller passed an
  // invalid argument): frees the half-open trial slot without counting a success or a failure.
  void on_abandoned() { trial_in_flight_ = false; }

  BreakerState state(TimePoint now) const;
  // While open: how long until the half-open trial; zero otherwise.
  std::chrono::milliseconds retry_in(TimePoint now) const;

 private:
  CircuitBreakerOptions options_;
  int consecutive_failures_ = 0;
  bool open_ = false;
  bool trial_in_flight_ = false;
  TimePoint opened_at_{};
};

}  // namespace sharpline::adapters::http
