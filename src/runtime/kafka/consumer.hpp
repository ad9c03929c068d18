// A consumer for tools: reads whole topics by direct assignment (no group, no commits), like
// kcat. Group consumption with transactions belongs to the stream runtime.
#pragma once

#include <string>
#include <vector>

#include "runtime/kafka/client_config.hpp"

namespace sharpline::runtime::kafka {

enum class StartAt { kBeginning, kEnd };

using RebalanceCallback = void (*)(rd_kafka_t*, rd_kafka_resp_err_t,
                                   rd_kafka_topic_partition_list_t*, void* opaque);

// A consumer handle with polling on the consumer queue; `on_rebalance` (may be null: librdkafka
// assigns by itself) is called with `opaque`. Throws KafkaError when librdkafka refuses the
// properties. Every consumer of ours is made here: tools, stages, the sink, webhooks.
KafkaHandle make_consumer(const Properties& properties, RebalanceCallback on_rebalance = nullptr,
                          void* opaque = nullptr);

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
