#include "domain/features/feature_builder.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "domain/errors.hpp"
#include "domain/features/game_calendar.hpp"
#include "domain/features/nfl_moneyline_features.hpp"
#include "domain/features/soccer_match_features.hpp"

namespace sharpline::domain::features {
namespace {

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kT0 = 1'757'000'000'000;
constexpr int64_t kCommence = kT0 + 30 * kHour;

OddsQuote quote(const std::string& market, const std::string& book, const std::string& outcome,
                double price, int64_t at, std::optional<double> point = std::nullopt) {
  OddsQuote q;
  q.event_id = "ev1";
  q.sport = "americanfootball_nfl";
  q.commence_ms = kCommence;
  q.bookmaker = book;
  q.market = market;
  q.outcome = outcome;
  q.point = point;
  q.price = price;
  q.observed_ms = at;
  return q;
}

market::MarketState state_of(const std::string& market) {
  market::MarketState s;
  s.event_id = "ev1";
  s.sport = "americanfootball_nfl";
  s.market = market;
  return s;
}

market::ConsensusConfig multiplicative() {
  market::ConsensusConfig config;
  config.method = odds::DevigMethod::kMultiplicative;
  return config;
}

double value_of(const FeatureVector& v, const std::string& name) {
  for (std::size_t i = 0; i < v.feature_names.size(); ++i) {
    if (v.feature_names[i] == name) return v.feature_values[i];
  }
  ADD_FAILURE() << "no feature " << name;
  return NAN;
}

MarketContext teams() {
  MarketContext context;
  context.home_team = "Home";
  context.away_team = "Away";
  return context;
}

TEST(FeatureBuilderTest, H2hVectorHasTheModelFeaturesThenTheMarketFeatures) {
  auto s = state_of("h2h");
  apply_quote(s, quote("h2h", "pinnacle", "Home", 2.10, kT0), {});
  apply_quote(s, quote("h2h", "pinnacle", "Away", 1.80, kT0), {});
  apply_quote(s, quote("h2h", "pinnacle", "Home", 2.00, kT0 + 24 * kHour), {});
  apply_quote(s, quote("h2h", "pinnacle", "Away", 1.90, kT0 + 24 * kHour), {});
  apply_quote(s, quote("h2h", "fanduel", "Home", 1.95, kT0 + 24 * kHour), {});
  apply_quote(s, quote("h2h", "fanduel", "Away", 1.95, kT0 + 24 * kHour), {});
  const auto view = view_market(s, multiplicative());
  auto context = teams();
  TeamFormView form;
  form.elo_prob_home = 0.6;
  form.elo_diff = 70.0;
  form.rest_days_home = 7.0;
  form.rest_days_away = 6.0;
  context.form = form;
  WeatherReport weather;
  weather.temperature_c = 21.0;
  weather.wind_speed_kmh = 12.0;
  weather.roof = "open";
  context.weather = weather;

  const auto v = build_feature_vector(s, view, std::nullopt, "new_book", context, "weighted_x");
  std::vector<std::string> names(kNflMoneylineFeatureNames.begin(),
                                 kNflMoneylineFeatureNames.end());
  names.insert(names.end(), {"line_move_home", "hours_to_kickoff", "books", "best_booksum"});
  EXPECT_EQ(v.feature_names, names);
  ASSERT_EQ(v.feature_values.size(), names.size());
  for (const double x : v.feature_values) EXPECT_TRUE(std::isfinite(x));

  const OutcomeView* home = nullptr;
  for (const auto& o : view.outcomes) {
    if (o.outcome == "Home") home = &o;
  }
  ASSERT_NE(home, nullptr);
  EXPECT_DOUBLE_EQ(value_of(v, "consensus_prob_home"), home->consensus_probability);
  EXPECT_DOUBLE_EQ(value_of(v, "elo_prob_home"), 0.6);
  EXPECT_DOUBLE_EQ(value_of(v, "elo_diff"), 70.0);
  EXPECT_DOUBLE_EQ(value_of(v, "rest_days_home"), 7.0);
  EXPECT_DOUBLE_EQ(value_of(v, "rest_days_away"), 6.0);
  EXPECT_DOUBLE_EQ(value_of(v, "temperature_c"), 21.0);
  EXPECT_DOUBLE_EQ(value_of(v, "wind_speed_kmh"), 12.0);
  EXPECT_DOUBLE_EQ(value_of(v, "indoors"), 0.0);
  // Opening: pinnacle 2.10 / 1.80, proportional margin removal.
  const double open_home = (1 / 2.10) / (1 / 2.10 + 1 / 1.80);
  EXPECT_NEAR(value_of(v, "line_move_home"), home->consensus_probability - open_home, 1e-12);
  EXPECT_DOUBLE_EQ(value_of(v, "hours_to_kickoff"), 6.0);
  EXPECT_DOUBLE_EQ(value_of(v, "books"), 2.0);
  // Best prices: Home 2.00 (pinnacle), Away 1.95 (fanduel).
  EXPECT_NEAR(value_of(v, "best_booksum"), 1 / 2.00 + 1 / 1.95, 1e-12);

  EXPECT_EQ(v.event_id, "ev1");
  EXPECT_EQ(v.market, "h2h");
  EXPECT_EQ(v.trigger, "new_book");
  EXPECT_EQ(v.consensus_method, "weighted_x");
  EXPECT_EQ(v.as_of_ms, kT0 + 24 * kHour);
  EXPECT_EQ(v.commence_ms, kCommence);
  EXPECT_EQ(v.home_team, "Home");
  EXPECT_EQ(v.outcomes, view.outcomes);
}

TEST(FeatureBuilderTest, IndoorsUsesTheDefaultWeather) {
  auto s = state_of("h2h");
  apply_quote(s, quote("h2h", "pinnacle", "Home", 2.10, kT0), {});
  apply_quote(s, quote("h2h", "pinnacle", "Away", 1.80, kT0), {});
  auto context = teams();
  WeatherReport weather;
  weather.temperature_c = -5.0;
  weather.wind_speed_kmh = 40.0;
  weather.roof = "dome";
  context.weather = weather;
  const auto v = build_feature_vector(s, view_market(s, multiplicative()), std::nullopt, "new_book",
                                      context, "m");
  EXPECT_DOUBLE_EQ(value_of(v, "temperature_c"), 15.0);
  EXPECT_DOUBLE_EQ(value_of(v, "wind_speed_kmh"), 0.0);
  EXPECT_DOUBLE_EQ(value_of(v, "indoors"), 1.0);
  EXPECT_NEAR(value_of(v, "line_move_home"), 0.0, 1e-12);  // no move since the opening
  EXPECT_DOUBLE_EQ(value_of(v, "hours_to_kickoff"), 30.0);
  EXPECT_TRUE(is_indoors(std::string("retractable-closed")));
  EXPECT_FALSE(is_indoors(std::string("open")));
  EXPECT_FALSE(is_indoors(std::nullopt));
}

TEST(FeatureBuilderTest, H2hWithoutKnownTeamsFallsBackToGenericFeatures) {
  auto s = state_of("h2h");
  apply_quote(s, quote("h2h", "pinnacle", "Home", 2.10, kT0), {});
  apply_quote(s, quote("h2h", "pinnacle", "Away", 1.80, kT0), {});
  const auto v = build_feature_vector(s, view_market(s, multiplicative()), std::nullopt, "new_book",
                                      MarketContext{}, "m");
  EXPECT_EQ(v.feature_names, (std::vector<std::string>{"hours_to_kickoff", "books"}));
  EXPECT_EQ(v.feature_values, (std::vector<double>{30.0, 1.0}));
}

TEST(FeatureBuilderTest, SpreadsMainLineIsMostBooksThenSmallestPoint) {
  auto s = state_of("spreads");
  // Earliest: Home -2.5 opens at kT0 (2 books later). Then -3 and -7 with 3 books each.
  for (const char* book : {"a", "b"}) {
    apply_quote(s, quote("spreads", book, "Home", 1.95, kT0, -2.5), {});
    apply_quote(s, quote("spreads", book, "Away", 1.87, kT0, 2.5), {});
  }
  for (const char* book : {"a", "b", "c"}) {
    apply_quote(s, quote("spreads", book, "Home", 2.60, kT0 + kHour, -7.0), {});
    apply_quote(s, quote("spreads", book, "Away", 1.50, kT0 + kHour, 7.0), {});
    apply_quote(s, quote("spreads", book, "Home", 1.91, kT0 + kHour, -3.0), {});
    apply_quote(s, quote("spreads", book, "Away", 1.91, kT0 + kHour, 3.0), {});
  }
  const auto view = view_market(s, multiplicative());
  const auto v = build_feature_vector(s, view, std::nullopt, "new_book", teams(), "m");
  EXPECT_EQ(v.feature_names,
            (std::vector<std::string>{"main_point", "open_point", "line_move_points",
                                      "consensus_prob_main", "hours_to_kickoff", "books"}));
  EXPECT_DOUBLE_EQ(value_of(v, "main_point"), -3.0);
  EXPECT_DOUBLE_EQ(value_of(v, "open_point"), -2.5);
  EXPECT_DOUBLE_EQ(value_of(v, "line_move_points"), -0.5);
  EXPECT_NEAR(value_of(v, "consensus_prob_main"), 0.5, 1e-12);  // 1.91 / 1.91
  EXPECT_DOUBLE_EQ(value_of(v, "hours_to_kickoff"), 29.0);
  EXPECT_DOUBLE_EQ(value_of(v, "books"), 3.0);
}

TEST(FeatureBuilderTest, TotalsAreReadFromTheOverSide) {
  auto s = state_of("totals");
  apply_quote(s, quote("totals", "a", "Over", 1.80, kT0, 44.5), {});
  apply_quote(s, quote("totals", "a", "Under", 2.00, kT0, 44.5), {});
  apply_quote(s, quote("totals", "a", "Over", 1.95, kT0 + kHour, 45.5), {});
  apply_quote(s, quote("totals", "a", "Under", 1.87, kT0 + kHour, 45.5), {});
  apply_quote(s, quote("totals", "b", "Over", 1.95, kT0 + kHour, 45.5), {});
  apply_quote(s, quote("totals", "b", "Under", 1.87, kT0 + kHour, 45.5), {});
  const auto v =
      build_feature_vector(s, view_market(s, multiplicative()), std::nullopt, "x", teams(), "m");
  EXPECT_DOUBLE_EQ(value_of(v, "main_point"), 45.5);
  EXPECT_DOUBLE_EQ(value_of(v, "open_point"), 44.5);
  EXPECT_DOUBLE_EQ(value_of(v, "line_move_points"), 1.0);
  const double over = (1 / 1.95) / (1 / 1.95 + 1 / 1.87);
  EXPECT_NEAR(value_of(v, "consensus_prob_main"), over, 1e-12);
  EXPECT_DOUBLE_EQ(value_of(v, "books"), 2.0);
}

TEST(GameCalendarTest, NominalKickoffIs1800Utc) {
  EXPECT_EQ(nominal_kickoff_ms({2025, 9, 14}), 1757872800000);
  EXPECT_EQ(nominal_kickoff_ms({1970, 1, 1}), 18 * kHour);
  EXPECT_EQ(nominal_kickoff_ms({2024, 3, 1}) - nominal_kickoff_ms({2024, 2, 28}), 48 * kHour);
}

TEST(GameCalendarTest, SeasonOfFollowsTheSportsCalendar) {
  EXPECT_EQ(season_of("americanfootball_nfl", {2026, 1, 10}), 2025);
  EXPECT_EQ(season_of("americanfootball_nfl", {2026, 2, 8}), 2025);
  EXPECT_EQ(season_of("americanfootball_nfl", {2025, 9, 14}), 2025);
  EXPECT_EQ(season_of("americanfootball_ncaaf", {2026, 3, 1}), 2026);
  EXPECT_EQ(season_of("basketball_nba", {2026, 6, 15}), 2025);
  EXPECT_EQ(season_of("icehockey_nhl", {2025, 10, 8}), 2025);
  EXPECT_EQ(season_of("soccer_epl", {2026, 5, 20}), 2025);
  EXPECT_EQ(season_of("soccer_epl", {2025, 8, 16}), 2025);
  EXPECT_EQ(season_of("baseball_mlb", {2025, 3, 27}), 2025);
}

TEST(FeatureBuilderTest, SoccerThreeWayWithBothTeamsAndTheDraw) {
  auto s = state_of("h2h_3way");
  // Opening: 2.00 / 3.50 / 4.00 at pinnacle; later 1.80 / 3.60 / 4.80 at two books.
  apply_quote(s, quote("h2h_3way", "pinnacle", "Home", 2.00, kT0), {});
  apply_quote(s, quote("h2h_3way", "pinnacle", "Draw", 3.50, kT0), {});
  apply_quote(s, quote("h2h_3way", "pinnacle", "Away", 4.00, kT0), {});
  for (const char* book : {"pinnacle", "bet365"}) {
    apply_quote(s, quote("h2h_3way", book, "Home", 1.80, kT0 + 6 * kHour), {});
    apply_quote(s, quote("h2h_3way", book, "Draw", 3.60, kT0 + 6 * kHour), {});
    apply_quote(s, quote("h2h_3way", book, "Away", 4.80, kT0 + 6 * kHour), {});
  }
  auto context = teams();
  TeamFormView form;
  form.elo_prob_home = 0.6;
  form.elo_diff = 80.0;
  form.rest_days_home = 4.0;
  form.rest_days_away = 7.0;
  context.form = form;
  const auto view = view_market(s, multiplicative());
  const auto v = build_feature_vector(s, view, std::nullopt, "price_move", context, "m");
  std::vector<std::string> names;
  for (const auto n : kSoccer1x2FeatureNames) names.emplace_back(n);
  EXPECT_EQ(v.feature_names, names);
  for (const double x : v.feature_values) EXPECT_TRUE(std::isfinite(x));

  const double booksum = 1 / 1.80 + 1 / 3.60 + 1 / 4.80;
  EXPECT_NEAR(value_of(v, "consensus_prob_home"), (1 / 1.80) / booksum, 1e-12);
  EXPECT_NEAR(value_of(v, "consensus_prob_draw"), (1 / 3.60) / booksum, 1e-12);
  EXPECT_NEAR(value_of(v, "consensus_prob_away"), (1 / 4.80) / booksum, 1e-12);
  const double open_home = (1 / 2.00) / (1 / 2.00 + 1 / 3.50 + 1 / 4.00);
  EXPECT_NEAR(value_of(v, "line_move_home"), (1 / 1.80) / booksum - open_home, 1e-12);
  EXPECT_DOUBLE_EQ(value_of(v, "elo_prob_home"), 0.6);
  EXPECT_DOUBLE_EQ(value_of(v, "elo_diff"), 80.0);
  EXPECT_DOUBLE_EQ(value_of(v, "rest_days_home"), 4.0);
  EXPECT_DOUBLE_EQ(value_of(v, "rest_days_away"), 7.0);
  EXPECT_DOUBLE_EQ(value_of(v, "hours_to_kickoff"), 24.0);
  EXPECT_DOUBLE_EQ(value_of(v, "books"), 2.0);
  EXPECT_NEAR(value_of(v, "best_booksum"), booksum, 1e-12);
}

TEST(FeatureBuilderTest, SoccerThreeWayWithoutTheDrawFallsBackToGenericFeatures) {
  auto s = state_of("h2h_3way");
  apply_quote(s, quote("h2h_3way", "pinnacle", "Home", 2.00, kT0), {});
  apply_quote(s, quote("h2h_3way", "pinnacle", "Away", 4.00, kT0), {});
  const auto v = build_feature_vector(s, view_market(s, multiplicative()), std::nullopt, "new_book",
                                      teams(), "m");
  EXPECT_EQ(v.feature_names, (std::vector<std::string>{"hours_to_kickoff", "books"}));
}

TEST(SoccerMatchFeatures, RejectsAProbabilityOutsideTheUnitInterval) {
  Soccer1x2Inputs inputs;
  const auto values = soccer_1x2_features(inputs);
  EXPECT_DOUBLE_EQ(values[0] + values[1] + values[2], 1.0);
  inputs.consensus_prob_draw = 1.2;
  EXPECT_THROW(soccer_1x2_features(inputs), InvalidInput);
  inputs.consensus_prob_draw = 0.3;
  inputs.best_booksum = NAN;
  EXPECT_THROW(soccer_1x2_features(inputs), InvalidInput);
}

}  // namespace
}  // namespace sharpline::domain::features
