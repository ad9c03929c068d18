// The StatsAPI weather block ({"condition": "Sunny", "temp": "69", "wind": "8 mph, Out To CF"},
// all strings, in °F and mph) -> a WeatherReport. Shared by the schedule (weather hydration) and
// the live feed; the public wind helpers are in mlb_statsapi.hpp.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/records/records.hpp"

namespace sharpline::adapters::sources::mlb {

// `venue`: the game's venue object when the payload has one (coordinates, azimuth, roof type).
// nullopt when the block has neither a temperature nor a wind (StatsAPI sends {} before the
// game). Wrong types throw stats_json::Invalid at `path`.
std::optional<domain::WeatherReport> weather_report(const nlohmann::json& weather,
                                                    const std::string& path,
                                                    const domain::Event& game,
                                                    const nlohmann::json* venue,
                                                    int64_t weather_at_ms, int64_t poll_ms);

}  // namespace sharpline::adapters::sources::mlb
