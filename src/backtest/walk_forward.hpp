// Models from training rows (training_rows.hpp), with time-based splits only: a model is
// trained on earlier seasons, early-stopped and calibrated on the season after them, and scored
// on a later season it never saw.
//
// walk_forward: for each season S that has at least two seasons before it, train on every
// season before S - 1, validate on S - 1, test on S. Each test season reports the model's log
// loss, Brier score and calibration error next to the market's opening and closing consensus on
// the same games (rows where both are known).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/ml/training.hpp"
#include "backtest/training_rows.hpp"

namespace sharpline::backtest {

struct ScoreSet {
  double log_loss = 0.0;  // mean -ln p(outcome that happened)
  double brier = 0.0;     // mean sum over classes of (p - y)^2
};

struct SeasonEvaluation {
  int season = 0;
  std::size_t train_rows = 0;
  std::size_t validation_rows = 0;
  std::size_t test_rows = 0;  // rows scored (both market probabilities known)
  ScoreSet model;
  ScoreSet market_open;
  ScoreSet market_close;
  double model_ece = 0.0;  // expected calibration error over every class probability
  int best_iteration = 0;
  std::string calibration;  // none, platt, isotonic
};

// Trains on `train`, validates on `validation`, writes <stem>.json + <stem>.meta.json to
// params.output_dir. Objective and class count come from rows.classes.
adapters::ml::TrainingResult train_model(const TrainingRows& rows,
                                         const std::vector<const TrainingRow*>& train,
                                         const std::vector<const TrainingRow*>& validation,
                                         adapters::ml::TrainingParams params);

// Scores probabilities (per class, rows x classes) against the rows' labels.
ScoreSet score(const std::vector<std::vector<double>>& probabilities,
               const std::vector<const TrainingRow*>& rows);

std::vector<SeasonEvaluation> walk_forward(
    const TrainingRows& rows, const adapters::ml::TrainingParams& params,
    const std::function<void(const SeasonEvaluation&)>& on_season = {});

// Seasons of the rows, ascending.
std::vector<int> seasons_of(const TrainingRows& rows);

}  // namespace sharpline::backtest
