#include "adapters/sources/venues.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sharpline::adapters::sources {
namespace {

TEST(Venues, ShippedNflTableCoversEveryTeamOnce) {
  auto venues = load_venues(default_nfl_venues_path());
  EXPECT_EQ(venues.size(), 30u);
  std::set<std::string> teams;
  std::set<std::string> names;
  for (const auto& venue : venues) {
    names.insert(venue.name);
    for (const auto& team : venue.teams) EXPECT_TRUE(teams.insert(team).second) << team;
    // Every NFL stadium lies in the contiguous United States.
    EXPECT_GT(venue.latitude, 24.0) << venue.name;
    EXPECT_LT(venue.latitude, 49.5) << venue.name;
    EXPECT_GT(venue.longitude, -125.0) << venue.name;
    EXPECT_LT(venue.longitude, -66.0) << venue.name;
  }
  EXPECT_EQ(teams.size(), 32u);
  EXPECT_EQ(names.size(), 30u);

  auto* lambeau = find_venue_by_team(venues, "Green Bay Packers");
  ASSERT_NE(lambeau, nullptr);
  EXPECT_EQ(lambeau->name, "Lambeau Field");
  EXPECT_EQ(lambeau->roof, "outdoors");
  EXPECT_EQ(find_venue_by_team(venues, "Detroit Lions")->roof, "dome");
  EXPECT_EQ(find_venue_by_team(venues, "Dallas Cowboys")->roof, "retractable");
  EXPECT_EQ(find_venue_by_team(venues, "New York Jets"),
            find_venue_by_team(venues, "New York Giants"));
  EXPECT_EQ(find_venue_by_team(venues, "Toronto Argonauts"), nullptr);
}

TEST(Venues, AcceptsBomCrlfQuotesAndAnyColumnOrder) {
  std::string text =
      "\xEF\xBB\xBFroof,orientation_deg,name,team,longitude,latitude\r\n"
      "outdoors,350,\"Field, The \"\"Old\"\" One\",A;B,-80.5,40.25\r\n"
      "\r\n"
      "dome,,Indoor Arena,C,-90,30\r\n";
  auto venues = parse_venues_csv(text, "inline");
  ASSERT_EQ(venues.size(), 2u);
  EXPECT_EQ(venues[0].name, "Field, The \"Old\" One");
  EXPECT_EQ(venues[0].teams, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(venues[0].latitude, 40.25);
  EXPECT_EQ(venues[0].longitude, -80.5);
  EXPECT_EQ(venues[0].orientation_deg, 350.0);
  EXPECT_FALSE(venues[1].orientation_deg.has_value());
}

void expect_venue_error(const std::string& row, const std::string& fragment) {
  std::string text = "name,team,latitude,longitude,roof,orientation_deg\n" + row + "\n";
  try {
    parse_venues_csv(text, "t.csv");
    ADD_FAILURE() << "expected VenueError for: " << row;
  } catch (const VenueError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("t.csv:2"), std::string::npos) << message;
    EXPECT_NE(message.find(fragment), std::string::npos) << message;
  }
}

TEST(Venues, RejectsBadRowsWithFileAndLine) {
  expect_venue_error("X,T,95,0,outdoors,", "latitude");
  expect_venue_error("X,T,north,0,outdoors,", "latitude");
  expect_venue_error("X,T,40,-200,outdoors,", "longitude");
  expect_venue_error("X,T,40,-80,open-air,", "roof");
  expect_venue_error("X,T,40,-80,dome,360", "orientation_deg");
  expect_venue_error("X,,40,-80,dome,", "no team");
  expect_venue_error("X,T,40", "no value");
  expect_venue_error("\"X,T,40,-80,dome,", "unterminated");
  EXPECT_THROW(parse_venues_csv("name,team\nX,T\n", "t.csv"), VenueError);
  EXPECT_THROW(parse_venues_csv("", "t.csv"), VenueError);
  EXPECT_THROW(load_venues("/nonexistent/venues.csv"), VenueError);
}

}  // namespace
}  // namespace sharpline::adapters::sources
