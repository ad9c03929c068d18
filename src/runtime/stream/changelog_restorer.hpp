// Reads changelog and global-table topics from a given offset to their end, with its own
// consumer (no group, read_committed, partition EOF events), so restoring never disturbs the
// stage's group membership.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/kafka/client_config.hpp"
#include "runtime/stream/state_store.hpp"

namespace sharpline::runtime::stream {

using RecordVisitor =
    std::function<void(std::string_view key, std::optional<std::string_view> value)>;

class ChangelogRestorer {
 public:
  explicit ChangelogRestorer(const kafka::Properties& properties, int stall_timeout_ms = 60000);

  // Applies topic[partition] from `from` (an offset or RD_KAFKA_OFFSET_BEGINNING) to the end
  // into store; returns the number of records applied. Throws KafkaError when no progress is
  // made for stall_timeout_ms.
  // With `until`, records at or after that offset are not applied (the end of what was
  // committed, when the broker cannot hide uncommitted records itself).
  uint64_t restore(const std::string& topic, int32_t partition, int64_t from, StateStore& store,
                   std::optional<int64_t> until = std::nullopt);

  // The offset after the last record of topic[partition] (high watermark).
  int64_t end_offset(const std::string& topic, int32_t partition);

 private:
  // Reads the assigned partitions until each reports EOF; returns next offsets.
  std::map<int32_t, int64_t> drain(const std::string& topic, const std::map<int32_t, int64_t>& from,
                                   const RecordVisitor& visit, uint64_t& applied,
                                   std::optional<int64_t> until = std::nullopt);

  kafka::KafkaHandle consumer_;
  int stall_timeout_ms_;
};

}  // namespace sharpline::runtime::stream
