#include "stages/opportunities_stage.hpp"

#include "domain/opportunities/alert_text.hpp"
#include "domain/opportunities/detection.hpp"
#include "domain/opportunities/lifecycle.hpp"
#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/topic_router.hpp"
#include "stages/store_codecs.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using runtime::stream::KeyValueStore;
using runtime::stream::ProcessorContext;
using runtime::stream::TypedRecord;

constexpr const char* kOpenStore = "open";

class OpportunitiesProcessor final : public runtime::stream::TopicRouter {
 public:
  OpportunitiesProcessor(std::shared_ptr<RecordCodec> codec, const PipelineOptions& options)
      : codec_(std::move(codec)), options_(options) {
    on<domain::FeatureVector>(
        kFeaturesTopic, [this](auto bytes) { return codec_->features(bytes); },
        [this](const TypedRecord<domain::FeatureVector>& r, ProcessorContext& c) {
          on_features(r.value, c);
        });
    on<domain::Prediction>(
        kPredictionsTopic, [this](auto bytes) { return codec_->prediction(bytes); },
        [this](const TypedRecord<domain::Prediction>& r, ProcessorContext& c) {
          on_prediction(r.value, c);
        });
  }

  void punctuate_stream_time(int64_t stream_time_ms, ProcessorContext& context) override {
    close_started(stream_time_ms, context);
  }

 private:
  KeyValueStore<OpenMarket>& open_store(ProcessorContext& c) {
    return c.kv_store<OpenMarket>(kOpenStore);
  }

  void on_features(const domain::FeatureVector& vector, ProcessorContext& context) {
    if (vector.event_id.empty() || vector.market.empty()) {
      throw runtime::stream::ValidationError("feature vector without event or market");
    }
    close_started(vector.as_of_ms, context);
    // A vector at or after kickoff is not pre-match (the features stage does not emit one;
    // this guards against other producers).
    if (vector.commence_ms && vector.as_of_ms >= *vector.commence_ms) return;
    // Its market closed already (stream time reached kickoff): nothing reopens after that.
    if (vector.commence_ms && context.stream_time() > vector.as_of_ms &&
        context.stream_time() >= *vector.commence_ms) {
      return;
    }
    auto& store = open_store(context);
    const std::string key = vector.event_id + "|" + vector.market;
    OpenMarket market;
    if (const auto* held = store.get(key)) market = *held;
    market.commence_ms = vector.commence_ms;
    const auto strict =
        domain::opportunities::detect(vector, market.prediction, options_.detection);
    const auto relaxed =
        domain::opportunities::detect(vector, market.prediction, options_.detection, true);
    const auto records =
        domain::opportunities::reconcile(market.open, vector, strict, relaxed, options_.lifecycle);
    emit_all(records, context);
    if (market.open.empty() && !market.prediction) {
      store.remove(key);
    } else {
      store.put(key, std::move(market));
    }
  }

  void on_prediction(const domain::Prediction& prediction, ProcessorContext& context) {
    if (prediction.role != domain::ModelRole::kChampion) return;  // shadows never drive bets
    if (prediction.commence_ms && prediction.as_of_ms >= *prediction.commence_ms) return;
    auto& store = open_store(context);
    const std::string key = prediction.event_id + "|" + prediction.market;
    OpenMarket market;
    if (const auto* held = store.get(key)) market = *held;
    if (market.prediction && market.prediction->as_of_ms > prediction.as_of_ms) return;
    market.prediction = prediction;
    if (!market.commence_ms) market.commence_ms = prediction.commence_ms;
    store.put(key, std::move(market));
  }

  // Everything of events whose commence time has come closes with event_started.
  void close_started(int64_t now_ms, ProcessorContext& context) {
    auto& store = open_store(context);
    std::vector<std::string> started;
    for (const auto& [key, market] : store.entries()) {
      if (market.commence_ms && *market.commence_ms <= now_ms) started.push_back(key);
    }
    for (const auto& key : started) {
      OpenMarket market = *store.get(key);
      const auto records =
          domain::opportunities::close_all(market.open, "event_started", *market.commence_ms);
      emit_all(records, context);
      store.remove(key);
    }
  }

  void emit_all(const std::vector<domain::Opportunity>& records, ProcessorContext& context) {
    for (const auto& record : records) {
      context.emit(codec_->output(kOpportunitiesTopic, record, record.as_of_ms));
      if (const auto alert = domain::opportunities::alert_for(record)) {
        context.emit(codec_->output(kAlertsTopic, *alert, alert->created_ms));
      }
    }
  }

  std::shared_ptr<RecordCodec> codec_;
  const PipelineOptions& options_;
};

}  // namespace

runtime::stream::StageDefinition opportunities_stage(const std::shared_ptr<RecordCodec>& codec,
                                                     PipelineOptions options) {
  auto shared = std::make_shared<PipelineOptions>(std::move(options));
  runtime::stream::StageDefinition stage;
  stage.name = "opportunities";
  stage.application_id = kOpportunitiesApplicationId;
  // Predictions only matter when they price the bets: reading them otherwise would only make
  // the outputs depend on how the two topics interleave.
  stage.inputs = {kFeaturesTopic};
  if (shared->detection.source == domain::opportunities::ProbabilitySource::kModel) {
    stage.inputs.emplace_back(kPredictionsTopic);
  }
  const std::size_t bound = shared->max_markets_per_partition;
  stage.stores = {{kOpenStore, [bound](int32_t partition) {
                     return std::make_unique<KeyValueStore<OpenMarket>>(kOpenStore, partition,
                                                                        open_market_codec(), bound);
                   }}};
  stage.make_processor = [codec, shared](int32_t) {
    return std::make_unique<OpportunitiesProcessor>(codec, *shared);
  };
  stage.stream_time_punctuation_ms = 60000;
  return stage;
}

}  // namespace sharpline::stages
