#pragma once

// football-data.co.uk result/odds files (`<Div>_<YYZZ>.csv[.gz]`, one row per match) as events,
// final results and 1X2 / over-under 2.5 quotes. Conventions: docs/history.md.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/history/history_batch.hpp"

namespace sharpline::adapters::history {

inline constexpr std::string_view kFootballDataSource = "football-data";
// Pre-closing prices carry no timestamp in the files; they are stamped this long before kickoff.
inline constexpr int64_t kFootballDataOpeningLeadMs = 48LL * 3600 * 1000;

struct FootballDivision {
  std::string sport;   // The Odds API sport key, e.g. soccer_epl
  std::string league;  // e.g. Premier League
};

// E0, E1, D1, I1, SP1, F1; nullopt for other division codes.
std::optional<FootballDivision> football_division(std::string_view div);

// One file. Throws HistoryFileError only if the file cannot be read.
HistoryBatch load_football_data_file(const std::filesystem::path& path);
// The same from the (decompressed) text of a file; `name` is the file name used in messages.
// Throws HistoryFileError only if the text has no header.
HistoryBatch load_football_data_text(std::string_view text, std::string name);
// Every `*.csv` / `*.csv.gz` file in `dir`, in file-name order.
HistoryBatch load_football_data_dir(const std::filesystem::path& dir);

}  // namespace sharpline::adapters::history
