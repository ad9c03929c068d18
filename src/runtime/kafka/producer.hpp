// A plain (non-transactional) producer with delivery tracking. Stages use the transactional
// producer of the stream runtime; this one serves the CLI, collectors and tests.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "runtime/kafka/client_config.hpp"

namespace sharpline::runtime::kafka {

struct Header {
  std::string name;
  std::string value;
};

struct OutgoingRecord {
  std::string topic;
  std::optional<std::string> key;
  std::span<const uint8_t> value;
  std::vector<Header> headers;
  int32_t partition = RD_KAFKA_PARTITION_UA;  // unassigned: partitioner hashes the key
  int64_t timestamp_ms = 0;                   // 0: now
};

class Producer {
 public:
  explicit Producer(const Properties& properties);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Queues a record; blocks briefly (polling) while the local queue is full.
  void send(const OutgoingRecord& record);
  // Waits until every queued record is delivered or failed; throws the first delivery error.
  void flush(int timeout_ms = 30000);

  uint64_t delivered() const { return delivered_.load(); }
  rd_kafka_t* handle() const { return handle_.get(); }

 private:
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque);

  KafkaHandle handle_;
  std::atomic<uint64_t> delivered_{0};
  std::atomic<uint64_t> failed_{0};
  std::string first_error_;  // written by the delivery callback, which runs in flush()/poll()
};

}  // namespace sharpline::runtime::kafka
