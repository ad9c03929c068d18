// The datasets that training, backtests and replays read out of the box, by name, from the
// shared data folder (../shared/data or --data-dir): which files make each one, which leagues and
// seasons to keep, and the records of all of them in one HistoryBatch. Names and contents:
// docs/backtests.md.
//
//   football-data  football_data/<Div>_<YYZZ>*.csv.gz: 1X2 (h2h_3way) and over/under 2.5
//                  (totals) with pre-closing and closing prices of every book in the files
//   nflverse       nflverse/games_1999_2025.csv.gz: moneylines, spreads and totals at close,
//                  observed weather
//   nfl-snapshots  odds_api_v4/nfl_2025_season_snapshots_hourly.jsonl.gz: every book's
//                  moneylines, spreads and totals at each hourly poll of the 2025 season, with
//                  events, results and observed weather from the nflverse games file
//   sbro           sbro/<league>_odds_<year>*.csv.gz (mlb, nba, nfl, nhl): opening and closing
//                  lines; MLB games get Retrosheet's observed weather (retrosheet/*gameinfo*)
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/history/history_batch.hpp"

namespace sharpline::adapters::history {

// A name, league or season range that selects nothing, or a missing data file.
class DatasetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DatasetSpec {
  std::string name;                  // football-data, nflverse, nfl-snapshots, sbro
  std::filesystem::path data_dir;    // the shared data folder (holds README.md, football_data/...)
  std::vector<std::string> leagues;  // football-data divisions (E0, D1...), sbro leagues (mlb,
                                     // nba, nfl, nhl); empty: all
  std::optional<int> first_season;   // Event.season bounds, inclusive
  std::optional<int> last_season;
  // Aggregates in the files (market_max, market_avg, betbrain_max, betbrain_avg) are not books
  // one can bet at, and de-vigging a column of maxima is meaningless: dropped unless kept here.
  bool keep_aggregate_prices = false;
};

struct Dataset {
  HistoryBatch batch;  // events, quotes, results and weather of the kept events, in file order
  std::vector<std::filesystem::path> files;  // the files read, in reading order
};

std::vector<std::string_view> dataset_names();
// True for the files' aggregate "books" (market_max, market_avg, betbrain_max, betbrain_avg).
bool is_aggregate_book(std::string_view bookmaker);

// Throws DatasetError for an unknown name or league, a missing file or an empty selection;
// HistoryFileError for a file that cannot be read.
Dataset load_dataset(const DatasetSpec& spec);

}  // namespace sharpline::adapters::history
