#include "backtest/bettor.hpp"

#include <algorithm>

namespace sharpline::backtest {

Bettor::Bettor(Strategy strategy, std::string market, std::function<void(const TakenBet&)> take,
               std::function<void(const ScoredGame&)> score)
    : strategy_(std::move(strategy)),
      market_(std::move(market)),
      take_(std::move(take)),
      score_(std::move(score)) {}

domain::Prediction Bettor::consensus_of(const domain::FeatureVector& vector, const char* name) {
  domain::Prediction p;
  p.prediction_id = vector.event_id + "|" + vector.market + "|" + name;
  p.event_id = vector.event_id;
  p.sport = vector.sport;
  p.market = vector.market;
  p.as_of_ms = vector.as_of_ms;
  p.created_ms = vector.as_of_ms;
  p.model_name = name;
  p.model_version = vector.consensus_method;
  p.role = domain::ModelRole::kConsensus;
  p.commence_ms = vector.commence_ms;
  for (const auto& o : vector.outcomes) {
    p.outcomes.push_back({o.outcome, o.point, o.consensus_probability});
  }
  return p;
}

std::optional<int64_t> Bettor::decision_ms(const Market& market) const {
  switch (strategy_.timing.kind) {
    case TimingKind::kOpen:
      return market.first_vector_ms;
    case TimingKind::kBefore:
      if (!market.commence_ms) return std::nullopt;
      return *market.commence_ms - strategy_.timing.lead_ms;
    case TimingKind::kClose:
      if (!market.commence_ms) return std::nullopt;
      return *market.commence_ms - 1;
  }
  return std::nullopt;
}

void Bettor::on_vector(const domain::FeatureVector& vector) {
  if (vector.market != market_) return;
  if (vector.commence_ms && vector.as_of_ms >= *vector.commence_ms) return;  // not pre-match
  Market& market = markets_[vector.event_id];
  if (market.settled) return;
  if (vector.commence_ms) market.commence_ms = vector.commence_ms;
  if (!market.first_vector_ms) {
    market.first_vector_ms = vector.as_of_ms;
    market.open_consensus = consensus_of(vector, kMarketOpenModel);
  }
  market.close_consensus = consensus_of(vector, kMarketCloseModel);
}

void Bettor::on_prediction(const domain::Prediction& prediction) {
  if (prediction.market != market_ || prediction.role != domain::ModelRole::kChampion) return;
  auto it = markets_.find(prediction.event_id);
  if (it == markets_.end() || it->second.settled) return;
  const auto t = decision_ms(it->second);
  if (t && prediction.as_of_ms <= *t) it->second.model = prediction;
}

bool Bettor::wanted(const domain::Opportunity& record) const {
  if (std::find(strategy_.kinds.begin(), strategy_.kinds.end(), record.kind) ==
      strategy_.kinds.end()) {
    return false;
  }
  if (strategy_.books.empty()) return true;
  return std::all_of(record.legs.begin(), record.legs.end(), [&](const domain::Leg& leg) {
    return std::find(strategy_.books.begin(), strategy_.books.end(), leg.bookmaker) !=
           strategy_.books.end();
  });
}

void Bettor::on_opportunity(const domain::Opportunity& record) {
  if (record.market != market_) return;
  ++seen_;
  Market& market = markets_[record.event_id];
  if (market.settled) return;
  if (!market.commence_ms) market.commence_ms = record.commence_ms;
  Pending& pending = market.opportunities[record.opportunity_id];
  if (pending.decided) return;
  const auto t = decision_ms(market);
  if (t && record.as_of_ms > *t) {
    decide(pending, t);
    return;
  }
  if (record.state == domain::OpportunityState::kClosed) {
    pending.at_decision.reset();
  } else {
    pending.at_decision = record;
  }
}

void Bettor::decide(Pending& pending, std::optional<int64_t> decision_ms) {
  if (pending.decided) return;
  pending.decided = true;
  if (!pending.at_decision || !wanted(*pending.at_decision)) return;
  TakenBet bet{*pending.at_decision, decision_ms.value_or(pending.at_decision->as_of_ms)};
  bet.record.state = domain::OpportunityState::kOpen;
  bet.record.closed_reason.reset();
  take_(bet);
}

void Bettor::settle(Market& market, const std::string& event_id, int64_t now_ms) {
  if (market.settled) return;
  const auto t = decision_ms(market);
  for (auto& [id, pending] : market.opportunities) {
    // A decision time still ahead means the data ended early: nothing was decided.
    if (t && *t < now_ms) decide(pending, t);
    pending.decided = true;
  }
  market.settled = true;
  if (!market.open_consensus || !market.close_consensus) return;
  ScoredGame game;
  game.event_id = event_id;
  game.market = market_;
  game.market_open = *market.open_consensus;
  game.market_close = *market.close_consensus;
  game.model = market.model;
  score_(game);
}

void Bettor::settle_event(const std::string& event_id, int64_t now_ms) {
  auto it = markets_.find(event_id);
  if (it != markets_.end()) settle(it->second, event_id, now_ms);
}

void Bettor::finish(int64_t now_ms) {
  for (auto& [event_id, market] : markets_) settle(market, event_id, now_ms);
}

}  // namespace sharpline::backtest
