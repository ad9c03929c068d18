#include "runtime/stream/test_driver.hpp"

#include <librdkafka/rdkafka.h>

#include <stdexcept>

namespace sharpline::runtime::stream {

const std::string* InMemoryGlobalTable::get(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

void InMemoryGlobalTable::for_each_update_since(
    uint64_t version, const std::function<void(std::string_view key)>& visit) const {
  for (auto i = static_cast<std::size_t>(version); i < updates_.size(); ++i) visit(updates_[i]);
}

void InMemoryGlobalTable::put(std::string key, std::optional<std::string> value) {
  updates_.push_back(key);
  if (value) {
    entries_.insert_or_assign(std::move(key), std::move(*value));
  } else {
    entries_.erase(key);
  }
}

TestDriver::TestDriver(StageDefinition stage, int32_t partitions,
                       DeadLetterEncoder dead_letter_encoder, int64_t start_wall_clock_ms)
    : stage_(std::move(stage)),
      partitions_(partitions),
      dead_letter_encoder_(std::move(dead_letter_encoder)),
      wall_clock_ms_(start_wall_clock_ms) {
  if (partitions < 1) throw std::invalid_argument("test driver needs at least one partition");
  for (const auto& table : stage_.global_tables) {
    globals_.emplace(table, std::make_unique<InMemoryGlobalTable>());
  }
  for (int32_t p = 0; p < partitions; ++p) {
    tasks_.push_back(std::make_unique<StreamTask>(stage_, p, globals_, dead_letter_encoder_));
    tasks_.back()->init(wall_clock_ms_);
  }
}

void TestDriver::restart_from_changelogs() {
  for (int32_t p = 0; p < partitions_; ++p) {
    auto task = std::make_unique<StreamTask>(stage_, p, globals_, dead_letter_encoder_);
    for (const auto& store : stage_.stores) {
      for (const auto& record : output(stage_.changelog_topic(store.name))) {
        if (record.partition != p) continue;
        std::optional<std::string_view> value;
        if (!record.tombstone) {
          value = std::string_view(reinterpret_cast<const char*>(record.value.data()),
                                   record.value.size());
        }
        task->task_store(store.name).restore(record.key, value);
      }
    }
    task->init(wall_clock_ms_);
    tasks_[static_cast<std::size_t>(p)] = std::move(task);
  }
}

int32_t TestDriver::partition_for(const std::string& key) const {
  // The same function librdkafka's murmur2 partitioners use, so keys land where Kafka puts them.
  return rd_kafka_msg_partitioner_murmur2(nullptr, key.data(), key.size(), partitions_, nullptr,
                                          nullptr);
}

RecordOutcome TestDriver::pipe(const std::string& topic, const std::string& key,
                               std::vector<uint8_t> value, int64_t timestamp_ms,
                               std::vector<RecordHeader> headers) {
  InputRecord record;
  record.value = value;
  record.timestamp_ms = timestamp_ms;
  record.headers = headers;
  return process(record, topic, key);
}

RecordOutcome TestDriver::pipe_value(const std::string& topic, const std::string& key,
                                     const InProcessValue& value, int64_t timestamp_ms) {
  InputRecord record;
  record.timestamp_ms = timestamp_ms;
  record.in_process = &value;
  return process(record, topic, key);
}

RecordOutcome TestDriver::process(InputRecord& record, const std::string& topic,
                                  const std::string& key) {
  const int32_t partition = partition_for(key);
  int64_t& offset = next_offset_[topic + "/" + std::to_string(partition)];
  record.origin = {topic, partition, offset++};
  record.key = key;
  StreamTask& task = *tasks_[static_cast<std::size_t>(partition)];
  const RecordOutcome outcome = task.process(record, wall_clock_ms_, outputs_);
  if (++uncommitted_ >= commit_interval_) commit_all();
  return outcome;
}

void TestDriver::set_commit_interval(std::size_t records) {
  commit_interval_ = records == 0 ? 1 : records;
  commit_all();
}

void TestDriver::commit_all() {
  for (auto& task : tasks_) {
    task->flush_changelogs(outputs_);
    task->commit();
  }
  uncommitted_ = 0;
}

void TestDriver::pipe_global(const std::string& table, const std::string& key,
                             std::optional<std::string> value) {
  auto it = globals_.find(table);
  if (it == globals_.end())
    throw std::invalid_argument("stage has no global table '" + table + "'");
  static_cast<InMemoryGlobalTable&>(*it->second).put(key, std::move(value));
}

void TestDriver::advance_wall_clock(int64_t delta_ms) {
  wall_clock_ms_ += delta_ms;
  for (auto& task : tasks_) task->maybe_punctuate_wall_clock(wall_clock_ms_, outputs_);
  if (++uncommitted_ >= commit_interval_) commit_all();
}

const std::vector<OutputRecord>& TestDriver::output(const std::string& topic) const {
  static const std::vector<OutputRecord> kNone;
  auto it = outputs_.by_topic.find(topic);
  return it == outputs_.by_topic.end() ? kNone : it->second;
}

std::vector<OutputRecord> TestDriver::take_output(const std::string& topic) {
  auto it = outputs_.by_topic.find(topic);
  if (it == outputs_.by_topic.end()) return {};
  std::vector<OutputRecord> taken = std::move(it->second);
  outputs_.by_topic.erase(it);
  return taken;
}

}  // namespace sharpline::runtime::stream
