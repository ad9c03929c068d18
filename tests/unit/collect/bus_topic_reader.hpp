// Reads back what a collector command published, for tests that own the embedded broker.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/bus_context.hpp"
#include "runtime/kafka/consumer.hpp"

namespace sharpline::collect_test {

struct SeenRecord {
  std::string key;
  int64_t timestamp_ms = 0;
  nlohmann::json value;
};

// Every record of a topic as (key, timestamp, decoded value), until the topic is idle 1.5 s.
inline std::vector<SeenRecord> read_topic(cli::BusContext& context, const std::string& topic) {
  runtime::kafka::Consumer consumer(context.bus().client_properties());
  consumer.assign_all({topic}, runtime::kafka::StartAt::kBeginning);
  std::vector<SeenRecord> seen;
  for (int idle = 0; idle < 15;) {
    auto message = consumer.poll(100);
    if (!message) {
      ++idle;
      continue;
    }
    idle = 0;
    SeenRecord record;
    if (message->key != nullptr)
      record.key.assign(static_cast<const char*>(message->key), message->key_len);
    rd_kafka_timestamp_type_t type;
    record.timestamp_ms = rd_kafka_message_timestamp(message.get(), &type);
    record.value =
        context.serde().decode({static_cast<const uint8_t*>(message->payload), message->len});
    seen.push_back(std::move(record));
  }
  return seen;
}

}  // namespace sharpline::collect_test
