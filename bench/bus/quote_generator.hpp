// Synthetic, seeded NFL odds the way The Odds API collector publishes them: a full board of
// h2h, spreads and totals from 11 US books for every game of a few weeks, then polls that each
// reprice a few (game, market, book) lines. Both sides of a line move together, as books post
// them; only changed quotes are published (QuoteChange::kChanged with previous_price), as the
// collector's quote tracker does.
//
// Prices: each game-market has a fair probability that random-walks; each book prices it with
// its own margin (3-6%) and a little noise, rounded to cents. Now and then (outlier_rate) a book
// posts one side 3-8% above its usual price and keeps it until its next update of that line:
// the +EV values and two-book arbitrages the opportunities stage is there to find.
//
// Event ids are canonical (domain/events): real team names and the game day of the kick-off,
// so the default NFL moneyline model serves the h2h vectors.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "domain/records/records.hpp"

namespace sharpline::bench::bus {

struct QuoteGeneratorOptions {
  uint64_t seed = 20251121;
  int weeks = 3;           // 16 games a week
  int lines_per_poll = 8;  // (game, market, book) lines repriced per poll
  double outlier_rate = 0.02;
  // Kick-offs are days after this; every quote is observed before it (pre-match).
  int64_t start_ms = 0;
};

class QuoteGenerator {
 public:
  explicit QuoteGenerator(QuoteGeneratorOptions options);

  // Every quote of every line, observed at `observed_ms` (QuoteChange::kNew).
  std::vector<domain::OddsQuote> board(int64_t observed_ms);
  // The changed quotes of one poll at `observed_ms` (appended to `out`).
  void poll(int64_t observed_ms, std::vector<domain::OddsQuote>& out);

  std::size_t games() const { return games_.size(); }
  std::size_t lines() const { return lines_.size(); }

 private:
  struct Game {
    std::string event_id;
    std::string home;
    std::string away;
    int64_t commence_ms = 0;
    double spread = 0.0;  // the home side's point
    double total = 0.0;
  };
  struct Line {  // one book's two prices for one game-market
    std::size_t game = 0;
    int market = 0;  // 0 h2h, 1 spreads, 2 totals
    std::size_t book = 0;
    double prices[2] = {0.0, 0.0};  // side 0: home / Over
  };

  void price(Line& line, bool outlier);
  void quote(const Line& line, int side, int64_t observed_ms, bool fresh, double previous,
             std::vector<domain::OddsQuote>& out) const;

  QuoteGeneratorOptions options_;
  std::mt19937_64 rng_;
  std::vector<Game> games_;
  std::vector<double> fair_;    // per game-market: probability of side 0
  std::vector<double> margin_;  // per book
  std::vector<Line> lines_;
};

}  // namespace sharpline::bench::bus
