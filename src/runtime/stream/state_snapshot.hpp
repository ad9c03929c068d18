// Local snapshots of a store partition: its entries plus the changelog offset they reflect.
// Written after a clean commit (revocation, shutdown); on the next assignment the store loads
// the snapshot and replays the changelog only from that offset. The file is deleted once
// loaded, so a crash later can never resurrect state older than the changelog says (the same
// rule Kafka Streams applies to its checkpoint files under exactly-once).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/stream/state_store.hpp"

namespace sharpline::runtime::stream {

std::string snapshot_path(const std::string& state_dir, const std::string& application_id,
                          const std::string& store, int32_t partition);

// Writes atomically (temporary file + rename). Throws std::runtime_error on I/O failure.
void write_snapshot(const std::string& path, const StateStore& store, int64_t changelog_offset);

// Loads a snapshot into the (empty) store and deletes the file; returns the changelog offset to
// resume from, or nullopt when there is no usable snapshot (missing, truncated or corrupt: the
// store is left empty and restore starts from the beginning).
std::optional<int64_t> load_snapshot(const std::string& path, StateStore& store);

}  // namespace sharpline::runtime::stream
