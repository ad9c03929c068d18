// One subscriber's delivery loop: its own consumer group (sharpline-webhook-<id>) on the alerts
// topic, its own thread, serde, HTTP client and dead-letter producer, so a slow or failing
// subscriber never delays another.
//
// Each alert is decoded, checked against the subscriber's filters and expiry, POSTed, and only
// then committed: delivered, filtered out, expired or dead-lettered (at-least-once; receivers
// drop duplicates by X-Sharpline-Alert-Id). A stop request during a backoff ends the loop without
// committing the alert in flight, so the next run sends it again.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>

#include "adapters/alerts/alert_group_consumer.hpp"
#include "adapters/alerts/subscriber_config.hpp"
#include "adapters/alerts/webhook_delivery.hpp"
#include "runtime/kafka/producer.hpp"
#include "runtime/stream/dead_letter.hpp"
#include "serde/topic_serde.hpp"

namespace sharpline::adapters::alerts {

inline constexpr const char* kAlertsTopic = "sharpline.alerts.v1";

struct WebhookWorkerOptions {
  runtime::kafka::Properties kafka;  // the bus's client properties
  std::string topic = kAlertsTopic;
  std::string instance_id;  // names the Kafka clients
  int poll_timeout_ms = 100;
};

struct WebhookWorkerStats {
  std::atomic<uint64_t> delivered{0};
  std::atomic<uint64_t> dead_lettered{0};
  std::atomic<uint64_t> filtered{0};
  std::atomic<uint64_t> expired{0};
};

// "sharpline-webhook-<id>"
std::string webhook_group_id(const std::string& subscriber_id);
// "webhook/<id>": the stage field of this subscriber's dead letters.
std::string webhook_dead_letter_stage(const std::string& subscriber_id);

class WebhookWorker {
 public:
  // `serde` and `encode` (which should use the same serde) belong to this worker's thread.
  WebhookWorker(Subscriber subscriber, WebhookWorkerOptions options, serde::TopicSerde& serde,
                runtime::stream::DeadLetterEncoder encode,
                MetricsRegistry& metrics = MetricsRegistry::global());

  // Consumes until `stop` is requested. Kafka failures (the bus gone, a dead letter that cannot
  // be written) throw; nothing is committed for the alert in flight then.
  void run(const std::stop_token& stop);

  bool ready() const { return consumer_.assigned(); }
  const std::string& id() const { return id_; }
  const WebhookWorkerStats& stats() const { return stats_; }

 private:
  // False when delivery was interrupted by `stop` (the alert stays uncommitted).
  bool handle(const rd_kafka_message_t& message, const std::stop_token& stop);
  void dead_letter(const rd_kafka_message_t& message, const std::string& error_kind,
                   const std::string& error_class, const std::string& reason);

  std::string id_;
  std::string redacted_url_;
  WebhookWorkerOptions options_;
  serde::TopicSerde& serde_;
  runtime::stream::DeadLetterEncoder encode_;
  std::stop_token stop_;  // the token of the running loop, for the deliverer's waits
  WebhookDeliverer deliverer_;
  AlertGroupConsumer consumer_;
  runtime::kafka::Producer producer_;
  Counter& dead_letters_;
  Counter& filtered_;
  Counter& expired_;
  WebhookWorkerStats stats_;
};

}  // namespace sharpline::adapters::alerts
