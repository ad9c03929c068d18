#include "stages/inference_stage.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <span>

#include "adapters/ml/model_directory.hpp"
#include "adapters/ml/prediction_lock.hpp"
#include "adapters/ml/sha256.hpp"
#include "common/logging.hpp"
#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/topic_router.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using runtime::stream::ProcessorContext;
using runtime::stream::TypedRecord;

constexpr const char* kConsensusModelName = "market_consensus";

// One model directory per stage instance, shared by its partitions' processors.
struct ModelService {
  explicit ModelService(const std::string& dir) {
    if (!dir.empty()) directory = std::make_unique<adapters::ml::ModelDirectory>(dir);
  }
  void refresh_if_due(int64_t now_ms, int64_t interval_ms) {
    if (!directory) return;
    int64_t last = last_refresh_ms.load();
    if (last != 0 && now_ms - last < interval_ms) return;
    if (!last_refresh_ms.compare_exchange_strong(last, now_ms)) return;
    const auto report = directory->refresh();
    for (const auto& file : report.loaded) log_info("model loaded", {{"file", file}});
    for (const auto& file : report.removed) log_info("model removed", {{"file", file}});
    for (const auto& error : report.errors) log_warn("model skipped", {{"error", error}});
  }
  std::unique_ptr<adapters::ml::ModelDirectory> directory;
  std::atomic<int64_t> last_refresh_ms{0};
};

class InferenceProcessor final : public runtime::stream::TopicRouter {
 public:
  InferenceProcessor(std::shared_ptr<RecordCodec> codec, std::shared_ptr<ModelService> models,
                     const PipelineOptions& options)
      : codec_(std::move(codec)), models_(std::move(models)), options_(options) {
    on<domain::FeatureVector>(
        kFeaturesTopic, [this](auto bytes) { return codec_->features(bytes); },
        [this](const TypedRecord<domain::FeatureVector>& r, ProcessorContext& c) {
          on_features(r.value, c);
        });
  }

  void init(ProcessorContext& context) override {
    models_->refresh_if_due(context.wall_clock_ms(), options_.model_refresh_ms);
  }

  void punctuate_wall_clock(int64_t now_ms, ProcessorContext& /*context*/) override {
    models_->refresh_if_due(now_ms, options_.model_refresh_ms);
  }

 private:
  void on_features(const domain::FeatureVector& vector, ProcessorContext& context) {
    if (vector.feature_names.size() != vector.feature_values.size()) {
      throw runtime::stream::ValidationError("feature_names and feature_values differ in length");
    }
    if (vector.outcomes.empty()) throw runtime::stream::ValidationError("vector without outcomes");
    bool served = false;
    if (models_->directory) {
      if (auto champion = models_->directory->champion(vector.sport, vector.market)) {
        served = predict(vector, *champion, domain::ModelRole::kChampion, context);
      }
      if (served) {
        if (auto challenger = models_->directory->challenger(vector.sport, vector.market)) {
          (void)predict(vector, *challenger, domain::ModelRole::kChallenger, context);
        }
      }
    }
    if (!served) emit(consensus_prediction(vector), context);
  }

  // False when the vector lacks what the model needs (a feature, or what its classes name).
  bool predict(const domain::FeatureVector& vector, const adapters::ml::LoadedModel& model,
               domain::ModelRole role, ProcessorContext& context) {
    const auto& names = model.metadata.feature_names;
    row_.assign(names.size(), 0.0f);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto value = feature(vector, names[i]);
      if (!value) return false;
      row_[i] = static_cast<float>(*value);
    }
    const auto& classes = model.metadata.classes;
    std::vector<domain::PredictedOutcome> outcomes;
    for (const auto& role_name : classes) {
      auto outcome = outcome_of(role_name, vector);
      if (!outcome) return false;
      outcomes.push_back(std::move(*outcome));
    }
    probabilities_.resize(classes.size());
    model.probabilities(row_, probabilities_);
    for (std::size_t k = 0; k < outcomes.size(); ++k) outcomes[k].probability = probabilities_[k];

    domain::Prediction prediction = base(vector);
    prediction.model_name = model.metadata.name;
    prediction.model_version = model.metadata.version;
    prediction.role = role;
    const auto& xgb = *model.model;
    const std::size_t width = names.size() + 1;
    shap_.resize(xgb.contribution_groups() * width);
    xgb.class_contributions(row_, shap_);
    if (!xgb.multiclass()) {
      // Binary: the positive class (index 1, e.g. home) first, as predictions always listed it.
      prediction.outcomes = {outcomes[1], outcomes[0]};
      add_top_contributions(prediction, names, std::span<const double>(shap_).first(names.size()),
                            std::nullopt);
      prediction.base_value = shap_[names.size()];
    } else {
      // Multiclass: class order, and the top contributions of every class's margin, each named
      // by its outcome. There is no single base value (each class has its own bias).
      prediction.outcomes = outcomes;
      for (std::size_t k = 0; k < outcomes.size(); ++k) {
        add_top_contributions(prediction, names,
                              std::span<const double>(shap_).subspan(k * width, names.size()),
                              outcomes[k].outcome);
      }
    }
    finish(prediction, context);
    emit(prediction, context);
    return true;
  }

  static std::optional<double> feature(const domain::FeatureVector& vector,
                                       const std::string& name) {
    const auto it = std::find(vector.feature_names.begin(), vector.feature_names.end(), name);
    if (it == vector.feature_names.end()) return std::nullopt;
    return vector.feature_values[static_cast<std::size_t>(it - vector.feature_names.begin())];
  }

  // A model class role as the outcome it predicts (probability filled in later); nullopt when
  // the vector lacks what the role needs or the role is unknown. main_point is the home side's
  // point for spreads and the Over's for totals (features stage, add_lines).
  static std::optional<domain::PredictedOutcome> outcome_of(const std::string& role,
                                                            const domain::FeatureVector& vector) {
    const auto team = [](const std::optional<std::string>& name,
                         std::optional<double> point) -> std::optional<domain::PredictedOutcome> {
      if (!name) return std::nullopt;
      return domain::PredictedOutcome{*name, point, 0.0};
    };
    if (role == "home") return team(vector.home_team, std::nullopt);
    if (role == "away") return team(vector.away_team, std::nullopt);
    if (role == "draw") return domain::PredictedOutcome{"Draw", std::nullopt, 0.0};
    const bool lines =
        role == "over" || role == "under" || role == "home_cover" || role == "away_cover";
    if (!lines) return std::nullopt;
    const auto point = feature(vector, "main_point");
    if (!point) return std::nullopt;
    if (role == "over") return domain::PredictedOutcome{"Over", *point, 0.0};
    if (role == "under") return domain::PredictedOutcome{"Under", *point, 0.0};
    if (role == "home_cover") return team(vector.home_team, *point);
    return team(vector.away_team, 0.0 - *point);  // 0.0 - x: never a negative zero
  }

  // The top_contributions largest |value| of one class's SHAP values.
  void add_top_contributions(domain::Prediction& prediction, const std::vector<std::string>& names,
                             std::span<const double> values,
                             const std::optional<std::string>& outcome) const {
    std::vector<std::size_t> order(values.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::fabs(values[a]) > std::fabs(values[b]);
    });
    const auto top =
        std::min<std::size_t>(order.size(), static_cast<std::size_t>(options_.top_contributions));
    for (std::size_t k = 0; k < top; ++k) {
      prediction.contributions.push_back({names[order[k]], values[order[k]], outcome});
    }
  }

  domain::Prediction consensus_prediction(const domain::FeatureVector& vector) {
    domain::Prediction prediction = base(vector);
    prediction.model_name = kConsensusModelName;
    prediction.model_version = vector.consensus_method;
    prediction.role = domain::ModelRole::kConsensus;
    for (const auto& o : vector.outcomes) {
      prediction.outcomes.push_back({o.outcome, o.point, o.consensus_probability});
    }
    return prediction;
  }

  static domain::Prediction base(const domain::FeatureVector& vector) {
    domain::Prediction prediction;
    prediction.event_id = vector.event_id;
    prediction.sport = vector.sport;
    prediction.market = vector.market;
    prediction.as_of_ms = vector.as_of_ms;
    prediction.commence_ms = vector.commence_ms;
    return prediction;
  }

  // Id from what the prediction is of (so a replay gives the same ids), created_ms from the
  // clock (when it was really made), and the lock over both.
  static void finish(domain::Prediction& prediction, ProcessorContext& context) {
    const std::string role(domain::model_role_key(prediction.role));
    prediction.prediction_id =
        adapters::ml::sha256_hex(prediction.event_id + "|" + prediction.market + "|" +
                                 std::to_string(prediction.as_of_ms) + "|" + prediction.model_name +
                                 "|" + prediction.model_version + "|" + role)
            .substr(0, 32);
    prediction.created_ms = context.wall_clock_ms();
    prediction.lock_sha256 = adapters::ml::prediction_lock(prediction);
  }

  void emit(domain::Prediction prediction, ProcessorContext& context) {
    if (prediction.prediction_id.empty()) finish(prediction, context);
    context.emit(codec_->output(kPredictionsTopic, prediction, prediction.as_of_ms));
  }

  std::shared_ptr<RecordCodec> codec_;
  std::shared_ptr<ModelService> models_;
  const PipelineOptions& options_;
  std::vector<float> row_;
  std::vector<double> probabilities_;  // reused per prediction
  std::vector<double> shap_;
};

}  // namespace

runtime::stream::StageDefinition inference_stage(const std::shared_ptr<RecordCodec>& codec,
                                                 PipelineOptions options) {
  auto shared = std::make_shared<PipelineOptions>(std::move(options));
  auto models = std::make_shared<ModelService>(shared->model_dir);
  runtime::stream::StageDefinition stage;
  stage.name = "inference";
  stage.application_id = kInferenceApplicationId;
  stage.inputs = {kFeaturesTopic};
  stage.make_processor = [codec, models, shared](int32_t) {
    return std::make_unique<InferenceProcessor>(codec, models, *shared);
  };
  stage.wall_clock_punctuation_ms = std::max<int64_t>(shared->model_refresh_ms, 1000);
  return stage;
}

}  // namespace sharpline::stages
