#pragma once

// Sportsbookreviewsonline archive files (`<league>_odds_<YYYY>[-YY]*.csv[.gz]`, two rows per
// game: visitor then home) as events, results and open/close lines. Conventions:
// docs/history.md.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/history/history_batch.hpp"

namespace sharpline::adapters::history {

inline constexpr std::string_view kSbroSource = "sbro";
inline constexpr std::string_view kSbroBookmaker = "sbro";
// Opening lines carry no timestamp; stamped this long before commence_ms.
inline constexpr int64_t kSbroOpeningLeadMs = 48LL * 3600 * 1000;
// Spreads and totals of NBA/NFL files have no price; the archive's lines are at standard -110.
inline constexpr double kSbroAssumedLinePrice = 1.0 + 100.0 / 110.0;

// A cell of the NBA/NFL Open/Close columns: a number, 0 for pick'em (`pk`), nullopt for `NL`,
// `-`, `x` or blank.
std::optional<double> sbro_line_value(std::string_view cell);

// Throws HistoryFileError if the file cannot be read or its name does not give league and year.
HistoryBatch load_sbro_file(const std::filesystem::path& path);
// The same from the (decompressed) text of a file; `name` is the file name, which gives league
// and year. Throws HistoryFileError if the text has no header or the name does not match.
HistoryBatch load_sbro_text(std::string_view text, std::string name);

}  // namespace sharpline::adapters::history
