// bus/pipeline_quotes: odds quotes/s through features -> inference -> opportunities, each a
// StageRunner with exactly-once, on the embedded broker. The quotes are pre-produced on the odds
// topic by the collectors' publisher; inference and opportunities are assigned first, then the
// features stage starts, and the clock runs from its first commit until every stage has
// committed everything upstream produced.
#pragma once

#include <string>

#include "bus/bench_env.hpp"

namespace sharpline::bench::bus {

struct PipelineResult {
  double quotes_per_second = 0.0;
  double seconds = 0.0;
  double join_seconds = 0.0;   // features stage start to assigned
  double total_seconds = 0.0;  // assigned to done
  std::size_t quotes = 0;
  std::string detail;  // vectors, predictions by role, opportunities by kind, commits
};

// On `context` (a fresh bus: its odds topic must be empty).
PipelineResult run_pipeline(const BenchOptions& options, cli::BusContext& context);

}  // namespace sharpline::bench::bus
