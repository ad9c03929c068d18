#include "serde/record_json.hpp"

#include <gtest/gtest.h>

#include "serde/errors.hpp"
#include "serde/json_avro_codec.hpp"
#include "serde/schema_catalog.hpp"
#include "serde/schema_dir.hpp"

namespace sharpline::serde {
namespace {

const SchemaCatalog& catalog() {
  static const SchemaCatalog loaded = SchemaCatalog::load(find_schemas_dir());
  return loaded;
}

// Encodes with the schema's codec and decodes back: the JSON form must be exactly what the codec
// produces, so it is equal after the trip.
nlohmann::json through_codec(const char* stem, const nlohmann::json& json) {
  const JsonAvroCodec codec(catalog().at(stem).schema);
  return codec.decode(codec.encode(json));
}

domain::OddsQuote full_quote() {
  domain::OddsQuote q;
  q.event_id = "e1";
  q.sport = "americanfootball_nfl";
  q.commence_ms = 1757636160000;
  q.bookmaker = "draftkings";
  q.market = "spreads";
  q.outcome = "Green Bay Packers";
  q.point = -3.5;
  q.price = 1.952;
  q.previous_price = 1.87;
  q.change = domain::QuoteChange::kChanged;
  q.book_updated_ms = 1757482608000;
  q.observed_ms = 1757482619000;
  q.source = "the-odds-api";
  q.is_closing = true;
  return q;
}

TEST(RecordJson, OddsQuoteRoundTripsWithAndWithoutOptionals) {
  const domain::OddsQuote full = full_quote();
  domain::OddsQuote sparse = full;
  sparse.commence_ms.reset();
  sparse.point.reset();
  sparse.previous_price.reset();
  sparse.book_updated_ms.reset();
  sparse.change = domain::QuoteChange::kRemoved;
  sparse.is_closing = false;
  for (const auto& quote : {full, sparse}) {
    const nlohmann::json json = to_json(quote);
    EXPECT_EQ(odds_quote_from_json(json), quote);
    EXPECT_EQ(through_codec("odds_quote", json), json);
    EXPECT_EQ(odds_quote_from_json(through_codec("odds_quote", json)), quote);
  }
  EXPECT_EQ(to_json(full)["change"], "CHANGED");
  EXPECT_TRUE(to_json(sparse)["point"].is_null());
  EXPECT_EQ(to_json(sparse)["change"], "REMOVED");
}

TEST(RecordJson, EventRoundTripsWithExternalIdsAsAnObject) {
  domain::Event e;
  e.event_id = "e1";
  e.sport = "americanfootball_nfl";
  e.league = "NFL";
  e.season = 2025;
  e.week = 2;
  e.home_team = "Green Bay Packers";
  e.away_team = "Washington Commanders";
  e.commence_ms = 1757636160000;
  e.neutral_site = true;
  e.venue = "Lambeau Field";
  e.status = "in_progress";
  e.source = "the-odds-api";
  e.updated_ms = 1757482619000;
  e.external_ids = {{"the-odds-api", "e1"}, {"espn", "401772510"}};
  domain::Event bare;
  bare.event_id = "e2";
  bare.sport = "soccer_epl";
  bare.home_team = "Arsenal";
  bare.away_team = "Chelsea";
  bare.source = "football-data";
  for (const auto& event : {e, bare}) {
    const nlohmann::json json = to_json(event);
    EXPECT_EQ(event_from_json(json), event);
    EXPECT_EQ(through_codec("event", json), json);
  }
  EXPECT_TRUE(to_json(e)["external_ids"].is_object());
  EXPECT_EQ(to_json(e)["external_ids"]["espn"], "401772510");
  EXPECT_TRUE(to_json(bare)["league"].is_null());
}

TEST(RecordJson, GameResultRoundTripsWithStatsMaps) {
  domain::GameResult r;
  r.event_id = "e1";
  r.sport = "americanfootball_nfl";
  r.status = "final";
  r.home_score = 27;
  r.away_score = 18;
  r.period = "4";
  r.clock = "0:00";
  r.home_stats = {{"yards", 402.0}, {"turnovers", 1.0}};
  r.away_stats = {{"yards", 311.5}};
  r.is_final = true;
  r.updated_ms = 1757650000000;
  r.source = "espn";
  domain::GameResult bare;
  bare.event_id = "e2";
  bare.sport = "baseball_mlb";
  bare.status = "scheduled";
  bare.source = "mlb-statsapi";
  for (const auto& result : {r, bare}) {
    const nlohmann::json json = to_json(result);
    EXPECT_EQ(game_result_from_json(json), result);
    EXPECT_EQ(through_codec("result", json), json);
  }
}

TEST(RecordJson, WeatherReportRoundTrips) {
  domain::WeatherReport w;
  w.event_id = "e1";
  w.venue = "Lambeau Field";
  w.latitude = 44.5013;
  w.longitude = -88.0622;
  w.forecast_for_ms = 1757636160000;
  w.kind = "observed";
  w.temperature_c = -3.5;
  w.precipitation_mm = 0.4;
  w.precipitation_probability = 0.35;
  w.wind_speed_kmh = 22.0;
  w.wind_gust_kmh = 41.0;
  w.wind_direction_deg = 270.0;
  w.roof = "outdoors";
  w.observed_ms = 1757600000000;
  w.source = "open-meteo";
  domain::WeatherReport bare;
  bare.event_id = "e2";
  bare.source = "open-meteo";
  for (const auto& report : {w, bare}) {
    const nlohmann::json json = to_json(report);
    EXPECT_EQ(weather_report_from_json(json), report);
    EXPECT_EQ(through_codec("weather", json), json);
  }
}

TEST(RecordJson, FromJsonNamesTheBadField) {
  nlohmann::json json = to_json(full_quote());
  json["change"] = "MOVED";
  EXPECT_THROW(odds_quote_from_json(json), RecordError);
  json = to_json(full_quote());
  json["price"] = "1.9";
  try {
    odds_quote_from_json(json);
    FAIL() << "a string price was accepted";
  } catch (const RecordError& error) {
    EXPECT_EQ(error.path(), "price");
  }
  json.erase("price");
  EXPECT_THROW(odds_quote_from_json(json), RecordError);
}

}  // namespace
}  // namespace sharpline::serde
