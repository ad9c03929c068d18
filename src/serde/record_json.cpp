#include "serde/record_json.hpp"

#include <string>

#include "serde/errors.hpp"
#include "serde/record_json_fields.hpp"

namespace sharpline::serde {
namespace {

using nlohmann::json;
using record_json_fields::get_bool_or;
using record_json_fields::get_double;
using record_json_fields::get_long;
using record_json_fields::get_map;
using record_json_fields::get_string;
using record_json_fields::nullable;
using record_json_fields::opt_double;
using record_json_fields::opt_int;
using record_json_fields::opt_long;
using record_json_fields::opt_string;

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
