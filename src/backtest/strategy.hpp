// What a backtest bets: which opportunity kinds, on which market, when (timing), at which
// thresholds and stakes, at which books, priced by the market consensus or by a model.
// Defaults and meaning of every field: docs/backtests.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/opportunities/detection.hpp"
#include "stages/pipeline_options.hpp"

namespace sharpline::backtest {

// A strategy value that cannot be used; the message names the field.
class StrategyError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

enum class TimingKind { kOpen, kBefore, kClose };

// When the bettor acts on a market. open: the market's first prices (its first feature
// vector); before: `lead_ms` before kickoff; close: the last prices before kickoff.
struct Timing {
  TimingKind kind = TimingKind::kClose;
  int64_t lead_ms = 0;  // before only
};

// "open", "close", "before:6h", "before:90m", "before:2d".
Timing parse_timing(const std::string& text);
std::string timing_name(const Timing& timing);

struct Strategy {
  std::vector<std::string> kinds = {"value"};  // value, arbitrage, middle, steam
  std::string market;                          // empty: the dataset's main market
  Timing timing;
  double min_ev = 0.02;
  int min_books = 3;
  double kelly_multiplier = 0.25;
  double kelly_cap = 0.05;
  double bankroll = 1000.0;
  std::vector<std::string> books;  // bettable books; empty: every book
  domain::opportunities::ProbabilitySource source =
      domain::opportunities::ProbabilitySource::kConsensus;
  std::string model_dir;  // model mode: the champion of (sport, market) prices the bets
  // A model whose training range (metadata training.last_season, validation included) reaches
  // the backtest's first season has seen its games: refused unless this is set.
  bool allow_model_overlap = false;
  int bootstrap_resamples = 2000;
  uint64_t seed = 1;
};

// Reads a strategy file ({"kinds": [...], "timing": "close", ...}; unknown keys are refused)
// over `base`. Throws StrategyError.
Strategy strategy_from_json(const nlohmann::json& json, Strategy base = {});
nlohmann::json strategy_to_json(const Strategy& strategy);
// Checks ranges (EV, Kelly, bankroll, kinds). Throws StrategyError.
void validate(const Strategy& strategy);

// The pipeline options a strategy runs the stages with (thresholds, Kelly, probability source).
stages::PipelineOptions pipeline_options_for(const Strategy& strategy,
                                             stages::PipelineOptions base = {});

}  // namespace sharpline::backtest
