// One id for one game, whatever feed it came from, so every record of a game lands in the same
// partition and the same stage state. The id is built from what every source knows about a game
// (sport, canonical team names, the day it is played, and the game number of a doubleheader);
// each source's own id is kept in Event::external_ids.
//
//   americanfootball_nfl:2025-09-04:dallas-cowboys@philadelphia-eagles
//   baseball_mlb:2024-07-01:new-york-yankees@toronto-blue-jays:g2
//
// The game day is the calendar date at the sport's reference offset (game_day_offset_hours):
// UTC-6 for North American leagues, so every game from a 9:30 ET London kick-off to a 22:30 PT
// first pitch falls on the local date printed on its ticket; UTC+0 for soccer, so every European
// kick-off does. Sources that know only the local date (Retrosheet, football-data.co.uk without a
// time) use that date directly. Team names must already be canonical (entity resolution) or a
// sport's feeds would not agree on them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sharpline::domain::events {

struct GameDay {
  int year = 0;
  int month = 0;
  int day = 0;

  bool operator==(const GameDay&) const = default;
};

struct EventIdentity {
  std::string sport;      // The Odds API sport key, e.g. baseball_mlb
  std::string home_team;  // canonical names
  std::string away_team;
  GameDay day;
  int game_number = 1;  // 2 for the second game of a doubleheader

  bool operator==(const EventIdentity&) const = default;
};

// Hours added to UTC to get the sport's game day: 0 for soccer_*, -6 otherwise.
int game_day_offset_hours(std::string_view sport);

// The game day of a game starting at `commence_ms` (UTC epoch ms).
GameDay game_day_of(std::string_view sport, int64_t commence_ms);

// "Dallas Cowboys" -> "dallas-cowboys": ASCII letters lower-cased, digits kept, every other run
// of ASCII characters one '-', bytes >= 0x80 (UTF-8) kept as they are; no leading or trailing '-'.
std::string slug(std::string_view name);

// Throws domain::InvalidInput for an empty sport or one containing ':', '@' or spaces, an empty
// team, equal teams, a day that is not a calendar date, or a game number below 1.
std::string canonical_event_id(const EventIdentity& identity);

// The identity inside an id made by canonical_event_id, with slugged team names; nullopt if the
// text is not such an id.
struct ParsedEventId {
  std::string sport;
  std::string home_slug;
  std::string away_slug;
  GameDay day;
  int game_number = 1;
};
std::optional<ParsedEventId> parse_canonical_event_id(std::string_view id);

}  // namespace sharpline::domain::events
