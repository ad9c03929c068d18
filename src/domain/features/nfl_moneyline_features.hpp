// The feature set of the default NFL moneyline (h2h) model, in model input order. Training and
// the live features stage both build vectors with this one function, so names, order, units and
// imputation can never drift apart. Every value is finite: missing inputs are imputed here
// (documented per feature in docs/models.md).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "domain/features/team_form.hpp"

namespace sharpline::domain::features {

inline constexpr std::array<std::string_view, 8> kNflMoneylineFeatureNames = {
    "consensus_prob_home",  // de-vigged market probability that the home team wins
    "elo_prob_home",        // Elo win probability of the home team (home advantage included)
    "elo_diff",             // home - away Elo + home advantage, rating points
    "rest_days_home",       // days since the home team's previous game
    "rest_days_away",
    "temperature_c",   // kickoff temperature; 15 when unknown or indoors
    "wind_speed_kmh",  // kickoff wind; 0 when unknown or indoors
    "indoors",         // 1 for a dome or closed roof, else 0
};

struct NflMoneylineInputs {
  double consensus_prob_home = 0.5;
  TeamFormView form;
  std::optional<double> temperature_c;
  std::optional<double> wind_speed_kmh;
  bool indoors = false;
};

std::array<double, kNflMoneylineFeatureNames.size()> nfl_moneyline_features(
    const NflMoneylineInputs& inputs);

}  // namespace sharpline::domain::features
