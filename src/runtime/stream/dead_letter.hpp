// Dead letters: a record the stage could not process, with where it came from and why. The
// original bytes travel unchanged so the record can be inspected and replayed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/stream/stream_record.hpp"

namespace sharpline::runtime::stream {

inline constexpr const char* kDeadLetterTopic = "sharpline.deadletter.v1";

struct DeadLetter {
  std::string source_topic;
  int32_t source_partition = 0;
  int64_t source_offset = -1;
  int64_t source_timestamp_ms = 0;
  std::optional<std::string> key;
  std::optional<std::vector<uint8_t>> value;
  std::string error_kind;   // deserialization | validation | processing
  std::string error_class;  // the exception type, for people debugging
  std::string reason;
  std::string stage;
  int64_t failed_ms = 0;
  std::vector<RecordHeader> headers;  // the source record's headers
};

// Turns a dead letter into the value bytes of sharpline.deadletter.v1 (the CLI wires the Avro
// encoder; tests may use any encoding).
using DeadLetterEncoder = std::function<std::vector<uint8_t>(const DeadLetter&)>;

DeadLetter make_dead_letter(const InputRecord& record, const std::string& stage,
                            const std::string& error_kind, const std::string& error_class,
                            const std::string& reason, int64_t now_ms);

// The output record for the dead-letter topic: the source key, the encoded value, and headers
// naming the source and the error (so tools can filter without decoding):
//   sharpline.dlq.source.topic / .partition / .offset, sharpline.dlq.stage,
//   sharpline.dlq.error.kind, sharpline.dlq.error.class, sharpline.dlq.error.message
OutputRecord dead_letter_record(const DeadLetter& letter, const DeadLetterEncoder& encode);

}  // namespace sharpline::runtime::stream
