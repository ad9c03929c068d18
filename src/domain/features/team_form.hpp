// Team ratings and rest, as of a moment, from final results: the "form" features shared by the
// features stage (fed from the results global table) and model training (fed from history), so
// a model sees in training exactly what it is given live.
//
// Games are applied in kickoff order with the sport's Elo preset (NFL: FiveThirtyEight's). A
// game counts for a query at time t only if its result was known by t (result_ms <= t), so a
// replay never leaks a score into a feature computed before the final whistle. Results may be
// added in any order; one that lands before games already applied makes the engine replay from
// the start on the next query (rare: results arrive in kickoff order). A query for which a game
// already applied no longer counts (an earlier as_of or kickoff) also rebuilds; later results
// that count are applied on a copy when an earlier game's result is still pending. Not thread-safe:
// one TeamForm per stage task.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/ratings/elo_engine.hpp"

namespace sharpline::domain::features {

struct FinalScore {
  std::string event_id;  // canonical id; teams are its slugs
  std::string home;      // team slug (or any stable team key)
  std::string away;
  int64_t commence_ms = 0;
  int64_t result_ms = 0;  // when the final score was known
  int home_score = 0;
  int away_score = 0;
  int season = 0;
  bool neutral = false;

  bool operator==(const FinalScore&) const = default;
};

struct TeamFormView {
  double home_elo = 0.0;
  double away_elo = 0.0;
  double elo_diff = 0.0;       // home - away + home advantage (0 at a neutral site)
  double elo_prob_home = 0.5;  // Elo win probability of the home team
  // Days since each team's previous counted game (kickoff to kickoff, rounded to whole days);
  // `default_rest_days` when the team has no earlier counted game, or when that game was in an
  // earlier season (season opener after the summer).
  double rest_days_home = 0.0;
  double rest_days_away = 0.0;
  int games_home = 0;  // games counted for each team (0: rating is the initial one)
  int games_away = 0;
};

class TeamForm {
 public:
  explicit TeamForm(ratings::EloModel model, double default_rest_days = 10.0);

  // Adds or replaces (same event id) a final score. Returns false if it was already known with
  // the same content.
  bool add(const FinalScore& score);

  // Form of `home` vs `away` for a game kicking off at commence_ms, using results known by
  // as_of_ms (and kicking off before commence_ms).
  TeamFormView as_of(const std::string& home, const std::string& away, int64_t commence_ms,
                     int season, bool neutral, int64_t as_of_ms);

  std::size_t size() const { return scores_.size(); }

 private:
  using Key = std::pair<int64_t, std::string>;  // (commence, event id): application order
  struct TeamState {
    int64_t last_kickoff = 0;
    int last_season = 0;
    int games = 0;
  };
  // Engine state after applying a list of games in key order.
  struct State {
    explicit State(const ratings::EloModel& model) : engine(model) {}
    ratings::EloEngine engine;
    std::map<std::string, TeamState> teams;
  };

  // Resets the committed state and re-applies every game that counts for the query.
  void rebuild_to(int64_t as_of_ms, int64_t before_commence_ms);
  // Extends the committed prefix with the next games in key order while they count.
  void advance(int64_t as_of_ms, int64_t before_commence_ms);
  static void apply(State& state, const FinalScore& score);
  TeamFormView view(const State& state, const std::string& home, const std::string& away,
                    int64_t commence_ms, int season, bool neutral) const;

  ratings::EloModel model_;
  double default_rest_days_;
  std::map<std::string, FinalScore> scores_;  // by event id
  std::map<Key, const FinalScore*> order_;    // every score, in application order
  // The committed state: a prefix of order_ (applied_, in key order) and the engine after it.
  std::vector<const FinalScore*> applied_;
  std::optional<State> state_;
  int64_t applied_max_result_ms_ = 0;
  bool dirty_ = true;  // a score landed at or before the end of the prefix: rebuild
};

}  // namespace sharpline::domain::features
