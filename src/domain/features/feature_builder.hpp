// Builds the feature vector of one market from its state, its view and the event's context.
// Feature sets (names, order and units in docs/pipeline.md):
//
//   h2h with a known home and away team: the model features of nfl_moneyline_features.hpp
//     followed by line_move_home, hours_to_kickoff, books, best_booksum
//   h2h_3way with a known home and away team and a "Draw" outcome: soccer_match_features.hpp
//   spreads and totals (main line = the line quoted by most books, then the smallest |point|):
//     main_point, open_point, line_move_points, consensus_prob_main, hours_to_kickoff, books
//   anything else: hours_to_kickoff, books
#pragma once

#include <optional>
#include <string>

#include "domain/features/team_form.hpp"
#include "domain/market/market_state.hpp"
#include "domain/market/market_view.hpp"
#include "domain/records/pipeline_records.hpp"
#include "domain/records/records.hpp"

namespace sharpline::domain::features {

struct MarketContext {
  std::optional<std::string> home_team;  // canonical names (as the outcomes name them)
  std::optional<std::string> away_team;
  std::optional<TeamFormView> form;
  std::optional<WeatherReport> weather;
};

FeatureVector build_feature_vector(const market::MarketState& state, const market::MarketView& view,
                                   const std::optional<Steam>& steam, const std::string& trigger,
                                   const MarketContext& context,
                                   const std::string& consensus_method);

// True for a roof that keeps weather out ("dome", "closed", "indoors", "retractable-closed").
bool is_indoors(const std::optional<std::string>& roof);

}  // namespace sharpline::domain::features
