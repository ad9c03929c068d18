// The pipeline's topics (declared in topics/). Every one is keyed by canonical event id and
// co-partitioned, so one stage task sees every record of an event.
#pragma once

namespace sharpline::stages {

inline constexpr const char* kOddsTopic = "sharpline.odds.v1";
inline constexpr const char* kEventsTopic = "sharpline.events.v1";
inline constexpr const char* kResultsTopic = "sharpline.results.v1";
inline constexpr const char* kWeatherTopic = "sharpline.weather.v1";
inline constexpr const char* kFeaturesTopic = "sharpline.features.v1";
inline constexpr const char* kPredictionsTopic = "sharpline.predictions.v1";
inline constexpr const char* kOpportunitiesTopic = "sharpline.opportunities.v1";
inline constexpr const char* kAlertsTopic = "sharpline.alerts.v1";
inline constexpr const char* kGradesTopic = "sharpline.grades.v1";

}  // namespace sharpline::stages
