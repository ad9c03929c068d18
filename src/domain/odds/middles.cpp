#include "domain/odds/middles.hpp"

#include <cmath>

#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::domain::odds {
namespace {

void require_line(double line) {
  if (!std::isfinite(line)) throw_invalid("line must be a finite number", line);
}

Middle build(double low, double high, const MiddleLeg& first, const MiddleLeg& second) {
  require_decimal_odds(first.decimal_odds, 0);
  require_decimal_odds(second.decimal_odds, 1);
  Middle middle;
  middle.low = low;
  middle.high = high;
  middle.width = high - low;
  middle.is_middle = middle.width > 0.0;
  if (middle.is_middle) {
    // Whole numbers n with low < n < high.
    middle.integer_outcomes = static_cast<long long>(std::ceil(high) - std::floor(low)) - 1;
  }
  const double d1 = first.decimal_odds;
  const double d2 = second.decimal_odds;
  middle.stake1 = d2 / (d1 + d2);
  middle.stake2 = d1 / (d1 + d2);
  const double payout = d1 * d2 / (d1 + d2);
  middle.profit_one_side = payout - 1.0;
  middle.profit_both = 2.0 * payout - 1.0;
  middle.breakeven_probability = payout >= 1.0 ? 0.0 : (1.0 - payout) / payout;
  return middle;
}

}  // namespace

Middle spread_middle(const MiddleLeg& team1, const MiddleLeg& team2) {
  require_line(team1.line);
  require_line(team2.line);
  return build(-team1.line, team2.line, team1, team2);
}

Middle total_middle(const MiddleLeg& over, const MiddleLeg& under) {
  require_line(over.line);
  require_line(under.line);
  return build(over.line, under.line, over, under);
}

}  // namespace sharpline::domain::odds
