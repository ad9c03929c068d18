// bus/latency_p50, _p99, _p999: quote -> opportunity at a fixed offered load with exactly-once.
// A paced producer (the collectors' publisher) sends live quotes (observed_ms = now) at `rate`;
// the three stages run; a read_committed consumer on the opportunities topic matches each
// opportunity to the send time (steady clock, microseconds) of the first quote of its
// (event, market, as_of_ms): the opportunity's as_of is the observed time of the newest quote
// it reflects, so the match is conservative by at most the rest of that millisecond.
#pragma once

#include <string>

#include "bus/bench_env.hpp"

namespace sharpline::bench::bus {

struct LatencyResult {
  int64_t commit_interval_ms = 0;
  double p50_ms = 0.0;
  double p99_ms = 0.0;
  double p999_ms = 0.0;
  double max_ms = 0.0;
  double offered_per_second = 0.0;
  std::size_t matched = 0;
  std::string detail;
};

LatencyResult run_latency(const BenchOptions& options, int64_t commit_interval_ms);

}  // namespace sharpline::bench::bus
