// Changelog encodings of the stages' store values (JSON: readable with `sharpline consume`
// on a changelog topic, and tolerant of added fields). Only flushes and restores pay for
// them; processors work on the decoded values in memory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/market/emission_rule.hpp"
#include "domain/market/market_state.hpp"
#include "domain/records/pipeline_records.hpp"
#include "domain/records/records.hpp"
#include "runtime/stream/key_value_store.hpp"

namespace sharpline::stages {

// features/markets: one market's state, what was last emitted, and whether a flush is due.
struct FeaturesMarket {
  domain::market::MarketState state;
  domain::market::EmittedView emitted;
  bool dirty = false;  // changed since it was last judged
};

// features/events: what the stage knows of an event besides its odds.
struct FeaturesEvent {
  std::optional<domain::WeatherReport> weather;
};

// opportunities/open: one market's open opportunities and the champion prediction last seen.
struct OpenMarket {
  std::vector<domain::Opportunity> open;
  std::optional<domain::Prediction> prediction;
  std::optional<int64_t> commence_ms;
};

runtime::stream::StoreCodec<FeaturesMarket> features_market_codec();
runtime::stream::StoreCodec<FeaturesEvent> features_event_codec();
runtime::stream::StoreCodec<OpenMarket> open_market_codec();

}  // namespace sharpline::stages
