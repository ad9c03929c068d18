#include "runtime/kafka/embedded_broker.hpp"

#include <algorithm>

namespace sharpline::runtime::kafka {

EmbeddedBroker::EmbeddedBroker(int broker_count) : broker_count_(broker_count) {
  if (broker_count < 1) throw KafkaError("embedded broker needs at least 1 broker");
  ConfHandle conf(rd_kafka_conf_new());
  char errstr[512];
  // The hosting handle never talks to a broker itself; keep its logs quiet.
  rd_kafka_conf_set(conf.get(), "log_level", "3", errstr, sizeof errstr);
  host_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr));
  if (!host_) throw KafkaError(std::string("cannot create embedded broker host: ") + errstr);
  (void)conf.release();  // rd_kafka_new took ownership
  cluster_ = rd_kafka_mock_cluster_new(host_.get(), broker_count);
  if (cluster_ == nullptr) throw KafkaError("cannot start the embedded broker (mock cluster)");
  bootstrap_ = rd_kafka_mock_cluster_bootstraps(cluster_);
}

EmbeddedBroker::~EmbeddedBroker() {
  if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
}

void EmbeddedBroker::create_topic(const std::string& name, int partitions, int replication_factor) {
  const int replicas = std::clamp(replication_factor, 1, broker_count_);
  throw_if_error(rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, replicas),
                 "embedded broker: create topic " + name);
}

}  // namespace sharpline::runtime::kafka

namespace sharpline::runtime::kafka {

void EmbeddedBroker::set_broker_down(int32_t broker_id, bool down) {
  throw_if_error(
      down ? rd_kafka_mock_broker_set_down(cluster_, broker_id)
           : rd_kafka_mock_broker_set_up(cluster_, broker_id),
      "embedded broker: set broker " + std::to_string(broker_id) + (down ? " down" : " up"));
}

void EmbeddedBroker::push_request_errors(int16_t api_key,
                                         const std::vector<rd_kafka_resp_err_t>& errors) {
  rd_kafka_mock_push_request_errors_array(cluster_, api_key, errors.size(), errors.data());
}

}  // namespace sharpline::runtime::kafka
