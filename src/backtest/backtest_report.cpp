#include "backtest/backtest_report.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "adapters/sources/iso_time.hpp"
#include "domain/calibration/calibration.hpp"
#include "domain/grading/settlement.hpp"

namespace sharpline::backtest {
namespace {

using nlohmann::json;

constexpr double kCiLevel = 0.95;

json number_or_null(std::optional<double> value) {
  if (!value || !std::isfinite(*value)) return nullptr;
  return *value;
}

std::optional<double> ratio(double numerator, double denominator) {
  if (denominator <= 0.0) return std::nullopt;
  return numerator / denominator;
}

std::optional<double> mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0.0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

std::string date_of(int64_t ms) {
  return adapters::sources::format_iso8601_ms(ms).substr(0, 10);  // YYYY-MM-DD
}

// Percentile bootstrap of ROI = sum(profit) / sum(staked) over bets resampled with replacement.
// The generator is specified (mt19937_64) and indices are drawn by multiply-shift, not by a
// standard distribution whose algorithm differs between libraries: the interval is
// reproducible everywhere.
json roi_interval(const std::vector<std::pair<double, double>>& bets, int resamples,
                  uint64_t seed) {
  json out = {{"level", kCiLevel},
              {"resamples", resamples},
              {"seed", seed},
              {"low", nullptr},
              {"high", nullptr}};
  if (bets.empty() || resamples <= 0) return out;
  std::mt19937_64 rng(seed);
  const auto n = static_cast<uint64_t>(bets.size());  // < 2^32 bets
  std::vector<double> rois;
  rois.reserve(static_cast<std::size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    double staked = 0.0;
    double profit = 0.0;
    for (std::size_t k = 0; k < bets.size(); ++k) {
      const auto i = static_cast<std::size_t>(((rng() >> 32) * n) >> 32);
      staked += bets[i].first;
      profit += bets[i].second;
    }
    if (staked > 0.0) rois.push_back(profit / staked);
  }
  if (rois.empty()) return out;
  std::sort(rois.begin(), rois.end());
  const auto at = [&](double q) {
    const double position = q * static_cast<double>(rois.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(position));
    const auto hi = std::min(lo + 1, rois.size() - 1);
    return rois[lo] + (rois[hi] - rois[lo]) * (position - static_cast<double>(lo));
  };
  out["low"] = at((1.0 - kCiLevel) / 2.0);
  out["high"] = at(1.0 - (1.0 - kCiLevel) / 2.0);
  return out;
}

json clv_histogram(const std::vector<double>& clv) {
  // 2-point buckets from -20% to +20%; values beyond land in the end buckets.
  std::vector<double> edges;
  for (int k = -10; k <= 10; ++k) edges.push_back(k * 0.02);
  std::vector<int64_t> counts(edges.size() - 1, 0);
  for (const double v : clv) {
    auto bucket = static_cast<std::ptrdiff_t>(std::floor((v + 0.2) / 0.02));
    bucket = std::clamp<std::ptrdiff_t>(bucket, 0, static_cast<std::ptrdiff_t>(counts.size()) - 1);
    ++counts[static_cast<std::size_t>(bucket)];
  }
  return {{"edges", edges}, {"counts", counts}};
}

struct Totals {
  int64_t bets = 0;
  double staked = 0.0;
  double profit = 0.0;
  std::vector<double> clv;

  json to_json() const {
    return {{"bets", bets},
            {"staked", staked},
            {"profit", profit},
            {"roi", number_or_null(ratio(profit, staked))},
            {"clv_mean", number_or_null(mean(clv))}};
  }
};

}  // namespace

BacktestLedger::BacktestLedger(const Strategy& strategy, const std::vector<domain::Event>& events,
                               const std::vector<domain::GameResult>& results)
    : strategy_(strategy), bankroll_(strategy.bankroll), peak_(strategy.bankroll) {
  for (const auto& event : events) {
    if (event.season) season_[event.event_id] = *event.season;
    events_[event.event_id] = event;
  }
  for (const auto& result : results) {
    if (result.is_final) results_[result.event_id] = result;
  }
}

int BacktestLedger::season_of(const std::string& event_id) const {
  const auto it = season_.find(event_id);
  return it == season_.end() ? 0 : it->second;
}

double BacktestLedger::bankroll_at(int64_t ms) const {
  // curve_ is in grading order, which is result-time order: the last point known by `ms`.
  const auto after = std::upper_bound(curve_.begin(), curve_.end(), ms,
                                      [](int64_t t, const CurvePoint& p) { return t < p.t_ms; });
  return after == curve_.begin() ? strategy_.bankroll : std::prev(after)->bankroll;
}

void BacktestLedger::placed(const TakenBet& bet) {
  placed_.emplace(bet.record.opportunity_id,
                  Placement{bet.record.event_id, bet.record.kind, bankroll_at(bet.decision_ms)});
}

void BacktestLedger::scored(const ScoredGame& game) {
  GameScores& scores = games_[game.event_id];
  scores.event_id = game.event_id;
  scores.market = game.market;
  scores.market_close = game.market_close;
  scores.model = game.model;
  scores.expects_model = game.model.has_value();
  prediction_source_[game.market_open.prediction_id] = {game.event_id, Source::kOpen};
  prediction_source_[game.market_close.prediction_id] = {game.event_id, Source::kClose};
  if (game.model) prediction_source_[game.model->prediction_id] = {game.event_id, Source::kModel};
}

void BacktestLedger::graded(const domain::Grade& grade) {
  if (grade.kind == "prediction") {
    const auto it = prediction_source_.find(grade.opportunity_id);
    if (it == prediction_source_.end() || !grade.log_loss || !grade.brier) return;
    auto& scores = games_[it->second.first];
    scores.log_loss[it->second.second] = *grade.log_loss;
    scores.brier[it->second.second] = *grade.brier;
    return;
  }
  const auto it = placed_.find(grade.opportunity_id);
  if (it == placed_.end()) return;  // not a bet of this backtest
  const Placement placement = it->second;
  placed_.erase(it);  // a bet settles once
  SettledBet bet;
  bet.event_id = placement.event_id;
  bet.kind = placement.kind;
  bet.season = season_of(placement.event_id);
  bet.graded_ms = grade.graded_ms;
  for (const auto& leg : grade.legs) {
    bet.staked += leg.stake * placement.bankroll;
    if (leg.clv) bet.clv.push_back(*leg.clv);
  }
  bet.profit = grade.total_profit * placement.bankroll;
  bankroll_ += bet.profit;
  peak_ = std::max(peak_, bankroll_);
  curve_.push_back({grade.graded_ms, bankroll_, peak_ > 0.0 ? (peak_ - bankroll_) / peak_ : 0.0});
  settled_.push_back(std::move(bet));
}

json BacktestLedger::calibration_json(const std::vector<const GameScores*>& games) const {
  // Per outcome of each game's probabilities (the model's, else the closing consensus): the
  // probability given and whether the outcome won (pushes, voids and half results left out).
  std::vector<double> probabilities;
  std::vector<double> labels;
  bool model = false;
  for (const auto* game : games) {
    const auto event = events_.find(game->event_id);
    const auto result = results_.find(game->event_id);
    if (event == events_.end() || result == results_.end() || !result->second.home_score ||
        !result->second.away_score) {
      continue;
    }
    const domain::grading::FinalScore score{event->second.home_team, event->second.away_team,
                                            *result->second.home_score, *result->second.away_score};
    const domain::Prediction& prediction = game->model ? *game->model : game->market_close;
    model = model || game->model.has_value();
    for (const auto& outcome : prediction.outcomes) {
      const auto settled =
          domain::grading::settle(prediction.market, outcome.outcome, outcome.point, score);
      if (!settled) continue;
      if (*settled != domain::LegResult::kWin && *settled != domain::LegResult::kLose) continue;
      probabilities.push_back(outcome.probability);
      labels.push_back(*settled == domain::LegResult::kWin ? 1.0 : 0.0);
    }
  }
  json out = {{"source", model ? "model" : "market_close"},
              {"outcomes", probabilities.size()},
              {"ece", nullptr},
              {"bins", json::array()}};
  if (probabilities.empty()) return out;
  const auto bins = domain::calibration::reliability_bins(probabilities, labels, 10);
  out["ece"] = domain::calibration::expected_calibration_error(bins);
  for (const auto& bin : bins) {
    out["bins"].push_back({{"low", bin.low},
                           {"high", bin.high},
                           {"predicted", bin.count > 0 ? json(bin.mean_predicted) : json()},
                           {"observed", bin.count > 0 ? json(bin.observed) : json()},
                           {"count", bin.count}});
  }
  return out;
}

json BacktestLedger::report(const DatasetSummary& dataset, std::size_t dead_letters) const {
  json out;
  out["report"] = "sharpline-backtest";
  out["version"] = 1;
  out["dataset"] = {{"name", dataset.name},
                    {"leagues", dataset.leagues},
                    {"first_season", dataset.first_season ? json(*dataset.first_season) : json()},
                    {"last_season", dataset.last_season ? json(*dataset.last_season) : json()},
                    {"events", dataset.events},
                    {"quotes", dataset.quotes},
                    {"results", dataset.results},
                    {"weather", dataset.weather}};
  out["strategy"] = strategy_to_json(strategy_);
  out["dead_letters"] = dead_letters;

  Totals all;
  std::map<int, Totals> seasons;
  std::map<std::string, Totals> kinds;
  std::vector<std::pair<double, double>> samples;
  for (const auto& bet : settled_) {
    for (Totals* t : {&all, &seasons[bet.season], &kinds[bet.kind]}) {
      ++t->bets;
      t->staked += bet.staked;
      t->profit += bet.profit;
      t->clv.insert(t->clv.end(), bet.clv.begin(), bet.clv.end());
    }
    samples.emplace_back(bet.staked, bet.profit);
  }
  out["bets"] = all.bets;
  out["staked"] = all.staked;
  out["profit"] = all.profit;
  out["roi"] = number_or_null(ratio(all.profit, all.staked));
  out["roi_ci"] = roi_interval(samples, strategy_.bootstrap_resamples, strategy_.seed);
  out["clv_mean"] = number_or_null(mean(all.clv));
  std::optional<double> positive;
  if (!all.clv.empty()) {
    positive = static_cast<double>(std::count_if(all.clv.begin(), all.clv.end(),
                                                 [](double v) { return v > 0.0; })) /
               static_cast<double>(all.clv.size());
  }
  out["clv_positive_share"] = number_or_null(positive);
  out["starting_bankroll"] = strategy_.bankroll;
  out["final_bankroll"] = bankroll_;
  double max_drawdown = 0.0;
  double max_amount = 0.0;
  double peak = strategy_.bankroll;
  for (const auto& point : curve_) {
    peak = std::max(peak, point.bankroll);
    max_drawdown = std::max(max_drawdown, point.drawdown);
    max_amount = std::max(max_amount, peak - point.bankroll);
  }
  out["max_drawdown"] = max_drawdown;
  out["max_drawdown_amount"] = max_amount;

  // Games scored by every source there is (the model only where one priced the game).
  const bool with_model = std::any_of(games_.begin(), games_.end(),
                                      [](const auto& g) { return g.second.expects_model; });
  std::vector<const GameScores*> compared;
  std::map<int, std::vector<const GameScores*>> compared_by_season;
  for (const auto& [event_id, scores] : games_) {
    const bool complete = scores.log_loss.contains(Source::kOpen) &&
                          scores.log_loss.contains(Source::kClose) &&
                          (!with_model || scores.log_loss.contains(Source::kModel));
    if (!complete) continue;
    compared.push_back(&scores);
    compared_by_season[season_of(event_id)].push_back(&scores);
  }
  const auto average = [](const std::vector<const GameScores*>& games, bool brier,
                          Source source) -> json {
    std::vector<double> values;
    for (const auto* g : games) {
      const auto& m = brier ? g->brier : g->log_loss;
      if (const auto it = m.find(source); it != m.end()) values.push_back(it->second);
    }
    return number_or_null(mean(values));
  };
  for (const bool brier : {false, true}) {
    out[brier ? "brier" : "log_loss"] = {
        {"model", with_model ? average(compared, brier, Source::kModel) : json()},
        {"market_open", average(compared, brier, Source::kOpen)},
        {"market_close", average(compared, brier, Source::kClose)},
        {"games", compared.size()}};
  }
  out["calibration"] = calibration_json(compared);

  json season_rows = json::array();
  std::set<int> season_keys;
  for (const auto& [s, t] : seasons) season_keys.insert(s);
  for (const auto& [s, g] : compared_by_season) season_keys.insert(s);
  for (const int s : season_keys) {
    json row = seasons.contains(s) ? seasons.at(s).to_json() : Totals{}.to_json();
    row["season"] = s;
    const auto games = compared_by_season.contains(s) ? compared_by_season.at(s)
                                                      : std::vector<const GameScores*>{};
    row["games"] = games.size();
    row["log_loss_model"] = with_model ? average(games, false, Source::kModel) : json();
    row["log_loss_market_open"] = average(games, false, Source::kOpen);
    row["log_loss_market_close"] = average(games, false, Source::kClose);
    season_rows.push_back(std::move(row));
  }
  out["seasons"] = std::move(season_rows);
  json kind_rows = json::array();
  for (const auto& [kind, t] : kinds) {
    json row = t.to_json();
    row["kind"] = kind;
    kind_rows.push_back(std::move(row));
  }
  out["by_kind"] = std::move(kind_rows);

  json curve = json::array();
  for (const auto& point : curve_) {
    curve.push_back({{"t_ms", point.t_ms},
                     {"date", date_of(point.t_ms)},
                     {"bankroll", point.bankroll},
                     {"drawdown", point.drawdown}});
  }
  out["bankroll_curve"] = std::move(curve);
  out["clv_histogram"] = clv_histogram(all.clv);
  return out;
}

}  // namespace sharpline::backtest
