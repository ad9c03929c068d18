#pragma once

// HttpClient with the resilience a collector needs against public APIs: retries with full-jitter
// exponential backoff, Retry-After, a circuit breaker and a request budget per host, and metrics.
// See docs/collectors-http.md for the rules.
//
// Error policy (same as HttpClient): an HTTP status is returned as a response, including the last
// 5xx or 429 when retries are used up; HttpError is thrown when no response came back. Two
// subclasses say that nothing was sent at all: CircuitOpenError and BudgetExceededError.
//
// request() is thread-safe. Waiting happens through the injected clock's sleep(), outside the
// lock, so tests run instantly and see every wait.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "adapters/http/circuit_breaker.hpp"
#include "adapters/http/http_client.hpp"
#include "adapters/http/request_budget.hpp"
#include "adapters/http/retry_policy.hpp"
#include "common/metrics.hpp"

namespace sharpline::adapters::http {

// Everything time- or chance-dependent, injectable. system() uses the real clocks, sleeps the
// thread and draws jitter from a per-thread Mersenne Twister; members left empty by the caller
// are taken from system().
struct ResilienceClock {
  std::function<std::chrono::steady_clock::time_point()> now;       // breaker, budget
  std::function<std::chrono::system_clock::time_point()> wall_now;  // Retry-After dates
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random;  // uniform in [0, 1), for jitter

  static ResilienceClock system();
};

struct ResilientHttpClientOptions {
  RetryPolicy retry;
  CircuitBreakerOptions breaker;
  RequestBudgetOptions budget;  // per host; max_requests 0 means unlimited
};

// Nothing was sent because the host's breaker is open (or its half-open trial is in flight).
class CircuitOpenError : public HttpError {
 public:
  CircuitOpenError(const std::string& host, std::chrono::milliseconds retry_in);
  const std::string& host() const { return host_; }
  std::chrono::milliseconds retry_in() const { return retry_in_; }

 private:
  std::string host_;
  std::chrono::milliseconds retry_in_;
};

// Nothing was sent because the host's request budget for the current window is used up.
class BudgetExceededError : public HttpError {
 public:
  BudgetExceededError(const std::string& host, std::size_t max_requests,
                      std::chrono::milliseconds window, std::chrono::milliseconds retry_in);
  const std::string& host() const { return host_; }
  std::chrono::milliseconds retry_in() const { return retry_in_; }

 private:
  std::string host_;
  std::chrono::milliseconds retry_in_;
};

class ResilientHttpClient {
 public:
  // Metrics go to `metrics` (families sharpline_http_client_*, label host="name:port").
  ResilientHttpClient(HttpClient client, ResilientHttpClientOptions options = {},
                      MetricsRegistry& metrics = MetricsRegistry::global(),
                      ResilienceClock clock = ResilienceClock::system());
  ResilientHttpClient(const ResilientHttpClient&) = delete;
  ResilientHttpClient& operator=(const ResilientHttpClient&) = delete;

  // `timeout` bounds each attempt, not the whole call.
  HttpClientResponse request(HttpMethod method, const std::string& url,
                             const std::string& body = {}, const HttpHeaders& headers = {},
                             std::chrono::milliseconds timeout = kDefaultRequestTimeout);
  HttpClientResponse get(const std::string& url, const HttpHeaders& headers = {},
                         std::chrono::milliseconds timeout = kDefaultRequestTimeout) {
    return request(HttpMethod::Get, url, {}, headers, timeout);
  }

  BreakerState breaker_state(const std::string& host_port);

 private:
  struct HostState {
    CircuitBreaker breaker;
    RequestBudget budget;
  };
  enum class Outcome { Success, Failure, Abandoned };

  HostState& host_state(const std::string& host);  // caller holds mutex_
  void acquire(const std::string& host);
  void report(const std::string& host, Outcome outcome);
  void count_failure(const std::string& host, const std::string& reason);

  HttpClient client_;
  ResilientHttpClientOptions options_;
  MetricsRegistry& metrics_;
  ResilienceClock clock_;
  std::mutex mutex_;
  std::map<std::string, HostState> hosts_;
};

}  // namespace sharpline::adapters::http
