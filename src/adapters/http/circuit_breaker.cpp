#include "adapters/http/circuit_breaker.hpp"

#include <algorithm>

namespace sharpline::adapters::http {

std::string_view to_string(BreakerState state) {
  switch (state) {
    case BreakerState::Closed:
      return "closed";
    case BreakerState::Open:
      return "open";
    case BreakerState::HalfOpen:
      return "half-open";
  }
  return "unknown";
}

BreakerState CircuitBreaker::state(TimePoint now) const {
  if (!open_) return BreakerState::Closed;
  return now - opened_at_ >= options_.cool_down ? BreakerState::HalfOpen : BreakerState::Open;
}

std::chrono::milliseconds CircuitBreaker::retry_in(TimePoint now) const {
  if (state(now) != BreakerState::Open) return std::chrono::milliseconds{0};
  return std::chrono::ceil<std::chrono::milliseconds>(opened_at_ + options_.cool_down - now);
}

bool CircuitBreaker::try_acquire(TimePoint now) {
  switch (state(now)) {
    case BreakerState::Closed:
      return true;
    case BreakerState::Open:
      return false;
    case BreakerState::HalfOpen:
      if (trial_in_flight_) return false;
      trial_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::on_success() {
  consecutive_failures_ = 0;
  open_ = false;
  trial_in_flight_ = false;
}

void CircuitBreaker::on_failure(TimePoint now) {
  trial_in_flight_ = false;
  // A failed half-open trial reopens at once: one success is needed to prove recovery.
  if (open_ || ++consecutive_failures_ >= std::max(1, options_.failure_threshold)) {
    open_ = true;
    opened_at_ = now;
  }
}

}  // namespace sharpline::adapters::http
