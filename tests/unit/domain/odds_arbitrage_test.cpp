#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "domain/errors.hpp"
#include "domain/odds/arbitrage.hpp"
#include "domain/odds/middles.hpp"

namespace sharpline::domain::odds {
namespace {

// The two-book scenario of penaltyblog's test_betting_advanced.py ("Bookmaker A: Team X 2.1,
// Team Y 1.95; Bookmaker B: Team X 1.90, Team Y 2.15"): back X at A and Y at B.
TEST(OddsArbitrage, TwoBookSureBet) {
  const std::vector<std::vector<double>> books = {{2.1, 1.95}, {1.90, 2.15}};
  const Arbitrage arb = find_arbitrage(books);
  const double booksum = 1.0 / 2.1 + 1.0 / 2.15;
  EXPECT_TRUE(arb.is_arbitrage);
  EXPECT_NEAR(arb.booksum, booksum, 1e-15);
  EXPECT_NEAR(arb.return_rate, 1.0 / booksum - 1.0, 1e-15);  // 6.2353%
  EXPECT_NEAR(arb.return_rate, 0.0623529411764706, 1e-12);
  ASSERT_EQ(arb.legs.size(), 2u);
  EXPECT_EQ(arb.legs[0].book, 0u);
  EXPECT_EQ(arb.legs[1].book, 1u);
  EXPECT_EQ(arb.legs[0].decimal_odds, 2.1);
  EXPECT_EQ(arb.legs[1].decimal_odds, 2.15);
  EXPECT_NEAR(arb.legs[0].stake + arb.legs[1].stake, 1.0, 1e-15);
  // Equal payout whichever side wins.
  EXPECT_NEAR(arb.legs[0].stake * 2.1, 1.0 + arb.return_rate, 1e-15);
  EXPECT_NEAR(arb.legs[1].stake * 2.15, 1.0 + arb.return_rate, 1e-15);
}

TEST(OddsArbitrage, NoArbitrageStillReportsTheSplit) {
  const std::vector<std::vector<double>> books = {{1.91, 1.91}, {1.87, 1.95}, {1.95, 1.87}};
  const Arbitrage arb = find_arbitrage(books);
  EXPECT_FALSE(arb.is_arbitrage);
  EXPECT_NEAR(arb.return_rate, 1.0 / (2.0 / 1.95) - 1.0, 1e-15);  // -2.5%
  EXPECT_EQ(arb.legs[0].book, 2u);
  EXPECT_EQ(arb.legs[1].book, 1u);
}

TEST(OddsArbitrage, ThreeWayAcrossThreeBooks) {
  const std::vector<std::vector<double>> books = {
      {2.50, 3.40, 2.90}, {2.62, 3.20, 2.95}, {2.45, 3.60, 2.80}};
  const Arbitrage arb = find_arbitrage(books);
  const double booksum = 1.0 / 2.62 + 1.0 / 3.60 + 1.0 / 2.95;  // 0.99898
  EXPECT_TRUE(arb.is_arbitrage);
  EXPECT_NEAR(arb.return_rate, 1.0 / booksum - 1.0, 1e-15);
  EXPECT_EQ(arb.legs[0].book, 1u);
  EXPECT_EQ(arb.legs[1].book, 2u);
  EXPECT_EQ(arb.legs[2].book, 1u);
  double total = 0.0;
  for (const ArbitrageLeg& leg : arb.legs) {
    total += leg.stake;
    EXPECT_NEAR(leg.stake * leg.decimal_odds, 1.0 / booksum, 1e-15);
  }
  EXPECT_NEAR(total, 1.0, 1e-15);
}

TEST(OddsArbitrage, TiesGoToTheFirstBook) {
  const std::vector<BestPrice> best =
      best_prices(std::vector<std::vector<double>>{{2.0, 1.8}, {2.0, 1.9}});
  EXPECT_EQ(best[0].book, 0u);
  EXPECT_EQ(best[1].book, 1u);
  EXPECT_EQ(best[1].decimal_odds, 1.9);
}

TEST(OddsArbitrage, RejectsRaggedOrImpossibleTables) {
  EXPECT_THROW(find_arbitrage(std::vector<std::vector<double>>{}), InvalidInput);
  EXPECT_THROW(find_arbitrage(std::vector<std::vector<double>>{{2.0}}), InvalidInput);
  EXPECT_THROW(find_arbitrage(std::vector<std::vector<double>>{{2.0, 2.0}, {2.0}}), InvalidInput);
  try {
    find_arbitrage(std::vector<std::vector<double>>{{2.0, 2.0}, {2.0, 0.95}});
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(), "decimal odds must be > 1, got 0.95 (outcome 1)");
  }
}

// Over 45.5 and under 48.5 at -110 each: both win on 46, 47 or 48.
TEST(OddsMiddles, TotalsMiddle) {
  const double d = 1.0 + 100.0 / 110.0;
  const Middle m = total_middle({45.5, d}, {48.5, d});
  EXPECT_TRUE(m.is_middle);
  EXPECT_DOUBLE_EQ(m.width, 3.0);
  EXPECT_DOUBLE_EQ(m.low, 45.5);
  EXPECT_DOUBLE_EQ(m.high, 48.5);
  EXPECT_EQ(m.integer_outcomes, 3);
  EXPECT_DOUBLE_EQ(m.stake1, 0.5);
  EXPECT_DOUBLE_EQ(m.stake2, 0.5);
  // One side wins: 0.5 * 1.90909 = 0.954545 back per unit; both: 1.909091.
  EXPECT_NEAR(m.profit_one_side, d / 2.0 - 1.0, 1e-15);
  EXPECT_NEAR(m.profit_both, d - 1.0, 1e-15);
  // Break-even: p (d - 1) + (1 - p)(d / 2 - 1) = 0  =>  p = (1 - d/2) / (d/2) = 1/21.
  EXPECT_NEAR(m.breakeven_probability, 1.0 / 21.0, 1e-15);
}

// Team 1 +3.5 (1.95) and team 2 -2.5 (1.90): both win when team 2 wins by exactly 3.
TEST(OddsMiddles, SpreadMiddle) {
  const Middle m = spread_middle({3.5, 1.95}, {-2.5, 1.90});
  EXPECT_TRUE(m.is_middle);
  EXPECT_DOUBLE_EQ(m.low, -3.5);
  EXPECT_DOUBLE_EQ(m.high, -2.5);
  EXPECT_DOUBLE_EQ(m.width, 1.0);
  EXPECT_EQ(m.integer_outcomes, 1);
  EXPECT_NEAR(m.stake1, 1.90 / 3.85, 1e-15);
  EXPECT_NEAR(m.stake1 * 1.95, m.stake2 * 1.90, 1e-15);
  const double payout = 1.95 * 1.90 / 3.85;
  EXPECT_NEAR(m.breakeven_probability, (1.0 - payout) / payout, 1e-15);
}

TEST(OddsMiddles, WholeNumberLinesPushAtTheEdges) {
  const Middle m = total_middle({45.0, 1.9}, {48.0, 1.9});
  EXPECT_EQ(m.integer_outcomes, 2);  // 46 and 47; 45 and 48 push one side
  EXPECT_DOUBLE_EQ(m.width, 3.0);
}

TEST(OddsMiddles, OverlappingLinesAreNoMiddle) {
  const Middle m = total_middle({47.5, 1.9}, {45.5, 1.9});
  EXPECT_FALSE(m.is_middle);
  EXPECT_DOUBLE_EQ(m.width, -2.0);
  EXPECT_EQ(m.integer_outcomes, 0);
  const Middle same = spread_middle({-3.0, 1.9}, {3.0, 1.9});
  EXPECT_FALSE(same.is_middle);
  EXPECT_DOUBLE_EQ(same.width, 0.0);
}

TEST(OddsMiddles, ArbitragedMiddleNeedsNoLuck) {
  const Middle m = total_middle({45.5, 2.1}, {48.5, 2.05});
  EXPECT_GT(m.profit_one_side, 0.0);
  EXPECT_EQ(m.breakeven_probability, 0.0);
}

TEST(OddsMiddles, RejectsImpossibleInput) {
  EXPECT_THROW(total_middle({45.5, 1.0}, {48.5, 1.9}), InvalidInput);
  EXPECT_THROW(total_middle({std::nan(""), 1.9}, {48.5, 1.9}), InvalidInput);
  EXPECT_THROW(spread_middle({3.5, 1.9}, {INFINITY, 1.9}), InvalidInput);
}

}  // namespace
}  // namespace sharpline::domain::odds
