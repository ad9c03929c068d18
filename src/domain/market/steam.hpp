// Steam: a sharp, synchronized move of several books in the same direction on one outcome at
// one line within a short window. The books that have not moved yet still offer the old price:
// that stale price is what a steam chaser bets.
//
// Rule: within the last `window_ms` (ending at the market's as_of), each book's net move on an
// outcome/line is its current price against the price before its first move in the window, as
// a change of implied probability (1/D). A book "moved" when that change is at least
// `min_move` (shortening: implied probability up) or at most -min_move (drifting). Steam is
// `min_books` or more books moving the same direction. Of several candidates in one market the
// one with most books (then the larger mean move) is reported. Line (point) changes are not
// price moves: a book moving from -3 to -3.5 shows up as line movement, not steam.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/market/market_state.hpp"
#include "domain/records/pipeline_records.hpp"

namespace sharpline::domain::market {

struct SteamOptions {
  int min_books = 3;
  double min_move = 0.02;       // implied probability, 0.02 = 2 percentage points
  int64_t window_ms = 3600000;  // 60 minutes
};

std::optional<Steam> detect_steam(const MarketState& state, const SteamOptions& options);

// Identity of a steam move for de-duplication: outcome, line and direction.
std::string steam_key(const Steam& steam);

}  // namespace sharpline::domain::market
