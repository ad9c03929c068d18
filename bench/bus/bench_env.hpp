// What every bus benchmark shares: the options from the command line, a bus with an embedded
// broker configured as `sharpline run` configures it, the default NFL moneyline model, and the
// synthetic quotes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/bus_context.hpp"
#include "domain/records/records.hpp"

namespace sharpline::bench::bus {

struct BenchOptions {
  int64_t records = 0;                       // pipeline and transport: quotes pre-produced
  double rate = 20000.0;                     // latency: offered quotes/s
  double latency_seconds = 15.0;             // latency: how long the paced producer runs
  std::vector<int64_t> commit_intervals_ms;  // latency: one run per value
  int64_t pipeline_commit_interval_ms = 100;
  std::string only;  // transport, pipeline, latency or empty for all
  bool quick = false;
  bool metrics = false;
  std::map<std::string, std::string> kafka;  // kafka.* for pipeline and latency runs
  std::filesystem::path data_dir;
  std::filesystem::path model_dir;
};

// A fresh embedded broker with the declared topics, and the registry, for one benchmark.
// `kafka` adds kafka.* properties for every client (stages included); commit_interval_ms is
// stage.commit.interval.ms.
std::unique_ptr<cli::BusContext> open_bench_bus(int64_t commit_interval_ms,
                                                const std::map<std::string, std::string>& kafka);

// Trains (first time only) the default NFL moneyline model into `model_dir`, as `sharpline run`
// does; returns "name version".
std::string prepare_model(const std::filesystem::path& model_dir,
                          const std::filesystem::path& data_dir);

// `count` quotes: the full board, then polls one second apart (observed_ms rising), starting at
// a fixed date so every run sends the same records.
std::vector<domain::OddsQuote> synthetic_quotes(std::size_t count, uint64_t seed);

// Offsets of every partition of `topic` that the broker no longer holds (low watermarks
// summed): non-zero means the embedded broker's ~5 MB per partition overflowed.
int64_t dropped_offsets(cli::BusContext& context, const std::string& topic);

}  // namespace sharpline::bench::bus
