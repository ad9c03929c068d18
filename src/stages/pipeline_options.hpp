// Every rule and threshold of the pipeline stages, with the defaults documented in
// docs/pipeline.md; pipeline_options_from_config reads the `features.*`, `inference.*` and
// `opportunities.*` configuration keys (common/config_keys.cpp) and rejects bad values.
#pragma once

#include <cstdint>
#include <string>

#include "common/config.hpp"
#include "domain/market/emission_rule.hpp"
#include "domain/market/market_view.hpp"
#include "domain/market/steam.hpp"
#include "domain/opportunities/detection.hpp"
#include "domain/opportunities/lifecycle.hpp"

namespace sharpline::stages {

struct PipelineOptions {
  domain::market::ConsensusConfig consensus;
  domain::market::SteamOptions steam;
  domain::market::EmissionOptions emission;
  domain::opportunities::DetectionOptions detection;
  domain::opportunities::LifecycleOptions lifecycle;
  std::string model_dir;  // empty: no models, the inference stage emits consensus predictions
  int64_t model_refresh_ms = 10000;
  int top_contributions = 5;
  std::size_t max_markets_per_partition = 200000;  // store bounds (StoreFullError beyond)
};

PipelineOptions pipeline_options_from_config(const Config& config);

// "pinnacle=3,circasports=2" -> weights; "default=W" sets the weight of unlisted books.
domain::odds::BookWeights parse_book_weights(const std::string& text);

}  // namespace sharpline::stages
