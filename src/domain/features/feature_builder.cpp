#include "domain/features/feature_builder.hpp"

#include <cmath>
#include <map>

#include "domain/features/nfl_moneyline_features.hpp"
#include "domain/features/soccer_match_features.hpp"

namespace sharpline::domain::features {
namespace {

constexpr double kMsPerHour = 3600000.0;

const OutcomeView* find(const std::vector<OutcomeView>& outcomes, const std::string& name,
                        const std::optional<double>& point = std::nullopt) {
  for (const auto& o : outcomes) {
    if (o.outcome == name && o.point == point) return &o;
  }
  return nullptr;
}

void add(FeatureVector& vector, std::string name, double value) {
  vector.feature_names.push_back(std::move(name));
  vector.feature_values.push_back(std::isfinite(value) ? value : 0.0);
}

double hours_to_kickoff(const market::MarketState& state) {
  if (!state.commence_ms) return 0.0;
  return std::max(0.0, static_cast<double>(*state.commence_ms - state.as_of_ms) / kMsPerHour);
}

void add_h2h(FeatureVector& vector, const market::MarketState& state,
             const market::MarketView& view, const OutcomeView& home, const OutcomeView& away,
             const MarketContext& context) {
  NflMoneylineInputs inputs;
  inputs.consensus_prob_home = home.consensus_probability;
  if (context.form) inputs.form = *context.form;
  if (context.weather) {
    inputs.temperature_c = context.weather->temperature_c;
    inputs.wind_speed_kmh = context.weather->wind_speed_kmh;
    inputs.indoors = is_indoors(context.weather->roof);
  }
  const auto model = nfl_moneyline_features(inputs);
  for (std::size_t i = 0; i < model.size(); ++i) {
    add(vector, std::string(kNflMoneylineFeatureNames[i]), model[i]);
  }
  // Opening probability: the opening prices of both sides, margin removed proportionally.
  double open_prob_home = home.consensus_probability;
  if (home.opening_price && away.opening_price) {
    const double h = 1.0 / *home.opening_price;
    const double a = 1.0 / *away.opening_price;
    open_prob_home = h / (h + a);
  }
  add(vector, "line_move_home", home.consensus_probability - open_prob_home);
  add(vector, "hours_to_kickoff", hours_to_kickoff(state));
  add(vector, "books", static_cast<double>(view.books));
  add(vector, "best_booksum", 1.0 / home.best_price + 1.0 / away.best_price);
}

// Soccer 1X2. The opening home probability removes the margin proportionally over the three
// opening prices, as add_h2h does over two.
void add_h2h_3way(FeatureVector& vector, const market::MarketState& state,
                  const market::MarketView& view, const OutcomeView& home, const OutcomeView& draw,
                  const OutcomeView& away, const MarketContext& context) {
  Soccer1x2Inputs inputs;
  inputs.consensus_prob_home = home.consensus_probability;
  inputs.consensus_prob_draw = draw.consensus_probability;
  inputs.consensus_prob_away = away.consensus_probability;
  if (context.form) inputs.form = *context.form;
  double open_prob_home = home.consensus_probability;
  if (home.opening_price && draw.opening_price && away.opening_price) {
    const double h = 1.0 / *home.opening_price;
    const double d = 1.0 / *draw.opening_price;
    const double a = 1.0 / *away.opening_price;
    open_prob_home = h / (h + d + a);
  }
  inputs.line_move_home = home.consensus_probability - open_prob_home;
  inputs.hours_to_kickoff = hours_to_kickoff(state);
  inputs.books = static_cast<double>(view.books);
  inputs.best_booksum = 1.0 / home.best_price + 1.0 / draw.best_price + 1.0 / away.best_price;
  // A non-finite value (a zero best price) is written as 0, like every other feature.
  if (!std::isfinite(inputs.best_booksum)) inputs.best_booksum = 0.0;
  if (!std::isfinite(inputs.line_move_home)) inputs.line_move_home = 0.0;
  const auto model = soccer_1x2_features(inputs);
  for (std::size_t i = 0; i < model.size(); ++i) {
    add(vector, std::string(kSoccer1x2FeatureNames[i]), model[i]);
  }
}

void add_lines(FeatureVector& vector, const market::MarketState& state,
               const market::MarketView& view, const MarketContext& context) {
  // Main line: the group with most books, then the smallest |point|.
  std::map<std::size_t, std::pair<int, double>> groups;  // group -> (books, |point|)
  for (std::size_t i = 0; i < view.outcomes.size(); ++i) {
    auto& [books, point] = groups[view.group_of[i]];
    books = std::max(books, view.outcomes[i].books_quoting);
    point = std::fabs(view.outcomes[i].point.value_or(0.0));
  }
  std::optional<std::size_t> main;
  for (const auto& [group, score] : groups) {
    if (!main || score.first > groups[*main].first ||
        (score.first == groups[*main].first && score.second < groups[*main].second)) {
      main = group;
    }
  }
  // The side the line is read from: Over for totals, the home team for spreads.
  const OutcomeView* side = nullptr;
  for (std::size_t i = 0; main && i < view.outcomes.size(); ++i) {
    if (view.group_of[i] != *main) continue;
    const auto& o = view.outcomes[i];
    const bool preferred =
        o.outcome == "Over" || (context.home_team && o.outcome == *context.home_team);
    if (side == nullptr || preferred) side = &o;
    if (preferred) break;
  }
  const double point = side ? side->point.value_or(0.0) : 0.0;
  // Opening line of that side: the point of its earliest opening.
  double open_point = point;
  int64_t earliest = INT64_MAX;
  for (const auto& opening : state.openings) {
    if (side && opening.outcome == side->outcome && opening.point && opening.at_ms < earliest) {
      earliest = opening.at_ms;
      open_point = *opening.point;
    }
  }
  add(vector, "main_point", point);
  add(vector, "open_point", open_point);
  add(vector, "line_move_points", point - open_point);
  add(vector, "consensus_prob_main", side ? side->consensus_probability : 0.5);
  add(vector, "hours_to_kickoff", hours_to_kickoff(state));
  add(vector, "books", static_cast<double>(view.books));
}

}  // namespace

bool is_indoors(const std::optional<std::string>& roof) {
  if (!roof) return false;
  return *roof == "dome" || *roof == "closed" || *roof == "indoors" ||
         *roof == "retractable-closed";
}

FeatureVector build_feature_vector(const market::MarketState& state, const market::MarketView& view,
                                   const std::optional<Steam>& steam, const std::string& trigger,
                                   const MarketContext& context,
                                   const std::string& consensus_method) {
  FeatureVector vector;
  vector.event_id = state.event_id;
  vector.sport = state.sport;
  vector.market = state.market;
  vector.as_of_ms = state.as_of_ms;
  vector.trigger = trigger;
  vector.outcomes = view.outcomes;
  vector.consensus_method = consensus_method;
  vector.steam = steam;
  vector.commence_ms = state.commence_ms;
  vector.home_team = context.home_team;
  vector.away_team = context.away_team;

  const OutcomeView* home = context.home_team ? find(view.outcomes, *context.home_team) : nullptr;
  const OutcomeView* away = context.away_team ? find(view.outcomes, *context.away_team) : nullptr;
  const OutcomeView* draw = state.market == "h2h_3way" ? find(view.outcomes, "Draw") : nullptr;
  if (state.market == "h2h" && home != nullptr && away != nullptr) {
    add_h2h(vector, state, view, *home, *away, context);
  } else if (state.market == "h2h_3way" && home != nullptr && away != nullptr && draw != nullptr) {
    add_h2h_3way(vector, state, view, *home, *draw, *away, context);
  } else if (state.market == "spreads" || state.market == "totals") {
    add_lines(vector, state, view, context);
  } else {
    add(vector, "hours_to_kickoff", hours_to_kickoff(state));
    add(vector, "books", static_cast<double>(view.books));
  }
  return vector;
}

}  // namespace sharpline::domain::features
