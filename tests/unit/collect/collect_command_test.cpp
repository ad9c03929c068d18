#include "cli/commands/collect_command.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/bus_context.hpp"
#include "serde/base64.hpp"
#include "unit/collect/bus_topic_reader.hpp"

namespace sharpline::cli {
namespace {

using nlohmann::json;

// The canonical id of the game below: Washington at Green Bay, Thursday 2025-09-11 (US time).
constexpr const char* kEventId =
    "americanfootball_nfl:2025-09-11:washington-commanders@green-bay-packers";

json nfl_event(int gb_price) {
  return json::parse(R"({
    "id": "ev1", "sport_key": "americanfootball_nfl", "sport_title": "NFL",
    "commence_time": "2025-09-12T00:16:00Z",
    "home_team": "Green Bay Packers", "away_team": "Washington Commanders",
    "bookmakers": [{"key": "draftkings", "title": "DraftKings",
      "last_update": "2025-09-10T05:36:48Z",
      "markets": [{"key": "h2h", "outcomes": [
        {"name": "Green Bay Packers", "price": )" +
                     std::to_string(gb_price) + R"(},
        {"name": "Washington Commanders", "price": 150}]}]}]})");
}

class CollectCommand : public collect_test::CollectCommandTest {
 protected:
  using Seen = collect_test::SeenRecord;
  static std::vector<Seen> read_topic(BusContext& context, const std::string& topic) {
    return collect_test::read_topic(context, topic);
  }

  // Poll 1: two new quotes. Poll 2: GB repriced, WAS unchanged, plus one bad outcome.
  std::string write_two_polls() const {
    json second = nfl_event(-190);
    second["bookmakers"][0]["markets"][0]["outcomes"].push_back(
        {{"name", "Green Bay Packers"}, {"price", "abc"}});
    const auto file = dir_ / "polls.jsonl";
    std::ofstream(file) << json{{"committed_at", "2025-09-10T05:36:59+00:00"},
                                {"response", json::array({nfl_event(-180)})}}
                               .dump()
                        << "\n"
                        << json{{"committed_at", "2025-09-10T08:13:21+00:00"},
                                {"response", json::array({second})}}
                               .dump()
                        << "\n";
    return file.string();
  }
};

TEST_F(CollectCommand, PublishesChangesOfTwoPollsAndSummarizes) {
  const std::string file = write_two_polls();
  ASSERT_EQ(run({"odds", "--source", "file", "--from-file", file, "--odds-format", "american"}), 0)
      << err_.str();
  EXPECT_TRUE(out_.str().starts_with("{\"published\":3,\"unchanged\":1,\"deadletter\":1,"))
      << out_.str();
  const json summary = json::parse(out_.str());
  EXPECT_EQ(summary["published"], 3);  // 2 NEW + 1 CHANGED
  EXPECT_EQ(summary["unchanged"], 1);
  EXPECT_EQ(summary["deadletter"], 1);
  EXPECT_EQ(summary["removed"], 0);
  EXPECT_EQ(summary["events"], 1);  // the event did not change between the polls
  EXPECT_EQ(summary["polls"], 2);
}

TEST_F(CollectCommand, StateFileCarriesTheTrackerAcrossRestarts) {
  const std::string file = write_two_polls();
  const std::string state = (dir_ / "state" / "odds.json").string();
  const std::vector<std::string> args = {"odds",     "--from-file",  file, "--odds-format",
                                         "american", "--state-file", state};
  ASSERT_EQ(run(args), 0) << err_.str();
  EXPECT_EQ(json::parse(out_.str())["published"], 3);
  ASSERT_TRUE(std::filesystem::exists(state));
  const json saved = json::parse(std::ifstream(state));
  EXPECT_EQ(saved["quotes"].size(), 2U);
  EXPECT_EQ(saved["links"][0]["id"], kEventId);
  // A restarted collector fed the same polls again finds nothing new: the first poll's GB price
  // differs from the held (second-poll) price, so it is CHANGED, then CHANGED back.
  ASSERT_EQ(run(args), 0) << err_.str();
  const json again = json::parse(out_.str());
  EXPECT_EQ(again["events"], 0);
  EXPECT_EQ(again["published"], 2);
  EXPECT_EQ(again["unchanged"], 2);
  // Without the state file every quote is NEW again.
  ASSERT_EQ(run({"odds", "--from-file", file, "--odds-format", "american"}), 0);
  EXPECT_EQ(json::parse(out_.str())["events"], 1);
}

TEST_F(CollectCommand, CorruptStateFileIsARuntimeErrorNotAFreshStart) {
  const std::string file = write_two_polls();
  const auto state = dir_ / "odds.json";
  std::ofstream(state) << "{\"version\": 1, \"quotes\": [";
  EXPECT_EQ(run({"odds", "--from-file", file, "--odds-format", "american", "--state-file",
                 state.string()}),
            1);
  EXPECT_NE(err_.str().find("collector state"), std::string::npos) << err_.str();
}

TEST_F(CollectCommand, RecordsOnTheBusAreKeyedStampedAndDecodable) {
  // The test owns the embedded broker; the command attaches to it like another process would.
  auto context = BusContext::open(Config::defaults());
  const std::string file = write_two_polls();
  ASSERT_EQ(run({"odds", "--from-file", file, "--odds-format", "american", "--bootstrap",
                 context->bus().bootstrap()}),
            0)
      << err_.str();

  const auto quotes = read_topic(*context, "sharpline.odds.v1");
  ASSERT_EQ(quotes.size(), 3U);
  const int64_t poll2 = 1757492001000;  // 2025-09-10T08:13:21Z (date -u +%s)
  const auto changed = std::find_if(quotes.begin(), quotes.end(),
                                    [](const Seen& s) { return s.value["change"] == "CHANGED"; });
  ASSERT_NE(changed, quotes.end());
  EXPECT_EQ(changed->key, kEventId);
  EXPECT_EQ(changed->timestamp_ms, poll2);
  EXPECT_EQ(changed->value["observed_ms"], poll2);
  EXPECT_DOUBLE_EQ(changed->value["previous_price"].get<double>(), 1.0 + 100.0 / 180.0);
  EXPECT_DOUBLE_EQ(changed->value["price"].get<double>(), 1.0 + 100.0 / 190.0);

  const auto events = read_topic(*context, "sharpline.events.v1");
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].value["home_team"], "Green Bay Packers");

  const auto letters = read_topic(*context, "sharpline.deadletter.v1");
  ASSERT_EQ(letters.size(), 1U);
  const json& letter = letters[0].value;
  EXPECT_EQ(letters[0].key, kEventId);
  EXPECT_EQ(letter["source_topic"], "collector:the-odds-api");
  EXPECT_EQ(letter["error_kind"], "validation");
  EXPECT_NE(letter["reason"].get<std::string>().find("price must be a number"), std::string::npos);
  const auto raw = serde::base64_decode(letter["value"].get<std::string>());
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(json::parse(std::string(raw->begin(), raw->end())),
            (json{{"name", "Green Bay Packers"}, {"price", "abc"}}));
}

TEST_F(CollectCommand, SingleResponseFileTakesThePollTime) {
  const auto file = dir_ / "response.json";
  std::ofstream(file) << json::array({nfl_event(-180)}).dump();
  ASSERT_EQ(run({"odds", "--from-file", file.string(), "--odds-format", "american", "--poll-time",
                 "2025-09-10T06:00:00Z"}),
            0)
      << err_.str();
  const json summary = json::parse(out_.str());
  EXPECT_EQ(summary["published"], 2);
  EXPECT_EQ(summary["polls"], 1);
}

TEST_F(CollectCommand, UsageErrors) {
  const auto file = dir_ / "response.json";
  std::ofstream(file) << "[]";
  EXPECT_EQ(run({"odds", "--source", "ftp"}), 2);
  EXPECT_NE(err_.str().find("--source must be"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"odds"}), 2);  // no --from-file
  EXPECT_EQ(run({"odds", "--from-file", file.string(), "--odds-format", "fractional"}), 2);
  EXPECT_EQ(run({"odds", "--from-file", file.string(), "--poll-time", "yesterday"}), 2);
  EXPECT_EQ(run({"nonsense"}), 2);
  EXPECT_EQ(run({"odds", "--help"}), 0);
  EXPECT_NE(out_.str().find("--state-file"), std::string::npos) << out_.str();
  EXPECT_EQ(run({"odds", "--from-file", (dir_ / "missing.json").string()}), 1);
}

}  // namespace
}  // namespace sharpline::cli
