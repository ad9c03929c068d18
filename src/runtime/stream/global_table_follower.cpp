#include "runtime/stream/global_table_follower.hpp"

#include <chrono>

#include "runtime/kafka/handles.hpp"
#include "runtime/kafka/metadata.hpp"

namespace sharpline::runtime::stream {

using kafka::KafkaError;

GlobalTableFollower::GlobalTableFollower(const kafka::Properties& properties,
                                         const std::vector<std::string>& topics,
                                         GlobalTables& tables)
    : tables_(tables) {
  if (topics.empty()) return;
  kafka::Properties props = kafka::merge(kafka::consumer_defaults(), properties);
  props["group.id"] = "sharpline-global-tables";  // required by librdkafka; never joined
  props["enable.partition.eof"] = "true";
  kafka::ConfHandle conf = kafka::make_conf(props);
  char errstr[512];
  consumer_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr));
  if (!consumer_) throw KafkaError(std::string("cannot create global table consumer: ") + errstr);
  (void)conf.release();
  rd_kafka_poll_set_consumer(consumer_.get());
  const auto existing = kafka::list_topics(consumer_.get());
  kafka::PartitionListPtr assignment(rd_kafka_topic_partition_list_new(8));
  for (const auto& topic : topics) {
    auto it = existing.find(topic);
    if (it == existing.end()) throw KafkaError("global table topic " + topic + " does not exist");
    for (int32_t p = 0; p < it->second.partitions; ++p) {
      rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset =
          RD_KAFKA_OFFSET_BEGINNING;
      at_end_[{topic, p}] = false;
    }
  }
  kafka::throw_if_error(rd_kafka_assign(consumer_.get(), assignment.get()), "assign global tables");
}

bool GlobalTableFollower::apply(const rd_kafka_message_t& message) {
  const std::string topic = rd_kafka_topic_name(message.rkt);
  if (message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
    at_end_[{topic, message.partition}] = true;
    return false;
  }
  if (message.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw KafkaError("global table " + topic + ": " + rd_kafka_message_errstr(&message),
                     message.err);
  }
  auto& table = static_cast<InMemoryGlobalTable&>(*tables_.at(topic));
  std::string key(static_cast<const char*>(message.key), message.key_len);
  if (message.payload == nullptr) {
    table.put(std::move(key), std::nullopt);
  } else {
    table.put(std::move(key), std::string(static_cast<const char*>(message.payload), message.len));
  }
  return true;
}

void GlobalTableFollower::catch_up(int stall_timeout_ms) {
  if (!consumer_) return;
  auto last_progress = std::chrono::steady_clock::now();
  auto all_at_end = [&] {
    for (const auto& [tp, done] : at_end_) {
      if (!done) return false;
    }
    return true;
  };
  while (!all_at_end()) {
    kafka::MessagePtr message(rd_kafka_consumer_poll(consumer_.get(), 100));
    if (!message) {
      if (std::chrono::steady_clock::now() - last_progress >
          std::chrono::milliseconds(stall_timeout_ms)) {
        throw KafkaError("global tables made no progress for " + std::to_string(stall_timeout_ms) +
                         " ms");
      }
      continue;
    }
    last_progress = std::chrono::steady_clock::now();
    (void)apply(*message);
  }
}

std::size_t GlobalTableFollower::poll() {
  if (!consumer_) return 0;
  std::size_t applied = 0;
  while (kafka::MessagePtr message{rd_kafka_consumer_poll(consumer_.get(), 0)}) {
    if (apply(*message)) ++applied;
  }
  return applied;
}

}  // namespace sharpline::runtime::stream
