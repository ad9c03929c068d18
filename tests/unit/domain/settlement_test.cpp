#include "domain/grading/settlement.hpp"

#include <gtest/gtest.h>

namespace sharpline::domain::grading {
namespace {

FinalScore score(int home, int away) {
  return {"Home", "Away", home, away};
}

TEST(SettlementTest, H2hWinLoseAndTieVoid) {
  EXPECT_EQ(settle("h2h", "Home", std::nullopt, score(24, 20)), LegResult::kWin);
  EXPECT_EQ(settle("h2h", "Away", std::nullopt, score(24, 20)), LegResult::kLose);
  EXPECT_EQ(settle("h2h", "Away", std::nullopt, score(17, 20)), LegResult::kWin);
  EXPECT_EQ(settle("h2h", "Home", std::nullopt, score(20, 20)), LegResult::kVoid);
  EXPECT_EQ(settle("h2h", "Away", std::nullopt, score(20, 20)), LegResult::kVoid);
  EXPECT_EQ(settle("h2h", "Draw", std::nullopt, score(20, 20)), std::nullopt);
  EXPECT_EQ(settle("h2h", "Somebody", std::nullopt, score(20, 10)), std::nullopt);
}

TEST(SettlementTest, ThreeWayDraw) {
  EXPECT_EQ(settle("h2h_3way", "Draw", std::nullopt, score(1, 1)), LegResult::kWin);
  EXPECT_EQ(settle("h2h_3way", "Home", std::nullopt, score(1, 1)), LegResult::kLose);
  EXPECT_EQ(settle("h2h_3way", "Away", std::nullopt, score(1, 1)), LegResult::kLose);
  EXPECT_EQ(settle("h2h_3way", "Draw", std::nullopt, score(2, 1)), LegResult::kLose);
  EXPECT_EQ(settle("h2h_3way", "Home", std::nullopt, score(2, 1)), LegResult::kWin);
}

TEST(SettlementTest, SpreadsWinPushLose) {
  EXPECT_EQ(settle("spreads", "Home", -3.0, score(24, 20)), LegResult::kWin);
  EXPECT_EQ(settle("spreads", "Home", -3.0, score(23, 20)), LegResult::kPush);
  EXPECT_EQ(settle("spreads", "Home", -3.0, score(22, 20)), LegResult::kLose);
  EXPECT_EQ(settle("spreads", "Away", 3.0, score(24, 20)), LegResult::kLose);
  EXPECT_EQ(settle("spreads", "Away", 3.0, score(23, 20)), LegResult::kPush);
  EXPECT_EQ(settle("spreads", "Away", 3.5, score(23, 20)), LegResult::kWin);
  EXPECT_EQ(settle("spreads", "Away", 0.0, score(20, 20)), LegResult::kPush);
  EXPECT_EQ(settle("spreads", "Home", std::nullopt, score(20, 20)), std::nullopt);
  EXPECT_EQ(settle("spreads", "Nobody", -3.0, score(20, 20)), std::nullopt);
}

TEST(SettlementTest, SpreadsQuarterLines) {
  // Home -2.75, wins by 3: -2.5 wins, -3 pushes.
  EXPECT_EQ(settle("spreads", "Home", -2.75, score(23, 20)), LegResult::kHalfWin);
  // Home -3.25, wins by 3: -3 pushes, -3.5 loses.
  EXPECT_EQ(settle("spreads", "Home", -3.25, score(23, 20)), LegResult::kHalfLose);
  // Away +3.25, loses by 3: +3 pushes, +3.5 wins.
  EXPECT_EQ(settle("spreads", "Away", 3.25, score(23, 20)), LegResult::kHalfWin);
  // Away +0.25 in a draw: 0 pushes, +0.5 wins; Home -0.25: 0 pushes, -0.5 loses.
  EXPECT_EQ(settle("spreads", "Away", 0.25, score(1, 1)), LegResult::kHalfWin);
  EXPECT_EQ(settle("spreads", "Home", -0.25, score(1, 1)), LegResult::kHalfLose);
  // Both halves the same: full result.
  EXPECT_EQ(settle("spreads", "Home", -2.75, score(30, 20)), LegResult::kWin);
  EXPECT_EQ(settle("spreads", "Home", -2.75, score(20, 20)), LegResult::kLose);
}

TEST(SettlementTest, Totals) {
  EXPECT_EQ(settle("totals", "Over", 44.5, score(24, 21)), LegResult::kWin);
  EXPECT_EQ(settle("totals", "Under", 44.5, score(24, 21)), LegResult::kLose);
  EXPECT_EQ(settle("totals", "Over", 45.0, score(24, 21)), LegResult::kPush);
  EXPECT_EQ(settle("totals", "Under", 45.0, score(24, 21)), LegResult::kPush);
  EXPECT_EQ(settle("totals", "Under", 45.5, score(24, 21)), LegResult::kWin);
  EXPECT_EQ(settle("totals", "Over", 45.25, score(24, 21)), LegResult::kHalfLose);
  EXPECT_EQ(settle("totals", "Under", 45.25, score(24, 21)), LegResult::kHalfWin);
  EXPECT_EQ(settle("totals", "Over", 44.75, score(24, 21)), LegResult::kHalfWin);
  EXPECT_EQ(settle("totals", "Home", 44.5, score(24, 21)), std::nullopt);
}

TEST(SettlementTest, ProfitPerUnit) {
  EXPECT_DOUBLE_EQ(profit_per_unit(LegResult::kWin, 2.5), 1.5);
  EXPECT_DOUBLE_EQ(profit_per_unit(LegResult::kLose, 2.5), -1.0);
  EXPECT_DOUBLE_EQ(profit_per_unit(LegResult::kPush, 2.5), 0.0);
  EXPECT_DOUBLE_EQ(profit_per_unit(LegResult::kVoid, 2.5), 0.0);
  EXPECT_DOUBLE_EQ(profit_per_unit(LegResult::kHalfWin, 2.5), 0.75);
  EXPECT_DOUBLE_EQ(profit_per_unit(LegResult::kHalfLose, 2.5), -0.5);
}

}  // namespace
}  // namespace sharpline::domain::grading
