#pragma once

// The odds collector's work per poll, whatever the poll came from (a recorded file or the live
// API): parse, resolve names and canonical ids, keep what changed, publish it, dead-letter what
// is invalid, and remember it all (optionally on disk, see adapters/files/collector_state_file).

#include <cstddef>
#include <filesystem>
#include <optional>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/odds_api_snapshots.hpp"
#include "adapters/sources/the_odds_api.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "domain/collect/latest_record_tracker.hpp"
#include "domain/collect/quote_tracker.hpp"
#include "domain/events/event_linker.hpp"

namespace sharpline::cli {

struct OddsTotals {
  std::size_t published = 0;  // NEW + CHANGED quotes
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t deadletter = 0;
  std::size_t events = 0;
  std::size_t polls = 0;
  std::size_t failed_polls = 0;  // live polls that brought no usable response
};

class OddsCollector {
 public:
  // With a state file the collector starts from the state saved there (if any) and save()
  // writes it back.
  OddsCollector(BusContext& context, adapters::entities::EntityResolver resolver,
                adapters::sources::OddsFormat format,
                std::optional<std::filesystem::path> state_file = std::nullopt);

  void poll(const adapters::sources::Snapshot& snapshot);
  // A poll that brought no items (the payload was not an /odds array): one dead letter with
  // error_kind "deserialization", the reason and the raw body; counted in failed_polls.
  void failed_poll(const std::string& reason, const std::string& raw_body, int64_t poll_ms);

  // Waits for every delivery, then writes the state file (if any). Call before reporting.
  void checkpoint();

  const OddsTotals& totals() const { return totals_; }
  bool restored() const { return restored_; }

 private:
  CollectPublisher publisher_;
  adapters::entities::EntityResolver resolver_;
  adapters::sources::OddsFormat format_;
  std::optional<std::filesystem::path> state_file_;
  domain::collect::QuoteTracker quotes_;
  domain::collect::EventTracker events_;
  domain::events::EventLinker linker_;
  OddsTotals totals_;
  bool restored_ = false;
};

}  // namespace sharpline::cli
