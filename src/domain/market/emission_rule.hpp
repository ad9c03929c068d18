// When the features stage emits a feature vector: on a change that matters, not on every raw
// quote. The stage folds every quote of one poll into the market first (quotes sharing an
// observed time are one batch) and then compares the market's view with the last one emitted:
//
//   steam         steam is detected and it is new (another outcome/line/direction than the last
//                 one emitted, or the last one is older than the steam window)
//   book_removed  an outcome/line lost a book, or disappeared
//   new_book      an outcome/line gained a book, or appeared
//   price_move    a best price or its book changed, or a consensus probability moved by at
//                 least min_probability_change since the last emitted vector
//
// First match wins, in that order; no match, no vector. A price move of one book that leaves
// the best prices alone and the consensus within the threshold is absorbed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/market/market_view.hpp"
#include "domain/market/steam.hpp"

namespace sharpline::domain::market {

struct EmissionOptions {
  double min_probability_change = 0.005;  // half a percentage point
};

// What the last emitted vector showed, kept with the market's state.
struct EmittedView {
  std::vector<OutcomeView> outcomes;
  std::optional<std::string> steam_key;
  int64_t steam_ms = 0;
  int64_t emitted_ms = 0;

  bool operator==(const EmittedView&) const = default;
};

std::optional<std::string> emission_trigger(const EmittedView& last, const MarketView& now,
                                            const std::optional<Steam>& steam, int64_t as_of_ms,
                                            const SteamOptions& steam_options,
                                            const EmissionOptions& options);

void remember_emission(EmittedView& last, const MarketView& now, const std::optional<Steam>& steam,
                       int64_t as_of_ms);

}  // namespace sharpline::domain::market
