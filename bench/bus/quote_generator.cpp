#include "bus/quote_generator.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "common/nfl_teams.hpp"
#include "domain/events/canonical_event_id.hpp"

namespace sharpline::bench::bus {
namespace {

constexpr const char* kSport = "americanfootball_nfl";
constexpr std::array<const char*, 3> kMarkets = {"h2h", "spreads", "totals"};
constexpr std::array<const char*, 11> kBooks = {
    "pinnacle", "draftkings",  "fanduel", "betmgm",     "williamhill_us", "betrivers",
    "bovada",   "betonlineag", "lowvig",  "mybookieag", "betus"};
using bench::kNflTeams;
constexpr int64_t kDayMs = 24LL * 3600 * 1000;

double cents(double price) {
  return std::round(price * 100.0) / 100.0;
}

}  // namespace

QuoteGenerator::QuoteGenerator(QuoteGeneratorOptions options)
    : options_(options), rng_(options.seed) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::size_t> order(kNflTeams.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Sunday 17:00 UTC kick-offs a week apart, the first at least a week after the start.
  const int64_t first_day = options_.start_ms / kDayMs + 7;
  for (int week = 0; week < options_.weeks; ++week) {
    std::shuffle(order.begin(), order.end(), rng_);
    for (std::size_t g = 0; g + 1 < order.size(); g += 2) {
      Game game;
      game.home = kNflTeams[order[g]];
      game.away = kNflTeams[order[g + 1]];
      game.commence_ms = (first_day + 7LL * week) * kDayMs + 17LL * 3600 * 1000;
      domain::events::EventIdentity identity;
      identity.sport = kSport;
      identity.home_team = game.home;
      identity.away_team = game.away;
      identity.day = domain::events::game_day_of(kSport, game.commence_ms);
      game.event_id = domain::events::canonical_event_id(identity);
      const double home_prob = 0.3 + 0.4 * unit(rng_);
      // A point per 3% of win probability away from even, on the half point.
      game.spread = std::floor((0.5 - home_prob) / 0.03) + 0.5;
      game.total = 38.5 + std::floor(12.0 * unit(rng_));
      games_.push_back(game);
      fair_.push_back(home_prob);
      fair_.push_back(0.5);
      fair_.push_back(0.5);
    }
  }
  for (std::size_t b = 0; b < kBooks.size(); ++b) {
    // Sharp books run thin margins; pinnacle and lowvig first in the list.
    margin_.push_back(b == 0 || b == 8 ? 0.025 : 0.035 + 0.025 * unit(rng_));
  }
  for (std::size_t g = 0; g < games_.size(); ++g) {
    for (int m = 0; m < static_cast<int>(kMarkets.size()); ++m) {
      for (std::size_t b = 0; b < kBooks.size(); ++b) {
        Line line{g, m, b, {0.0, 0.0}};
        price(line, false);
        lines_.push_back(line);
      }
    }
  }
}

void QuoteGenerator::price(Line& line, bool outlier) {
  std::normal_distribution<double> noise(0.0, 0.004);
  std::uniform_real_distribution<double> boost(1.03, 1.08);
  const double fair = fair_[line.game * kMarkets.size() + static_cast<std::size_t>(line.market)];
  const double margin = margin_[line.book];
  const double p0 = std::clamp(fair + noise(rng_), 0.05, 0.95);
  line.prices[0] = cents(std::max(1.01, 1.0 / (p0 * (1.0 + margin))));
  line.prices[1] = cents(std::max(1.01, 1.0 / ((1.0 - p0) * (1.0 + margin))));
  if (outlier) {
    const std::size_t side = std::uniform_int_distribution<std::size_t>(0, 1)(rng_);
    line.prices[side] = cents(line.prices[side] * boost(rng_));
  }
}

void QuoteGenerator::quote(const Line& line, int side, int64_t observed_ms, bool fresh,
                           double previous, std::vector<domain::OddsQuote>& out) const {
  const Game& game = games_[line.game];
  domain::OddsQuote q;
  q.event_id = game.event_id;
  q.sport = kSport;
  q.commence_ms = game.commence_ms;
  q.bookmaker = kBooks[line.book];
  q.market = kMarkets[static_cast<std::size_t>(line.market)];
  if (line.market == 2) {
    q.outcome = side == 0 ? "Over" : "Under";
    q.point = game.total;
  } else {
    q.outcome = side == 0 ? game.home : game.away;
    if (line.market == 1) q.point = side == 0 ? game.spread : 0.0 - game.spread;
  }
  q.price = line.prices[side];
  if (!fresh) q.previous_price = previous;
  q.change = fresh ? domain::QuoteChange::kNew : domain::QuoteChange::kChanged;
  q.book_updated_ms = observed_ms;
  q.observed_ms = observed_ms;
  q.source = "the-odds-api";
  out.push_back(std::move(q));
}

std::vector<domain::OddsQuote> QuoteGenerator::board(int64_t observed_ms) {
  std::vector<domain::OddsQuote> out;
  out.reserve(lines_.size() * 2);
  for (const auto& line : lines_) {
    quote(line, 0, observed_ms, true, 0.0, out);
    quote(line, 1, observed_ms, true, 0.0, out);
  }
  return out;
}

void QuoteGenerator::poll(int64_t observed_ms, std::vector<domain::OddsQuote>& out) {
  std::uniform_int_distribution<std::size_t> pick(0, lines_.size() - 1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> drift(0.0, 0.003);
  for (int i = 0; i < options_.lines_per_poll; ++i) {
    Line& line = lines_[pick(rng_)];
    double& fair = fair_[line.game * kMarkets.size() + static_cast<std::size_t>(line.market)];
    fair = std::clamp(fair + drift(rng_), 0.1, 0.9);
    const double before[2] = {line.prices[0], line.prices[1]};
    price(line, unit(rng_) < options_.outlier_rate);
    for (int side = 0; side < 2; ++side) {
      if (line.prices[side] != before[side]) {
        quote(line, side, observed_ms, false, before[side], out);
      }
    }
  }
}

}  // namespace sharpline::bench::bus
