// The grading stage: settles every opportunity and prediction of an event when its final
// result arrives, with closing-line value, and keeps running totals per strategy.
//
//   inputs   sharpline.odds.v1 (closing prices per book), sharpline.features.v1 (closing
//            consensus), sharpline.opportunities.v1 (OPEN records: the bets as taken),
//            sharpline.predictions.v1, sharpline.results.v1
//   stores   pending (event|... -> what waits for the result), totals (strategy -> totals)
//   output   sharpline.grades.v1
//
// Closing line: the last pre-kickoff quote of each book and the last pre-kickoff consensus;
// quotes and vectors at or after commence are in-play and ignored. An opportunity or prediction
// arriving after its event was graded is graded at once against the stored result.
#pragma once

#include <memory>

#include "runtime/stream/stage_definition.hpp"
#include "stages/pipeline_options.hpp"
#include "stages/record_codec.hpp"

namespace sharpline::stages {

inline constexpr const char* kGradingApplicationId = "sharpline-grading";

runtime::stream::StageDefinition grading_stage(const std::shared_ptr<RecordCodec>& codec,
                                               const PipelineOptions& options);

}  // namespace sharpline::stages
