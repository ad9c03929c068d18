// Grades of opportunities and predictions once the final score is known, with closing-line
// value, and the running totals per strategy.
//
// An opportunity is graded as taken when it OPENED (its first record: the price an alert
// subscriber could act on), with the stakes of that record. Closing line: the last pre-kickoff
// consensus of the market (the features stage's vector) and the same book's last pre-kickoff
// price at the same line. CLV = price * closing fair probability - 1.
// A prediction is graded per line group of its market: the probability it gave the outcome
// that won (probability_of_result), the Brier score sum_i (p_i - y_i)^2 and the log loss
// -ln p(winner), averaged over the groups that had a winner (pushes and voids are skipped).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/grading/settlement.hpp"
#include "domain/market/market_state.hpp"
#include "domain/records/pipeline_records.hpp"

namespace sharpline::domain::grading {

struct ClosingLine {
  std::vector<OutcomeView> consensus;     // last pre-kickoff vector of the market
  std::vector<market::BookPrice> prices;  // last pre-kickoff price per book and line
};

Grade grade_opportunity(const Opportunity& taken, const FinalScore& score,
                        const ClosingLine* closing, int64_t graded_ms);

// nullopt when no line group of the prediction could be graded (all pushes, unknown names).
std::optional<Grade> grade_prediction(const Prediction& prediction, const FinalScore& score,
                                      int64_t graded_ms);

// "value:A", "arbitrage:C"; predictions: "prediction:<model>:<role>".
std::string strategy_of(const Opportunity& opportunity);

struct StrategyTotals {
  int64_t bets = 0;
  double stake = 0.0;
  double profit = 0.0;
  double clv_sum = 0.0;
  int64_t clv_count = 0;
  int64_t beat_close = 0;  // legs with CLV > 0

  void add(const Grade& grade);
  double roi() const { return stake > 0.0 ? profit / stake : 0.0; }
  double mean_clv() const { return clv_count > 0 ? clv_sum / static_cast<double>(clv_count) : 0.0; }
  double beat_close_share() const {
    return clv_count > 0 ? static_cast<double>(beat_close) / static_cast<double>(clv_count) : 0.0;
  }
  bool operator==(const StrategyTotals&) const = default;
};

}  // namespace sharpline::domain::grading
