#include "adapters/sources/mlb_statsapi.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "adapters/sources/mlb_weather.hpp"

namespace sharpline::adapters::sources {
namespace {

using nlohmann::json;
using stats_json::at;
using stats_json::find;
using stats_json::Invalid;

// Where one game's parts sit: the schedule keeps them on the game object, the live feed spreads
// them over gameData and liveData.
struct GameParts {
  const json* status = nullptr;
  std::string status_path;
  const json* teams = nullptr;  // {home, away}
  std::string teams_path;
  bool team_nested = true;  // schedule: teams.home.team.name; feed: teams.home.name
  const json* venue = nullptr;
  std::string venue_path;
  const json* weather = nullptr;
  std::string weather_path;
  const json* linescore = nullptr;
  std::string linescore_path;
  const json* boxscore = nullptr;
  std::string boxscore_path;
};

struct Game {
  domain::Event event;
  domain::GameResult result;
  std::optional<domain::WeatherReport> weather;
};

RejectedItem rejection(std::string feed_id, std::string reason, const json& raw) {
  RejectedItem item;
  item.event_id = std::move(feed_id);
  item.reason = std::move(reason);
  item.raw = raw.dump();
  return item;
}

std::string status_of(const json& status, const std::string& path) {
  if (!status.is_object()) throw Invalid{path, "not an object"};
  const auto abstract = stats_json::optional_string(status, "abstractGameState", path);
  const auto detailed = stats_json::optional_string(status, "detailedState", path);
  auto mapped = mlb_status(abstract.value_or(""), detailed.value_or(""));
  if (!mapped)
    throw Invalid{path, "unknown status \"" + abstract.value_or("") + "\" / \"" +
                            detailed.value_or("") + "\""};
  return *mapped;
}

// Only a doubleheader's second game is told apart; a rescheduled single game can carry another
// gameNumber without being one.
int game_number_of(const json& object, const std::string& path) {
  const auto flag = stats_json::optional_string(object, "doubleHeader", path).value_or("N");
  if (flag != "Y" && flag != "S") return 1;
  const auto number = stats_json::optional_integer(object, "gameNumber", path);
  if (!number) throw Invalid{at(path, "gameNumber"), "missing for a doubleheader"};
  if (*number < 1 || *number > 2)
    throw Invalid{at(path, "gameNumber"), "not 1 or 2: " + std::to_string(*number)};
  return static_cast<int>(*number);
}

std::string team_of(const json& teams, const char* side, const std::string& path, bool nested,
                    const entities::EntityResolver& resolver) {
  const std::string side_path = at(path, side);
  const json& entry = stats_json::require_object(teams, side, path);
  const json& team = nested ? stats_json::require_object(entry, "team", side_path) : entry;
  const std::string team_path = nested ? at(side_path, "team") : side_path;
  const std::string name = stats_json::require_string(team, "name", team_path);
  if (auto canonical = resolver.resolve_team(kMlbSport, name)) return *canonical;
  // Hydrated teams carry the abbreviation too; a missing alias of one spelling is no reason to
  // lose a known team.
  if (const json* abbreviation = find(team, "abbreviation");
      abbreviation != nullptr && abbreviation->is_string()) {
    if (auto canonical = resolver.resolve_team(kMlbSport, abbreviation->get<std::string>()))
      return *canonical;
  }
  return stats_json::team(resolver, kMlbSport, name, at(team_path, "name"));
}

void put(std::map<std::string, double>& stats, const char* key, std::optional<double> value) {
  if (value) stats[key] = *value;
}

// Every numeric value of a teamStats group, as "<group>.<name>"; ".---" and other text skipped.
void add_group(std::map<std::string, double>& stats, const json& team_stats, const char* group) {
  const json* values = find(team_stats, group);
  if (values == nullptr || !values->is_object()) return;
  for (const auto& [name, value] : values->items()) {
    std::optional<double> number;
    if (value.is_number()) {
      number = value.get<double>();
    } else if (value.is_string()) {
      number = stats_json::number_in(value.get_ref<const std::string&>());
    }
    if (number) stats[std::string(group) + "." + name] = *number;
  }
}

std::optional<int32_t> runs(const std::map<std::string, double>& stats) {
  const auto it = stats.find("runs");
  if (it == stats.end() || !(it->second >= 0 && it->second <= 1000)) return std::nullopt;
  return static_cast<int32_t>(it->second);
}

// liveData.linescore or the linescore endpoint: R/H/E/LOB per team, the inning as the period and
// the half ("Top", "Middle", "Bottom", "End") as the clock while the game is on.
void add_linescore(domain::GameResult& r, const json& linescore, const std::string& path) {
  if (!linescore.is_object()) throw Invalid{path, "not an object"};
  const json& teams = stats_json::require_object(linescore, "teams", path);
  for (const char* side : {"home", "away"}) {
    const std::string side_path = at(at(path, "teams"), side);
    const json* team = find(teams, side);
    if (team == nullptr) continue;  // before the game: {}
    if (!team->is_object()) throw Invalid{side_path, "not an object"};
    auto& stats = std::string_view(side) == "home" ? r.home_stats : r.away_stats;
    const auto team_runs = stats_json::optional_number(*team, "runs", side_path);
    // The score is read from here: a run count must be a whole number in range (a cast of
    // anything else to int would be undefined behaviour).
    if (team_runs && (*team_runs < 0 || *team_runs > 1000 || *team_runs != std::floor(*team_runs)))
      throw Invalid{at(side_path, "runs"), "not a run count: " + std::to_string(*team_runs)};
    put(stats, "runs", team_runs);
    put(stats, "hits", stats_json::optional_number(*team, "hits", side_path));
    put(stats, "errors", stats_json::optional_number(*team, "errors", side_path));
    put(stats, "left_on_base", stats_json::optional_number(*team, "leftOnBase", side_path));
  }
  if (auto inning = stats_json::optional_integer(linescore, "currentInning", path))
    r.period = std::to_string(*inning);
  if (r.status == "in_progress")
    r.clock = stats_json::optional_string(linescore, "inningState", path);
}

// Boxscore team stats (batting, pitching, fielding); R/H/E also under their plain names when the
// linescore did not give them.
void add_boxscore(domain::GameResult& r, const json& boxscore, const std::string& path) {
  if (!boxscore.is_object()) throw Invalid{path, "not an object"};
  const json& teams = stats_json::require_object(boxscore, "teams", path);
  for (const char* side : {"home", "away"}) {
    const std::string side_path = at(at(path, "teams"), side);
    const json& team = stats_json::require_object(teams, side, at(path, "teams"));
    const json* team_stats = find(team, "teamStats");
    if (team_stats == nullptr) continue;
    if (!team_stats->is_object()) throw Invalid{at(side_path, "teamStats"), "not an object"};
    auto& stats = std::string_view(side) == "home" ? r.home_stats : r.away_stats;
    for (const char* group : {"batting", "pitching", "fielding"}) {
      const json* values = find(*team_stats, group);
      if (values != nullptr && !values->is_object())
        throw Invalid{at(at(side_path, "teamStats"), group), "not an object"};
      add_group(stats, *team_stats, group);
    }
    for (const auto& [plain, grouped] : {std::pair{"runs", "batting.runs"},
                                         {"hits", "batting.hits"},
                                         {"errors", "fielding.errors"},
                                         {"left_on_base", "batting.leftOnBase"}}) {
      if (auto it = stats.find(grouped); it != stats.end()) stats.emplace(plain, it->second);
    }
  }
}

class Parser {
 public:
  Parser(int64_t poll_ms, const entities::EntityResolver& resolver)
      : poll_ms_(poll_ms), resolver_(resolver) {}

  // `holder` has gamePk/gameNumber/doubleHeader/season (the schedule game, or gameData.game);
  // `times` has gameDate|dateTime and officialDate.
  Game game(const std::string& pk, const json& holder, const std::string& holder_path,
            const json& times, const std::string& times_path, const char* time_key,
            const GameParts& parts, std::optional<int64_t> weather_at_ms) {
    Game game;
    domain::Event& e = game.event;
    e.sport = kMlbSport;
    e.league = "MLB";
    e.source = kMlbStatsApiSource;
    e.updated_ms = poll_ms_;
    e.external_ids[kMlbStatsApiSource] = pk;
    e.commence_ms = stats_json::require_time(times, time_key, times_path);
    // officialDate is the date MLB books the game on (also for a suspended game finished later).
    const auto day = find(times, "officialDate") != nullptr
                         ? stats_json::require_day(times, "officialDate", times_path)
                         : domain::events::game_day_of(kMlbSport, e.commence_ms);
    if (auto season = stats_json::optional_integer(holder, "season", holder_path))
      e.season = static_cast<int32_t>(*season);
    const int number = game_number_of(holder, holder_path);
    e.status = status_of(*parts.status, parts.status_path);
    if (!parts.teams->is_object()) throw Invalid{parts.teams_path, "not an object"};
    e.home_team = team_of(*parts.teams, "home", parts.teams_path, parts.team_nested, resolver_);
    e.away_team = team_of(*parts.teams, "away", parts.teams_path, parts.team_nested, resolver_);
    if (parts.venue != nullptr) {
      if (!parts.venue->is_object()) throw Invalid{parts.venue_path, "not an object"};
      e.venue = stats_json::optional_string(*parts.venue, "name", parts.venue_path);
    }
    e.event_id =
        stats_json::event_id({kMlbSport, e.home_team, e.away_team, day, number}, holder_path);

    domain::GameResult& r = game.result;
    r.event_id = e.event_id;
    r.sport = kMlbSport;
    r.status = e.status;
    r.is_final = e.status == "final";
    r.updated_ms = poll_ms_;
    r.source = kMlbStatsApiSource;
    if (parts.linescore != nullptr) add_linescore(r, *parts.linescore, parts.linescore_path);
    if (parts.boxscore != nullptr) add_boxscore(r, *parts.boxscore, parts.boxscore_path);
    if (parts.team_nested) schedule_scores(r, *parts.teams, parts.teams_path);
    if (e.status == "in_progress" || e.status == "final") {
      if (!r.home_score) r.home_score = runs(r.home_stats);
      if (!r.away_score) r.away_score = runs(r.away_stats);
    }
    if (parts.weather != nullptr) {
      game.weather = mlb::weather_report(*parts.weather, parts.weather_path, e, parts.venue,
                                         weather_at_ms.value_or(e.commence_ms), poll_ms_);
    }
    return game;
  }

 private:
  // The schedule's teams.{home,away}.score; absent before the game.
  static void schedule_scores(domain::GameResult& r, const json& teams, const std::string& path) {
    for (const char* side : {"home", "away"}) {
      const json& entry = teams.at(side);
      const auto score = stats_json::optional_integer(entry, "score", at(path, side));
      if (!score) continue;
      if (*score < 0 || *score > 1000)
        throw Invalid{at(at(path, side), "score"), "out of range: " + std::to_string(*score)};
      if (r.status != "in_progress" && r.status != "final") continue;
      (std::string_view(side) == "home" ? r.home_score : r.away_score) =
          static_cast<int32_t>(*score);
    }
  }

  int64_t poll_ms_;
  const entities::EntityResolver& resolver_;
};

const json* member(const json& object, const char* key) {
  return find(object, key);
}

void accept(ParsedStats& out, Game&& game) {
  out.events.push_back(std::move(game.event));
  out.results.push_back(std::move(game.result));
  if (game.weather) out.weather.push_back(std::move(*game.weather));
  ++out.accepted;
}

std::string pk_of(const json& object) {
  const json* pk = find(object, "gamePk");
  if (pk != nullptr && pk->is_number_integer()) return std::to_string(pk->get<int64_t>());
  if (pk != nullptr && pk->is_string()) return pk->get<std::string>();
  return {};
}

Game schedule_game(Parser& parser, const json& item, const std::string& path) {
  if (!item.is_object()) throw Invalid{path, "not an object"};
  const std::string pk = stats_json::require_id(item, "gamePk", path);
  GameParts parts;
  parts.status = &stats_json::require_object(item, "status", path);
  parts.status_path = at(path, "status");
  parts.teams = &stats_json::require_object(item, "teams", path);
  parts.teams_path = at(path, "teams");
  parts.venue = member(item, "venue");
  parts.venue_path = at(path, "venue");
  parts.weather = member(item, "weather");  // hydrate=weather
  parts.weather_path = at(path, "weather");
  parts.linescore = member(item, "linescore");  // hydrate=linescore
  parts.linescore_path = at(path, "linescore");
  return parser.game(pk, item, path, item, path, "gameDate", parts, std::nullopt);
}

}  // namespace

std::optional<std::string> mlb_status(std::string_view abstract_state,
                                      std::string_view detailed_state) {
  // Postponed and cancelled games keep abstractGameState Preview or Final: the detail decides.
  if (detailed_state.starts_with("Postponed")) return "postponed";
  if (detailed_state.starts_with("Cancelled") || detailed_state.starts_with("Canceled"))
    return "cancelled";
  // A suspended game resumes another day; its result is not final until then.
  if (detailed_state.starts_with("Suspended")) return "in_progress";
  if (abstract_state == "Preview") return "scheduled";
  if (abstract_state == "Live") return "in_progress";
  if (abstract_state == "Final") return "final";
  return std::nullopt;
}

ParsedStats parse_mlb_schedule(const json& payload, int64_t poll_ms,
                               const entities::EntityResolver& resolver) {
  reject_deep_payload(payload, "parse_mlb_schedule");
  const json* dates = payload.is_object() ? find(payload, "dates") : nullptr;
  if (dates == nullptr || !dates->is_array())
    throw std::invalid_argument(
        "an MLB StatsAPI schedule must be a JSON object with a \"dates\" "
        "array");
  Parser parser(poll_ms, resolver);
  ParsedStats out;
  for (std::size_t d = 0; d < dates->size(); ++d) {
    const std::string date_path = at(std::string("dates"), d);
    const json& date = (*dates)[d];
    const json* games = find(date, "games");
    if (games == nullptr || !games->is_array()) {
      // No game can be read from it; it still counts once so the totals reconcile.
      ++out.items;
      out.rejected.push_back(rejection({}, date_path + ".games: missing or not an array", date));
      continue;
    }
    for (std::size_t g = 0; g < games->size(); ++g) {
      const json& item = (*games)[g];
      ++out.items;
      try {
        accept(out, schedule_game(parser, item, at(at(date_path, "games"), g)));
      } catch (const Invalid& invalid) {
        out.rejected.push_back(rejection(pk_of(item), invalid.reason(), item));
      }
    }
  }
  return out;
}

ParsedStats parse_mlb_live_feed(const json& payload, int64_t poll_ms,
                                const entities::EntityResolver& resolver) {
  reject_deep_payload(payload, "parse_mlb_live_feed");
  if (!payload.is_object() || find(payload, "gameData") == nullptr ||
      !payload.at("gameData").is_object())
    throw std::invalid_argument(
        "an MLB StatsAPI live feed must be a JSON object with a "
        "\"gameData\" object");
  Parser parser(poll_ms, resolver);
  ParsedStats out;
  out.items = 1;
  try {
    const json& data = payload.at("gameData");
    const json& game = stats_json::require_object(data, "game", "gameData");
    const std::string pk = stats_json::require_id(game, "pk", "gameData.game");
    const json& times = stats_json::require_object(data, "datetime", "gameData");
    GameParts parts;
    parts.status = &stats_json::require_object(data, "status", "gameData");
    parts.status_path = "gameData.status";
    parts.teams = &stats_json::require_object(data, "teams", "gameData");
    parts.teams_path = "gameData.teams";
    parts.team_nested = false;
    parts.venue = member(data, "venue");
    parts.venue_path = "gameData.venue";
    parts.weather = member(data, "weather");
    parts.weather_path = "gameData.weather";
    if (const json* live = member(payload, "liveData")) {
      if (!live->is_object()) throw Invalid{"liveData", "not an object"};
      parts.linescore = member(*live, "linescore");
      parts.linescore_path = "liveData.linescore";
      parts.boxscore = member(*live, "boxscore");
      parts.boxscore_path = "liveData.boxscore";
    }
    // The weather is read at first pitch; before it is known, at the scheduled start.
    std::optional<int64_t> first_pitch;
    if (const json* info = member(data, "gameInfo");
        info != nullptr && info->is_object() && member(*info, "firstPitch") != nullptr) {
      first_pitch = stats_json::require_time(*info, "firstPitch", "gameData.gameInfo");
    }
    accept(out, parser.game(pk, game, "gameData.game", times, "gameData.datetime", "dateTime",
                            parts, first_pitch));
  } catch (const Invalid& invalid) {
    out.rejected.push_back(rejection(pk_of(payload), invalid.reason(), payload));
  }
  return out;
}

namespace {

// The result of a game already known as an Event (boxscore and linescore carry no game data).
domain::GameResult result_of(const domain::Event& game, int64_t poll_ms) {
  domain::GameResult r;
  r.event_id = game.event_id;
  r.sport = kMlbSport;
  r.status = game.status;
  r.is_final = game.status == "final";
  r.updated_ms = poll_ms;
  r.source = kMlbStatsApiSource;
  return r;
}

// Scores only once the game has started: before, the payload's zeros are not a score.
domain::GameResult with_runs(domain::GameResult r) {
  if (r.status == "in_progress" || r.status == "final") {
    r.home_score = runs(r.home_stats);
    r.away_score = runs(r.away_stats);
  }
  return r;
}

}  // namespace

ParsedStats parse_mlb_boxscore(const json& payload, const domain::Event& game, int64_t poll_ms,
                               const entities::EntityResolver& resolver) {
  reject_deep_payload(payload, "parse_mlb_boxscore");
  if (!payload.is_object() || find(payload, "teams") == nullptr || !payload.at("teams").is_object())
    throw std::invalid_argument(
        "an MLB StatsAPI boxscore must be a JSON object with a "
        "\"teams\" object");
  ParsedStats out;
  out.items = 1;
  try {
    const json& teams = payload.at("teams");
    for (const auto& [side, expected] :
         {std::pair<const char*, const std::string*>{"home", &game.home_team},
          {"away", &game.away_team}}) {
      const std::string found = team_of(teams, side, "teams", true, resolver);
      if (found != *expected)
        throw Invalid{at(at(std::string("teams"), side), "team.name"),
                      "'" + found + "' is not the " + side + " team of " + game.event_id};
    }
    domain::GameResult r = result_of(game, poll_ms);
    add_boxscore(r, payload, "");
    out.results.push_back(with_runs(std::move(r)));
    ++out.accepted;
  } catch (const Invalid& invalid) {
    out.rejected.push_back(rejection(game.event_id, invalid.reason(), payload));
  }
  return out;
}

ParsedStats parse_mlb_linescore(const json& payload, const domain::Event& game, int64_t poll_ms) {
  reject_deep_payload(payload, "parse_mlb_linescore");
  if (!payload.is_object() || find(payload, "teams") == nullptr)
    throw std::invalid_argument(
        "an MLB StatsAPI linescore must be a JSON object with "
        "\"teams\"");
  ParsedStats out;
  out.items = 1;
  try {
    domain::GameResult r = result_of(game, poll_ms);
    add_linescore(r, payload, "");
    out.results.push_back(with_runs(std::move(r)));
    ++out.accepted;
  } catch (const Invalid& invalid) {
    out.rejected.push_back(rejection(game.event_id, invalid.reason(), payload));
  }
  return out;
}

}  // namespace sharpline::adapters::sources
