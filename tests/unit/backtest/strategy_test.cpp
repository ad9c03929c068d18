#include "backtest/strategy.hpp"

#include <gtest/gtest.h>

namespace sharpline::backtest {
namespace {

TEST(Strategy, TimingsParseAndPrintBack) {
  EXPECT_EQ(parse_timing("open").kind, TimingKind::kOpen);
  EXPECT_EQ(parse_timing("close").kind, TimingKind::kClose);
  const auto six = parse_timing("before:6h");
  EXPECT_EQ(six.kind, TimingKind::kBefore);
  EXPECT_EQ(six.lead_ms, 6 * 3600 * 1000LL);
  EXPECT_EQ(timing_name(six), "before:6h");
  EXPECT_EQ(parse_timing("before:90m").lead_ms, 90 * 60 * 1000LL);
  EXPECT_EQ(timing_name(parse_timing("before:90m")), "before:90m");
  EXPECT_EQ(parse_timing("before:2d").lead_ms, 48 * 3600 * 1000LL);
  for (const char* bad :
       {"", "later", "before:", "before:h", "before:-1h", "before:3x", "before:1"}) {
    EXPECT_THROW(parse_timing(bad), StrategyError) << bad;
  }
}

TEST(Strategy, FileOverridesDefaultsAndRefusesUnknownKeys) {
  const auto s = strategy_from_json(nlohmann::json::parse(
      R"({"kinds": ["value", "arbitrage"], "timing": "open", "min_ev": 0.05, "books": ["pinnacle"],
          "bankroll": 500, "kelly_multiplier": 0.5})"));
  EXPECT_EQ(s.kinds, (std::vector<std::string>{"value", "arbitrage"}));
  EXPECT_EQ(s.timing.kind, TimingKind::kOpen);
  EXPECT_DOUBLE_EQ(s.min_ev, 0.05);
  EXPECT_DOUBLE_EQ(s.bankroll, 500.0);
  EXPECT_DOUBLE_EQ(s.kelly_cap, 0.05);  // default kept
  EXPECT_THROW(strategy_from_json(nlohmann::json::parse(R"({"min_evv": 0.1})")), StrategyError);
  EXPECT_THROW(strategy_from_json(nlohmann::json::parse(R"({"kinds": ["parlay"]})")),
               StrategyError);
  EXPECT_THROW(strategy_from_json(nlohmann::json::parse(R"({"kelly_cap": 2})")), StrategyError);
  EXPECT_THROW(strategy_from_json(nlohmann::json::parse(R"({"bankroll": "lots"})")), StrategyError);
  EXPECT_THROW(strategy_from_json(nlohmann::json::parse(R"({"probability_source": "model"})")),
               StrategyError);  // no model directory
  EXPECT_THROW(strategy_from_json(nlohmann::json::parse("[1]")), StrategyError);
}

TEST(Strategy, MapsOntoThePipelineOptions) {
  Strategy s;
  s.min_ev = 0.04;
  s.min_books = 2;
  s.kelly_multiplier = 0.5;
  s.kelly_cap = 0.02;
  s.books = {"pinnacle", "bet365"};
  const auto options = pipeline_options_for(s);
  EXPECT_DOUBLE_EQ(options.detection.min_ev, 0.04);
  EXPECT_EQ(options.detection.min_books, 2);
  EXPECT_DOUBLE_EQ(options.detection.kelly_multiplier, 0.5);
  EXPECT_DOUBLE_EQ(options.detection.kelly_cap, 0.02);
  EXPECT_EQ(options.consensus.bettable_books, s.books);
  EXPECT_TRUE(options.model_dir.empty());
  const auto round_trip = strategy_from_json(strategy_to_json(s));
  EXPECT_EQ(strategy_to_json(round_trip), strategy_to_json(s));
}

}  // namespace
}  // namespace sharpline::backtest
