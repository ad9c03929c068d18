#pragma once

// FiveThirtyEight's game-file layout (nfl_elo.csv, nba_elo.csv, ...): a header row naming at
// least date, season, neutral, playoff, team1, team2, score1, score2; other columns are ignored.
// team1 is the home team unless neutral is 1. Empty scores mean the game has not been played.
// Also the `team,elo` starting-ratings file, and the rating rows written back out.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/ratings/game.hpp"

namespace sharpline::adapters::files {

struct GameRow {
  std::string date;
  std::string playoff;  // passed through as given ("", "0", "w", "d", ...)
  domain::ratings::Game game;
  std::size_t line = 0;  // 1-based line in the source, for messages
};

// Throws CsvError "<source>:<line>: <what>" for a missing column or a malformed value.
std::vector<GameRow> read_fivethirtyeight_games(std::istream& in, std::string_view source);

// `team,elo` rows (header required). Throws CsvError like the reader above.
std::vector<std::pair<std::string, double>> read_initial_ratings(std::istream& in,
                                                                 std::string_view source);

inline constexpr std::string_view kRatingColumns =
    "date,season,team1,team2,elo1_pre,elo2_pre,elo_prob1,elo1_post,elo2_post";

// One output row in kRatingColumns order; numbers in their shortest round-trip form.
void write_rating_row(std::ostream& out, const GameRow& row,
                      const domain::ratings::GameRating& rating);

}  // namespace sharpline::adapters::files
