// Elo model parameters, the presets, and the pure formulas they use. References and worked
// examples are in docs/odds-math.md ("Ratings").
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace sharpline::domain::ratings {

enum class MarginModel {
  kNone,           // every result moves ratings by K (S - E)
  kNfl538,         // ln(max(|PD|, 1) + 1) * 2.2 / (winner_elo_diff * 0.001 + 2.2); 2.2 for a tie
  kNba538,         // (|MOV| + 3)^0.8 / (7.5 + 0.006 * winner_elo_diff)
  kWorldFootball,  // 1 for a goal difference <= 1, 1.5 for 2, (11 + GD) / 8 for 3 or more
};

struct EloModel {
  std::string_view name;
  double k = 20.0;
  double home_advantage = 0.0;     // added to the home team's rating (not at neutral sites)
  double initial_rating = 1500.0;  // a team seen for the first time without a given rating
  double season_carryover = 1.0;   // share of the rating kept into a new season
  double season_mean = 1505.0;     // where the rest of the rating goes at a new season
  MarginModel margin = MarginModel::kNone;
  double draw_kappa = 0.0;  // Davidson's draw parameter; 0 means no draws forecast
};

// FiveThirtyEight's NFL Elo: K 20, home 65, new teams 1300, keep 2/3 and move 1/3 to 1505.
const EloModel& nfl538();
// FiveThirtyEight's NBA Elo: K 20, home 100, new teams 1300, keep 3/4 and move 1/4 to 1505.
const EloModel& nba538();
// Association football: K 20, home 100, World Football Elo goal-difference multiplier, Davidson
// draw model with kappa 0.7 (25.9% draws between equals), ratings carried across seasons.
const EloModel& soccer();

std::span<const EloModel> presets();
std::optional<EloModel> find_preset(std::string_view name);

// 1 / (1 + 10^(-diff / 400)).
double elo_win_probability(double rating_diff);

struct OutcomeProbabilities {
  double win = 0.0;
  double draw = 0.0;
  double loss = 0.0;
  double expected_score = 0.0;  // win + draw / 2
};

// Davidson (1970) ties on the Elo scale (the Elo-Davidson model of Szczecinski & Djebbi 2020):
// with a = 10^(diff / 800), win = a / (a + kappa + 1/a), draw = kappa / (...), loss = (1/a) /
// (...). kappa = 0 gives back the plain Elo win probability.
OutcomeProbabilities davidson_probabilities(double rating_diff, double kappa);

// winner_elo_diff: the winner's pre-game rating minus the loser's, home advantage included.
double nfl538_margin_multiplier(int point_diff, double winner_elo_diff, bool tie);
double nba538_margin_multiplier(int margin_of_victory, double winner_elo_diff);
double world_football_margin_multiplier(int goal_diff);

// keep * rating + (1 - keep) * mean.
double carry_over(double rating, double keep, double mean);

}  // namespace sharpline::domain::ratings
