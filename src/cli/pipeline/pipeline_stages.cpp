#include "cli/pipeline/pipeline_stages.hpp"

#include "cli/args.hpp"
#include "stages/features_stage.hpp"
#include "stages/grading_stage.hpp"
#include "stages/inference_stage.hpp"
#include "stages/opportunities_stage.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::cli {

const std::vector<std::string>& pipeline_stage_names() {
  static const std::vector<std::string> names = {"features", "inference", "opportunities",
                                                 "grading"};
  return names;
}

runtime::stream::StageDefinition make_pipeline_stage(const std::string& name, BusContext& context,
                                                     const stages::PipelineOptions& options) {
  auto codec = std::make_shared<stages::RecordCodec>(
      std::shared_ptr<serde::TopicSerde>(context.make_serde()));
  if (name == "features") return stages::features_stage(codec, options);
  if (name == "inference") return stages::inference_stage(codec, options);
  if (name == "opportunities") return stages::opportunities_stage(codec, options);
  if (name == "grading") return stages::grading_stage(codec, options);
  throw UsageError("unknown stage '" + name + "' (features, inference, opportunities or grading)");
}

std::vector<StageInput> pipeline_stage_inputs(const std::string& name,
                                              const stages::PipelineOptions& options) {
  // Written by the collectors (idempotent, not transactional) or by stages (transactional).
  const auto transactional = [](const std::string& topic) {
    return topic == stages::kFeaturesTopic || topic == stages::kPredictionsTopic ||
           topic == stages::kOpportunitiesTopic;
  };
  std::vector<StageInput> inputs;
  // A stage definition lists its inputs; building it needs no bus, only a codec placeholder.
  runtime::stream::StageDefinition stage;
  if (name == "features") {
    stage = stages::features_stage(nullptr, options);
  } else if (name == "inference") {
    stage = stages::inference_stage(nullptr, options);
  } else if (name == "opportunities") {
    stage = stages::opportunities_stage(nullptr, options);
  } else if (name == "grading") {
    stage = stages::grading_stage(nullptr, options);
  } else {
    throw UsageError("unknown stage '" + name + "'");
  }
  for (const auto& topic : stage.inputs) inputs.push_back({topic, transactional(topic)});
  return inputs;
}

}  // namespace sharpline::cli
