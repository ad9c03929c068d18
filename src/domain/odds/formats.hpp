// Odds formats and the checks every other odds function builds on.
//
// Decimal odds D are the canonical format (total payout per unit staked, D > 1). American odds
// A: A >= +100 pays A per 100 staked (D = 1 + A/100); A <= -100 must be staked to win 100
// (D = 1 + 100/|A|). Values in (-100, +100) do not exist. Fractional odds N/M pay N per M staked
// (D = 1 + N/M). The implied probability of a price is 1/D, margin included.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace sharpline::domain::odds {

inline constexpr std::size_t kNoIndex = std::string_view::npos;

// Why a value is not a valid decimal price, American price or probability; nullopt when it is.
// The same text the require_* functions throw with (before ", got <value>"), for callers such as
// the CLI that report the offending text themselves.
std::optional<std::string_view> decimal_odds_problem(double decimal);
std::optional<std::string_view> american_odds_problem(double american);
std::optional<std::string_view> probability_problem(double probability);

// Throw InvalidInput naming the value (and the outcome index when given) unless the value is a
// finite decimal price > 1.
void require_decimal_odds(double decimal, std::size_t index = kNoIndex);
// Every price valid and at least `min_outcomes` of them.
void require_market(std::span<const double> decimal_odds, std::size_t min_outcomes = 2);
// A finite probability in [0, 1].
void require_probability(double probability, std::size_t index = kNoIndex);

double american_to_decimal(double american);
double decimal_to_american(double decimal);
double fractional_to_decimal(double numerator, double denominator);

double decimal_to_implied(double decimal);
// Inverse of decimal_to_implied; the probability must be in (0, 1) so that the price is > 1.
double implied_to_decimal(double probability);
double american_to_implied(double american);

// Sum of the implied probabilities 1/D_i (1.05 for a 5% overround).
double booksum(std::span<const double> decimal_odds);
// The bookmaker margin (overround): booksum - 1. Negative for an under-round (arbitrage) book.
double overround(std::span<const double> decimal_odds);

}  // namespace sharpline::domain::odds
