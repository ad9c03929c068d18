#include "adapters/history/retrosheet_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "unit/history/history_test_data.hpp"

namespace sharpline::adapters::history {
namespace {

using testing::data_dir;
using testing::find_event;

constexpr int64_t kHour = 3600LL * 1000;

int64_t utc(int y, int m, int d, int h, int min) {
  return days_from_civil(y, m, d) * 24 * kHour + h * kHour + min * 60'000;
}

const domain::WeatherReport& weather_of(const HistoryBatch& b, const std::string& id) {
  return *std::find_if(b.weather.begin(), b.weather.end(),
                       [&](const domain::WeatherReport& w) { return w.event_id == id; });
}

TEST(RetrosheetParks, TimeZonesByPark) {
  // Boston, Phoenix (no DST), Denver, Tokyo, London, an unknown park.
  EXPECT_EQ(retrosheet_park_local_to_utc_ms("BOS07", {2023, 7, 1, 19, 10}),
            utc(2023, 7, 1, 23, 10));
  EXPECT_EQ(retrosheet_park_local_to_utc_ms("PHO01", {2024, 7, 1, 19, 10}), utc(2024, 7, 2, 2, 10));
  EXPECT_EQ(retrosheet_park_local_to_utc_ms("DEN02", {2024, 4, 1, 18, 40}), utc(2024, 4, 2, 0, 40));
  EXPECT_EQ(retrosheet_park_local_to_utc_ms("TOK01", {2019, 3, 20, 18, 36}),
            utc(2019, 3, 20, 9, 36));
  EXPECT_EQ(retrosheet_park_local_to_utc_ms("LON01", {2019, 6, 29, 13, 10}),
            utc(2019, 6, 29, 12, 10));
  EXPECT_FALSE(retrosheet_park_local_to_utc_ms("XYZ01", {2019, 6, 29, 13, 10}));
  // Pacific DST starts 2024-03-10 02:00 PST = 10:00 UTC.
  EXPECT_EQ(retrosheet_park_local_to_utc_ms("LOS03", {2024, 3, 10, 1, 0}), utc(2024, 3, 10, 9, 0));
  EXPECT_EQ(retrosheet_park_local_to_utc_ms("LOS03", {2024, 3, 10, 3, 0}), utc(2024, 3, 10, 10, 0));
}

TEST(RetrosheetLoader, EveryYearReconciles) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  const std::map<int, std::size_t> games = {
      {2019, 2467}, {2020, 951}, {2021, 2467}, {2023, 2472}, {2024, 2473}};
  for (const auto& [year, expected] : games) {
    const HistoryBatch b = load_retrosheet_gameinfo(data_dir() / "retrosheet" /
                                                    (std::to_string(year) + "gameinfo.csv.gz"));
    EXPECT_EQ(b.events.size(), expected) << year;
    EXPECT_TRUE(b.rejected.empty())
        << year << ": " << (b.rejected.empty() ? "" : b.rejected[0].reason);
    EXPECT_EQ(b.rows_read, b.events.size() + b.skipped + b.rejected.size()) << year;
    EXPECT_EQ(b.results.size(), expected) << year;
    EXPECT_EQ(b.weather.size(), expected) << year;
    std::set<std::string> ids;
    for (const auto& e : b.events) ids.insert(e.event_id);
    EXPECT_EQ(ids.size(), expected) << year;
  }
}

TEST(RetrosheetLoader, GamesByHand) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // SDN202403200,LAN,SDN,SEO01,20240320,0,7:05PM ... sky dome, temp 72, windspeed 0; 5-2 LAN.
  const HistoryBatch b =
      load_retrosheet_gameinfo(data_dir() / "retrosheet" / "2024gameinfo.csv.gz");
  const auto* seoul =
      find_event(b.events, "baseball_mlb:2024-03-20:los-angeles-dodgers@san-diego-padres");
  ASSERT_NE(seoul, nullptr);
  EXPECT_EQ(seoul->commence_ms, 1710929100000);  // 19:05 KST = 10:05 UTC
  EXPECT_EQ(seoul->home_team, "San Diego Padres");
  EXPECT_EQ(seoul->external_ids.at("retrosheet"), "SDN202403200");
  EXPECT_EQ(seoul->away_team, "Los Angeles Dodgers");
  EXPECT_EQ(seoul->venue, "SEO01");
  EXPECT_EQ(b.results[0].away_score, 5);
  EXPECT_EQ(b.results[0].home_score, 2);
  const auto& w = weather_of(b, "baseball_mlb:2024-03-20:los-angeles-dodgers@san-diego-padres");
  EXPECT_EQ(w.roof, "dome");
  EXPECT_NEAR(*w.temperature_c, (72.0 - 32.0) * 5.0 / 9.0, 1e-9);
  EXPECT_EQ(w.wind_speed_kmh, 0.0);
  EXPECT_EQ(w.forecast_for_ms, 1710928800000);

  // BOS202303300,BAL,BOS,BOS07,20230330,0,2:10PM ... none,sunny,38,ltor,12
  const HistoryBatch c =
      load_retrosheet_gameinfo(data_dir() / "retrosheet" / "2023gameinfo.csv.gz");
  EXPECT_EQ(
      find_event(c.events, "baseball_mlb:2023-03-30:baltimore-orioles@boston-red-sox")->commence_ms,
      1680199800000);  // EDT
  const auto& bos = weather_of(c, "baseball_mlb:2023-03-30:baltimore-orioles@boston-red-sox");
  EXPECT_NEAR(*bos.temperature_c, (38.0 - 32.0) * 5.0 / 9.0, 1e-9);
  EXPECT_NEAR(*bos.wind_speed_kmh, 12 * 1.609344, 1e-9);
  EXPECT_EQ(bos.precipitation_mm, 0.0);
  EXPECT_FALSE(bos.roof.has_value());
  EXPECT_FALSE(bos.wind_direction_deg.has_value());  // field-relative in Retrosheet, not compass
}

TEST(RetrosheetLoader, UnknownTemperatureIsNull) {
  SHARPLINE_REQUIRE_HISTORY_DATA();
  // temp 0 means unknown: one game in 2021, two in 2024.
  const HistoryBatch b =
      load_retrosheet_gameinfo(data_dir() / "retrosheet" / "2024gameinfo.csv.gz");
  const auto without = std::count_if(b.weather.begin(), b.weather.end(),
                                     [](const auto& w) { return !w.temperature_c.has_value(); });
  EXPECT_EQ(without, 2);
}

}  // namespace
}  // namespace sharpline::adapters::history
