#include "runtime/stream/kafka_records.hpp"

namespace sharpline::runtime::stream {

void read_headers(const rd_kafka_message_t& message, std::vector<RecordHeader>& out) {
  out.clear();
  rd_kafka_headers_t* raw = nullptr;
  // rd_kafka_message_headers takes a non-const message but only reads (and caches) the headers.
  if (rd_kafka_message_headers(const_cast<rd_kafka_message_t*>(&message), &raw) !=
      RD_KAFKA_RESP_ERR_NO_ERROR) {
    return;
  }
  const char* name = nullptr;
  const void* value = nullptr;
  size_t size = 0;
  for (size_t i = 0;
       rd_kafka_header_get_all(raw, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
    out.push_back(
        {name, value != nullptr ? std::string(static_cast<const char*>(value), size) : ""});
  }
}

InputRecord input_record_of(const rd_kafka_message_t& message, std::vector<RecordHeader>& headers) {
  InputRecord record;
  record.origin = {rd_kafka_topic_name(message.rkt), message.partition, message.offset};
  if (message.key != nullptr) {
    record.key = std::string_view(static_cast<const char*>(message.key), message.key_len);
  }
  record.is_tombstone = message.payload == nullptr;
  record.value = {static_cast<const uint8_t*>(message.payload), message.len};
  rd_kafka_timestamp_type_t type;
  record.timestamp_ms = rd_kafka_message_timestamp(&message, &type);
  read_headers(message, headers);
  record.headers = headers;
  return record;
}

kafka::OutgoingRecord outgoing_record_of(const OutputRecord& record) {
  kafka::OutgoingRecord out;
  out.topic = record.topic;
  out.key = record.key;
  out.value = record.value;
  out.timestamp_ms = record.timestamp_ms;
  out.partition = record.partition < 0 ? RD_KAFKA_PARTITION_UA : record.partition;
  for (const auto& header : record.headers) out.headers.push_back({header.name, header.value});
  return out;
}

}  // namespace sharpline::runtime::stream
