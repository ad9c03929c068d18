// A synthetic but realistic live odds feed for the features stage: NFL, NBA and EPL games on
// consecutive days, 11 books each quoting h2h (2 outcomes, 3 with the draw for soccer),
// spreads and totals, with canonical event ids and team names. Poll 0 quotes every line once
// (that makes the live quotes); each later poll, a minute apart, carries only the lines whose
// price moved (a share of them), as a change-detecting collector sends them. Seeded: the same
// options give the same quotes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "domain/records/records.hpp"

namespace sharpline::bench::memory {

struct FeedOptions {
  std::size_t live_quotes = 100000;  // distinct (event, book, market, outcome)
  int polls = 10;                    // poll 0 + polls-1 polls of moved lines only
  double move_share = 0.05;          // share of lines whose price moves in each later poll
  uint64_t seed = 20261121;
  int64_t start_ms = 1788220800000;  // 2026-09-01T00:00:00Z; games start from the next day
  int64_t poll_interval_ms = 60000;
};

class QuoteFeed {
 public:
  explicit QuoteFeed(FeedOptions options);

  std::size_t live_quotes() const { return lines_.size(); }
  std::size_t events() const { return events_.size(); }
  int64_t poll_ms(int poll) const { return options_.start_ms + poll * options_.poll_interval_ms; }
  // Every quote of one poll, in the order a collector emits them (event, book, market, outcome).
  // Returns how many quotes it visited.
  std::size_t poll(int poll, const std::function<void(const domain::OddsQuote&)>& visit);

 private:
  struct Event {
    std::string event_id;
    std::string sport;
    std::string home;
    std::string away;
    int64_t commence_ms = 0;
  };
  // One live quote, kept small (names are indices) so the feed itself costs little memory.
  struct Line {
    uint32_t event = 0;
    uint8_t book = 0;
    uint8_t market = 0;   // index into kMarkets
    uint8_t outcome = 0;  // 0 home / Over, 1 away / Under, 2 Draw
    bool has_point = false;
    double point = 0.0;
    double price = 0.0;
  };

  void add_event(Event event, double home_prob, double draw_prob, double spread, double total);
  domain::OddsQuote quote_of(const Line& line, int64_t observed_ms) const;

  FeedOptions options_;
  std::mt19937_64 rng_;
  std::vector<Event> events_;
  std::vector<Line> lines_;
};

}  // namespace sharpline::bench::memory
