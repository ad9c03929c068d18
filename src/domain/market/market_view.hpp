// The market as the pipeline sees it: per outcome and line, the best price and its book, the
// de-vigged consensus probability, the opening price and how many books quote it.
//
// Consensus per line group (line_groups.hpp): every book quoting all outcomes of the group is
// de-vigged with `method`, then pooled with book weights and outlier rejection
// (domain/odds/consensus.hpp). A group no book quotes completely has no consensus, so its
// outcomes are left out of the view (a price without a fair probability cannot be judged).
#pragma once

#include <string>
#include <vector>

#include "domain/market/market_state.hpp"
#include "domain/odds/consensus.hpp"
#include "domain/odds/devig.hpp"
#include "domain/records/pipeline_records.hpp"

namespace sharpline::domain::market {

struct ConsensusConfig {
  odds::DevigMethod method = odds::DevigMethod::kShin;
  odds::BookWeights weights = odds::BookWeights::sharp_books();
  odds::ConsensusOptions options;
  // The books one can bet at (empty: all). Every book still counts for the consensus; the best
  // price and book of an outcome are taken among these only, and an outcome none of them quotes
  // gets best_price 0 and no best_book (detection skips it).
  std::vector<std::string> bettable_books;
};

// "weighted_<method>", e.g. weighted_shin: the consensus_method of the feature vector.
std::string consensus_method_name(const ConsensusConfig& config);

struct MarketView {
  std::vector<OutcomeView> outcomes;  // grouped by line (groups in line order)
  std::vector<std::size_t> group_of;  // line group index of each outcome
  std::size_t books = 0;              // distinct books quoting anything
};

MarketView view_market(const MarketState& state, const ConsensusConfig& config);

}  // namespace sharpline::domain::market
