#include "runtime/stream/changelog_restorer.hpp"

#include <chrono>
#include <set>

#include "runtime/kafka/handles.hpp"

namespace sharpline::runtime::stream {

using kafka::KafkaError;

ChangelogRestorer::ChangelogRestorer(const kafka::Properties& properties, int stall_timeout_ms)
    : stall_timeout_ms_(stall_timeout_ms) {
  kafka::Properties props = kafka::merge(kafka::consumer_defaults(), properties);
  props["group.id"] = "sharpline-restore";  // required by librdkafka; never joined or committed
  props["enable.partition.eof"] = "true";
  kafka::ConfHandle conf = kafka::make_conf(props);
  char errstr[512];
  consumer_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr));
  if (!consumer_) throw KafkaError(std::string("cannot create restore consumer: ") + errstr);
  (void)conf.release();
  rd_kafka_poll_set_consumer(consumer_.get());
}

int64_t ChangelogRestorer::end_offset(const std::string& topic, int32_t partition) {
  int64_t low = 0;
  int64_t high = 0;
  kafka::throw_if_error(rd_kafka_query_watermark_offsets(consumer_.get(), topic.c_str(), partition,
                                                         &low, &high, 10000),
                        "watermarks of " + topic);
  return high;
}

std::map<int32_t, int64_t> ChangelogRestorer::drain(const std::string& topic,
                                                    const std::map<int32_t, int64_t>& from,
                                                    const RecordVisitor& visit, uint64_t& applied,
                                                    std::optional<int64_t> until) {
  std::map<int32_t, int64_t> next = from;
  if (from.empty()) return next;
  kafka::PartitionListPtr assignment(
      rd_kafka_topic_partition_list_new(static_cast<int>(from.size())));
  std::set<int32_t> pending;
  for (const auto& [partition, offset] : from) {
    // An empty partition needs no read; asking would only wait for an EOF.
    int64_t low = 0;
    int64_t high = 0;
    kafka::throw_if_error(rd_kafka_query_watermark_offsets(consumer_.get(), topic.c_str(),
                                                           partition, &low, &high, 10000),
                          "watermarks of " + topic);
    if (high == 0 || (offset >= 0 && offset >= high)) continue;
    if (until && (*until <= 0 || (offset >= 0 && offset >= *until))) continue;
    rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), partition)->offset = offset;
    pending.insert(partition);
  }
  if (pending.empty()) return next;
  kafka::throw_if_error(rd_kafka_assign(consumer_.get(), assignment.get()), "assign " + topic);
  auto last_progress = std::chrono::steady_clock::now();
  while (!pending.empty()) {
    kafka::MessagePtr message(rd_kafka_consumer_poll(consumer_.get(), 100));
    if (!message) {
      if (std::chrono::steady_clock::now() - last_progress >
          std::chrono::milliseconds(stall_timeout_ms_)) {
        rd_kafka_assign(consumer_.get(), nullptr);
        throw KafkaError("restore of " + topic + " made no progress for " +
                         std::to_string(stall_timeout_ms_) + " ms");
      }
      continue;
    }
    last_progress = std::chrono::steady_clock::now();
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      next[message->partition] = message->offset;
      pending.erase(message->partition);
      continue;
    }
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_assign(consumer_.get(), nullptr);
      throw KafkaError("restore of " + topic + ": " + rd_kafka_message_errstr(message.get()),
                       message->err);
    }
    if (until && message->offset >= *until) {
      next[message->partition] = message->offset;
      pending.erase(message->partition);
      continue;
    }
    const std::string_view key(static_cast<const char*>(message->key), message->key_len);
    if (message->payload == nullptr) {
      visit(key, std::nullopt);
    } else {
      visit(key, std::string_view(static_cast<const char*>(message->payload), message->len));
    }
    ++applied;
    next[message->partition] = message->offset + 1;
  }
  rd_kafka_assign(consumer_.get(), nullptr);
  return next;
}

uint64_t ChangelogRestorer::restore(const std::string& topic, int32_t partition, int64_t from,
                                    StateStore& store, std::optional<int64_t> until) {
  uint64_t applied = 0;
  (void)drain(
      topic, {{partition, from}},
      [&](std::string_view key, std::optional<std::string_view> value) {
        store.restore(key, value);
      },
      applied, until);
  return applied;
}

}  // namespace sharpline::runtime::stream
