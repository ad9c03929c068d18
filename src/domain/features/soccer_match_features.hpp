// The feature set of soccer 1X2 (market h2h_3way: home, draw, away) models, in model input
// order. The live features stage builds vectors with this one function, and a training set must
// too, so names, order, units and imputation cannot drift apart. Every value is finite.
//
// Unlike nfl_moneyline_features, the market features (line move, time to kickoff, books, best
// booksum) are part of the model set: a 1X2 model has no older feature set to stay compatible
// with. No weather: there is no soccer weather feed. The draw gets its own consensus column
// because the draw price carries information the home/away pair does not (how open the match
// is expected to be); the three consensus columns sum to 1 and the model may use any two.
#pragma once

#include <array>
#include <string_view>

#include "domain/features/team_form.hpp"

namespace sharpline::domain::features {

inline constexpr std::array<std::string_view, 11> kSoccer1x2FeatureNames = {
    "consensus_prob_home",  // de-vigged market probabilities of the three outcomes
    "consensus_prob_draw",
    "consensus_prob_away",
    "elo_prob_home",   // Elo expected score of the home team (a draw counts half)
    "elo_diff",        // home - away Elo + home advantage, rating points
    "rest_days_home",  // days since the home team's previous game
    "rest_days_away",
    "line_move_home",    // consensus - opening probability of the home team
    "hours_to_kickoff",  // (commence - as_of) in hours, at least 0
    "books",             // distinct books quoting the market
    "best_booksum",      // 1/best home + 1/best draw + 1/best away (< 1: an arbitrage)
};

struct Soccer1x2Inputs {
  double consensus_prob_home = 1.0 / 3.0;
  double consensus_prob_draw = 1.0 / 3.0;
  double consensus_prob_away = 1.0 / 3.0;
  TeamFormView form;
  double line_move_home = 0.0;
  double hours_to_kickoff = 0.0;
  double books = 0.0;
  double best_booksum = 0.0;
};

// Throws domain::InvalidInput for a consensus probability outside [0, 1] or a non-finite value.
std::array<double, kSoccer1x2FeatureNames.size()> soccer_1x2_features(
    const Soccer1x2Inputs& inputs);

}  // namespace sharpline::domain::features
