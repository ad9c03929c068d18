#include "adapters/alerts/webhook_worker.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "adapters/http/url.hpp"
#include "common/clock.hpp"
#include "common/logging.hpp"
#include "runtime/stream/kafka_records.hpp"

namespace sharpline::adapters::alerts {
namespace {

std::optional<double> optional_number(const nlohmann::json& alert, const char* name) {
  const auto it = alert.find(name);
  if (it == alert.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

domain::alerts::AlertFacts facts_of(const nlohmann::json& alert) {
  domain::alerts::AlertFacts facts;
  facts.sport = alert.at("sport").get<std::string>();
  facts.kind = alert.at("kind").get<std::string>();
  facts.severity = alert.at("severity").get<std::string>();
  facts.expected_value = optional_number(alert, "expected_value");
  if (const auto expires = optional_number(alert, "expires_ms")) {
    facts.expires_ms = static_cast<int64_t>(*expires);
  }
  return facts;
}

// Sleeps up to `wait`, waking at once when `stop` is requested; false when it was.
bool interruptible_wait(const std::stop_token& stop, std::chrono::milliseconds wait) {
  std::mutex mutex;
  std::condition_variable_any woken;
  std::unique_lock lock(mutex);
  woken.wait_for(lock, stop, wait, [] { return false; });
  return !stop.stop_requested();
}

DeliveryClock system_delivery_clock(const std::stop_token* stop) {
  DeliveryClock clock;
  clock.wait = [stop](std::chrono::milliseconds wait) { return interruptible_wait(*stop, wait); };
  clock.random = [] {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
  clock.wall_now = [] { return std::chrono::system_clock::now(); };
  return clock;
}

// librdkafka drops a member that does not poll for max.poll.interval.ms, and the group then
// hands the alert in flight to nobody until the member rejoins (and sends it again). A
// subscriber polls only between alerts, so the interval must outlast one alert's worst case:
// every attempt timing out plus the longest wait between attempts, plus a minute of slack.
runtime::kafka::Properties consumer_properties(runtime::kafka::Properties properties,
                                               const Subscriber& subscriber) {
  if (properties.contains("max.poll.interval.ms")) return properties;  // the user's choice wins
  const int64_t longest_wait =
      std::max(subscriber.backoff_max.count(), subscriber.retry_after_max.count());
  const int64_t worst = subscriber.max_attempts * subscriber.timeout.count() +
                        (subscriber.max_attempts - 1) * longest_wait + 60000;
  constexpr int64_t kLibrdkafkaDefault = 300000;
  constexpr int64_t kLibrdkafkaMax = 86400000;
  properties["max.poll.interval.ms"] =
      std::to_string(std::clamp(worst, kLibrdkafkaDefault, kLibrdkafkaMax));
  return properties;
}

}  // namespace

std::string webhook_group_id(const std::string& subscriber_id) {
  return "sharpline-webhook-" + subscriber_id;
}

std::string webhook_dead_letter_stage(const std::string& subscriber_id) {
  return "webhook/" + subscriber_id;
}

WebhookWorker::WebhookWorker(Subscriber subscriber, WebhookWorkerOptions options,
                             serde::TopicSerde& serde, runtime::stream::DeadLetterEncoder encode,
                             MetricsRegistry& metrics)
    : id_(subscriber.id),
      redacted_url_(http::redact_url(subscriber.url)),
      options_(std::move(options)),
      serde_(serde),
      encode_(std::move(encode)),
      deliverer_(std::move(subscriber), system_delivery_clock(&stop_), metrics),
      consumer_(consumer_properties(options_.kafka, deliverer_.subscriber()), webhook_group_id(id_),
                webhook_group_id(id_) + "-" + options_.instance_id),
      producer_(options_.kafka),
      dead_letters_(delivery_counter(metrics, id_, "dead_letter")),
      filtered_(delivery_counter(metrics, id_, "filtered")),
      expired_(delivery_counter(metrics, id_, "expired")) {}

void WebhookWorker::run(const std::stop_token& stop) {
  stop_ = stop;
  consumer_.subscribe(options_.topic);
  log_info("webhook subscriber started", {{"subscriber", id_},
                                          {"url", redacted_url_},
                                          {"group", webhook_group_id(id_)},
                                          {"topic", options_.topic}});
  while (!stop.stop_requested()) {
    auto message = consumer_.poll(options_.poll_timeout_ms);
    if (!message) continue;
    if (!handle(*message, stop)) break;
    if (const auto err = consumer_.commit(*message)) {
      log_warn("webhook offset commit failed; the alert may be delivered again",
               {{"subscriber", id_}, {"error", rd_kafka_err2str(err)}});
    }
  }
  log_info("webhook subscriber stopped", {{"subscriber", id_},
                                          {"delivered", stats_.delivered.load()},
                                          {"dead_lettered", stats_.dead_lettered.load()},
                                          {"filtered", stats_.filtered.load()},
                                          {"expired", stats_.expired.load()}});
}

bool WebhookWorker::handle(const rd_kafka_message_t& message, const std::stop_token& stop) {
  if (message.payload == nullptr) return true;  // a tombstone is no alert
  const std::span<const uint8_t> bytes(static_cast<const uint8_t*>(message.payload), message.len);
  nlohmann::json alert;
  domain::alerts::AlertFacts facts;
  try {
    alert = serde_.decode(bytes);
    facts = facts_of(alert);
  } catch (const std::exception& e) {
    // The bytes will never decode; parking them keeps the subscriber moving.
    dead_letter(message, "deserialization", "AlertDecodeError", e.what());
    return true;
  }
  const std::string alert_id = alert.value("alert_id", "");
  const auto decision = domain::alerts::decide(deliverer_.subscriber().filter, facts, now_ms());
  if (decision.verdict == domain::alerts::Verdict::kExpired) {
    expired_.inc();
    ++stats_.expired;
    log_info("webhook alert expired, skipped",
             {{"subscriber", id_}, {"alert_id", alert_id}, {"reason", decision.reason}});
    return true;
  }
  if (decision.verdict == domain::alerts::Verdict::kFiltered) {
    filtered_.inc();
    ++stats_.filtered;
    log_debug("webhook alert filtered out",
              {{"subscriber", id_}, {"alert_id", alert_id}, {"reason", decision.reason}});
    return true;
  }
  const auto result = deliverer_.deliver(alert_id, alert.dump());
  switch (result.outcome) {
    case DeliveryOutcome::kDelivered:
      ++stats_.delivered;
      log_info("webhook alert delivered", {{"subscriber", id_},
                                           {"url", redacted_url_},
                                           {"alert_id", alert_id},
                                           {"attempts", result.attempts},
                                           {"status", result.last_status}});
      return true;
    case DeliveryOutcome::kFailed:
      log_warn("webhook delivery failed, dead-lettered", {{"subscriber", id_},
                                                          {"url", redacted_url_},
                                                          {"alert_id", alert_id},
                                                          {"reason", result.reason()}});
      dead_letter(message, "delivery", "WebhookDeliveryFailed", result.reason());
      return true;
    case DeliveryOutcome::kInterrupted:
      log_info("webhook delivery interrupted by shutdown; the alert stays uncommitted",
               {{"subscriber", id_}, {"alert_id", alert_id}, {"attempts", result.attempts}});
      return false;
  }
  return !stop.stop_requested();
}

void WebhookWorker::dead_letter(const rd_kafka_message_t& message, const std::string& error_kind,
                                const std::string& error_class, const std::string& reason) {
  std::vector<runtime::stream::RecordHeader> headers;
  const auto input = runtime::stream::input_record_of(message, headers);
  const auto record = runtime::stream::dead_letter_record(
      runtime::stream::make_dead_letter(input, webhook_dead_letter_stage(id_), error_kind,
                                        error_class, reason, now_ms()),
      encode_);
  const auto out = runtime::stream::outgoing_record_of(record);
  producer_.send(out);
  // Flushed before the offset is committed: the dead letter is the alert's only copy then.
  producer_.flush();
  dead_letters_.inc();
  ++stats_.dead_lettered;
}

}  // namespace sharpline::adapters::alerts
