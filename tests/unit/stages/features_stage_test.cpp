#include "stages/features_stage.hpp"

#include <gtest/gtest.h>

#include "stage_test_support.hpp"
#include "stages/topic_names.hpp"

namespace sharpline::stages {
namespace {

using nlohmann::json;

constexpr const char* kEvent =
    "americanfootball_nfl:2025-09-14:san-francisco-49ers@new-orleans-saints";
constexpr int64_t kKickoff = 1757869200000;  // 2025-09-14T17:00:00Z
constexpr int64_t kHour = 3600000;
constexpr int64_t kPoll1 = kKickoff - 48 * kHour;

domain::OddsQuote quote(const std::string& book, const std::string& outcome, double price,
                        int64_t observed_ms, domain::QuoteChange change = domain::QuoteChange::kNew,
                        const std::string& event = kEvent) {
  domain::OddsQuote q;
  q.event_id = event;
  q.sport = "americanfootball_nfl";
  q.commence_ms = kKickoff;
  q.bookmaker = book;
  q.market = "h2h";
  q.outcome = outcome;
  q.price = price;
  q.change = change;
  q.observed_ms = observed_ms;
  q.source = "the-odds-api";
  return q;
}

class FeaturesStageTest : public ::testing::Test {
 protected:
  FeaturesStageTest()
      : serde_(testing::make_topic_serde()),
        harness_(features_stage(std::make_shared<RecordCodec>(serde_), PipelineOptions{}), serde_) {
  }

  // One poll: every book's two prices at `at`.
  void poll(const std::vector<std::tuple<std::string, double, double>>& books, int64_t at,
            domain::QuoteChange change = domain::QuoteChange::kNew) {
    for (const auto& [book, niners, saints] : books) {
      harness_.pipe(kOddsTopic, quote(book, "San Francisco 49ers", niners, at, change), at);
      harness_.pipe(kOddsTopic, quote(book, "New Orleans Saints", saints, at, change), at);
    }
  }

  std::shared_ptr<serde::TopicSerde> serde_;
  testing::StageHarness harness_;
};

TEST_F(FeaturesStageTest, OnePollIsJudgedOnceAfterStreamTimeMovesOn) {
  poll({{"pinnacle", 1.65, 2.38}, {"draftkings", 1.62, 2.40}, {"fanduel", 1.64, 2.36}}, kPoll1);
  EXPECT_EQ(harness_.count(kFeaturesTopic), 0U) << "the poll may not be complete yet";
  // Any later record closes the poll.
  harness_.pipe(kOddsTopic, quote("betmgm", "San Francisco 49ers", 1.60, kPoll1 + kHour),
                kPoll1 + kHour);
  const auto vectors = harness_.take(kFeaturesTopic);
  ASSERT_EQ(vectors.size(), 1U);
  const json& v = vectors[0];
  EXPECT_EQ(v["trigger"], "new_book");
  EXPECT_EQ(v["as_of_ms"], kPoll1);
  EXPECT_EQ(v["consensus_method"], "weighted_shin");
  EXPECT_EQ(v["home_team"], "New Orleans Saints");
  EXPECT_EQ(v["away_team"], "San Francisco 49ers");
  ASSERT_EQ(v["outcomes"].size(), 2U);
  double sum = 0;
  for (const auto& o : v["outcomes"]) {
    sum += o["consensus_probability"].get<double>();
    EXPECT_EQ(o["books_quoting"], 3);
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);
  // Best prices: 49ers 1.65 at pinnacle, Saints 2.40 at draftkings.
  const auto& niners =
      v["outcomes"][0]["outcome"] == "San Francisco 49ers" ? v["outcomes"][0] : v["outcomes"][1];
  EXPECT_DOUBLE_EQ(niners["best_price"].get<double>(), 1.65);
  EXPECT_EQ(niners["best_book"], "pinnacle");
  EXPECT_EQ(v["feature_names"][0], "consensus_prob_home");
  EXPECT_EQ(v["feature_names"].size(), v["feature_values"].size());
  const double home_prob = v["feature_values"][0].get<double>();
  EXPECT_GT(home_prob, 0.35);
  EXPECT_LT(home_prob, 0.45);
}

TEST_F(FeaturesStageTest, UnchangedPricesAndInPlayQuotesEmitNothing) {
  poll({{"pinnacle", 1.65, 2.38}, {"draftkings", 1.62, 2.40}, {"fanduel", 1.64, 2.36}}, kPoll1);
  poll({{"pinnacle", 1.65, 2.38}}, kPoll1 + kHour, domain::QuoteChange::kChanged);
  EXPECT_EQ(harness_.take(kFeaturesTopic).size(), 1U);  // the first poll, judged by the second
  // A big move, but observed after kickoff: in-play, not a pre-match line.
  poll({{"pinnacle", 1.20, 5.00}, {"draftkings", 1.20, 5.00}}, kKickoff + 60000,
       domain::QuoteChange::kChanged);
  poll({{"fanduel", 1.10, 7.00}}, kKickoff + 2 * kHour, domain::QuoteChange::kChanged);
  EXPECT_EQ(harness_.take(kFeaturesTopic).size(), 0U);
}

TEST_F(FeaturesStageTest, SteamNamesTheBooksThatHaveNotMoved) {
  poll({{"pinnacle", 1.65, 2.38},
        {"draftkings", 1.62, 2.40},
        {"fanduel", 1.64, 2.36},
        {"betus", 1.66, 2.40}},
       kPoll1);
  // Three books shorten the Saints by more than 2 points of implied probability; betus does not.
  // (The 49ers drift by less than 2 points at each book: no competing steam.)
  poll({{"pinnacle", 1.70, 2.10}, {"draftkings", 1.66, 2.12}, {"fanduel", 1.68, 2.10}},
       kPoll1 + kHour, domain::QuoteChange::kChanged);
  harness_.pipe(kOddsTopic, quote("betus", "New Orleans Saints", 2.40, kPoll1 + 2 * kHour),
                kPoll1 + 2 * kHour);
  const auto vectors = harness_.take(kFeaturesTopic);
  ASSERT_EQ(vectors.size(), 2U);
  const json& v = vectors[1];
  EXPECT_EQ(v["trigger"], "steam");
  ASSERT_FALSE(v["steam"].is_null());
  EXPECT_EQ(v["steam"]["outcome"], "New Orleans Saints");
  EXPECT_EQ(v["steam"]["direction"], "SHORTENING");
  EXPECT_EQ(v["steam"]["books_moved"], json({"draftkings", "fanduel", "pinnacle"}));
  EXPECT_EQ(v["steam"]["books_not_moved"], json({"betus"}));
  EXPECT_EQ(v["steam"]["stale_prices"], json({2.40}));
  EXPECT_TRUE(v["steam"]["first_mover"].is_null()) << "all moved in the same poll";
}

TEST_F(FeaturesStageTest, EloFromTheResultsTableEntersTheVector) {
  // The Saints won big a week earlier; the table knows it before this game's odds.
  domain::GameResult earlier;
  earlier.event_id = "americanfootball_nfl:2025-09-07:arizona-cardinals@new-orleans-saints";
  earlier.sport = "americanfootball_nfl";
  earlier.status = "final";
  earlier.is_final = true;
  earlier.home_score = 35;
  earlier.away_score = 3;
  earlier.updated_ms = kPoll1 - 72 * kHour;
  earlier.source = "nflverse";
  harness_.pipe_global(kResultsTopic, earlier);
  poll({{"pinnacle", 1.65, 2.38}, {"draftkings", 1.62, 2.40}, {"fanduel", 1.64, 2.36}}, kPoll1);
  poll({{"pinnacle", 1.66, 2.36}}, kPoll1 + kHour, domain::QuoteChange::kChanged);
  const auto vectors = harness_.take(kFeaturesTopic);
  ASSERT_FALSE(vectors.empty());
  const json& v = vectors[0];
  std::map<std::string, double> features;
  for (std::size_t i = 0; i < v["feature_names"].size(); ++i) {
    features[v["feature_names"][i]] = v["feature_values"][i];
  }
  // Both teams new (1300) before: the Saints' blowout win puts them above the 49ers; home
  // advantage (65) comes on top.
  EXPECT_GT(features.at("elo_diff"), 65.0);
  EXPECT_GT(features.at("elo_prob_home"), 0.6);
  EXPECT_DOUBLE_EQ(features.at("rest_days_home"), 7.0);
}

TEST_F(FeaturesStageTest, QuietPollIsJudgedByTheWallClockAndWeatherRidesAlong) {
  poll({{"pinnacle", 1.65, 2.38}, {"draftkings", 1.62, 2.40}, {"fanduel", 1.64, 2.36}}, kPoll1);
  // A later weather record does not end the poll: it may be read before the poll's last odds.
  domain::WeatherReport weather;
  weather.event_id = kEvent;
  weather.forecast_for_ms = kKickoff;
  weather.kind = "forecast";
  weather.temperature_c = 31.0;
  weather.wind_speed_kmh = 12.0;
  weather.roof = "outdoors";
  weather.observed_ms = kPoll1 + 2 * kHour;
  weather.source = "nflverse";
  harness_.pipe(kWeatherTopic, weather, weather.observed_ms);
  EXPECT_EQ(harness_.count(kFeaturesTopic), 0U);
  // Five quiet seconds end it.
  harness_.driver().advance_wall_clock(6000);
  const auto vectors = harness_.take(kFeaturesTopic);
  ASSERT_EQ(vectors.size(), 1U);
  EXPECT_EQ(vectors[0]["as_of_ms"], kPoll1);
  std::map<std::string, double> features;
  for (std::size_t i = 0; i < vectors[0]["feature_names"].size(); ++i) {
    features[vectors[0]["feature_names"][i]] = vectors[0]["feature_values"][i];
  }
  EXPECT_DOUBLE_EQ(features.at("temperature_c"), 31.0);
  EXPECT_DOUBLE_EQ(features.at("wind_speed_kmh"), 12.0);
  EXPECT_DOUBLE_EQ(features.at("indoors"), 0.0);
}

TEST_F(FeaturesStageTest, ARestartInTheMiddleOfAPollLosesNothing) {
  // The same input to a stage that crashes after half a poll and restores from its changelogs,
  // and to one that never stopped: the same vectors.
  testing::StageHarness steady(
      features_stage(std::make_shared<RecordCodec>(serde_), PipelineOptions{}), serde_);
  const auto feed = [](testing::StageHarness& h, int part) {
    const std::vector<std::tuple<std::string, double, double>> first = {
        {"pinnacle", 1.65, 2.38}, {"draftkings", 1.62, 2.40}, {"fanduel", 1.64, 2.36}};
    const std::vector<std::tuple<std::string, double, double>> second = {
        {"pinnacle", 1.70, 2.20}, {"draftkings", 1.70, 2.22}, {"fanduel", 1.71, 2.20}};
    const auto& books = part < 2 ? first : second;
    const int64_t at = part < 2 ? kPoll1 : kPoll1 + kHour;
    const std::size_t from = part % 2 == 0 ? 0 : 2;
    for (std::size_t i = from; i < (part % 2 == 0 ? 2 : books.size()); ++i) {
      const auto& [book, niners, saints] = books[i];
      const auto change = part < 2 ? domain::QuoteChange::kNew : domain::QuoteChange::kChanged;
      h.pipe(kOddsTopic, quote(book, "San Francisco 49ers", niners, at, change), at);
      h.pipe(kOddsTopic, quote(book, "New Orleans Saints", saints, at, change), at);
    }
  };
  for (int part = 0; part < 4; ++part) {
    feed(steady, part);
    feed(harness_, part);
    // Mid-poll, and between polls with the first poll not judged yet.
    if (part == 1 || part == 2) harness_.driver().restart_from_changelogs();
  }
  harness_.pipe(kOddsTopic, quote("betmgm", "New Orleans Saints", 2.2, kPoll1 + 2 * kHour),
                kPoll1 + 2 * kHour);
  steady.pipe(kOddsTopic, quote("betmgm", "New Orleans Saints", 2.2, kPoll1 + 2 * kHour),
              kPoll1 + 2 * kHour);
  const auto expected = steady.take(kFeaturesTopic);
  ASSERT_EQ(expected.size(), 2U);
  EXPECT_EQ(harness_.take(kFeaturesTopic), expected);
}

TEST_F(FeaturesStageTest, ImpossiblePriceIsDeadLettered) {
  auto bad = quote("pinnacle", "New Orleans Saints", 1.0, kPoll1);
  EXPECT_EQ(harness_.pipe(kOddsTopic, bad, kPoll1), runtime::stream::RecordOutcome::kDeadLettered);
  EXPECT_EQ(harness_.count(runtime::stream::kDeadLetterTopic), 1U);
}

}  // namespace
}  // namespace sharpline::stages
