// The bettor of a backtest: reads the opportunities stage's records and takes, per market, the
// opportunities of the strategy's kinds and books that are open at the strategy's decision time,
// at the prices and stakes of their state at that time. It also picks the probabilities each
// game is scored on: the market consensus at the first and at the last pre-kickoff vector, and
// the champion model's prediction at the decision time.
//
// Decision time T of a market: open -> the as_of of its first feature vector; before:L ->
// kickoff - L; close -> the last instant before kickoff. An opportunity is taken in the state of
// its newest record with as_of <= T when that record is OPEN or UPDATED; the decision is made
// when a later record of it arrives (as_of > T, e.g. CLOSED event_started) or when the event is
// settled, whichever is first. Nothing after T can change a bet.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backtest/strategy.hpp"
#include "domain/records/pipeline_records.hpp"

namespace sharpline::backtest {

inline constexpr const char* kMarketOpenModel = "market_open";
inline constexpr const char* kMarketCloseModel = "market_close";

struct TakenBet {
  domain::Opportunity record;  // as taken: state OPEN, the legs and stakes at T
  int64_t decision_ms = 0;     // T: stakes are fractions of the bankroll as it stood then
};

// The probabilities one game (event and market) is scored on.
struct ScoredGame {
  std::string event_id;
  std::string market;
  domain::Prediction market_open;           // consensus of the first vector
  domain::Prediction market_close;          // consensus of the last pre-kickoff vector
  std::optional<domain::Prediction> model;  // champion at T (model mode)
};

class Bettor {
 public:
  Bettor(Strategy strategy, std::string market, std::function<void(const TakenBet&)> take,
         std::function<void(const ScoredGame&)> score);

  void on_vector(const domain::FeatureVector& vector);
  void on_prediction(const domain::Prediction& prediction);
  void on_opportunity(const domain::Opportunity& record);
  // The event's result is about to be known at `now_ms`: decides every pending opportunity of
  // its markets and hands over the game's probabilities. Later records of it are ignored.
  void settle_event(const std::string& event_id, int64_t now_ms);
  // End of the data: settles every event still pending.
  void finish(int64_t now_ms);

  std::size_t opportunities_seen() const { return seen_; }

 private:
  struct Pending {
    std::optional<domain::Opportunity> at_decision;  // newest live record with as_of <= T
    bool decided = false;
  };
  struct Market {
    std::optional<int64_t> commence_ms;
    std::optional<int64_t> first_vector_ms;
    std::optional<domain::Prediction> open_consensus;
    std::optional<domain::Prediction> close_consensus;
    std::optional<domain::Prediction> model;
    std::map<std::string, Pending> opportunities;  // by opportunity id
    bool settled = false;
  };

  std::optional<int64_t> decision_ms(const Market& market) const;
  bool wanted(const domain::Opportunity& record) const;
  void decide(Pending& pending, std::optional<int64_t> decision_ms);
  void settle(Market& market, const std::string& event_id, int64_t now_ms);
  static domain::Prediction consensus_of(const domain::FeatureVector& vector, const char* name);

  Strategy strategy_;
  std::string market_;
  std::function<void(const TakenBet&)> take_;
  std::function<void(const ScoredGame&)> score_;
  std::map<std::string, Market> markets_;  // by event id (one market per backtest)
  std::size_t seen_ = 0;
};

}  // namespace sharpline::backtest
