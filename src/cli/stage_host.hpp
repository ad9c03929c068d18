// Hosts a stage in a `sharpline` process: runner options from the configuration, dead letters
// encoded with the registry's DeadLetter schema, HTTP endpoints whose /ready and /health follow
// the runner's state, and a clean stop on SIGINT/SIGTERM.
#pragma once

#include <functional>

#include "cli/bus_context.hpp"
#include "common/signals.hpp"
#include "runtime/stream/runner_options.hpp"
#include "runtime/stream/stage_definition.hpp"
#include "runtime/stream/stage_runner.hpp"

namespace sharpline::cli {

// Runs the runner until SIGINT/SIGTERM (collected by `signals`, which must have been created
// before the runner's threads) or until stop_when() returns true. Returns 0 after a clean stop,
// 1 when the runner failed (logged).
int run_until_signalled(runtime::stream::StageRunner& runner, ShutdownSignals& signals,
                        const std::function<bool()>& stop_when = {});

// Encodes dead letters with `serde` (which the encoder keeps a reference to; TopicSerde is not
// thread-safe, so one per thread): stages and the webhook subscribers share it.
runtime::stream::DeadLetterEncoder dead_letter_encoder(serde::TopicSerde& serde);

runtime::stream::RunnerOptions runner_options_from_config(const Config& config,
                                                          BusContext& context);

// Runs the stage until a signal arrives or `stop_when` returns true (tests). Returns the exit
// code: 0 after a clean stop, 1 when the runner failed.
// `stats`, when given, receives the runner's committed counts after it stopped.
int host_stage(runtime::stream::StageDefinition stage, BusContext& context,
               const std::function<bool()>& stop_when = {},
               runtime::stream::StageStats* stats = nullptr);

}  // namespace sharpline::cli
