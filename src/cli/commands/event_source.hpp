#pragma once

// Where collectors that work per event (weather) learn which events exist: a file, or the
// events topic on the bus. Events are returned with the canonical ids the odds collector gives
// them, so weather lands on the same key as the odds.

#include <filesystem>
#include <vector>

#include "adapters/entities/entity_resolver.hpp"
#include "domain/records/records.hpp"

namespace sharpline::cli {

class BusContext;

// A The Odds API file (snapshot JSON lines or one response; only the events are used) or JSON
// lines of Event records in the schema's JSON form. The last version of each event id wins.
// Throws std::runtime_error naming the file and line for unreadable input.
std::vector<domain::Event> load_events_file(const std::filesystem::path& path,
                                            const adapters::entities::EntityResolver& resolver);

// Every event on sharpline.events.v1, read from the beginning until the topic has been idle for
// `idle_ms`; the last version of each event id wins.
std::vector<domain::Event> load_events_from_bus(BusContext& context, int idle_ms = 1500);

}  // namespace sharpline::cli
