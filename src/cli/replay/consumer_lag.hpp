// How far a consumer group is behind on a set of topics, asked of the broker the way an operator
// would (committed offsets against high watermarks), so a producer that feeds a pipeline can wait
// for it (the season replay paces itself by this on the embedded broker's small partitions).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "runtime/kafka/client_config.hpp"

namespace sharpline::cli::replay {

struct LagTopic {
  std::string topic;
  // Written by transactional producers (stage outputs): on a real broker every transaction ends
  // with a control marker that takes an offset but is never delivered, so a group that read
  // everything may have committed high watermark - 1. (The embedded broker writes no markers:
  // see ConsumerLag::measure.)
  bool transactional = false;
};

struct LagReport {
  // Offsets not yet committed, summed over partitions (records and control markers, except a
  // final marker at the committed offset of a transactional partition): 0 exactly when
  // caught_up.
  int64_t total = 0;
  int64_t max_partition = 0;
  bool caught_up = true;
};

class ConsumerLag {
 public:
  // `properties`: client properties of the bus (Bus::client_properties()).
  explicit ConsumerLag(runtime::kafka::Properties properties, int timeout_ms = 10000);
  ~ConsumerLag();
  ConsumerLag(const ConsumerLag&) = delete;
  ConsumerLag& operator=(const ConsumerLag&) = delete;

  // Per partition of each topic: lag = high watermark - committed offset of `group` (the low
  // watermark when the group has committed nothing there). A partition is caught up when
  // committed >= high watermark, or, for a transactional topic, committed == high watermark - 1
  // and that last offset is a control marker. Whether it is one is asked of the broker once per
  // offset (a fetch from it that finds no record: the embedded broker writes no markers, so
  // there the last offset is a record, and a group one short of it is not caught up). Throws
  // runtime::kafka::KafkaError when the broker cannot be asked (unknown topic, timeout).
  LagReport measure(const std::string& group, const std::vector<LagTopic>& topics);

 private:
  rd_kafka_t* handle(const std::string& group);
  int partitions(rd_kafka_t* handle, const std::string& topic);
  bool is_control_marker(const std::string& topic, int32_t partition, int64_t offset);

  runtime::kafka::Properties properties_;
  int timeout_ms_;
  std::map<std::string, runtime::kafka::KafkaHandle> handles_;  // group -> consumer, never joined
  std::map<std::string, int> partitions_;                       // topic -> partition count
  runtime::kafka::KafkaHandle probe_;  // reads single offsets by assignment, never joins a group
  std::map<std::tuple<std::string, int32_t, int64_t>, bool> markers_;  // offset -> is a marker
};

}  // namespace sharpline::cli::replay
