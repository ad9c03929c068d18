#include "domain/market/steam.hpp"

#include <gtest/gtest.h>

namespace sharpline::domain::market {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kStart = 1'000'000'000;
constexpr int64_t kCommence = kStart + 24 * 60 * kMinute;

OddsQuote quote(const std::string& book, const std::string& outcome, double price, int64_t at) {
  OddsQuote q;
  q.event_id = "ev1";
  q.sport = "americanfootball_nfl";
  q.commence_ms = kCommence;
  q.bookmaker = book;
  q.market = "h2h";
  q.outcome = outcome;
  q.price = price;
  q.observed_ms = at;
  return q;
}

MarketState opened(const std::vector<std::string>& books, double price) {
  MarketState s;
  s.event_id = "ev1";
  s.market = "h2h";
  for (const auto& book : books) apply_quote(s, quote(book, "Home", price, kStart), {});
  return s;
}

// 2.00 -> 1.90: implied 0.5 -> 0.526316, a shortening of 2.63 points.
constexpr double kFrom = 2.00;
constexpr double kTo = 1.90;

TEST(SteamTest, ThreeBooksShorteningWithinTheWindowIsSteam) {
  MarketState s = opened({"a_book", "b_book", "c_book", "d_book", "e_book"}, kFrom);
  apply_quote(s, quote("c_book", "Home", kTo, kStart + 10 * kMinute), {});
  apply_quote(s, quote("a_book", "Home", kTo, kStart + 12 * kMinute), {});
  apply_quote(s, quote("d_book", "Home", kTo, kStart + 20 * kMinute), {});
  const auto steam = detect_steam(s, {});
  ASSERT_TRUE(steam.has_value());
  EXPECT_EQ(steam->outcome, "Home");
  EXPECT_EQ(steam->point, std::nullopt);
  EXPECT_EQ(steam->direction, SteamDirection::kShortening);
  EXPECT_EQ(steam->books_moved, (std::vector<std::string>{"c_book", "a_book", "d_book"}));
  EXPECT_EQ(steam->books_not_moved, (std::vector<std::string>{"b_book", "e_book"}));
  EXPECT_EQ(steam->stale_prices, (std::vector<double>{kFrom, kFrom}));
  EXPECT_EQ(steam->first_mover, "c_book");
  EXPECT_EQ(steam->window_ms, 10 * kMinute);
  EXPECT_NEAR(steam->magnitude, 1.0 / kTo - 1.0 / kFrom, 1e-12);
  EXPECT_EQ(steam_key(*steam), "Home||shortening");
}

TEST(SteamTest, MagnitudeIsTheMeanMoveAndWindowSpansFirstToLastMove) {
  MarketState s = opened({"a_book", "b_book", "c_book"}, kFrom);
  apply_quote(s, quote("a_book", "Home", 1.95, kStart + 1 * kMinute), {});  // 1.28 points, so far
  apply_quote(s, quote("b_book", "Home", 1.90, kStart + 2 * kMinute), {});
  apply_quote(s, quote("c_book", "Home", 1.80, kStart + 3 * kMinute), {});
  apply_quote(s, quote("a_book", "Home", 1.85, kStart + 30 * kMinute), {});  // a now 4.05 points
  const auto steam = detect_steam(s, {});
  ASSERT_TRUE(steam.has_value());
  EXPECT_EQ(steam->books_moved, (std::vector<std::string>{"a_book", "b_book", "c_book"}));
  EXPECT_TRUE(steam->books_not_moved.empty());
  EXPECT_EQ(steam->first_mover, "a_book");
  EXPECT_EQ(steam->window_ms, 29 * kMinute);  // a's first move to a's last move
  const double mean = ((1 / 1.85 - 0.5) + (1 / 1.90 - 0.5) + (1 / 1.80 - 0.5)) / 3.0;
  EXPECT_NEAR(steam->magnitude, mean, 1e-12);
}

TEST(SteamTest, FirstMoverIsUnsetWhenSeveralBooksMovedFirstTogether) {
  MarketState s = opened({"a_book", "b_book", "c_book"}, kFrom);
  apply_quote(s, quote("b_book", "Home", kTo, kStart + 5 * kMinute), {});
  apply_quote(s, quote("a_book", "Home", kTo, kStart + 5 * kMinute), {});
  apply_quote(s, quote("c_book", "Home", kTo, kStart + 9 * kMinute), {});
  const auto steam = detect_steam(s, {});
  ASSERT_TRUE(steam.has_value());
  EXPECT_EQ(steam->first_mover, std::nullopt);
  // Same first-move time: ties in book order.
  EXPECT_EQ(steam->books_moved, (std::vector<std::string>{"a_book", "b_book", "c_book"}));
}

TEST(SteamTest, TwoBooksAreNotSteam) {
  MarketState s = opened({"a_book", "b_book", "c_book"}, kFrom);
  apply_quote(s, quote("a_book", "Home", kTo, kStart + 5 * kMinute), {});
  apply_quote(s, quote("b_book", "Home", kTo, kStart + 6 * kMinute), {});
  EXPECT_FALSE(detect_steam(s, {}).has_value());
}

TEST(SteamTest, MovesBelowTheMinimumDoNotCount) {
  MarketState s = opened({"a_book", "b_book", "c_book"}, kFrom);
  // 2.00 -> 1.93: 1.81 points, below 2.
  apply_quote(s, quote("a_book", "Home", 1.93, kStart + 5 * kMinute), {});
  apply_quote(s, quote("b_book", "Home", kTo, kStart + 6 * kMinute), {});
  apply_quote(s, quote("c_book", "Home", kTo, kStart + 7 * kMinute), {});
  EXPECT_FALSE(detect_steam(s, {}).has_value());
}

TEST(SteamTest, MovesOlderThanTheWindowAreIgnored) {
  MarketState s = opened({"a_book", "b_book", "c_book"}, kFrom);
  apply_quote(s, quote("a_book", "Home", kTo, kStart + 5 * kMinute), {});
  apply_quote(s, quote("b_book", "Home", kTo, kStart + 50 * kMinute), {});
  apply_quote(s, quote("c_book", "Home", kTo, kStart + 60 * kMinute), {});
  ASSERT_TRUE(detect_steam(s, {}).has_value());  // all within 60 min of as_of
  // 66 minutes after a's move: a is out of the window (the state keeps moves longer here).
  ApplyOptions keep_long;
  keep_long.move_retention_ms = 600 * kMinute;
  MarketState t = opened({"a_book", "b_book", "c_book", "z_book"}, kFrom);
  apply_quote(t, quote("a_book", "Home", kTo, kStart + 5 * kMinute), keep_long);
  apply_quote(t, quote("b_book", "Home", kTo, kStart + 50 * kMinute), keep_long);
  apply_quote(t, quote("c_book", "Home", kTo, kStart + 60 * kMinute), keep_long);
  apply_quote(t, quote("z_book", "Home", kFrom, kStart + 71 * kMinute), keep_long);
  ASSERT_EQ(t.moves.size(), 3u);
  EXPECT_FALSE(detect_steam(t, {}).has_value());
  SteamOptions wide;
  wide.window_ms = 90 * kMinute;
  EXPECT_TRUE(detect_steam(t, wide).has_value());
}

TEST(SteamTest, DriftingIsDetectedWithItsDirection) {
  MarketState s = opened({"a_book", "b_book", "c_book", "d_book"}, 1.80);
  // 1.80 -> 1.90: implied 0.5556 -> 0.5263, 2.92 points longer.
  apply_quote(s, quote("b_book", "Home", 1.90, kStart + 1 * kMinute), {});
  apply_quote(s, quote("c_book", "Home", 1.90, kStart + 2 * kMinute), {});
  apply_quote(s, quote("d_book", "Home", 1.90, kStart + 3 * kMinute), {});
  const auto steam = detect_steam(s, {});
  ASSERT_TRUE(steam.has_value());
  EXPECT_EQ(steam->direction, SteamDirection::kDrifting);
  EXPECT_EQ(steam->books_moved, (std::vector<std::string>{"b_book", "c_book", "d_book"}));
  EXPECT_EQ(steam->books_not_moved, (std::vector<std::string>{"a_book"}));
  EXPECT_EQ(steam->stale_prices, (std::vector<double>{1.80}));
  EXPECT_NEAR(steam->magnitude, 1 / 1.80 - 1 / 1.90, 1e-12);
  EXPECT_EQ(steam_key(*steam), "Home||drifting");
}

TEST(SteamTest, AMoveThatReturnsToTheOldPriceIsNotAMove) {
  MarketState s = opened({"a_book", "b_book", "c_book"}, kFrom);
  apply_quote(s, quote("a_book", "Home", kTo, kStart + 1 * kMinute), {});
  apply_quote(s, quote("b_book", "Home", kTo, kStart + 2 * kMinute), {});
  apply_quote(s, quote("c_book", "Home", kTo, kStart + 3 * kMinute), {});
  apply_quote(s, quote("c_book", "Home", kFrom, kStart + 4 * kMinute), {});
  EXPECT_FALSE(detect_steam(s, {}).has_value());
}

TEST(SteamTest, SteamKeyDistinguishesLines) {
  Steam a;
  a.outcome = "A";
  a.point = -3.0;
  Steam b = a;
  b.point = -3.5;
  EXPECT_NE(steam_key(a), steam_key(b));
  Steam c = a;
  c.direction = SteamDirection::kDrifting;
  EXPECT_NE(steam_key(a), steam_key(c));
}

}  // namespace
}  // namespace sharpline::domain::market
