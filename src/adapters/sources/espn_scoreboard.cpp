#include "adapters/sources/espn_scoreboard.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace sharpline::adapters::sources {
namespace {

using nlohmann::json;
using stats_json::at;
using stats_json::find;
using stats_json::Invalid;

struct Side {
  std::string team;
  std::string espn_team_id;
  std::optional<int32_t> score;
  std::map<std::string, double> stats;
};

struct Game {
  domain::Event event;
  domain::GameResult result;
  std::optional<domain::WeatherReport> weather;
};

// ESPN writes stat pairs as one value: name "fieldGoalsMade-fieldGoalsAttempted", "33-61".
void add_pair(std::map<std::string, double>& stats, const std::string& name,
              const std::string& text) {
  const auto name_dash = name.find('-');
  const auto text_dash = text.find('-', 1);
  if (name_dash == std::string::npos || text_dash == std::string::npos) return;
  const auto first = stats_json::number_in(std::string_view(text).substr(0, text_dash));
  const auto second = stats_json::number_in(std::string_view(text).substr(text_dash + 1));
  if (!first || !second) return;
  stats[name.substr(0, name_dash)] = *first;
  stats[name.substr(name_dash + 1)] = *second;
}

// Numeric statistics only: ranks ("Tied-133rd") and other prose carry nothing a model can use.
// An entry without a name cannot be keyed and is skipped; a list that is not a list, or an entry
// that is not an object, means the payload changed shape and rejects the item.
std::map<std::string, double> statistics(const json& owner, const std::string& path) {
  std::map<std::string, double> stats;
  const json* list = find(owner, "statistics");
  if (list == nullptr) return stats;
  if (!list->is_array()) throw Invalid{at(path, "statistics"), "not an array"};
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& entry = (*list)[i];
    const std::string where = at(at(path, "statistics"), i);
    if (!entry.is_object()) throw Invalid{where, "not an object: " + entry.dump()};
    const auto name = stats_json::optional_string(entry, "name", where);
    if (!name || name->empty()) continue;
    if (const json* value = find(entry, "value"); value != nullptr && value->is_number()) {
      stats[*name] = value->get<double>();
      continue;
    }
    const auto text = stats_json::optional_string(entry, "displayValue", where);
    if (!text) continue;
    if (const auto number = stats_json::number_in(*text)) {
      stats[*name] = *number;
    } else {
      add_pair(stats, *name, *text);
    }
  }
  return stats;
}

// ESPN's team block has several spellings; the first one the sport's table knows wins, so an
// alias missing for one spelling does not reject a known team. Without a table the display name
// passes through.
std::string team_name(const entities::EntityResolver& resolver, std::string_view sport,
                      const json& team, const std::string& path) {
  const std::string display = stats_json::require_string(team, "displayName", path);
  for (const char* key : {"displayName", "abbreviation", "shortDisplayName", "name"}) {
    const json* spelling = find(team, key);
    if (spelling == nullptr || !spelling->is_string()) continue;
    if (auto canonical = resolver.resolve_team(sport, spelling->get<std::string>()))
      return *canonical;
  }
  return stats_json::team(resolver, sport, display, at(path, "displayName"));
}

std::optional<int32_t> score(const json& competitor, const std::string& path) {
  const json* value = find(competitor, "score");
  if (value == nullptr) return std::nullopt;
  // Team schedule responses nest it: {"value": 70.0, "displayValue": "70"}.
  const auto points = value->is_object()
                          ? stats_json::optional_number(*value, "value", at(path, "score"))
                          : stats_json::optional_number(competitor, "score", path);
  if (!points) return std::nullopt;
  if (*points < 0 || *points > 100000 || *points != static_cast<int32_t>(*points))
    throw Invalid{at(path, "score"), "not a whole number of points: " + value->dump()};
  return static_cast<int32_t>(*points);
}

class Parser {
 public:
  Parser(std::string_view sport, int64_t poll_ms, const entities::EntityResolver& resolver)
      : sport_(sport), poll_ms_(poll_ms), resolver_(resolver) {}

  void set_league(std::optional<std::string> league) { league_ = std::move(league); }

  // `item` is the scoreboard event or the summary header; `competition` its first competition.
  Game game(const json& item, const std::string& path) {
    if (!item.is_object()) throw Invalid{path, "not an object"};
    const std::string espn_id = stats_json::require_id(item, "id", path);
    const json& competitions = stats_json::require_array(item, "competitions", path);
    const std::string comp_path = at(at(path, "competitions"), 0);
    if (competitions.empty()) throw Invalid{at(path, "competitions"), "empty"};
    const json& competition = competitions[0];
    if (!competition.is_object()) throw Invalid{comp_path, "not an object"};

    Game game;
    domain::Event& e = game.event;
    e.sport = sport_;
    e.league = league_;
    e.source = kEspnSource;
    e.updated_ms = poll_ms_;
    e.external_ids[kEspnSource] = espn_id;
    e.commence_ms = find(competition, "date") != nullptr
                        ? stats_json::require_time(competition, "date", comp_path)
                        : stats_json::require_time(item, "date", path);
    if (const json* season = find(item, "season")) {
      if (!season->is_object()) throw Invalid{at(path, "season"), "not an object"};
      if (auto year = stats_json::optional_integer(*season, "year", at(path, "season")))
        e.season = static_cast<int32_t>(*year);
    }
    if (const json* week = find(item, "week"); week != nullptr && week->is_object()) {
      if (auto number = stats_json::optional_integer(*week, "number", at(path, "week")))
        e.week = static_cast<int32_t>(*number);
    }
    e.neutral_site =
        stats_json::optional_bool(competition, "neutralSite", comp_path).value_or(false);
    const json* venue = find(competition, "venue");
    if (venue != nullptr) {
      if (!venue->is_object()) throw Invalid{at(comp_path, "venue"), "not an object"};
      e.venue = stats_json::optional_string(*venue, "fullName", at(comp_path, "venue"));
    }

    // Status: the competition's, else the event's (trimmed payloads keep only one).
    const std::string status_path =
        find(competition, "status") != nullptr ? at(comp_path, "status") : at(path, "status");
    const json& status = find(competition, "status") != nullptr
                             ? stats_json::require_object(competition, "status", comp_path)
                             : stats_json::require_object(item, "status", path);
    e.status = status_of(status, status_path);
    const bool started = e.status == "in_progress" || e.status == "final";

    const json& competitors = stats_json::require_array(competition, "competitors", comp_path);
    std::optional<Side> home;
    std::optional<Side> away;
    for (std::size_t k = 0; k < competitors.size(); ++k) {
      const std::string where = at(at(comp_path, "competitors"), k);
      const json& competitor = competitors[k];
      if (!competitor.is_object()) throw Invalid{where, "not an object"};
      const std::string side = stats_json::require_string(competitor, "homeAway", where);
      if (side != "home" && side != "away")
        throw Invalid{at(where, "homeAway"), "neither home nor away: \"" + side + "\""};
      auto& slot = side == "home" ? home : away;
      if (slot) throw Invalid{at(where, "homeAway"), "a second " + side + " team"};
      slot = this->side(competitor, where, started);
    }
    if (!home || !away)
      throw Invalid{at(comp_path, "competitors"), "expected one home and one away team"};
    e.home_team = home->team;
    e.away_team = away->team;
    e.event_id = stats_json::event_id(
        {sport_, e.home_team, e.away_team, domain::events::game_day_of(sport_, e.commence_ms), 1},
        path);

    domain::GameResult& r = game.result;
    r.event_id = e.event_id;
    r.sport = sport_;
    r.status = e.status;
    r.is_final = e.status == "final";
    r.updated_ms = poll_ms_;
    r.source = kEspnSource;
    // ESPN shows 0-0 before tip-off; that is no score yet.
    if (started) {
      r.home_score = home->score;
      r.away_score = away->score;
    }
    r.home_stats = std::move(home->stats);
    r.away_stats = std::move(away->stats);
    if (auto period = stats_json::optional_integer(status, "period", status_path);
        period && *period > 0 && started) {
      r.period = std::to_string(*period);
    }
    if (e.status == "in_progress")
      r.clock = stats_json::optional_string(status, "displayClock", status_path);

    home_espn_id_ = home->espn_team_id;
    away_espn_id_ = away->espn_team_id;
    if (const json* weather = find(item, "weather"))
      game.weather = weather_of(*weather, at(path, "weather"), e, venue);
    return game;
  }

  // The summary's boxscore has the game's team stats, keyed by ESPN team id.
  void add_boxscore(Game& game, const json& boxscore, const std::string& path) {
    const json* teams = find(boxscore, "teams");
    if (teams == nullptr) return;
    if (!teams->is_array()) throw Invalid{at(path, "teams"), "not an array"};
    for (std::size_t i = 0; i < teams->size(); ++i) {
      const std::string where = at(at(path, "teams"), i);
      const json& entry = (*teams)[i];
      if (!entry.is_object()) throw Invalid{where, "not an object"};
      const json& team = stats_json::require_object(entry, "team", where);
      const std::string id = stats_json::require_id(team, "id", at(where, "team"));
      auto stats = statistics(entry, where);
      if (id == home_espn_id_) {
        game.result.home_stats = std::move(stats);
      } else if (id == away_espn_id_) {
        game.result.away_stats = std::move(stats);
      } else {
        throw Invalid{at(at(where, "team"), "id"), "team " + id + " does not play this game"};
      }
    }
  }

  // gameInfo: the venue as ESPN names it at the game, and the game-time weather.
  void add_game_info(Game& game, const json& info, const std::string& path) {
    const json* venue = find(info, "venue");
    if (venue != nullptr) {
      if (!venue->is_object()) throw Invalid{at(path, "venue"), "not an object"};
      if (auto name = stats_json::optional_string(*venue, "fullName", at(path, "venue")))
        game.event.venue = std::move(name);
    }
    if (const json* weather = find(info, "weather"))
      game.weather = weather_of(*weather, at(path, "weather"), game.event, venue);
  }

 private:
  std::string status_of(const json& status, const std::string& path) const {
    const json& type = stats_json::require_object(status, "type", path);
    const std::string type_path = at(path, "type");
    const auto name = stats_json::optional_string(type, "name", type_path).value_or("");
    const auto state = stats_json::optional_string(type, "state", type_path).value_or("");
    const auto completed = stats_json::optional_bool(type, "completed", type_path);
    auto mapped = espn_status(name, state, completed);
    if (!mapped)
      throw Invalid{type_path, "unknown status name \"" + name + "\" state \"" + state + "\""};
    return *mapped;
  }

  Side side(const json& competitor, const std::string& path, bool started) const {
    Side side;
    const json& team = stats_json::require_object(competitor, "team", path);
    side.team = team_name(resolver_, sport_, team, at(path, "team"));
    side.espn_team_id = find(team, "id") != nullptr
                            ? stats_json::require_id(team, "id", at(path, "team"))
                            : std::string();
    side.score = score(competitor, path);
    if (started && !side.score) throw Invalid{at(path, "score"), "missing for a started game"};
    side.stats = statistics(competitor, path);
    return side;
  }

  // ESPN's weather block: {"displayValue": "Sunny", "temperature": 75, ...}, temperature in °F.
  // Before the game it is ESPN's forecast, once the game is under way it is the game-time
  // reading, so the kind follows the game's status.
  std::optional<domain::WeatherReport> weather_of(const json& block, const std::string& path,
                                                  const domain::Event& e, const json* venue) const {
    if (!block.is_object()) throw Invalid{path, "not an object"};
    const auto fahrenheit = stats_json::optional_number(block, "temperature", path);
    if (!fahrenheit) return std::nullopt;
    domain::WeatherReport w;
    w.event_id = e.event_id;
    w.venue = e.venue;
    w.forecast_for_ms = e.commence_ms;
    w.kind = e.status == "in_progress" || e.status == "final" ? "observed" : "forecast";
    w.temperature_c = fahrenheit_to_celsius(*fahrenheit);
    if (const json* indoor = venue != nullptr ? find(*venue, "indoor") : nullptr;
        indoor != nullptr && indoor->is_boolean()) {
      w.roof = indoor->get<bool>() ? "dome" : "outdoors";
    }
    w.observed_ms = poll_ms_;
    w.source = kEspnSource;
    return w;
  }

  std::string sport_;
  int64_t poll_ms_;
  const entities::EntityResolver& resolver_;
  std::optional<std::string> league_;
  std::string home_espn_id_;
  std::string away_espn_id_;
};

std::optional<std::string> league_of(const json& payload) {
  const json* leagues = find(payload, "leagues");
  if (leagues == nullptr || !leagues->is_array() || leagues->empty()) return std::nullopt;
  const json& league = (*leagues)[0];
  for (const char* key : {"abbreviation", "name"}) {
    const json* value = find(league, key);
    if (value != nullptr && value->is_string()) return value->get<std::string>();
  }
  return std::nullopt;
}

std::string feed_id_of(const json& item) {
  const json* id = find(item, "id");
  if (id == nullptr) return {};
  if (id->is_string()) return id->get<std::string>();
  if (id->is_number_integer()) return std::to_string(id->get<int64_t>());
  return {};
}

RejectedItem rejection(std::string feed_id, std::string reason, const json& raw) {
  RejectedItem item;
  item.event_id = std::move(feed_id);
  item.reason = std::move(reason);
  item.raw = raw.dump();
  return item;
}

void accept(ParsedStats& out, Game&& game) {
  out.events.push_back(std::move(game.event));
  out.results.push_back(std::move(game.result));
  if (game.weather) out.weather.push_back(std::move(*game.weather));
  ++out.accepted;
}

}  // namespace

namespace {

struct EspnLeague {
  std::string_view sport, league, key;
};
constexpr std::array<EspnLeague, 9> kKeys{{
    {"baseball", "mlb", "baseball_mlb"},
    {"basketball", "nba", "basketball_nba"},
    {"basketball", "wnba", "basketball_wnba"},
    {"basketball", "mens-college-basketball", "basketball_ncaab"},
    {"basketball", "womens-college-basketball", "basketball_wncaab"},
    {"football", "nfl", "americanfootball_nfl"},
    {"football", "college-football", "americanfootball_ncaaf"},
    {"hockey", "nhl", "icehockey_nhl"},
    {"soccer", "eng.1", "soccer_epl"},
}};

}  // namespace

std::optional<std::string> espn_scoreboard_url(std::string_view base_url, std::string_view sport) {
  for (const auto& k : kKeys) {
    if (k.key != sport) continue;
    std::string url(base_url);
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url + "/apis/site/v2/sports/" + std::string(k.sport) + "/" + std::string(k.league) +
           "/scoreboard";
  }
  return std::nullopt;
}

std::optional<std::string> espn_sport_key(std::string_view espn_sport, std::string_view league) {
  for (const auto& k : kKeys)
    if (k.sport == espn_sport && k.league == league) return std::string(k.key);
  return std::nullopt;
}

std::optional<std::string> espn_status(std::string_view name, std::string_view state,
                                       std::optional<bool> completed) {
  // Postponed and cancelled games are "post" and not completed: the name must decide first.
  if (name == "STATUS_POSTPONED") return "postponed";
  if (name == "STATUS_CANCELED" || name == "STATUS_CANCELLED") return "cancelled";
  if (completed.value_or(false) || state == "post") return "final";
  if (state == "in") return "in_progress";
  if (state == "pre") return "scheduled";
  if (name.starts_with("STATUS_FINAL") || name == "STATUS_FULL_TIME") return "final";
  if (name == "STATUS_SCHEDULED" || name == "STATUS_DELAYED") return "scheduled";
  if (name == "STATUS_IN_PROGRESS" || name == "STATUS_HALFTIME" || name == "STATUS_END_PERIOD" ||
      name == "STATUS_SUSPENDED" || name == "STATUS_RAIN_DELAY")
    return "in_progress";
  return std::nullopt;
}

ParsedStats parse_espn_scoreboard(const json& payload, std::string_view sport, int64_t poll_ms,
                                  const entities::EntityResolver& resolver) {
  reject_deep_payload(payload, "parse_espn_scoreboard");
  if (!payload.is_object())
    throw std::invalid_argument("an ESPN scoreboard must be a JSON object, got " +
                                std::string(payload.type_name()));
  const json* events = find(payload, "events");
  if (events == nullptr || !events->is_array())
    throw std::invalid_argument("an ESPN scoreboard must have an \"events\" array");
  Parser parser(sport, poll_ms, resolver);
  parser.set_league(league_of(payload));
  ParsedStats out;
  for (std::size_t i = 0; i < events->size(); ++i) {
    const json& item = (*events)[i];
    ++out.items;
    try {
      accept(out, parser.game(item, at(std::string("events"), i)));
    } catch (const Invalid& invalid) {
      out.rejected.push_back(rejection(feed_id_of(item), invalid.reason(), item));
    }
  }
  return out;
}

ParsedStats parse_espn_summary(const json& payload, std::string_view sport, int64_t poll_ms,
                               const entities::EntityResolver& resolver) {
  reject_deep_payload(payload, "parse_espn_summary");
  if (!payload.is_object() || find(payload, "header") == nullptr ||
      !payload.at("header").is_object())
    throw std::invalid_argument("an ESPN summary must be a JSON object with a \"header\" object");
  const json& header = payload.at("header");
  Parser parser(sport, poll_ms, resolver);
  if (const json* league = find(header, "league"); league != nullptr && league->is_object()) {
    const json* abbreviation = find(*league, "abbreviation");
    if (abbreviation != nullptr && abbreviation->is_string())
      parser.set_league(abbreviation->get<std::string>());
  }
  ParsedStats out;
  out.items = 1;
  try {
    Game game = parser.game(header, "header");
    if (const json* boxscore = find(payload, "boxscore")) {
      if (!boxscore->is_object()) throw Invalid{"boxscore", "not an object"};
      parser.add_boxscore(game, *boxscore, "boxscore");
    }
    if (const json* info = find(payload, "gameInfo")) {
      if (!info->is_object()) throw Invalid{"gameInfo", "not an object"};
      parser.add_game_info(game, *info, "gameInfo");
    }
    accept(out, std::move(game));
  } catch (const Invalid& invalid) {
    out.rejected.push_back(rejection(feed_id_of(header), invalid.reason(), payload));
  }
  return out;
}

}  // namespace sharpline::adapters::sources
