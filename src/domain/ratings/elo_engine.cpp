#include "domain/ratings/elo_engine.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "domain/errors.hpp"

namespace sharpline::domain::ratings {
namespace {

void require_rating(double rating, std::string_view team) {
  if (!std::isfinite(rating)) {
    throw_invalid("rating of team '" + std::string(team) + "' must be a finite number", rating);
  }
}

void require_game(const Game& game) {
  if (game.team1.empty() || game.team2.empty()) throw InvalidInput("a game needs two team names");
  if (game.team1 == game.team2) {
    throw InvalidInput("team '" + game.team1 + "' cannot play itself");
  }
  if (game.score1.has_value() != game.score2.has_value()) {
    throw InvalidInput("game " + game.team1 + " v " + game.team2 +
                       " has one score; give both or neither");
  }
  if (game.played() && (*game.score1 < 0 || *game.score2 < 0)) {
    throw InvalidInput("game " + game.team1 + " v " + game.team2 + " has a negative score");
  }
}

}  // namespace

EloEngine::EloEngine(EloModel model) : model_(model) {
  if (!std::isfinite(model_.k) || model_.k <= 0.0) throw_invalid("Elo K must be > 0", model_.k);
  if (!(model_.season_carryover >= 0.0 && model_.season_carryover <= 1.0)) {
    throw_invalid("season carry-over must be in [0, 1]", model_.season_carryover);
  }
  if (!std::isfinite(model_.draw_kappa) || model_.draw_kappa < 0.0) {
    throw_invalid("draw parameter must be >= 0", model_.draw_kappa);
  }
  require_rating(model_.initial_rating, "<new team>");
}

void EloEngine::set_rating(std::string_view team, double rating) {
  require_rating(rating, team);
  if (team.empty()) throw InvalidInput("team name must not be empty");
  teams_.insert_or_assign(std::string(team), TeamState{rating, std::nullopt});
}

std::optional<double> EloEngine::rating(std::string_view team) const {
  const auto it = teams_.find(team);
  if (it == teams_.end()) return std::nullopt;
  return it->second.rating;
}

std::vector<std::pair<std::string, double>> EloEngine::ratings() const {
  std::vector<std::pair<std::string, double>> all;
  all.reserve(teams_.size());
  for (const auto& [name, state] : teams_) all.emplace_back(name, state.rating);
  std::sort(all.begin(), all.end());
  return all;
}

EloEngine::TeamState& EloEngine::team(std::string_view name, long long season) {
  auto it = teams_.find(name);
  if (it == teams_.end()) {
    it = teams_.emplace(std::string(name), TeamState{model_.initial_rating, std::nullopt}).first;
  }
  TeamState& state = it->second;
  if (state.season && *state.season != season) {
    state.rating = carry_over(state.rating, model_.season_carryover, model_.season_mean);
  }
  state.season = season;
  return state;
}

double EloEngine::margin_multiplier(const Game& game, double rating_diff, double result1) const {
  const int margin = *game.score1 - *game.score2;
  const bool tie = margin == 0;
  // The winner's rating edge (home advantage included); 0 for a tie.
  const double winner_diff = tie ? 0.0 : (result1 == 1.0 ? rating_diff : -rating_diff);
  switch (model_.margin) {
    case MarginModel::kNone:
      return 1.0;
    case MarginModel::kNfl538:
      return nfl538_margin_multiplier(margin, winner_diff, tie);
    case MarginModel::kNba538:
      return nba538_margin_multiplier(margin, winner_diff);
    case MarginModel::kWorldFootball:
      return world_football_margin_multiplier(margin);
  }
  return 1.0;
}

GameRating EloEngine::process(const Game& game) {
  require_game(game);
  TeamState& home = team(game.team1, game.season);
  TeamState& away = team(game.team2, game.season);

  GameRating out;
  out.elo1_pre = home.rating;
  out.elo2_pre = away.rating;
  out.rating_diff = home.rating - away.rating + (game.neutral ? 0.0 : model_.home_advantage);
  if (model_.draw_kappa > 0.0) {
    const OutcomeProbabilities p = davidson_probabilities(out.rating_diff, model_.draw_kappa);
    out.prob1 = p.win;
    out.prob_draw = p.draw;
    out.prob2 = p.loss;
    out.expected1 = p.expected_score;
  } else {
    out.prob1 = elo_win_probability(out.rating_diff);
    out.prob2 = 1.0 - out.prob1;
    out.expected1 = out.prob1;
  }

  out.played = game.played();
  if (out.played) {
    const double result1 =
        *game.score1 > *game.score2 ? 1.0 : (*game.score1 < *game.score2 ? 0.0 : 0.5);
    const double shift =
        model_.k * margin_multiplier(game, out.rating_diff, result1) * (result1 - out.expected1);
    home.rating += shift;
    away.rating -= shift;
  }
  out.elo1_post = home.rating;
  out.elo2_post = away.rating;
  return out;
}

}  // namespace sharpline::domain::ratings
