#pragma once

// What the resilient client retries and how long it waits in between. Pure functions, so the
// rules are tested without a network, a clock or randomness.
//
// Backoff is "full jitter" (AWS Architecture Blog, 2015): the n-th retry waits a uniformly random
// time in [0, min(max_delay, base_delay * 2^n)]. Spreading the waits over the whole interval keeps
// many collectors that failed together from retrying together.

#include <chrono>
#include <optional>
#include <string_view>

#include "adapters/http/http_types.hpp"

namespace sharpline::adapters::http {

struct RetryPolicy {
  int max_attempts = 4;  // first attempt included; 1 disables retries
  std::chrono::milliseconds base_delay{200};
  std::chrono::milliseconds max_delay{std::chrono::seconds(30)};
  // A Retry-After longer than this is not waited for: the response is returned at once, so a
  // collector never blocks for an hour inside one request.
  std::chrono::milliseconds max_retry_after{std::chrono::minutes(2)};
  // POST and PATCH may have taken effect before a timeout or a 5xx, so they are retried only when
  // this is set (or on 429, where the server says it did nothing).
  bool retry_non_idempotent = false;
};

// 429 and every 5xx. Other 4xx mean the request itself is wrong; sending it again cannot help.
bool is_retryable_status(int status);
bool is_idempotent(HttpMethod method);

// Upper bound of the wait before retry number `retry` (0 for the first retry):
// min(max_delay, base_delay * 2^retry), without overflow for large `retry`.
std::chrono::milliseconds backoff_ceiling(const RetryPolicy& policy, int retry);

// Full jitter: `unit` in [0, 1) scales the ceiling. unit comes from the caller's random source.
std::chrono::milliseconds jittered_backoff(const RetryPolicy& policy, int retry, double unit);

// Retry-After (RFC 9110 §10.2.3): delta-seconds ("120") or an HTTP-date
// ("Wed, 21 Oct 2015 07:28:00 GMT", also the obsolete RFC 850 and asctime forms). A date in the
// past gives zero. nullopt when the value is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

// Parses the three HTTP-date forms to a UTC time point; nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

}  // namespace sharpline::adapters::http
