// MLB StatsAPI (statsapi.mlb.com) -> sharpline records.
//
//   /api/v1/schedule (plain or hydrated)  one Event + GameResult per game (+ weather if hydrated)
//   /api/v1.1/game/{pk}/feed/live          Event, GameResult (linescore + boxscore stats) and the
//                                          game-time WeatherReport
//   /api/v1/game/{pk}/boxscore, linescore  a GameResult for a game already known as an Event:
//                                          neither payload says which game or date it is
//
// Every game's event_id is canonical (baseball_mlb, officialDate, gameNumber of a doubleheader);
// gamePk goes into Event::external_ids["mlb-statsapi"]. Validation is per game; see
// docs/collectors-stats.md for the field mapping, status mapping and weather conversions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/stats_payload.hpp"
#include "domain/records/records.hpp"

namespace sharpline::adapters::sources {

inline constexpr const char* kMlbStatsApiSource = "mlb-statsapi";
inline constexpr const char* kMlbSport = "baseball_mlb";

// status {abstractGameState, detailedState} -> scheduled, in_progress, final, postponed or
// cancelled; nullopt when unknown.
std::optional<std::string> mlb_status(std::string_view abstract_state,
                                      std::string_view detailed_state);

// "12 mph, Out To CF" -> 19.31 km/h and "Out To CF". The speed is empty when the text has no
// "<number> mph" part, the direction when nothing follows the comma.
struct MlbWind {
  std::optional<double> speed_kmh;
  std::optional<std::string> direction;
};
std::optional<MlbWind> parse_mlb_wind(std::string_view text);

// The meteorological direction (where the wind comes from, degrees clockwise from north) of a
// StatsAPI wind direction, given the park's azimuth (the compass bearing from home plate to
// centre field, venue.location.azimuthAngle). nullopt for Calm, None, Varies and unknown text.
std::optional<double> mlb_wind_from_degrees(std::string_view direction, double azimuth_deg);

// All throw std::invalid_argument for a payload that is not the expected top-level shape.
ParsedStats parse_mlb_schedule(const nlohmann::json& payload, int64_t poll_ms,
                               const entities::EntityResolver& resolver);
ParsedStats parse_mlb_live_feed(const nlohmann::json& payload, int64_t poll_ms,
                                const entities::EntityResolver& resolver);
// `game`: the game's Event from the schedule or live feed (event_id, teams, status). The
// boxscore's teams must be that game's teams, else the payload is rejected.
ParsedStats parse_mlb_boxscore(const nlohmann::json& payload, const domain::Event& game,
                               int64_t poll_ms, const entities::EntityResolver& resolver);
ParsedStats parse_mlb_linescore(const nlohmann::json& payload, const domain::Event& game,
                                int64_t poll_ms);

}  // namespace sharpline::adapters::sources
