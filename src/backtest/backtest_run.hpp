// One backtest: a dataset replayed in event time (history_feed.hpp) through the live pipeline's
// stages (pipeline_harness.hpp), a bettor taking what the strategy asks for (bettor.hpp), and
// the ledger's report (backtest_report.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "adapters/history/dataset.hpp"
#include "backtest/backtest_report.hpp"
#include "backtest/strategy.hpp"
#include "stages/record_codec.hpp"

namespace sharpline::backtest {

// h2h_3way for soccer datasets, else h2h.
std::string default_market(const adapters::history::Dataset& dataset);

struct BacktestProgress {
  std::size_t done = 0;   // feed records processed
  std::size_t total = 0;  // feed records in all
};

struct BacktestOutcome {
  nlohmann::json report;
  std::size_t feed_records = 0;   // dataset records replayed
  std::size_t stage_records = 0;  // records piped into stages (all four)
  std::size_t opportunities = 0;  // opportunity records of the strategy's market
  std::size_t dead_letters = 0;
};

// Throws StrategyError for a strategy the dataset cannot run (e.g. a model directory that
// serves no champion for the market in model mode).
// Model mode: throws StrategyError when no champion serves the market, or when the champion's
// training range reaches the dataset's first season (unless allow_model_overlap).
void check_model_range(const adapters::history::Dataset& dataset, const Strategy& strategy);

// `wire`: how records cross the stages (HarnessOptions::wire); the report is the same either way.
BacktestOutcome run_backtest(
    const adapters::history::Dataset& dataset, const DatasetSummary& summary, Strategy strategy,
    const std::function<void(const BacktestProgress&)>& progress = {},
    stages::RecordCodec::Wire wire = stages::RecordCodec::Wire::kInProcess);

}  // namespace sharpline::backtest
