#include "domain/grading/settlement.hpp"

#include <cmath>

namespace sharpline::domain::grading {
namespace {

LegResult by_sign(double margin) {
  if (margin > 0) return LegResult::kWin;
  if (margin < 0) return LegResult::kLose;
  return LegResult::kPush;
}

// margin(point) > 0 wins; a quarter line splits into two halves at point +- 0.25.
template <typename Margin>
LegResult with_quarters(double point, Margin margin) {
  const double frac = std::fabs(point - std::trunc(point));
  if (std::fabs(frac - 0.25) > 1e-9 && std::fabs(frac - 0.75) > 1e-9) return by_sign(margin(point));
  const LegResult low = by_sign(margin(point - 0.25));
  const LegResult high = by_sign(margin(point + 0.25));
  if (low == high) return low;
  const bool any_win = low == LegResult::kWin || high == LegResult::kWin;
  const bool any_lose = low == LegResult::kLose || high == LegResult::kLose;
  if (any_win && !any_lose) return LegResult::kHalfWin;
  if (any_lose && !any_win) return LegResult::kHalfLose;
  return LegResult::kPush;  // not reachable for quarter lines: halves differ by 0.5
}

}  // namespace

std::optional<LegResult> settle(const std::string& market, const std::string& outcome,
                                const std::optional<double>& point, const FinalScore& score) {
  const bool home = outcome == score.home_team;
  const bool away = outcome == score.away_team;
  const int diff = score.home_score - score.away_score;
  if (market == "h2h" || market == "h2h_3way") {
    const bool three_way = market == "h2h_3way";
    if (outcome == "Draw") {
      if (!three_way) return std::nullopt;
      return diff == 0 ? LegResult::kWin : LegResult::kLose;
    }
    if (!home && !away) return std::nullopt;
    if (diff == 0) return three_way ? LegResult::kLose : LegResult::kVoid;
    return (home == (diff > 0)) ? LegResult::kWin : LegResult::kLose;
  }
  if (!point) return std::nullopt;
  if (market == "spreads") {
    if (!home && !away) return std::nullopt;
    const int margin = home ? diff : -diff;
    return with_quarters(*point, [margin](double p) { return margin + p; });
  }
  if (market == "totals") {
    const int total = score.home_score + score.away_score;
    if (outcome == "Over") return with_quarters(*point, [total](double p) { return total - p; });
    if (outcome == "Under") return with_quarters(*point, [total](double p) { return p - total; });
    return std::nullopt;
  }
  return std::nullopt;
}

double profit_per_unit(LegResult result, double price) {
  switch (result) {
    case LegResult::kWin:
      return price - 1.0;
    case LegResult::kLose:
      return -1.0;
    case LegResult::kHalfWin:
      return (price - 1.0) / 2.0;
    case LegResult::kHalfLose:
      return -0.5;
    case LegResult::kPush:
    case LegResult::kVoid:
      return 0.0;
  }
  return 0.0;
}

}  // namespace sharpline::domain::grading
