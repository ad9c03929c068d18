#include "domain/market/steam.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace sharpline::domain::market {
namespace {

struct BookMove {
  double from_price = 0.0;  // price before the book's first move in the window
  int64_t first_ms = 0;
  int64_t last_ms = 0;
};

struct Candidate {
  Steam steam;
  std::size_t books = 0;
};

bool better(const Candidate& a, const Candidate& b) {
  return std::tie(a.books, a.steam.magnitude) > std::tie(b.books, b.steam.magnitude);
}

}  // namespace

std::string steam_key(const Steam& steam) {
  std::string key = steam.outcome;
  key += '|';
  if (steam.point) key += std::to_string(*steam.point);
  key += steam.direction == SteamDirection::kShortening ? "|shortening" : "|drifting";
  return key;
}

std::optional<Steam> detect_steam(const MarketState& state, const SteamOptions& options) {
  const int64_t horizon = state.as_of_ms - options.window_ms;
  // (outcome, point) -> book -> its moves in the window
  std::map<std::pair<std::string, std::optional<double>>, std::map<std::string, BookMove>> lines;
  for (const auto& move : state.moves) {
    if (move.at_ms < horizon) continue;
    auto& books = lines[{move.outcome, move.point}];
    auto [it, fresh] =
        books.try_emplace(move.book, BookMove{move.from_price, move.at_ms, move.at_ms});
    if (!fresh) it->second.last_ms = move.at_ms;
  }

  std::optional<Candidate> best;
  for (const auto& [line, books] : lines) {
    const auto current = prices_of(state, line.first, line.second);
    for (const SteamDirection direction :
         {SteamDirection::kShortening, SteamDirection::kDrifting}) {
      Candidate candidate;
      candidate.steam.outcome = line.first;
      candidate.steam.point = line.second;
      candidate.steam.direction = direction;
      std::vector<std::tuple<int64_t, std::string>> moved;  // (first move, book)
      int64_t first = INT64_MAX;
      int64_t last = INT64_MIN;
      double total = 0.0;
      for (const auto* price : current) {
        auto it = books.find(price->book);
        if (it == books.end()) continue;
        const double change = 1.0 / price->price - 1.0 / it->second.from_price;
        const bool counts = direction == SteamDirection::kShortening ? change >= options.min_move
                                                                     : change <= -options.min_move;
        if (!counts) continue;
        moved.emplace_back(it->second.first_ms, price->book);
        first = std::min(first, it->second.first_ms);
        last = std::max(last, it->second.last_ms);
        total += std::fabs(change);
      }
      if (moved.size() < static_cast<std::size_t>(std::max(options.min_books, 1))) continue;
      std::sort(moved.begin(), moved.end());
      for (const auto& [at, book] : moved) candidate.steam.books_moved.push_back(book);
      const auto first_count = std::count_if(moved.begin(), moved.end(), [&](const auto& m) {
        return std::get<0>(m) == std::get<0>(moved.front());
      });
      if (first_count == 1) candidate.steam.first_mover = std::get<1>(moved.front());
      for (const auto* price : current) {
        if (std::find(candidate.steam.books_moved.begin(), candidate.steam.books_moved.end(),
                      price->book) == candidate.steam.books_moved.end()) {
          candidate.steam.books_not_moved.push_back(price->book);
          candidate.steam.stale_prices.push_back(price->price);
        }
      }
      candidate.steam.window_ms = last - first;
      candidate.steam.magnitude = total / static_cast<double>(moved.size());
      candidate.books = moved.size();
      if (!best || better(candidate, *best)) best = std::move(candidate);
    }
  }
  if (!best) return std::nullopt;
  return std::move(best->steam);
}

}  // namespace sharpline::domain::market
