#include "cli/commands/odds_command.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace sharpline::cli {
namespace {

struct CommandRun {
  int code = -1;
  std::string out;
  std::string err;
  nlohmann::json json() const { return nlohmann::json::parse(out); }
};

CommandRun odds(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  CommandRun run;
  run.code = run_odds_command(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

// One JSON object on one line, nothing on stderr.
void expect_one_json_line(const CommandRun& run) {
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(run.err.empty()) << run.err;
  ASSERT_FALSE(run.out.empty());
  EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << run.out;
  EXPECT_TRUE(run.json().is_object());
}

// Exit code 2 and exactly one line on stderr, equal to `message`.
void expect_usage_error(const CommandRun& run, const std::string& message) {
  EXPECT_EQ(run.code, 2);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_EQ(run.err, message + "\n");
}

void expect_near_all(const nlohmann::json& actual, const std::vector<double>& expected,
                     double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(actual[i].get<double>(), expected[i], tolerance) << i;
  }
}

// mberk/shin README: [2.6, 2.4, 4.3] -> z = 0.01694251276407055.
TEST(OddsCommand, DevigShinReference) {
  const CommandRun run = odds({"devig", "--method", "shin", "2.6", "2.4", "4.3"});
  expect_one_json_line(run);
  const auto j = run.json();
  EXPECT_EQ(j["method"], "shin");
  expect_near_all(j["probabilities"], {0.37299406033208965, 0.4047794109200184, 0.2222265287474275},
                  1e-9);
  EXPECT_NEAR(j["parameter"].get<double>(), 0.01694251276407055, 1e-9);
  EXPECT_NEAR(j["margin"].get<double>(), 1 / 2.6 + 1 / 2.4 + 1 / 4.3 - 1, 1e-15);
  EXPECT_EQ(j["valid"], true);
  EXPECT_FALSE(j.contains("reason"));
}

// penaltyblog docs: American +170/+130/+340 with Shin.
TEST(OddsCommand, DevigAmericanInput) {
  const CommandRun run = odds({"devig", "--american", "--method", "shin", "+170", "+130", "+340"});
  expect_one_json_line(run);
  expect_near_all(run.json()["probabilities"],
                  {0.35934391959159157, 0.42324384818283234, 0.21741223222458853}, 1e-9);
  const CommandRun negative =
      odds({"devig", "--method", "multiplicative", "--american", "-110", "-110"});
  expect_one_json_line(negative);
  expect_near_all(negative.json()["probabilities"], {0.5, 0.5}, 1e-15);
}

TEST(OddsCommand, DevigEveryMethodAndInvalidFlag) {
  for (const char* method :
       {"multiplicative", "additive", "power", "shin", "odds-ratio", "logarithmic", "goto"}) {
    const CommandRun run = odds({"devig", "--method", method, "1.5", "4.2", "6.5"});
    expect_one_json_line(run);
    const auto j = run.json();
    EXPECT_EQ(j["method"], method);
    double sum = 0.0;
    for (const auto& p : j["probabilities"]) sum += p.get<double>();
    EXPECT_NEAR(sum, 1.0, 1e-12) << method;
  }
  // The Clarke et al. (2017) long-shot market: additive goes negative, reported not hidden.
  const CommandRun additive =
      odds({"devig", "--method", "additive", "1.149425287356322", "5", "10", "20", "50", "100"});
  expect_one_json_line(additive);
  EXPECT_EQ(additive.json()["valid"], false);
  EXPECT_LT(additive.json()["probabilities"][5].get<double>(), 0.0);
  EXPECT_NE(additive.json()["reason"].get<std::string>().find("negative"), std::string::npos);
}

TEST(OddsCommand, DevigUsageErrors) {
  expect_usage_error(
      odds({"devig", "--method", "shin", "2.0", "0.9"}),
      "sharpline odds devig: invalid value '0.9' for ODDS: decimal odds must be > 1");
  expect_usage_error(odds({"devig", "--method", "shin", "2.0", "abc"}),
                     "sharpline odds devig: invalid value 'abc' for ODDS: not a finite number");
  expect_usage_error(odds({"devig", "--method", "shin", "2.0", "nan"}),
                     "sharpline odds devig: invalid value 'nan' for ODDS: not a finite number");
  expect_usage_error(odds({"devig", "--american", "--method", "shin", "-110", "50"}),
                     "sharpline odds devig: invalid value '50' for ODDS: American odds must be <= "
                     "-100 or >= +100");
  expect_usage_error(odds({"devig", "--method", "vig", "2", "2"}),
                     "sharpline odds devig: invalid value 'vig' for --method: expected one of "
                     "multiplicative|additive|power|shin|odds-ratio|logarithmic|goto");
  expect_usage_error(odds({"devig", "2", "2"}),
                     "sharpline odds devig: missing --method "
                     "(multiplicative|additive|power|shin|odds-ratio|logarithmic|goto)");
  expect_usage_error(odds({"devig", "--method", "shin", "2.0"}),
                     "sharpline odds devig: missing ODDS (see --help)");
  expect_usage_error(odds({"devig", "--method", "shin", "--bogus", "2", "2"}),
                     "sharpline odds devig: unknown option '--bogus' (see --help)");
}

TEST(OddsCommand, HelpOnEverySubcommand) {
  for (const char* sub : {"devig", "convert", "kelly", "arb", "ev", "clv", "middle", "consensus"}) {
    const CommandRun run = odds({sub, "--help"});
    EXPECT_EQ(run.code, 0) << sub;
    EXPECT_NE(run.out.find(std::string("Usage: sharpline odds ") + sub), std::string::npos) << sub;
    EXPECT_TRUE(run.err.empty());
  }
  const CommandRun top = odds({"--help"});
  EXPECT_EQ(top.code, 0);
  EXPECT_NE(top.out.find("devig"), std::string::npos);
  expect_usage_error(odds({}),
                     "sharpline odds: missing subcommand (devig, convert, kelly, arb, ev, "
                     "clv, middle, consensus; see --help)");
  expect_usage_error(odds({"vig"}), "sharpline odds: unknown subcommand 'vig' (see --help)");
}

// Wikipedia / Kelly (1956): 60% at even money -> 20%; growth 0.6 ln 1.2 + 0.4 ln 0.8.
TEST(OddsCommand, KellySingleBet) {
  const CommandRun run = odds({"kelly", "--odds", "2.0", "--prob", "0.6"});
  expect_one_json_line(run);
  const auto j = run.json();
  expect_near_all(j["stakes"], {0.2}, 1e-15);
  EXPECT_NEAR(j["total"].get<double>(), 0.2, 1e-15);
  EXPECT_NEAR(j["growth"].get<double>(), 0.020135513550688863, 1e-15);
  const CommandRun half = odds({"kelly", "--odds", "2.0", "--prob", "0.6", "--fraction", "0.5"});
  expect_near_all(half.json()["stakes"], {0.1}, 1e-15);
  const CommandRun american = odds({"kelly", "--american", "--odds", "+100", "--prob", "0.6"});
  expect_near_all(american.json()["stakes"], {0.2}, 1e-15);
}

// The Smoczynski & Tomkins example worked by hand in odds_kelly_test.cpp, at half Kelly.
TEST(OddsCommand, KellySimultaneous) {
  const CommandRun run =
      odds({"kelly", "--odds", "2.4,3.1,3.3", "--prob", "0.45,0.33,0.22", "--fraction", "0.5"});
  expect_one_json_line(run);
  const double reserve = 0.22 * 372.0 / 97.0;
  const double f0 = 0.5 * (0.45 - reserve / 2.4);
  const double f1 = 0.5 * (0.33 - reserve / 3.1);
  expect_near_all(run.json()["stakes"], {f0, f1, 0.0}, 1e-15);
  EXPECT_NEAR(run.json()["total"].get<double>(), f0 + f1, 1e-15);
}

TEST(OddsCommand, KellyUsageErrors) {
  expect_usage_error(odds({"kelly", "--odds", "2.4,3.1", "--prob", "0.45"}),
                     "sharpline odds kelly: --prob has 1 value for 2 prices in --odds");
  expect_usage_error(odds({"kelly", "--odds", "2.0", "--prob", "1.2"}),
                     "sharpline odds kelly: invalid value '1.2' for --prob: probability must be in "
                     "[0, 1]");
  expect_usage_error(odds({"kelly", "--odds", "2,3", "--prob", "0.7,0.5"}),
                     "sharpline odds kelly: invalid value '0.7,0.5' for --prob: probabilities of "
                     "mutually exclusive outcomes must sum to at most 1");
  expect_usage_error(odds({"kelly", "--odds", "2.0", "--prob", "0.6", "--fraction", "1.5"}),
                     "sharpline odds kelly: invalid value '1.5' for --fraction: must be in (0, 1]");
  expect_usage_error(
      odds({"kelly", "--odds", "1.0", "--prob", "0.6"}),
      "sharpline odds kelly: invalid value '1.0' for --odds: decimal odds must be > 1");
  expect_usage_error(odds({"kelly", "--prob", "0.6"}),
                     "sharpline odds kelly: missing --odds (comma-separated prices)");
}

// penaltyblog's two-book scenario: X 2.10 at book 0, Y 2.15 at book 1.
TEST(OddsCommand, ArbitrageAcrossBooks) {
  const CommandRun run = odds({"arb", "--book", "2.10,1.95", "--book", "1.90,2.15"});
  expect_one_json_line(run);
  const auto j = run.json();
  EXPECT_EQ(j["arbitrage"], true);
  EXPECT_NEAR(j["return"].get<double>(), 1.0 / (1.0 / 2.1 + 1.0 / 2.15) - 1.0, 1e-15);
  ASSERT_EQ(j["legs"].size(), 2u);
  EXPECT_EQ(j["legs"][0]["outcome"], 0);
  EXPECT_EQ(j["legs"][0]["book"], 0);
  EXPECT_EQ(j["legs"][0]["odds"], 2.1);
  EXPECT_EQ(j["legs"][1]["outcome"], 1);
  EXPECT_EQ(j["legs"][1]["book"], 1);
  EXPECT_EQ(j["legs"][1]["odds"], 2.15);
  EXPECT_NEAR(j["legs"][0]["stake"].get<double>() + j["legs"][1]["stake"].get<double>(), 1.0,
              1e-15);

  const CommandRun none = odds({"arb", "--book", "1.91,1.91", "--book", "1.90,1.92"});
  expect_one_json_line(none);
  EXPECT_EQ(none.json()["arbitrage"], false);
  EXPECT_LT(none.json()["return"].get<double>(), 0.0);
  EXPECT_EQ(none.json()["legs"][1]["book"], 1);

  const CommandRun american =
      odds({"arb", "--american", "--book", "+110,-105", "--book", "-110,+115"});
  expect_one_json_line(american);
  EXPECT_EQ(american.json()["arbitrage"], true);
  EXPECT_NEAR(american.json()["legs"][1]["odds"].get<double>(), 2.15, 1e-15);
}

TEST(OddsCommand, ArbitrageUsageErrors) {
  expect_usage_error(odds({"arb"}), "sharpline odds arb: missing --book (one per bookmaker)");
  expect_usage_error(odds({"arb", "--book", "2.1,1.9", "--book", "2.0,1.9,3.0"}),
                     "sharpline odds arb: invalid value '2.0,1.9,3.0' for --book: has 3 prices, "
                     "the first book has 2");
  expect_usage_error(odds({"arb", "--book", "2.1,,1.9"}),
                     "sharpline odds arb: empty value for --book");
}

TEST(OddsCommand, Convert) {
  const CommandRun american = odds({"convert", "--from", "american", "-110", "+150", "-100"});
  expect_one_json_line(american);
  auto j = american.json();
  expect_near_all(j["decimal"], {1.0 + 100.0 / 110.0, 2.5, 2.0}, 1e-15);
  expect_near_all(j["american"], {-110.0, 150.0, 100.0}, 0.0);
  expect_near_all(j["implied"], {110.0 / 210.0, 0.4, 0.5}, 1e-15);

  const CommandRun fractional = odds({"convert", "--from", "fractional", "5/2", "evens", "1/4"});
  expect_one_json_line(fractional);
  j = fractional.json();
  expect_near_all(j["decimal"], {3.5, 2.0, 1.25}, 1e-15);
  expect_near_all(j["american"], {250.0, 100.0, -400.0}, 1e-12);

  const CommandRun decimal = odds({"convert", "--from", "decimal", "1.5"});
  expect_near_all(decimal.json()["american"], {-200.0}, 1e-12);
  expect_near_all(decimal.json()["implied"], {2.0 / 3.0}, 1e-15);

  expect_usage_error(odds({"convert", "--from", "fractional", "5-2"}),
                     "sharpline odds convert: invalid value '5-2' for VALUE: fractional odds look "
                     "like N/M, e.g. 5/2");
  expect_usage_error(odds({"convert", "--from", "american", "99"}),
                     "sharpline odds convert: invalid value '99' for VALUE: American odds must be "
                     "<= -100 or >= +100");
  expect_usage_error(odds({"convert", "--from", "moneyline", "100"}),
                     "sharpline odds convert: invalid value 'moneyline' for --from: expected "
                     "american, decimal, fractional or implied");
}

TEST(OddsCommand, ExpectedValueAndClosingLineValue) {
  const CommandRun ev = odds({"ev", "--odds", "2.10,3.0", "--prob", "0.5,0.3"});
  expect_one_json_line(ev);
  expect_near_all(ev.json()["ev"], {0.05, -0.1}, 1e-15);
  expect_near_all(ev.json()["fair_odds"], {2.0, 1.0 / 0.3}, 1e-15);

  const CommandRun clv = odds({"clv", "--taken", "2.10", "--closing", "1.95,1.95"});
  expect_one_json_line(clv);
  EXPECT_NEAR(clv.json()["clv"].get<double>(), 0.05, 1e-15);
  EXPECT_NEAR(clv.json()["closing_fair_probability"].get<double>(), 0.5, 1e-15);
  EXPECT_EQ(clv.json()["method"], "multiplicative");

  // Shin on a two-way close is the additive method: p_1 = r_1 - (B - 1) / 2.
  const CommandRun shin = odds({"clv", "--american", "--taken", "+120", "--closing", "-105,-115",
                                "--method", "shin", "--outcome", "1"});
  expect_one_json_line(shin);
  const double r0 = 105.0 / 205.0;
  const double r1 = 115.0 / 215.0;
  const double p1 = r1 - (r0 + r1 - 1.0) / 2.0;
  EXPECT_NEAR(shin.json()["closing_fair_probability"].get<double>(), p1, 1e-12);
  EXPECT_NEAR(shin.json()["clv"].get<double>(), 2.2 * p1 - 1.0, 1e-12);

  const CommandRun given = odds({"clv", "--taken", "2.10", "--closing-prob", "0.52"});
  expect_one_json_line(given);
  EXPECT_NEAR(given.json()["clv"].get<double>(), 2.1 * 0.52 - 1.0, 1e-15);
  EXPECT_TRUE(given.json()["method"].is_null());

  expect_usage_error(odds({"clv", "--taken", "2.10"}),
                     "sharpline odds clv: give exactly one of --closing (the closing prices) or "
                     "--closing-prob");
  expect_usage_error(odds({"clv", "--taken", "2.10", "--closing", "1.9,1.9", "--outcome", "2"}),
                     "sharpline odds clv: invalid value '2' for --outcome: the closing market has "
                     "outcomes 0 to 1");
}

TEST(OddsCommand, Middles) {
  const CommandRun total = odds({"middle", "--over", "45.5@1.91", "--under", "48.5@1.91"});
  expect_one_json_line(total);
  auto j = total.json();
  EXPECT_EQ(j["type"], "total");
  EXPECT_EQ(j["middle"], true);
  EXPECT_EQ(j["width"], 3.0);
  expect_near_all(j["window"], {45.5, 48.5}, 0.0);
  EXPECT_EQ(j["integer_outcomes"], 3);
  expect_near_all(j["stakes"], {0.5, 0.5}, 1e-15);
  EXPECT_NEAR(j["breakeven_probability"].get<double>(), (1.0 - 0.955) / 0.955, 1e-12);

  const CommandRun spread =
      odds({"middle", "--american", "--team1", "3.5@-105", "--team2", "-2.5@-110"});
  expect_one_json_line(spread);
  j = spread.json();
  EXPECT_EQ(j["type"], "spread");
  expect_near_all(j["window"], {-3.5, -2.5}, 0.0);
  EXPECT_EQ(j["integer_outcomes"], 1);

  expect_usage_error(odds({"middle", "--over", "45.5@1.91", "--team2", "-2.5@1.9"}),
                     "sharpline odds middle: give either --over and --under (a total) or --team1 "
                     "and --team2 (a spread)");
  expect_usage_error(odds({"middle", "--over", "45.5", "--under", "48.5@1.91"}),
                     "sharpline odds middle: invalid value '45.5' for --over: expected LINE@ODDS, "
                     "e.g. 45.5@1.91");
  expect_usage_error(odds({"middle", "--over", "45.5@1.91"}),
                     "sharpline odds middle: missing --under (LINE@ODDS)");
}

TEST(OddsCommand, ConsensusDropsTheStaleBook) {
  const CommandRun run =
      odds({"consensus", "--sharp-weights", "--book", "pinnacle=1.95,1.95", "--book",
            "dk=1.91,1.91", "--book", "fd=1.90,1.92", "--book", "stale=1.70,2.25"});
  expect_one_json_line(run);
  const auto j = run.json();
  EXPECT_EQ(j["method"], "multiplicative");
  ASSERT_EQ(j["books"].size(), 4u);
  EXPECT_EQ(j["books"][0]["book"], "pinnacle");
  EXPECT_EQ(j["books"][0]["weight"], 3.0);
  EXPECT_EQ(j["books"][3]["used"], false);
  EXPECT_EQ(j["books"][0]["used"], true);
  // Pool of pinnacle (0.5, weight 3), dk (0.5) and fd (r0 / (r0 + r1)).
  const double fd = (1 / 1.90) / (1 / 1.90 + 1 / 1.92);
  EXPECT_NEAR(j["probabilities"][0].get<double>(), (3 * 0.5 + 0.5 + fd) / 5.0, 1e-15);
  expect_usage_error(odds({"consensus", "--weight", "pinnacle", "--book", "1.9,1.9"}),
                     "sharpline odds consensus: invalid value 'pinnacle' for --weight: expected "
                     "NAME=W");
}

}  // namespace
}  // namespace sharpline::cli
