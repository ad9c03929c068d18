#include "domain/features/team_form.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "domain/errors.hpp"
#include "domain/ratings/elo_model.hpp"

namespace sharpline::domain::features {
namespace {

constexpr double kMsPerDay = 86'400'000.0;

void require_score(const FinalScore& score) {
  if (score.event_id.empty()) throw InvalidInput("a final score needs an event id");
  if (score.home.empty() || score.away.empty()) {
    throw InvalidInput("final score " + score.event_id + " needs two team keys");
  }
  if (score.home == score.away) {
    throw InvalidInput("final score " + score.event_id + ": team '" + score.home +
                       "' cannot play itself");
  }
  if (score.home_score < 0 || score.away_score < 0) {
    throw InvalidInput("final score " + score.event_id + " has a negative score");
  }
}

}  // namespace

TeamForm::TeamForm(ratings::EloModel model, double default_rest_days)
    : model_(model), default_rest_days_(default_rest_days) {
  if (!std::isfinite(default_rest_days) || default_rest_days < 0.0) {
    throw_invalid("default rest days must be a finite number >= 0", default_rest_days);
  }
  state_.emplace(model_);  // validates the model
}

bool TeamForm::add(const FinalScore& score) {
  require_score(score);
  const auto touches_prefix = [this](const Key& key) {
    return !applied_.empty() && key <= Key{applied_.back()->commence_ms, applied_.back()->event_id};
  };
  Key key{score.commence_ms, score.event_id};
  if (const auto it = scores_.find(score.event_id); it != scores_.end()) {
    if (it->second == score) return false;
    Key old_key{it->second.commence_ms, it->second.event_id};
    if (touches_prefix(old_key) || touches_prefix(key)) dirty_ = true;
    order_.erase(old_key);
    it->second = score;
    order_.emplace(std::move(key), &it->second);
    return true;
  }
  if (touches_prefix(key)) dirty_ = true;
  const auto inserted = scores_.emplace(score.event_id, score).first;
  order_.emplace(std::move(key), &inserted->second);
  return true;
}

TeamFormView TeamForm::as_of(const std::string& home, const std::string& away, int64_t commence_ms,
                             int season, bool neutral, int64_t as_of_ms) {
  if (home.empty() || away.empty()) throw InvalidInput("a form query needs two team keys");
  if (home == away) throw InvalidInput("team '" + home + "' cannot play itself");

  // The committed prefix can be extended only if everything in it still counts and nothing was
  // inserted inside it; otherwise start again (a query back in time, a late correction).
  const bool extendable = state_ && !dirty_ && applied_max_result_ms_ <= as_of_ms &&
                          (applied_.empty() || applied_.back()->commence_ms < commence_ms);
  if (extendable) {
    advance(as_of_ms, commence_ms);
  } else {
    rebuild_to(as_of_ms, commence_ms);
  }

  // The prefix stops at the first game that does not count yet (its result came later than
  // as_of). Games after it that do count are applied to a copy, so the prefix stays a prefix.
  auto it = applied_.empty()
                ? order_.begin()
                : order_.upper_bound(Key{applied_.back()->commence_ms, applied_.back()->event_id});
  std::optional<State> scratch;
  for (; it != order_.end() && it->first.first < commence_ms; ++it) {
    if (it->second->result_ms > as_of_ms) continue;
    if (!scratch) scratch.emplace(*state_);
    apply(*scratch, *it->second);
  }
  return view(scratch ? *scratch : *state_, home, away, commence_ms, season, neutral);
}

void TeamForm::rebuild_to(int64_t as_of_ms, int64_t before_commence_ms) {
  state_.emplace(model_);
  applied_.clear();
  applied_max_result_ms_ = std::numeric_limits<int64_t>::min();
  dirty_ = false;
  advance(as_of_ms, before_commence_ms);
}

void TeamForm::advance(int64_t as_of_ms, int64_t before_commence_ms) {
  auto it = applied_.empty()
                ? order_.begin()
                : order_.upper_bound(Key{applied_.back()->commence_ms, applied_.back()->event_id});
  for (; it != order_.end(); ++it) {
    const FinalScore& score = *it->second;
    if (score.commence_ms >= before_commence_ms || score.result_ms > as_of_ms) break;
    apply(*state_, score);
    applied_.push_back(&score);
    applied_max_result_ms_ = std::max(applied_max_result_ms_, score.result_ms);
  }
}

void TeamForm::apply(State& state, const FinalScore& score) {
  state.engine.process(ratings::Game{score.home, score.away, score.season, score.neutral,
                                     score.home_score, score.away_score});
  for (const std::string* team : {&score.home, &score.away}) {
    TeamState& t = state.teams[*team];
    t.last_kickoff = score.commence_ms;
    t.last_season = score.season;
    ++t.games;
  }
}

TeamFormView TeamForm::view(const State& state, const std::string& home, const std::string& away,
                            int64_t commence_ms, int season, bool neutral) const {
  // Pre-game rating as EloEngine::process would compute it, without changing the engine: the
  // current rating, carried over if the team last played in another season.
  const auto pre_game = [&](const std::string& team) {
    const auto rating = state.engine.rating(team);
    if (!rating) return model_.initial_rating;
    const auto t = state.teams.find(team);
    if (t != state.teams.end() && t->second.last_season != season) {
      return ratings::carry_over(*rating, model_.season_carryover, model_.season_mean);
    }
    return *rating;
  };
  const auto rest = [&](const std::string& team) {
    const auto t = state.teams.find(team);
    if (t == state.teams.end() || t->second.last_season != season) return default_rest_days_;
    return std::round(static_cast<double>(commence_ms - t->second.last_kickoff) / kMsPerDay);
  };
  const auto games = [&](const std::string& team) {
    const auto t = state.teams.find(team);
    return t == state.teams.end() ? 0 : t->second.games;
  };

  TeamFormView out;
  out.home_elo = pre_game(home);
  out.away_elo = pre_game(away);
  out.elo_diff = out.home_elo - out.away_elo + (neutral ? 0.0 : model_.home_advantage);
  out.elo_prob_home = model_.draw_kappa > 0.0
                          ? ratings::davidson_probabilities(out.elo_diff, model_.draw_kappa).win
                          : ratings::elo_win_probability(out.elo_diff);
  out.rest_days_home = rest(home);
  out.rest_days_away = rest(away);
  out.games_home = games(home);
  out.games_away = games(away);
  return out;
}

}  // namespace sharpline::domain::features
