// Pipeline stages run in-process the way `sharpline run` runs them: one StageRunner per stage on
// a thread of its own, built by cli::make_pipeline_stage with the runner options of the
// configuration (exactly-once by default), instance id "<instance>-<stage>".
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/bus_context.hpp"
#include "runtime/stream/stage_runner.hpp"
#include "stages/pipeline_options.hpp"

namespace sharpline::bench::bus {

class StageGroup {
 public:
  // `idle_partition_timeout_ms` as sharpline run sets it: 0 for a replay of historical time,
  // the configured value for live data.
  StageGroup(cli::BusContext& context, stages::PipelineOptions options,
             int64_t idle_partition_timeout_ms);
  ~StageGroup();  // stops and joins whatever still runs
  StageGroup(const StageGroup&) = delete;
  StageGroup& operator=(const StageGroup&) = delete;

  // Starts the stages' runner threads together (their group joins overlap) and waits until
  // every one is assigned and restored (throws after 60 s or when a runner fails).
  void start(const std::vector<std::string>& names);
  void stop_all();

  // Committed counts of a running (or stopped) stage.
  runtime::stream::StageStats stats(const std::string& name) const;
  // Throws when a runner failed.
  void check() const;

 private:
  struct Running {
    std::string name;
    std::unique_ptr<runtime::stream::StageRunner> runner;
    std::thread thread;
    std::string failure;
  };

  cli::BusContext& context_;
  stages::PipelineOptions options_;
  runtime::stream::RunnerOptions runner_options_;
  std::vector<std::unique_ptr<Running>> running_;
};

}  // namespace sharpline::bench::bus
