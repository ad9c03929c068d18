#include "adapters/sources/venues.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace sharpline::adapters::sources {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::vector<std::string> split_csv_line(std::string_view line, const std::string& where) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) throw VenueError(where + ": unterminated quoted field");
  return fields;
}

std::optional<double> parse_double(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::vector<std::string> split_teams(const std::string& text) {
  std::vector<std::string> teams;
  std::stringstream stream(text);
  std::string team;
  while (std::getline(stream, team, ';')) {
    if (!team.empty()) teams.push_back(team);
  }
  return teams;
}

}  // namespace

std::vector<Venue> parse_venues_csv(std::string_view text, const std::string& origin) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  std::vector<Venue> venues;
  std::map<std::string, std::size_t> column;
  std::size_t line_number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto where = origin + ":" + std::to_string(line_number);
    auto fields = split_csv_line(line, where);
    if (column.empty()) {
      for (std::size_t i = 0; i < fields.size(); ++i) column[fields[i]] = i;
      for (const char* name :
           {"name", "team", "latitude", "longitude", "roof", "orientation_deg"}) {
        if (!column.count(name)) throw VenueError(where + ": missing column '" + name + "'");
      }
      continue;
    }
    auto field = [&](const char* name) -> const std::string& {
      auto index = column.at(name);
      if (index >= fields.size()) throw VenueError(where + ": no value for '" + name + "'");
      return fields[index];
    };
    Venue venue;
    venue.name = field("name");
    if (venue.name.empty()) throw VenueError(where + ": empty name");
    venue.teams = split_teams(field("team"));
    if (venue.teams.empty()) throw VenueError(where + ": no team for " + venue.name);
    auto latitude = parse_double(field("latitude"));
    auto longitude = parse_double(field("longitude"));
    if (!latitude || *latitude < -90 || *latitude > 90) {
      throw VenueError(where + ": latitude '" + field("latitude") + "' not in -90..90");
    }
    if (!longitude || *longitude < -180 || *longitude > 180) {
      throw VenueError(where + ": longitude '" + field("longitude") + "' not in -180..180");
    }
    venue.latitude = *latitude;
    venue.longitude = *longitude;
    venue.roof = field("roof");
    if (venue.roof != "outdoors" && venue.roof != "dome" && venue.roof != "retractable") {
      throw VenueError(where + ": roof '" + venue.roof + "' is not outdoors, dome or retractable");
    }
    if (const auto& text_value = field("orientation_deg"); !text_value.empty()) {
      auto orientation = parse_double(text_value);
      if (!orientation || *orientation < 0 || *orientation >= 360) {
        std::string problem = where;
        problem.append(": orientation_deg '").append(text_value).append("' not in [0, 360)");
        throw VenueError(problem);
      }
      venue.orientation_deg = orientation;
    }
    venues.push_back(std::move(venue));
  }
  if (column.empty()) throw VenueError(origin + ": no header row");
  return venues;
}

std::vector<Venue> load_venues(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw VenueError(path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_venues_csv(text.str(), path);
}

std::string default_nfl_venues_path() {
  return std::string(SHARPLINE_SOURCE_DIR) + "/src/adapters/sources/venues/nfl_venues.csv";
}

const Venue* find_venue_by_team(const std::vector<Venue>& venues, std::string_view team) {
  for (const auto& venue : venues) {
    if (std::find(venue.teams.begin(), venue.teams.end(), team) != venue.teams.end()) {
      return &venue;
    }
  }
  return nullptr;
}

}  // namespace sharpline::adapters::sources
