// The pipeline's stages by name, built the same way for `sharpline stage <name>` (one process
// per stage) and `sharpline run` (all of them in-process): same definitions, same options, so
// both give the same outputs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/bus_context.hpp"
#include "runtime/stream/stage_definition.hpp"
#include "stages/pipeline_options.hpp"

namespace sharpline::cli {

// features, inference, opportunities, grading: in pipeline order.
const std::vector<std::string>& pipeline_stage_names();

// Throws UsageError for an unknown name. The stage gets a topic serde of its own (one per
// runner thread).
runtime::stream::StageDefinition make_pipeline_stage(const std::string& name, BusContext& context,
                                                     const stages::PipelineOptions& options);

// The topics a stage consumes, and whether each is written transactionally (by a stage).
struct StageInput {
  std::string topic;
  bool transactional = false;
};
std::vector<StageInput> pipeline_stage_inputs(const std::string& name,
                                              const stages::PipelineOptions& options);

}  // namespace sharpline::cli
