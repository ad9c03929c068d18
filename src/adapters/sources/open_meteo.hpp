#pragma once

// Parser for Open-Meteo forecast responses (https://open-meteo.com/en/docs, /v1/forecast with
// `hourly=`). Turns one response into the WeatherReport for one event: the forecast hour that
// contains the kickoff. See docs/collectors-http.md for the fields, units and time rules.
//
// Errors: any unusable input (not JSON, missing or mistyped arrays, arrays of different lengths,
// unknown units, kickoff outside the forecast) throws OpenMeteoParseError naming the field path,
// e.g. "hourly.wind_speed_10m[17]". A null value in an array is not an error: Open-Meteo sends
// null for hours a model does not cover, and the report field is then empty.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "domain/records/records.hpp"

namespace sharpline::adapters::sources {

class OpenMeteoParseError : public std::runtime_error {
 public:
  OpenMeteoParseError(std::string field, const std::string& problem)
      : std::runtime_error("open-meteo: " + field + ": " + problem), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// What the caller knows about the event; the response knows only the weather.
struct WeatherEventContext {
  std::string event_id;
  int64_t kickoff_ms = 0;  // UTC epoch ms
  std::optional<std::string> venue;
  std::optional<double> latitude;  // venue coordinates; the response's grid point when absent
  std::optional<double> longitude;
  std::optional<std::string> roof;  // outdoors, dome, retractable, ...
  int64_t observed_ms = 0;          // when the forecast was fetched
};

inline constexpr std::string_view kOpenMeteoSource = "open-meteo";

domain::WeatherReport parse_open_meteo_forecast(std::string_view body,
                                                const WeatherEventContext& event);

// What a response covers: its grid point and the hours [from_ms, until_ms) a kickoff may fall
// in (the last hour lasting one hour). Throws OpenMeteoParseError for a response
// parse_open_meteo_forecast could not read either (bad JSON, hourly.time missing or malformed).
struct ForecastCoverage {
  std::optional<double> latitude;
  std::optional<double> longitude;
  int64_t from_ms = 0;
  int64_t until_ms = 0;
};
ForecastCoverage open_meteo_coverage(std::string_view body);

// The /v1/forecast request the weather collector sends for a venue: every hourly variable the
// parser reads, UTC times, `forecast_days` days (Open-Meteo serves up to 16).
// e.g. https://api.open-meteo.com/v1/forecast?latitude=44.5013&longitude=-88.0622&hourly=...
inline constexpr std::string_view kOpenMeteoBaseUrl = "https://api.open-meteo.com";
std::string open_meteo_forecast_url(std::string_view base_url, double latitude, double longitude,
                                    int forecast_days = 16);

// "2026-03-04T13:00" (optionally with ":SS") as local time at `utc_offset_seconds` -> UTC epoch
// ms. nullopt when malformed.
std::optional<int64_t> parse_open_meteo_time(std::string_view text, int64_t utc_offset_seconds);

}  // namespace sharpline::adapters::sources
