// `sharpline collect weather` end to end: recorded Open-Meteo responses and a fixture server
// against events from files and from the bus; records read back from the embedded broker.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "adapters/sources/iso_time.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/collect_command.hpp"
#include "serde/record_json.hpp"
#include "unit/collect/bus_topic_reader.hpp"
#include "unit/collect/collect_test_support.hpp"
#include "unit/http_fixture/fixture_server.hpp"

namespace sharpline::cli {
namespace {

using nlohmann::json;

constexpr const char* kNycForecast =
    "open_meteo/forecast_nyc_14d_hourly_legacy_varnames_2025-09-01T0000.json";
constexpr const char* kTorontoForecast =
    "open_meteo/forecast_toronto_hourly_wind_precip_2026-03-04.json";
// Jets home games of the 2025 season inside the NYC forecast (MetLife is 12 km from its grid
// point): week 1 vs Pittsburgh, week 2 vs Buffalo, both 13:00 EDT.
constexpr const char* kJetsSteelers =
    "americanfootball_nfl:2025-09-07:pittsburgh-steelers@new-york-jets";
constexpr const char* kJetsBills = "americanfootball_nfl:2025-09-14:buffalo-bills@new-york-jets";

domain::Event event(const std::string& id, const std::string& home, const std::string& away,
                    const std::string& kickoff) {
  domain::Event e;
  e.event_id = id;
  e.sport = "americanfootball_nfl";
  e.home_team = home;
  e.away_team = away;
  e.commence_ms = *adapters::sources::parse_iso8601_ms(kickoff);
  e.source = "test";
  return e;
}

class CollectWeather : public collect_test::CollectCommandTest {
 protected:
  std::string write_events(const std::vector<domain::Event>& events) const {
    const auto path = dir_ / "events.jsonl";
    std::ofstream out(path);
    for (const auto& e : events) out << serde::to_json(e).dump() << "\n";
    return path.string();
  }

  std::string jets_events() const {
    return write_events(
        {event(kJetsSteelers, "New York Jets", "Pittsburgh Steelers", "2025-09-07T17:00:00Z"),
         event(kJetsBills, "New York Jets", "Buffalo Bills", "2025-09-14T17:00:00Z"),
         // Not at MetLife, and a Jets game after the forecast ends.
         event("americanfootball_nfl:2025-09-07:detroit-lions@green-bay-packers",
               "Green Bay Packers", "Detroit Lions", "2025-09-07T20:25:00Z"),
         event("americanfootball_nfl:2025-09-28:miami-dolphins@new-york-jets", "New York Jets",
               "Miami Dolphins", "2025-09-28T17:00:00Z")});
  }

  std::string data(const char* relative) const {
    return (collect_test::data_dir() / relative).string();
  }
};

TEST_F(CollectWeather, RecordedForecastBecomesOneReportPerEventAtTheVenue) {
  SHARPLINE_REQUIRE_DATA();
  auto context = BusContext::open(Config::defaults());
  ASSERT_EQ(
      run({"weather", "--from-file", data(kNycForecast), "--fetch-time", "2025-09-01T04:00:00Z",
           "--events", jets_events(), "--bootstrap", context->bus().bootstrap()}),
      0)
      << err_.str();
  EXPECT_EQ(json::parse(out_.str()),
            json::parse(R"({"published":2,"unchanged":0,"deadletter":0,"responses":1,
                            "failed_fetches":0})"));

  const auto reports = collect_test::read_topic(*context, "sharpline.weather.v1");
  ASSERT_EQ(reports.size(), 2U);
  const auto week1 = std::find_if(reports.begin(), reports.end(),
                                  [](const auto& r) { return r.key == kJetsSteelers; });
  ASSERT_NE(week1, reports.end());
  EXPECT_EQ(week1->value["event_id"], kJetsSteelers);
  EXPECT_EQ(week1->value["venue"], "MetLife Stadium");
  EXPECT_EQ(week1->value["roof"], "outdoors");
  EXPECT_EQ(week1->value["forecast_for_ms"],
            *adapters::sources::parse_iso8601_ms("2025-09-07T17:00:00Z"));
  EXPECT_EQ(week1->timestamp_ms, *adapters::sources::parse_iso8601_ms("2025-09-01T04:00:00Z"));
  // The payload's 13:00 EDT temperature, read from the file itself and converted from °F.
  const json payload = json::parse(testing::read_text_file(data(kNycForecast)));
  const auto& times = payload["hourly"]["time"];
  const auto index = std::find(times.begin(), times.end(), "2025-09-07T13:00") - times.begin();
  const double fahrenheit = payload["hourly"]["temperature_2m"][index].get<double>();
  EXPECT_NEAR(week1->value["temperature_c"].get<double>(), (fahrenheit - 32.0) * 5.0 / 9.0, 1e-9);
}

TEST_F(CollectWeather, RecordedLinesPublishOnlyChangesAndDeadLetterWhatMatchesNoVenue) {
  SHARPLINE_REQUIRE_DATA();
  const json nyc = json::parse(testing::read_text_file(data(kNycForecast)));
  json changed = nyc;
  for (auto& value : changed["hourly"]["temperature_2m"]) value = value.get<double>() + 1.0;
  const auto file = dir_ / "recorded.jsonl";
  std::ofstream(file)
      << json{{"fetched_at", "2025-09-01T04:00:00Z"}, {"response", nyc}}.dump() << "\n"
      << json{{"fetched_at", "2025-09-01T10:00:00Z"}, {"response", nyc}}.dump() << "\n"
      << json{{"fetched_at", "2025-09-01T16:00:00Z"}, {"response", changed}}.dump() << "\n"
      << json{{"fetched_at", "2026-03-04T12:00:00Z"},
              {"response", json::parse(testing::read_text_file(data(kTorontoForecast)))}}
             .dump()
      << "\n"
      << json{{"fetched_at", "2025-09-01T17:00:00Z"},
              {"venue", "MetLife Stadium"},
              {"response", {{"hourly", {{"time", "not-an-array"}}}}}}
             .dump()
      << "\n";
  ASSERT_EQ(run({"weather", "--from-file", file.string(), "--events", jets_events()}), 0)
      << err_.str();
  // 2 new, 2 unchanged (same forecast fetched again), 2 changed (+1 °F), Toronto has no venue,
  // the last response is unreadable.
  EXPECT_EQ(json::parse(out_.str()),
            json::parse(R"({"published":4,"unchanged":2,"deadletter":2,"responses":5,
                            "failed_fetches":0})"));
}

TEST_F(CollectWeather, EventsComeFromOddsFilesWithTheOddsCollectorsIds) {
  SHARPLINE_REQUIRE_DATA();
  const auto odds = dir_ / "odds.json";
  std::ofstream(odds) << R"([{"id": "abc", "sport_key": "americanfootball_nfl",
      "commence_time": "2025-09-07T17:00:00Z", "home_team": "New York Jets",
      "away_team": "Pittsburgh Steelers", "bookmakers": []}])";
  ASSERT_EQ(run({"weather", "--from-file", data(kNycForecast), "--events", odds.string()}), 0)
      << err_.str();
  EXPECT_EQ(json::parse(out_.str())["published"], 1);
}

TEST_F(CollectWeather, EventsComeFromTheBusWhenNoFileIsGiven) {
  SHARPLINE_REQUIRE_DATA();
  auto context = BusContext::open(Config::defaults());
  const auto odds = dir_ / "odds.json";
  std::ofstream(odds) << R"([{"id": "abc", "sport_key": "americanfootball_nfl",
      "commence_time": "2025-09-14T17:00:00Z", "home_team": "New York Jets",
      "away_team": "Buffalo Bills", "bookmakers": []}])";
  ASSERT_EQ(run({"odds", "--from-file", odds.string(), "--poll-time", "2025-09-01T00:00:00Z",
                 "--bootstrap", context->bus().bootstrap()}),
            0)
      << err_.str();
  ASSERT_EQ(run({"weather", "--from-file", data(kNycForecast), "--bootstrap",
                 context->bus().bootstrap()}),
            0)
      << err_.str();
  EXPECT_EQ(json::parse(out_.str())["published"], 1);
  const auto reports = collect_test::read_topic(*context, "sharpline.weather.v1");
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0].key, kJetsBills);
}

// A forecast around the present, in unixtime format, for the live path.
std::string live_forecast(int64_t from_s, double temperature) {
  json time = json::array();
  json temperatures = json::array();
  for (int hour = 0; hour < 72; ++hour) {
    time.push_back(from_s + hour * 3600);
    temperatures.push_back(temperature);
  }
  return json{{"latitude", 40.8},
              {"longitude", -74.1},
              {"utc_offset_seconds", 0},
              {"hourly_units", {{"temperature_2m", "°C"}}},
              {"hourly", {{"time", time}, {"temperature_2m", temperatures}}}}
      .dump();
}

TEST_F(CollectWeather, LiveRoundFetchesEachDueVenueThroughTheResilientClient) {
  const int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  const int64_t hour_start = now_s - now_s % 3600;
  const auto kickoff = [&](int64_t hours) {
    return adapters::sources::format_iso8601_ms((hour_start + hours * 3600) * 1000);
  };
  testing::FixtureServer server;
  // The first attempt fails with 503 and is retried; the venue's forecast then arrives.
  server.script("/v1/forecast", {testing::ScriptedResponse::server_error(503),
                                 testing::ScriptedResponse::json(live_forecast(hour_start, 11.5))});
  server.start();
  const auto events =
      write_events({event("americanfootball_nfl:x:a@new-york-jets", "New York Jets",
                          "Buffalo Bills", kickoff(30)),
                    // Already started: not fetched. Far away (20 days): not fetched either.
                    event("americanfootball_nfl:x:b@green-bay-packers", "Green Bay Packers",
                          "Detroit Lions", kickoff(-2)),
                    event("americanfootball_nfl:x:c@chicago-bears", "Chicago Bears",
                          "Detroit Lions", kickoff(24 * 20))});
  ASSERT_EQ(run({"weather", "--source", "api", "--once", "--api-base", server.url(""), "--events",
                 events}),
            0)
      << err_.str();
  EXPECT_EQ(json::parse(out_.str()),
            json::parse(R"({"published":1,"unchanged":0,"deadletter":0,"responses":1,
                            "failed_fetches":0})"));
  EXPECT_EQ(server.hits("/v1/forecast"), 2);
}

TEST_F(CollectWeather, LiveFetchThatKeepsFailingIsCountedNotFatal) {
  testing::FixtureServer server;
  server.script("/v1/forecast", {testing::ScriptedResponse::server_error(500)});
  server.start();
  const auto soon = adapters::sources::format_iso8601_ms(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          (std::chrono::system_clock::now() + std::chrono::hours(5)).time_since_epoch())
          .count());
  const auto events = write_events(
      {event("americanfootball_nfl:x:a@new-york-jets", "New York Jets", "Buffalo Bills", soon)});
  ASSERT_EQ(run({"weather", "--source", "api", "--once", "--api-base", server.url(""), "--events",
                 events}),
            0)
      << err_.str();
  EXPECT_EQ(json::parse(out_.str())["failed_fetches"], 1);
  EXPECT_EQ(json::parse(out_.str())["published"], 0);
}

TEST_F(CollectWeather, UsageErrors) {
  EXPECT_EQ(run({"weather"}), 2);  // file source without --from-file
  EXPECT_EQ(run({"weather", "--source", "ftp"}), 2);
  EXPECT_EQ(run({"weather", "--source", "api", "--horizon-days", "40"}), 2);
  EXPECT_EQ(run({"weather", "--from-file", "x.json", "--fetch-time", "soon"}), 2);
}

}  // namespace
}  // namespace sharpline::cli
