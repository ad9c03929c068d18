#include "adapters/http/retry_policy.hpp"

#include <gtest/gtest.h>

#include "adapters/http/circuit_breaker.hpp"
#include "adapters/http/request_budget.hpp"

namespace sharpline::adapters::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(RetryPolicy, RetriesOnly429And5xx) {
  EXPECT_TRUE(is_retryable_status(429));
  EXPECT_TRUE(is_retryable_status(500));
  EXPECT_TRUE(is_retryable_status(503));
  EXPECT_TRUE(is_retryable_status(599));
  EXPECT_FALSE(is_retryable_status(200));
  EXPECT_FALSE(is_retryable_status(400));
  EXPECT_FALSE(is_retryable_status(401));
  EXPECT_FALSE(is_retryable_status(404));
  EXPECT_FALSE(is_retryable_status(422));
}

TEST(RetryPolicy, PostAndPatchAreNotIdempotent) {
  EXPECT_TRUE(is_idempotent(HttpMethod::Get));
  EXPECT_TRUE(is_idempotent(HttpMethod::Put));
  EXPECT_TRUE(is_idempotent(HttpMethod::Delete));
  EXPECT_FALSE(is_idempotent(HttpMethod::Post));
  EXPECT_FALSE(is_idempotent(HttpMethod::Patch));
}

TEST(RetryPolicy, BackoffCeilingDoublesUpToMaxDelay) {
  RetryPolicy policy;
  policy.base_delay = milliseconds(100);
  policy.max_delay = milliseconds(1000);
  EXPECT_EQ(backoff_ceiling(policy, 0), milliseconds(100));
  EXPECT_EQ(backoff_ceiling(policy, 1), milliseconds(200));
  EXPECT_EQ(backoff_ceiling(policy, 3), milliseconds(800));
  EXPECT_EQ(backoff_ceiling(policy, 4), milliseconds(1000));
  EXPECT_EQ(backoff_ceiling(policy, 1000), milliseconds(1000));  // no overflow
}

TEST(RetryPolicy, FullJitterScalesTheWholeInterval) {
  RetryPolicy policy;
  policy.base_delay = milliseconds(100);
  EXPECT_EQ(jittered_backoff(policy, 2, 0.0), milliseconds(0));
  EXPECT_EQ(jittered_backoff(policy, 2, 0.25), milliseconds(100));
  EXPECT_EQ(jittered_backoff(policy, 2, 0.999), milliseconds(399));
}

TEST(RetryAfter, ParsesDeltaSeconds) {
  auto now = std::chrono::system_clock::now();
  EXPECT_EQ(parse_retry_after("120", now), milliseconds(120000));
  EXPECT_EQ(parse_retry_after(" 0 ", now), milliseconds(0));
  EXPECT_FALSE(parse_retry_after("-5", now));
  EXPECT_FALSE(parse_retry_after("1.5", now));
  EXPECT_FALSE(parse_retry_after("soon", now));
  EXPECT_FALSE(parse_retry_after("", now));
}

TEST(RetryAfter, ParsesTheThreeHttpDateForms) {
  auto now = std::chrono::sys_days{std::chrono::year{1994} / 11 / 6} + std::chrono::hours(8) +
             std::chrono::minutes(49);  // 08:49:00Z
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), milliseconds(37000));
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), milliseconds(37000));
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", now), milliseconds(37000));
  // A date already past means "now".
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), milliseconds(0));
  EXPECT_FALSE(parse_retry_after("Sun, 31 Feb 1994 08:49:37 GMT", now));
  EXPECT_FALSE(parse_retry_after("Sun, 06 Nov 1994 25:49:37 GMT", now));
  EXPECT_FALSE(parse_retry_after("Sun, 06 Nov 1994 08:49:37 CET", now));
}

TEST(CircuitBreaker, OpensAfterConsecutiveFailuresAndAllowsOneTrialAfterCoolDown) {
  CircuitBreaker breaker({3, seconds(10)});
  CircuitBreaker::TimePoint t{};
  breaker.on_failure(t);
  breaker.on_failure(t);
  breaker.on_success();  // resets the run
  breaker.on_failure(t);
  breaker.on_failure(t);
  EXPECT_EQ(breaker.state(t), BreakerState::Closed);
  EXPECT_TRUE(breaker.try_acquire(t));
  breaker.on_failure(t);
  EXPECT_EQ(breaker.state(t), BreakerState::Open);
  EXPECT_FALSE(breaker.try_acquire(t + seconds(9)));
  EXPECT_EQ(breaker.retry_in(t + seconds(9)), milliseconds(1000));

  auto later = t + seconds(10);
  EXPECT_EQ(breaker.state(later), BreakerState::HalfOpen);
  EXPECT_TRUE(breaker.try_acquire(later));
  EXPECT_FALSE(breaker.try_acquire(later));  // only one trial at a time
  breaker.on_failure(later);                 // the trial failed: open again, full cool-down
  EXPECT_EQ(breaker.state(later + seconds(5)), BreakerState::Open);

  auto again = later + seconds(10);
  EXPECT_TRUE(breaker.try_acquire(again));
  breaker.on_success();
  EXPECT_EQ(breaker.state(again), BreakerState::Closed);
  EXPECT_TRUE(breaker.try_acquire(again));
}

TEST(RequestBudget, RefusesBeyondTheWindowAndFreesSlotsAsTheyAge) {
  RequestBudget budget({2, seconds(60)});
  RequestBudget::TimePoint t{};
  EXPECT_TRUE(budget.try_acquire(t));
  EXPECT_TRUE(budget.try_acquire(t + seconds(10)));
  EXPECT_FALSE(budget.try_acquire(t + seconds(20)));
  EXPECT_EQ(budget.used(t + seconds(20)), 2u);
  EXPECT_EQ(budget.retry_in(t + seconds(20)), milliseconds(40000));
  EXPECT_TRUE(budget.try_acquire(t + seconds(60)));  // the first one aged out
  EXPECT_FALSE(budget.try_acquire(t + seconds(61)));

  RequestBudget unlimited;
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(unlimited.try_acquire(t));
}

}  // namespace
}  // namespace sharpline::adapters::http
