// Delivery against a local receiver (the project's HttpServer on a free port) that checks every
// signature and fails on a script: retries, backoff, Retry-After, no retry for a rejected alert.
#include "adapters/alerts/webhook_delivery.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "adapters/alerts/hmac_signer.hpp"
#include "adapters/http/http_server.hpp"

namespace sharpline::adapters::alerts {
namespace {

using std::chrono::milliseconds;

constexpr const char* kSecret = "whsec-test";
const std::string kBody =
    R"({"alert_id":"alert-1","sport":"americanfootball_nfl","kind":"value","severity":"notice"})";

struct Received {
  std::string alert_id;
  int attempt = 0;
  bool signature_ok = false;
  std::string content_type;
  std::string subscriber;
  std::string body;
};

// Answers the n-th POST (0-based) with script(n) and records what it got.
class Receiver {
 public:
  explicit Receiver(std::function<http::HttpResponse(int)> script) : script_(std::move(script)) {
    http::HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<http::HttpServer>(options);
    server_->route(http::HttpMethod::Post, "/hook", [this](const http::HttpRequest& request) {
      std::lock_guard lock(mutex_);
      Received got;
      got.alert_id = request.header(kAlertIdHeader).value_or("");
      got.attempt = std::stoi(request.header(kAttemptHeader).value_or("0"));
      got.signature_ok =
          verify_signature(kSecret, request.body, request.header(kSignatureHeader).value_or(""));
      got.content_type = request.header("Content-Type").value_or("");
      got.subscriber = request.header(kSubscriberHeader).value_or("");
      got.body = request.body;
      received_.push_back(got);
      return script_(static_cast<int>(received_.size()) - 1);
    });
    server_->start();
  }
  std::string url() const { return "http://" + server_->address() + "/hook"; }
  std::vector<Received> received() const {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  std::function<http::HttpResponse(int)> script_;
  std::unique_ptr<http::HttpServer> server_;
  mutable std::mutex mutex_;
  std::vector<Received> received_;
};

http::HttpResponse status(int code) {
  return http::HttpResponse::text(code, "status " + std::to_string(code));
}

struct Fixture {
  std::vector<milliseconds> waits;
  bool stop_on_wait = false;
  MetricsRegistry metrics;

  Subscriber subscriber(const std::string& url, int max_attempts = 4) {
    Subscriber s;
    s.id = "test-sub";
    s.url = url;
    s.secret = kSecret;
    s.max_attempts = max_attempts;
    s.backoff_initial = milliseconds(100);
    s.backoff_max = milliseconds(1000);
    s.timeout = milliseconds(2000);
    s.retry_after_max = milliseconds(60000);
    return s;
  }
  DeliveryClock clock() {
    DeliveryClock clock;
    clock.wait = [this](milliseconds wait) {
      waits.push_back(wait);
      return !stop_on_wait;
    };
    clock.random = [] { return 0.5; };
    clock.wall_now = [] { return std::chrono::system_clock::time_point{}; };
    return clock;
  }
  double count(const std::string& outcome) {
    return delivery_counter(metrics, "test-sub", outcome).value();
  }
};

TEST(WebhookDelivery, Two503sThenOkIsDeliveredOnAttempt3WithValidSignatures) {
  Receiver receiver([](int n) { return n < 2 ? status(503) : status(200); });
  Fixture f;
  WebhookDeliverer deliverer(f.subscriber(receiver.url()), f.clock(), f.metrics);
  const auto result = deliverer.deliver("alert-1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kDelivered);
  EXPECT_EQ(result.attempts, 3);
  EXPECT_EQ(result.last_status, 200);
  const auto got = receiver.received();
  ASSERT_EQ(got.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(got[i].attempt, i + 1);
    EXPECT_TRUE(got[i].signature_ok) << "attempt " << i + 1;
    EXPECT_EQ(got[i].alert_id, "alert-1");
    EXPECT_EQ(got[i].content_type, "application/json");
    EXPECT_EQ(got[i].subscriber, "test-sub");
    EXPECT_EQ(got[i].body, kBody);
  }
  // Full jitter with random() = 0.5: half of 100 ms, then half of 200 ms.
  EXPECT_EQ(f.waits, (std::vector<milliseconds>{milliseconds(50), milliseconds(100)}));
  EXPECT_EQ(f.count("failed_attempt"), 2);
  EXPECT_EQ(f.count("delivered"), 1);
  EXPECT_NE(f.metrics.render().find(
                "sharpline_webhook_delivery_seconds_count{subscriber=\"test-sub\"} 3"),
            std::string::npos)
      << f.metrics.render();
}

TEST(WebhookDelivery, Always500FailsAfterMaxAttemptsWithCappedExponentialBackoff) {
  Receiver receiver([](int) { return status(500); });
  Fixture f;
  WebhookDeliverer deliverer(f.subscriber(receiver.url(), 5), f.clock(), f.metrics);
  const auto result = deliverer.deliver("alert-1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
  EXPECT_EQ(result.attempts, 5);
  EXPECT_EQ(result.reason(), "HTTP 500 after 5 attempts");
  EXPECT_EQ(receiver.received().size(), 5u);
  // Ceilings 100, 200, 400, 800 ms (max 1000), jittered by 0.5.
  EXPECT_EQ(f.waits, (std::vector<milliseconds>{milliseconds(50), milliseconds(100),
                                                milliseconds(200), milliseconds(400)}));
  EXPECT_EQ(f.count("failed_attempt"), 5);
  EXPECT_EQ(f.count("delivered"), 0);
}

TEST(WebhookDelivery, A400IsNotRetried) {
  Receiver receiver([](int) { return status(400); });
  Fixture f;
  WebhookDeliverer deliverer(f.subscriber(receiver.url()), f.clock(), f.metrics);
  const auto result = deliverer.deliver("alert-1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_FALSE(result.retryable);
  EXPECT_EQ(result.reason(), "HTTP 400, not retried");
  EXPECT_EQ(receiver.received().size(), 1u);
  EXPECT_TRUE(f.waits.empty());
}

TEST(WebhookDelivery, A429WaitsForRetryAfterUpToTheSubscribersCap) {
  Receiver receiver([](int n) {
    if (n > 1) return status(200);
    auto response = status(429);
    response.headers.emplace_back("Retry-After", n == 0 ? "7" : "3600");
    return response;
  });
  Fixture f;
  auto subscriber = f.subscriber(receiver.url());
  subscriber.retry_after_max = milliseconds(20000);
  WebhookDeliverer deliverer(subscriber, f.clock(), f.metrics);
  const auto result = deliverer.deliver("alert-1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kDelivered);
  EXPECT_EQ(result.attempts, 3);
  // 7 s as asked (not the 50 ms backoff); an hour is capped at retry_after_max.
  EXPECT_EQ(f.waits, (std::vector<milliseconds>{milliseconds(7000), milliseconds(20000)}));
}

TEST(WebhookDelivery, A408IsRetried) {
  Receiver receiver([](int n) { return n == 0 ? status(408) : status(204); });
  Fixture f;
  WebhookDeliverer deliverer(f.subscriber(receiver.url()), f.clock(), f.metrics);
  const auto result = deliverer.deliver("alert-1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kDelivered);
  EXPECT_EQ(result.attempts, 2);
}

TEST(WebhookDelivery, ConnectionErrorsAreRetriedAndReported) {
  std::string url;
  {
    Receiver closed([](int) { return status(200); });
    url = closed.url();
  }  // stopped: the port refuses connections now
  Fixture f;
  WebhookDeliverer deliverer(f.subscriber(url, 2), f.clock(), f.metrics);
  const auto result = deliverer.deliver("alert-1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kFailed);
  EXPECT_EQ(result.attempts, 2);
  EXPECT_EQ(result.last_status, 0);
  EXPECT_FALSE(result.last_error.empty());
  EXPECT_NE(result.reason().find("after 2 attempts"), std::string::npos);
  EXPECT_EQ(f.count("failed_attempt"), 2);
}

TEST(WebhookDelivery, AStopDuringBackoffInterruptsWithoutFurtherAttempts) {
  Receiver receiver([](int) { return status(503); });
  Fixture f;
  f.stop_on_wait = true;
  WebhookDeliverer deliverer(f.subscriber(receiver.url()), f.clock(), f.metrics);
  const auto result = deliverer.deliver("alert-1", kBody);
  EXPECT_EQ(result.outcome, DeliveryOutcome::kInterrupted);
  EXPECT_EQ(result.attempts, 1);
  EXPECT_EQ(receiver.received().size(), 1u);
}

}  // namespace
}  // namespace sharpline::adapters::alerts
