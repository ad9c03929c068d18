#include "serde/pipeline_record_json.hpp"

#include <string>
#include <vector>

#include "serde/errors.hpp"
#include "serde/record_json_fields.hpp"

namespace sharpline::serde {
namespace {

using nlohmann::json;
using record_json_fields::get_array;
using record_json_fields::get_double;
using record_json_fields::get_int;
using record_json_fields::get_long;
using record_json_fields::get_records;
using record_json_fields::get_string;
using record_json_fields::nullable;
using record_json_fields::opt_double;
using record_json_fields::opt_int;
using record_json_fields::opt_long;
using record_json_fields::opt_record;
using record_json_fields::opt_string;

template <typename T, typename ToJson>
json array_of(const std::vector<T>& items, ToJson to_json_item) {
  json out = json::array();
  for (const T& item : items) out.push_back(to_json_item(item));
  return out;
}

json outcome_view_to_json(const domain::OutcomeView& o) {
  return {{"outcome", o.outcome},
          {"point", nullable(o.point)},
          {"best_price", o.best_price},
          {"best_book", o.best_book},
          {"consensus_probability", o.consensus_probability},
          {"opening_price", nullable(o.opening_price)},
          {"books_quoting", o.books_quoting}};
}

json steam_to_json(const domain::Steam& s) {
  return {{"outcome", s.outcome},
          {"point", nullable(s.point)},
          {"direction", steam_direction_name(s.direction)},
          {"books_moved", s.books_moved},
          {"books_not_moved", s.books_not_moved},
          {"stale_prices", s.stale_prices},
          {"first_mover", nullable(s.first_mover)},
          {"window_ms", s.window_ms},
          {"magnitude", s.magnitude}};
}

json predicted_outcome_to_json(const domain::PredictedOutcome& o) {
  return {{"outcome", o.outcome}, {"point", nullable(o.point)}, {"probability", o.probability}};
}

json contribution_to_json(const domain::Contribution& c) {
  return {{"feature", c.feature}, {"value", c.value}, {"outcome", nullable(c.outcome)}};
}

json leg_to_json(const domain::Leg& l) {
  return {{"bookmaker", l.bookmaker},   {"outcome", l.outcome},
          {"point", nullable(l.point)}, {"price", l.price},
          {"stake", l.stake},           {"fair_probability", nullable(l.fair_probability)}};
}

json graded_leg_to_json(const domain::GradedLeg& l) {
  return {{"bookmaker", l.bookmaker},
          {"outcome", l.outcome},
          {"point", nullable(l.point)},
          {"price", l.price},
          {"stake", l.stake},
          {"result", leg_result_name(l.result)},
          {"profit", l.profit},
          {"closing_price", nullable(l.closing_price)},
          {"closing_fair_probability", nullable(l.closing_fair_probability)},
          {"clv", nullable(l.clv)}};
}

domain::OutcomeView outcome_view_from_json(const json& j) {
  domain::OutcomeView o;
  o.outcome = get_string(j, "outcome");
  o.point = opt_double(j, "point");
  o.best_price = get_double(j, "best_price");
  o.best_book = get_string(j, "best_book");
  o.consensus_probability = get_double(j, "consensus_probability");
  o.opening_price = opt_double(j, "opening_price");
  o.books_quoting = get_int(j, "books_quoting");
  return o;
}

domain::Steam steam_from_json(const json& j) {
  domain::Steam s;
  s.outcome = get_string(j, "outcome");
  s.point = opt_double(j, "point");
  s.direction = steam_direction_from_name(get_string(j, "direction"));
  s.books_moved = get_array<std::string>(j, "books_moved");
  s.books_not_moved = get_array<std::string>(j, "books_not_moved");
  s.stale_prices = get_array<double>(j, "stale_prices", /*missing_is_empty=*/true);
  s.first_mover = opt_string(j, "first_mover");
  s.window_ms = get_long(j, "window_ms");
  s.magnitude = get_double(j, "magnitude");
  return s;
}

domain::PredictedOutcome predicted_outcome_from_json(const json& j) {
  domain::PredictedOutcome o;
  o.outcome = get_string(j, "outcome");
  o.point = opt_double(j, "point");
  o.probability = get_double(j, "probability");
  return o;
}

domain::Contribution contribution_from_json(const json& j) {
  domain::Contribution c;
  c.feature = get_string(j, "feature");
  c.value = get_double(j, "value");
  c.outcome = opt_string(j, "outcome");
  return c;
}

domain::Leg leg_from_json(const json& j) {
  domain::Leg l;
  l.bookmaker = get_string(j, "bookmaker");
  l.outcome = get_string(j, "outcome");
  l.point = opt_double(j, "point");
  l.price = get_double(j, "price");
  l.stake = get_double(j, "stake");
  l.fair_probability = opt_double(j, "fair_probability");
  return l;
}

domain::GradedLeg graded_leg_from_json(const json& j) {
  domain::GradedLeg l;
  l.bookmaker = get_string(j, "bookmaker");
  l.outcome = get_string(j, "outcome");
  l.point = opt_double(j, "point");
  l.price = get_double(j, "price");
  l.stake = get_double(j, "stake");
  l.result = leg_result_from_name(get_string(j, "result"));
  l.profit = get_double(j, "profit");
  l.closing_price = opt_double(j, "closing_price");
  l.closing_fair_probability = opt_double(j, "closing_fair_probability");
  l.clv = opt_double(j, "clv");
  return l;
}

[[noreturn]] void bad_symbol(const char* field, const char* expected, std::string_view name) {
  throw RecordError(field,
                    std::string("expected ") + expected + ", got \"" + std::string(name) + "\"");
}

}  // namespace

std::string_view steam_direction_name(domain::SteamDirection direction) {
  switch (direction) {
    case domain::SteamDirection::kShortening:
      return "SHORTENING";
    case domain::SteamDirection::kDrifting:
      return "DRIFTING";
  }
  return "SHORTENING";  // unreachable: the switch covers the enum
}

domain::SteamDirection steam_direction_from_name(std::string_view name) {
  if (name == "SHORTENING") return domain::SteamDirection::kShortening;
  if (name == "DRIFTING") return domain::SteamDirection::kDrifting;
  bad_symbol("direction", "SHORTENING or DRIFTING", name);
}

std::string_view model_role_name(domain::ModelRole role) {
  switch (role) {
    case domain::ModelRole::kChampion:
      return "CHAMPION";
    case domain::ModelRole::kChallenger:
      return "CHALLENGER";
    case domain::ModelRole::kConsensus:
      return "CONSENSUS";
  }
  return "CONSENSUS";  // unreachable: the switch covers the enum
}

domain::ModelRole model_role_from_name(std::string_view name) {
  if (name == "CHAMPION") return domain::ModelRole::kChampion;
  if (name == "CHALLENGER") return domain::ModelRole::kChallenger;
  if (name == "CONSENSUS") return domain::ModelRole::kConsensus;
  bad_symbol("role", "CHAMPION, CHALLENGER or CONSENSUS", name);
}

std::string_view opportunity_state_name(domain::OpportunityState state) {
  switch (state) {
    case domain::OpportunityState::kOpen:
      return "OPEN";
    case domain::OpportunityState::kUpdated:
      return "UPDATED";
    case domain::OpportunityState::kClosed:
      return "CLOSED";
  }
  return "OPEN";  // unreachable: the switch covers the enum
}

domain::OpportunityState opportunity_state_from_name(std::string_view name) {
  if (name == "OPEN") return domain::OpportunityState::kOpen;
  if (name == "UPDATED") return domain::OpportunityState::kUpdated;
  if (name == "CLOSED") return domain::OpportunityState::kClosed;
  bad_symbol("state", "OPEN, UPDATED or CLOSED", name);
}

std::string_view leg_result_name(domain::LegResult result) {
  switch (result) {
    case domain::LegResult::kWin:
      return "WIN";
    case domain::LegResult::kLose:
      return "LOSE";
    case domain::LegResult::kPush:
      return "PUSH";
    case domain::LegResult::kVoid:
      return "VOID";
    case domain::LegResult::kHalfWin:
      return "HALF_WIN";
    case domain::LegResult::kHalfLose:
      return "HALF_LOSE";
  }
  return "VOID";  // unreachable: the switch covers the enum
}

domain::LegResult leg_result_from_name(std::string_view name) {
  if (name == "WIN") return domain::LegResult::kWin;
  if (name == "LOSE") return domain::LegResult::kLose;
  if (name == "PUSH") return domain::LegResult::kPush;
  if (name == "VOID") return domain::LegResult::kVoid;
  if (name == "HALF_WIN") return domain::LegResult::kHalfWin;
  if (name == "HALF_LOSE") return domain::LegResult::kHalfLose;
  bad_symbol("result", "WIN, LOSE, PUSH, VOID, HALF_WIN or HALF_LOSE", name);
}

json to_json(const domain::FeatureVector& f) {
  return {{"event_id", f.event_id},
          {"sport", f.sport},
          {"market", f.market},
          {"as_of_ms", f.as_of_ms},
          {"trigger", f.trigger},
          {"feature_names", f.feature_names},
          {"feature_values", f.feature_values},
          {"outcomes", array_of(f.outcomes, outcome_view_to_json)},
          {"consensus_method", f.consensus_method},
          {"steam", f.steam ? steam_to_json(*f.steam) : json(nullptr)},
          {"commence_ms", nullable(f.commence_ms)},
          {"home_team", nullable(f.home_team)},
          {"away_team", nullable(f.away_team)}};
}

json to_json(const domain::Prediction& p) {
  return {{"prediction_id", p.prediction_id},
          {"event_id", p.event_id},
          {"sport", p.sport},
          {"market", p.market},
          {"as_of_ms", p.as_of_ms},
          {"created_ms", p.created_ms},
          {"model_name", p.model_name},
          {"model_version", p.model_version},
          {"role", model_role_name(p.role)},
          {"outcomes", array_of(p.outcomes, predicted_outcome_to_json)},
          {"contributions", array_of(p.contributions, contribution_to_json)},
          {"base_value", nullable(p.base_value)},
          {"lock_sha256", p.lock_sha256},
          {"commence_ms", nullable(p.commence_ms)}};
}

json to_json(const domain::Opportunity& o) {
  return {{"opportunity_id", o.opportunity_id},
          {"event_id", o.event_id},
          {"sport", o.sport},
          {"market", o.market},
          {"commence_ms", nullable(o.commence_ms)},
          {"kind", o.kind},
          {"state", opportunity_state_name(o.state)},
          {"legs", array_of(o.legs, leg_to_json)},
          {"expected_value", nullable(o.expected_value)},
          {"kelly_fraction", nullable(o.kelly_fraction)},
          {"arbitrage_return", nullable(o.arbitrage_return)},
          {"middle_gap", nullable(o.middle_gap)},
          {"tier", nullable(o.tier)},
          {"prediction_id", nullable(o.prediction_id)},
          {"detected_ms", o.detected_ms},
          {"as_of_ms", o.as_of_ms},
          {"closed_reason", nullable(o.closed_reason)}};
}

json to_json(const domain::Alert& a) {
  return {{"alert_id", a.alert_id},
          {"opportunity_id", nullable(a.opportunity_id)},
          {"event_id", a.event_id},
          {"sport", a.sport},
          {"kind", a.kind},
          {"severity", a.severity},
          {"title", a.title},
          {"message", a.message},
          {"expected_value", nullable(a.expected_value)},
          {"created_ms", a.created_ms},
          {"expires_ms", nullable(a.expires_ms)},
          {"url", nullable(a.url)}};
}

json to_json(const domain::Grade& g) {
  return {{"opportunity_id", g.opportunity_id},
          {"event_id", g.event_id},
          {"sport", g.sport},
          {"market", g.market},
          {"kind", g.kind},
          {"prediction_id", nullable(g.prediction_id)},
          {"legs", array_of(g.legs, graded_leg_to_json)},
          {"total_profit", g.total_profit},
          {"graded_ms", g.graded_ms},
          {"home_score", nullable(g.home_score)},
          {"away_score", nullable(g.away_score)},
          {"strategy", nullable(g.strategy)},
          {"probability_of_result", nullable(g.probability_of_result)},
          {"brier", nullable(g.brier)},
          {"log_loss", nullable(g.log_loss)}};
}

domain::FeatureVector feature_vector_from_json(const json& j) {
  domain::FeatureVector f;
  f.event_id = get_string(j, "event_id");
  f.sport = get_string(j, "sport");
  f.market = get_string(j, "market");
  f.as_of_ms = get_long(j, "as_of_ms");
  f.trigger = get_string(j, "trigger");
  f.feature_names = get_array<std::string>(j, "feature_names");
  f.feature_values = get_array<double>(j, "feature_values");
  f.outcomes = get_records<domain::OutcomeView>(j, "outcomes", outcome_view_from_json);
  f.consensus_method = get_string(j, "consensus_method");
  f.steam = opt_record<domain::Steam>(j, "steam", steam_from_json);
  f.commence_ms = opt_long(j, "commence_ms");
  f.home_team = opt_string(j, "home_team");
  f.away_team = opt_string(j, "away_team");
  return f;
}

domain::Prediction prediction_from_json(const json& j) {
  domain::Prediction p;
  p.prediction_id = get_string(j, "prediction_id");
  p.event_id = get_string(j, "event_id");
  p.sport = get_string(j, "sport");
  p.market = get_string(j, "market");
  p.as_of_ms = get_long(j, "as_of_ms");
  p.created_ms = get_long(j, "created_ms");
  p.model_name = get_string(j, "model_name");
  p.model_version = get_string(j, "model_version");
  p.role = model_role_from_name(get_string(j, "role"));
  p.outcomes = get_records<domain::PredictedOutcome>(j, "outcomes", predicted_outcome_from_json);
  p.contributions = get_records<domain::Contribution>(j, "contributions", contribution_from_json);
  p.base_value = opt_double(j, "base_value");
  p.lock_sha256 = get_string(j, "lock_sha256");
  p.commence_ms = opt_long(j, "commence_ms");
  return p;
}

domain::Opportunity opportunity_from_json(const json& j) {
  domain::Opportunity o;
  o.opportunity_id = get_string(j, "opportunity_id");
  o.event_id = get_string(j, "event_id");
  o.sport = get_string(j, "sport");
  o.market = get_string(j, "market");
  o.commence_ms = opt_long(j, "commence_ms");
  o.kind = get_string(j, "kind");
  o.state = opportunity_state_from_name(get_string(j, "state"));
  o.legs = get_records<domain::Leg>(j, "legs", leg_from_json);
  o.expected_value = opt_double(j, "expected_value");
  o.kelly_fraction = opt_double(j, "kelly_fraction");
  o.arbitrage_return = opt_double(j, "arbitrage_return");
  o.middle_gap = opt_double(j, "middle_gap");
  o.tier = opt_string(j, "tier");
  o.prediction_id = opt_string(j, "prediction_id");
  o.detected_ms = get_long(j, "detected_ms");
  o.as_of_ms = get_long(j, "as_of_ms");
  o.closed_reason = opt_string(j, "closed_reason");
  return o;
}

domain::Alert alert_from_json(const json& j) {
  domain::Alert a;
  a.alert_id = get_string(j, "alert_id");
  a.opportunity_id = opt_string(j, "opportunity_id");
  a.event_id = get_string(j, "event_id");
  a.sport = get_string(j, "sport");
  a.kind = get_string(j, "kind");
  a.severity = get_string(j, "severity");
  a.title = get_string(j, "title");
  a.message = get_string(j, "message");
  a.expected_value = opt_double(j, "expected_value");
  a.created_ms = get_long(j, "created_ms");
  a.expires_ms = opt_long(j, "expires_ms");
  a.url = opt_string(j, "url");
  return a;
}

domain::Grade grade_from_json(const json& j) {
  domain::Grade g;
  g.opportunity_id = get_string(j, "opportunity_id");
  g.event_id = get_string(j, "event_id");
  g.sport = get_string(j, "sport");
  g.market = get_string(j, "market");
  g.kind = get_string(j, "kind");
  g.prediction_id = opt_string(j, "prediction_id");
  g.legs = get_records<domain::GradedLeg>(j, "legs", graded_leg_from_json);
  g.total_profit = get_double(j, "total_profit");
  g.graded_ms = get_long(j, "graded_ms");
  g.home_score = opt_int(j, "home_score");
  g.away_score = opt_int(j, "away_score");
  g.strategy = opt_string(j, "strategy");
  g.probability_of_result = opt_double(j, "probability_of_result");
  g.brier = opt_double(j, "brier");
  g.log_loss = opt_double(j, "log_loss");
  return g;
}

}  // namespace sharpline::serde
