// Training rows from history through the live features stage: the dataset is replayed in event
// time through the very processor the pipeline runs (pipeline_harness.hpp, features and
// inference only), and each game's row is the feature vector that stage emitted at the chosen
// time. There is no second feature implementation to drift from what the model is served.
//
// Labels (class index; `classes` names them as the model metadata does):
//   h2h       binary, classes {away, home}: 1 when the home team won (ties left out)
//   h2h_3way  three classes {home, draw, away}
//   totals    binary, classes {under, over}: 1 when the total beat the row's main_point
//             (pushes left out)
//   spreads   binary, classes {away_cover, home_cover} at the home side's main_point
// Each row also carries the market's de-vigged consensus for those classes at the first and at
// the last pre-kickoff vector, for comparing a model with the market on the same games.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/history/dataset.hpp"
#include "backtest/strategy.hpp"

namespace sharpline::backtest {

struct TrainingRow {
  std::string event_id;
  int season = 0;
  int64_t commence_ms = 0;
  int64_t as_of_ms = 0;
  std::vector<double> features;
  int label = 0;
  std::optional<std::vector<double>> market_open;   // per class
  std::optional<std::vector<double>> market_close;  // per class
};

struct TrainingRows {
  std::string sport;
  std::string market;
  std::vector<std::string> feature_names;
  std::vector<std::string> classes;
  std::vector<TrainingRow> rows;  // in kickoff order
  std::size_t games = 0;          // games of the market with a pre-kickoff vector
  std::size_t skipped_no_result = 0;
  std::size_t skipped_unlabelled = 0;      // ties in h2h, pushes, outcomes not found
  std::size_t skipped_other_features = 0;  // a vector with a different feature set
};

// Class names of a market; throws StrategyError for a market no model is trained for.
std::vector<std::string> market_classes(const std::string& market);

// `at` picks each game's vector: the first one (open), the newest at or before kickoff - lead
// (before), or the last pre-kickoff one (close). progress(done, total) over the feed records.
TrainingRows build_training_rows(
    const adapters::history::Dataset& dataset, const std::string& market, const Timing& at,
    const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace sharpline::backtest
