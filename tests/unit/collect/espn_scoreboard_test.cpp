// Contract tests of the ESPN parser against the recorded payloads in ../shared/data/espn/ (values
// read off the files by hand), plus mutated copies for the validation rules.
#include "adapters/sources/espn_scoreboard.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <set>
#include <stdexcept>

#include "adapters/sources/iso_time.hpp"
#include "unit/http_fixture/fixture_server.hpp"

namespace sharpline::adapters::sources {
namespace {

using nlohmann::json;

constexpr int64_t kPoll = 1783000000000;  // any fixed poll time

const entities::EntityResolver& resolver() {
  static const entities::EntityResolver loaded = entities::EntityResolver::load();
  return loaded;
}

std::string espn_file(const std::string& name) {
  return sharpline::testing::shared_data_dir() + "/espn/" + name;
}

#define REQUIRE_ESPN_DATA()                                \
  do {                                                     \
    if (!std::filesystem::is_directory(espn_file("")))     \
      GTEST_SKIP() << "no ESPN data at " << espn_file(""); \
  } while (false)

json load(const std::string& name) {
  return json::parse(sharpline::testing::read_text_file(espn_file(name)));
}

int64_t ms(const char* iso) {
  return *parse_iso8601_ms(iso);
}

void expect_reconciled(const ParsedStats& parsed) {
  EXPECT_EQ(parsed.items, parsed.accepted + parsed.rejected.size());
  EXPECT_EQ(parsed.events.size(), parsed.accepted);
  EXPECT_EQ(parsed.results.size(), parsed.accepted);
}

TEST(EspnScoreboard, WnbaFinalGamesGiveEventsAndFinalScores) {
  REQUIRE_ESPN_DATA();
  const auto parsed = parse_espn_scoreboard(load("trimmed_espn_scoreboard.json"), "basketball_wnba",
                                            kPoll, resolver());
  ASSERT_EQ(parsed.items, 2U);
  ASSERT_TRUE(parsed.rejected.empty()) << parsed.rejected[0].reason;
  expect_reconciled(parsed);

  const auto& e = parsed.events[0];
  EXPECT_EQ(e.event_id, "basketball_wnba:2025-07-06:seattle-storm@new-york-liberty");
  EXPECT_EQ(e.sport, "basketball_wnba");
  EXPECT_EQ(e.home_team, "New York Liberty");  // no WNBA table: names pass through
  EXPECT_EQ(e.away_team, "Seattle Storm");
  EXPECT_EQ(e.commence_ms, ms("2025-07-06T17:00:00Z"));  // ESPN's "2025-07-06T17:00Z"
  EXPECT_EQ(e.status, "final");
  EXPECT_EQ(e.season, 2025);
  EXPECT_EQ(e.source, "espn");
  EXPECT_EQ(e.updated_ms, kPoll);
  EXPECT_EQ(e.external_ids.at("espn"), "401736228");

  const auto& r = parsed.results[0];
  EXPECT_EQ(r.event_id, e.event_id);
  EXPECT_EQ(r.home_score, 70);
  EXPECT_EQ(r.away_score, 79);
  EXPECT_TRUE(r.is_final);
  EXPECT_EQ(r.status, "final");
  EXPECT_EQ(r.period, "4");
  EXPECT_EQ(r.clock, std::nullopt);  // only while the game is on

  EXPECT_EQ(parsed.events[1].event_id, "basketball_wnba:2025-07-06:las-vegas-aces@connecticut-sun");
  EXPECT_EQ(parsed.results[1].home_score, 68);
  EXPECT_EQ(parsed.results[1].away_score, 86);
  EXPECT_TRUE(parsed.weather.empty());
}

TEST(EspnScoreboard, NbaScheduledGameResolvesTeamsAndHasNoScoreYet) {
  REQUIRE_ESPN_DATA();
  const auto parsed = parse_espn_scoreboard(load("trimmed_espn_scoreboard_nba.json"),
                                            "basketball_nba", kPoll, resolver());
  ASSERT_EQ(parsed.accepted, 1U);
  const auto& e = parsed.events[0];
  EXPECT_EQ(e.event_id, "basketball_nba:2026-10-20:boston-celtics@detroit-pistons");
  EXPECT_EQ(e.status, "scheduled");
  EXPECT_EQ(e.season, 2027);
  const auto& r = parsed.results[0];
  EXPECT_EQ(r.home_score, std::nullopt);  // ESPN's "0" before tip-off is no score
  EXPECT_EQ(r.away_score, std::nullopt);
  EXPECT_EQ(r.period, std::nullopt);
  EXPECT_FALSE(r.is_final);
}

TEST(EspnScoreboard, CollegeTournamentGamesAreNeutralWithVenueAndNumericStats) {
  REQUIRE_ESPN_DATA();
  const auto parsed =
      parse_espn_scoreboard(load("scoreboard_mens-college-basketball_2026-03_raw.json"),
                            "basketball_ncaab", kPoll, resolver());
  ASSERT_EQ(parsed.items, 2U);
  ASSERT_EQ(parsed.accepted, 2U);
  expect_reconciled(parsed);
  const auto& e = parsed.events[0];
  EXPECT_EQ(e.event_id, "basketball_ncaab:2026-03-17:umbc-retrievers@howard-bison");
  EXPECT_EQ(e.league, "NCAAM");
  EXPECT_TRUE(e.neutral_site);
  EXPECT_EQ(e.venue, "UD Arena");
  EXPECT_EQ(e.status, "scheduled");
  EXPECT_EQ(e.external_ids.at("espn"), "401856435");
  // 9:15 PM EDT is 01:15 UTC the next day; the game day is still the 17th.
  EXPECT_EQ(parsed.events[1].commence_ms, ms("2026-03-18T01:15:00Z"));
  EXPECT_EQ(parsed.events[1].event_id,
            "basketball_ncaab:2026-03-17:texas-longhorns@nc-state-wolfpack");

  const auto& r = parsed.results[0];
  EXPECT_DOUBLE_EQ(r.home_stats.at("points"), 2556);
  EXPECT_DOUBLE_EQ(r.home_stats.at("avgRebounds"), 36.6);
  EXPECT_DOUBLE_EQ(r.away_stats.at("threePointFieldGoalPct"), 36.1);
  EXPECT_EQ(r.home_stats.size(), 15U);  // every entry is numeric; ranks are not read
}

TEST(EspnScoreboard, WeatherBlockIsAForecastBeforeTheGameAndObservedAfter) {
  REQUIRE_ESPN_DATA();
  auto payload = load("trimmed_espn_scoreboard_nba.json");
  payload["events"][0]["weather"] = {{"displayValue", "Sunny"}, {"temperature", 77}};
  auto parsed = parse_espn_scoreboard(payload, "basketball_nba", kPoll, resolver());
  ASSERT_EQ(parsed.weather.size(), 1U);
  EXPECT_EQ(parsed.weather[0].kind, "forecast");
  EXPECT_DOUBLE_EQ(*parsed.weather[0].temperature_c, 25.0);
  EXPECT_EQ(parsed.weather[0].event_id, parsed.events[0].event_id);
  EXPECT_EQ(parsed.weather[0].forecast_for_ms, parsed.events[0].commence_ms);
  EXPECT_EQ(parsed.weather[0].observed_ms, kPoll);

  payload = load("trimmed_espn_scoreboard.json");
  payload["events"][1]["weather"] = {{"temperature", "50"}};
  parsed = parse_espn_scoreboard(payload, "basketball_wnba", kPoll, resolver());
  ASSERT_EQ(parsed.weather.size(), 1U);
  EXPECT_EQ(parsed.weather[0].kind, "observed");
  EXPECT_DOUBLE_EQ(*parsed.weather[0].temperature_c, 10.0);
}

TEST(EspnSummary, HeaderBoxscoreAndGameInfoMakeOneGame) {
  REQUIRE_ESPN_DATA();
  const auto parsed = parse_espn_summary(load("trimmed_espn_summary_with_game_info.json"),
                                         "basketball_wnba", kPoll, resolver());
  ASSERT_EQ(parsed.items, 1U);
  ASSERT_EQ(parsed.accepted, 1U) << parsed.rejected[0].reason;
  const auto& e = parsed.events[0];
  EXPECT_EQ(e.event_id, "basketball_wnba:2025-09-10:atlanta-dream@connecticut-sun");
  EXPECT_EQ(e.venue, "Mohegan Sun Arena");
  EXPECT_EQ(e.status, "final");
  EXPECT_EQ(e.external_ids.at("espn"), "401736393");
  const auto& r = parsed.results[0];
  EXPECT_EQ(r.home_score, 72);
  EXPECT_EQ(r.away_score, 88);
  // Atlanta's boxscore: FG 33-61 (split in two), 54 %, 26 assists.
  EXPECT_DOUBLE_EQ(r.away_stats.at("fieldGoalsMade"), 33);
  EXPECT_DOUBLE_EQ(r.away_stats.at("fieldGoalsAttempted"), 61);
  EXPECT_DOUBLE_EQ(r.away_stats.at("fieldGoalPct"), 54);
  EXPECT_DOUBLE_EQ(r.away_stats.at("assists"), 26);
  EXPECT_FALSE(r.home_stats.empty());
  EXPECT_TRUE(parsed.weather.empty());  // an arena: no weather block
}

TEST(EspnSummary, GameInfoWeatherBecomesAnObservedReport) {
  REQUIRE_ESPN_DATA();
  auto payload = load("trimmed_espn_summary_with_game_info.json");
  payload["gameInfo"]["weather"] = {{"temperature", 68}, {"conditionId", "1"}};
  const auto parsed = parse_espn_summary(payload, "basketball_wnba", kPoll, resolver());
  ASSERT_EQ(parsed.weather.size(), 1U);
  EXPECT_EQ(parsed.weather[0].kind, "observed");
  EXPECT_DOUBLE_EQ(*parsed.weather[0].temperature_c, 20.0);
  EXPECT_EQ(parsed.weather[0].venue, "Mohegan Sun Arena");
}

// One mutation per case; the other event of the payload must still parse.
struct Mutation {
  const char* name;
  void (*apply)(json& event);
  const char* reason;
};

TEST(EspnScoreboard, MutatedEventsAreRejectedWithPathAndReasonOthersStillParse) {
  REQUIRE_ESPN_DATA();
  const Mutation mutations[] = {
      {"score not a number",
       [](json& e) { e["competitions"][0]["competitors"][1]["score"] = "abc"; },
       "events[1].competitions[0].competitors[1].score: not a number: \"abc\""},
      {"score an array",
       [](json& e) { e["competitions"][0]["competitors"][0]["score"] = json::array(); },
       "events[1].competitions[0].competitors[0].score: not a number: []"},
      {"competitors not an array", [](json& e) { e["competitions"][0]["competitors"] = "x"; },
       "events[1].competitions[0].competitors: not an array: \"x\""},
      {"date a number", [](json& e) { e["competitions"][0]["date"] = 5; },
       "events[1].competitions[0].date: not a string: 5"},
      {"date unreadable", [](json& e) { e["competitions"][0]["date"] = "yesterday"; },
       "events[1].competitions[0].date: not an ISO-8601 UTC time: \"yesterday\""},
      {"id missing", [](json& e) { e.erase("id"); }, "events[1].id: missing"},
      {"status unknown",
       [](json& e) {
         e["competitions"][0]["status"]["type"] = {{"name", "STATUS_WEIRD"}, {"state", "odd"}};
       },
       "events[1].competitions[0].status.type: unknown status name \"STATUS_WEIRD\" state "
       "\"odd\""},
      {"neutralSite a string", [](json& e) { e["competitions"][0]["neutralSite"] = "yes"; },
       "events[1].competitions[0].neutralSite: not a boolean: \"yes\""},
      {"two home teams",
       [](json& e) { e["competitions"][0]["competitors"][1]["homeAway"] = "home"; },
       "events[1].competitions[0].competitors[1].homeAway: a second home team"},
      {"team name missing",
       [](json& e) { e["competitions"][0]["competitors"][0]["team"].erase("displayName"); },
       "events[1].competitions[0].competitors[0].team.displayName: missing"},
      {"not an object", [](json& e) { e = 42; }, "events[1]: not an object"},
  };
  for (const auto& mutation : mutations) {
    SCOPED_TRACE(mutation.name);
    auto payload = load("trimmed_espn_scoreboard.json");
    mutation.apply(payload["events"][1]);
    const auto parsed = parse_espn_scoreboard(payload, "basketball_wnba", kPoll, resolver());
    expect_reconciled(parsed);
    ASSERT_EQ(parsed.accepted, 1U);
    EXPECT_EQ(parsed.events[0].external_ids.at("espn"), "401736228");
    ASSERT_EQ(parsed.rejected.size(), 1U);
    EXPECT_EQ(parsed.rejected[0].reason, mutation.reason);
    EXPECT_EQ(parsed.rejected[0].raw, payload["events"][1].dump());
  }
}

TEST(EspnScoreboard, UnknownTeamOfAMappedSportIsRejectedByName) {
  REQUIRE_ESPN_DATA();
  auto payload = load("trimmed_espn_scoreboard_nba.json");
  payload["events"].push_back(payload["events"][0]);
  auto& team = payload["events"][1]["competitions"][0]["competitors"][1]["team"];
  team["displayName"] = "Springfield Atoms";
  team["abbreviation"] = "SPR";
  payload["events"][1]["id"] = "999";
  const auto parsed = parse_espn_scoreboard(payload, "basketball_nba", kPoll, resolver());
  expect_reconciled(parsed);
  ASSERT_EQ(parsed.accepted, 1U);
  ASSERT_EQ(parsed.rejected.size(), 1U);
  EXPECT_EQ(parsed.rejected[0].event_id, "999");
  EXPECT_EQ(parsed.rejected[0].reason,
            "events[1].competitions[0].competitors[1].team.displayName: unknown team "
            "'Springfield Atoms' for basketball_nba");
}

TEST(EspnScoreboard, StatisticsOfTheWrongShapeRejectTheEvent) {
  REQUIRE_ESPN_DATA();
  auto payload = load("scoreboard_mens-college-basketball_2026-03_raw.json");
  payload["events"][0]["competitions"][0]["competitors"][0]["statistics"] = {{"points", 1}};
  payload["events"][1]["competitions"][0]["competitors"][1]["statistics"][2]["displayValue"] =
      "n/a";  // a non-numeric value is skipped, not an error
  const auto parsed = parse_espn_scoreboard(payload, "basketball_ncaab", kPoll, resolver());
  expect_reconciled(parsed);
  ASSERT_EQ(parsed.rejected.size(), 1U);
  EXPECT_EQ(parsed.rejected[0].reason,
            "events[0].competitions[0].competitors[0].statistics: not an array");
  ASSERT_EQ(parsed.accepted, 1U);
  EXPECT_EQ(parsed.results[0].away_stats.count("assists"), 0U);
  EXPECT_EQ(parsed.results[0].away_stats.size(), 14U);
}

TEST(EspnScoreboard, WrongTopLevelShapeThrows) {
  EXPECT_THROW(parse_espn_scoreboard(json::array(), "basketball_nba", kPoll, resolver()),
               std::invalid_argument);
  EXPECT_THROW(parse_espn_scoreboard(json{{"events", 1}}, "basketball_nba", kPoll, resolver()),
               std::invalid_argument);
  EXPECT_THROW(parse_espn_summary(json{{"header", "x"}}, "basketball_nba", kPoll, resolver()),
               std::invalid_argument);
  const auto empty =
      parse_espn_scoreboard(json{{"events", json::array()}}, "basketball_nba", kPoll, resolver());
  EXPECT_EQ(empty.items, 0U);
}

TEST(EspnStatus, NamesStatesAndCompletionMapToEventStatuses) {
  EXPECT_EQ(espn_status("STATUS_SCHEDULED", "pre", false), "scheduled");
  EXPECT_EQ(espn_status("STATUS_IN_PROGRESS", "in", false), "in_progress");
  EXPECT_EQ(espn_status("STATUS_HALFTIME", "in", false), "in_progress");
  EXPECT_EQ(espn_status("STATUS_FINAL", "post", true), "final");
  EXPECT_EQ(espn_status("STATUS_FINAL_OT", "", std::nullopt), "final");
  EXPECT_EQ(espn_status("STATUS_POSTPONED", "post", false), "postponed");
  EXPECT_EQ(espn_status("STATUS_CANCELED", "post", false), "cancelled");
  EXPECT_EQ(espn_status("", "", std::nullopt), std::nullopt);
  EXPECT_EQ(espn_sport_key("basketball", "mens-college-basketball"), "basketball_ncaab");
  EXPECT_EQ(espn_sport_key("baseball", "mlb"), "baseball_mlb");
  EXPECT_EQ(espn_sport_key("cricket", "ipl"), std::nullopt);
}

std::set<std::string> nba_canonical_of(std::initializer_list<const char*> codes) {
  std::set<std::string> names;
  for (const char* code : codes) {
    const auto name = resolver().resolve_team("basketball_nba", code);
    EXPECT_TRUE(name.has_value()) << code;
    if (!name) continue;
    EXPECT_EQ(resolver().resolve_team("basketball_nba", *name), name);
    names.insert(*name);
  }
  return names;
}

TEST(EntityResolverNba, EveryTeamResolvesFromEachFeedsAbbreviation) {
  EXPECT_TRUE(resolver().has_sport("basketball_nba"));
  // ESPN
  EXPECT_EQ(
      nba_canonical_of({"ATL", "BOS", "BKN", "CHA", "CHI", "CLE", "DAL", "DEN", "DET",  "GS",
                        "HOU", "IND", "LAC", "LAL", "MEM", "MIA", "MIL", "MIN", "NO",   "NY",
                        "OKC", "ORL", "PHI", "PHX", "POR", "SAC", "SA",  "TOR", "UTAH", "WSH"})
          .size(),
      30U);
  // NBA.com / basketball-reference style
  EXPECT_EQ(nba_canonical_of({"ATL", "BOS", "BRK", "CHO", "CHI", "CLE", "DAL", "DEN", "DET", "GSW",
                              "HOU", "IND", "LAC", "LAL", "MEM", "MIA", "MIL", "MIN", "NOP", "NYK",
                              "OKC", "ORL", "PHI", "PHO", "POR", "SAC", "SAS", "TOR", "UTA", "WAS"})
                .size(),
            30U);
  // sportsbookreview city strings (sbro/nba_odds_*.csv.gz)
  EXPECT_EQ(
      nba_canonical_of({"Atlanta",   "Boston",       "Brooklyn",      "Charlotte",   "Chicago",
                        "Cleveland", "Dallas",       "Denver",        "Detroit",     "GoldenState",
                        "Houston",   "Indiana",      "LAClippers",    "LA Clippers", "LALakers",
                        "Memphis",   "Miami",        "Milwaukee",     "Minnesota",   "NewOrleans",
                        "NewYork",   "OklahomaCity", "Oklahoma City", "Orlando",     "Philadelphia",
                        "Phoenix",   "Portland",     "Sacramento",    "SanAntonio",  "Toronto",
                        "Utah",      "Washington"})
          .size(),
      30U);
  EXPECT_EQ(resolver().resolve_team("basketball_nba", "New Jersey Nets"), "Brooklyn Nets");
  EXPECT_EQ(resolver().resolve_team("basketball_nba", "Los Angeles"), std::nullopt);
}

}  // namespace
}  // namespace sharpline::adapters::sources

namespace sharpline::adapters::sources {
namespace {

// Found by the espn_scoreboard fuzz target: dump() of a deep item overflowed the stack.
TEST(EspnDeepPayload, IsAnErrorNotAStackOverflow) {
  std::string text = R"({"events":[)";
  text += std::string(30000, '[') + std::string(30000, ']') + "]}";
  const auto payload = nlohmann::json::parse(text);
  const auto resolver = entities::EntityResolver::load();
  EXPECT_THROW(parse_espn_scoreboard(payload, "basketball_nba", 0, resolver),
               std::invalid_argument);
  EXPECT_THROW(parse_espn_summary(payload, "basketball_nba", 0, resolver), std::invalid_argument);
}

}  // namespace
}  // namespace sharpline::adapters::sources
