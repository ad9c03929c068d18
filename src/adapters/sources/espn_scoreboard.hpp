// ESPN's unofficial site API -> sharpline records.
//
//   scoreboard: site.api.espn.com/apis/site/v2/sports/{sport}/{league}/scoreboard
//   summary:    site.api.espn.com/apis/site/v2/sports/{sport}/{league}/summary?event={id}
//
// Each scoreboard event (its first competition: ESPN lists one per event) becomes an Event and
// a GameResult, plus a WeatherReport when the event carries a weather block. The summary is one
// game: its `header` gives the same records, `boxscore.teams[].statistics` the team stats and
// `gameInfo` the venue and weather. Validation is per event: a bad one becomes a RejectedItem
// (path and problem, raw JSON) and the others are still read. Field mapping, status mapping and
// units: docs/collectors-stats.md.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/stats_payload.hpp"

namespace sharpline::adapters::sources {

inline constexpr const char* kEspnSource = "espn";

// ESPN's URL path parts -> The Odds API sport key ("basketball", "nba" -> "basketball_nba");
// nullopt for a league sharpline has no key for.
std::optional<std::string> espn_sport_key(std::string_view espn_sport, std::string_view league);

// The scoreboard URL of a sport key ("basketball_nba" ->
// <base>/apis/site/v2/sports/basketball/nba/scoreboard); nullopt for a key ESPN has no league for.
inline constexpr std::string_view kEspnBaseUrl = "https://site.api.espn.com";
std::optional<std::string> espn_scoreboard_url(std::string_view base_url, std::string_view sport);

// ESPN's status.type {name, state, completed} -> scheduled, in_progress, final, postponed or
// cancelled; nullopt when none of them is recognised.
std::optional<std::string> espn_status(std::string_view name, std::string_view state,
                                       std::optional<bool> completed);

// sport: The Odds API key of the league the scoreboard was fetched for (the payload's own
// `leagues` block is optional and absent from trimmed responses). poll_ms: when it was fetched
// (updated_ms / observed_ms of every record). A payload that is not an object with an `events`
// array throws std::invalid_argument.
ParsedStats parse_espn_scoreboard(const nlohmann::json& payload, std::string_view sport,
                                  int64_t poll_ms, const entities::EntityResolver& resolver);

// One summary (`header` required; `boxscore` and `gameInfo` used when present). items is 1.
// A payload that is not an object with a `header` object throws std::invalid_argument.
ParsedStats parse_espn_summary(const nlohmann::json& payload, std::string_view sport,
                               int64_t poll_ms, const entities::EntityResolver& resolver);

}  // namespace sharpline::adapters::sources
