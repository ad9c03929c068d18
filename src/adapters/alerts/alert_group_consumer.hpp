// A consumer in a group of its own, committing one record at a time after the caller has dealt
// with it: what a webhook subscriber needs for at-least-once delivery. (runtime::kafka::Consumer
// reads by direct assignment without commits; the stream runtime's consumer is bound to
// transactions and stage tasks.)
#pragma once

#include <atomic>
#include <string>

#include "runtime/kafka/client_config.hpp"

namespace sharpline::adapters::alerts {

class AlertGroupConsumer {
 public:
  // `properties`: the bus's client properties (bootstrap, kafka.*); sharpline's consumer
  // defaults go under them, group.id and client.id over them.
  AlertGroupConsumer(const runtime::kafka::Properties& properties, const std::string& group_id,
                     const std::string& client_id);
  ~AlertGroupConsumer();
  AlertGroupConsumer(const AlertGroupConsumer&) = delete;
  AlertGroupConsumer& operator=(const AlertGroupConsumer&) = delete;

  void subscribe(const std::string& topic);
  // Next record, or nullptr after timeout_ms. Unrecoverable consumer errors (fatal, unknown
  // topic, not authorized) throw KafkaError; transient ones are logged and give nullptr.
  runtime::kafka::MessagePtr poll(int timeout_ms);
  // Commits the offset after `message` synchronously, so a restart resumes behind it. Returns
  // the error instead of throwing: a commit lost to a rebalance only means the record is
  // delivered again (at-least-once), which is no reason to stop.
  rd_kafka_resp_err_t commit(const rd_kafka_message_t& message);
  // True while the group has given this member at least one partition (thread-safe).
  bool assigned() const { return assigned_.load(); }

 private:
  static void on_rebalance(rd_kafka_t* handle, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque);

  std::atomic<bool> assigned_{false};
  runtime::kafka::KafkaHandle handle_;
};

}  // namespace sharpline::adapters::alerts
