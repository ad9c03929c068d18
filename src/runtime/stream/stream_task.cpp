#include "runtime/stream/stream_task.hpp"

#include <cxxabi.h>

#include <stdexcept>
#include <typeinfo>

#include "runtime/stream/processing_error.hpp"

namespace sharpline::runtime::stream {
namespace {

std::string type_name(const std::exception& e) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled != nullptr ? demangled : typeid(e).name();
  std::free(
      demangled);  // NOLINT(cppcoreguidelines-no-malloc): __cxa_demangle allocates with malloc
  return name;
}

}  // namespace

StreamTask::StreamTask(const StageDefinition& stage, int32_t partition, const GlobalTables& globals,
                       DeadLetterEncoder dead_letter_encoder)
    : stage_(stage),
      partition_(partition),
      globals_(globals),
      encode_dead_letter_(std::move(dead_letter_encoder)),
      processor_(stage.make_processor(partition)) {
  for (const auto& definition : stage.stores)
    stores_.emplace(definition.name, definition.make(partition));
}

StateStore& StreamTask::task_store(const std::string& name) {
  auto it = stores_.find(name);
  if (it == stores_.end()) {
    throw std::logic_error("stage " + stage_.name + " has no store named '" + name + "'");
  }
  return *it->second;
}

std::vector<StateStore*> StreamTask::stores() {
  std::vector<StateStore*> all;
  for (auto& [name, store] : stores_) all.push_back(store.get());
  return all;
}

void StreamTask::init(int64_t wall_clock_ms) {
  wall_clock_ms_ = wall_clock_ms;
  next_wall_punctuation_ = wall_clock_ms + stage_.wall_clock_punctuation_ms;
  processor_->init(*this);
}

const GlobalTableView& StreamTask::global_table(const std::string& name) {
  auto it = globals_.find(name);
  if (it == globals_.end()) {
    throw std::logic_error("stage " + stage_.name + " has no global table '" + name + "'");
  }
  return *it->second;
}

void StreamTask::emit(OutputRecord record) {
  pending_.push_back(std::move(record));
}

void StreamTask::dead_letter(const InputRecord& record, const std::string& kind,
                             const std::string& cls, const std::string& reason, TaskSink& sink) {
  sink.send(
      dead_letter_record(make_dead_letter(record, stage_.name, kind, cls, reason, wall_clock_ms_),
                         encode_dead_letter_));
  ++counters_.dead_lettered;
  last_dead_letter_reason_ = kind + ": " + cls + ": " + reason;
}

RecordOutcome StreamTask::process(const InputRecord& record, int64_t wall_clock_ms,
                                  TaskSink& sink) {
  wall_clock_ms_ = wall_clock_ms;
  pending_.clear();
  for (auto& [name, store] : stores_) store->begin_record();

  auto undo = [&] {
    pending_.clear();
    for (auto& [name, store] : stores_) store->undo_record();
    current_ = nullptr;
  };
  std::string kind;
  std::string cls;
  std::string reason;
  try {
    const int64_t event_time = stage_.timestamp(record);
    if (event_time < 0) throw ValidationError("record has no event time");
    event_time_ = event_time;
    stream_time_.observe(event_time);
    last_record_wall_ms_ = wall_clock_ms;
    stream_time_at_last_record_ = stream_time_.now();
    current_ = &record;
    processor_->process(record, *this);
    current_ = nullptr;
  } catch (const TransientError&) {
    undo();
    throw;
  } catch (const DeserializationError& e) {
    kind = "deserialization", cls = type_name(e), reason = e.what();
  } catch (const ValidationError& e) {
    kind = "validation", cls = type_name(e), reason = e.what();
  } catch (const std::exception& e) {
    kind = "processing", cls = type_name(e), reason = e.what();
  }
  if (!kind.empty()) {
    undo();
    dead_letter(record, kind, cls, reason, sink);
    return RecordOutcome::kDeadLettered;
  }
  counters_.emitted += pending_.size();
  for (auto& output : pending_) sink.send(std::move(output));
  pending_.clear();
  ++counters_.processed;
  punctuate_stream_time_if_due(sink);
  return RecordOutcome::kProcessed;
}

void StreamTask::punctuate_stream_time_if_due(TaskSink& sink) {
  const int64_t interval = stage_.stream_time_punctuation_ms;
  if (interval <= 0 || !stream_time_.known()) return;
  const int64_t now = stream_time_.now();
  if (next_stream_punctuation_ == StreamTime::kUnknown) {
    next_stream_punctuation_ = (now / interval + 1) * interval;
    return;
  }
  if (now < next_stream_punctuation_) return;
  // One call per crossing, at the stream time reached: a jump over several intervals is one
  // punctuation, as in Kafka Streams.
  next_stream_punctuation_ = (now / interval + 1) * interval;
  processor_->punctuate_stream_time(now, *this);
  for (auto& output : pending_) sink.send(std::move(output));
  counters_.emitted += pending_.size();
  pending_.clear();
}

void StreamTask::advance_if_idle(int64_t now_ms, int64_t idle_timeout_ms, TaskSink& sink) {
  if (idle_timeout_ms <= 0 || stream_time_at_last_record_ == StreamTime::kUnknown) return;
  const int64_t idle = now_ms - last_record_wall_ms_;
  if (idle < idle_timeout_ms) return;
  stream_time_.observe(stream_time_at_last_record_ + idle);
  wall_clock_ms_ = now_ms;
  punctuate_stream_time_if_due(sink);
}

void StreamTask::maybe_punctuate_wall_clock(int64_t now_ms, TaskSink& sink) {
  const int64_t interval = stage_.wall_clock_punctuation_ms;
  wall_clock_ms_ = now_ms;
  if (interval <= 0 || now_ms < next_wall_punctuation_) return;
  next_wall_punctuation_ = now_ms + interval;
  processor_->punctuate_wall_clock(now_ms, *this);
  for (auto& output : pending_) sink.send(std::move(output));
  counters_.emitted += pending_.size();
  pending_.clear();
}

void StreamTask::flush_changelogs(TaskSink& sink) {
  for (auto& [name, store] : stores_) {
    const std::string topic = stage_.changelog_topic(name);
    store->flush_changelog([&](std::string_view key, std::optional<std::string_view> value) {
      OutputRecord record;
      record.topic = topic;
      record.key = std::string(key);
      if (value) record.value.assign(value->begin(), value->end());
      record.partition = partition_;  // a store partition lives in the same changelog partition
      record.timestamp_ms = stream_time_.known() ? stream_time_.now() : wall_clock_ms_;
      record.tombstone = !value.has_value();
      sink.send(std::move(record));
    });
  }
}

void StreamTask::commit() {
  for (auto& [name, store] : stores_) store->commit();
}

void StreamTask::rollback() {
  for (auto& [name, store] : stores_) store->rollback();
}

}  // namespace sharpline::runtime::stream
