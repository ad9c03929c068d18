// The end-of-run summary of `sharpline run`: records per topic, predictions, opportunities by
// type and tier, graded bets with profit, ROI and CLV, dead letters, time and throughput, and
// the proof that nothing was lost: for every in-process stage and every input topic, records
// consumed equal records on the topic.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "cli/pipeline/pipeline_monitor.hpp"
#include "cli/replay/season_replay.hpp"
#include "runtime/stream/stage_runner.hpp"

namespace sharpline::cli {

struct RunSummary {
  nlohmann::json model = nlohmann::json::object();
  replay::SeasonReplayTotals replay;
  double replay_seconds = 0.0;
  std::map<std::string, runtime::stream::StageStats> stages;  // in-process stages only
  MonitorTotals monitor;
  double seconds = 0.0;
  int64_t max_lag_seen = 0;
  bool in_process = true;

  // Keys: topics, predictions, opportunities {value, arbitrage, middle, steam}, graded, roi,
  // clv_mean, deadletter, seconds, plus tiers, stake, profit, beat_close_share, by_strategy,
  // predictions_graded, brier_mean, records_per_second, replay, stages, nothing_lost, model.
  nlohmann::json to_json() const;
};

void print_summary(const RunSummary& summary, const nlohmann::json& json, std::ostream& out);

}  // namespace sharpline::cli
