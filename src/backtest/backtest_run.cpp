#include "backtest/backtest_run.hpp"

#include <filesystem>
#include <set>

#include "adapters/ml/model_metadata.hpp"
#include "backtest/bettor.hpp"
#include "backtest/history_feed.hpp"
#include "backtest/offline_serde.hpp"
#include "backtest/pipeline_harness.hpp"

namespace sharpline::backtest {

std::string default_market(const adapters::history::Dataset& dataset) {
  for (const auto& event : dataset.batch.events) {
    if (event.sport.starts_with("soccer_")) return "h2h_3way";
  }
  return "h2h";
}

void check_model_range(const adapters::history::Dataset& dataset, const Strategy& strategy) {
  if (strategy.source != domain::opportunities::ProbabilitySource::kModel) return;
  std::optional<int> first_season;
  std::set<std::string> sports;
  for (const auto& event : dataset.batch.events) {
    if (event.season && (!first_season || *event.season < *first_season))
      first_season = event.season;
    sports.insert(event.sport);
  }
  bool served = false;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(strategy.model_dir, error)) {
    const std::string file = entry.path().filename().string();
    if (!file.ends_with(adapters::ml::kMetadataSuffix)) continue;
    adapters::ml::ModelMetadata meta;
    try {
      meta = adapters::ml::read_metadata(entry.path());
    } catch (const adapters::ml::ModelFileError&) {
      continue;  // the inference stage skips it too (and logs why)
    }
    if (meta.market != strategy.market || meta.role != domain::ModelRole::kChampion ||
        !sports.contains(meta.sport)) {
      continue;
    }
    served = true;
    if (!strategy.allow_model_overlap && first_season && meta.training.last_season &&
        *meta.training.last_season >= *first_season) {
      throw StrategyError("model " + meta.name + " (" + file + ") was trained on seasons up to " +
                          std::to_string(*meta.training.last_season) + ": a backtest from season " +
                          std::to_string(*first_season) +
                          " would score games it has seen (look-ahead); backtest later seasons "
                          "or allow the overlap explicitly");
    }
  }
  if (error) throw StrategyError("model directory " + strategy.model_dir + ": " + error.message());
  if (!served) {
    throw StrategyError("model directory " + strategy.model_dir + " serves no champion for " +
                        strategy.market + " of this dataset's sports (sharpline train)");
  }
}

BacktestOutcome run_backtest(const adapters::history::Dataset& dataset,
                             const DatasetSummary& summary, Strategy strategy,
                             const std::function<void(const BacktestProgress&)>& progress,
                             stages::RecordCodec::Wire wire) {
  if (strategy.market.empty()) strategy.market = default_market(dataset);
  validate(strategy);
  check_model_range(dataset, strategy);
  const auto& batch = dataset.batch;
  BacktestOutcome outcome;
  BacktestLedger ledger(strategy, batch.events, batch.results);

  HarnessOptions options;
  options.pipeline = pipeline_options_for(strategy);
  options.wire = wire;
  PipelineHarness* harness_ptr = nullptr;
  Bettor bettor(
      strategy, strategy.market,
      [&](const TakenBet& bet) {
        ledger.placed(bet);
        harness_ptr->bet(bet.record);
      },
      [&](const ScoredGame& game) {
        ledger.scored(game);
        harness_ptr->score(game.market_open);
        harness_ptr->score(game.market_close);
        if (game.model) harness_ptr->score(*game.model);
      });
  HarnessSinks sinks;
  sinks.vector = [&](const domain::FeatureVector& v) { bettor.on_vector(v); };
  sinks.prediction = [&](const domain::Prediction& p) { bettor.on_prediction(p); };
  sinks.opportunity = [&](const domain::Opportunity& o) { bettor.on_opportunity(o); };
  sinks.grade = [&](const domain::Grade& g) { ledger.graded(g); };
  PipelineHarness harness(make_offline_topic_serde(), options, std::move(sinks));
  harness_ptr = &harness;

  const auto feed = history_feed(batch);
  BacktestProgress step{0, feed.size()};
  const std::size_t report_every = std::max<std::size_t>(1, feed.size() / 100);
  int64_t last_ms = 0;
  for (const auto& item : feed) {
    last_ms = item.time_ms;
    harness.feed(batch, item, [&](const domain::GameResult& result) {
      bettor.settle_event(result.event_id, item.time_ms);
    });
    if (progress && (++step.done % report_every == 0 || step.done == step.total)) progress(step);
  }
  // The last polls end, and whatever was never settled by a result is decided now.
  constexpr int64_t kDayMs = 24LL * 3600 * 1000;
  harness.advance_to(last_ms + kDayMs);
  bettor.finish(last_ms + kDayMs);

  outcome.feed_records = feed.size();
  outcome.stage_records = harness.records_in();
  outcome.opportunities = bettor.opportunities_seen();
  outcome.dead_letters = harness.dead_letters();
  outcome.report = ledger.report(summary, outcome.dead_letters);
  return outcome;
}

}  // namespace sharpline::backtest
