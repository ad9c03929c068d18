// The live state of one market (event x market key) as the features stage keeps it: the current
// price of every book for every outcome and line, the opening prices, and the recent price moves
// steam detection looks at. Pure data plus the one function that folds a quote into it.
//
// Pre-match only: a quote observed at or after the event's commence time is an in-play price.
// It is not a pre-match line, so it is ignored here (never a current price, never a closing
// line, never an opening), and apply_quote reports it as kInPlay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/odds/consensus.hpp"
#include "domain/records/records.hpp"

namespace sharpline::domain::market {

struct BookPrice {
  std::string book;
  std::string outcome;
  std::optional<double> point;
  double price = 0.0;
  int64_t observed_ms = 0;  // last time this price was confirmed
  int64_t changed_ms = 0;   // when the book moved to this price (first sight counts)

  bool operator==(const BookPrice&) const = default;
};

// First price seen for an outcome at a line, at the sharpest book quoting it at that moment.
struct OpeningPrice {
  std::string outcome;
  std::optional<double> point;
  std::string book;
  double price = 0.0;
  int64_t at_ms = 0;

  bool operator==(const OpeningPrice&) const = default;
};

struct PriceMove {
  std::string book;
  std::string outcome;
  std::optional<double> point;
  double from_price = 0.0;
  double to_price = 0.0;
  int64_t at_ms = 0;

  bool operator==(const PriceMove&) const = default;
};

struct MarketState {
  std::string event_id;
  std::string sport;
  std::string market;
  std::optional<int64_t> commence_ms;
  std::vector<BookPrice> prices;       // sorted by (outcome, point, book)
  std::vector<OpeningPrice> openings;  // sorted by (outcome, point)
  std::vector<PriceMove> moves;        // oldest first, only within the steam window
  int64_t as_of_ms = 0;                // newest quote applied

  bool operator==(const MarketState&) const = default;
};

enum class QuoteEffect {
  kNewLine,    // the book had no price for this outcome at this line
  kPriceMove,  // the book's price changed
  kRemoved,    // the book stopped quoting it
  kUnchanged,  // same price again, or a removal of something not held
  kInPlay,     // observed at or after commence: ignored
};

struct ApplyOptions {
  int64_t move_retention_ms = 3600000;  // keep moves this long (the steam window)
  // Book sharpness for openings: the highest-weighted book quoting first is the reference.
  odds::BookWeights book_weights = odds::BookWeights::sharp_books();
};

// Folds one quote into the market. The quote must belong to the market (same event and key).
QuoteEffect apply_quote(MarketState& state, const OddsQuote& quote, const ApplyOptions& options);

// Prices of one outcome at one line, in book order.
std::vector<const BookPrice*> prices_of(const MarketState& state, const std::string& outcome,
                                        const std::optional<double>& point);

const OpeningPrice* opening_of(const MarketState& state, const std::string& outcome,
                               const std::optional<double>& point);

}  // namespace sharpline::domain::market
