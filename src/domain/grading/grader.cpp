#include "domain/grading/grader.hpp"

#include <cmath>
#include <map>

#include "domain/market/line_groups.hpp"

namespace sharpline::domain::grading {

Grade grade_opportunity(const Opportunity& taken, const FinalScore& score,
                        const ClosingLine* closing, int64_t graded_ms) {
  Grade grade;
  grade.opportunity_id = taken.opportunity_id;
  grade.event_id = taken.event_id;
  grade.sport = taken.sport;
  grade.market = taken.market;
  grade.kind = taken.kind;
  grade.prediction_id = taken.prediction_id;
  grade.graded_ms = graded_ms;
  grade.home_score = score.home_score;
  grade.away_score = score.away_score;
  grade.strategy = strategy_of(taken);
  for (const auto& leg : taken.legs) {
    GradedLeg graded;
    graded.bookmaker = leg.bookmaker;
    graded.outcome = leg.outcome;
    graded.point = leg.point;
    graded.price = leg.price;
    graded.stake = leg.stake;
    graded.result = settle(taken.market, leg.outcome, leg.point, score).value_or(LegResult::kVoid);
    graded.profit = leg.stake * profit_per_unit(graded.result, leg.price);
    if (closing != nullptr) {
      for (const auto& price : closing->prices) {
        if (price.book == leg.bookmaker && price.outcome == leg.outcome &&
            price.point == leg.point) {
          graded.closing_price = price.price;
        }
      }
      for (const auto& outcome : closing->consensus) {
        if (outcome.outcome == leg.outcome && outcome.point == leg.point) {
          graded.closing_fair_probability = outcome.consensus_probability;
          graded.clv = leg.price * outcome.consensus_probability - 1.0;
        }
      }
    }
    grade.total_profit += graded.profit;
    grade.legs.push_back(std::move(graded));
  }
  return grade;
}

std::optional<Grade> grade_prediction(const Prediction& prediction, const FinalScore& score,
                                      int64_t graded_ms) {
  double probability_sum = 0.0;
  double brier_sum = 0.0;
  double log_loss_sum = 0.0;
  int groups_graded = 0;
  for (const auto& group : market::group_lines_of(prediction.outcomes)) {
    if (group.size() < 2) continue;
    std::optional<std::size_t> winner;
    bool gradable = true;
    for (const std::size_t i : group) {
      const auto& o = prediction.outcomes[i];
      const auto result = settle(prediction.market, o.outcome, o.point, score);
      if (!result || (*result != LegResult::kWin && *result != LegResult::kLose)) {
        gradable = false;
        break;
      }
      if (*result == LegResult::kWin) winner = i;
    }
    if (!gradable || !winner) continue;
    for (const std::size_t i : group) {
      const double y = i == *winner ? 1.0 : 0.0;
      const double p = prediction.outcomes[i].probability;
      brier_sum += (p - y) * (p - y);
    }
    const double p_win = std::max(prediction.outcomes[*winner].probability, 1e-15);
    probability_sum += p_win;
    log_loss_sum += -std::log(p_win);
    ++groups_graded;
  }
  if (groups_graded == 0) return std::nullopt;
  Grade grade;
  grade.opportunity_id = prediction.prediction_id;
  grade.event_id = prediction.event_id;
  grade.sport = prediction.sport;
  grade.market = prediction.market;
  grade.kind = "prediction";
  grade.prediction_id = prediction.prediction_id;
  grade.graded_ms = graded_ms;
  grade.home_score = score.home_score;
  grade.away_score = score.away_score;
  grade.strategy =
      "prediction:" + prediction.model_name + ":" + std::string(model_role_key(prediction.role));
  const double n = groups_graded;
  grade.probability_of_result = probability_sum / n;
  grade.brier = brier_sum / n;
  grade.log_loss = log_loss_sum / n;
  return grade;
}

std::string strategy_of(const Opportunity& opportunity) {
  return opportunity.kind + ":" + opportunity.tier.value_or("-");
}

void StrategyTotals::add(const Grade& grade) {
  if (grade.kind == "prediction") return;
  ++bets;
  for (const auto& leg : grade.legs) {
    stake += leg.stake;
    profit += leg.profit;
    if (leg.clv) {
      clv_sum += *leg.clv;
      ++clv_count;
      if (*leg.clv > 0.0) ++beat_close;
    }
  }
}

}  // namespace sharpline::domain::grading
