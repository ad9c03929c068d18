#include "backtest/training_rows.hpp"

#include <algorithm>
#include <map>

#include "backtest/history_feed.hpp"
#include "backtest/offline_serde.hpp"
#include "backtest/pipeline_harness.hpp"
#include "domain/grading/settlement.hpp"

namespace sharpline::backtest {
namespace {

struct GameVectors {
  std::optional<domain::FeatureVector> first;
  std::optional<domain::FeatureVector> chosen;
  std::optional<domain::FeatureVector> last;
};

std::optional<double> feature(const domain::FeatureVector& v, const std::string& name) {
  for (std::size_t i = 0; i < v.feature_names.size(); ++i) {
    if (v.feature_names[i] == name) return v.feature_values[i];
  }
  return std::nullopt;
}

std::optional<double> consensus(const domain::FeatureVector& v, const std::string& outcome,
                                const std::optional<double>& point = std::nullopt) {
  for (const auto& o : v.outcomes) {
    if (o.outcome == outcome && o.point == point) return o.consensus_probability;
  }
  return std::nullopt;
}

// The outcome (name, point) each class stands for in `chosen`'s market.
std::optional<std::vector<std::pair<std::string, std::optional<double>>>> class_outcomes(
    const domain::FeatureVector& chosen) {
  const auto point = feature(chosen, "main_point");
  if (chosen.market == "totals") {
    if (!point) return std::nullopt;
    return {{{"Under", *point}, {"Over", *point}}};
  }
  if (!chosen.home_team || !chosen.away_team) return std::nullopt;
  const std::string& home = *chosen.home_team;
  const std::string& away = *chosen.away_team;
  if (chosen.market == "h2h") return {{{away, std::nullopt}, {home, std::nullopt}}};
  if (chosen.market == "h2h_3way") {
    return {{{home, std::nullopt}, {"Draw", std::nullopt}, {away, std::nullopt}}};
  }
  if (chosen.market == "spreads" && point) return {{{away, 0.0 - *point}, {home, *point}}};
  return std::nullopt;
}

// Consensus per class in `v`, renormalised over the classes (a three-way market's two-way view
// is not asked for: classes cover the whole market).
std::optional<std::vector<double>> market_probabilities(
    const domain::FeatureVector& v,
    const std::vector<std::pair<std::string, std::optional<double>>>& outcomes) {
  std::vector<double> p;
  double sum = 0.0;
  for (const auto& [name, point] : outcomes) {
    const auto q = consensus(v, name, point);
    if (!q || !(*q > 0.0)) return std::nullopt;
    p.push_back(*q);
    sum += *q;
  }
  for (double& q : p) q /= sum;
  return p;
}

}  // namespace

std::vector<std::string> market_classes(const std::string& market) {
  if (market == "h2h") return {"away", "home"};
  if (market == "h2h_3way") return {"home", "draw", "away"};
  if (market == "totals") return {"under", "over"};
  if (market == "spreads") return {"away_cover", "home_cover"};
  throw StrategyError("market '" + market + "': no model (h2h, h2h_3way, totals, spreads)");
}

TrainingRows build_training_rows(const adapters::history::Dataset& dataset,
                                 const std::string& market, const Timing& at,
                                 const std::function<void(std::size_t, std::size_t)>& progress) {
  TrainingRows out;
  out.market = market;
  out.classes = market_classes(market);
  const auto& batch = dataset.batch;

  std::map<std::string, GameVectors> games;
  const auto decision = [&](const domain::FeatureVector& v,
                            const GameVectors& g) -> std::optional<int64_t> {
    switch (at.kind) {
      case TimingKind::kOpen:
        return g.first ? g.first->as_of_ms : v.as_of_ms;
      case TimingKind::kBefore:
        if (!v.commence_ms) return std::nullopt;
        return *v.commence_ms - at.lead_ms;
      case TimingKind::kClose:
        if (!v.commence_ms) return std::nullopt;
        return *v.commence_ms - 1;
    }
    return std::nullopt;
  };
  HarnessOptions options;
  options.run_opportunities = false;
  options.run_grading = false;
  HarnessSinks sinks;
  sinks.vector = [&](const domain::FeatureVector& v) {
    if (v.market != market) return;
    if (v.commence_ms && v.as_of_ms >= *v.commence_ms) return;
    GameVectors& g = games[v.event_id];
    const auto t = decision(v, g);
    if (!g.first) g.first = v;
    if (t && v.as_of_ms <= *t) g.chosen = v;
    g.last = v;
  };
  PipelineHarness harness(make_offline_topic_serde(), options, std::move(sinks));
  const auto feed = history_feed(batch);
  std::size_t done = 0;
  const std::size_t every = std::max<std::size_t>(1, feed.size() / 50);
  int64_t last_ms = 0;
  for (const auto& item : feed) {
    last_ms = item.time_ms;
    harness.feed(batch, item);
    if (progress && (++done % every == 0 || done == feed.size())) progress(done, feed.size());
  }
  harness.advance_to(last_ms + 24LL * 3600 * 1000);

  std::map<std::string, const domain::Event*> events;
  for (const auto& e : batch.events) events[e.event_id] = &e;
  std::map<std::string, const domain::GameResult*> results;
  for (const auto& r : batch.results) {
    if (r.is_final && r.home_score && r.away_score) results[r.event_id] = &r;
  }
  for (const auto& [event_id, g] : games) {
    if (!g.chosen) continue;
    ++out.games;
    const auto event = events.find(event_id);
    const auto result = results.find(event_id);
    if (event == events.end() || result == results.end()) {
      ++out.skipped_no_result;
      continue;
    }
    const auto& v = *g.chosen;
    if (out.feature_names.empty()) {
      out.feature_names = v.feature_names;
      out.sport = v.sport;
    }
    if (v.feature_names != out.feature_names) {
      ++out.skipped_other_features;
      continue;
    }
    const auto outcomes = class_outcomes(v);
    if (!outcomes) {
      ++out.skipped_unlabelled;
      continue;
    }
    const domain::grading::FinalScore score{event->second->home_team, event->second->away_team,
                                            *result->second->home_score,
                                            *result->second->away_score};
    std::optional<int> label;
    for (std::size_t k = 0; k < outcomes->size(); ++k) {
      const auto settled =
          domain::grading::settle(market, (*outcomes)[k].first, (*outcomes)[k].second, score);
      if (settled == domain::LegResult::kWin) label = static_cast<int>(k);
    }
    if (!label) {
      ++out.skipped_unlabelled;
      continue;
    }
    TrainingRow row;
    row.event_id = event_id;
    row.season = event->second->season.value_or(0);
    row.commence_ms = v.commence_ms.value_or(event->second->commence_ms);
    row.as_of_ms = v.as_of_ms;
    row.features = v.feature_values;
    row.label = *label;
    if (g.first) row.market_open = market_probabilities(*g.first, *outcomes);
    if (g.last) row.market_close = market_probabilities(*g.last, *outcomes);
    out.rows.push_back(std::move(row));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) {
    return a.commence_ms != b.commence_ms ? a.commence_ms < b.commence_ms : a.event_id < b.event_id;
  });
  return out;
}

}  // namespace sharpline::backtest
