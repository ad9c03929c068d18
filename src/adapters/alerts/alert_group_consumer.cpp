#include "adapters/alerts/alert_group_consumer.hpp"

#include "common/logging.hpp"
#include "runtime/kafka/consumer.hpp"

namespace sharpline::adapters::alerts {

namespace kafka = runtime::kafka;

AlertGroupConsumer::AlertGroupConsumer(const kafka::Properties& properties,
                                       const std::string& group_id, const std::string& client_id) {
  kafka::Properties merged = kafka::merge(kafka::consumer_defaults(), properties);
  merged["group.id"] = group_id;
  merged["client.id"] = client_id;
  // The embedded broker supports the eager protocol only; with one member per group (the
  // usual case) nothing is gained from cooperative rebalancing anyway.
  if (!merged.contains("partition.assignment.strategy"))
    merged["partition.assignment.strategy"] = "range";
  handle_ = kafka::make_consumer(merged, &AlertGroupConsumer::on_rebalance, this);
}

AlertGroupConsumer::~AlertGroupConsumer() {
  if (handle_) rd_kafka_consumer_close(handle_.get());
}

void AlertGroupConsumer::on_rebalance(rd_kafka_t* handle, rd_kafka_resp_err_t err,
                                      rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  auto* self = static_cast<AlertGroupConsumer*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    rd_kafka_assign(handle, partitions);
    self->assigned_.store(partitions != nullptr && partitions->cnt > 0);
    log_info("partitions assigned",
             {{"client", rd_kafka_name(handle)}, {"partitions", partitions ? partitions->cnt : 0}});
  } else {
    rd_kafka_assign(handle, nullptr);
    self->assigned_.store(false);
    log_info("partitions revoked",
             {{"client", rd_kafka_name(handle)}, {"reason", rd_kafka_err2str(err)}});
  }
}

void AlertGroupConsumer::subscribe(const std::string& topic) {
  kafka::PartitionListPtr topics(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  kafka::throw_if_error(rd_kafka_subscribe(handle_.get(), topics.get()), "subscribe to " + topic);
}

kafka::MessagePtr AlertGroupConsumer::poll(int timeout_ms) {
  kafka::MessagePtr message(rd_kafka_consumer_poll(handle_.get(), timeout_ms));
  if (!message) return nullptr;
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) return message;
  if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return nullptr;
  const std::string reason = rd_kafka_message_errstr(message.get());
  // librdkafka reconnects and retries by itself after transport errors (a broker restarting);
  // only errors it cannot recover from end the subscriber.
  const bool fatal = message->err == RD_KAFKA_RESP_ERR__FATAL ||
                     message->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
                     message->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
                     message->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
                     message->err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED;
  if (!fatal) {
    log_warn("consumer error, continuing",
             {{"client", rd_kafka_name(handle_.get())}, {"error", reason}});
    return nullptr;
  }
  throw kafka::KafkaError("consume failed: " + reason, message->err);
}

rd_kafka_resp_err_t AlertGroupConsumer::commit(const rd_kafka_message_t& message) {
  kafka::PartitionListPtr offsets(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(offsets.get(), rd_kafka_topic_name(message.rkt),
                                    message.partition)
      ->offset = message.offset + 1;
  return rd_kafka_commit(handle_.get(), offsets.get(), 0);
}

}  // namespace sharpline::adapters::alerts
