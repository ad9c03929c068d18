// The pipeline records' JSON mapping (serde/pipeline_record_json.hpp): every record, fully
// populated and minimal, goes struct -> to_json -> Avro binary with its schema from schemas/ ->
// decode -> from_json and comes back equal; bad input throws RecordError naming the field.

#include "serde/pipeline_record_json.hpp"

#include <gtest/gtest.h>

#include <string>

#include "serde/errors.hpp"
#include "serde/json_avro_codec.hpp"
#include "serde_test_support.hpp"

namespace sharpline::serde {
namespace {

using nlohmann::json;
using testing::project_catalog;

// Encodes with the schema's codec and decodes back. The codec fills defaults for missing fields
// and sorts keys, so equality with the input shows to_json() spells out every field as the codec
// does.
json through_codec(const char* stem, const json& record) {
  const JsonAvroCodec codec(project_catalog().at(stem).schema);
  const std::vector<uint8_t> bytes = codec.encode(record);
  EXPECT_FALSE(bytes.empty());
  return codec.decode(bytes);
}

// The path of the RecordError that `parse(record)` throws, or "<no error>".
template <typename Parse>
std::string error_path(Parse parse, const json& record) {
  try {
    parse(record);
  } catch (const RecordError& error) {
    return error.path();
  }
  return "<no error>";
}

domain::FeatureVector full_features() {
  domain::FeatureVector f;
  f.event_id = "e1";
  f.sport = "americanfootball_nfl";
  f.market = "spreads";
  f.as_of_ms = 1731877150000;
  f.trigger = "steam";
  f.feature_names = {"consensus_prob_home", "elo_diff"};
  f.feature_values = {0.5312, -38.5};
  domain::OutcomeView home;
  home.outcome = "Buffalo Bills";
  home.point = -2.5;
  home.best_price = 1.92;
  home.best_book = "fanduel";
  home.consensus_probability = 0.5312;
  home.opening_price = 1.95;
  home.books_quoting = 9;
  domain::OutcomeView away;
  away.outcome = "Kansas City Chiefs";
  away.point = 2.5;
  away.best_price = 2.0;
  away.best_book = "betmgm";
  away.consensus_probability = 0.4688;
  away.books_quoting = 8;
  f.outcomes = {home, away};
  f.consensus_method = "pinnacle_power";
  domain::Steam steam;
  steam.outcome = "Buffalo Bills";
  steam.point = -2.5;
  steam.direction = domain::SteamDirection::kDrifting;
  steam.books_moved = {"pinnacle", "circa"};
  steam.books_not_moved = {"fanduel", "betmgm"};
  steam.stale_prices = {1.92, 1.91};
  steam.first_mover = "pinnacle";
  steam.window_ms = 90000;
  steam.magnitude = 0.0118;
  f.steam = steam;
  f.commence_ms = 1731878700000;
  f.home_team = "Buffalo Bills";
  f.away_team = "Kansas City Chiefs";
  return f;
}

domain::FeatureVector minimal_features() {
  domain::FeatureVector f;
  f.event_id = "e2";
  f.sport = "soccer_epl";
  f.market = "h2h";
  f.trigger = "timer";
  f.consensus_method = "market_median_shin";
  return f;
}

domain::Prediction full_prediction() {
  domain::Prediction p;
  p.prediction_id = "pred-1";
  p.event_id = "e1";
  p.sport = "americanfootball_nfl";
  p.market = "h2h";
  p.as_of_ms = 1731877150000;
  p.created_ms = 1731877150412;
  p.model_name = "nfl_h2h_xgb";
  p.model_version = "2024.11.0";
  p.role = domain::ModelRole::kChallenger;
  p.outcomes = {{"Buffalo Bills", std::nullopt, 0.5734}, {"Kansas City Chiefs", 1.5, 0.4266}};
  p.contributions = {{"elo_diff", -0.0641, std::nullopt}, {"wind_speed_kmh", 0.0137, "Draw"}};
  p.base_value = 0.1231;
  p.lock_sha256 = std::string(64, 'a');
  p.commence_ms = 1731878700000;
  return p;
}

domain::Prediction minimal_prediction() {
  domain::Prediction p;
  p.prediction_id = "pred-2";
  p.event_id = "e2";
  p.sport = "soccer_epl";
  p.market = "h2h_3way";
  p.model_name = "consensus";
  p.model_version = "1";
  p.role = domain::ModelRole::kConsensus;
  p.lock_sha256 = std::string(64, '0');
  return p;
}

domain::Opportunity full_opportunity() {
  domain::Opportunity o;
  o.opportunity_id = "opp-1";
  o.event_id = "e1";
  o.sport = "americanfootball_nfl";
  o.market = "totals";
  o.commence_ms = 1731878700000;
  o.kind = "middle";
  o.state = domain::OpportunityState::kUpdated;
  o.legs = {{"fanduel", "Over", 44.5, 1.95, 0.01, 0.52},
            {"betmgm", "Under", 46.5, 1.98, 0.011, {}}};
  o.expected_value = 0.0493;
  o.kelly_fraction = 0.0594;
  o.arbitrage_return = 0.012;
  o.middle_gap = 2.0;
  o.tier = "high";
  o.prediction_id = "pred-1";
  o.detected_ms = 1731877150520;
  o.as_of_ms = 1731877160000;
  o.closed_reason = "superseded";
  return o;
}

domain::Opportunity minimal_opportunity() {
  domain::Opportunity o;
  o.opportunity_id = "opp-2";
  o.event_id = "e2";
  o.sport = "soccer_epl";
  o.market = "h2h";
  o.kind = "value";
  o.state = domain::OpportunityState::kClosed;
  return o;
}

domain::Alert full_alert() {
  domain::Alert a;
  a.alert_id = "alert-1";
  a.opportunity_id = "opp-1";
  a.event_id = "e1";
  a.sport = "americanfootball_nfl";
  a.kind = "value";
  a.severity = "high";
  a.title = "+4.9% EV: Buffalo Bills ML @ 1.83 (fanduel)";
  a.message = "line one\nline two";
  a.expected_value = 0.0493;
  a.created_ms = 1731877150601;
  a.expires_ms = 1731878700000;
  a.url = "https://sharpline.local/opportunities/opp-1";
  return a;
}

domain::Alert minimal_alert() {
  domain::Alert a;
  a.alert_id = "alert-2";
  a.event_id = "e2";
  a.sport = "soccer_epl";
  a.kind = "steam";
  a.severity = "info";
  return a;
}

domain::Grade full_grade() {
  domain::Grade g;
  g.opportunity_id = "opp-1";
  g.event_id = "e1";
  g.sport = "soccer_epl";
  g.market = "spreads";
  g.kind = "arbitrage";
  g.prediction_id = "pred-1";
  domain::GradedLeg win;
  win.bookmaker = "fanduel";
  win.outcome = "Arsenal";
  win.point = -0.25;
  win.price = 1.83;
  win.stake = 0.0149;
  win.result = domain::LegResult::kHalfWin;
  win.profit = 0.0061835;
  win.closing_price = 1.77;
  win.closing_fair_probability = 0.5851;
  win.clv = 0.0707;
  domain::GradedLeg lose;
  lose.bookmaker = "betmgm";
  lose.outcome = "Chelsea";
  lose.price = 2.1;
  lose.stake = 0.01;
  lose.result = domain::LegResult::kHalfLose;
  lose.profit = -0.005;
  g.legs = {win, lose};
  g.total_profit = 0.0011835;
  g.graded_ms = 1731890700000;
  g.home_score = 2;
  g.away_score = 1;
  g.strategy = "arbitrage:C";
  g.probability_of_result = 0.61;
  g.brier = 0.3042;
  g.log_loss = 0.4943;
  return g;
}

// A graded prediction: opportunity_id holds the prediction_id, no legs.
domain::Grade minimal_grade() {
  domain::Grade g;
  g.opportunity_id = "pred-2";
  g.event_id = "e2";
  g.sport = "baseball_mlb";
  g.market = "h2h";
  g.kind = "prediction";
  return g;
}

template <typename T, typename FromJson>
void expect_round_trip(const char* stem, const T& value, FromJson from_json) {
  SCOPED_TRACE(stem);
  const json encoded = to_json(value);
  EXPECT_EQ(from_json(encoded), value);
  const json decoded = through_codec(stem, encoded);
  EXPECT_EQ(decoded, encoded) << "to_json() must be the codec's natural JSON";
  EXPECT_EQ(from_json(decoded), value);
  // Every top-level field of the schema is spelled out, nulls included.
  for (const FieldNode& field : project_catalog().at(stem).schema.root().fields) {
    EXPECT_TRUE(encoded.contains(field.name)) << "to_json() lacks " << field.name;
  }
}

TEST(PipelineRecordJson, FeatureVectorRoundTripsThroughAvro) {
  expect_round_trip("feature_vector", full_features(), feature_vector_from_json);
  expect_round_trip("feature_vector", minimal_features(), feature_vector_from_json);

  const json full = to_json(full_features());
  EXPECT_EQ(full["steam"]["direction"], "DRIFTING");
  EXPECT_EQ(full["steam"]["stale_prices"], json::array({1.92, 1.91}));
  EXPECT_EQ(full["commence_ms"], 1731878700000);
  EXPECT_TRUE(full["commence_ms"].is_number_integer());
  EXPECT_EQ(full["home_team"], "Buffalo Bills");
  EXPECT_TRUE(full["outcomes"][1]["opening_price"].is_null());
  const json minimal = to_json(minimal_features());
  EXPECT_TRUE(minimal["steam"].is_null());
  EXPECT_TRUE(minimal["commence_ms"].is_null());
  EXPECT_TRUE(minimal["away_team"].is_null());
  EXPECT_EQ(minimal["outcomes"], json::array());
}

TEST(PipelineRecordJson, PredictionRoundTripsThroughAvro) {
  expect_round_trip("prediction", full_prediction(), prediction_from_json);
  expect_round_trip("prediction", minimal_prediction(), prediction_from_json);
  EXPECT_EQ(to_json(full_prediction())["role"], "CHALLENGER");
  EXPECT_EQ(to_json(full_prediction())["commence_ms"], 1731878700000);
  EXPECT_TRUE(to_json(minimal_prediction())["commence_ms"].is_null());
  EXPECT_TRUE(to_json(full_prediction())["contributions"][0]["outcome"].is_null());
}

TEST(PipelineRecordJson, OpportunityRoundTripsThroughAvro) {
  expect_round_trip("opportunity", full_opportunity(), opportunity_from_json);
  expect_round_trip("opportunity", minimal_opportunity(), opportunity_from_json);
  EXPECT_EQ(to_json(full_opportunity())["state"], "UPDATED");
  EXPECT_EQ(to_json(full_opportunity())["legs"][0]["point"], 44.5);
  EXPECT_TRUE(to_json(full_opportunity())["legs"][1]["fair_probability"].is_null());
  EXPECT_EQ(to_json(minimal_opportunity())["legs"], json::array());
}

TEST(PipelineRecordJson, AlertRoundTripsThroughAvro) {
  expect_round_trip("alert", full_alert(), alert_from_json);
  expect_round_trip("alert", minimal_alert(), alert_from_json);
  EXPECT_TRUE(to_json(minimal_alert())["opportunity_id"].is_null());
  EXPECT_EQ(to_json(full_alert())["expires_ms"], 1731878700000);
}

TEST(PipelineRecordJson, GradeRoundTripsThroughAvro) {
  expect_round_trip("grade", full_grade(), grade_from_json);
  expect_round_trip("grade", minimal_grade(), grade_from_json);
  const json full = to_json(full_grade());
  EXPECT_EQ(full["legs"][0]["result"], "HALF_WIN");
  EXPECT_EQ(full["legs"][1]["result"], "HALF_LOSE");
  EXPECT_EQ(full["strategy"], "arbitrage:C");
  EXPECT_EQ(full["brier"], 0.3042);
  const json minimal = to_json(minimal_grade());
  EXPECT_EQ(minimal["kind"], "prediction");
  EXPECT_TRUE(minimal["log_loss"].is_null());
  EXPECT_TRUE(minimal["home_score"].is_null());
}

TEST(PipelineRecordJson, ReadsTheSchemaExamples) {
  // The examples in schemas/examples/ are what other tools write; they parse and map back as is.
  const json features = testing::load_example("feature_vector");
  const domain::FeatureVector f = feature_vector_from_json(features);
  ASSERT_TRUE(f.steam.has_value());
  EXPECT_EQ(f.steam->stale_prices.size(), f.steam->books_not_moved.size());
  EXPECT_EQ(to_json(f), features);
  const json prediction = testing::load_example("prediction");
  EXPECT_EQ(to_json(prediction_from_json(prediction)), prediction);
  const json opportunity = testing::load_example("opportunity");
  EXPECT_EQ(to_json(opportunity_from_json(opportunity)), opportunity);
  const json alert = testing::load_example("alert");
  EXPECT_EQ(to_json(alert_from_json(alert)), alert);
  const json grade = testing::load_example("grade");
  EXPECT_EQ(to_json(grade_from_json(grade)), grade);
}

TEST(PipelineRecordJson, DefaultedFieldsMayBeMissing) {
  // Data written before the optional fields existed: the codec fills the defaults, and so does
  // from_json() when a producer leaves them out.
  json features = to_json(full_features());
  features.erase("commence_ms");
  features.erase("home_team");
  features["steam"].erase("stale_prices");
  const domain::FeatureVector f = feature_vector_from_json(features);
  EXPECT_FALSE(f.commence_ms.has_value());
  EXPECT_FALSE(f.home_team.has_value());
  EXPECT_EQ(f.away_team, "Kansas City Chiefs");
  ASSERT_TRUE(f.steam.has_value());
  EXPECT_TRUE(f.steam->stale_prices.empty());
  EXPECT_EQ(feature_vector_from_json(through_codec("feature_vector", features)), f);

  json grade = to_json(full_grade());
  for (const char* name : {"strategy", "probability_of_result", "brier", "log_loss"})
    grade.erase(name);
  const domain::Grade g = grade_from_json(grade);
  EXPECT_FALSE(g.strategy.has_value());
  EXPECT_FALSE(g.brier.has_value());
  EXPECT_EQ(g.legs, full_grade().legs);
}

TEST(PipelineRecordJson, MissingFieldsAreNamed) {
  json features = to_json(full_features());
  features.erase("consensus_method");
  EXPECT_EQ(error_path(feature_vector_from_json, features), "consensus_method");
  features = to_json(full_features());
  features["outcomes"][1].erase("best_price");
  EXPECT_EQ(error_path(feature_vector_from_json, features), "outcomes[1].best_price");
  features = to_json(full_features());
  features["steam"].erase("window_ms");
  EXPECT_EQ(error_path(feature_vector_from_json, features), "steam.window_ms");

  json prediction = to_json(full_prediction());
  prediction.erase("lock_sha256");
  EXPECT_EQ(error_path(prediction_from_json, prediction), "lock_sha256");
  prediction = to_json(full_prediction());
  prediction["contributions"][1].erase("value");
  EXPECT_EQ(error_path(prediction_from_json, prediction), "contributions[1].value");

  json opportunity = to_json(full_opportunity());
  opportunity.erase("legs");
  EXPECT_EQ(error_path(opportunity_from_json, opportunity), "legs");
  opportunity = to_json(full_opportunity());
  opportunity["legs"][0].erase("stake");
  EXPECT_EQ(error_path(opportunity_from_json, opportunity), "legs[0].stake");

  json alert = to_json(full_alert());
  alert.erase("created_ms");
  EXPECT_EQ(error_path(alert_from_json, alert), "created_ms");

  json grade = to_json(full_grade());
  grade.erase("total_profit");
  EXPECT_EQ(error_path(grade_from_json, grade), "total_profit");
  grade = to_json(full_grade());
  grade["legs"][1].erase("result");
  EXPECT_EQ(error_path(grade_from_json, grade), "legs[1].result");
}

TEST(PipelineRecordJson, WrongEnumSymbolsAreNamed) {
  json features = to_json(full_features());
  features["steam"]["direction"] = "SIDEWAYS";
  EXPECT_EQ(error_path(feature_vector_from_json, features), "steam.direction");

  json prediction = to_json(full_prediction());
  prediction["role"] = "champion";  // symbols are case-sensitive
  EXPECT_EQ(error_path(prediction_from_json, prediction), "role");

  json opportunity = to_json(full_opportunity());
  opportunity["state"] = "REOPENED";
  EXPECT_EQ(error_path(opportunity_from_json, opportunity), "state");

  json grade = to_json(full_grade());
  grade["legs"][0]["result"] = "DRAW";
  try {
    grade_from_json(grade);
    FAIL() << "an unknown LegResult symbol was accepted";
  } catch (const RecordError& error) {
    EXPECT_EQ(error.path(), "legs[0].result");
    EXPECT_NE(error.problem().find("HALF_LOSE"), std::string::npos) << error.problem();
    EXPECT_NE(error.problem().find("\"DRAW\""), std::string::npos) << error.problem();
  }
}

TEST(PipelineRecordJson, WrongTypesAreNamed) {
  json features = to_json(full_features());
  features["feature_values"][1] = "38.5";
  EXPECT_EQ(error_path(feature_vector_from_json, features), "feature_values[1]");
  features = to_json(full_features());
  features["steam"]["stale_prices"] = 1.92;
  EXPECT_EQ(error_path(feature_vector_from_json, features), "steam.stale_prices");
  features = to_json(full_features());
  features["commence_ms"] = 1731878700000.5;  // timestamps are integers
  EXPECT_EQ(error_path(feature_vector_from_json, features), "commence_ms");
  features = to_json(full_features());
  features["outcomes"][0] = "Buffalo Bills";
  EXPECT_EQ(error_path(feature_vector_from_json, features), "outcomes[0]");

  json grade = to_json(full_grade());
  grade["home_score"] = 4294967296LL;
  EXPECT_EQ(error_path(grade_from_json, grade), "home_score");
  grade = to_json(full_grade());
  grade["brier"] = "low";
  EXPECT_EQ(error_path(grade_from_json, grade), "brier");

  EXPECT_EQ(error_path(alert_from_json, json::array()), "");
  EXPECT_THROW(alert_from_json(json::array()), RecordError);
}

TEST(PipelineRecordJson, EnumNamesRoundTrip) {
  for (auto d : {domain::SteamDirection::kShortening, domain::SteamDirection::kDrifting})
    EXPECT_EQ(steam_direction_from_name(steam_direction_name(d)), d);
  for (auto r : {domain::ModelRole::kChampion, domain::ModelRole::kChallenger,
                 domain::ModelRole::kConsensus})
    EXPECT_EQ(model_role_from_name(model_role_name(r)), r);
  for (auto s : {domain::OpportunityState::kOpen, domain::OpportunityState::kUpdated,
                 domain::OpportunityState::kClosed})
    EXPECT_EQ(opportunity_state_from_name(opportunity_state_name(s)), s);
  for (auto r :
       {domain::LegResult::kWin, domain::LegResult::kLose, domain::LegResult::kPush,
        domain::LegResult::kVoid, domain::LegResult::kHalfWin, domain::LegResult::kHalfLose})
    EXPECT_EQ(leg_result_from_name(leg_result_name(r)), r);
  EXPECT_EQ(steam_direction_name(domain::SteamDirection::kShortening), "SHORTENING");
  EXPECT_EQ(model_role_name(domain::ModelRole::kChampion), "CHAMPION");
  EXPECT_EQ(opportunity_state_name(domain::OpportunityState::kClosed), "CLOSED");
  EXPECT_EQ(leg_result_name(domain::LegResult::kPush), "PUSH");
  EXPECT_THROW(leg_result_from_name(""), RecordError);
  EXPECT_THROW(model_role_from_name("CHAMPION "), RecordError);
}

}  // namespace
}  // namespace sharpline::serde
