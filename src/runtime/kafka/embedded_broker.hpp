// The embedded broker: librdkafka's mock cluster speaking the real Kafka protocol on 127.0.0.1.
//
// It has no Admin API (topics are created with rd_kafka_mock_topic_create), keeps about 5 MB per
// partition, and auto-creates 4-partition topics on any request for an unknown topic. Code that
// uses the bus must not depend on those quirks; see docs/architecture.md.
#pragma once

#include <librdkafka/rdkafka.h>
// rdkafka_mock.h needs the declarations from rdkafka.h first.
#include <librdkafka/rdkafka_mock.h>

#include <string>
#include <vector>

#include "runtime/kafka/handles.hpp"

namespace sharpline::runtime::kafka {

class EmbeddedBroker {
 public:
  explicit EmbeddedBroker(int broker_count = 1);
  ~EmbeddedBroker();
  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  // "127.0.0.1:PORT[,127.0.0.1:PORT...]"
  const std::string& bootstrap() const { return bootstrap_; }
  int broker_count() const { return broker_count_; }

  // Creates a topic; an existing topic is left alone (the mock returns no error for it).
  void create_topic(const std::string& name, int partitions, int replication_factor);

  // Fault injection, for tests of failure handling. Broker ids start at 1.
  void set_broker_down(int32_t broker_id, bool down);
  // The next requests of this Kafka API key (0 Produce, 1 Fetch, 22 InitProducerId,
  // 24 AddPartitionsToTxn, 26 EndTxn, 28 TxnOffsetCommit, ...) fail with these errors in turn.
  void push_request_errors(int16_t api_key, const std::vector<rd_kafka_resp_err_t>& errors);

 private:
  int broker_count_;
  KafkaHandle host_;  // the mock cluster lives inside this client handle
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstrap_;
};

}  // namespace sharpline::runtime::kafka
