#include "domain/odds/formats.hpp"

#include <cmath>
#include <string>

#include "domain/errors.hpp"

namespace sharpline::domain::odds {

std::optional<std::string_view> decimal_odds_problem(double decimal) {
  if (std::isnan(decimal)) return "decimal odds must be a number";
  if (!std::isfinite(decimal)) return "decimal odds must be finite";
  if (!(decimal > 1.0)) return "decimal odds must be > 1";
  return std::nullopt;
}

std::optional<std::string_view> american_odds_problem(double american) {
  if (!std::isfinite(american)) return "American odds must be a finite number";
  if (american > -100.0 && american < 100.0) return "American odds must be <= -100 or >= +100";
  // Beyond about -1e17 the decimal price 1 + 100/|odds| rounds to exactly 1 (found by fuzzing).
  if (american < 0.0 && !(1.0 + 100.0 / -american > 1.0))
    return "American odds are so short that the decimal price rounds to 1";
  return std::nullopt;
}

std::optional<std::string_view> probability_problem(double probability) {
  if (std::isnan(probability)) return "probability must be a number";
  if (!(probability >= 0.0 && probability <= 1.0)) return "probability must be in [0, 1]";
  return std::nullopt;
}

void require_decimal_odds(double decimal, std::size_t index) {
  if (const auto problem = decimal_odds_problem(decimal)) throw_invalid(*problem, decimal, index);
}

void require_market(std::span<const double> decimal_odds, std::size_t min_outcomes) {
  if (decimal_odds.size() < min_outcomes) {
    throw InvalidInput("a market needs at least " + std::to_string(min_outcomes) +
                       (min_outcomes == 1 ? " outcome" : " outcomes") + ", got " +
                       std::to_string(decimal_odds.size()));
  }
  for (std::size_t i = 0; i < decimal_odds.size(); ++i) require_decimal_odds(decimal_odds[i], i);
}

void require_probability(double probability, std::size_t index) {
  if (const auto problem = probability_problem(probability)) {
    throw_invalid(*problem, probability, index);
  }
}

double american_to_decimal(double american) {
  if (const auto problem = american_odds_problem(american)) throw_invalid(*problem, american);
  return american > 0 ? 1.0 + american / 100.0 : 1.0 + 100.0 / -american;
}

double decimal_to_american(double decimal) {
  require_decimal_odds(decimal);
  // Even money (2.0) is conventionally +100, not -100.
  return decimal >= 2.0 ? (decimal - 1.0) * 100.0 : -100.0 / (decimal - 1.0);
}

double fractional_to_decimal(double numerator, double denominator) {
  if (!std::isfinite(numerator) || !(numerator > 0.0)) {
    throw_invalid("fractional odds numerator must be > 0", numerator);
  }
  if (!std::isfinite(denominator) || !(denominator > 0.0)) {
    throw_invalid("fractional odds denominator must be > 0", denominator);
  }
  return 1.0 + numerator / denominator;
}

double decimal_to_implied(double decimal) {
  require_decimal_odds(decimal);
  return 1.0 / decimal;
}

double implied_to_decimal(double probability) {
  if (std::isnan(probability) || !(probability > 0.0 && probability < 1.0)) {
    throw_invalid("implied probability must be in (0, 1)", probability);
  }
  return 1.0 / probability;
}

double american_to_implied(double american) {
  return 1.0 / american_to_decimal(american);
}

double booksum(std::span<const double> decimal_odds) {
  require_market(decimal_odds, 1);
  double sum = 0.0;
  for (double d : decimal_odds) sum += 1.0 / d;
  return sum;
}

double overround(std::span<const double> decimal_odds) {
  return booksum(decimal_odds) - 1.0;
}

}  // namespace sharpline::domain::odds
