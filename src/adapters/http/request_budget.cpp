#include "adapters/http/request_budget.hpp"

namespace sharpline::adapters::http {

void RequestBudget::expire(TimePoint now) {
  while (!sent_.empty() && now - sent_.front() >= options_.window) sent_.pop_front();
}

bool RequestBudget::try_acquire(TimePoint now) {
  if (options_.max_requests == 0) return true;
  expire(now);
  if (sent_.size() >= options_.max_requests) return false;
  sent_.push_back(now);
  return true;
}

std::chrono::milliseconds RequestBudget::retry_in(TimePoint now) {
  if (options_.max_requests == 0) return std::chrono::milliseconds{0};
  expire(now);
  if (sent_.size() < options_.max_requests) return std::chrono::milliseconds{0};
  return std::chrono::ceil<std::chrono::milliseconds>(sent_.front() + options_.window - now);
}

std::size_t RequestBudget::used(TimePoint now) {
  expire(now);
  return sent_.size();
}

}  // namespace sharpline::adapters::http
