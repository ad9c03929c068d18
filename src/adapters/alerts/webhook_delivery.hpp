// Delivers one alert to one subscriber: a signed JSON POST, retried with exponential backoff and
// full jitter (the rules of adapters/http/retry_policy) until it is accepted, refused for good,
// or the attempts run out. What happens to the alert afterwards (commit, dead letter) is the
// caller's business; this class only reports how it went.
//
// Retried: no response (connect error, timeout), 5xx, 408 and 429 (Retry-After honoured, up to
// the subscriber's retry_after_max). Any other non-2xx status means the receiver rejects this
// alert, so it is not sent again.
//
// ResilientHttpClient is not used: its circuit breaker and request budget serve polling
// collectors, and its internal loop cannot add the attempt header, count each attempt or be
// interrupted during a backoff on shutdown.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "adapters/alerts/subscriber_config.hpp"
#include "adapters/http/http_client.hpp"
#include "common/metrics.hpp"

namespace sharpline::adapters::alerts {

inline constexpr const char* kAlertIdHeader = "X-Sharpline-Alert-Id";
inline constexpr const char* kAttemptHeader = "X-Sharpline-Delivery-Attempt";
inline constexpr const char* kSubscriberHeader = "X-Sharpline-Subscriber";

inline constexpr const char* kDeliveriesMetric = "sharpline_webhook_deliveries_total";
inline constexpr const char* kDeliverySecondsMetric = "sharpline_webhook_delivery_seconds";

// Counts `outcome` (delivered, failed_attempt, dead_letter, filtered, expired) for a subscriber.
Counter& delivery_counter(MetricsRegistry& metrics, const std::string& subscriber,
                          const std::string& outcome);

enum class DeliveryOutcome {
  kDelivered,   // a 2xx came back
  kFailed,      // attempts used up, or a status that is not retried: dead-letter it
  kInterrupted  // stop was requested during a backoff: neither delivered nor failed
};

struct DeliveryResult {
  DeliveryOutcome outcome = DeliveryOutcome::kFailed;
  int attempts = 0;
  int last_status = 0;     // 0 when the last attempt got no response
  std::string last_error;  // the transport error of the last attempt, if any
  bool retryable = true;   // false when a status that is never retried ended it
  // For a person and the dead letter: "HTTP 500 after 3 attempts", "HTTP 400, not retried".
  std::string reason() const;
};

// How a deliverer waits and draws jitter, injectable so tests neither sleep nor guess.
struct DeliveryClock {
  // Waits up to `wait`; returns false when woken by a stop request (then nothing more is sent).
  std::function<bool(std::chrono::milliseconds)> wait;
  std::function<double()> random;                                   // uniform in [0, 1)
  std::function<std::chrono::system_clock::time_point()> wall_now;  // Retry-After dates
};

class WebhookDeliverer {
 public:
  WebhookDeliverer(Subscriber subscriber, DeliveryClock clock,
                   MetricsRegistry& metrics = MetricsRegistry::global(),
                   http::HttpClientOptions client_options = {});

  // POSTs `body` (the alert JSON, sent byte for byte as signed) with the signature, alert id,
  // subscriber and attempt headers.
  DeliveryResult deliver(const std::string& alert_id, const std::string& body);

  const Subscriber& subscriber() const { return subscriber_; }

 private:
  Subscriber subscriber_;
  DeliveryClock clock_;
  http::HttpClient client_;
  Counter& delivered_;
  Counter& failed_attempts_;
  Histogram& seconds_;
};

}  // namespace sharpline::adapters::alerts
