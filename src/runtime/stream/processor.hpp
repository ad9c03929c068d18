// The processor API: what stage code sees. Nothing here mentions Kafka, so the same processor
// runs under the Kafka runtime, the in-process test driver and backtests.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "runtime/stream/key_value_store.hpp"
#include "runtime/stream/stream_record.hpp"

namespace sharpline::runtime::stream {

// A read-only table every instance holds in full (e.g. team ratings), fed from a compacted
// topic. Values are the topic's bytes; processors decode them.
class GlobalTableView {
 public:
  virtual ~GlobalTableView() = default;
  virtual const std::string* get(std::string_view key) const = 0;
  virtual std::size_t size() const = 0;
  // Number of updates applied so far (puts and deletes); grows by one per update.
  virtual uint64_t version() const = 0;
  // Keys updated after `version`, oldest first (a key updated twice appears twice), so a
  // processor that derives something from the whole table (team ratings from every result)
  // folds in only what is new instead of rescanning the table.
  virtual void for_each_update_since(
      uint64_t version, const std::function<void(std::string_view key)>& visit) const = 0;
};

class ProcessorContext {
 public:
  virtual ~ProcessorContext() = default;

  // The partition (task) this processor instance serves.
  virtual int32_t partition() const = 0;
  // Event time of the record being processed (its extractor's value).
  virtual int64_t event_time() const = 0;
  // The partition's stream time: the largest event time seen so far.
  virtual int64_t stream_time() const = 0;
  // Wall-clock time (virtual under the test driver).
  virtual int64_t wall_clock_ms() const = 0;
  // The record being processed; only valid inside process().
  virtual const InputRecord* current() const = 0;

  // Sends a record within the current transaction.
  virtual void emit(OutputRecord record) = 0;

  // The partition's instance of a declared store.
  virtual StateStore& store(const std::string& name) = 0;
  template <typename V>
  KeyValueStore<V>& kv_store(const std::string& name) {
    return dynamic_cast<KeyValueStore<V>&>(store(name));
  }

  virtual const GlobalTableView& global_table(const std::string& name) = 0;
};

class Processor {
 public:
  virtual ~Processor() = default;
  // Called once after the partition's stores are restored.
  virtual void init(ProcessorContext& /*context*/) {}
  // One input record. Throw DeserializationError/ValidationError/any exception for a poison
  // record (it is dead-lettered), TransientError to have it retried.
  virtual void process(const InputRecord& record, ProcessorContext& context) = 0;
  // Stream-time punctuation: stream time crossed a multiple of the stage's interval.
  virtual void punctuate_stream_time(int64_t /*stream_time_ms*/, ProcessorContext& /*context*/) {}
  // Wall-clock punctuation, at the stage's wall-clock interval.
  virtual void punctuate_wall_clock(int64_t /*now_ms*/, ProcessorContext& /*context*/) {}
};

}  // namespace sharpline::runtime::stream
