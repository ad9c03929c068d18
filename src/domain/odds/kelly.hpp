// Kelly staking. Stakes are fractions of the bankroll; probabilities are the bettor's fair
// probabilities (e.g. a de-vigged consensus), prices are decimal odds.
//
// Single bet (Kelly 1956): f = (p D - 1) / (D - 1), or 0 without an edge.
// Mutually exclusive outcomes of one market (Smoczynski & Tomkins 2010): order outcomes by
// expected revenue p_i D_i; add them while p_i D_i exceeds the reserve rate
// R = (1 - sum_S p) / (1 - sum_S 1/D); then f_i = p_i - R / D_i for the chosen set S.
// If the listed probabilities sum to less than 1, the rest is an unlisted outcome that loses
// every bet (e.g. a field not quoted).
//
// Expected log growth G = sum_i p_i ln(1 - F + f_i D_i) + (1 - sum p) ln(1 - F), F = sum f,
// reported for the stakes actually recommended (after fraction and cap).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace sharpline::domain::odds {

struct KellyOptions {
  double fraction = 1.0;  // fractional Kelly multiplier in (0, 1]
  double cap = 1.0;       // largest total stake in (0, 1]; stakes are scaled down to fit
};

// Full-Kelly stake for one bet; 0 when p D <= 1.
double kelly_fraction(double decimal_odds, double probability);

struct KellySummary {
  double total = 0.0;         // sum of the stakes
  double growth = 0.0;        // expected log growth per bet at these stakes
  double reserve_rate = 1.0;  // R of Smoczynski & Tomkins (share of wealth kept back, per unit)
  std::size_t bets = 0;       // outcomes with a positive stake
};

// Simultaneous Kelly for mutually exclusive outcomes (one outcome reduces to the single bet).
// Writes one stake per outcome into `out_stakes`; does not allocate.
KellySummary simultaneous_kelly(std::span<const double> decimal_odds,
                                std::span<const double> probabilities, const KellyOptions& options,
                                std::span<double> out_stakes);

struct KellyResult {
  std::vector<double> stakes;
  double total = 0.0;
  double growth = 0.0;
  double reserve_rate = 1.0;
};

KellyResult kelly(std::span<const double> decimal_odds, std::span<const double> probabilities,
                  const KellyOptions& options = {});

// E[ln(wealth after / wealth before)] for the given stakes; -inf if a possible outcome ruins.
double expected_log_growth(std::span<const double> decimal_odds,
                           std::span<const double> probabilities, std::span<const double> stakes);

}  // namespace sharpline::domain::odds
