// Between librdkafka's messages and the stream runtime's records, for every consumer that
// dead-letters or processes what it reads (stage runner, sink, webhook delivery).
#pragma once

#include <librdkafka/rdkafka.h>

#include <vector>

#include "runtime/kafka/producer.hpp"
#include "runtime/stream/stream_record.hpp"

namespace sharpline::runtime::stream {

// The message's headers in order into `out` (cleared first); a null header value reads as "".
void read_headers(const rd_kafka_message_t& message, std::vector<RecordHeader>& out);

// A view of a consumed message: key, value and headers point into `message` and `headers`, which
// must outlive the record. `headers` is reused scratch, so the hot path allocates little.
InputRecord input_record_of(const rd_kafka_message_t& message, std::vector<RecordHeader>& headers);

// A producer record viewing `record` (value and headers copied by name), which must outlive it.
kafka::OutgoingRecord outgoing_record_of(const OutputRecord& record);

}  // namespace sharpline::runtime::stream
