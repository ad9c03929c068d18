#include "cli/replay/consumer_lag.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include "runtime/kafka/metadata.hpp"

namespace sharpline::cli::replay {

using runtime::kafka::KafkaError;

ConsumerLag::ConsumerLag(runtime::kafka::Properties properties, int timeout_ms)
    : properties_(std::move(properties)), timeout_ms_(timeout_ms) {}

ConsumerLag::~ConsumerLag() = default;

rd_kafka_t* ConsumerLag::handle(const std::string& group) {
  auto it = handles_.find(group);
  if (it != handles_.end()) return it->second.get();
  auto props = runtime::kafka::merge(runtime::kafka::consumer_defaults(), properties_);
  // The group's committed offsets are read, never written: this handle neither subscribes nor
  // commits, so it does not join the group or disturb its members.
  props["group.id"] = group;
  props["enable.auto.commit"] = "false";
  props["client.id"] = "sharpline-lag-" + group;
  auto conf = runtime::kafka::make_conf(props);
  char errstr[512];
  runtime::kafka::KafkaHandle consumer(
      rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr));
  if (!consumer) throw KafkaError("cannot create lag consumer for group " + group + ": " + errstr);
  (void)conf.release();  // owned by the handle now
  return handles_.emplace(group, std::move(consumer)).first->second.get();
}

int ConsumerLag::partitions(rd_kafka_t* handle, const std::string& topic) {
  auto it = partitions_.find(topic);
  if (it != partitions_.end()) return it->second;
  // All-topics metadata: naming the topic would auto-create it on the embedded broker.
  const auto topics = runtime::kafka::list_topics(handle, timeout_ms_);
  const auto found = topics.find(topic);
  if (found == topics.end() || found->second.partitions <= 0)
    throw KafkaError("consumer lag: unknown topic " + topic, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC);
  return partitions_[topic] = found->second.partitions;
}

bool ConsumerLag::is_control_marker(const std::string& topic, int32_t partition, int64_t offset) {
  const auto key = std::make_tuple(topic, partition, offset);
  if (const auto it = markers_.find(key); it != markers_.end()) return it->second;
  if (!probe_) {
    auto props = runtime::kafka::merge(runtime::kafka::consumer_defaults(), properties_);
    props["group.id"] = "sharpline-lag-probe";  // required by librdkafka; never joined
    props["client.id"] = "sharpline-lag-probe";
    props["enable.partition.eof"] = "true";
    // Records of open transactions count as records: they are not markers.
    props["isolation.level"] = "read_uncommitted";
    auto conf = runtime::kafka::make_conf(props);
    char errstr[512];
    probe_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof errstr));
    if (!probe_) throw KafkaError(std::string("cannot create lag probe consumer: ") + errstr);
    (void)conf.release();
    rd_kafka_poll_set_consumer(probe_.get());
  }
  runtime::kafka::PartitionListPtr assignment(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), partition)->offset = offset;
  runtime::kafka::throw_if_error(rd_kafka_assign(probe_.get(), assignment.get()),
                                 "assign " + topic + " for the lag probe");
  std::optional<bool> marker;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
  while (!marker && std::chrono::steady_clock::now() < deadline) {
    runtime::kafka::MessagePtr message(rd_kafka_consumer_poll(probe_.get(), 100));
    if (!message || message->partition != partition || topic != rd_kafka_topic_name(message->rkt))
      continue;
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      marker = true;  // nothing to deliver between the offset and the end: a control record
    } else if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      marker = message->offset != offset;
    } else {
      (void)rd_kafka_assign(probe_.get(), nullptr);
      throw KafkaError("lag probe of " + topic + ": " + rd_kafka_message_errstr(message.get()),
                       message->err);
    }
  }
  (void)rd_kafka_assign(probe_.get(), nullptr);
  if (!marker)
    throw KafkaError("lag probe of " + topic + ": timed out", RD_KAFKA_RESP_ERR__TIMED_OUT);
  markers_.emplace(key, *marker);
  return *marker;
}

LagReport ConsumerLag::measure(const std::string& group, const std::vector<LagTopic>& topics) {
  rd_kafka_t* consumer = handle(group);
  rd_kafka_poll(consumer, 0);  // serve errors and logs queued on the handle
  LagReport report;
  if (topics.empty()) return report;
  runtime::kafka::PartitionListPtr list(rd_kafka_topic_partition_list_new(0));
  std::map<std::string, bool> transactional;
  for (const auto& topic : topics) {
    transactional[topic.topic] = topic.transactional;
    const int count = partitions(consumer, topic.topic);
    for (int p = 0; p < count; ++p)
      rd_kafka_topic_partition_list_add(list.get(), topic.topic.c_str(), p);
  }
  runtime::kafka::throw_if_error(rd_kafka_committed(consumer, list.get(), timeout_ms_),
                                 "committed offsets of group " + group);
  for (int i = 0; i < list->cnt; ++i) {
    const auto& tp = list->elems[i];
    runtime::kafka::throw_if_error(tp.err, "committed offset of group " + group + " on " +
                                               tp.topic + "[" + std::to_string(tp.partition) + "]");
    int64_t low = 0;
    int64_t high = 0;
    runtime::kafka::throw_if_error(
        rd_kafka_query_watermark_offsets(consumer, tp.topic, tp.partition, &low, &high,
                                         timeout_ms_),
        std::string("watermarks of ") + tp.topic + "[" + std::to_string(tp.partition) + "]");
    const int64_t from = tp.offset >= 0 ? tp.offset : low;
    int64_t lag = std::max<int64_t>(0, high - from);
    // On a real broker the last offset of a transactional partition is the marker that ended
    // its last transaction: a group that read everything commits the offset before it.
    if (lag == 1 && transactional[tp.topic] && is_control_marker(tp.topic, tp.partition, from))
      lag = 0;
    report.total += lag;
    report.max_partition = std::max(report.max_partition, lag);
    if (lag > 0) report.caught_up = false;
  }
  return report;
}

}  // namespace sharpline::cli::replay
