// Best price per outcome across bookmakers, and the arbitrage ("sure bet") built from them.
//
// With best prices D_i, staking s_i = (1/D_i) / sum_j (1/D_j) pays the same 1 / sum_j (1/D_j)
// whatever happens, so the return on the total stake is 1 / sum_j (1/D_j) - 1. It is an
// arbitrage when that is positive, i.e. the best prices are under-round.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace sharpline::domain::odds {

// books[j][i] is book j's decimal price for outcome i; every book quotes every outcome in the
// same order.
using PriceTable = std::span<const std::vector<double>>;

struct BestPrice {
  double decimal_odds = 0.0;
  std::size_t book = 0;  // index into the table; ties go to the lowest index
};

std::vector<BestPrice> best_prices(PriceTable books);

struct ArbitrageLeg {
  std::size_t outcome = 0;
  std::size_t book = 0;
  double decimal_odds = 0.0;
  double stake = 0.0;  // share of the total stake; the legs sum to 1
};

struct Arbitrage {
  bool is_arbitrage = false;
  double booksum = 0.0;      // sum of 1/D over the best prices
  double return_rate = 0.0;  // guaranteed profit per unit staked (negative: no arbitrage)
  std::vector<ArbitrageLeg> legs;
};

// The equal-payout split over the best prices; computed (and flagged) even when it loses.
Arbitrage find_arbitrage(PriceTable books);

}  // namespace sharpline::domain::odds
