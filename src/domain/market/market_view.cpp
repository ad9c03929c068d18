#include "domain/market/market_view.hpp"

#include <algorithm>
#include <set>

#include "domain/market/line_groups.hpp"

namespace sharpline::domain::market {
namespace {

bool bettable(const ConsensusConfig& config, const std::string& book) {
  return config.bettable_books.empty() ||
         std::find(config.bettable_books.begin(), config.bettable_books.end(), book) !=
             config.bettable_books.end();
}

}  // namespace

std::string consensus_method_name(const ConsensusConfig& config) {
  std::string name = "weighted_";
  for (const char c : odds::method_name(config.method)) name += c == '-' ? '_' : c;
  return name;
}

MarketView view_market(const MarketState& state, const ConsensusConfig& config) {
  MarketView view;
  std::vector<LineRef> lines;
  std::set<std::string> books;
  for (const auto& price : state.prices) {
    books.insert(price.book);
    if (lines.empty() || lines.back().outcome != price.outcome ||
        lines.back().point != price.point) {
      lines.push_back({price.outcome, price.point});
    }
  }
  view.books = books.size();

  std::size_t group_index = 0;
  for (const auto& group : group_lines(lines)) {
    if (group.size() < 2) continue;
    // Books quoting every outcome of the group, with their prices in group order.
    std::vector<std::string> complete_books;
    std::vector<std::vector<double>> book_prices;
    for (const auto& book : books) {
      std::vector<double> row;
      for (const std::size_t i : group) {
        for (const auto* p : prices_of(state, lines[i].outcome, lines[i].point)) {
          if (p->book == book) row.push_back(p->price);
        }
      }
      if (row.size() == group.size()) {
        complete_books.push_back(book);
        book_prices.push_back(std::move(row));
      }
    }
    if (complete_books.empty()) continue;
    std::vector<odds::BookPrices> inputs;
    for (std::size_t b = 0; b < complete_books.size(); ++b) {
      inputs.push_back(
          {complete_books[b], book_prices[b], config.weights.weight(complete_books[b])});
    }
    const auto consensus = odds::consensus_fair_price(inputs, config.method, config.options);
    if (!consensus.valid) continue;

    for (std::size_t k = 0; k < group.size(); ++k) {
      const auto& line = lines[group[k]];
      OutcomeView outcome;
      outcome.outcome = line.outcome;
      outcome.point = line.point;
      outcome.consensus_probability = consensus.probabilities[k];
      for (const auto* p : prices_of(state, line.outcome, line.point)) {
        ++outcome.books_quoting;
        if (!bettable(config, p->book)) continue;
        if (p->price > outcome.best_price) {  // books in key order: ties keep the first
          outcome.best_price = p->price;
          outcome.best_book = p->book;
        }
      }
      if (const auto* opening = opening_of(state, line.outcome, line.point)) {
        outcome.opening_price = opening->price;
      }
      view.outcomes.push_back(std::move(outcome));
      view.group_of.push_back(group_index);
    }
    ++group_index;
  }
  return view;
}

}  // namespace sharpline::domain::market
