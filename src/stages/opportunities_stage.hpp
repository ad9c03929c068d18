// The opportunities stage: feature vectors (and champion predictions) in, opportunities and
// alerts out.
//
//   inputs   sharpline.features.v1, sharpline.predictions.v1
//   store    open (event|market -> open opportunities, last champion prediction, commence)
//   outputs  sharpline.opportunities.v1 (OPEN / UPDATED / CLOSED), sharpline.alerts.v1 (one per
//            OPEN and CLOSED)
//
// Each vector is judged with detection.hpp and reconciled with the market's open set
// (lifecycle.hpp). When the partition's stream time reaches an event's commence time every
// open opportunity of it closes with event_started.
#pragma once

#include <memory>

#include "runtime/stream/stage_definition.hpp"
#include "stages/pipeline_options.hpp"
#include "stages/record_codec.hpp"

namespace sharpline::stages {

inline constexpr const char* kOpportunitiesApplicationId = "sharpline-opportunities";

runtime::stream::StageDefinition opportunities_stage(const std::shared_ptr<RecordCodec>& codec,
                                                     PipelineOptions options);

}  // namespace sharpline::stages
