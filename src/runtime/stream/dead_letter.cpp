#include "runtime/stream/dead_letter.hpp"

namespace sharpline::runtime::stream {

DeadLetter make_dead_letter(const InputRecord& record, const std::string& stage,
                            const std::string& error_kind, const std::string& error_class,
                            const std::string& reason, int64_t now_ms) {
  DeadLetter letter;
  letter.source_topic = std::string(record.origin.topic);
  letter.source_partition = record.origin.partition;
  letter.source_offset = record.origin.offset;
  letter.source_timestamp_ms = record.timestamp_ms;
  if (record.key) letter.key = std::string(*record.key);
  if (!record.is_tombstone)
    letter.value = std::vector<uint8_t>(record.value.begin(), record.value.end());
  letter.error_kind = error_kind;
  letter.error_class = error_class;
  letter.reason = reason;
  letter.stage = stage;
  letter.failed_ms = now_ms;
  letter.headers.assign(record.headers.begin(), record.headers.end());
  return letter;
}

OutputRecord dead_letter_record(const DeadLetter& letter, const DeadLetterEncoder& encode) {
  OutputRecord out;
  out.topic = kDeadLetterTopic;
  out.key = letter.key.value_or("");
  out.value = encode(letter);
  out.timestamp_ms = letter.failed_ms;
  out.headers = {{"sharpline.dlq.source.topic", letter.source_topic},
                 {"sharpline.dlq.source.partition", std::to_string(letter.source_partition)},
                 {"sharpline.dlq.source.offset", std::to_string(letter.source_offset)},
                 {"sharpline.dlq.stage", letter.stage},
                 {"sharpline.dlq.error.kind", letter.error_kind},
                 {"sharpline.dlq.error.class", letter.error_class},
                 {"sharpline.dlq.error.message", letter.reason}};
  return out;
}

}  // namespace sharpline::runtime::stream
