// State stores: in-memory, partition-local, backed by a compacted changelog topic.
//
// Writes go to memory at once and are remembered in two ways until the transaction commits:
// a dirty set (what to write to the changelog, last write per key wins, like Kafka Streams'
// record cache) and an undo log (the value before the transaction's first write to a key), so an
// aborted transaction rolls the store back to exactly the committed state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sharpline::runtime::stream {

// A store reached its entry bound: the record that caused it is dead-lettered, nothing is
// evicted silently.
class StoreFullError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Receives one changelog record: key and value bytes, or nullopt for a tombstone.
using ChangelogSink =
    std::function<void(std::string_view key, std::optional<std::string_view> value)>;

class StateStore {
 public:
  StateStore(std::string name, int32_t partition) : name_(std::move(name)), partition_(partition) {}
  virtual ~StateStore() = default;
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  const std::string& name() const { return name_; }
  int32_t partition() const { return partition_; }

  // Writes every key changed since the last flush (current value or tombstone) to sink.
  virtual void flush_changelog(const ChangelogSink& sink) = 0;
  // The transaction committed: forget the undo log.
  virtual void commit() = 0;
  // The transaction aborted: undo every write since the last commit.
  virtual void rollback() = 0;
  // Record-level savepoint: a record that fails mid-way leaves no partial writes behind.
  virtual void begin_record() = 0;
  virtual void undo_record() = 0;
  // Applies one changelog record during restore (no dirty or undo tracking).
  virtual void restore(std::string_view key, std::optional<std::string_view> value) = 0;
  // Every entry in changelog encoding, for local snapshots.
  virtual void for_each_encoded(
      const std::function<void(std::string_view key, std::string_view value)>& visit) const = 0;
  virtual std::size_t size() const = 0;
  // Estimated resident bytes (keys, values, container nodes); see docs/runtime.md.
  virtual std::size_t approximate_bytes() const = 0;
  virtual void clear() = 0;

 private:
  std::string name_;
  int32_t partition_;
};

}  // namespace sharpline::runtime::stream
