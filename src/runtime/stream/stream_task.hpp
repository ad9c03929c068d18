// One partition of a stage: its processor instance, its stores and its stream time. The Kafka
// runtime and the test driver route records to tasks; everything a record does (outputs, store
// writes, dead letters) goes through here, so both execute the same code.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/stream/dead_letter.hpp"
#include "runtime/stream/processor.hpp"
#include "runtime/stream/stage_definition.hpp"

namespace sharpline::runtime::stream {

// Where a task's records go: the transactional producer, or the test driver's output lists.
class TaskSink {
 public:
  virtual ~TaskSink() = default;
  virtual void send(OutputRecord record) = 0;
};

using GlobalTables = std::map<std::string, std::unique_ptr<GlobalTableView>>;

enum class RecordOutcome { kProcessed, kDeadLettered };

struct TaskCounters {
  uint64_t processed = 0;
  uint64_t dead_lettered = 0;
  uint64_t emitted = 0;
};

class StreamTask final : private ProcessorContext {
 public:
  StreamTask(const StageDefinition& stage, int32_t partition, const GlobalTables& globals,
             DeadLetterEncoder dead_letter_encoder);

  int32_t task_partition() const { return partition_; }
  StateStore& task_store(const std::string& name);
  std::vector<StateStore*> stores();

  // After restore: lets the processor look at its stores.
  void init(int64_t wall_clock_ms);

  // Processes one record. Outputs are released to sink only if the record succeeds; a failing
  // record's store writes are undone and a dead letter is sent instead. TransientError
  // propagates (after undoing the record) so the caller can retry the same record.
  RecordOutcome process(const InputRecord& record, int64_t wall_clock_ms, TaskSink& sink);

  // Lets stream time follow the wall clock once the partition has been idle for idle_timeout_ms,
  // running the stream-time punctuations that become due.
  void advance_if_idle(int64_t now_ms, int64_t idle_timeout_ms, TaskSink& sink);

  // Runs due wall-clock punctuations.
  void maybe_punctuate_wall_clock(int64_t now_ms, TaskSink& sink);

  // Writes every store's changes to its changelog partition (same number as this task).
  void flush_changelogs(TaskSink& sink);
  void commit();
  void rollback();

  int64_t stream_time() const override { return stream_time_.now(); }
  const TaskCounters& counters() const { return counters_; }
  // "kind: class: reason" of the last record this task dead-lettered, for the runner's log line.
  const std::string& last_dead_letter_reason() const { return last_dead_letter_reason_; }

 private:
  // ProcessorContext
  int32_t partition() const override { return partition_; }
  int64_t event_time() const override { return event_time_; }
  int64_t wall_clock_ms() const override { return wall_clock_ms_; }
  const InputRecord* current() const override { return current_; }
  void emit(OutputRecord record) override;
  StateStore& store(const std::string& name) override { return task_store(name); }
  const GlobalTableView& global_table(const std::string& name) override;

  void dead_letter(const InputRecord& record, const std::string& kind, const std::string& cls,
                   const std::string& reason, TaskSink& sink);
  void punctuate_stream_time_if_due(TaskSink& sink);

  const StageDefinition& stage_;
  int32_t partition_;
  const GlobalTables& globals_;
  DeadLetterEncoder encode_dead_letter_;
  std::unique_ptr<Processor> processor_;
  std::map<std::string, std::unique_ptr<StateStore>, std::less<>> stores_;
  StreamTime stream_time_;
  int64_t event_time_ = 0;
  int64_t wall_clock_ms_ = 0;
  int64_t next_stream_punctuation_ = StreamTime::kUnknown;
  int64_t next_wall_punctuation_ = 0;
  const InputRecord* current_ = nullptr;
  int64_t last_record_wall_ms_ = 0;
  int64_t stream_time_at_last_record_ = StreamTime::kUnknown;
  std::vector<OutputRecord> pending_;  // outputs of the record being processed
  TaskCounters counters_;
  std::string last_dead_letter_reason_;
};

}  // namespace sharpline::runtime::stream
