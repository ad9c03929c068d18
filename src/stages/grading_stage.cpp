#include "stages/grading_stage.hpp"

#include <climits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/events/canonical_event_id.hpp"
#include "domain/features/game_calendar.hpp"
#include "domain/grading/grader.hpp"
#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/topic_router.hpp"
#include "serde/pipeline_record_json.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using nlohmann::json;
using runtime::stream::KeyValueStore;
using runtime::stream::ProcessorContext;
using runtime::stream::TypedRecord;

constexpr const char* kPendingStore = "pending";
constexpr const char* kTotalsStore = "totals";
constexpr int64_t kRetentionMs = 14LL * 24 * 3600 * 1000;
// A final result is kept longer, so a late opportunity or prediction is still graded.
constexpr int64_t kFinalRetentionMs = 120LL * 24 * 3600 * 1000;

std::string point_text(const std::optional<double>& point) {
  return point ? std::to_string(*point) : "-";
}

// Outcome names compared by slug: results name teams only through the event id.
std::string team_key(const std::string& outcome) {
  if (outcome == "Over" || outcome == "Under" || outcome == "Draw") return outcome;
  return domain::events::slug(outcome);
}

runtime::stream::StoreCodec<domain::grading::StrategyTotals> totals_codec() {
  return {[](const domain::grading::StrategyTotals& t, std::string& out) {
            out = json{{"bets", t.bets},           {"stake", t.stake},
                       {"profit", t.profit},       {"clv_sum", t.clv_sum},
                       {"clv_count", t.clv_count}, {"beat_close", t.beat_close}}
                      .dump();
          },
          [](std::string_view bytes) {
            const json j = json::parse(bytes);
            domain::grading::StrategyTotals t;
            t.bets = j.at("bets").get<int64_t>();
            t.stake = j.at("stake").get<double>();
            t.profit = j.at("profit").get<double>();
            t.clv_sum = j.at("clv_sum").get<double>();
            t.clv_count = j.at("clv_count").get<int64_t>();
            t.beat_close = j.at("beat_close").get<int64_t>();
            return t;
          }};
}

class GradingProcessor final : public runtime::stream::TopicRouter {
 public:
  explicit GradingProcessor(std::shared_ptr<RecordCodec> codec) : codec_(std::move(codec)) {
    on<domain::OddsQuote>(
        kOddsTopic, [this](auto b) { return codec_->odds(b); },
        [this](const TypedRecord<domain::OddsQuote>& r, ProcessorContext& c) {
          on_quote(r.value, c);
        });
    on<domain::FeatureVector>(
        kFeaturesTopic, [this](auto b) { return codec_->features(b); },
        [this](const TypedRecord<domain::FeatureVector>& r, ProcessorContext& c) {
          on_features(r.value, c);
        });
    on<domain::Opportunity>(
        kOpportunitiesTopic, [this](auto b) { return codec_->opportunity(b); },
        [this](const TypedRecord<domain::Opportunity>& r, ProcessorContext& c) {
          on_opportunity(r.value, c);
        });
    on<domain::Prediction>(
        kPredictionsTopic, [this](auto b) { return codec_->prediction(b); },
        [this](const TypedRecord<domain::Prediction>& r, ProcessorContext& c) {
          on_prediction(r.value, c);
        });
    on<domain::GameResult>(
        kResultsTopic, [this](auto b) { return codec_->result(b); },
        [this](const TypedRecord<domain::GameResult>& r, ProcessorContext& c) {
          on_result(r.value, r.event_time_ms, c);
        });
  }

  // Events whose keys the store holds (restored from the changelog after a restart or a
  // rebalance), so the sweep below finds them.
  void init(ProcessorContext& context) override {
    for (const auto& [key, value] : pending(context).entries()) {
      track(std::string_view(key).substr(0, key.find('|')));
    }
  }

  void punctuate_stream_time(int64_t stream_time_ms, ProcessorContext& context) override {
    // What waits for a result that never came (cancelled, never reported) goes two weeks after
    // the game day; final results themselves after 120 days. Events are visited in the order
    // they fall due, not by scanning the store every hour: the store holds every price of every
    // recent game, and the scan was a sixth of a backtest.
    auto& store = pending(context);
    while (!sweep_due_.empty() && sweep_due_.begin()->first < stream_time_ms) {
      auto node = sweep_due_.extract(sweep_due_.begin());
      const std::string& event = node.mapped();
      const auto kickoff_ms = kickoff_of(event);
      std::vector<std::string> stale;
      bool final_kept = false;
      store.scan_prefix(event + "|", [&](const std::string& key, const std::string&) {
        if (kickoff_ms && key.ends_with("|final") &&
            *kickoff_ms + kFinalRetentionMs >= stream_time_ms) {
          final_kept = true;
        } else {
          stale.push_back(key);
        }
      });
      for (const auto& key : stale) store.remove(key);
      if (final_kept) {
        node.key() = *kickoff_ms + kFinalRetentionMs;
        sweep_due_.insert(std::move(node));
      } else {
        tracked_.erase(tracked_.find(event));
      }
    }
  }

 private:
  KeyValueStore<std::string>& pending(ProcessorContext& c) {
    return c.kv_store<std::string>(kPendingStore);
  }

  // Writes a key of `event` to the pending store, and makes sure the sweep will visit the event.
  void put_pending(ProcessorContext& c, const std::string& event, const std::string& key,
                   std::string value) {
    track(event);
    pending(c).put(key, std::move(value));
  }

  static std::optional<int64_t> kickoff_of(std::string_view event) {
    const auto id = domain::events::parse_canonical_event_id(event);
    if (!id) return std::nullopt;
    return domain::features::nominal_kickoff_ms(id->day);
  }

  void track(std::string_view event) {
    if (tracked_.find(event) != tracked_.end()) return;
    const auto kickoff_ms = kickoff_of(event);
    // An id that is not canonical has no game day: the next sweep removes its keys.
    const int64_t due = kickoff_ms ? *kickoff_ms + kRetentionMs : INT64_MIN;
    tracked_.emplace(event);
    sweep_due_.emplace(due, std::string(event));
  }

  void on_quote(const domain::OddsQuote& quote, ProcessorContext& context) {
    if (!quote.commence_ms || quote.observed_ms >= *quote.commence_ms) return;  // in-play
    if (pending(context).get(quote.event_id + "|final") != nullptr) return;
    const std::string key = quote.event_id + "|price|" + quote.market + "|" + quote.bookmaker +
                            "|" + quote.outcome + "|" + point_text(quote.point);
    if (quote.change == domain::QuoteChange::kRemoved) {
      pending(context).remove(key);
    } else {
      put_pending(context, quote.event_id, key, std::to_string(quote.price));
    }
  }

  void on_features(const domain::FeatureVector& vector, ProcessorContext& context) {
    if (!vector.commence_ms || vector.as_of_ms >= *vector.commence_ms) return;
    if (pending(context).get(vector.event_id + "|final") != nullptr) return;
    json outcomes = json::array();
    for (const auto& o : vector.outcomes) {
      outcomes.push_back({o.outcome, o.point ? json(*o.point) : json(), o.consensus_probability});
    }
    put_pending(context, vector.event_id, vector.event_id + "|close|" + vector.market,
                outcomes.dump());
  }

  void on_opportunity(const domain::Opportunity& opportunity, ProcessorContext& context) {
    if (opportunity.state != domain::OpportunityState::kOpen) return;  // taken when it opened
    const std::string key = opportunity.event_id + "|opp|" + opportunity.opportunity_id + "|" +
                            std::to_string(opportunity.detected_ms);
    if (const auto* final_result = pending(context).get(opportunity.event_id + "|final")) {
      grade_one(opportunity, json::parse(*final_result), context);
      return;
    }
    put_pending(context, opportunity.event_id, key, serde::to_json(opportunity).dump());
  }

  void on_prediction(const domain::Prediction& prediction, ProcessorContext& context) {
    if (prediction.commence_ms && prediction.as_of_ms >= *prediction.commence_ms) return;
    if (const auto* final_result = pending(context).get(prediction.event_id + "|final")) {
      grade_prediction(prediction, json::parse(*final_result), context);
      return;
    }
    put_pending(context, prediction.event_id,
                prediction.event_id + "|pred|" + prediction.prediction_id,
                serde::to_json(prediction).dump());
  }

  void on_result(const domain::GameResult& result, int64_t event_time, ProcessorContext& context) {
    if (!result.is_final) return;
    if (!result.home_score || !result.away_score) {
      throw runtime::stream::ValidationError("final result without both scores");
    }
    const auto id = domain::events::parse_canonical_event_id(result.event_id);
    if (!id) throw runtime::stream::ValidationError("not a canonical event id: " + result.event_id);
    auto& store = pending(context);
    if (store.get(result.event_id + "|final") != nullptr) return;  // graded already
    const json final_result = {{"home", id->home_slug},
                               {"away", id->away_slug},
                               {"home_score", *result.home_score},
                               {"away_score", *result.away_score},
                               {"graded_ms", event_time}};
    std::vector<std::pair<std::string, std::string>> entries;
    store.scan_prefix(result.event_id + "|", [&](const std::string& key, const std::string& value) {
      entries.emplace_back(key, value);
    });
    put_pending(context, result.event_id, result.event_id + "|final", final_result.dump());
    for (const auto& [key, value] : entries) {
      const std::string rest = key.substr(result.event_id.size() + 1);
      if (rest.starts_with("opp|")) {
        grade_one(serde::opportunity_from_json(json::parse(value)), final_result, context);
      } else if (rest.starts_with("pred|")) {
        grade_prediction(serde::prediction_from_json(json::parse(value)), final_result, context);
      }
    }
    // Only the final result stays (for late arrivals); the rest is settled.
    for (const auto& [key, value] : entries) store.remove(key);
  }

  static domain::grading::FinalScore score_of(const json& final_result) {
    return {final_result.at("home").get<std::string>(), final_result.at("away").get<std::string>(),
            final_result.at("home_score").get<int>(), final_result.at("away_score").get<int>()};
  }

  domain::grading::ClosingLine closing_of(const std::string& event_id, const std::string& market,
                                          ProcessorContext& context) {
    domain::grading::ClosingLine closing;
    auto& store = pending(context);
    if (const auto* close = store.get(event_id + "|close|" + market)) {
      for (const auto& o : json::parse(*close)) {
        domain::OutcomeView view;
        view.outcome = team_key(o[0].get<std::string>());
        if (!o[1].is_null()) view.point = o[1].get<double>();
        view.consensus_probability = o[2].get<double>();
        closing.consensus.push_back(view);
      }
    }
    const std::string prefix = event_id + "|price|" + market + "|";
    store.scan_prefix(prefix, [&](const std::string& key, const std::string& value) {
      // book|outcome|point
      const std::string rest = key.substr(prefix.size());
      const auto a = rest.find('|');
      const auto b = rest.rfind('|');
      domain::market::BookPrice price;
      price.book = rest.substr(0, a);
      price.outcome = team_key(rest.substr(a + 1, b - a - 1));
      const std::string point = rest.substr(b + 1);
      if (point != "-") price.point = std::stod(point);
      price.price = std::stod(value);
      closing.prices.push_back(price);
    });
    return closing;
  }

  void grade_one(domain::Opportunity opportunity, const json& final_result,
                 ProcessorContext& context) {
    const auto closing = closing_of(opportunity.event_id, opportunity.market, context);
    std::vector<std::string> names;
    for (auto& leg : opportunity.legs) {
      names.push_back(leg.outcome);
      leg.outcome = team_key(leg.outcome);
    }
    auto grade = domain::grading::grade_opportunity(opportunity, score_of(final_result), &closing,
                                                    final_result.at("graded_ms").get<int64_t>());
    for (std::size_t i = 0; i < grade.legs.size(); ++i) grade.legs[i].outcome = names[i];
    emit(grade, context);
  }

  void grade_prediction(domain::Prediction prediction, const json& final_result,
                        ProcessorContext& context) {
    for (auto& o : prediction.outcomes) o.outcome = team_key(o.outcome);
    if (auto grade = domain::grading::grade_prediction(
            prediction, score_of(final_result), final_result.at("graded_ms").get<int64_t>())) {
      emit(*grade, context);
    }
  }

  void emit(const domain::Grade& grade, ProcessorContext& context) {
    context.emit(codec_->output(kGradesTopic, grade, grade.graded_ms));
    if (!grade.strategy || grade.kind == "prediction") return;  // totals are of bets
    auto& totals = context.kv_store<domain::grading::StrategyTotals>(kTotalsStore);
    domain::grading::StrategyTotals t;
    if (const auto* held = totals.get(*grade.strategy)) t = *held;
    t.add(grade);
    totals.put(*grade.strategy, t);
  }

  std::shared_ptr<RecordCodec> codec_;
  // The sweep's schedule: when each tracked event is next due, and the set of tracked events.
  std::multimap<int64_t, std::string> sweep_due_;
  std::set<std::string, std::less<>> tracked_;
};

}  // namespace

runtime::stream::StageDefinition grading_stage(const std::shared_ptr<RecordCodec>& codec,
                                               const PipelineOptions& /*options*/) {
  runtime::stream::StageDefinition stage;
  stage.name = "grading";
  stage.application_id = kGradingApplicationId;
  stage.inputs = {kOddsTopic, kFeaturesTopic, kOpportunitiesTopic, kPredictionsTopic,
                  kResultsTopic};
  stage.stores = {{kPendingStore,
                   [](int32_t partition) {
                     return std::make_unique<KeyValueStore<std::string>>(
                         kPendingStore, partition, runtime::stream::bytes_codec(), 2000000);
                   }},
                  {kTotalsStore, [](int32_t partition) {
                     return std::make_unique<KeyValueStore<domain::grading::StrategyTotals>>(
                         kTotalsStore, partition, totals_codec(), 10000);
                   }}};
  stage.make_processor = [codec](int32_t) { return std::make_unique<GradingProcessor>(codec); };
  stage.stream_time_punctuation_ms = 3600000;
  return stage;
}

}  // namespace sharpline::stages
