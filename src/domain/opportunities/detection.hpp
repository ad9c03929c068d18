// Opportunity rules: what is worth betting in one market at one moment, from the features
// stage's view (best price per outcome and line, consensus probability, steam) and optionally a
// model's prediction. Thresholds and their defaults are in docs/pipeline.md.
//
//   value      one outcome whose best price beats its fair probability: EV = p D - 1 >= min_ev,
//              with at least min_books books quoting the line (a thin line's consensus is not a
//              fair price) and p >= min_probability. Stakes: simultaneous Kelly over the line's
//              outcomes (Smoczynski & Tomkins), times kelly_multiplier, capped at kelly_cap.
//   arbitrage  the best prices of every outcome of one line are under-round:
//              1 / sum(1/D) - 1 >= min_arbitrage_return. Stakes split for an equal payout,
//              kelly_cap of bankroll in all (every stake is a fraction of bankroll).
//   middle     two opposite sides at different lines (team A +h1 and team B h2, or Over L1 and
//              Under L2 with L1 < L2) leave a window containing at least middle_min_outcomes
//              whole-number results, and losing one side costs at most middle_max_cost.
//              Stakes split for an equal payout when one side wins, kelly_cap in all.
//   steam      books shortened an outcome (steam.hpp) and a book that has not moved still
//              offers a price with EV >= steam_min_ev against the consensus: bet it there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/records/pipeline_records.hpp"

namespace sharpline::domain::opportunities {

enum class ProbabilitySource { kConsensus, kModel };

struct DetectionOptions {
  ProbabilitySource source = ProbabilitySource::kConsensus;
  double min_ev = 0.02;
  int min_books = 3;
  double min_probability = 0.02;
  double kelly_multiplier = 0.25;
  double kelly_cap = 0.05;  // most stake on one line (value), or in one arbitrage/middle
  double min_arbitrage_return = 0.0005;
  long long middle_min_outcomes = 1;
  double middle_max_cost = 0.04;
  double steam_min_ev = 0.0;
  // Keep-alive margin: an open value or steam bet stays open while EV >= its threshold -
  // hysteresis, an arbitrage while its return >= min_arbitrage_return - hysteresis / 10 (and
  // still > 0), a middle while its cost <= middle_max_cost + hysteresis; so a price that
  // wobbles around a threshold does not open and close on every poll.
  double hysteresis = 0.005;
};

// Every opportunity in the vector (state OPEN, detected_ms = as_of_ms = the vector's as_of).
// `relaxed` applies the keep-alive thresholds instead of the opening ones. The prediction is
// used when options.source is kModel, for each line group it covers completely (a group it
// covers only in part keeps the consensus); its id is then recorded.
std::vector<Opportunity> detect(const FeatureVector& vector,
                                const std::optional<Prediction>& prediction,
                                const DetectionOptions& options, bool relaxed = false);

// Stable id: FNV-1a 64 over event, market, kind and each leg's book, outcome and line.
std::string opportunity_id(const Opportunity& opportunity);

}  // namespace sharpline::domain::opportunities
