// Elo ratings over a stream of games, processed in the order given. A team's rating is created
// at its first game (the model's initial rating unless set_rating gave one) and carried over
// between seasons (keep * rating + (1 - keep) * mean) the first time it plays in a new season.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/ratings/elo_model.hpp"
#include "domain/ratings/game.hpp"

namespace sharpline::domain::ratings {

class EloEngine {
 public:
  explicit EloEngine(EloModel model);

  // Starting rating of a team that has not played yet (no carry-over before its first game).
  void set_rating(std::string_view team, double rating);

  // Forecasts the game and, if it was played, updates both teams.
  GameRating process(const Game& game);

  std::optional<double> rating(std::string_view team) const;
  // Every team's current rating, sorted by name.
  std::vector<std::pair<std::string, double>> ratings() const;
  const EloModel& model() const { return model_; }

 private:
  struct TeamState {
    double rating = 0.0;
    std::optional<long long> season;
  };
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const {
      return std::hash<std::string_view>{}(name);
    }
  };

  TeamState& team(std::string_view name, long long season);
  double margin_multiplier(const Game& game, double rating_diff, double result1) const;

  EloModel model_;
  std::unordered_map<std::string, TeamState, NameHash, std::equal_to<>> teams_;
};

}  // namespace sharpline::domain::ratings
