// A season of recorded The Odds API polls (snapshot JSONL, one poll per line) as history: the
// quotes the live odds collector would have published, with the season's events, results and
// observed weather from the nflverse games file. It gives backtests real multi-book prices at
// poll time, which nflverse's single consensus closing line cannot.
//
// Quotes go through the collector's own path: parse_odds_response (American prices, canonical
// event ids, resolved team and book names) and the QuoteTracker, so a backtest sees the records
// `sharpline run` puts on the odds topic: NEW and CHANGED quotes at poll time, REMOVED when a
// book pulls a line; an unchanged repeat is no record (the features stage would ignore it).
// nflverse's consensus closing lines are dropped (the odds come from the snapshots), and only
// the games the snapshots quote are kept.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>

#include "adapters/history/history_batch.hpp"

namespace sharpline::adapters::history {

struct OddsApiSnapshotOptions {
  int season = 2025;                     // nflverse season of the events kept
  std::optional<std::size_t> max_polls;  // read only the first N polls (tests, quick runs)
};

struct OddsApiSnapshotHistory {
  HistoryBatch batch;
  std::size_t polls = 0;             // snapshot lines read
  std::size_t quote_items = 0;       // outcome items in those polls, accepted or not
  std::size_t rejected_items = 0;    // items the parser rejected (unknown team or book...)
  std::size_t unmatched_quotes = 0;  // accepted quotes of games nflverse does not have
};

// Throws sources::SnapshotError for an unreadable or malformed snapshot file, HistoryFileError
// for an unreadable games file.
OddsApiSnapshotHistory load_odds_api_snapshots(const std::filesystem::path& snapshots,
                                               const std::filesystem::path& nflverse_games,
                                               const OddsApiSnapshotOptions& options = {});

}  // namespace sharpline::adapters::history
