#include "adapters/sources/open_meteo.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "adapters/http/resilient_http_client.hpp"
#include "unit/http_fixture/fixture_server.hpp"

namespace sharpline::adapters::sources {
namespace {

using sharpline::testing::read_text_file;
using sharpline::testing::shared_data_dir;
using namespace std::chrono;

constexpr double kTolerance = 1e-3;

int64_t utc_ms(year_month_day date, int hour, int minute = 0) {
  return duration_cast<milliseconds>(
             (sys_days{date} + hours{hour} + minutes{minute}).time_since_epoch())
      .count();
}

std::string toronto() {
  return read_text_file(shared_data_dir() +
                        "/open_meteo/forecast_toronto_hourly_wind_precip_2026-03-04.json");
}
std::string nyc_legacy() {
  return read_text_file(shared_data_dir() +
                        "/open_meteo/forecast_nyc_14d_hourly_legacy_varnames_2025-09-01T0000.json");
}

WeatherEventContext event_at(int64_t kickoff_ms) {
  WeatherEventContext event;
  event.event_id = "evt-1";
  event.kickoff_ms = kickoff_ms;
  event.observed_ms = 1'772'600'000'000;
  return event;
}

// Expect a parse error naming `field`.
template <class Body>
void expect_error(const Body& body, int64_t kickoff_ms, const std::string& field) {
  try {
    parse_open_meteo_forecast(body, event_at(kickoff_ms));
    ADD_FAILURE() << "expected OpenMeteoParseError for " << field;
  } catch (const OpenMeteoParseError& error) {
    EXPECT_EQ(error.field(), field) << error.what();
    EXPECT_NE(std::string(error.what()).find(field), std::string::npos);
  }
}

TEST(OpenMeteoTime, ReadsLocalTimeAtTheResponseOffset) {
  EXPECT_EQ(parse_open_meteo_time("2026-03-04T00:00", -18000), utc_ms(2026y / 3 / 4, 5));
  EXPECT_EQ(parse_open_meteo_time("2026-03-04T13:30:15", 0),
            utc_ms(2026y / 3 / 4, 13, 30) + 15'000);
  EXPECT_FALSE(parse_open_meteo_time("2026-02-30T00:00", 0));
  EXPECT_FALSE(parse_open_meteo_time("2026-03-04 00:00", 0));
  EXPECT_FALSE(parse_open_meteo_time("2026-03-04T24:00", 0));
  EXPECT_FALSE(parse_open_meteo_time("", 0));
}

// Toronto, kickoff in 2026-03-05T17:00 local (utc_offset_seconds -18000) = 22:00Z. Instant values
// at 17:00 in the file: 35.4 °F, 10.2 mp/h from 64°. Hour values stamped 18:00 (end of the hour):
// 0.028 inch, 69 %, gusts 32.0 mp/h.
TEST(OpenMeteo, ConvertsImperialUnitsForTheKickoffHour) {
  auto event = event_at(utc_ms(2026y / 3 / 5, 22, 40));
  event.venue = "BMO Field";
  event.roof = "outdoors";
  auto report = parse_open_meteo_forecast(toronto(), event);
  EXPECT_EQ(report.event_id, "evt-1");
  EXPECT_EQ(report.venue, "BMO Field");
  EXPECT_EQ(report.roof, "outdoors");
  EXPECT_EQ(report.forecast_for_ms, utc_ms(2026y / 3 / 5, 22));
  EXPECT_EQ(report.kind, "forecast");
  EXPECT_EQ(report.source, "open-meteo");
  EXPECT_EQ(report.observed_ms, event.observed_ms);
  // No venue coordinates given: the response's grid point.
  EXPECT_NEAR(*report.latitude, 43.70455, 1e-9);
  EXPECT_NEAR(*report.longitude, -79.404625, 1e-9);
  EXPECT_NEAR(*report.temperature_c, (35.4 - 32) * 5 / 9, kTolerance);
  EXPECT_NEAR(*report.precipitation_mm, 0.028 * 25.4, kTolerance);
  EXPECT_NEAR(*report.precipitation_probability, 0.69, kTolerance);
  EXPECT_NEAR(*report.wind_speed_kmh, 10.2 * 1.609344, kTolerance);
  EXPECT_NEAR(*report.wind_gust_kmh, 32.0 * 1.609344, kTolerance);
  EXPECT_NEAR(*report.wind_direction_deg, 64, kTolerance);
}

// The Toronto series keeps -18000 across the 2026-03-08 DST change (it even lists 02:00, which
// does not exist locally that night), so 2026-03-08T20:00 in the file is 2026-03-09T01:00Z:
// 45.1 °F, 9.5 mp/h from 225°; at 21:00 (end of the hour) 0.0 inch, 1 %, gusts 34.0 mp/h.
TEST(OpenMeteo, UsesTheFixedResponseOffsetAcrossDaylightSavingTime) {
  auto venue = event_at(utc_ms(2026y / 3 / 9, 1, 25));
  venue.latitude = 43.6332;
  venue.longitude = -79.4186;
  auto report = parse_open_meteo_forecast(toronto(), venue);
  EXPECT_EQ(report.forecast_for_ms, utc_ms(2026y / 3 / 9, 1));
  EXPECT_EQ(report.latitude, 43.6332);  // the venue's own coordinates win
  EXPECT_EQ(report.longitude, -79.4186);
  EXPECT_NEAR(*report.temperature_c, (45.1 - 32) * 5 / 9, kTolerance);
  EXPECT_NEAR(*report.wind_speed_kmh, 9.5 * 1.609344, kTolerance);
  EXPECT_NEAR(*report.wind_direction_deg, 225, kTolerance);
  EXPECT_NEAR(*report.precipitation_probability, 0.01, kTolerance);
  EXPECT_NEAR(*report.precipitation_mm, 0.0, kTolerance);
  EXPECT_NEAR(*report.wind_gust_kmh, 34.0 * 1.609344, kTolerance);
}

// New York, legacy names; 2025-09-07T13:00 local (-14400) = 17:00Z: 73.1 °F, windspeed 7.4 mp/h,
// winddirection 327°; at 14:00 (end of the hour) 4 %, windgusts 8.7 mp/h, rain/showers/snowfall 0.
TEST(OpenMeteo, ReadsLegacyVariableNames) {
  auto report = parse_open_meteo_forecast(nyc_legacy(), event_at(utc_ms(2025y / 9 / 7, 17)));
  EXPECT_EQ(report.forecast_for_ms, utc_ms(2025y / 9 / 7, 17));
  EXPECT_NEAR(*report.temperature_c, (73.1 - 32) * 5 / 9, kTolerance);
  EXPECT_NEAR(*report.precipitation_probability, 0.04, kTolerance);
  EXPECT_NEAR(*report.wind_speed_kmh, 7.4 * 1.609344, kTolerance);
  EXPECT_NEAR(*report.wind_direction_deg, 327, kTolerance);
  EXPECT_NEAR(*report.wind_gust_kmh, 8.7 * 1.609344, kTolerance);
  // No `precipitation` array: rain + showers + snowfall (all 0 inch at this hour).
  EXPECT_EQ(report.precipitation_mm, 0.0);
}

// New York, kickoff hour 2025-09-05T05:00 local = 09:00Z; stamped 06:00: rain 0.087 inch,
// showers 0.024 inch, snowfall 0, 44 %.
TEST(OpenMeteo, SumsRainShowersAndSnowWhenPrecipitationIsAbsent) {
  auto report = parse_open_meteo_forecast(nyc_legacy(), event_at(utc_ms(2025y / 9 / 5, 9, 30)));
  EXPECT_NEAR(*report.precipitation_mm, (0.087 + 0.024) * 25.4, kTolerance);
  EXPECT_NEAR(*report.precipitation_probability, 0.44, kTolerance);

  // Metric units: 7 cm of snow is 10 mm of water (Open-Meteo's rule).
  std::string snowy = R"({"hourly":{"time":["2025-01-01T00:00","2025-01-01T01:00"],
    "rain":[9,0.5],"showers":[9,0.25],"snowfall":[9,7.0]}})";
  auto snow = parse_open_meteo_forecast(snowy, event_at(utc_ms(2025y / 1 / 1, 0)));
  EXPECT_NEAR(*snow.precipitation_mm, 0.5 + 0.25 + 10.0, kTolerance);

  // A missing part leaves the sum unknown.
  std::string partial =
      R"({"hourly":{"time":["2025-01-01T00:00","2025-01-01T01:00"],"rain":[0,0.5],"showers":[0,0.2]}})";
  EXPECT_FALSE(parse_open_meteo_forecast(partial, event_at(utc_ms(2025y / 1 / 1, 0)))
                   .precipitation_mm.has_value());
}

TEST(OpenMeteo, KickoffOutsideTheForecastIsAnError) {
  expect_error(toronto(), utc_ms(2026y / 3 / 4, 4, 59), "hourly.time");  // before 00:00 local
  expect_error(toronto(), utc_ms(2026y / 3 / 12, 5), "hourly.time");     // after 23:00 + 1 h
  // The last hour still counts.
  auto report = parse_open_meteo_forecast(toronto(), event_at(utc_ms(2026y / 3 / 12, 4, 59)));
  EXPECT_EQ(report.forecast_for_ms, utc_ms(2026y / 3 / 12, 4));
  EXPECT_TRUE(report.temperature_c.has_value());
  // Hour values would be stamped at the end of the last hour, which the forecast does not have.
  EXPECT_FALSE(report.precipitation_mm.has_value());
  EXPECT_FALSE(report.precipitation_probability.has_value());
  EXPECT_FALSE(report.wind_gust_kmh.has_value());
}

TEST(OpenMeteo, MetricDefaultsAndNullValues) {
  std::string body = R"({"utc_offset_seconds":0,"hourly":{
    "time":["2025-01-01T00:00","2025-01-01T01:00"],
    "temperature_2m":[-3.5,null],"wind_speed_10m":[12.0,14.0],"precipitation":[0.4,0.0]}})";
  auto first = parse_open_meteo_forecast(body, event_at(utc_ms(2025y / 1 / 1, 0)));
  EXPECT_EQ(first.temperature_c, -3.5);
  EXPECT_EQ(first.wind_speed_kmh, 12.0);
  EXPECT_EQ(first.precipitation_mm, 0.0);  // stamped 01:00, the end of the kickoff hour
  EXPECT_FALSE(first.wind_direction_deg.has_value());
  EXPECT_FALSE(first.latitude.has_value());
  auto second = parse_open_meteo_forecast(body, event_at(utc_ms(2025y / 1 / 1, 1, 30)));
  EXPECT_FALSE(second.temperature_c.has_value());
  EXPECT_EQ(second.wind_speed_kmh, 14.0);
}

TEST(OpenMeteo, UnixTimeAndOtherSpeedUnits) {
  auto start = utc_ms(2025y / 1 / 1, 0) / 1000;
  std::string body = R"({"hourly_units":{"wind_speed_10m":"m/s","wind_gusts_10m":"kn"},
    "hourly":{"time":[)" +
                     std::to_string(start) + "," + std::to_string(start + 3600) +
                     R"(],"wind_speed_10m":[5,6],"wind_gusts_10m":[10,20]}})";
  auto report = parse_open_meteo_forecast(body, event_at(utc_ms(2025y / 1 / 1, 0, 10)));
  EXPECT_EQ(report.forecast_for_ms, utc_ms(2025y / 1 / 1, 0));
  EXPECT_NEAR(*report.wind_speed_kmh, 5 * 3.6, kTolerance);    // instant, at 00:00
  EXPECT_NEAR(*report.wind_gust_kmh, 20 * 1.852, kTolerance);  // hour maximum, stamped 01:00
}

TEST(OpenMeteo, RejectsBadPayloadsNamingTheField) {
  auto kickoff = utc_ms(2025y / 1 / 1, 0);
  expect_error(std::string(R"({"hourly":{"time":["2025)"), kickoff, "(document)");
  expect_error(std::string("[]"), kickoff, "(document)");
  expect_error(std::string("{}"), kickoff, "hourly");
  expect_error(std::string(R"({"hourly":[1]})"), kickoff, "hourly");
  expect_error(std::string(R"({"hourly":{"temperature_2m":[1]}})"), kickoff, "hourly.time");
  expect_error(std::string(R"({"hourly":{"time":"2025-01-01T00:00"}})"), kickoff, "hourly.time");
  expect_error(std::string(R"({"hourly":{"time":[]}})"), kickoff, "hourly.time");
  expect_error(std::string(R"({"hourly":{"time":["2025-01-01T00:00",7.5]}})"), kickoff,
               "hourly.time[1]");
  expect_error(std::string(R"({"hourly":{"time":["2025-01-01T00:00","yesterday"]}})"), kickoff,
               "hourly.time[1]");
  expect_error(std::string(R"({"hourly":{"time":["2025-01-01T01:00","2025-01-01T00:00"]}})"),
               kickoff, "hourly.time[1]");
  expect_error(std::string(R"({"hourly":{"time":[99999999999999999]}})"), kickoff,
               "hourly.time[0]");
  expect_error(
      std::string(R"({"utc_offset_seconds":"-5h","hourly":{"time":["2025-01-01T00:00"]}})"),
      kickoff, "utc_offset_seconds");
  expect_error(std::string(R"({"hourly":{"time":["2025-01-01T00:00","2025-01-01T01:00"],
                 "temperature_2m":[1.0]}})"),
               kickoff, "hourly.temperature_2m");
  expect_error(std::string(R"({"hourly":{"time":["2025-01-01T00:00","2025-01-01T01:00"],
                 "wind_speed_10m":[1.0,"fast"]}})"),
               kickoff, "hourly.wind_speed_10m[1]");
  expect_error(std::string(R"({"hourly":{"time":["2025-01-01T00:00"],"windspeed_10m":{"a":1}}})"),
               kickoff, "hourly.windspeed_10m");
  expect_error(std::string(R"({"hourly_units":{"temperature_2m":"K"},
                 "hourly":{"time":["2025-01-01T00:00"],"temperature_2m":[270.0]}})"),
               kickoff, "hourly_units.temperature_2m");
  expect_error(std::string(R"({"hourly_units":[],"hourly":{"time":["2025-01-01T00:00"]}})"),
               kickoff, "hourly_units");
}

// The whole path a collector takes: fetch from a (fixture) server, then parse.
TEST(OpenMeteo, ParsesWhatTheFixtureServerServesAndRejectsBrokenReplies) {
  using sharpline::testing::FixtureServer;
  using sharpline::testing::ScriptedResponse;
  FixtureServer server;
  server.script("/v1/forecast",
                {ScriptedResponse::recorded(
                    "open_meteo/forecast_toronto_hourly_wind_precip_2026-03-04.json")});
  server.script("/truncated", {ScriptedResponse::truncated_json()});
  server.script("/mistyped", {ScriptedResponse::wrong_types()});
  server.start();
  sharpline::testing::FakeClock clock;
  MetricsRegistry metrics;
  http::ResilientHttpClient client(http::HttpClient{}, {}, metrics, clock.clock());

  auto kickoff = utc_ms(2026y / 3 / 5, 22);
  auto fetched = client.get(server.url("/v1/forecast?latitude=43.7&longitude=-79.4"));
  ASSERT_EQ(fetched.status, 200);
  auto report = parse_open_meteo_forecast(fetched.body, event_at(kickoff));
  EXPECT_NEAR(*report.temperature_c, (35.4 - 32) * 5 / 9, kTolerance);

  expect_error(client.get(server.url("/truncated")).body, kickoff, "(document)");
  expect_error(client.get(server.url("/mistyped")).body, kickoff, "hourly.time");
}

}  // namespace
}  // namespace sharpline::adapters::sources
