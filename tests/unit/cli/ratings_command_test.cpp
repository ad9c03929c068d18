#include "cli/commands/ratings_command.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/files/csv.hpp"

namespace sharpline::cli {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int code = -1;
  std::string out;
  std::string err;
};

CommandRun ratings(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  CommandRun run;
  run.code = run_ratings_command(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

class RatingsCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("sharpline_ratings_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  fs::path dir_;
};

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) rows.push_back(adapters::files::split_csv_line(line));
  return rows;
}

// FiveThirtyEight's layout with extra columns (ignored), a neutral-site game, an unplayed game,
// and a new season.
constexpr const char* kGames =
    "date,season,neutral,playoff,team1,team2,elo1_pre,elo2_pre,score1,score2,qbelo1_pre\n"
    "2020-09-10,2020,0,,A,B,1,2,24,17,9\n"
    "2020-09-17,2020,1,,C,D,1,2,23,20,9\n"
    "2020-09-24,2020,0,,A,B,1,2,,,9\n"
    "2021-09-09,2021,0,,B,A,1,2,,,9\n";

TEST_F(RatingsCommand, Nfl538HandComputedRows) {
  const std::string games = write("games.csv", kGames);
  const std::string initial = write("initial.csv", "team,elo\nA,1500\nB,1500\nC,1550\nD,1450\n");
  const CommandRun run =
      ratings({"elo", "--preset", "nfl538", "--games", games, "--initial", initial});
  ASSERT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(run.err.empty());
  const auto rows = parse_csv(run.out);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"date", "season", "team1", "team2", "elo1_pre",
                                               "elo2_pre", "elo_prob1", "elo1_post", "elo2_post"}));
  // Home win 24-17 between equals: see EloNfl538.HomeWin for the arithmetic.
  EXPECT_EQ(rows[1][0], "2020-09-10");
  EXPECT_EQ(rows[1][1], "2020");
  EXPECT_EQ(rows[1][4], "1500");
  EXPECT_NEAR(std::stod(rows[1][6]), 0.5924662305843318, 1e-15);
  EXPECT_NEAR(std::stod(rows[1][7]), 1516.462462070399, 1e-9);
  EXPECT_NEAR(std::stod(rows[1][8]), 1483.537537929601, 1e-9);
  // Neutral site, 1550 v 1450, won by 3: no home advantage.
  EXPECT_NEAR(std::stod(rows[2][6]), 0.6400649998028851, 1e-15);
  EXPECT_NEAR(std::stod(rows[2][7]) - 1550.0, 9.54562516969116, 1e-9);
  // Unplayed: pre-game values, no update.
  EXPECT_EQ(rows[3][4], rows[1][7]);
  EXPECT_EQ(rows[3][7], rows[3][4]);
  EXPECT_EQ(rows[3][8], rows[3][5]);
  // New season: 2/3 kept, 1/3 toward 1505 (B is team1 now).
  EXPECT_NEAR(std::stod(rows[4][4]), 1483.537537929601 * 2 / 3 + 1505.0 / 3, 1e-9);
  EXPECT_NEAR(std::stod(rows[4][5]), 1516.462462070399 * 2 / 3 + 1505.0 / 3, 1e-9);
}

TEST_F(RatingsCommand, NewTeamsStartAt1300AndOutGoesToAFile) {
  const std::string games = write("games.csv", kGames);
  const std::string out = (dir_ / "ratings.csv").string();
  const CommandRun run = ratings({"elo", "--preset", "nfl538", "--games", games, "--out", out});
  ASSERT_EQ(run.code, 0) << run.err;
  const auto summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["games"], 4);
  EXPECT_EQ(summary["played"], 2);
  EXPECT_EQ(summary["teams"], 4);
  EXPECT_EQ(summary["preset"], "nfl538");
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  const auto rows = parse_csv(text.str());
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1][4], "1300");
  EXPECT_EQ(rows[1][5], "1300");
}

TEST_F(RatingsCommand, SoccerAndNbaPresetsRun) {
  const std::string games = write("games.csv", kGames);
  for (const char* preset : {"nba538", "soccer"}) {
    const CommandRun run = ratings({"elo", "--preset", preset, "--games", games});
    EXPECT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(parse_csv(run.out).size(), 5u);
  }
  const CommandRun presets = ratings({"presets"});
  ASSERT_EQ(presets.code, 0);
  const auto j = nlohmann::json::parse(presets.out);
  EXPECT_EQ(j["presets"][0]["name"], "nfl538");
  EXPECT_EQ(j["presets"][0]["home_advantage"], 65.0);
}

TEST_F(RatingsCommand, UsageErrorsExitTwo) {
  const std::string games = write("games.csv", kGames);
  CommandRun run = ratings({"elo", "--preset", "nfl", "--games", games});
  EXPECT_EQ(run.code, 2);
  EXPECT_EQ(run.err,
            "sharpline ratings elo: invalid value 'nfl' for --preset: expected "
            "nfl538|nba538|soccer\n");
  EXPECT_TRUE(run.out.empty());
  run = ratings({"elo", "--preset", "nfl538"});
  EXPECT_EQ(run.code, 2);
  EXPECT_EQ(run.err, "sharpline ratings elo: missing --games (a FiveThirtyEight-style game CSV)\n");
  run = ratings({"elo", "--games", games});
  EXPECT_EQ(run.code, 2);
  run = ratings({});
  EXPECT_EQ(run.code, 2);
  EXPECT_EQ(run.err, "sharpline ratings: missing subcommand (elo, presets; see --help)\n");
  run = ratings({"glicko"});
  EXPECT_EQ(run.code, 2);
  run = ratings({"elo", "--help"});
  EXPECT_EQ(run.code, 0);
  EXPECT_NE(run.out.find("Usage: sharpline ratings elo"), std::string::npos);
  run = ratings({"--help"});
  EXPECT_EQ(run.code, 0);
}

TEST_F(RatingsCommand, FileProblemsExitOneWithTheLine) {
  CommandRun run =
      ratings({"elo", "--preset", "nfl538", "--games", (dir_ / "missing.csv").string()});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find("cannot open"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());

  const std::string self = write("self.csv",
                                 "date,season,neutral,playoff,team1,team2,score1,score2\n"
                                 "2020-01-01,2020,0,,A,B,1,0\n2020-01-02,2020,0,,A,A,1,0\n");
  run = ratings({"elo", "--preset", "nfl538", "--games", self});
  EXPECT_EQ(run.code, 1);
  EXPECT_EQ(run.err, "sharpline ratings elo: error: " + self + ":3: team 'A' cannot play itself\n");
  EXPECT_TRUE(run.out.empty());  // nothing written before the bad row is found

  const std::string no_playoff =
      write("cols.csv", "date,season,neutral,team1,team2,score1,score2\n");
  run = ratings({"elo", "--preset", "nfl538", "--games", no_playoff});
  EXPECT_EQ(run.code, 1);
  EXPECT_EQ(run.err,
            "sharpline ratings elo: error: " + no_playoff + ":1: missing column 'playoff'\n");

  const std::string one_score =
      write("score.csv",
            "date,season,neutral,playoff,team1,team2,score1,score2\n2020-01-01,2020,0,,A,B,3,\n");
  run = ratings({"elo", "--preset", "nfl538", "--games", one_score});
  EXPECT_EQ(run.code, 1);
  EXPECT_NE(run.err.find(":2: one score is empty"), std::string::npos) << run.err;

  const std::string bad_initial = write("initial.csv", "team,elo\nA,high\n");
  const std::string games = write("games.csv", kGames);
  run = ratings({"elo", "--preset", "nfl538", "--games", games, "--initial", bad_initial});
  EXPECT_EQ(run.code, 1);
  EXPECT_EQ(run.err, "sharpline ratings elo: error: " + bad_initial +
                         ":2: invalid elo 'high': not a number\n");
}

}  // namespace
}  // namespace sharpline::cli
