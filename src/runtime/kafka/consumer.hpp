// A consumer for tools: reads whole topics by direct assignment (no group, no commits), like
// kcat. Group consumption with transactions belongs to the stream runtime.
#pragma once

#include <string>
#include <vector>

#include "runtime/kafka/client_config.hpp"

namespace sharpline::runtime::kafka {

enum class StartAt { kBeginning, kEnd };

class Consumer {
 public:
  explicit Consumer(const Properties& properties);
  ~Consumer();
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // Assigns every partition of the topics. Unknown topics are an error (not auto-created).
  void assign_all(const std::vector<std::string>& topics, StartAt start);

  // Next record, or nullptr after timeout_ms without one. Consumer errors that librdkafka
  // reports in-band are thrown as KafkaError unless they are informational.
  MessagePtr poll(int timeout_ms);

  rd_kafka_t* handle() const { return handle_.get(); }

 private:
  KafkaHandle handle_;
};

}  // namespace sharpline::runtime::kafka
