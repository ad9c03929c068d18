// How a bet on one outcome settles against a final score.
//
//   h2h        the named team wins: WIN; loses: LOSE; a draw (tie): VOID in a two-way market
//              (stakes returned, as US books grade NFL ties), LOSE for both teams and WIN for
//              "Draw" in h2h_3way
//   spreads    margin = team score - opponent score + point: > 0 WIN, = 0 PUSH, < 0 LOSE
//   totals     Over: total - point > 0 WIN, = 0 PUSH, < 0 LOSE; Under mirrored
//   quarter lines (x.25, x.75) are two half bets at the neighbouring half and whole lines:
//              WIN + PUSH = HALF_WIN, LOSE + PUSH = HALF_LOSE
// Profit per unit staked: WIN price - 1, LOSE -1, PUSH/VOID 0, HALF_WIN (price - 1) / 2,
// HALF_LOSE -1/2.
#pragma once

#include <optional>
#include <string>

#include "domain/records/pipeline_records.hpp"

namespace sharpline::domain::grading {

struct FinalScore {
  std::string home_team;  // canonical names, as outcomes name them
  std::string away_team;
  int home_score = 0;
  int away_score = 0;
};

// nullopt when the outcome names neither team (nor Over/Under/Draw): the bet cannot be graded.
std::optional<LegResult> settle(const std::string& market, const std::string& outcome,
                                const std::optional<double>& point, const FinalScore& score);

double profit_per_unit(LegResult result, double price);

}  // namespace sharpline::domain::grading
