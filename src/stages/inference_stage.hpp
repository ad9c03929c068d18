// The inference stage: feature vectors in, predictions out.
//
//   input    sharpline.features.v1
//   output   sharpline.predictions.v1
//
// Models come from a directory (adapters/ml/model_directory.hpp), rescanned on a wall-clock
// schedule so new model files are served without a restart. Per vector: the champion of its
// (sport, market) predicts (role CHAMPION), a challenger beside it in shadow (CHALLENGER); a
// market without a model gets the de-vigged consensus itself (CONSENSUS). Predictions carry the
// model version, the top SHAP contributions and a SHA-256 lock over their content and creation
// time (adapters/ml/prediction_lock.hpp).
#pragma once

#include <memory>

#include "runtime/stream/stage_definition.hpp"
#include "stages/pipeline_options.hpp"
#include "stages/record_codec.hpp"

namespace sharpline::stages {

inline constexpr const char* kInferenceApplicationId = "sharpline-inference";

runtime::stream::StageDefinition inference_stage(const std::shared_ptr<RecordCodec>& codec,
                                                 PipelineOptions options);

}  // namespace sharpline::stages
