#include "domain/market/emission_rule.hpp"

#include <cmath>

namespace sharpline::domain::market {
namespace {

const OutcomeView* find_line(const std::vector<OutcomeView>& outcomes, const OutcomeView& like) {
  for (const auto& outcome : outcomes) {
    if (outcome.outcome == like.outcome && outcome.point == like.point) return &outcome;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> emission_trigger(const EmittedView& last, const MarketView& now,
                                            const std::optional<Steam>& steam, int64_t as_of_ms,
                                            const SteamOptions& steam_options,
                                            const EmissionOptions& options) {
  if (steam &&
      (steam_key(*steam) != last.steam_key || as_of_ms - last.steam_ms > steam_options.window_ms)) {
    return "steam";
  }
  for (const auto& before : last.outcomes) {
    const auto* after = find_line(now.outcomes, before);
    if (after == nullptr || after->books_quoting < before.books_quoting) return "book_removed";
  }
  for (const auto& after : now.outcomes) {
    const auto* before = find_line(last.outcomes, after);
    if (before == nullptr || after.books_quoting > before->books_quoting) return "new_book";
  }
  for (const auto& after : now.outcomes) {
    const auto* before = find_line(last.outcomes, after);
    if (after.best_price != before->best_price || after.best_book != before->best_book ||
        std::fabs(after.consensus_probability - before->consensus_probability) >=
            options.min_probability_change) {
      return "price_move";
    }
  }
  return std::nullopt;
}

void remember_emission(EmittedView& last, const MarketView& now, const std::optional<Steam>& steam,
                       int64_t as_of_ms) {
  last.outcomes = now.outcomes;
  last.emitted_ms = as_of_ms;
  if (steam) {
    last.steam_key = steam_key(*steam);
    last.steam_ms = as_of_ms;
  }
}

}  // namespace sharpline::domain::market
