#include "runtime/kafka/consumer.hpp"

#include "runtime/kafka/metadata.hpp"

namespace sharpline::runtime::kafka {

KafkaHandle make_consumer(const Properties& properties, RebalanceCallback on_rebalance,
                          void* opaque) {
  ConfHandle conf = make_conf(properties);
  if (on_rebalance != nullptr) rd_kafka_conf_set_rebalance_cb(conf.get(), on_rebalance);
  rd_kafka_conf_set_opaque(conf.get(), opaque);
  char errstr[512];
  KafkaHandle handle(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr));
  if (!handle) throw KafkaError(std::string("cannot create consumer: ") + errstr);
  (void)conf.release();  // owned by the handle now
  rd_kafka_poll_set_consumer(handle.get());
  return handle;
}

Consumer::Consumer(const Properties& properties) {
  Properties merged = merge(consumer_defaults(), properties);
  if (!merged.contains("group.id")) merged["group.id"] = "sharpline-tools";
  handle_ = make_consumer(merged);
}

Consumer::~Consumer() {
  if (handle_) rd_kafka_consumer_close(handle_.get());
}

void Consumer::assign_all(const std::vector<std::string>& topics, StartAt start) {
  const auto existing = list_topics(handle_.get());
  PartitionListPtr assignment(rd_kafka_topic_partition_list_new(8));
  for (const auto& topic : topics) {
    auto it = existing.find(topic);
    if (it == existing.end()) {
      throw KafkaError("topic " + topic + " does not exist (run `sharpline topics apply`)",
                       RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    }
    for (int p = 0; p < it->second.partitions; ++p) {
      rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset =
          start == StartAt::kBeginning ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
    }
  }
  throw_if_error(rd_kafka_assign(handle_.get(), assignment.get()), "assign partitions");
}

MessagePtr Consumer::poll(int timeout_ms) {
  MessagePtr message(rd_kafka_consumer_poll(handle_.get(), timeout_ms));
  if (!message) return nullptr;
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) return message;
  if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return nullptr;
  const std::string reason = rd_kafka_message_errstr(message.get());
  throw KafkaError("consume failed: " + reason, message->err);
}

}  // namespace sharpline::runtime::kafka
