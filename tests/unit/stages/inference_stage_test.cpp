#include "stages/inference_stage.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <span>

#include "adapters/ml/model_metadata.hpp"
#include "adapters/ml/prediction_lock.hpp"
#include "adapters/ml/training.hpp"
#include "domain/features/nfl_moneyline_features.hpp"
#include "domain/features/soccer_match_features.hpp"
#include "stage_test_support.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using nlohmann::json;

constexpr const char* kEvent =
    "americanfootball_nfl:2025-09-14:san-francisco-49ers@new-orleans-saints";
constexpr int64_t kKickoff = 1757869200000;

// A pre-match vector an hour before kickoff; the callers add outcomes and features.
domain::FeatureVector vector_base(std::string event, std::string sport, std::string market,
                                  std::string home, std::string away) {
  domain::FeatureVector v;
  v.event_id = std::move(event);
  v.sport = std::move(sport);
  v.market = std::move(market);
  v.as_of_ms = kKickoff - 3600000;
  v.trigger = "price_move";
  v.consensus_method = "weighted_shin";
  v.commence_ms = kKickoff;
  v.home_team = std::move(home);
  v.away_team = std::move(away);
  return v;
}

domain::FeatureVector h2h_vector(double consensus_home) {
  auto v = vector_base(kEvent, "americanfootball_nfl", "h2h", "New Orleans Saints",
                       "San Francisco 49ers");
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

// A fresh model directory for one test.
struct ModelDir {
  explicit ModelDir(const std::string& tag)
      : path(std::filesystem::temp_directory_path() /
             ("sharpline-inference-" + tag + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ModelDir() { std::filesystem::remove_all(path); }
  std::filesystem::path path;
};

PipelineOptions options_for(const ModelDir& dir, int top = 2) {
  PipelineOptions options;
  options.model_dir = dir.path.string();
  options.model_refresh_ms = 1000;
  options.top_contributions = top;
  return options;
}

std::vector<float> row_of(const domain::FeatureVector& v, const std::vector<std::string>& names) {
  std::vector<float> row;
  for (const auto& name : names) {
    const auto it = std::find(v.feature_names.begin(), v.feature_names.end(), name);
    row.push_back(static_cast<float>(v.feature_values[it - v.feature_names.begin()]));
  }
  return row;
}

domain::FeatureVector soccer_vector(double home, double draw, double away) {
  auto v = vector_base("soccer_epl:2025-09-13:arsenal@chelsea", "soccer_epl", "h2h_3way", "Chelsea",
                       "Arsenal");
  domain::features::Soccer1x2Inputs inputs;
  inputs.consensus_prob_home = home;
  inputs.consensus_prob_draw = draw;
  inputs.consensus_prob_away = away;
  const auto values = domain::features::soccer_1x2_features(inputs);
  for (std::size_t i = 0; i < values.size(); ++i) {
    v.feature_names.emplace_back(domain::features::kSoccer1x2FeatureNames[i]);
    v.feature_values.push_back(values[i]);
  }
  using Side = std::pair<std::string, double>;
  for (const auto& [name, p] : {Side{"Arsenal", away}, Side{"Chelsea", home}, Side{"Draw", draw}}) {
    domain::OutcomeView o;
    o.outcome = name;
    o.best_price = 1.0 / p;
    o.best_book = "pinnacle";
    o.consensus_probability = p;
    o.books_quoting = 3;
    v.outcomes.push_back(o);
  }
  return v;
}

// A 1X2 model whose outcomes follow the market's consensus.
std::filesystem::path train_soccer_model(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto n : domain::features::kSoccer1x2FeatureNames) names.emplace_back(n);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<float> rows;
  std::vector<float> labels;
  for (int i = 0; i < 600; ++i) {
    const double home = 0.2 + 0.5 * uniform(rng);
    const double draw = 0.2 + 0.1 * uniform(rng);
    domain::features::Soccer1x2Inputs inputs;
    inputs.consensus_prob_home = home;
    inputs.consensus_prob_draw = draw;
    inputs.consensus_prob_away = 1.0 - home - draw;
    for (const double x : domain::features::soccer_1x2_features(inputs)) {
      rows.push_back(static_cast<float>(x));
    }
    const double r = uniform(rng);
    labels.push_back(r < home ? 0.0f : (r < home + draw ? 1.0f : 2.0f));
  }
  adapters::ml::TrainingParams params;
  params.objective = adapters::ml::Objective::kMulticlass;
  params.num_class = 3;
  params.classes = {"home", "draw", "away"};
  params.rounds = 40;
  params.calibration = adapters::ml::CalibrationChoice::kPlatt;
  params.output_dir = dir;
  params.file_stem = "soccer";
  params.metadata.name = "soccer";
  params.metadata.sport = "soccer_epl";
  params.metadata.market = "h2h_3way";
  const std::span<const float> all_rows(rows);
  const std::span<const float> all_labels(labels);
  const std::size_t cols = names.size();
  return adapters::ml::train_classifier({all_rows.first(450 * cols), all_labels.first(450)},
                                        {all_rows.subspan(450 * cols), all_labels.subspan(450)},
                                        names, params)
      .meta_path;
}

TEST(InferenceStage, MulticlassModelPredictsHomeDrawAwayWithContributionsPerOutcome) {
  const ModelDir dir("soccer");
  const auto meta_path = train_soccer_model(dir.path);
  testing::StageHarness harness(
      inference_stage(std::make_shared<RecordCodec>(serde()), options_for(dir, 2)), serde());
  const auto v = soccer_vector(0.6, 0.25, 0.15);
  harness.pipe(kFeaturesTopic, v, v.as_of_ms);
  const auto predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 1U);
  const auto p = serde::prediction_from_json(predictions[0]);
  EXPECT_EQ(p.role, domain::ModelRole::kChampion);
  EXPECT_EQ(p.model_name, "soccer");
  ASSERT_EQ(p.outcomes.size(), 3U);
  EXPECT_EQ(p.outcomes[0].outcome, "Chelsea");
  EXPECT_EQ(p.outcomes[1].outcome, "Draw");
  EXPECT_EQ(p.outcomes[2].outcome, "Arsenal");
  EXPECT_NEAR(p.outcomes[0].probability + p.outcomes[1].probability + p.outcomes[2].probability,
              1.0, 1e-12);
  EXPECT_GT(p.outcomes[0].probability, p.outcomes[2].probability);

  // The served probabilities are the calibrated ones.
  const auto loaded = adapters::ml::load_model(meta_path);
  ASSERT_TRUE(loaded->metadata.calibration.calibrated());
  const auto expected = loaded->probabilities(row_of(v, loaded->metadata.feature_names));
  for (std::size_t k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(p.outcomes[k].probability, expected[k]);

  ASSERT_EQ(p.contributions.size(), 6U) << "top 2 per class";
  EXPECT_EQ(p.contributions[0].outcome, "Chelsea");
  EXPECT_EQ(p.contributions[2].outcome, "Draw");
  EXPECT_EQ(p.contributions[4].outcome, "Arsenal");
  EXPECT_FALSE(p.base_value.has_value()) << "each class has its own bias";
  EXPECT_TRUE(adapters::ml::verify_prediction_lock(p));
}

domain::FeatureVector lines_vector(const std::string& market, std::optional<double> main_point) {
  auto v = vector_base(kEvent, "americanfootball_nfl", market, "New Orleans Saints",
                       "San Francisco 49ers");
  if (main_point) {
    v.feature_names.emplace_back("main_point");
    v.feature_values.push_back(*main_point);
  }
  v.feature_names.emplace_back("consensus_prob_main");
  v.feature_values.push_back(0.7);
  domain::OutcomeView o;
  o.outcome = market == "totals" ? "Over" : "New Orleans Saints";
  o.point = main_point;
  o.best_price = 1.9;
  o.consensus_probability = 0.7;
  v.outcomes = {o};
  return v;
}

// A binary lines model on consensus_prob_main with the given class roles.
void train_lines_model(const std::filesystem::path& dir, const std::string& market,
                       std::vector<std::string> classes) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> uniform(0.2, 0.8);
  std::vector<float> rows;
  std::vector<float> labels;
  for (int i = 0; i < 400; ++i) {
    const double p = uniform(rng);
    rows.push_back(static_cast<float>(p));
    labels.push_back(uniform(rng) < p ? 1.0f : 0.0f);
  }
  adapters::ml::TrainingParams params;
  params.rounds = 20;
  params.classes = std::move(classes);
  params.calibration = adapters::ml::CalibrationChoice::kIsotonic;
  params.output_dir = dir;
  params.file_stem = market;
  params.metadata.name = market;
  params.metadata.sport = "americanfootball_nfl";
  params.metadata.market = market;
  const std::span<const float> r(rows);
  const std::span<const float> l(labels);
  (void)adapters::ml::train_classifier({r.first(300), l.first(300)},
                                       {r.subspan(300), l.subspan(300)}, {"consensus_prob_main"},
                                       params);
}

TEST(InferenceStage, TotalsModelPredictsOverAndUnderAtTheMainPoint) {
  const ModelDir dir("totals");
  train_lines_model(dir.path, "totals", {"under", "over"});
  testing::StageHarness harness(
      inference_stage(std::make_shared<RecordCodec>(serde()), options_for(dir)), serde());
  auto v = lines_vector("totals", 47.5);
  harness.pipe(kFeaturesTopic, v, v.as_of_ms);
  auto predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 1U);
  auto p = serde::prediction_from_json(predictions[0]);
  EXPECT_EQ(p.role, domain::ModelRole::kChampion);
  ASSERT_EQ(p.outcomes.size(), 2U);
  EXPECT_EQ(p.outcomes[0].outcome, "Over") << "the positive class first";
  EXPECT_EQ(p.outcomes[0].point, 47.5);
  EXPECT_EQ(p.outcomes[1].outcome, "Under");
  EXPECT_EQ(p.outcomes[1].point, 47.5);
  EXPECT_NEAR(p.outcomes[0].probability + p.outcomes[1].probability, 1.0, 1e-12);
  const auto loaded = adapters::ml::load_model(dir.path / "totals.meta.json");
  EXPECT_EQ(loaded->metadata.calibration.method, adapters::ml::CalibrationMethod::kIsotonic);
  EXPECT_DOUBLE_EQ(p.outcomes[0].probability, loaded->probabilities(std::vector<float>{0.7f})[1]);
  ASSERT_EQ(p.contributions.size(), 1U);
  EXPECT_FALSE(p.contributions[0].outcome.has_value()) << "binary: as before";
  EXPECT_TRUE(p.base_value.has_value());

  // Without main_point the model's classes cannot be placed: the consensus answers.
  v = lines_vector("totals", std::nullopt);
  harness.pipe(kFeaturesTopic, v, v.as_of_ms);
  predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 1U);
  EXPECT_EQ(serde::prediction_from_json(predictions[0]).role, domain::ModelRole::kConsensus);
}

TEST(InferenceStage, SpreadsModelPredictsBothSidesOfTheHomeLine) {
  const ModelDir dir("spreads");
  train_lines_model(dir.path, "spreads", {"away_cover", "home_cover"});
  testing::StageHarness harness(
      inference_stage(std::make_shared<RecordCodec>(serde()), options_for(dir)), serde());
  auto v = lines_vector("spreads", -3.5);
  harness.pipe(kFeaturesTopic, v, v.as_of_ms);
  auto predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 1U);
  const auto p = serde::prediction_from_json(predictions[0]);
  ASSERT_EQ(p.outcomes.size(), 2U);
  EXPECT_EQ(p.outcomes[0].outcome, "New Orleans Saints");
  EXPECT_EQ(p.outcomes[0].point, -3.5);
  EXPECT_EQ(p.outcomes[1].outcome, "San Francisco 49ers");
  EXPECT_EQ(p.outcomes[1].point, 3.5);

  // Without the home team there is no side to name: the consensus answers.
  v.home_team.reset();
  harness.pipe(kFeaturesTopic, v, v.as_of_ms);
  predictions = harness.take(kPredictionsTopic);
  ASSERT_EQ(predictions.size(), 1U);
  EXPECT_EQ(serde::prediction_from_json(predictions[0]).role, domain::ModelRole::kConsensus);
}

}  // namespace
}  // namespace sharpline::stages
