// The CSV-free game and rating model the Elo engine works on. Readers (files, topics) build
// Games; writers take GameRatings.
#pragma once

#include <optional>
#include <string>

namespace sharpline::domain::ratings {

struct Game {
  std::string team1;  // the home team unless `neutral`
  std::string team2;
  long long season = 0;
  bool neutral = false;
  // Both set for a played game, both empty for one not yet played.
  std::optional<int> score1;
  std::optional<int> score2;

  bool played() const { return score1.has_value() && score2.has_value(); }
};

// Pre-game ratings (after any between-season carry-over), the forecast, and post-game ratings
// (equal to the pre-game ones for an unplayed game).
struct GameRating {
  double elo1_pre = 0.0;
  double elo2_pre = 0.0;
  double rating_diff = 0.0;  // elo1_pre - elo2_pre + home advantage (0 at a neutral site)
  double prob1 = 0.0;        // team 1 wins
  double prob_draw = 0.0;    // 0 unless the model has a draw model
  double prob2 = 0.0;        // team 2 wins
  double expected1 = 0.0;    // team 1's expected score, prob1 + prob_draw / 2
  double elo1_post = 0.0;
  double elo2_post = 0.0;
  bool played = false;
};

}  // namespace sharpline::domain::ratings
