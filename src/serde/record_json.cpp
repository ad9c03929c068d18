#include "serde/record_json.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <type_traits>

#include "serde/errors.hpp"

namespace sharpline::serde {
namespace {

using nlohmann::json;

// Field readers: one error message style for every record, naming the field.
const json& field(const json& record, const char* name) {
  if (!record.is_object()) throw RecordError("", "expected a JSON object");
  const auto it = record.find(name);
  if (it == record.end()) throw RecordError(name, "missing");
  return *it;
}

bool has_value(const json& record, const char* name) {
  const auto it = record.find(name);
  return it != record.end() && !it->is_null();
}

std::string get_string(const json& record, const char* name) {
  const json& value = field(record, name);
  if (!value.is_string()) throw RecordError(name, "expected a string, got " + value.dump());
  return value.get<std::string>();
}

int64_t get_long(const json& record, const char* name) {
  const json& value = field(record, name);
  if (!value.is_number_integer())
    throw RecordError(name, "expected an integer, got " + value.dump());
  return value.get<int64_t>();
}

int32_t get_int(const json& record, const char* name) {
  const int64_t value = get_long(record, name);
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max())
    throw RecordError(name, "out of range for int: " + std::to_string(value));
  return static_cast<int32_t>(value);
}

double get_double(const json& record, const char* name) {
  const json& value = field(record, name);
  if (!value.is_number()) throw RecordError(name, "expected a number, got " + value.dump());
  return value.get<double>();
}

bool get_bool_or(const json& record, const char* name, bool fallback) {
  if (!has_value(record, name)) return fallback;
  const json& value = record.at(name);
  if (!value.is_boolean()) throw RecordError(name, "expected a boolean, got " + value.dump());
  return value.get<bool>();
}

template <typename T, typename Get>
std::optional<T> optional_of(const json& record, const char* name, Get get) {
  if (!has_value(record, name)) return std::nullopt;
  return get(record, name);
}

std::optional<std::string> opt_string(const json& r, const char* n) {
  return optional_of<std::string>(r, n, get_string);
}
std::optional<int64_t> opt_long(const json& r, const char* n) {
  return optional_of<int64_t>(r, n, get_long);
}
std::optional<int32_t> opt_int(const json& r, const char* n) {
  return optional_of<int32_t>(r, n, get_int);
}
std::optional<double> opt_double(const json& r, const char* n) {
  return optional_of<double>(r, n, get_double);
}

template <typename T>
json nullable(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// Maps default to {} in the schemas, so a missing map is an empty one.
template <typename V>
std::map<std::string, V> get_map(const json& record, const char* name) {
  std::map<std::string, V> out;
  if (!has_value(record, name)) return out;
  const json& value = record.at(name);
  if (!value.is_object()) throw RecordError(name, "expected an object, got " + value.dump());
  for (const auto& [key, item] : value.items()) {
    const std::string path = std::string(name) + "[\"" + key + "\"]";
    if constexpr (std::is_same_v<V, std::string>) {
      if (!item.is_string()) throw RecordError(path, "expected a string, got " + item.dump());
    } else {
      if (!item.is_number()) throw RecordError(path, "expected a number, got " + item.dump());
    }
    out.emplace(key, item.template get<V>());
  }
  return out;
}

}  // namespace

std::string_view quote_change_name(domain::QuoteChange change) {
  switch (change) {
    case domain::QuoteChange::kNew:
      return "NEW";
    case domain::QuoteChange::kChanged:
      return "CHANGED";
    case domain::QuoteChange::kRemoved:
      return "REMOVED";
  }
  return "NEW";  // unreachable: the switch covers the enum
}

domain::QuoteChange quote_change_from_name(std::string_view name) {
  if (name == "NEW") return domain::QuoteChange::kNew;
  if (name == "CHANGED") return domain::QuoteChange::kChanged;
  if (name == "REMOVED") return domain::QuoteChange::kRemoved;
  throw RecordError("change",
                    "expected NEW, CHANGED or REMOVED, got \"" + std::string(name) + "\"");
}

json to_json(const domain::OddsQuote& q) {
  return {{"event_id", q.event_id},
          {"sport", q.sport},
          {"commence_ms", nullable(q.commence_ms)},
          {"bookmaker", q.bookmaker},
          {"market", q.market},
          {"outcome", q.outcome},
          {"point", nullable(q.point)},
          {"price", q.price},
          {"previous_price", nullable(q.previous_price)},
          {"change", quote_change_name(q.change)},
          {"book_updated_ms", nullable(q.book_updated_ms)},
          {"observed_ms", q.observed_ms},
          {"source", q.source},
          {"is_closing", q.is_closing}};
}

json to_json(const domain::Event& e) {
  return {{"event_id", e.event_id},
          {"sport", e.sport},
          {"league", nullable(e.league)},
          {"season", nullable(e.season)},
          {"week", nullable(e.week)},
          {"home_team", e.home_team},
          {"away_team", e.away_team},
          {"commence_ms", e.commence_ms},
          {"neutral_site", e.neutral_site},
          {"venue", nullable(e.venue)},
          {"status", e.status},
          {"source", e.source},
          {"updated_ms", e.updated_ms},
          {"external_ids", json(e.external_ids)}};
}

json to_json(const domain::GameResult& r) {
  return {{"event_id", r.event_id},
          {"sport", r.sport},
          {"status", r.status},
          {"home_score", nullable(r.home_score)},
          {"away_score", nullable(r.away_score)},
          {"period", nullable(r.period)},
          {"clock", nullable(r.clock)},
          {"home_stats", json(r.home_stats)},
          {"away_stats", json(r.away_stats)},
          {"is_final", r.is_final},
          {"updated_ms", r.updated_ms},
          {"source", r.source}};
}

json to_json(const domain::WeatherReport& w) {
  return {{"event_id", w.event_id},
          {"venue", nullable(w.venue)},
          {"latitude", nullable(w.latitude)},
          {"longitude", nullable(w.longitude)},
          {"forecast_for_ms", w.forecast_for_ms},
          {"kind", w.kind},
          {"temperature_c", nullable(w.temperature_c)},
          {"precipitation_mm", nullable(w.precipitation_mm)},
          {"precipitation_probability", nullable(w.precipitation_probability)},
          {"wind_speed_kmh", nullable(w.wind_speed_kmh)},
          {"wind_gust_kmh", nullable(w.wind_gust_kmh)},
          {"wind_direction_deg", nullable(w.wind_direction_deg)},
          {"roof", nullable(w.roof)},
          {"observed_ms", w.observed_ms},
          {"source", w.source}};
}

domain::OddsQuote odds_quote_from_json(const json& j) {
  domain::OddsQuote q;
  q.event_id = get_string(j, "event_id");
  q.sport = get_string(j, "sport");
  q.commence_ms = opt_long(j, "commence_ms");
  q.bookmaker = get_string(j, "bookmaker");
  q.market = get_string(j, "market");
  q.outcome = get_string(j, "outcome");
  q.point = opt_double(j, "point");
  q.price = get_double(j, "price");
  q.previous_price = opt_double(j, "previous_price");
  q.change = quote_change_from_name(get_string(j, "change"));
  q.book_updated_ms = opt_long(j, "book_updated_ms");
  q.observed_ms = get_long(j, "observed_ms");
  q.source = get_string(j, "source");
  q.is_closing = get_bool_or(j, "is_closing", false);
  return q;
}

domain::Event event_from_json(const json& j) {
  domain::Event e;
  e.event_id = get_string(j, "event_id");
  e.sport = get_string(j, "sport");
  e.league = opt_string(j, "league");
  e.season = opt_int(j, "season");
  e.week = opt_int(j, "week");
  e.home_team = get_string(j, "home_team");
  e.away_team = get_string(j, "away_team");
  e.commence_ms = get_long(j, "commence_ms");
  e.neutral_site = get_bool_or(j, "neutral_site", false);
  e.venue = opt_string(j, "venue");
  e.status = get_string(j, "status");
  e.source = get_string(j, "source");
  e.updated_ms = get_long(j, "updated_ms");
  e.external_ids = get_map<std::string>(j, "external_ids");
  return e;
}

domain::GameResult game_result_from_json(const json& j) {
  domain::GameResult r;
  r.event_id = get_string(j, "event_id");
  r.sport = get_string(j, "sport");
  r.status = get_string(j, "status");
  r.home_score = opt_int(j, "home_score");
  r.away_score = opt_int(j, "away_score");
  r.period = opt_string(j, "period");
  r.clock = opt_string(j, "clock");
  r.home_stats = get_map<double>(j, "home_stats");
  r.away_stats = get_map<double>(j, "away_stats");
  r.is_final = get_bool_or(j, "is_final", false);
  r.updated_ms = get_long(j, "updated_ms");
  r.source = get_string(j, "source");
  return r;
}

domain::WeatherReport weather_report_from_json(const json& j) {
  domain::WeatherReport w;
  w.event_id = get_string(j, "event_id");
  w.venue = opt_string(j, "venue");
  w.latitude = opt_double(j, "latitude");
  w.longitude = opt_double(j, "longitude");
  w.forecast_for_ms = get_long(j, "forecast_for_ms");
  w.kind = get_string(j, "kind");
  w.temperature_c = opt_double(j, "temperature_c");
  w.precipitation_mm = opt_double(j, "precipitation_mm");
  w.precipitation_probability = opt_double(j, "precipitation_probability");
  w.wind_speed_kmh = opt_double(j, "wind_speed_kmh");
  w.wind_gust_kmh = opt_double(j, "wind_gust_kmh");
  w.wind_direction_deg = opt_double(j, "wind_direction_deg");
  w.roof = opt_string(j, "roof");
  w.observed_ms = get_long(j, "observed_ms");
  w.source = get_string(j, "source");
  return w;
}

}  // namespace sharpline::serde
