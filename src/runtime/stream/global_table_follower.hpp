// Keeps global tables (compacted topics every instance holds in full, e.g. team ratings) up to
// date: one consumer assigned to every partition of every table topic, read to the end before
// the stage processes anything, then polled without blocking from the stage's loop.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "runtime/kafka/client_config.hpp"
#include "runtime/stream/test_driver.hpp"

namespace sharpline::runtime::stream {

class GlobalTableFollower {
 public:
  GlobalTableFollower(const kafka::Properties& properties, const std::vector<std::string>& topics,
                      GlobalTables& tables);

  // Reads every table to its current end (blocks; throws KafkaError after stall_timeout_ms
  // without progress).
  void catch_up(int stall_timeout_ms = 60000);
  // Applies whatever has arrived; never blocks. Returns the number of records applied.
  std::size_t poll();

 private:
  bool apply(const rd_kafka_message_t& message);

  kafka::KafkaHandle consumer_;
  GlobalTables& tables_;
  std::map<std::pair<std::string, int32_t>, bool> at_end_;
};

}  // namespace sharpline::runtime::stream
