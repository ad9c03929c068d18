#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace sharpline::cli {

// `sharpline backtest`: a dataset replayed in event time through the pipeline's stages for a
// strategy, with a JSON and an HTML report (docs/backtests.md).
int run_backtest_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace sharpline::cli
