// The records collectors produce and stages consume, as plain C++ values. They mirror the Avro
// schemas in schemas/ field for field (units as documented there: decimal odds, UTC epoch
// milliseconds); serde/record_json maps them to and from the schemas' JSON form.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace sharpline::domain {

enum class QuoteChange { kNew, kChanged, kRemoved };

// One price of one bookmaker for one outcome of one market of one event.
struct OddsQuote {
  std::string event_id;
  std::string sport;  // e.g. americanfootball_nfl, soccer_epl
  std::optional<int64_t> commence_ms;
  std::string bookmaker;        // lower-case key, e.g. pinnacle, draftkings
  std::string market;           // h2h, spreads, totals, h2h_3way
  std::string outcome;          // canonical team name, Draw, Over, Under
  std::optional<double> point;  // spread or total line
  double price = 0.0;           // decimal odds > 1
  std::optional<double> previous_price;
  QuoteChange change = QuoteChange::kNew;
  std::optional<int64_t> book_updated_ms;
  int64_t observed_ms = 0;  // poll time, or the historical time of the line
  std::string source;       // the-odds-api, football-data, sbro, nflverse
  bool is_closing = false;

  bool operator==(const OddsQuote&) const = default;
};

struct Event {
  std::string event_id;
  std::string sport;
  std::optional<std::string> league;
  std::optional<int32_t> season;
  std::optional<int32_t> week;
  std::string home_team;
  std::string away_team;
  int64_t commence_ms = 0;
  bool neutral_site = false;
  std::optional<std::string> venue;
  std::string status = "scheduled";  // scheduled, in_progress, final, postponed, cancelled
  std::string source;
  int64_t updated_ms = 0;
  std::map<std::string, std::string> external_ids;  // source -> that source's id

  bool operator==(const Event&) const = default;
};

struct GameResult {
  std::string event_id;
  std::string sport;
  std::string status;
  std::optional<int32_t> home_score;
  std::optional<int32_t> away_score;
  std::optional<std::string> period;
  std::optional<std::string> clock;
  std::map<std::string, double> home_stats;
  std::map<std::string, double> away_stats;
  bool is_final = false;
  int64_t updated_ms = 0;
  std::string source;

  bool operator==(const GameResult&) const = default;
};

struct WeatherReport {
  std::string event_id;
  std::optional<std::string> venue;
  std::optional<double> latitude;
  std::optional<double> longitude;
  int64_t forecast_for_ms = 0;
  std::string kind = "forecast";  // forecast or observed
  std::optional<double> temperature_c;
  std::optional<double> precipitation_mm;
  std::optional<double> precipitation_probability;
  std::optional<double> wind_speed_kmh;
  std::optional<double> wind_gust_kmh;
  std::optional<double> wind_direction_deg;
  std::optional<std::string> roof;
  int64_t observed_ms = 0;
  std::string source;

  bool operator==(const WeatherReport&) const = default;
};

}  // namespace sharpline::domain
