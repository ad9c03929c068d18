// The records the pipeline stages produce (features, predictions, opportunities, alerts, grades),
// as plain C++ values mirroring schemas/*.avsc field for field. Times are UTC epoch
// milliseconds of event time (the time of the newest input reflected), so a replay of history
// produces the same records as the live run did.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::domain {

struct OutcomeView {
  std::string outcome;
  std::optional<double> point;
  double best_price = 0.0;
  std::string best_book;
  double consensus_probability = 0.0;
  std::optional<double> opening_price;
  int32_t books_quoting = 0;

  bool operator==(const OutcomeView&) const = default;
};

enum class SteamDirection { kShortening, kDrifting };

struct Steam {
  std::string outcome;
  std::optional<double> point;
  SteamDirection direction = SteamDirection::kShortening;
  std::vector<std::string> books_moved;
  std::vector<std::string> books_not_moved;
  // Current price of each book in books_not_moved, same order: where the stale value is.
  std::vector<double> stale_prices;
  std::optional<std::string> first_mover;
  int64_t window_ms = 0;
  double magnitude = 0.0;

  bool operator==(const Steam&) const = default;
};

struct FeatureVector {
  std::string event_id;
  std::string sport;
  std::string market;
  int64_t as_of_ms = 0;
  std::string trigger;
  std::vector<std::string> feature_names;
  std::vector<double> feature_values;
  std::vector<OutcomeView> outcomes;
  std::string consensus_method;
  std::optional<Steam> steam;
  std::optional<int64_t> commence_ms;
  std::optional<std::string> home_team;
  std::optional<std::string> away_team;

  bool operator==(const FeatureVector&) const = default;
};

enum class ModelRole { kChampion, kChallenger, kConsensus };

// "champion", "challenger", "consensus": the role as model files, strategies and prediction
// locks spell it (the Avro enum symbols are the upper-case forms, see serde).
inline std::string_view model_role_key(ModelRole role) {
  switch (role) {
    case ModelRole::kChampion:
      return "champion";
    case ModelRole::kChallenger:
      return "challenger";
    case ModelRole::kConsensus:
      return "consensus";
  }
  return "unknown";
}

struct PredictedOutcome {
  std::string outcome;
  std::optional<double> point;
  double probability = 0.0;

  bool operator==(const PredictedOutcome&) const = default;
};

struct Contribution {
  std::string feature;
  double value = 0.0;
  std::optional<std::string> outcome;

  bool operator==(const Contribution&) const = default;
};

struct Prediction {
  std::string prediction_id;
  std::string event_id;
  std::string sport;
  std::string market;
  int64_t as_of_ms = 0;
  int64_t created_ms = 0;
  std::string model_name;
  std::string model_version;
  ModelRole role = ModelRole::kConsensus;
  std::vector<PredictedOutcome> outcomes;
  std::vector<Contribution> contributions;
  std::optional<double> base_value;
  std::string lock_sha256;
  std::optional<int64_t> commence_ms;

  bool operator==(const Prediction&) const = default;
};

enum class OpportunityState { kOpen, kUpdated, kClosed };

struct Leg {
  std::string bookmaker;
  std::string outcome;
  std::optional<double> point;
  double price = 0.0;
  double stake = 0.0;
  std::optional<double> fair_probability;

  bool operator==(const Leg&) const = default;
};

struct Opportunity {
  std::string opportunity_id;
  std::string event_id;
  std::string sport;
  std::string market;
  std::optional<int64_t> commence_ms;
  std::string kind;  // value, arbitrage, middle, steam
  OpportunityState state = OpportunityState::kOpen;
  std::vector<Leg> legs;
  std::optional<double> expected_value;
  std::optional<double> kelly_fraction;
  std::optional<double> arbitrage_return;
  std::optional<double> middle_gap;
  std::optional<std::string> tier;
  std::optional<std::string> prediction_id;
  int64_t detected_ms = 0;
  int64_t as_of_ms = 0;
  std::optional<std::string> closed_reason;

  bool operator==(const Opportunity&) const = default;
};

struct Alert {
  std::string alert_id;
  std::optional<std::string> opportunity_id;
  std::string event_id;
  std::string sport;
  std::string kind;
  std::string severity;
  std::string title;
  std::string message;
  std::optional<double> expected_value;
  int64_t created_ms = 0;
  std::optional<int64_t> expires_ms;
  std::optional<std::string> url;

  bool operator==(const Alert&) const = default;
};

enum class LegResult { kWin, kLose, kPush, kVoid, kHalfWin, kHalfLose };

struct GradedLeg {
  std::string bookmaker;
  std::string outcome;
  std::optional<double> point;
  double price = 0.0;
  double stake = 0.0;
  LegResult result = LegResult::kVoid;
  double profit = 0.0;
  std::optional<double> closing_price;
  std::optional<double> closing_fair_probability;
  std::optional<double> clv;

  bool operator==(const GradedLeg&) const = default;
};

struct Grade {
  std::string opportunity_id;  // for a graded prediction: its prediction_id
  std::string event_id;
  std::string sport;
  std::string market;
  std::string kind;  // value, arbitrage, middle, steam; "prediction" for a graded prediction
  std::optional<std::string> prediction_id;
  std::vector<GradedLeg> legs;
  double total_profit = 0.0;
  int64_t graded_ms = 0;
  std::optional<int32_t> home_score;
  std::optional<int32_t> away_score;
  std::optional<std::string> strategy;  // running-totals bucket, e.g. "value:A"
  // Graded predictions: probability given to what happened, Brier score and log loss.
  std::optional<double> probability_of_result;
  std::optional<double> brier;
  std::optional<double> log_loss;

  bool operator==(const Grade&) const = default;
};

}  // namespace sharpline::domain
