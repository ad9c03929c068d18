// The venues CSV table. Documented error: VenueError.
#include <cmath>

#include "adapters/sources/venues.hpp"
#include "fuzz_support.hpp"

using namespace sharpline::adapters::sources;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto venues = parse_venues_csv(sharpline::fuzz::as_text(data, size), "fuzz.csv");
    for (const auto& venue : venues) {
      SHARPLINE_FUZZ_CHECK(!venue.name.empty() && !venue.teams.empty());
      SHARPLINE_FUZZ_CHECK(venue.latitude >= -90.0 && venue.latitude <= 90.0);
      SHARPLINE_FUZZ_CHECK(venue.longitude >= -180.0 && venue.longitude <= 180.0);
      SHARPLINE_FUZZ_CHECK(!venue.orientation_deg || std::isfinite(*venue.orientation_deg));
      for (const auto& team : venue.teams) SHARPLINE_FUZZ_CHECK(find_venue_by_team(venues, team));
    }
  } catch (const VenueError&) {
  }
  return 0;
}
