#pragma once

// The venues table (src/adapters/sources/venues/nfl_venues.csv): where each stadium is, who
// plays there and what roof it has, so the weather collector knows where to ask Open-Meteo and
// whether the weather reaches the field.
//
// CSV with a header row; columns are found by name, so their order may change. An optional UTF-8
// BOM and CRLF line ends are accepted; fields may be double-quoted. `team` lists the home teams
// separated by ';' (SoFi and MetLife host two each). `orientation_deg` is empty when unknown.
// Errors throw VenueError with "<origin>:<line>: <problem>".

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::adapters::sources {

class VenueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Venue {
  std::string name;
  std::vector<std::string> teams;
  double latitude = 0.0;   // WGS84 degrees, north positive
  double longitude = 0.0;  // WGS84 degrees, east positive
  std::string roof;        // outdoors, dome or retractable
  // Direction the field's long axis points, degrees clockwise from north; unknown when empty.
  std::optional<double> orientation_deg;
};

std::vector<Venue> parse_venues_csv(std::string_view text, const std::string& origin);
std::vector<Venue> load_venues(const std::string& path);
// The table shipped with the source tree.
std::string default_nfl_venues_path();

// nullptr when no venue lists `team` (exact, case-sensitive full name, e.g. "Green Bay Packers").
const Venue* find_venue_by_team(const std::vector<Venue>& venues, std::string_view team);

}  // namespace sharpline::adapters::sources
