// A small synthetic NFL moneyline dataset for backtest tests: games between a few teams, each
// with an opening poll (48 h before kickoff) and a closing poll (1 min before) from five books,
// and a final score 4 h after kickoff.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adapters/history/dataset.hpp"
#include "domain/events/canonical_event_id.hpp"
#include "domain/events/civil_days.hpp"

namespace sharpline::backtest::testing {

inline constexpr int64_t kHourMs = 3600LL * 1000;
inline constexpr int64_t kDayMs = 24 * kHourMs;

struct GameSpec {
  std::string home;
  std::string away;
  int year = 2024;
  int month = 9;
  int day = 8;
  int season = 2024;
  int hour = 18;  // kickoff, UTC
  int home_score = 24;
  int away_score = 17;
  // Prices of the "soft" book (the others quote 1.91 / 1.91 at open, 1.87 / 1.95 at close).
  double soft_home = 1.91;
  double soft_away = 1.91;
};

inline int64_t kickoff_ms(const GameSpec& g) {
  return domain::events::days_from_civil(g.year, g.month, g.day) * kDayMs + g.hour * kHourMs;
}

inline adapters::history::Dataset make_dataset(const std::vector<GameSpec>& games) {
  adapters::history::Dataset dataset;
  auto& batch = dataset.batch;
  for (const auto& g : games) {
    domain::events::EventIdentity identity{
        "americanfootball_nfl", g.home, g.away, {g.year, g.month, g.day}};
    const std::string id = domain::events::canonical_event_id(identity);
    const int64_t kickoff = kickoff_ms(g);
    domain::Event event;
    event.event_id = id;
    event.sport = "americanfootball_nfl";
    event.season = g.season;
    event.home_team = g.home;
    event.away_team = g.away;
    event.commence_ms = kickoff;
    event.status = "final";
    event.source = "test";
    event.updated_ms = kickoff + 4 * kHourMs;
    batch.events.push_back(event);
    const auto quote = [&](const std::string& book, const std::string& outcome, double price,
                           int64_t at, bool closing) {
      domain::OddsQuote q;
      q.event_id = id;
      q.sport = "americanfootball_nfl";
      q.commence_ms = kickoff;
      q.bookmaker = book;
      q.market = "h2h";
      q.outcome = outcome;
      q.price = price;
      q.observed_ms = at;
      q.source = "test";
      q.is_closing = closing;
      batch.quotes.push_back(q);
    };
    for (const bool closing : {false, true}) {
      const int64_t at = closing ? kickoff - 60 * 1000 : kickoff - 48 * kHourMs;
      for (const char* book : {"pinnacle", "draftkings", "fanduel", "betmgm"}) {
        quote(book, g.home, closing ? 1.87 : 1.91, at, closing);
        quote(book, g.away, closing ? 1.95 : 1.91, at, closing);
      }
      quote("bovada", g.home, g.soft_home, at, closing);
      quote("bovada", g.away, g.soft_away, at, closing);
    }
    domain::GameResult result;
    result.event_id = id;
    result.sport = "americanfootball_nfl";
    result.status = "final";
    result.home_score = g.home_score;
    result.away_score = g.away_score;
    result.is_final = true;
    result.updated_ms = kickoff + 4 * kHourMs;
    result.source = "test";
    batch.results.push_back(result);
  }
  dataset.files = {"fixture"};
  return dataset;
}

}  // namespace sharpline::backtest::testing
