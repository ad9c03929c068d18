// Runs a stage's processors in-process, without Kafka, on records fed by the caller and a
// virtual wall clock (like Kafka Streams' TopologyTestDriver). Unit tests and backtests use it,
// so replays execute the same processor code as the live runtime.
//
// Records are routed to partitions the way the Kafka runtime sees them: by the murmur2 hash of
// the key (librdkafka's murmur2_random partitioner, the Java client's default), over the
// partition count given. Each pipe() is processed and committed on its own, like a commit
// interval of zero; changelog records are kept too, so restore paths can be tested.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/stream/stream_task.hpp"

namespace sharpline::runtime::stream {

class InMemoryGlobalTable final : public GlobalTableView {
 public:
  const std::string* get(std::string_view key) const override;
  std::size_t size() const override { return entries_.size(); }
  uint64_t version() const override { return updates_.size(); }
  void for_each_update_since(uint64_t version,
                             const std::function<void(std::string_view key)>& visit) const override;
  void put(std::string key, std::optional<std::string> value);

 private:
  std::map<std::string, std::string, std::less<>> entries_;
  std::vector<std::string> updates_;  // key of every update, in order
};

class TestDriver {
 public:
  TestDriver(StageDefinition stage, int32_t partitions, DeadLetterEncoder dead_letter_encoder,
             int64_t start_wall_clock_ms = 0);

  // Feeds one record; returns how it ended.
  RecordOutcome pipe(const std::string& topic, const std::string& key, std::vector<uint8_t> value,
                     int64_t timestamp_ms, std::vector<RecordHeader> headers = {});
  // Feeds one record handed over in-process (no bytes): processors read `value` as their
  // topic's record type (TopicRouter), as if it had been decoded.
  RecordOutcome pipe_value(const std::string& topic, const std::string& key,
                           const InProcessValue& value, int64_t timestamp_ms);
  // Updates a global table (a record on its compacted topic).
  void pipe_global(const std::string& table, const std::string& key,
                   std::optional<std::string> value);
  // Moves the virtual wall clock and runs due wall-clock punctuations.
  void advance_wall_clock(int64_t delta_ms);
  // A crash and a restart: every task (processor and stores) is thrown away and rebuilt, its
  // stores restored from the changelog records sent so far, as the Kafka runtime restores them,
  // then initialised. Output lists are kept.
  void restart_from_changelogs();

  // Commits (changelog flush + commit) every `records` pipes instead of after each one, like a
  // longer commit interval: the same outputs, fewer changelog writes. Backtests use it.
  void set_commit_interval(std::size_t records);
  // Drops changelog records instead of keeping them (restart_from_changelogs then restores
  // nothing): a long replay that never restarts need not hold its whole state history.
  void discard_changelogs(bool discard) { outputs_.discard_changelogs = discard; }
  // Forgets every output kept so far (all topics).
  void clear_outputs() { outputs_.by_topic.clear(); }

  // Records sent to a topic so far (outputs, dead letters, changelogs), in send order.
  const std::vector<OutputRecord>& output(const std::string& topic) const;
  std::vector<OutputRecord> take_output(const std::string& topic);

  StreamTask& task(int32_t partition) { return *tasks_.at(static_cast<std::size_t>(partition)); }
  int32_t partition_for(const std::string& key) const;
  int64_t wall_clock_ms() const { return wall_clock_ms_; }

 private:
  class Outputs final : public TaskSink {
   public:
    void send(OutputRecord record) override {
      if (discard_changelogs && record.topic.ends_with("-changelog")) return;
      by_topic[record.topic].push_back(std::move(record));
    }
    std::map<std::string, std::vector<OutputRecord>> by_topic;
    bool discard_changelogs = false;
  };

  void commit_all();
  RecordOutcome process(InputRecord& record, const std::string& topic, const std::string& key);

  StageDefinition stage_;
  int32_t partitions_;
  DeadLetterEncoder dead_letter_encoder_;
  GlobalTables globals_;
  std::vector<std::unique_ptr<StreamTask>> tasks_;
  std::map<std::string, int64_t> next_offset_;  // per "topic/partition"
  Outputs outputs_;
  int64_t wall_clock_ms_;
  std::size_t commit_interval_ = 1;
  std::size_t uncommitted_ = 0;
};

}  // namespace sharpline::runtime::stream
