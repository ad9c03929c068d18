#include "domain/opportunities/detection.hpp"

#include <algorithm>
#include <cstdint>

#include "domain/market/line_groups.hpp"
#include "domain/number_text.hpp"
#include "domain/odds/arbitrage.hpp"
#include "domain/odds/kelly.hpp"
#include "domain/odds/middles.hpp"
#include "domain/opportunities/tiers.hpp"

namespace sharpline::domain::opportunities {
namespace {

Opportunity base(const FeatureVector& vector, std::string kind) {
  Opportunity o;
  o.event_id = vector.event_id;
  o.sport = vector.sport;
  o.market = vector.market;
  o.commence_ms = vector.commence_ms;
  o.kind = std::move(kind);
  o.state = OpportunityState::kOpen;
  o.detected_ms = vector.as_of_ms;
  o.as_of_ms = vector.as_of_ms;
  return o;
}

Leg leg_of(const OutcomeView& outcome, double stake, std::optional<double> fair) {
  return Leg{outcome.best_book, outcome.outcome, outcome.point, outcome.best_price, stake, fair};
}

// Fair probability of each outcome of the vector: the consensus, or (when the source is the
// model) the model's for every line group the prediction covers completely. A group is never
// priced half by the model and half by the consensus: the two do not add up to one.
std::vector<double> fair_probabilities(const FeatureVector& vector,
                                       const std::optional<Prediction>& prediction,
                                       const DetectionOptions& options,
                                       const std::vector<std::vector<std::size_t>>& groups,
                                       bool& used_model) {
  std::vector<double> fair;
  fair.reserve(vector.outcomes.size());
  for (const auto& outcome : vector.outcomes) fair.push_back(outcome.consensus_probability);
  used_model = false;
  if (options.source != ProbabilitySource::kModel || !prediction) return fair;
  const auto predicted_of = [&prediction](const OutcomeView& outcome) -> const PredictedOutcome* {
    for (const auto& predicted : prediction->outcomes) {
      if (predicted.outcome == outcome.outcome && predicted.point == outcome.point) {
        return &predicted;
      }
    }
    return nullptr;
  };
  for (const auto& group : groups) {
    const bool covered = std::all_of(group.begin(), group.end(), [&](std::size_t i) {
      return predicted_of(vector.outcomes[i]) != nullptr;
    });
    if (!covered) continue;
    for (const std::size_t i : group) fair[i] = predicted_of(vector.outcomes[i])->probability;
    used_model = true;
  }
  return fair;
}

void detect_value(const FeatureVector& vector, const std::vector<std::size_t>& group,
                  const std::vector<double>& fair, const DetectionOptions& options, double min_ev,
                  const std::optional<std::string>& prediction_id, std::vector<Opportunity>& out) {
  // Outcomes without a bettable price (ConsensusConfig::bettable_books) cannot be staked.
  std::vector<std::size_t> bettable;
  std::vector<double> prices;
  std::vector<double> probabilities;
  for (const std::size_t i : group) {
    if (!(vector.outcomes[i].best_price > 1.0)) continue;
    bettable.push_back(i);
    prices.push_back(vector.outcomes[i].best_price);
    probabilities.push_back(fair[i]);
  }
  if (bettable.empty()) return;
  const auto stakes =
      odds::kelly(prices, probabilities, {options.kelly_multiplier, options.kelly_cap});
  for (std::size_t k = 0; k < bettable.size(); ++k) {
    const auto& outcome = vector.outcomes[bettable[k]];
    const double p = probabilities[k];
    const double ev = p * outcome.best_price - 1.0;
    if (ev < min_ev || outcome.books_quoting < options.min_books || p < options.min_probability ||
        stakes.stakes[k] <= 0.0) {
      continue;
    }
    Opportunity o = base(vector, "value");
    o.legs.push_back(leg_of(outcome, stakes.stakes[k], p));
    o.expected_value = ev;
    o.kelly_fraction = odds::kelly_fraction(outcome.best_price, p);
    o.tier = value_tier(ev, outcome.books_quoting);
    o.prediction_id = prediction_id;
    out.push_back(std::move(o));
  }
}

void detect_arbitrage(const FeatureVector& vector, const std::vector<std::size_t>& group,
                      double min_return, double total_stake, std::vector<Opportunity>& out) {
  std::vector<std::vector<double>> table(1);
  for (const std::size_t i : group) {
    if (!(vector.outcomes[i].best_price > 1.0)) return;  // an outcome with no bettable price
    table[0].push_back(vector.outcomes[i].best_price);
  }
  const auto arbitrage = odds::find_arbitrage(table);
  if (arbitrage.return_rate < min_return || arbitrage.return_rate <= 0.0) return;
  Opportunity o = base(vector, "arbitrage");
  for (const auto& leg : arbitrage.legs) {
    o.legs.push_back(
        leg_of(vector.outcomes[group[leg.outcome]], leg.stake * total_stake, std::nullopt));
  }
  o.arbitrage_return = arbitrage.return_rate;
  o.tier = arbitrage_tier(arbitrage.return_rate);
  out.push_back(std::move(o));
}

void detect_middles(const FeatureVector& vector,
                    const std::vector<std::vector<std::size_t>>& groups,
                    const DetectionOptions& options, double max_cost,
                    std::vector<Opportunity>& out) {
  const bool totals = vector.market == "totals";
  if (!totals && vector.market != "spreads") return;
  // Every pair of outcomes on opposite sides from different line groups.
  for (std::size_t g1 = 0; g1 < groups.size(); ++g1) {
    for (std::size_t g2 = 0; g2 < groups.size(); ++g2) {
      if (g1 == g2) continue;
      for (const std::size_t i : groups[g1]) {
        for (const std::size_t j : groups[g2]) {
          const auto& a = vector.outcomes[i];
          const auto& b = vector.outcomes[j];
          if (!a.point || !b.point || a.outcome == b.outcome) continue;
          if (!(a.best_price > 1.0 && b.best_price > 1.0)) continue;
          odds::Middle middle;
          if (totals) {
            if (a.outcome != "Over" || b.outcome != "Under") continue;
            middle = odds::total_middle({*a.point, a.best_price}, {*b.point, b.best_price});
          } else {
            if (a.outcome > b.outcome) continue;  // each unordered team pair once
            middle = odds::spread_middle({*a.point, a.best_price}, {*b.point, b.best_price});
          }
          const double cost = -middle.profit_one_side;
          if (!middle.is_middle || middle.integer_outcomes < options.middle_min_outcomes ||
              cost > max_cost) {
            continue;
          }
          Opportunity o = base(vector, "middle");
          o.legs.push_back(leg_of(a, middle.stake1 * options.kelly_cap, std::nullopt));
          o.legs.push_back(leg_of(b, middle.stake2 * options.kelly_cap, std::nullopt));
          o.middle_gap = middle.width;
          o.tier = middle_tier(middle.integer_outcomes, cost);
          out.push_back(std::move(o));
        }
      }
    }
  }
}

void detect_steam(const FeatureVector& vector, const DetectionOptions& options, double min_ev,
                  std::vector<Opportunity>& out) {
  if (!vector.steam || vector.steam->direction != SteamDirection::kShortening) return;
  const Steam& steam = *vector.steam;
  const OutcomeView* outcome = nullptr;
  for (const auto& o : vector.outcomes) {
    if (o.outcome == steam.outcome && o.point == steam.point) outcome = &o;
  }
  if (outcome == nullptr || steam.books_not_moved.empty()) return;
  // The stale book with the best price (first by order on ties).
  std::size_t best = 0;
  for (std::size_t k = 1; k < steam.stale_prices.size(); ++k) {
    if (steam.stale_prices[k] > steam.stale_prices[best]) best = k;
  }
  if (best >= steam.stale_prices.size()) return;
  const double price = steam.stale_prices[best];
  const double p = outcome->consensus_probability;
  const double ev = p * price - 1.0;
  if (ev < min_ev) return;
  Opportunity o = base(vector, "steam");
  const double full = odds::kelly_fraction(price, p);
  const double stake = std::min(full * options.kelly_multiplier, options.kelly_cap);
  o.legs.push_back(Leg{steam.books_not_moved[best], steam.outcome, steam.point, price, stake, p});
  o.expected_value = ev;
  o.kelly_fraction = full;
  o.tier = steam_tier(steam.books_moved.size(), ev);
  out.push_back(std::move(o));
}

}  // namespace

std::string opportunity_id(const Opportunity& opportunity) {
  uint64_t hash = 1469598103934665603ULL;
  const auto mix = [&hash](std::string_view text) {
    for (const char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;  // field separator
    hash *= 1099511628211ULL;
  };
  mix(opportunity.event_id);
  mix(opportunity.market);
  mix(opportunity.kind);
  for (const auto& leg : opportunity.legs) {
    mix(leg.bookmaker);
    mix(leg.outcome);
    mix(leg.point ? fixed_text(*leg.point, 2) : std::string("-"));
  }
  return hex64_text(hash);
}

std::vector<Opportunity> detect(const FeatureVector& vector,
                                const std::optional<Prediction>& prediction,
                                const DetectionOptions& options, bool relaxed) {
  std::vector<Opportunity> out;
  const auto groups = market::group_lines_of(vector.outcomes);
  bool used_model = false;
  const auto fair = fair_probabilities(vector, prediction, options, groups, used_model);
  const std::optional<std::string> prediction_id =
      used_model ? std::optional<std::string>(prediction->prediction_id) : std::nullopt;
  const double min_ev = relaxed ? options.min_ev - options.hysteresis : options.min_ev;
  const double min_return = relaxed ? options.min_arbitrage_return - options.hysteresis / 10
                                    : options.min_arbitrage_return;
  const double max_cost =
      relaxed ? options.middle_max_cost + options.hysteresis : options.middle_max_cost;
  const double steam_ev =
      relaxed ? options.steam_min_ev - options.hysteresis : options.steam_min_ev;

  for (const auto& group : groups) {
    if (group.size() < 2) continue;
    detect_value(vector, group, fair, options, min_ev, prediction_id, out);
    detect_arbitrage(vector, group, min_return, options.kelly_cap, out);
  }
  detect_middles(vector, groups, options, max_cost, out);
  detect_steam(vector, options, steam_ev, out);
  for (auto& o : out) o.opportunity_id = opportunity_id(o);
  return out;
}

}  // namespace sharpline::domain::opportunities
