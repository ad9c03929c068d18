// The domain records (domain/records/records.hpp) in the natural JSON form of their Avro schemas
// (see json_avro_codec.hpp): optional -> null, QuoteChange -> "NEW"/"CHANGED"/"REMOVED", maps as
// objects. to_json() output encodes with the schema's JsonAvroCodec as is; from_json() accepts
// what the codec decodes and throws RecordError naming the field for anything else.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "domain/records/records.hpp"

namespace sharpline::serde {

nlohmann::json to_json(const domain::OddsQuote& quote);
nlohmann::json to_json(const domain::Event& event);
nlohmann::json to_json(const domain::GameResult& result);
nlohmann::json to_json(const domain::WeatherReport& report);

domain::OddsQuote odds_quote_from_json(const nlohmann::json& json);
domain::Event event_from_json(const nlohmann::json& json);
domain::GameResult game_result_from_json(const nlohmann::json& json);
domain::WeatherReport weather_report_from_json(const nlohmann::json& json);

std::string_view quote_change_name(domain::QuoteChange change);
// Throws RecordError for anything but the three schema symbols.
domain::QuoteChange quote_change_from_name(std::string_view name);

}  // namespace sharpline::serde
