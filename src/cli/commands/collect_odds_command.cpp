#include "cli/commands/collect_odds_command.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/http/quota_tracker.hpp"
#include "adapters/http/resilient_http_client.hpp"
#include "adapters/sources/iso_time.hpp"
#include "adapters/sources/odds_api_client.hpp"
#include "adapters/sources/odds_api_snapshots.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/odds_collector.hpp"
#include "cli/common_options.hpp"
#include "common/config.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"
#include "domain/collect/poll_schedule.hpp"

namespace sharpline::cli {
namespace {

namespace sources = adapters::sources;

// File replays checkpoint (flush + state file) this often; live polls after every poll.
constexpr std::size_t kReplayCheckpointPolls = 500;

nlohmann::ordered_json summary_of(const OddsTotals& totals) {
  // Ordered so the line reads as documented: the three headline counts first.
  return {{"published", totals.published},   {"unchanged", totals.unchanged},
          {"deadletter", totals.deadletter}, {"removed", totals.removed},
          {"events", totals.events},         {"polls", totals.polls}};
}

// ---- --source api: the live poll loop (docs/collectors.md, "Live polling") ----

constexpr const char* kApiKeyKey = "odds_api.api_key";

std::vector<std::string> list_option(const ParsedArgs& parsed, const std::string& name,
                                     const std::string& fallback) {
  std::vector<std::string> values = parsed.all(name);
  if (values.empty()) values.push_back(fallback);
  std::vector<std::string> items;
  for (const auto& value : values) {
    for (auto item : split_list(value)) {
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty() && std::find(items.begin(), items.end(), item) == items.end())
        items.push_back(item);
    }
  }
  return items;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

// "baseball_mlb=300,americanfootball_nfl=900" -> seconds per sport.
std::map<std::string, long long> sport_intervals(const std::string& text) {
  std::map<std::string, long long> out;
  for (const auto& item : split_list(text)) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    long long seconds = 0;
    const char* first = item.data() + (eq == std::string::npos ? item.size() : eq + 1);
    const char* last = item.data() + item.size();
    const auto [end, error] = std::from_chars(first, last, seconds);
    if (eq == std::string::npos || eq == 0 || error != std::errc{} || end != last ||
        first == last) {
      throw ConfigError("odds_api.sport.intervals: expected SPORT=SECONDS, got '" + item + "'");
    }
    if (seconds < 1)
      throw ConfigError("odds_api.sport.intervals: interval of " + item.substr(0, eq) +
                        " must be at least 1 second");
    out[item.substr(0, eq)] = seconds;
  }
  return out;
}

// The fixed end of the quota period from odds_api.quota.until (checked before polling starts);
// nullopt: the start of the next month (UTC), when The Odds API's monthly credits reset.
std::optional<std::chrono::system_clock::time_point> configured_quota_until(const Config& config) {
  const std::string text = config.get_or("odds_api.quota.until", "");
  if (text.empty()) return std::nullopt;
  const auto ms = sources::parse_iso8601_ms(text);
  if (!ms) throw ConfigError("odds_api.quota.until is not an ISO-8601 UTC time: " + text);
  return std::chrono::system_clock::time_point{std::chrono::milliseconds(*ms)};
}

std::chrono::system_clock::time_point quota_until(
    const std::optional<std::chrono::system_clock::time_point>& configured,
    std::chrono::system_clock::time_point now) {
  if (configured) return *configured;
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(now)};
  const auto next = std::chrono::year_month{today.year(), today.month()} + std::chrono::months(1);
  return std::chrono::sys_days{next / std::chrono::day{1}};
}

std::vector<int64_t> commence_times(const nlohmann::json& response) {
  std::vector<int64_t> out;
  for (const auto& event : response) {
    if (!event.is_object()) continue;
    const auto at = event.find("commence_time");
    if (at == event.end() || !at->is_string()) continue;
    if (auto ms = sources::parse_iso8601_ms(at->get_ref<const std::string&>())) out.push_back(*ms);
  }
  return out;
}

int collect_odds_live(const ArgParser& parser, const ParsedArgs& parsed,
                      adapters::entities::EntityResolver resolver,
                      std::optional<std::filesystem::path> state_file, std::ostream& out) {
  for (const char* file_only : {"from-file", "poll-time"}) {
    if (parsed.has(file_only))
      parser.fail(std::string("--") + file_only + " applies to --source file only");
  }
  const bool once = parsed.has("once");
  const auto max_polls = parsed.get_int("max-polls");
  if (max_polls && *max_polls < 1) parser.fail("--max-polls must be at least 1");
  const auto interval_flag = parsed.get_int("interval");
  if (interval_flag && *interval_flag < 1) parser.fail("--interval must be at least 1 second");

  const Config config = config_from_args(parsed);
  const std::string api_key = config.get_or(kApiKeyKey, "");
  if (api_key.empty()) {
    parser.fail("missing The Odds API key: set " + env_var_for(kApiKeyKey) + " or " +
                env_var_for(kApiKeyKey) + "_FILE");
  }
  sources::OddsApiOptions options;
  options.api_key = api_key;
  options.base_url = parsed.get_or("api-base", config.get_or("odds_api.base.url", ""));
  if (options.base_url.empty()) options.base_url = sources::kOddsApiDefaultBaseUrl;
  options.regions = join(list_option(parsed, "regions", config.get_or("odds_api.regions", "us")));
  options.markets =
      join(list_option(parsed, "markets", config.get_or("odds_api.markets", "h2h,spreads,totals")));
  options.bookmakers =
      join(list_option(parsed, "bookmakers", config.get_or("odds_api.bookmakers", "")));
  if (options.regions.empty() && options.bookmakers.empty())
    parser.fail("--regions or --bookmakers must name at least one");
  if (options.markets.empty()) parser.fail("--markets must name at least one market");
  const auto format = sources::parse_odds_format(
      parsed.get_or("odds-format", config.get_or("odds_api.odds.format", "decimal")));
  if (!format) parser.fail("--odds-format must be american or decimal");
  options.odds_format = *format;
  options.timeout = std::chrono::milliseconds(std::max(1LL, config.get_int("odds_api.timeout.ms")));
  const auto sports = list_option(parsed, "sport", config.get_or("odds_api.sports", ""));
  if (sports.empty()) parser.fail("--sport: no sport given (nor odds_api.sports)");

  const auto base_interval =
      std::chrono::seconds(interval_flag.value_or(config.get_int("odds_api.interval.seconds")));
  const auto near_interval = std::chrono::seconds(config.get_int("odds_api.near.interval.seconds"));
  const auto overrides = sport_intervals(config.get_or("odds_api.sport.intervals", ""));
  std::vector<domain::collect::SportPollInterval> intervals;
  for (const auto& sport : sports) {
    auto it = overrides.find(sport);
    const auto interval = interval_flag || it == overrides.end()
                              ? std::chrono::duration_cast<std::chrono::milliseconds>(base_interval)
                              : std::chrono::milliseconds(it->second * 1000);
    intervals.push_back(
        {sport, interval,
         std::min(interval, std::chrono::duration_cast<std::chrono::milliseconds>(near_interval))});
  }
  const auto fixed_quota_until = configured_quota_until(config);
  domain::collect::PollScheduleOptions schedule_options;
  schedule_options.near_window =
      std::chrono::minutes(std::max(0LL, config.get_int("odds_api.near.window.minutes")));
  std::optional<domain::collect::PollSchedule> schedule_holder;
  try {
    schedule_holder.emplace(std::move(intervals), wall_clock_ms(), schedule_options);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string(e.what()) +
                      " (odds_api.interval.seconds, odds_api.near.interval.seconds)");
  }
  domain::collect::PollSchedule& schedule = *schedule_holder;

  init_command_logging(config, "collect-odds");
  ShutdownSignals signals;  // before any thread starts, so every thread inherits the mask
  auto context = BusContext::open(config);
  if (!once) log_info("collector http", {{"http", context->start_http()}});
  OddsCollector collector(*context, std::move(resolver), *format, state_file);
  if (collector.restored()) log_info("collector state restored", {{"file", state_file->string()}});

  adapters::http::QuotaTracker quota(std::chrono::milliseconds(0));
  adapters::http::ResilientHttpClient http(adapters::http::HttpClient{});
  sources::OddsApiClient client(http, quota, options);
  log_info("odds api polling", {{"url", client.redacted_url(sports.front())},
                                {"sports", sports},
                                {"regions", options.regions},
                                {"markets", options.markets},
                                {"once", once}});

  std::size_t failed_polls = 0;  // without a dead letter (the collector counts its own)
  long long attempts = 0;
  std::optional<int> signal;
  const auto poll = [&](const std::string& sport) {
    const auto result = client.fetch(sport);  // logs its own failures, redacted
    ++attempts;
    nlohmann::json fields = {{"sport", sport}};
    if (result.ok()) {
      const auto& snapshot = result.snapshot();
      const auto before = collector.totals();
      collector.poll(snapshot);
      schedule.record_poll(sport, snapshot.poll_ms);
      schedule.set_commence_times(sport, commence_times(snapshot.response));
      const auto& after = collector.totals();
      fields["events"] = snapshot.response.size();
      fields["published"] = after.published - before.published;
      fields["deadletter"] = after.deadletter - before.deadletter;
    } else {
      const auto& failure = result.failure();
      if (failure.kind == sources::OddsFetchErrorKind::kNotJson ||
          failure.kind == sources::OddsFetchErrorKind::kNotArray) {
        collector.failed_poll(failure.message, failure.body, failure.at_ms);
      } else {
        ++failed_polls;
      }
      schedule.record_poll(sport, failure.at_ms);
      fields["failed"] = std::string(sources::to_string(failure.kind));
    }
    collector.checkpoint();
    if (quota.remaining()) {
      const auto now = std::chrono::system_clock::now();
      schedule.set_quota_delay(quota.next_poll_delay(now, quota_until(fixed_quota_until, now)));
      fields["requests_remaining"] = *quota.remaining();
    }
    fields["quota_delay_ms"] = schedule.quota_delay().count();
    log_info("odds poll", fields);
  };

  if (once) {
    for (const auto& sport : sports) {
      if (max_polls && attempts >= *max_polls) break;
      if ((signal = signals.wait_for(0))) break;
      poll(sport);
    }
  } else {
    while (!max_polls || attempts < *max_polls) {
      const auto due = schedule.next_due();
      for (int64_t wait = due.at_ms - wall_clock_ms(); wait > 0 && !signal;
           wait = due.at_ms - wall_clock_ms()) {
        signal = signals.wait_for(static_cast<int>(std::min<int64_t>(wait, 1000)));
      }
      if (signal || (signal = signals.wait_for(0))) break;
      poll(due.sport);
    }
  }
  if (signal) log_info("collector stopping", {{"signal", *signal}});
  collector.checkpoint();
  const auto& totals = collector.totals();
  auto summary = summary_of(totals);
  summary["failed_polls"] = totals.failed_polls + failed_polls;
  log_info("collected", nlohmann::json(summary));
  out << summary.dump() << "\n";
  // --once is a check as much as a poll: exit 1 when not one poll brought a response.
  return once && totals.polls == 0 && attempts > 0 ? 1 : 0;
}

}  // namespace

int collect_odds(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline collect odds",
                   "Collect The Odds API v4 /odds polls, publish quote changes (NEW, CHANGED, "
                   "REMOVED) to sharpline.odds.v1, new or changed events to sharpline.events.v1 "
                   "and invalid items to sharpline.deadletter.v1. Prints a JSON summary.");
  parser
      .option("source", "file|api",
              "Where polls come from: 'file' (recorded polls, the default) or 'api' (The Odds "
              "API v4, key from SHARPLINE_ODDS_API_API_KEY or SHARPLINE_ODDS_API_API_KEY_FILE).")
      .option("from-file", "FILE",
              "Snapshot JSON lines ({\"committed_at\":..., \"response\":[...]} per poll, plain "
              "or .gz) or one saved response (a JSON array).")
      .option("odds-format", "american|decimal",
              "Price format of the payload, as requested with oddsFormat (default decimal; api: "
              "odds_api.odds.format).")
      .option("poll-time", "ISO",
              "Poll time of a single-response file, e.g. 2026-08-08T19:15:00Z (default now). "
              "Snapshot lines carry their own time.")
      .option("state-file", "FILE",
              "Keep the collector's quotes, events and event ids here across restarts "
              "(written atomically after deliveries are confirmed).")
      .option("mappings", "DIR", "Entity mapping tables (default: the source tree's).")
      .option("sport", "KEY[,KEY]",
              "api: sport keys to poll round-robin, repeatable (default odds_api.sports).", true)
      .option("regions", "LIST", "api: regions= of the request (default odds_api.regions, us).")
      .option("markets", "LIST",
              "api: markets= of the request (default odds_api.markets, h2h,spreads,totals).")
      .option("bookmakers", "LIST", "api: bookmakers= of the request (default: not sent).")
      .option("interval", "SECONDS",
              "api: base poll interval per sport (default odds_api.interval.seconds, 600); "
              "sports with an event starting soon poll faster, the quota may slow them down.")
      .flag("once", "api: poll every sport once, then exit.")
      .option("max-polls", "N", "api: stop after N polls (failed ones included).")
      .option("api-base", "URL",
              "api: base URL instead of https://api.the-odds-api.com (odds_api.base.url).");
  add_common_options(parser, kConfigOptions | kBusOptions | kHttpOptions);
  const ParsedArgs parsed = parser.parse(args);
  const std::string source = parsed.get_or("source", "file");
  if (source != "file" && source != "api")
    parser.fail("--source must be file or api, got '" + source + "'");
  if (source == "api") {
    std::optional<std::filesystem::path> state_file;
    if (const auto path = parsed.get("state-file")) state_file = *path;
    auto resolver = adapters::entities::EntityResolver::load(
        parsed.has("mappings") ? std::filesystem::path(*parsed.get("mappings"))
                               : adapters::entities::default_mappings_dir());
    return collect_odds_live(parser, parsed, std::move(resolver), state_file, out);
  }
  for (const char* api_only :
       {"sport", "regions", "markets", "bookmakers", "interval", "once", "max-polls", "api-base"}) {
    if (parsed.has(api_only))
      parser.fail(std::string("--") + api_only + " applies to --source api only");
  }
  const auto file = parsed.get("from-file");
  if (!file) parser.fail("missing --from-file FILE");
  const auto format = sources::parse_odds_format(parsed.get_or("odds-format", "decimal"));
  if (!format) parser.fail("--odds-format must be american or decimal");
  std::optional<int64_t> poll_time;
  if (const auto text = parsed.get("poll-time")) {
    poll_time = sources::parse_iso8601_ms(*text);
    if (!poll_time) parser.fail("--poll-time is not an ISO-8601 UTC time: " + *text);
  }
  auto resolver = adapters::entities::EntityResolver::load(
      parsed.has("mappings") ? std::filesystem::path(*parsed.get("mappings"))
                             : adapters::entities::default_mappings_dir());
  const bool single = sources::is_single_response_file(*file);
  if (!single && poll_time) parser.fail("--poll-time applies to a single-response file only");
  std::optional<std::filesystem::path> state_file;
  if (const auto path = parsed.get("state-file")) state_file = *path;

  const Config config = config_from_args(parsed);
  init_command_logging(config, "collect-odds");
  auto context = BusContext::open(config);
  OddsCollector collector(*context, std::move(resolver), *format, state_file);
  if (collector.restored()) log_info("collector state restored", {{"file", state_file->string()}});
  if (single) {
    collector.poll(sources::read_single_response(*file, poll_time.value_or(wall_clock_ms())));
  } else {
    sources::SnapshotReader reader(*file);
    while (const auto snapshot = reader.next()) {
      collector.poll(*snapshot);
      if (state_file && collector.totals().polls % kReplayCheckpointPolls == 0)
        collector.checkpoint();
    }
  }
  collector.checkpoint();
  const auto summary = summary_of(collector.totals());
  log_info("collected", nlohmann::json(summary));
  out << summary.dump() << "\n";
  return 0;
}

}  // namespace sharpline::cli
