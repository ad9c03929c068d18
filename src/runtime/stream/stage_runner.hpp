// Runs a stage on Kafka: a consumer in the stage's group, one transactional producer per
// instance (KIP-447: offsets are sent with the consumer's group metadata, so the broker fences
// zombies by group generation and one producer serves every partition), tasks per assigned
// partition with their stores restored from the changelogs before processing starts.
//
// Exactly-once loop: records are processed inside a transaction; every commit interval the
// stores' changes go to their changelogs, the input offsets are sent to the transaction, and
// the transaction commits. Any failure inside a transaction aborts it, rolls the stores back to
// the last commit, and rewinds the consumer to the first record of the aborted transaction.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "runtime/stream/runner_options.hpp"
#include "runtime/stream/stage_definition.hpp"
#include "runtime/stream/stream_task.hpp"

namespace sharpline::runtime::stream {

enum class RunnerState {
  kStarting,
  kRestoring,
  kRunning,
  kRebalancing,
  kStopping,
  kStopped,
  kFailed
};
const char* to_string(RunnerState state);

// Records per topic in committed transactions (or committed offset batches): what the stage
// consumed from each input and produced to each output, changelogs and dead letters included.
// Records of an aborted transaction are not counted (they are processed again).
struct StageStats {
  std::map<std::string, uint64_t> consumed;
  std::map<std::string, uint64_t> produced;
  uint64_t commits = 0;
};

class StageRunner {
 public:
  StageRunner(StageDefinition stage, RunnerOptions options);
  ~StageRunner();
  StageRunner(const StageRunner&) = delete;
  StageRunner& operator=(const StageRunner&) = delete;

  // Runs until stop() is called (from any thread or a signal watcher) or a fatal error (thrown
  // after the state becomes kFailed). On stop: commits the open transaction, writes snapshots,
  // leaves the group.
  void run();
  void stop() { stop_.store(true); }

  RunnerState state() const { return state_.load(); }
  // True once every assigned partition is restored and processing.
  bool ready() const { return state() == RunnerState::kRunning; }
  // Thread-safe snapshot.
  StageStats stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stop_{false};
  std::atomic<RunnerState> state_{RunnerState::kStarting};
};

}  // namespace sharpline::runtime::stream
