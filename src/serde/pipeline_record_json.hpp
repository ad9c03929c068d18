// The pipeline records (domain/records/pipeline_records.hpp) in the natural JSON form of their
// Avro schemas (see json_avro_codec.hpp): optional -> null, timestamps as integers, enums as their
// schema symbols (SHORTENING/DRIFTING, CHAMPION/CHALLENGER/CONSENSUS, OPEN/UPDATED/CLOSED,
// WIN/LOSE/PUSH/VOID/HALF_WIN/HALF_LOSE), nested records as objects. to_json() output encodes with
// the schema's JsonAvroCodec as is; from_json() accepts what the codec decodes and throws
// RecordError naming the field ("legs[1].result") for anything else.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/records/pipeline_records.hpp"

namespace sharpline::serde {

nlohmann::json to_json(const domain::FeatureVector& features);
nlohmann::json to_json(const domain::Prediction& prediction);
nlohmann::json to_json(const domain::Opportunity& opportunity);
nlohmann::json to_json(const domain::Alert& alert);
nlohmann::json to_json(const domain::Grade& grade);

domain::FeatureVector feature_vector_from_json(const nlohmann::json& json);
domain::Prediction prediction_from_json(const nlohmann::json& json);
domain::Opportunity opportunity_from_json(const nlohmann::json& json);
domain::Alert alert_from_json(const nlohmann::json& json);
domain::Grade grade_from_json(const nlohmann::json& json);

// Enum symbols as in the schemas. The *_from_name functions throw RecordError naming the field
// that holds the enum ("direction", "role", "state", "result") for anything but a schema symbol.
std::string_view steam_direction_name(domain::SteamDirection direction);
domain::SteamDirection steam_direction_from_name(std::string_view name);
std::string_view model_role_name(domain::ModelRole role);
domain::ModelRole model_role_from_name(std::string_view name);
std::string_view opportunity_state_name(domain::OpportunityState state);
domain::OpportunityState opportunity_state_from_name(std::string_view name);
std::string_view leg_result_name(domain::LegResult result);
domain::LegResult leg_result_from_name(std::string_view name);

}  // namespace sharpline::serde
