#include "adapters/sources/mlb_weather.hpp"

#include <array>
#include <cctype>
#include <cmath>

#include "adapters/sources/mlb_statsapi.hpp"
#include "adapters/sources/stats_payload.hpp"

namespace sharpline::adapters::sources {
namespace {

using nlohmann::json;
using stats_json::at;
using stats_json::find;
using stats_json::Invalid;

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

// The roof at game time: the condition says whether a retractable roof was shut.
std::optional<std::string> roof_of(const std::optional<std::string>& condition, const json* venue) {
  if (condition && equals_ignoring_case(*condition, "Roof Closed")) return "closed";
  if (condition && equals_ignoring_case(*condition, "Dome")) return "dome";
  const json* field = venue != nullptr ? find(*venue, "fieldInfo") : nullptr;
  const json* type = field != nullptr ? find(*field, "roofType") : nullptr;
  if (type == nullptr || !type->is_string()) return std::nullopt;
  const std::string& text = type->get_ref<const std::string&>();
  if (equals_ignoring_case(text, "Open")) return "outdoors";
  if (equals_ignoring_case(text, "Dome")) return "dome";
  if (equals_ignoring_case(text, "Retractable")) return condition ? "open" : "retractable";
  return std::nullopt;
}

std::optional<double> coordinate(const json* venue, const char* key) {
  const json* location = venue != nullptr ? find(*venue, "location") : nullptr;
  const json* coords = location != nullptr ? find(*location, "defaultCoordinates") : nullptr;
  const json* value = coords != nullptr ? find(*coords, key) : nullptr;
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

}  // namespace

std::optional<MlbWind> parse_mlb_wind(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  MlbWind wind;
  if (equals_ignoring_case(text, "Calm")) {
    wind.speed_kmh = 0.0;
    wind.direction = "Calm";
    return wind;
  }
  const auto comma = text.find(',');
  const std::string_view speed = trim(text.substr(0, comma));
  if (comma != std::string_view::npos) {
    const auto direction = trim(text.substr(comma + 1));
    if (!direction.empty()) wind.direction = std::string(direction);
  }
  const auto space = speed.find(' ');
  if (space != std::string_view::npos && equals_ignoring_case(trim(speed.substr(space)), "mph")) {
    if (auto mph = stats_json::number_in(speed.substr(0, space)); mph && *mph >= 0)
      wind.speed_kmh = mph_to_kmh(*mph);
  }
  if (!wind.speed_kmh && !wind.direction) return std::nullopt;
  return wind;
}

std::optional<double> mlb_wind_from_degrees(std::string_view direction, double azimuth_deg) {
  // Offsets from the azimuth (home plate -> centre field) of the direction the wind comes FROM;
  // "Out To CF" blows from behind home plate towards centre field.
  struct Rule {
    std::string_view text;
    double from_offset;
  };
  static constexpr std::array<Rule, 8> kRules{{
      {"Out To CF", 180},
      {"Out To LF", 135},
      {"Out To RF", 225},
      {"In From CF", 0},
      {"In From LF", -45},
      {"In From RF", 45},
      {"L To R", 270},
      {"R To L", 90},
  }};
  direction = trim(direction);
  for (const auto& rule : kRules) {
    if (!equals_ignoring_case(direction, rule.text)) continue;
    double degrees = std::fmod(azimuth_deg + rule.from_offset, 360.0);
    if (degrees < 0) degrees += 360.0;
    return degrees;
  }
  return std::nullopt;
}

namespace mlb {

std::optional<domain::WeatherReport> weather_report(const json& weather, const std::string& path,
                                                    const domain::Event& game, const json* venue,
                                                    int64_t weather_at_ms, int64_t poll_ms) {
  if (!weather.is_object()) throw Invalid{path, "not an object"};
  const auto condition = stats_json::optional_string(weather, "condition", path);
  const auto fahrenheit = stats_json::optional_number(weather, "temp", path);
  std::optional<MlbWind> wind;
  if (const auto text = stats_json::optional_string(weather, "wind", path)) {
    wind = parse_mlb_wind(*text);
    if (!wind && !trim(*text).empty())
      throw Invalid{at(path, "wind"), "not like \"12 mph, Out To CF\": \"" + *text + "\""};
  }
  if (!fahrenheit && !wind) return std::nullopt;

  domain::WeatherReport w;
  w.event_id = game.event_id;
  w.venue = game.venue;
  w.latitude = coordinate(venue, "latitude");
  w.longitude = coordinate(venue, "longitude");
  w.forecast_for_ms = weather_at_ms;
  // StatsAPI fills the block with the reading at first pitch; before that it is a forecast.
  w.kind = game.status == "in_progress" || game.status == "final" ? "observed" : "forecast";
  if (fahrenheit) w.temperature_c = fahrenheit_to_celsius(*fahrenheit);
  if (wind) {
    w.wind_speed_kmh = wind->speed_kmh;
    const json* location = venue != nullptr ? find(*venue, "location") : nullptr;
    const json* azimuth = location != nullptr ? find(*location, "azimuthAngle") : nullptr;
    if (wind->direction && azimuth != nullptr && azimuth->is_number())
      w.wind_direction_deg = mlb_wind_from_degrees(*wind->direction, azimuth->get<double>());
  }
  w.roof = roof_of(condition, venue);
  w.observed_ms = poll_ms;
  w.source = kMlbStatsApiSource;
  return w;
}

}  // namespace mlb
}  // namespace sharpline::adapters::sources
