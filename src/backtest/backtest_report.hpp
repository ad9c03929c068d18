// The figures of a backtest, from what the grading stage graded: bets and bankroll (stakes are
// fractions of the bankroll when the bet was taken, so the bankroll compounds), ROI with a
// bootstrap interval, closing-line value, drawdown, and the log loss, Brier score and
// calibration of the model and of the market's opening and closing consensus on the same games.
// The JSON is a pure function of the inputs (fixed-seed bootstrap, sorted keys, no clock), so the
// same dataset and strategy give a byte-identical report. Field reference: docs/backtests.md.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "backtest/bettor.hpp"
#include "backtest/strategy.hpp"
#include "domain/records/pipeline_records.hpp"
#include "domain/records/records.hpp"

namespace sharpline::backtest {

struct DatasetSummary {
  std::string name;
  std::vector<std::string> leagues;
  std::optional<int> first_season;
  std::optional<int> last_season;
  std::size_t events = 0;
  std::size_t quotes = 0;
  std::size_t results = 0;
  std::size_t weather = 0;
};

class BacktestLedger {
 public:
  BacktestLedger(const Strategy& strategy, const std::vector<domain::Event>& events,
                 const std::vector<domain::GameResult>& results);

  // A bet taken at its decision time: remembers the bankroll it is a fraction of, the bankroll
  // after the grades known by then (a bet decided late never sizes on later results).
  void placed(const TakenBet& bet);
  // The probabilities a game is scored on (ids -> which source they are).
  void scored(const ScoredGame& game);
  // A grade from the grading stage (bets and predictions), in grading order.
  void graded(const domain::Grade& grade);

  double bankroll() const { return bankroll_; }
  std::size_t bets_placed() const { return placed_.size(); }

  nlohmann::json report(const DatasetSummary& dataset, std::size_t dead_letters) const;

 private:
  struct Placement {
    std::string event_id;
    std::string kind;
    double bankroll = 0.0;
  };
  struct SettledBet {
    std::string event_id;
    std::string kind;
    int season = 0;
    int64_t graded_ms = 0;
    double staked = 0.0;
    double profit = 0.0;
    std::vector<double> clv;  // per leg with a closing line
  };
  struct CurvePoint {
    int64_t t_ms = 0;
    double bankroll = 0.0;
    double drawdown = 0.0;
  };
  enum class Source { kModel, kOpen, kClose };
  struct GameScores {
    std::string event_id;
    std::string market;
    domain::Prediction market_close;
    std::optional<domain::Prediction> model;
    std::map<Source, double> log_loss;
    std::map<Source, double> brier;
    bool expects_model = false;
  };

  int season_of(const std::string& event_id) const;
  double bankroll_at(int64_t ms) const;
  nlohmann::json calibration_json(const std::vector<const GameScores*>& games) const;

  Strategy strategy_;
  std::map<std::string, int> season_;                  // event id -> season
  std::map<std::string, domain::Event> events_;        // by event id
  std::map<std::string, domain::GameResult> results_;  // by event id
  std::map<std::string, Placement> placed_;            // opportunity id -> placement
  std::map<std::string, std::pair<std::string, Source>> prediction_source_;  // id -> game, source
  std::map<std::string, GameScores> games_;                                  // event id -> scores
  std::vector<SettledBet> settled_;
  std::vector<CurvePoint> curve_;
  double bankroll_ = 0.0;
  double peak_ = 0.0;
};

}  // namespace sharpline::backtest
