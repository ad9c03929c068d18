// Records as processors see them. Input records are views into the consumed message (valid for
// the duration of process()); output records own their bytes until the producer copies them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::runtime::stream {

struct RecordHeader {
  std::string name;
  std::string value;
};

// Where a record came from; the dead-letter topic and the output headers name it.
struct RecordOrigin {
  std::string_view topic;
  int32_t partition = 0;
  int64_t offset = -1;
};

struct InputRecord {
  RecordOrigin origin;
  std::optional<std::string_view> key;
  std::span<const uint8_t> value;  // empty span with is_tombstone for a null value
  bool is_tombstone = false;
  int64_t timestamp_ms = 0;  // the Kafka record timestamp
  std::span<const RecordHeader> headers;
};

struct OutputRecord {
  std::string topic;
  std::string key;
  std::vector<uint8_t> value;
  int64_t timestamp_ms = 0;
  std::vector<RecordHeader> headers;
  // -1: partition by key hash (the default partitioner, murmur2 like the Java client), so
  // co-partitioned topics line up with other Kafka clients.
  int32_t partition = -1;
  bool tombstone = false;  // a null value: deletes the key from compacted topics
};

}  // namespace sharpline::runtime::stream
