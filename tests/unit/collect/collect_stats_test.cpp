// `sharpline collect stats` end to end: historical files, recorded ESPN / MLB StatsAPI payloads
// and the live path against a fixture server; records read back from the embedded broker.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "adapters/history/gzip_file.hpp"
#include "adapters/history/sbro_loader.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/collect_command.hpp"
#include "serde/base64.hpp"
#include "unit/collect/bus_topic_reader.hpp"
#include "unit/collect/collect_test_support.hpp"
#include "unit/http_fixture/fixture_server.hpp"

namespace sharpline::cli {
namespace {

using nlohmann::json;

class CollectStats : public collect_test::CollectCommandTest {
 protected:
  json summary() const { return json::parse(out_.str()); }
  static std::string data(const std::string& relative) {
    return (collect_test::data_dir() / relative).string();
  }
};

TEST_F(CollectStats, HistoricalFileIsPublishedWholeInEventTimeOrder) {
  SHARPLINE_REQUIRE_DATA();
  const std::string file = data("sbro/nfl_odds_2021-22.csv.gz");
  const auto batch = adapters::history::load_sbro_file(file);
  auto context = BusContext::open(Config::defaults());
  ASSERT_EQ(run({"stats", "--format", "sbro", "--from-file", file, "--bootstrap",
                 context->bus().bootstrap()}),
            0)
      << err_.str();
  // Every record the loader made is published; every row is a game or a dead letter.
  EXPECT_EQ(summary()["published"], batch.events.size() + batch.quotes.size() +
                                        batch.results.size() + batch.weather.size());
  EXPECT_EQ(summary()["deadletter"], batch.rejected.size());
  const auto results = collect_test::read_topic(*context, "sharpline.results.v1");
  ASSERT_EQ(results.size(), batch.results.size());
  // 2021-09-12, Green Bay at New Orleans (in Jacksonville): 3-38.
  const auto game = std::find_if(results.begin(), results.end(), [](const auto& r) {
    return r.key == "americanfootball_nfl:2021-09-12:green-bay-packers@new-orleans-saints";
  });
  ASSERT_NE(game, results.end());
  EXPECT_EQ(game->value["home_score"], 38);
  EXPECT_EQ(game->value["away_score"], 3);
  // Within a game, the bus carries lines before the result.
  const auto odds = collect_test::read_topic(*context, "sharpline.odds.v1");
  std::map<std::string, int64_t> last_line;
  for (const auto& quote : odds)
    last_line[quote.key] = std::max(last_line[quote.key], quote.timestamp_ms);
  for (const auto& result : results)
    EXPECT_LE(last_line[result.key], result.timestamp_ms) << result.key;
}

TEST_F(CollectStats, RejectedHistoricalRowIsADeadLetterWithItsCells) {
  SHARPLINE_REQUIRE_DATA();
  // The real header and first 2025 game, plus a copy with an unknown home team code.
  const std::string all =
      adapters::history::read_gzip_file(data("nflverse/games_1999_2025.csv.gz"));
  std::istringstream lines(all);
  std::string header;
  std::getline(lines, header);
  std::string row;
  while (std::getline(lines, row) && !row.starts_with("2025_01_")) {
  }
  ASSERT_TRUE(row.starts_with("2025_01_"));
  std::string bad = row;
  const auto home_code = bad.find(",PHI,");
  ASSERT_NE(home_code, std::string::npos) << row;
  bad.replace(home_code, 5, ",XYZ,");
  const auto file = dir_ / "games.csv";
  std::ofstream(file) << header << "\n" << row << "\n" << bad << "\n";

  auto context = BusContext::open(Config::defaults());
  ASSERT_EQ(run({"stats", "--format", "nflverse", "--from-file", file.string(), "--bootstrap",
                 context->bus().bootstrap()}),
            0)
      << err_.str();
  EXPECT_EQ(summary()["deadletter"], 1);
  const auto letters = collect_test::read_topic(*context, "sharpline.deadletter.v1");
  ASSERT_EQ(letters.size(), 1U);
  EXPECT_EQ(letters[0].value["source_topic"], "collector:nflverse");
  EXPECT_NE(letters[0].value["reason"].get<std::string>().find("games.csv:3:"), std::string::npos)
      << letters[0].value["reason"];
  EXPECT_NE(letters[0].value["reason"].get<std::string>().find("XYZ"), std::string::npos);
  const auto raw = serde::base64_decode(letters[0].value["value"].get<std::string>());
  ASSERT_TRUE(raw);
  const json cells = json::parse(std::string(raw->begin(), raw->end()));
  EXPECT_EQ(cells["home_team"], "XYZ");
  EXPECT_EQ(cells["game_id"], row.substr(0, row.find(',')));
}

TEST_F(CollectStats, RecordedMlbPayloadsShareTheGamesId) {
  SHARPLINE_REQUIRE_DATA();
  auto context = BusContext::open(Config::defaults());
  const std::string bootstrap = context->bus().bootstrap();
  ASSERT_EQ(run({"stats", "--format", "mlb-schedule", "--from-file",
                 data("mlb_statsapi/schedule_2024-07-01.json"), "--bootstrap", bootstrap}),
            0)
      << err_.str();
  EXPECT_EQ(summary()["published"], 6);  // 3 games: an event and a result each
  ASSERT_EQ(run({"stats", "--format", "mlb-boxscore", "--from-file",
                 data("mlb_statsapi/boxscore_game744914.json"), "--game-file",
                 data("mlb_statsapi/schedule_2024-07-01.json"), "--game-pk", "744914",
                 "--bootstrap", bootstrap}),
            0)
      << err_.str();
  EXPECT_EQ(summary()["published"], 1);
  const auto events = collect_test::read_topic(*context, "sharpline.events.v1");
  const auto results = collect_test::read_topic(*context, "sharpline.results.v1");
  const auto game = std::find_if(events.begin(), events.end(), [](const auto& e) {
    return e.value["external_ids"]["mlb-statsapi"] == "744914";
  });
  ASSERT_NE(game, events.end());
  EXPECT_EQ(std::count_if(results.begin(), results.end(),
                          [&](const auto& r) { return r.key == game->key; }),
            2);
}

TEST_F(CollectStats, BadItemInARecordedPayloadIsOneDeadLetter) {
  SHARPLINE_REQUIRE_DATA();
  json payload =
      json::parse(testing::read_text_file(data("mlb_statsapi/schedule_2024-07-01.json")));
  payload["dates"][0]["games"][0]["teams"]["home"]["team"]["name"] = "Springfield Isotopes";
  const auto file = dir_ / "schedule.json";
  std::ofstream(file) << payload.dump();
  ASSERT_EQ(run({"stats", "--format", "mlb-schedule", "--from-file", file.string()}), 0)
      << err_.str();
  EXPECT_EQ(summary()["published"], 4);
  EXPECT_EQ(summary()["deadletter"], 1);
}

TEST_F(CollectStats, LiveMlbPollPublishesTheScheduleAndSurvivesBadResponses) {
  SHARPLINE_REQUIRE_DATA();
  testing::FixtureServer server;
  server.script("/api/v1/schedule",
                {testing::ScriptedResponse::server_error(502),
                 testing::ScriptedResponse::recorded("mlb_statsapi/schedule_2024-07-01.json")});
  server.start();
  ASSERT_EQ(run({"stats", "--source", "api", "--feed", "mlb", "--once", "--date", "2024-07-01",
                 "--api-base", server.url("")}),
            0)
      << err_.str();
  EXPECT_EQ(summary()["published"], 6);
  EXPECT_EQ(summary()["failed_fetches"], 0);  // the 502 was retried
  EXPECT_EQ(server.hits("/api/v1/schedule"), 2);

  testing::FixtureServer broken;
  broken.script("/apis/site/v2/sports/basketball/nba/scoreboard",
                {testing::ScriptedResponse::truncated_json()});
  broken.start();
  ASSERT_EQ(run({"stats", "--source", "api", "--feed", "espn", "--sport", "basketball_nba",
                 "--once", "--api-base", broken.url("")}),
            0)
      << err_.str();
  EXPECT_EQ(summary()["failed_fetches"], 1);
  EXPECT_EQ(summary()["deadletter"], 1);
  EXPECT_EQ(summary()["published"], 0);
}

TEST_F(CollectStats, UsageErrors) {
  EXPECT_EQ(run({"stats"}), 2);  // no --format
  EXPECT_EQ(run({"stats", "--format", "csv", "--from-file", "x"}), 2);
  EXPECT_EQ(run({"stats", "--format", "espn-scoreboard", "--from-file", "x"}), 2);  // --sport
  EXPECT_EQ(run({"stats", "--format", "mlb-boxscore", "--from-file", "x"}), 2);     // --game-file
  EXPECT_EQ(run({"stats", "--source", "api", "--feed", "espn", "--sport", "cricket_ipl"}), 2);
  EXPECT_EQ(run({"stats", "--source", "api", "--feed", "yahoo"}), 2);
  EXPECT_EQ(run({"stats", "--format", "nflverse", "--from-file", (dir_ / "missing.csv").string()}),
            1);
}

}  // namespace
}  // namespace sharpline::cli
