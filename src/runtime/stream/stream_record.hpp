// Records as processors see them. Input records are views into the consumed message (valid for
// the duration of process()); output records own their bytes until the producer copies them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>
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

// A record handed from one stage to the next inside one process (backtests, training) as the
// domain value itself instead of its Avro bytes: the serde round trip was most of a backtest's
// cost, and it changes nothing (docs/performance.md). Typed: get<T>() answers nullptr for any
// other type, so a value can never be read as the wrong record.
class InProcessValue {
 public:
  InProcessValue() = default;
  template <typename T>
  static InProcessValue of(T value) {
    InProcessValue out;
    out.value_ = std::make_shared<const T>(std::move(value));
    out.type_ = &typeid(T);
    return out;
  }
  template <typename T>
  const T* get() const {
    return type_ != nullptr && *type_ == typeid(T) ? static_cast<const T*>(value_.get()) : nullptr;
  }
  explicit operator bool() const { return value_ != nullptr; }

 private:
  std::shared_ptr<const void> value_;
  const std::type_info* type_ = nullptr;
};

struct InputRecord {
  RecordOrigin origin;
  std::optional<std::string_view> key;
  std::span<const uint8_t> value;  // empty span with is_tombstone for a null value
  bool is_tombstone = false;
  int64_t timestamp_ms = 0;  // the Kafka record timestamp
  std::span<const RecordHeader> headers;
  // Set (and `value` empty) only for records handed over in-process (TestDriver::pipe_value).
  const InProcessValue* in_process = nullptr;
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
  // Set instead of `value` by a stage whose codec hands records over in-process
  // (stages::RecordCodec::Wire::kInProcess); never produced to Kafka.
  InProcessValue in_process{};
};

}  // namespace sharpline::runtime::stream
