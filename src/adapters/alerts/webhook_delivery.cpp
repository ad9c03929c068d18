#include "adapters/alerts/webhook_delivery.hpp"

#include <algorithm>

#include "adapters/alerts/hmac_signer.hpp"
#include "adapters/http/retry_policy.hpp"
#include "adapters/http/url.hpp"
#include "common/clock.hpp"
#include "common/logging.hpp"

namespace sharpline::adapters::alerts {
namespace {

bool retried_status(int status) {
  // 408: the receiver timed out reading us, nothing was processed; the rest as for any client.
  return status == 408 || http::is_retryable_status(status);
}

}  // namespace

Counter& delivery_counter(MetricsRegistry& metrics, const std::string& subscriber,
                          const std::string& outcome) {
  return metrics.counter(kDeliveriesMetric,
                         "Webhook alert outcomes per subscriber: delivered, failed_attempt, "
                         "dead_letter, filtered, expired",
                         {{"subscriber", subscriber}, {"outcome", outcome}});
}

std::string DeliveryResult::reason() const {
  std::string what = last_status != 0 ? "HTTP " + std::to_string(last_status) : last_error;
  if (!retryable) return what + ", not retried";
  return what + " after " + std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

WebhookDeliverer::WebhookDeliverer(Subscriber subscriber, DeliveryClock clock,
                                   MetricsRegistry& metrics, http::HttpClientOptions client_options)
    : subscriber_(std::move(subscriber)),
      clock_(std::move(clock)),
      client_([&] {
        client_options.connect_timeout =
            std::min(client_options.connect_timeout, subscriber_.timeout);
        return http::HttpClient(client_options);
      }()),
      delivered_(delivery_counter(metrics, subscriber_.id, "delivered")),
      failed_attempts_(delivery_counter(metrics, subscriber_.id, "failed_attempt")),
      seconds_(metrics.histogram(kDeliverySecondsMetric,
                                 "Duration of one webhook POST attempt, request to response",
                                 latency_buckets_seconds(), {{"subscriber", subscriber_.id}})) {}

DeliveryResult WebhookDeliverer::deliver(const std::string& alert_id, const std::string& body) {
  http::RetryPolicy policy;
  policy.max_attempts = subscriber_.max_attempts;
  policy.base_delay = subscriber_.backoff_initial;
  policy.max_delay = subscriber_.backoff_max;
  http::HttpHeaders headers = {{"Content-Type", "application/json"},
                               {kSignatureHeader, signature_header_value(subscriber_.secret, body)},
                               {kAlertIdHeader, alert_id},
                               {kSubscriberHeader, subscriber_.id}};
  DeliveryResult result;
  for (int attempt = 1;; ++attempt) {
    result.attempts = attempt;
    headers[kAttemptHeader] = std::to_string(attempt);
    std::chrono::milliseconds wait = http::jittered_backoff(policy, attempt - 1, clock_.random());
    const auto started = std::chrono::steady_clock::now();
    try {
      const auto response = client_.post(subscriber_.url, body, headers, subscriber_.timeout);
      seconds_.observe(seconds_since(started));
      result.last_status = response.status;
      result.last_error.clear();
      if (response.status >= 200 && response.status <= 299) {
        delivered_.inc();
        result.outcome = DeliveryOutcome::kDelivered;
        return result;
      }
      failed_attempts_.inc();
      if (!retried_status(response.status)) {
        result.retryable = false;
        result.outcome = DeliveryOutcome::kFailed;
        return result;
      }
      if (response.status == 429 || response.status == 503) {
        if (auto value = response.header("Retry-After")) {
          if (auto asked = http::parse_retry_after(*value, clock_.wall_now())) {
            wait = std::min(*asked, subscriber_.retry_after_max);
          }
        }
      }
    } catch (const http::HttpError& error) {
      seconds_.observe(seconds_since(started));
      failed_attempts_.inc();
      result.last_status = 0;
      result.last_error = error.what();  // HttpClient messages hold redacted URLs only
    }
    if (attempt >= subscriber_.max_attempts) {
      result.outcome = DeliveryOutcome::kFailed;
      return result;
    }
    log_warn("webhook attempt failed, retrying", {{"subscriber", subscriber_.id},
                                                  {"url", http::redact_url(subscriber_.url)},
                                                  {"alert_id", alert_id},
                                                  {"attempt", attempt},
                                                  {"status", result.last_status},
                                                  {"error", result.last_error},
                                                  {"wait_ms", wait.count()}});
    if (!clock_.wait(wait)) {
      result.outcome = DeliveryOutcome::kInterrupted;
      return result;
    }
  }
}

}  // namespace sharpline::adapters::alerts
