#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline train`: XGBoost models from a historical dataset through the live features stage,
// into a model directory the inference stage serves; --walk-forward season evaluates by season
// against the market (docs/backtests.md).
int run_train_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
