// How a stage instance runs: guarantees, timing, retries and where local state lives.
#pragma once

#include <cstdint>
#include <string>

#include "runtime/kafka/client_config.hpp"
#include "runtime/stream/dead_letter.hpp"

namespace sharpline::runtime::stream {

enum class ProcessingGuarantee { kExactlyOnce, kAtLeastOnce };

struct RunnerOptions {
  kafka::Properties kafka;  // bootstrap.servers plus the user's kafka.* properties
  std::string instance_id;  // stable per instance: its transactional.id is <app>-<instance>
  ProcessingGuarantee guarantee = ProcessingGuarantee::kExactlyOnce;
  int64_t commit_interval_ms = 100;
  // "eager" (range assignor; what the embedded broker supports) or "cooperative-sticky".
  std::string rebalance_protocol = "eager";
  // Where restored-state snapshots are kept between runs; empty disables them (every start
  // restores the whole changelog).
  std::string state_dir;
  // A partition without records for this long lets its stream time follow the wall clock, so
  // windows and stream-time punctuations do not stall forever (Kafka Streams' max.task.idle.ms
  // plays a similar role). 0 disables.
  int64_t idle_partition_timeout_ms = 30000;
  // Transient failures of one record are retried with exponential backoff from
  // retry_backoff_ms up to retry_backoff_max_ms, forever: a transient failure is by definition
  // not the record's fault, so it is never dead-lettered.
  int64_t retry_backoff_ms = 100;
  int64_t retry_backoff_max_ms = 10000;
  int transaction_timeout_ms = 60000;
  // The embedded broker (librdkafka 2.0's mock cluster) acknowledges TxnOffsetCommit but does
  // not store the offsets, so a restarted stage would start over. With this set, the runtime
  // also commits the same offsets with a plain OffsetCommit right after each transaction
  // commits. On a real cluster it is redundant (the transaction already committed them) and
  // stays off; see docs/runtime.md for the window it leaves on the embedded broker.
  bool mirror_offset_commits = false;
  DeadLetterEncoder dead_letter_encoder;
};

}  // namespace sharpline::runtime::stream
