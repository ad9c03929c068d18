#include "stages/inference_stage.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "adapters/ml/prediction_lock.hpp"
#include "adapters/ml/training.hpp"
#include "domain/features/nfl_moneyline_features.hpp"
#include "stage_test_support.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using nlohmann::json;

constexpr const char* kEvent =
    "americanfootball_nfl:2025-09-14:san-francisco-49ers@new-orleans-saints";
constexpr int64_t kKickoff = 1757869200000;

domain::FeatureVector h2h_vector(double consensus_home) {
  domain::FeatureVector v;
  v.event_id = kEvent;
  v.sport = "americanfootball_nfl";
  v.market = "h2h";
  v.as_of_ms = kKickoff - 3600000;
  v.trigger = "price_move";
  v.consensus_method = "weighted_shin";
  v.commence_ms = kKickoff;
  v.home_team = "New Orleans Saints";
  v.away_team = "San Francisco 49ers";
  domain::features::NflMoneylineInputs inputs;
  inputs.consensus_prob_home = consensus_home;
  const auto values = domain::features::nfl_moneyline_features(inputs);
  for (std::size_t i = 0; i < values.size(); ++i) {
    v.feature_names.emplace_back(domain::features::kNflMoneylineFeatureNames[i]);
    v.feature_values.push_back(values[i]);
  }
  domain::OutcomeView home;
  home.outcome = "New Orleans Saints";
  home.best_price = 2.4;
  home.best_book = "pinnacle";
  home.consensus_probability = consensus_home;
  home.books_quoting = 4;
  domain::OutcomeView away = home;
  away.outcome = "San Francisco 49ers";
  away.best_price = 1.65;
  away.consensus_probability = 1 - consensus_home;
  v.outcomes = {away, home};
  return v;
}

// A small model that learned "home wins when the market says so".
void train_model(const std::filesystem::path& dir, domain::ModelRole role,
                 const std::string& stem) {
  std::vector<std::string> names;
  for (const auto n : domain::features::kNflMoneylineFeatureNames) names.emplace_back(n);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> uniform(0.2, 0.8);
  std::vector<float> rows;
  std::vector<float> labels;
  for (int i = 0; i < 400; ++i) {
    domain::features::NflMoneylineInputs inputs;
    inputs.consensus_prob_home = uniform(rng);
    for (const double x : domain::features::nfl_moneyline_features(inputs)) {
      rows.push_back(static_cast<float>(x));
    }
    labels.push_back(uniform(rng) < inputs.consensus_prob_home ? 1.0f : 0.0f);
  }
  adapters::ml::TrainingParams params;
  params.rounds = 20;
  params.output_dir = dir;
  params.file_stem = stem;
  params.metadata.name = stem;
  params.metadata.role = role;
  params.metadata.sport = "americanfootball_nfl";
  params.metadata.market = "h2h";
  (void)adapters::ml::train_binary_classifier(rows, labels, names, params);
}

std::shared_ptr<serde::TopicSerde> serde() {
  static auto instance = testing::make_topic_serde();
  return instance;
}

TEST(InferenceStage, WithoutModelsTheMarketConsensusIsThePrediction) {
  testing::StageHarness harness(
      inference_stage(std::make_shared<RecordCodec>(serde()), PipelineOptions{}), serde());
  const auto v = h2h_vector(0.41);
  harness.pipe(kFeaturesTopic, v, v.as_of_ms);
  harness.pipe(kFeaturesTopic, v, v.as_of_ms);
  const auto predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 2U);
  const auto p = serde::prediction_from_json(predictions[0]);
  EXPECT_EQ(p.role, domain::ModelRole::kConsensus);
  EXPECT_EQ(p.model_name, "market_consensus");
  ASSERT_EQ(p.outcomes.size(), 2U);
  EXPECT_DOUBLE_EQ(p.outcomes[1].probability, 0.41);
  EXPECT_TRUE(adapters::ml::verify_prediction_lock(p));
  EXPECT_EQ(predictions[1]["prediction_id"], predictions[0]["prediction_id"])
      << "the id is a function of what is predicted";
  auto tampered = p;
  tampered.outcomes[1].probability = 0.5;
  EXPECT_FALSE(adapters::ml::verify_prediction_lock(tampered));
}

TEST(InferenceStage, ChampionAndShadowChallengerWithContributions) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sharpline-inference-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  train_model(dir, domain::ModelRole::kChampion, "champ");
  PipelineOptions options;
  options.model_dir = dir.string();
  options.model_refresh_ms = 1000;
  options.top_contributions = 3;
  testing::StageHarness harness(inference_stage(std::make_shared<RecordCodec>(serde()), options),
                                serde());
  auto strong = h2h_vector(0.75);
  harness.pipe(kFeaturesTopic, strong, strong.as_of_ms);
  auto predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 1U);
  auto p = serde::prediction_from_json(predictions[0]);
  EXPECT_EQ(p.role, domain::ModelRole::kChampion);
  EXPECT_EQ(p.model_name, "champ");
  EXPECT_GT(p.outcomes[0].probability, 0.5) << "home listed first, favoured by the market";
  EXPECT_NEAR(p.outcomes[0].probability + p.outcomes[1].probability, 1.0, 1e-12);
  ASSERT_EQ(p.contributions.size(), 3U);
  EXPECT_EQ(p.contributions[0].feature, "consensus_prob_home") << "the only informative feature";
  ASSERT_TRUE(p.base_value.has_value());
  EXPECT_TRUE(adapters::ml::verify_prediction_lock(p));

  // A challenger dropped in is served after the next refresh, in shadow.
  train_model(dir, domain::ModelRole::kChallenger, "challenger");
  harness.driver().advance_wall_clock(2000);
  harness.pipe(kFeaturesTopic, strong, strong.as_of_ms);
  predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 2U);
  EXPECT_EQ(predictions[0]["role"], "CHAMPION");
  EXPECT_EQ(predictions[1]["role"], "CHALLENGER");
  std::filesystem::remove_all(dir);
}

TEST(InferenceStage, VectorWithoutTheModelsFeaturesFallsBackToConsensus) {
  testing::StageHarness harness(
      inference_stage(std::make_shared<RecordCodec>(serde()), PipelineOptions{}), serde());
  auto v = h2h_vector(0.5);
  v.feature_values.pop_back();
  EXPECT_EQ(harness.pipe(kFeaturesTopic, v, v.as_of_ms),
            runtime::stream::RecordOutcome::kDeadLettered);
}

}  // namespace
}  // namespace sharpline::stages
