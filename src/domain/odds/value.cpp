#include "domain/odds/value.hpp"

#include <string>

#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::domain::odds {

double expected_value(double decimal_odds, double fair_probability) {
  require_decimal_odds(decimal_odds);
  require_probability(fair_probability);
  return fair_probability * decimal_odds - 1.0;
}

double closing_line_value(double taken_decimal_odds, double closing_fair_probability) {
  require_decimal_odds(taken_decimal_odds);
  if (!(closing_fair_probability > 0.0 && closing_fair_probability <= 1.0)) {
    throw_invalid("closing fair probability must be in (0, 1]", closing_fair_probability);
  }
  return taken_decimal_odds * closing_fair_probability - 1.0;
}

ClosingLineValue closing_line_value(double taken_decimal_odds,
                                    std::span<const double> closing_market_odds,
                                    std::size_t outcome, DevigMethod method) {
  require_decimal_odds(taken_decimal_odds);
  if (outcome >= closing_market_odds.size()) {
    throw InvalidInput("outcome index " + std::to_string(outcome) + " is outside a market of " +
                       std::to_string(closing_market_odds.size()) + " outcomes");
  }
  const DevigResult fair = devig(method, closing_market_odds);
  ClosingLineValue result;
  result.method = method;
  result.valid = fair.valid;
  result.reason = fair.reason;
  result.closing_fair_probability = fair.probabilities[outcome];
  result.closing_fair_odds = 1.0 / result.closing_fair_probability;
  result.clv = taken_decimal_odds * result.closing_fair_probability - 1.0;
  return result;
}

}  // namespace sharpline::domain::odds
