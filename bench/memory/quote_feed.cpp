#include "memory/quote_feed.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <span>
#include <string_view>

#include "common/nfl_teams.hpp"
#include "domain/events/canonical_event_id.hpp"
#include "domain/features/game_calendar.hpp"

namespace sharpline::bench::memory {
namespace {

constexpr std::array<std::string_view, 11> kBooks = {
    "pinnacle",  "draftkings", "fanduel",     "betmgm",     "williamhill_us", "betrivers",
    "unibet_us", "bovada",     "betonlineag", "mybookieag", "lowvig"};
constexpr std::array<std::string_view, 3> kMarkets = {"h2h", "spreads", "totals"};

using bench::kNflTeams;
constexpr std::array<std::string_view, 30> kNbaTeams = {"Atlanta Hawks",
                                                        "Boston Celtics",
                                                        "Brooklyn Nets",
                                                        "Charlotte Hornets",
                                                        "Chicago Bulls",
                                                        "Cleveland Cavaliers",
                                                        "Dallas Mavericks",
                                                        "Denver Nuggets",
                                                        "Detroit Pistons",
                                                        "Golden State Warriors",
                                                        "Houston Rockets",
                                                        "Indiana Pacers",
                                                        "Los Angeles Clippers",
                                                        "Los Angeles Lakers",
                                                        "Memphis Grizzlies",
                                                        "Miami Heat",
                                                        "Milwaukee Bucks",
                                                        "Minnesota Timberwolves",
                                                        "New Orleans Pelicans",
                                                        "New York Knicks",
                                                        "Oklahoma City Thunder",
                                                        "Orlando Magic",
                                                        "Philadelphia 76ers",
                                                        "Phoenix Suns",
                                                        "Portland Trail Blazers",
                                                        "Sacramento Kings",
                                                        "San Antonio Spurs",
                                                        "Toronto Raptors",
                                                        "Utah Jazz",
                                                        "Washington Wizards"};
constexpr std::array<std::string_view, 20> kEplTeams = {"Arsenal",
                                                        "Aston Villa",
                                                        "Bournemouth",
                                                        "Brentford",
                                                        "Brighton and Hove Albion",
                                                        "Burnley",
                                                        "Chelsea",
                                                        "Crystal Palace",
                                                        "Everton",
                                                        "Fulham",
                                                        "Leeds United",
                                                        "Liverpool",
                                                        "Manchester City",
                                                        "Manchester United",
                                                        "Newcastle United",
                                                        "Nottingham Forest",
                                                        "Sunderland",
                                                        "Tottenham Hotspur",
                                                        "West Ham United",
                                                        "Wolverhampton Wanderers"};

struct Sport {
  std::string_view key;
  std::span<const std::string_view> teams;
  double spread_sd;
  double total;
  bool draw;
};

// Rounds to the half point books quote lines at (never a whole number: no pushes).
double half_line(double x) {
  return std::floor(x) + 0.5;
}

}  // namespace

QuoteFeed::QuoteFeed(FeedOptions options) : options_(options), rng_(options.seed) {
  const std::array<Sport, 3> sports = {{{"americanfootball_nfl", kNflTeams, 6.0, 44.5, false},
                                        {"basketball_nba", kNbaTeams, 7.0, 226.5, false},
                                        {"soccer_epl", kEplTeams, 0.8, 2.5, true}}};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  using namespace std::chrono;
  const sys_days first_day =
      floor<days>(sys_time<milliseconds>(milliseconds(options_.start_ms))) + days(1);
  for (int d = 0; lines_.size() < options_.live_quotes; ++d) {
    const year_month_day ymd{first_day + days(d)};
    const domain::events::GameDay day{static_cast<int>(ymd.year()),
                                      static_cast<int>(static_cast<unsigned>(ymd.month())),
                                      static_cast<int>(static_cast<unsigned>(ymd.day()))};
    for (const Sport& sport : sports) {
      // Circle-method pairings, rotated by the day, so teams meet different opponents.
      const std::size_t n = sport.teams.size();
      for (std::size_t g = 0; g < n / 2 && lines_.size() < options_.live_quotes; ++g) {
        const std::size_t home = (g + static_cast<std::size_t>(d)) % n;
        const std::size_t away = (n - 1 - g + static_cast<std::size_t>(d)) % n;
        if (home == away) continue;
        Event event;
        event.sport = std::string(sport.key);
        event.home = std::string(sport.teams[home]);
        event.away = std::string(sport.teams[away]);
        event.event_id =
            domain::events::canonical_event_id({event.sport, event.home, event.away, day});
        event.commence_ms = domain::features::nominal_kickoff_ms(day) +
                            static_cast<int64_t>(g % 4) * 3 * 3600 * 1000;
        const double draw_prob = sport.draw ? 0.22 + 0.08 * unit(rng_) : 0.0;
        const double home_prob = (1.0 - draw_prob) * (0.25 + 0.5 * unit(rng_));
        const double spread = half_line(normal(rng_) * sport.spread_sd);
        const double total = sport.total + (sport.draw ? 0.0 : half_line(normal(rng_) * 4.0) - 0.5);
        add_event(std::move(event), home_prob, draw_prob, spread, total);
      }
    }
  }
  lines_.resize(std::min(lines_.size(), options_.live_quotes));
}

void QuoteFeed::add_event(Event event, double home_prob, double draw_prob, double spread,
                          double total) {
  const auto index = static_cast<uint32_t>(events_.size());
  events_.push_back(std::move(event));
  std::uniform_real_distribution<double> margin(0.02, 0.06);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double away_prob = 1.0 - home_prob - draw_prob;
  for (std::size_t b = 0; b < kBooks.size(); ++b) {
    const double overround = 1.0 + margin(rng_);
    // Books hang their own lines: a fifth of them half a point off the market.
    const double shade = unit(rng_) < 0.2 ? (unit(rng_) < 0.5 ? -0.5 : 0.5) : 0.0;
    auto add = [&](uint8_t market, uint8_t outcome, bool has_point, double point, double prob) {
      Line line;
      line.event = index;
      line.book = static_cast<uint8_t>(b);
      line.market = market;
      line.outcome = outcome;
      line.has_point = has_point;
      line.point = point;
      line.price = std::round(100.0 / (prob * overround)) / 100.0;
      lines_.push_back(line);
    };
    add(0, 0, false, 0.0, home_prob);
    add(0, 1, false, 0.0, away_prob);
    if (draw_prob > 0.0) add(0, 2, false, 0.0, draw_prob);
    add(1, 0, true, spread + shade, 0.5 + 0.02 * (unit(rng_) - 0.5));
    add(1, 1, true, -(spread + shade), 0.5 + 0.02 * (unit(rng_) - 0.5));
    add(2, 0, true, total + shade, 0.5 + 0.02 * (unit(rng_) - 0.5));
    add(2, 1, true, total + shade, 0.5 + 0.02 * (unit(rng_) - 0.5));
  }
}

domain::OddsQuote QuoteFeed::quote_of(const Line& line, int64_t observed_ms) const {
  const Event& event = events_[line.event];
  domain::OddsQuote quote;
  quote.event_id = event.event_id;
  quote.sport = event.sport;
  quote.commence_ms = event.commence_ms;
  quote.bookmaker = std::string(kBooks[line.book]);
  quote.market = std::string(kMarkets[line.market]);
  if (line.market == 2) {
    quote.outcome = line.outcome == 0 ? "Over" : "Under";
  } else {
    quote.outcome = line.outcome == 0 ? event.home : line.outcome == 1 ? event.away : "Draw";
  }
  if (line.has_point) quote.point = line.point;
  quote.price = line.price;
  quote.book_updated_ms = observed_ms;
  quote.observed_ms = observed_ms;
  quote.source = "the-odds-api";
  return quote;
}

std::size_t QuoteFeed::poll(int poll, const std::function<void(const domain::OddsQuote&)>& visit) {
  const int64_t observed_ms = poll_ms(poll);
  std::size_t sent = 0;
  if (poll == 0) {
    for (const Line& line : lines_) {
      visit(quote_of(line, observed_ms));
      ++sent;
    }
    return sent;
  }
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (Line& line : lines_) {
    if (unit(rng_) >= options_.move_share) continue;
    const double previous = line.price;
    const double step = 0.01 + 0.03 * unit(rng_);
    const double moved =
        std::round(previous * (unit(rng_) < 0.5 ? 1.0 - step : 1.0 + step) * 100.0) / 100.0;
    line.price = std::max(1.01, moved == previous ? previous + 0.01 : moved);
    domain::OddsQuote quote = quote_of(line, observed_ms);
    quote.change = domain::QuoteChange::kChanged;
    quote.previous_price = previous;
    visit(quote);
    ++sent;
  }
  return sent;
}

}  // namespace sharpline::bench::memory
