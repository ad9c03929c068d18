#include "stages/store_codecs.hpp"

#include <gtest/gtest.h>

namespace sharpline::stages {
namespace {

// Stage state survives restarts and rebalances through the changelog: what a store writes
// there must decode to exactly what it held.
template <typename V>
V round_trip(const runtime::stream::StoreCodec<V>& codec, const V& value) {
  std::string bytes;
  codec.encode(value, bytes);
  return codec.decode(bytes);
}

TEST(StoreCodecs, FeaturesMarketRoundTrips) {
  FeaturesMarket m;
  m.state.event_id = "americanfootball_nfl:2025-09-14:san-francisco-49ers@new-orleans-saints";
  m.state.sport = "americanfootball_nfl";
  m.state.market = "spreads";
  m.state.commence_ms = 1757869200000;
  m.state.as_of_ms = 1757700000000;
  m.state.prices = {{"betus", "New Orleans Saints", 3.5, 1.91, 1757700000000, 1757600000000},
                    {"pinnacle", "San Francisco 49ers", -3.5, 1.95, 1757700000000, 1757700000000}};
  m.state.openings = {{"New Orleans Saints", 3.5, "pinnacle", 1.9, 1757500000000}};
  m.state.moves = {{"betus", "New Orleans Saints", 3.5, 1.87, 1.91, 1757600000000}};
  domain::OutcomeView view;
  view.outcome = "New Orleans Saints";
  view.point = 3.5;
  view.best_price = 1.91;
  view.best_book = "betus";
  view.consensus_probability = 0.49;
  view.opening_price = 1.9;
  view.books_quoting = 2;
  m.emitted.outcomes = {view};
  m.emitted.steam_key = "New Orleans Saints|3.5|shortening";
  m.emitted.steam_ms = 1757600000000;
  m.emitted.emitted_ms = 1757600000000;
  m.dirty = true;
  const auto back = round_trip(features_market_codec(), m);
  EXPECT_EQ(back.state, m.state);
  EXPECT_EQ(back.emitted, m.emitted);
  EXPECT_EQ(back.dirty, m.dirty);
}

TEST(StoreCodecs, OpenMarketAndEventRoundTrip) {
  OpenMarket m;
  domain::Opportunity o;
  o.opportunity_id = "0123456789abcdef";
  o.event_id = "e";
  o.sport = "americanfootball_nfl";
  o.market = "h2h";
  o.kind = "arbitrage";
  o.legs = {{"betus", "New Orleans Saints", std::nullopt, 2.95, 0.36, std::nullopt}};
  o.arbitrage_return = 0.056;
  o.tier = "A";
  o.detected_ms = 1;
  o.as_of_ms = 2;
  m.open = {o};
  m.commence_ms = 3;
  const auto back = round_trip(open_market_codec(), m);
  EXPECT_EQ(back.open, m.open);
  EXPECT_EQ(back.commence_ms, m.commence_ms);
  EXPECT_FALSE(back.prediction.has_value());

  FeaturesEvent e;
  domain::WeatherReport w;
  w.event_id = "e";
  w.forecast_for_ms = 5;
  w.temperature_c = 21.5;
  w.roof = "dome";
  w.source = "nflverse";
  e.weather = w;
  EXPECT_EQ(round_trip(features_event_codec(), e).weather, e.weather);
}

}  // namespace
}  // namespace sharpline::stages
