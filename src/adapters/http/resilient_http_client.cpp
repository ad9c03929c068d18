#include "adapters/http/resilient_http_client.hpp"

#include <random>
#include <thread>
#include <utility>

#include "adapters/http/url.hpp"
#include "common/logging.hpp"

namespace sharpline::adapters::http {

namespace {

constexpr const char* kRequests = "sharpline_http_client_requests_total";
constexpr const char* kRetries = "sharpline_http_client_retries_total";
constexpr const char* kFailures = "sharpline_http_client_failures_total";
constexpr const char* kBreaker = "sharpline_http_client_breaker_state";

std::string host_key(const std::string& url) {
  auto parsed = parse_url(url);  // throws HttpError (redacted) for a bad URL: not retryable
  return format_host_port(parsed.host, parsed.port);
}

}  // namespace

ResilienceClock ResilienceClock::system() {
  ResilienceClock clock;
  clock.now = [] { return std::chrono::steady_clock::now(); };
  clock.wall_now = [] { return std::chrono::system_clock::now(); };
  clock.sleep = [](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); };
  clock.random = [] {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
  return clock;
}

CircuitOpenError::CircuitOpenError(const std::string& host, std::chrono::milliseconds retry_in)
    : HttpError("circuit breaker open for " + host + ": request not sent; next trial in " +
                std::to_string(retry_in.count()) + " ms"),
      host_(host),
      retry_in_(retry_in) {}

BudgetExceededError::BudgetExceededError(const std::string& host, std::size_t max_requests,
                                         std::chrono::milliseconds window,
                                         std::chrono::milliseconds retry_in)
    : HttpError("request budget for " + host + " exhausted (" + std::to_string(max_requests) +
                " requests per " + std::to_string(window.count()) +
                " ms): request not sent; next slot in " + std::to_string(retry_in.count()) + " ms"),
      host_(host),
      retry_in_(retry_in) {}

ResilientHttpClient::ResilientHttpClient(HttpClient client, ResilientHttpClientOptions options,
                                         MetricsRegistry& metrics, ResilienceClock clock)
    : client_(std::move(client)), options_(options), metrics_(metrics), clock_(std::move(clock)) {}

ResilientHttpClient::HostState& ResilientHttpClient::host_state(const std::string& host) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) {
    it = hosts_
             .emplace(host,
                      HostState{CircuitBreaker(options_.breaker), RequestBudget(options_.budget)})
             .first;
  }
  return it->second;
}

BreakerState ResilientHttpClient::breaker_state(const std::string& host_port) {
  std::lock_guard lock(mutex_);
  return host_state(host_port).breaker.state(clock_.now());
}

void ResilientHttpClient::count_failure(const std::string& host, const std::string& reason) {
  metrics_
      .counter(kFailures, "HTTP client attempts that failed or were refused, by host and reason",
               {{"host", host}, {"reason", reason}})
      .inc();
}

void ResilientHttpClient::acquire(const std::string& host) {
  std::unique_lock lock(mutex_);
  auto& state = host_state(host);
  auto now = clock_.now();
  // Budget first: taking the breaker's half-open trial slot and then refusing would strand it.
  if (auto wait = state.budget.retry_in(now); wait.count() > 0) {
    lock.unlock();
    count_failure(host, "budget_exceeded");
    throw BudgetExceededError(host, options_.budget.max_requests, options_.budget.window, wait);
  }
  if (!state.breaker.try_acquire(now)) {
    auto wait = state.breaker.retry_in(now);
    lock.unlock();
    count_failure(host, "circuit_open");
    throw CircuitOpenError(host, wait);
  }
  state.budget.try_acquire(now);
  metrics_
      .gauge(kBreaker, "Circuit breaker state per host: 0 closed, 1 open, 2 half-open",
             {{"host", host}})
      .set(static_cast<double>(state.breaker.state(now)));
}

void ResilientHttpClient::report(const std::string& host, Outcome outcome) {
  std::lock_guard lock(mutex_);
  auto& state = host_state(host);
  auto now = clock_.now();
  switch (outcome) {
    case Outcome::Success:
      state.breaker.on_success();
      break;
    case Outcome::Failure:
      state.breaker.on_failure(now);
      break;
    case Outcome::Abandoned:
      state.breaker.on_abandoned();
      break;
  }
  metrics_
      .gauge(kBreaker, "Circuit breaker state per host: 0 closed, 1 open, 2 half-open",
             {{"host", host}})
      .set(static_cast<double>(state.breaker.state(now)));
}

HttpClientResponse ResilientHttpClient::request(HttpMethod method, const std::string& url,
                                                const std::string& body, const HttpHeaders& headers,
                                                std::chrono::milliseconds timeout) {
  const auto host = host_key(url);
  const auto& policy = options_.retry;
  const bool may_repeat = policy.retry_non_idempotent || is_idempotent(method);
  auto& requests =
      metrics_.counter(kRequests, "HTTP client requests sent, by host", {{"host", host}});
  auto& retries = metrics_.counter(kRetries, "HTTP client retries, by host", {{"host", host}});

  for (int attempt = 0;; ++attempt) {
    const bool last_attempt = attempt + 1 >= std::max(1, policy.max_attempts);
    acquire(host);
    requests.inc();
    std::chrono::milliseconds wait{0};
    std::string reason;
    try {
      auto response = client_.request(method, url, body, headers, timeout);
      if (!is_retryable_status(response.status)) {
        report(host, Outcome::Success);
        return response;
      }
      // 429 proves the host is up and answering; only 5xx count against the breaker.
      report(host, response.status == 429 ? Outcome::Success : Outcome::Failure);
      reason = "status_" + std::to_string(response.status);
      count_failure(host, response.status == 429 ? "status_429" : "status_5xx");
      if (last_attempt || !(may_repeat || response.status == 429)) return response;
      wait = jittered_backoff(policy, attempt, clock_.random());
      if (response.status == 429 || response.status == 503) {
        if (auto value = response.header("Retry-After")) {
          if (auto asked = parse_retry_after(*value, clock_.wall_now())) {
            // Waiting longer than allowed inside one call would stall the collector's loop.
            if (*asked > policy.max_retry_after) return response;
            wait = *asked;
          }
        }
      }
    } catch (const HttpError& error) {
      report(host, Outcome::Failure);
      count_failure(host, "transport");
      if (last_attempt || !may_repeat) throw;
      reason = error.what();  // HttpClient messages are already redacted
      wait = jittered_backoff(policy, attempt, clock_.random());
    } catch (...) {
      // Not the host's fault (e.g. a non-positive timeout): neither a breaker failure nor a retry,
      // but a half-open trial slot taken by acquire() must not stay taken forever.
      report(host, Outcome::Abandoned);
      throw;
    }
    retries.inc();
    log_warn("http request retry", {{"host", host},
                                    {"url", redact_url(url)},
                                    {"attempt", attempt + 1},
                                    {"wait_ms", wait.count()},
                                    {"reason", reason}});
    clock_.sleep(wait);
  }
}

}  // namespace sharpline::adapters::http
