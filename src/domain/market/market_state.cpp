#include "domain/market/market_state.hpp"

#include <algorithm>
#include <tuple>

namespace sharpline::domain::market {
namespace {

// Sort order of outcomes at lines: outcome name, then no point before any point, then point.
bool line_less(const std::string& a_outcome, const std::optional<double>& a_point,
               const std::string& b_outcome, const std::optional<double>& b_point) {
  return std::tie(a_outcome, a_point) < std::tie(b_outcome, b_point);
}

double weight_of(const ApplyOptions& options, const std::string& book) {
  return options.book_weights.weight(book);
}

void note_opening(MarketState& state, const OddsQuote& quote, const ApplyOptions& options) {
  auto it = std::lower_bound(state.openings.begin(), state.openings.end(), quote,
                             [](const OpeningPrice& o, const OddsQuote& q) {
                               return line_less(o.outcome, o.point, q.outcome, q.point);
                             });
  if (it != state.openings.end() && it->outcome == quote.outcome && it->point == quote.point) {
    // Several books may open a line in the same poll: the sharpest of them is the reference.
    if (it->at_ms == quote.observed_ms &&
        weight_of(options, quote.bookmaker) > weight_of(options, it->book)) {
      it->book = quote.bookmaker;
      it->price = quote.price;
    }
    return;
  }
  state.openings.insert(it, OpeningPrice{quote.outcome, quote.point, quote.bookmaker, quote.price,
                                         quote.observed_ms});
}

}  // namespace

QuoteEffect apply_quote(MarketState& state, const OddsQuote& quote, const ApplyOptions& options) {
  if (quote.commence_ms) state.commence_ms = quote.commence_ms;
  if (state.commence_ms && quote.observed_ms >= *state.commence_ms) return QuoteEffect::kInPlay;
  state.as_of_ms = std::max(state.as_of_ms, quote.observed_ms);

  auto it = std::lower_bound(
      state.prices.begin(), state.prices.end(), quote, [](const BookPrice& p, const OddsQuote& q) {
        return std::tie(p.outcome, p.point, p.book) < std::tie(q.outcome, q.point, q.bookmaker);
      });
  const bool held = it != state.prices.end() && it->outcome == quote.outcome &&
                    it->point == quote.point && it->book == quote.bookmaker;

  QuoteEffect effect = QuoteEffect::kUnchanged;
  if (quote.change == QuoteChange::kRemoved) {
    if (held) {
      state.prices.erase(it);
      effect = QuoteEffect::kRemoved;
    }
  } else if (!held) {
    state.prices.insert(it, BookPrice{quote.bookmaker, quote.outcome, quote.point, quote.price,
                                      quote.observed_ms, quote.observed_ms});
    note_opening(state, quote, options);
    effect = QuoteEffect::kNewLine;
  } else if (it->price != quote.price) {
    state.moves.push_back(PriceMove{quote.bookmaker, quote.outcome, quote.point, it->price,
                                    quote.price, quote.observed_ms});
    it->price = quote.price;
    it->changed_ms = quote.observed_ms;
    it->observed_ms = quote.observed_ms;
    effect = QuoteEffect::kPriceMove;
  } else {
    it->observed_ms = quote.observed_ms;
  }

  const int64_t horizon = state.as_of_ms - options.move_retention_ms;
  std::erase_if(state.moves, [horizon](const PriceMove& m) { return m.at_ms < horizon; });
  return effect;
}

std::vector<const BookPrice*> prices_of(const MarketState& state, const std::string& outcome,
                                        const std::optional<double>& point) {
  std::vector<const BookPrice*> out;
  for (const auto& price : state.prices) {
    if (price.outcome == outcome && price.point == point) out.push_back(&price);
  }
  return out;
}

const OpeningPrice* opening_of(const MarketState& state, const std::string& outcome,
                               const std::optional<double>& point) {
  for (const auto& opening : state.openings) {
    if (opening.outcome == outcome && opening.point == point) return &opening;
  }
  return nullptr;
}

}  // namespace sharpline::domain::market
