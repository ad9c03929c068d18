#include "bus/stage_group.hpp"

#include <chrono>
#include <stdexcept>

#include "cli/pipeline/pipeline_stages.hpp"
#include "cli/stage_host.hpp"

namespace sharpline::bench::bus {

StageGroup::StageGroup(cli::BusContext& context, stages::PipelineOptions options,
                       int64_t idle_partition_timeout_ms)
    : context_(context),
      options_(std::move(options)),
      runner_options_(cli::runner_options_from_config(context.config(), context)) {
  runner_options_.idle_partition_timeout_ms = idle_partition_timeout_ms;
}

StageGroup::~StageGroup() {
  stop_all();
}

void StageGroup::start(const std::vector<std::string>& names) {
  std::vector<Running*> started;
  for (const auto& name : names) {
    auto stage = cli::make_pipeline_stage(name, context_, options_);
    auto options = runner_options_;
    options.instance_id = runner_options_.instance_id + "-" + name;
    auto running = std::make_unique<Running>();
    running->name = name;
    running->runner = std::make_unique<runtime::stream::StageRunner>(std::move(stage), options);
    Running& r = *running;
    running_.push_back(std::move(running));
    r.thread = std::thread([&r] {
      try {
        r.runner->run();
      } catch (const std::exception& e) {
        r.failure = e.what();
      }
    });
    started.push_back(&r);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (const Running* r : started) {
    while (!r->runner->ready()) {
      if (r->runner->state() == runtime::stream::RunnerState::kFailed ||
          std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("stage " + r->name + " did not start");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
}

void StageGroup::stop_all() {
  for (auto& r : running_) r->runner->stop();
  for (auto& r : running_) {
    if (r->thread.joinable()) r->thread.join();
  }
}

runtime::stream::StageStats StageGroup::stats(const std::string& name) const {
  for (const auto& r : running_) {
    if (r->name == name) return r->runner->stats();
  }
  throw std::invalid_argument("stage " + name + " is not running");
}

void StageGroup::check() const {
  for (const auto& r : running_) {
    if (r->runner->state() == runtime::stream::RunnerState::kFailed) {
      throw std::runtime_error("stage " + r->name + " failed: " + r->failure);
    }
  }
}

}  // namespace sharpline::bench::bus
