// The features stage: odds, weather and the results table in, feature vectors out.
//
//   inputs   sharpline.odds.v1, sharpline.weather.v1 (co-partitioned by event id)
//   global   sharpline.results.v1: every final score, for team ratings (Elo) and rest days
//   stores   markets (event|market -> MarketState, last emitted view), events (event -> weather)
//   output   sharpline.features.v1, one FeatureVector per change that matters (emission_rule.hpp)
//
// Quotes of one poll share an observed time: they are folded into their market first, and the
// market is judged once the partition's stream time moves past that time (the next poll, or any
// later record), so a half-applied poll never emits a vector that no book ever offered.
// In-play quotes (observed at or after commence) are ignored.
#pragma once

#include <memory>

#include "runtime/stream/stage_definition.hpp"
#include "stages/pipeline_options.hpp"
#include "stages/record_codec.hpp"

namespace sharpline::stages {

inline constexpr const char* kFeaturesApplicationId = "sharpline-features";

runtime::stream::StageDefinition features_stage(const std::shared_ptr<RecordCodec>& codec,
                                                PipelineOptions options);

}  // namespace sharpline::stages
