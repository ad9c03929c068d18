// What the stats/results parsers (ESPN, MLB StatsAPI) return, and the guarded JSON reading they
// share. nlohmann::json throws type_error on a wrong accessor; feeds change shape without notice,
// so every read here checks the type first and a wrong one becomes a per-item rejection naming
// the JSON path, never an exception escaping the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/rejected_item.hpp"
#include "domain/events/canonical_event_id.hpp"
#include "domain/records/records.hpp"

namespace sharpline::adapters::sources {

// One payload's records. Every game item read ends up either accepted (one Event and one
// GameResult, plus a WeatherReport when the item has weather) or as one RejectedItem:
// items == accepted + rejected.size(). Parsers that only update a known game (MLB boxscore and
// linescore) add no Event; there accepted counts the GameResults.
struct ParsedStats {
  std::vector<domain::Event> events;
  std::vector<domain::GameResult> results;
  std::vector<domain::WeatherReport> weather;
  std::vector<RejectedItem> rejected;
  std::size_t items = 0;
  std::size_t accepted = 0;
};

// Throws std::invalid_argument ("<parser>: payload nested deeper than 64 levels") before a parser
// touches a payload whose depth could overflow the stack (json_depth.hpp).
void reject_deep_payload(const nlohmann::json& payload, std::string_view parser);

// °F -> °C and mph -> km/h, the two US units both feeds use.
double fahrenheit_to_celsius(double fahrenheit);
double mph_to_kmh(double mph);

namespace stats_json {

// A problem with one item: `path` is where in the payload (events[3].competitions[0].date),
// `problem` what is wrong with it. Thrown inside a parser and caught at the item's level.
struct Invalid {
  std::string path;
  std::string problem;

  std::string reason() const { return path + ": " + problem; }
};

// "events[3]" + "date" -> "events[3].date"; "events" + 3 -> "events[3]".
std::string at(const std::string& path, std::string_view key);
std::string at(const std::string& path, std::size_t index);

// The member, or nullptr when absent or null (feeds send null for "not known yet").
const nlohmann::json* find(const nlohmann::json& object, std::string_view key);

const nlohmann::json& require(const nlohmann::json& object, std::string_view key,
                              const std::string& path);
const nlohmann::json& require_object(const nlohmann::json& object, std::string_view key,
                                     const std::string& path);
const nlohmann::json& require_array(const nlohmann::json& object, std::string_view key,
                                    const std::string& path);
// A non-empty string.
std::string require_string(const nlohmann::json& object, std::string_view key,
                           const std::string& path);
// Absent or null -> nullopt; present but not a string -> Invalid.
std::optional<std::string> optional_string(const nlohmann::json& object, std::string_view key,
                                           const std::string& path);
std::optional<bool> optional_bool(const nlohmann::json& object, std::string_view key,
                                  const std::string& path);
// A JSON integer, or a string of one ("744914", ESPN's "70"). Absent or null -> nullopt.
std::optional<int64_t> optional_integer(const nlohmann::json& object, std::string_view key,
                                        const std::string& path);
// A JSON number or a string holding one ("69", "45.9", ".264"); anything else -> Invalid.
std::optional<double> optional_number(const nlohmann::json& object, std::string_view key,
                                      const std::string& path);
// An id that feeds send as a string or an integer.
std::string require_id(const nlohmann::json& object, std::string_view key, const std::string& path);

// The whole text as a finite number, else nullopt ("33-61", ".---", "" -> nullopt).
std::optional<double> number_in(std::string_view text);

// ISO-8601 UTC as the feeds write it, including ESPN's minute precision ("2025-07-06T17:00Z").
int64_t require_time(const nlohmann::json& object, std::string_view key, const std::string& path);

// "2024-07-01" -> the day; Invalid otherwise.
domain::events::GameDay require_day(const nlohmann::json& object, std::string_view key,
                                    const std::string& path);

// The canonical team name; an unknown name of a sport with a table is Invalid naming it.
std::string team(const entities::EntityResolver& resolver, std::string_view sport,
                 const std::string& name, const std::string& path);

// canonical_event_id, its domain errors turned into Invalid at `path`.
std::string event_id(const domain::events::EventIdentity& identity, const std::string& path);

}  // namespace stats_json
}  // namespace sharpline::adapters::sources
