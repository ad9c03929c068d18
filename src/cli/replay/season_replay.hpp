// A season replayed onto the bus through the collectors' own code paths, in event-time order:
// the nflverse games file (through StatsCollector) merged with the recorded The Odds API polls
// (through OddsCollector, one poll per snapshot line). The caller paces it with before_step
// (e.g. waiting on ConsumerLag, since the embedded broker keeps only ~5 MB per partition) and
// stops it with stop.
//
// Order of publication:
//   1. the final results of every season before the replayed one (history for the ratings; no
//      events or weather), at their historical timestamps, in before_step(false) chunks;
//   2. the replayed season's nflverse events, weather and results (never its closing-line
//      quotes: the odds come from the snapshots), stamped and ordered as StatsCollector::history
//      stamps them (except the weather observed at kickoff, published as the kickoff forecast
//      24 h before kickoff, as the live weather collector would), merged with the snapshot
//      polls by time. At equal times history records go
//      before the poll. Results of the same timestamp are published together after one
//      before_step(true) barrier.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "adapters/entities/entity_resolver.hpp"

namespace sharpline::cli {
class BusContext;
}

namespace sharpline::cli::replay {

struct SeasonReplayOptions {
  std::filesystem::path games_file;      // nflverse games.csv(.gz)
  std::filesystem::path snapshots_file;  // The Odds API snapshot JSONL(.gz), American prices
  int season = 2025;
  // Only records with from_ms <= time < until_ms are replayed (earlier-season results are
  // published whatever the slice).
  std::optional<int64_t> from_ms;
  std::optional<int64_t> until_ms;
  // 0: as fast as before_step allows; X > 0: event time advances X times as fast as real time
  // (sleeps between steps, in slices of at most 100 ms so stop() is honoured).
  double speed = 0.0;
  // Earlier-season results are sent this many per before_step(false) call.
  std::size_t history_chunk = 256;
};

struct SeasonReplayTotals {
  std::map<std::string, std::size_t> published;  // topic -> records (dead letters excluded)
  std::size_t polls = 0;                         // snapshot polls replayed
  std::size_t deadletter = 0;                    // odds items and nflverse rows rejected
  std::size_t history_records = 0;               // nflverse records published (all seasons)
  std::size_t earlier_results = 0;               // results of seasons before the replayed one
  std::size_t results = 0;                       // results of the replayed season
  std::size_t barriers = 0;                      // before_step(true) calls
  std::optional<int64_t> first_ms;               // event time of the first replayed step
  std::optional<int64_t> last_ms;                // ... and of the last one
  bool stopped = false;                          // stop() ended the replay early
};

class SeasonReplay {
 public:
  SeasonReplay(BusContext& context, adapters::entities::EntityResolver resolver,
               SeasonReplayOptions options);

  // Replays the season. before_step(false) comes before each poll, each history record and
  // each chunk of earlier-season results; before_step(true) before each group of the season's
  // results. Every record sent so far is delivered (producers flushed) when before_step is
  // called, and at return. stop() is asked before every step; true ends the replay.
  // Throws what the readers and producers throw (unreadable files, failed deliveries).
  SeasonReplayTotals run(const std::function<void(bool barrier)>& before_step,
                         const std::function<bool()>& stop);

 private:
  BusContext& context_;
  adapters::entities::EntityResolver resolver_;
  SeasonReplayOptions options_;
};

}  // namespace sharpline::cli::replay
