#include "domain/odds/arbitrage.hpp"

#include <string>

#include "domain/errors.hpp"
#include "domain/odds/formats.hpp"

namespace sharpline::domain::odds {

std::vector<BestPrice> best_prices(PriceTable books) {
  if (books.empty()) throw InvalidInput("need at least one book, got 0");
  const std::size_t outcomes = books[0].size();
  if (outcomes < 2) {
    throw InvalidInput("a market needs at least 2 outcomes, got " + std::to_string(outcomes));
  }
  std::vector<BestPrice> best(outcomes);
  for (std::size_t j = 0; j < books.size(); ++j) {
    if (books[j].size() != outcomes) {
      throw InvalidInput("book " + std::to_string(j) + " quotes " +
                         std::to_string(books[j].size()) + " outcomes, book 0 quotes " +
                         std::to_string(outcomes));
    }
    for (std::size_t i = 0; i < outcomes; ++i) {
      const double price = books[j][i];
      require_decimal_odds(price, i);
      if (j == 0 || price > best[i].decimal_odds) best[i] = {price, j};
    }
  }
  return best;
}

Arbitrage find_arbitrage(PriceTable books) {
  const std::vector<BestPrice> best = best_prices(books);
  Arbitrage result;
  for (const BestPrice& price : best) result.booksum += 1.0 / price.decimal_odds;
  result.return_rate = 1.0 / result.booksum - 1.0;
  result.is_arbitrage = result.booksum < 1.0;
  result.legs.reserve(best.size());
  for (std::size_t i = 0; i < best.size(); ++i) {
    result.legs.push_back(
        {i, best[i].book, best[i].decimal_odds, (1.0 / best[i].decimal_odds) / result.booksum});
  }
  return result;
}

}  // namespace sharpline::domain::odds
