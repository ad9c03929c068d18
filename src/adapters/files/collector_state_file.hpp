#pragma once

// A collector's memory on disk (`--state-file`): the quotes and events it last published and the
// canonical ids it gave the feed's events. Without it a restarted collector would republish
// every quote as NEW and could number a doubleheader's games differently.
//
// One JSON document, {"version":1,"saved_ms":...,"quotes":[...],"events":[...],"links":[...]},
// quotes and events in their schemas' JSON form (serde/record_json). Written to "<path>.tmp" and
// renamed over the old file, so a crash mid-write leaves the previous state, never half a file.
// Collectors save only after the producer confirmed every record the state covers: the state
// never runs ahead of the bus (at worst a crash repeats the changes since the last save, which
// consumers keyed by quote absorb).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <vector>

#include "domain/events/event_linker.hpp"
#include "domain/records/records.hpp"

namespace sharpline::adapters::files {

class CollectorStateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CollectorState {
  int64_t saved_ms = 0;
  std::vector<domain::OddsQuote> quotes;
  std::vector<domain::Event> events;
  std::vector<domain::events::EventLinker::Link> links;
};

// nullopt when the file does not exist; CollectorStateError (naming the file) when it exists but
// cannot be read, is not valid JSON, has another version or holds a malformed record: starting
// empty would silently republish everything, so the operator decides (delete the file).
std::optional<CollectorState> load_collector_state(const std::filesystem::path& path);

// Throws CollectorStateError when the file cannot be written.
void save_collector_state(const std::filesystem::path& path, const CollectorState& state);

}  // namespace sharpline::adapters::files
