#pragma once

// nflverse `games.csv` (one row per NFL game, 1999-) as events, final results, consensus closing
// lines and game-time weather. Conventions: docs/history.md.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/history/history_batch.hpp"

namespace sharpline::adapters::history {

inline constexpr std::string_view kNflverseSource = "nflverse";
inline constexpr std::string_view kNflverseBookmaker = "consensus_close";

// The name a team had in a season, for display (Washington's depends on the season); nullopt for
// unknown codes. Records carry the canonical franchise name from the entity mapping instead.
std::optional<std::string> nflverse_team_name(std::string_view code, int season);

// Throws HistoryFileError only if the file cannot be read.
HistoryBatch load_nflverse_games(const std::filesystem::path& path);
// The same from the (decompressed) text of a file; `name` is the file name used in messages.
// Throws HistoryFileError only if the text has no header.
HistoryBatch load_nflverse_games_text(std::string_view text, std::string name);

}  // namespace sharpline::adapters::history
