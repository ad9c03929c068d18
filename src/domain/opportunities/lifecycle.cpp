#include "domain/opportunities/lifecycle.hpp"

#include <algorithm>
#include <cmath>

namespace sharpline::domain::opportunities {
namespace {

const Opportunity* find_id(const std::vector<Opportunity>& list, const std::string& id) {
  for (const auto& o : list) {
    if (o.opportunity_id == id) return &o;
  }
  return nullptr;
}

bool material_change(const Opportunity& before, const Opportunity& after,
                     const LifecycleOptions& options) {
  // The tier alone is not material: it follows the EV, and an EV hovering at a tier boundary
  // would otherwise re-emit on every poll.
  if (before.legs.size() != after.legs.size()) return true;
  for (std::size_t i = 0; i < before.legs.size(); ++i) {
    if (before.legs[i].price != after.legs[i].price ||
        before.legs[i].bookmaker != after.legs[i].bookmaker) {
      return true;
    }
  }
  const auto ev = [](const Opportunity& o) {
    return o.expected_value.value_or(o.arbitrage_return.value_or(0.0));
  };
  return std::fabs(ev(before) - ev(after)) >= options.min_ev_change;
}

std::string close_reason(const Opportunity& open, const FeatureVector& vector) {
  for (const auto& leg : open.legs) {
    const OutcomeView* line = nullptr;
    for (const auto& o : vector.outcomes) {
      if (o.outcome == leg.outcome && o.point == leg.point) line = &o;
    }
    if (line == nullptr) return "book_removed";
    if (line->best_book != leg.bookmaker || line->best_price != leg.price) return "price_moved";
  }
  return "edge_below_threshold";
}

Opportunity closed(Opportunity o, std::string reason, int64_t as_of_ms) {
  o.state = OpportunityState::kClosed;
  o.closed_reason = std::move(reason);
  o.as_of_ms = as_of_ms;
  return o;
}

}  // namespace

std::vector<Opportunity> reconcile(std::vector<Opportunity>& open, const FeatureVector& vector,
                                   const std::vector<Opportunity>& strict,
                                   const std::vector<Opportunity>& relaxed,
                                   const LifecycleOptions& options) {
  std::vector<Opportunity> emitted;
  std::vector<Opportunity> still_open;
  for (auto& current : open) {
    const Opportunity* now = find_id(relaxed, current.opportunity_id);
    if (now == nullptr) {
      emitted.push_back(closed(current, close_reason(current, vector), vector.as_of_ms));
      continue;
    }
    if (material_change(current, *now, options)) {
      Opportunity updated = *now;
      updated.state = OpportunityState::kUpdated;
      updated.detected_ms = current.detected_ms;
      emitted.push_back(updated);
      still_open.push_back(std::move(updated));
    } else {
      still_open.push_back(std::move(current));
    }
  }
  for (const auto& found : strict) {
    if (find_id(still_open, found.opportunity_id) != nullptr) continue;
    emitted.push_back(found);
    still_open.push_back(found);
  }
  open = std::move(still_open);
  return emitted;
}

std::vector<Opportunity> close_all(std::vector<Opportunity>& open, const std::string& reason,
                                   int64_t as_of_ms) {
  std::vector<Opportunity> emitted;
  emitted.reserve(open.size());
  for (auto& o : open) emitted.push_back(closed(std::move(o), reason, as_of_ms));
  open.clear();
  return emitted;
}

}  // namespace sharpline::domain::opportunities
