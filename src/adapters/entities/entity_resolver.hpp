// Entity resolution: the many spellings of one team or bookmaker across feeds (The Odds API full
// names, nflverse codes incl. relocated teams' old codes, ESPN abbreviations) -> one canonical
// name, so that state keyed by team never splits one team in two.
//
// Tables are CSV files `canonical,alias` in one directory (mappings/ next to this file by
// default): `<sport_key>.csv` per sport (e.g. americanfootball_nfl.csv) and bookmakers.csv.
// Matching ignores case and surrounding whitespace. A sport without a table passes names through
// unchanged (trimmed): the collector can carry a new league before anyone maps it, and the
// canonical form there is simply the feed's own spelling. A sport with a table never does: an
// unknown name is nullopt, which the collector turns into a rejected item naming the name.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sharpline::adapters::entities {

class MappingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// ${SHARPLINE_SOURCE_DIR}/src/adapters/entities/mappings
std::filesystem::path default_mappings_dir();

class EntityResolver {
 public:
  // Reads every *.csv in `dir`. Throws MappingError for a missing directory, a file without the
  // canonical,alias header, or an alias mapped to two canonical names.
  static EntityResolver load(const std::filesystem::path& dir = default_mappings_dir());

  std::optional<std::string> resolve_team(std::string_view sport, std::string_view name) const;
  // Bookmakers always have a table: an unknown key or title is nullopt.
  std::optional<std::string> resolve_bookmaker(std::string_view name) const;

  bool has_sport(std::string_view sport) const;

 private:
  using Table = std::map<std::string, std::string>;  // lower-case trimmed alias -> canonical
  std::map<std::string, Table, std::less<>> sports_;
  Table bookmakers_;
};

}  // namespace sharpline::adapters::entities
