#include "adapters/entities/entity_resolver.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>

namespace sharpline::adapters::entities {
namespace {

const EntityResolver& resolver() {
  static const EntityResolver loaded = EntityResolver::load();
  return loaded;
}

TEST(EntityResolver, NflNamesFromEveryFeedMeetInOneCanonicalName) {
  const auto nfl = [](std::string_view name) {
    return resolver().resolve_team("americanfootball_nfl", name);
  };
  EXPECT_EQ(nfl("Las Vegas Raiders"), "Las Vegas Raiders");  // The Odds API
  EXPECT_EQ(nfl("LV"), "Las Vegas Raiders");                 // nflverse
  EXPECT_EQ(nfl("OAK"), "Las Vegas Raiders");                // nflverse before 2020
  EXPECT_EQ(nfl("SD"), "Los Angeles Chargers");
  EXPECT_EQ(nfl("STL"), "Los Angeles Rams");
  EXPECT_EQ(nfl("LA"), "Los Angeles Rams");   // nflverse code
  EXPECT_EQ(nfl("LAR"), "Los Angeles Rams");  // ESPN code
  EXPECT_EQ(nfl("WAS"), "Washington Commanders");
  EXPECT_EQ(nfl("WSH"), "Washington Commanders");
  EXPECT_EQ(nfl("  kansas city CHIEFS "), "Kansas City Chiefs");  // case and spaces ignored
  EXPECT_EQ(nfl("Chiefs"), "Kansas City Chiefs");
  EXPECT_EQ(nfl("Springfield Atoms"), std::nullopt);
}

TEST(EntityResolver, EveryNflTeamHasItsOddsApiNameAndTwoLetterOrThreeLetterCode) {
  // 32 distinct canonical names reachable by their own name.
  std::set<std::string> canonical;
  for (const char* code :
       {"ARI", "ATL", "BAL", "BUF", "CAR", "CHI", "CIN", "CLE", "DAL", "DEN", "DET",
        "GB",  "HOU", "IND", "JAX", "KC",  "LV",  "LAC", "LA",  "MIA", "MIN", "NE",
        "NO",  "NYG", "NYJ", "PHI", "PIT", "SF",  "SEA", "TB",  "TEN", "WAS"}) {
    const auto name = resolver().resolve_team("americanfootball_nfl", code);
    ASSERT_TRUE(name.has_value()) << code;
    EXPECT_EQ(resolver().resolve_team("americanfootball_nfl", *name), name);
    canonical.insert(*name);
  }
  EXPECT_EQ(canonical.size(), 32U);
}

TEST(EntityResolver, SportsWithoutATablePassNamesThrough) {
  EXPECT_FALSE(resolver().has_sport("basketball_wncaab"));
  EXPECT_EQ(resolver().resolve_team("basketball_wncaab", " Baylor Bears "), "Baylor Bears");
  EXPECT_EQ(resolver().resolve_team("basketball_wncaab", "  "), std::nullopt);
}

TEST(EntityResolver, BookmakersByKeyOrTitle) {
  EXPECT_EQ(resolver().resolve_bookmaker("williamhill_us"), "williamhill_us");
  EXPECT_EQ(resolver().resolve_bookmaker("Caesars"), "williamhill_us");
  EXPECT_EQ(resolver().resolve_bookmaker("DRAFTKINGS"), "draftkings");
  EXPECT_EQ(resolver().resolve_bookmaker("shadybook"), std::nullopt);
}

TEST(EntityResolver, RejectsAnAliasWithTwoOwners) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("sharpline_mappings_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bookmakers.csv") << "canonical,alias\nx,X\n";
  std::ofstream(dir / "americanfootball_nfl.csv")
      << "canonical,alias\nNew York Giants,NY\nNew York Jets,NY\n";
  try {
    (void)EntityResolver::load(dir);
    ADD_FAILURE() << "an ambiguous alias was accepted";
  } catch (const MappingError& error) {
    EXPECT_NE(std::string(error.what()).find("'NY'"), std::string::npos) << error.what();
  }
  std::filesystem::remove_all(dir);
  EXPECT_THROW((void)EntityResolver::load(dir), MappingError);  // missing directory
}

}  // namespace
}  // namespace sharpline::adapters::entities
