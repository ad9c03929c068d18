#include "cli/commands/collect_stats_command.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/history/football_data_loader.hpp"
#include "adapters/history/gzip_file.hpp"
#include "adapters/history/nflverse_loader.hpp"
#include "adapters/history/retrosheet_loader.hpp"
#include "adapters/history/sbro_loader.hpp"
#include "adapters/http/resilient_http_client.hpp"
#include "adapters/http/url.hpp"
#include "adapters/sources/espn_scoreboard.hpp"
#include "adapters/sources/iso_time.hpp"
#include "adapters/sources/json_depth.hpp"
#include "adapters/sources/mlb_statsapi.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/stats_collector.hpp"
#include "cli/common_options.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "domain/events/canonical_event_id.hpp"

namespace sharpline::cli {
namespace {

namespace sources = adapters::sources;
namespace history = adapters::history;
using nlohmann::json;

constexpr const char* kMlbBaseUrl = "https://statsapi.mlb.com";

const std::map<std::string, std::string>& history_formats() {
  static const std::map<std::string, std::string> formats = {
      {"football-data", "collector:football-data"},
      {"nflverse", "collector:nflverse"},
      {"sbro", "collector:sbro"},
      {"retrosheet", "collector:retrosheet"}};
  return formats;
}

const std::map<std::string, std::string>& payload_formats() {
  static const std::map<std::string, std::string> formats = {
      {"espn-scoreboard", "collector:espn"},      {"espn-summary", "collector:espn"},
      {"mlb-schedule", "collector:mlb-statsapi"}, {"mlb-feed", "collector:mlb-statsapi"},
      {"mlb-boxscore", "collector:mlb-statsapi"}, {"mlb-linescore", "collector:mlb-statsapi"}};
  return formats;
}

nlohmann::ordered_json summary_of(const StatsTotals& totals) {
  return {{"published", totals.published},   {"unchanged", totals.unchanged},
          {"deadletter", totals.deadletter}, {"warnings", totals.warnings},
          {"payloads", totals.payloads},     {"failed_fetches", totals.failed_fetches}};
}

history::HistoryBatch load_history(const std::string& format, const std::filesystem::path& path) {
  if (format == "football-data")
    return std::filesystem::is_directory(path) ? history::load_football_data_dir(path)
                                               : history::load_football_data_file(path);
  if (format == "nflverse") return history::load_nflverse_games(path);
  if (format == "sbro") return history::load_sbro_file(path);
  return history::load_retrosheet_gameinfo(path);
}

json read_json_file(const std::string& path) {
  auto parsed = json::parse(history::read_gzip_file(path), nullptr, false);
  if (parsed.is_discarded()) throw std::runtime_error(path + ": not valid JSON");
  return parsed;
}

// The game a boxscore or linescore belongs to: the one game of a schedule or live feed file, or
// the one whose gamePk is `game_pk`.
domain::Event game_of(const std::string& path, std::optional<long long> game_pk, int64_t poll_ms,
                      const adapters::entities::EntityResolver& resolver) {
  const json payload = read_json_file(path);
  const auto parsed = payload.contains("gameData")
                          ? sources::parse_mlb_live_feed(payload, poll_ms, resolver)
                          : sources::parse_mlb_schedule(payload, poll_ms, resolver);
  std::vector<domain::Event> games;
  for (const auto& event : parsed.events) {
    const auto pk = event.external_ids.find(sources::kMlbStatsApiSource);
    if (!game_pk || (pk != event.external_ids.end() && pk->second == std::to_string(*game_pk)))
      games.push_back(event);
  }
  if (games.size() != 1)
    throw UsageError("--game-file " + path + " has " + std::to_string(games.size()) +
                     " matching games; name one with --game-pk");
  return games.front();
}

sources::ParsedStats parse_payload(const std::string& format, const json& payload,
                                   const std::string& sport, int64_t poll_ms,
                                   const adapters::entities::EntityResolver& resolver,
                                   const domain::Event* game) {
  if (format == "espn-scoreboard")
    return sources::parse_espn_scoreboard(payload, sport, poll_ms, resolver);
  if (format == "espn-summary")
    return sources::parse_espn_summary(payload, sport, poll_ms, resolver);
  if (format == "mlb-schedule") return sources::parse_mlb_schedule(payload, poll_ms, resolver);
  if (format == "mlb-feed") return sources::parse_mlb_live_feed(payload, poll_ms, resolver);
  if (format == "mlb-boxscore")
    return sources::parse_mlb_boxscore(payload, *game, poll_ms, resolver);
  return sources::parse_mlb_linescore(payload, *game, poll_ms);
}

struct LiveOptions {
  std::string feed;
  std::string sport;
  std::string base_url;
  std::optional<std::string> date;  // YYYY-MM-DD; default: today's game day
  bool once = false;
  std::chrono::seconds interval{60};
};

std::string game_day_text(const std::string& sport, int64_t now_ms) {
  const auto day = domain::events::game_day_of(sport, now_ms);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", day.year, day.month, day.day);
  return text;
}

// One GET; a body that cannot be parsed is a dead letter (deserialization), an HTTP or transport
// failure a failed fetch. Returns the parsed payload when there is one.
std::optional<json> fetch_json(adapters::http::ResilientHttpClient& client, const std::string& url,
                               StatsCollector& collector) {
  try {
    const auto response = client.get(url, {}, std::chrono::seconds(10));
    if (response.status != 200) {
      log_warn("stats fetch failed",
               {{"url", adapters::http::redact_url(url)}, {"status", response.status}});
      collector.failed_fetch();
      return std::nullopt;
    }
    auto payload = json::parse(response.body, nullptr, false);
    if (payload.is_discarded()) {
      collector.unreadable(adapters::http::redact_url(url) + ": response is not valid JSON",
                           response.body, wall_clock_ms());
      return std::nullopt;
    }
    return payload;
  } catch (const adapters::http::HttpError& error) {
    log_warn("stats fetch failed",
             {{"url", adapters::http::redact_url(url)}, {"error", error.what()}});
    collector.failed_fetch();
    return std::nullopt;
  }
}

void poll_live(const LiveOptions& options, const adapters::entities::EntityResolver& resolver,
               StatsCollector& collector) {
  adapters::http::ResilientHttpClient client{adapters::http::HttpClient{}};
  ShutdownSignals signals;
  const auto parse_or_letter = [&](auto&& parse, const json& payload, const std::string& url) {
    try {
      collector.payload(parse(payload), wall_clock_ms());
    } catch (const std::invalid_argument& error) {  // wrong top-level shape
      collector.unreadable(adapters::http::redact_url(url) + ": " + error.what(),
                           sources::nested_deeper_than(payload) ? "null" : payload.dump(),
                           wall_clock_ms());
    }
  };
  for (;;) {
    const int64_t now = wall_clock_ms();
    const std::string day = options.date.value_or(game_day_text(options.sport, now));
    if (options.feed == "espn") {
      std::string compact = day;
      std::erase(compact, '-');
      const std::string url =
          *sources::espn_scoreboard_url(options.base_url, options.sport) + "?dates=" + compact;
      if (const auto payload = fetch_json(client, url, collector))
        parse_or_letter(
            [&](const json& p) {
              return sources::parse_espn_scoreboard(p, options.sport, wall_clock_ms(), resolver);
            },
            *payload, url);
    } else {
      const std::string url = options.base_url + "/api/v1/schedule?sportId=1&date=" + day;
      if (const auto payload = fetch_json(client, url, collector)) {
        std::vector<std::string> live_games;
        parse_or_letter(
            [&](const json& p) {
              auto parsed = sources::parse_mlb_schedule(p, wall_clock_ms(), resolver);
              for (const auto& event : parsed.events)
                if (event.status == "in_progress")
                  live_games.push_back(event.external_ids.at(sources::kMlbStatsApiSource));
              return parsed;
            },
            *payload, url);
        // Games in progress: the live feed has the game-time weather and the box score.
        for (const auto& pk : live_games) {
          const std::string feed_url = options.base_url + "/api/v1.1/game/" + pk + "/feed/live";
          if (const auto feed = fetch_json(client, feed_url, collector))
            parse_or_letter(
                [&](const json& p) {
                  return sources::parse_mlb_live_feed(p, wall_clock_ms(), resolver);
                },
                *feed, feed_url);
        }
      }
    }
    collector.flush();
    if (options.once) return;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(options.interval);
    if (signals.wait_for(static_cast<int>(wait.count()))) return;
  }
}

}  // namespace

int collect_stats(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline collect stats",
                   "Collect game events, results, team stats and game weather (ESPN, MLB "
                   "StatsAPI) and historical files (football-data.co.uk, nflverse, "
                   "sportsbookreview, Retrosheet), publishing to sharpline.events.v1, "
                   ".results.v1, .weather.v1 and .odds.v1. Prints a JSON summary.");
  parser.option("source", "file|api", "Recorded payloads and files (file, default) or live APIs.")
      .option("format", "NAME",
              "With --source file: espn-scoreboard, espn-summary, mlb-schedule, mlb-feed, "
              "mlb-boxscore, mlb-linescore, football-data, nflverse, sbro or retrosheet.")
      .option("from-file", "PATH",
              "The payload or file (plain or .gz); a directory of CSVs for football-data.")
      .option("sport", "KEY", "Sport key for ESPN payloads, e.g. basketball_nba.")
      .option("poll-time", "ISO", "Fetch time of a recorded payload (default now).")
      .option("game-file", "FILE",
              "For mlb-boxscore/mlb-linescore: the schedule or live feed naming the game.")
      .option("game-pk", "N", "The game's gamePk when --game-file lists several.")
      .option("feed", "espn|mlb", "With --source api: which API to poll.")
      .option("date", "YYYY-MM-DD", "With --source api: the game day (default today).")
      .option("api-base", "URL", "Base URL of the API (for tests and proxies).")
      .option("interval", "SECONDS", "Seconds between live polls (default 60).")
      .option("mappings", "DIR", "Entity mapping tables (default: the source tree's).")
      .flag("once", "One live poll, then exit.");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const std::string source = parsed.get_or("source", "file");
  if (source != "file" && source != "api")
    parser.fail("--source must be file or api, got '" + source + "'");
  const auto resolver = adapters::entities::EntityResolver::load(
      parsed.has("mappings") ? std::filesystem::path(*parsed.get("mappings"))
                             : adapters::entities::default_mappings_dir());

  std::string format;
  std::string collector_name;
  LiveOptions live;
  if (source == "file") {
    format = parsed.get_or("format", "");
    if (history_formats().count(format)) {
      collector_name = history_formats().at(format);
    } else if (payload_formats().count(format)) {
      collector_name = payload_formats().at(format);
    } else {
      parser.fail(
          "--format must be one of espn-scoreboard, espn-summary, mlb-schedule, "
          "mlb-feed, mlb-boxscore, mlb-linescore, football-data, nflverse, sbro, "
          "retrosheet; got '" +
          format + "'");
    }
    if (!parsed.has("from-file")) parser.fail("missing --from-file PATH");
    if (format.starts_with("espn") && !parsed.has("sport"))
      parser.fail("--format " + format + " needs --sport KEY (e.g. basketball_nba)");
    if ((format == "mlb-boxscore" || format == "mlb-linescore") && !parsed.has("game-file"))
      parser.fail("--format " + format + " needs --game-file (the game's schedule or feed)");
  } else {
    live.feed = parsed.get_or("feed", "");
    if (live.feed != "espn" && live.feed != "mlb") parser.fail("--feed must be espn or mlb");
    live.sport = live.feed == "mlb" ? sources::kMlbSport : parsed.get_or("sport", "");
    if (live.feed == "espn" && !sources::espn_scoreboard_url("", live.sport))
      parser.fail("--sport '" + live.sport + "' has no ESPN scoreboard");
    live.base_url = parsed.get_or(
        "api-base", live.feed == "espn" ? std::string(sources::kEspnBaseUrl) : kMlbBaseUrl);
    while (!live.base_url.empty() && live.base_url.back() == '/') live.base_url.pop_back();
    live.date = parsed.get("date");
    live.once = parsed.has("once");
    const long long interval = parsed.get_int("interval").value_or(60);
    if (interval < 5 || interval > 86400) parser.fail("--interval must be 5..86400 seconds");
    live.interval = std::chrono::seconds(interval);
    collector_name = live.feed == "espn" ? "collector:espn" : "collector:mlb-statsapi";
  }
  int64_t poll_ms = wall_clock_ms();
  if (const auto text = parsed.get("poll-time")) {
    const auto parsed_time = sources::parse_iso8601_ms(*text);
    if (!parsed_time) parser.fail("--poll-time is not an ISO-8601 UTC time: " + *text);
    poll_ms = *parsed_time;
  }

  const Config config = config_from_args(parsed);
  init_command_logging(config, "collect-stats");
  auto context = BusContext::open(config);
  StatsCollector collector(*context, collector_name);
  if (source == "api") {
    poll_live(live, resolver, collector);
  } else if (history_formats().count(format)) {
    collector.history(load_history(format, *parsed.get("from-file")));
  } else {
    std::optional<domain::Event> game;
    if (const auto game_file = parsed.get("game-file"))
      game = game_of(*game_file, parsed.get_int("game-pk"), poll_ms, resolver);
    const json payload = read_json_file(*parsed.get("from-file"));
    collector.payload(parse_payload(format, payload, parsed.get_or("sport", ""), poll_ms, resolver,
                                    game ? &*game : nullptr),
                      poll_ms);
  }
  collector.flush();
  const auto summary = summary_of(collector.totals());
  log_info("collected", nlohmann::json(summary));
  out << summary.dump() << "\n";
  return 0;
}

}  // namespace sharpline::cli
