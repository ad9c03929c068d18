// Expected value and closing-line value, both as ratios per unit staked.
//
// EV of a price D given a fair probability p:        EV = p D - 1   (0.05 = +5% per unit)
// CLV of a taken price D_t against the closing line: CLV = D_t / D_close_fair - 1
//                                                        = D_t p_close - 1
// where p_close is the de-vigged closing probability of the same outcome: beating the fair
// closing price is the usual evidence of an edge, since closing lines are the sharpest estimate.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "domain/odds/devig.hpp"

namespace sharpline::domain::odds {

double expected_value(double decimal_odds, double fair_probability);

// Against an already de-vigged closing probability.
double closing_line_value(double taken_decimal_odds, double closing_fair_probability);

struct ClosingLineValue {
  double clv = 0.0;
  double closing_fair_probability = 0.0;
  double closing_fair_odds = 0.0;
  DevigMethod method = DevigMethod::kMultiplicative;
  bool valid = true;  // false when the de-vig of the closing market was unusable
  std::string reason;
};

// Against the full closing market (every outcome's closing price), de-vigged with `method`.
ClosingLineValue closing_line_value(double taken_decimal_odds,
                                    std::span<const double> closing_market_odds,
                                    std::size_t outcome, DevigMethod method);

}  // namespace sharpline::domain::odds
