#include "stages/features_stage.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include "domain/events/canonical_event_id.hpp"
#include "domain/features/feature_builder.hpp"
#include "domain/features/game_calendar.hpp"
#include "domain/features/team_form.hpp"
#include "domain/market/emission_rule.hpp"
#include "domain/market/market_view.hpp"
#include "domain/market/steam.hpp"
#include "domain/ratings/elo_model.hpp"
#include "runtime/stream/processing_error.hpp"
#include "runtime/stream/topic_router.hpp"
#include "stages/store_codecs.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using runtime::stream::KeyValueStore;
using runtime::stream::ProcessorContext;
using runtime::stream::TypedRecord;

constexpr const char* kMarketsStore = "markets";
constexpr const char* kEventsStore = "events";
constexpr int64_t kQuietMs = 5000;

std::string market_key(const std::string& event_id, const std::string& market) {
  return event_id + "|" + market;
}

const domain::ratings::EloModel& elo_model_for(const std::string& sport) {
  if (sport.starts_with("basketball_")) return domain::ratings::nba538();
  if (sport.starts_with("soccer_")) return domain::ratings::soccer();
  return domain::ratings::nfl538();
}

class FeaturesProcessor final : public runtime::stream::TopicRouter {
 public:
  FeaturesProcessor(std::shared_ptr<RecordCodec> codec, const PipelineOptions& options)
      : codec_(std::move(codec)), options_(options) {
    apply_options_.move_retention_ms = options_.steam.window_ms;
    apply_options_.book_weights = options_.consensus.weights;
    on<domain::OddsQuote>(
        kOddsTopic, [this](auto bytes) { return codec_->odds(bytes); },
        [this](const TypedRecord<domain::OddsQuote>& r, ProcessorContext& c) { on_quote(r, c); });
    on<domain::WeatherReport>(
        kWeatherTopic, [this](auto bytes) { return codec_->weather(bytes); },
        [this](const TypedRecord<domain::WeatherReport>& r, ProcessorContext& c) {
          on_weather(r, c);
        });
  }

  void init(ProcessorContext& context) override {
    // Markets left dirty by the last run (a crash between a poll and its flush).
    for (const auto& [key, market] : markets(context).entries()) {
      if (market.dirty) {
        dirty_.emplace(key, context.wall_clock_ms());
        dirty_floor_ms_ = std::min(dirty_floor_ms_, market.state.as_of_ms);
      }
    }
  }

  // A poll arrives in one burst: a market quiet for kQuietMs has had its whole poll. This ends
  // the last poll of a partition that no later odds follow (live, between polls).
  void punctuate_wall_clock(int64_t now_ms, ProcessorContext& context) override {
    flush_if(
        [&](const FeaturesMarket&, int64_t marked_ms) { return marked_ms <= now_ms - kQuietMs; },
        context);
  }

  void punctuate_stream_time(int64_t stream_time_ms, ProcessorContext& context) override {
    forget_finished(stream_time_ms, context);
  }

 private:
  KeyValueStore<FeaturesMarket>& markets(ProcessorContext& c) {
    return c.kv_store<FeaturesMarket>(kMarketsStore);
  }

  void on_quote(const TypedRecord<domain::OddsQuote>& record, ProcessorContext& context) {
    // A quote that threw had its store writes undone, which may have put an older as_of_ms back
    // under a dirty market: the floor is no longer known to hold until the next full scan.
    if (quote_in_flight_) dirty_floor_ms_ = kNoFloor;
    quote_in_flight_ = true;
    fold_quote(record, context);
    quote_in_flight_ = false;
  }

  void fold_quote(const TypedRecord<domain::OddsQuote>& record, ProcessorContext& context) {
    const auto& quote = record.value;
    if (quote.event_id.empty() || quote.market.empty() || quote.bookmaker.empty()) {
      throw runtime::stream::ValidationError("quote without event, market or bookmaker");
    }
    if (!(quote.price > 1.0)) {
      throw runtime::stream::ValidationError("price " + std::to_string(quote.price) +
                                             " is not a decimal price > 1");
    }
    flush_before(record.event_time_ms, context);
    auto& store = markets(context);
    const std::string key = market_key(quote.event_id, quote.market);
    FeaturesMarket market;
    if (const auto* held = store.get(key)) {
      market = *held;
    } else {
      market.state.event_id = quote.event_id;
      market.state.sport = quote.sport;
      market.state.market = quote.market;
    }
    const auto effect = domain::market::apply_quote(market.state, quote, apply_options_);
    if (effect == domain::market::QuoteEffect::kInPlay) return;  // not a pre-match line
    if (effect != domain::market::QuoteEffect::kUnchanged) {
      market.dirty = true;
      dirty_.insert_or_assign(key, context.wall_clock_ms());
      dirty_floor_ms_ = std::min(dirty_floor_ms_, market.state.as_of_ms);
    }
    store.put(key, std::move(market));
  }

  void on_weather(const TypedRecord<domain::WeatherReport>& record, ProcessorContext& context) {
    const auto& report = record.value;
    if (report.event_id.empty()) throw runtime::stream::ValidationError("weather without event");
    auto& events = context.kv_store<FeaturesEvent>(kEventsStore);
    FeaturesEvent event;
    if (const auto* held = events.get(report.event_id)) event = *held;
    if (event.weather == report) return;
    event.weather = report;
    events.put(report.event_id, event);
    // No vector of its own: the next vector of each market carries it. Emitting on weather
    // would make the outputs depend on how the weather and odds topics interleave.
  }

  // Markets of events that started more than a day ago can never emit again (everything after
  // commence is in-play): their state goes, and so does the event's.
  void forget_finished(int64_t stream_time_ms, ProcessorContext& context) {
    constexpr int64_t kRetentionMs = 24LL * 3600 * 1000;
    auto& store = markets(context);
    std::vector<std::string> finished;
    for (const auto& [key, market] : store.entries()) {
      if (market.state.commence_ms && *market.state.commence_ms + kRetentionMs < stream_time_ms) {
        finished.push_back(key);
      }
    }
    auto& events = context.kv_store<FeaturesEvent>(kEventsStore);
    for (const auto& key : finished) {
      store.remove(key);
      dirty_.erase(key);
      events.remove(key.substr(0, key.rfind('|')));
    }
  }

  // Judges every dirty market whose newest quote is older than `time`: only odds move this
  // clock (another topic's record may be read before the rest of a poll). None is due until
  // `time` passes the floor: a poll's quotes share one time, and without it every quote of a
  // poll scanned all the markets the poll had dirtied so far.
  void flush_before(int64_t time, ProcessorContext& context) {
    if (time <= dirty_floor_ms_) return;
    flush_if([time](const FeaturesMarket& market, int64_t) { return market.state.as_of_ms < time; },
             context);
  }

  template <typename Due>
  void flush_if(Due due, ProcessorContext& context) {
    // Every scan sees all dirty markets, so it sets the floor to the oldest of those it keeps.
    int64_t floor = std::numeric_limits<int64_t>::max();
    if (dirty_.empty()) {
      dirty_floor_ms_ = floor;
      return;
    }
    auto& store = markets(context);
    for (auto it = dirty_.begin(); it != dirty_.end();) {
      const auto* held = store.get(it->first);
      if (held == nullptr) {
        it = dirty_.erase(it);
        continue;
      }
      if (!due(*held, it->second)) {
        floor = std::min(floor, held->state.as_of_ms);
        ++it;
        continue;
      }
      FeaturesMarket market = *held;
      judge(market, context);
      store.put(it->first, std::move(market));
      it = dirty_.erase(it);
    }
    dirty_floor_ms_ = floor;
  }

  void judge(FeaturesMarket& market, ProcessorContext& context) {
    market.dirty = false;
    const auto view = domain::market::view_market(market.state, options_.consensus);
    const auto steam = domain::market::detect_steam(market.state, options_.steam);
    const auto trigger = domain::market::emission_trigger(
        market.emitted, view, steam, market.state.as_of_ms, options_.steam, options_.emission);
    if (!trigger || view.outcomes.empty()) return;
    const auto vector = domain::features::build_feature_vector(
        market.state, view, steam, *trigger, context_of(market.state, context),
        domain::market::consensus_method_name(options_.consensus));
    context.emit(codec_->output(kFeaturesTopic, vector, vector.as_of_ms));
    domain::market::remember_emission(market.emitted, view, steam, market.state.as_of_ms);
  }

  domain::features::MarketContext context_of(const domain::market::MarketState& state,
                                             ProcessorContext& context) {
    domain::features::MarketContext out;
    if (const auto* event = context.kv_store<FeaturesEvent>(kEventsStore).get(state.event_id)) {
      out.weather = event->weather;
    }
    const auto id = domain::events::parse_canonical_event_id(state.event_id);
    if (!id) return out;
    for (const auto& price : state.prices) {
      const std::string s = domain::events::slug(price.outcome);
      if (s == id->home_slug) out.home_team = price.outcome;
      if (s == id->away_slug) out.away_team = price.outcome;
    }
    const int64_t kickoff = domain::features::nominal_kickoff_ms(id->day);
    out.form = form_for(state.sport, context)
                   .as_of(id->home_slug, id->away_slug, kickoff,
                          domain::features::season_of(state.sport, id->day), false, state.as_of_ms);
    return out;
  }

  // Team form of the sport, brought up to date with the results table.
  domain::features::TeamForm& form_for(const std::string& sport, ProcessorContext& context) {
    auto [it, fresh] = forms_.try_emplace(sport, elo_model_for(sport));
    (void)fresh;
    const auto& table = context.global_table(kResultsTopic);
    table.for_each_update_since(results_version_, [&](std::string_view key) {
      const std::string* bytes = table.get(key);
      if (bytes == nullptr) return;
      domain::GameResult result;
      try {
        result = codec_->result({reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()});
      } catch (const std::exception&) {
        return;  // the results stage path dead-letters bad results; the table just skips them
      }
      if (!result.is_final || !result.home_score || !result.away_score) return;
      const auto id = domain::events::parse_canonical_event_id(result.event_id);
      if (!id) return;
      auto [form, created] = forms_.try_emplace(id->sport, elo_model_for(id->sport));
      (void)created;
      domain::features::FinalScore score;
      score.event_id = result.event_id;
      score.home = id->home_slug;
      score.away = id->away_slug;
      score.commence_ms = domain::features::nominal_kickoff_ms(id->day);
      score.result_ms = result.updated_ms;
      score.home_score = *result.home_score;
      score.away_score = *result.away_score;
      score.season = domain::features::season_of(id->sport, id->day);
      form->second.add(score);
    });
    results_version_ = table.version();
    return it->second;
  }

  std::shared_ptr<RecordCodec> codec_;
  const PipelineOptions& options_;
  domain::market::ApplyOptions apply_options_;
  std::map<std::string, int64_t> dirty_;  // market key -> wall time it was last changed
  static constexpr int64_t kNoFloor = std::numeric_limits<int64_t>::min();
  int64_t dirty_floor_ms_ = kNoFloor;  // no market in dirty_ has an older as_of_ms
  bool quote_in_flight_ = false;       // set while a quote is folded: still set, it threw
  std::map<std::string, domain::features::TeamForm> forms_;
  uint64_t results_version_ = 0;
};

}  // namespace

runtime::stream::StageDefinition features_stage(const std::shared_ptr<RecordCodec>& codec,
                                                PipelineOptions options) {
  auto shared = std::make_shared<PipelineOptions>(std::move(options));
  runtime::stream::StageDefinition stage;
  stage.name = "features";
  stage.application_id = kFeaturesApplicationId;
  stage.inputs = {kOddsTopic, kWeatherTopic};
  stage.global_tables = {kResultsTopic};
  const std::size_t bound = shared->max_markets_per_partition;
  stage.stores = {{kMarketsStore,
                   [bound](int32_t partition) {
                     return std::make_unique<KeyValueStore<FeaturesMarket>>(
                         kMarketsStore, partition, features_market_codec(), bound);
                   }},
                  {kEventsStore, [bound](int32_t partition) {
                     return std::make_unique<KeyValueStore<FeaturesEvent>>(
                         kEventsStore, partition, features_event_codec(), bound);
                   }}};
  stage.make_processor = [codec, shared](int32_t) {
    return std::make_unique<FeaturesProcessor>(codec, *shared);
  };
  // Event time: when the line was observed (OddsQuote.observed_ms is also the Kafka timestamp
  // the collectors set), so replays run on historical time.
  stage.stream_time_punctuation_ms = 3600000;  // forgetting finished events
  stage.wall_clock_punctuation_ms = 1000;      // ending quiet polls
  return stage;
}

}  // namespace sharpline::stages
