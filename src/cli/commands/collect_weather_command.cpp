#include "cli/commands/collect_weather_command.hpp"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/history/gzip_file.hpp"
#include "adapters/http/resilient_http_client.hpp"
#include "adapters/http/url.hpp"
#include "adapters/sources/iso_time.hpp"
#include "adapters/sources/open_meteo.hpp"
#include "cli/args.hpp"
#include "cli/bus_context.hpp"
#include "cli/commands/event_source.hpp"
#include "cli/commands/weather_collector.hpp"
#include "cli/common_options.hpp"
#include "common/logging.hpp"
#include "common/signals.hpp"

namespace sharpline::cli {
namespace {

namespace sources = adapters::sources;
constexpr int64_t kDayMs = 86'400'000;

nlohmann::ordered_json summary_of(const WeatherTotals& totals) {
  return {{"published", totals.published},
          {"unchanged", totals.unchanged},
          {"deadletter", totals.deadletter},
          {"responses", totals.responses},
          {"failed_fetches", totals.failed_fetches}};
}

// A recorded file: one response (a JSON object with "hourly"), or JSON lines
// {"fetched_at": ISO, "venue": optional name, "response": {...}} (plain or gzip).
void replay_file(const std::string& path, std::optional<int64_t> fetch_time,
                 WeatherCollector& collector, const ArgParser& parser) {
  const std::string text = adapters::history::read_gzip_file(path);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw std::runtime_error(path + ": empty file");
  const auto whole = nlohmann::json::parse(text, nullptr, false);
  if (!whole.is_discarded() && whole.is_object() && !whole.contains("response")) {
    collector.response(text, fetch_time.value_or(wall_clock_ms()));
    return;
  }
  if (fetch_time) parser.fail("--fetch-time applies to a single-response file only");
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const auto record = nlohmann::json::parse(line, nullptr, false);
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (record.is_discarded() || !record.is_object() || !record.contains("response") ||
        !record["fetched_at"].is_string())
      throw std::runtime_error(where + R"(expected {"fetched_at": ISO, "response": {...}})");
    const auto fetched = sources::parse_iso8601_ms(record["fetched_at"].get<std::string>());
    if (!fetched) throw std::runtime_error(where + "fetched_at is not an ISO-8601 time");
    std::optional<std::string> venue;
    if (record.contains("venue") && record["venue"].is_string())
      venue = record["venue"].get<std::string>();
    collector.response(record["response"].dump(), *fetched, venue);
  }
}

struct LiveOptions {
  std::string base_url;
  bool once = false;
  std::chrono::seconds interval{3600};
  int64_t horizon_ms = 16 * kDayMs;
  std::optional<std::filesystem::path> events_file;
};

void poll_live(const LiveOptions& options, BusContext& context,
               const adapters::entities::EntityResolver& resolver, WeatherCollector& collector) {
  adapters::http::ResilientHttpClient client{adapters::http::HttpClient{}};
  ShutdownSignals signals;
  for (;;) {
    collector.set_events(options.events_file ? load_events_file(*options.events_file, resolver)
                                             : load_events_from_bus(context));
    const int64_t now = wall_clock_ms();
    for (const auto* venue : collector.venues_due(now, options.horizon_ms)) {
      const std::string url =
          sources::open_meteo_forecast_url(options.base_url, venue->latitude, venue->longitude);
      try {
        const auto response = client.get(url, {}, std::chrono::seconds(10));
        if (response.status != 200) {
          log_warn("weather fetch failed",
                   {{"url", adapters::http::redact_url(url)}, {"status", response.status}});
          collector.failed_fetch();
          continue;
        }
        collector.response(response.body, wall_clock_ms(), venue->name);
      } catch (const adapters::http::HttpError& error) {
        log_warn("weather fetch failed",
                 {{"url", adapters::http::redact_url(url)}, {"error", error.what()}});
        collector.failed_fetch();
      }
    }
    collector.flush();
    if (options.once) return;
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(options.interval);
    if (signals.wait_for(static_cast<int>(wait.count()))) return;
  }
}

}  // namespace

int collect_weather(std::span<const std::string> args, std::ostream& out) {
  ArgParser parser("sharpline collect weather",
                   "Collect Open-Meteo forecasts for the venues of upcoming events and publish "
                   "each event's kickoff-hour forecast to sharpline.weather.v1 when it changed. "
                   "Prints a JSON summary.");
  parser.option("source", "file|api", "Recorded responses (file, default) or Open-Meteo (api).")
      .option("from-file", "FILE",
              "One saved /v1/forecast response, or JSON lines {\"fetched_at\": ISO, \"venue\": "
              "optional name, \"response\": {...}} (plain or .gz).")
      .option("fetch-time", "ISO", "Fetch time of a single-response file (default now).")
      .option("events", "FILE",
              "Events to forecast: a The Odds API snapshot/response file or Event JSON lines "
              "(default: read sharpline.events.v1 from the bus).")
      .option("venues", "FILE", "Venues table (default: the NFL table in the source tree).")
      .option("mappings", "DIR", "Entity mapping tables (default: the source tree's).")
      .option("api-base", "URL", "Open-Meteo base URL (default https://api.open-meteo.com).")
      .option("interval", "SECONDS", "Seconds between live rounds (default 3600).")
      .option("horizon-days", "N", "Forecast events starting within N days (default 16).")
      .flag("once", "One live round, then exit.");
  add_common_options(parser, kConfigOptions | kBusOptions);
  const ParsedArgs parsed = parser.parse(args);
  const std::string source = parsed.get_or("source", "file");
  if (source != "file" && source != "api")
    parser.fail("--source must be file or api, got '" + source + "'");
  if (source == "file" && !parsed.has("from-file")) parser.fail("missing --from-file FILE");
  if (source == "api" && parsed.has("from-file")) parser.fail("--from-file is for --source file");
  std::optional<int64_t> fetch_time;
  if (const auto text = parsed.get("fetch-time")) {
    fetch_time = sources::parse_iso8601_ms(*text);
    if (!fetch_time) parser.fail("--fetch-time is not an ISO-8601 UTC time: " + *text);
  }
  LiveOptions live;
  live.base_url = parsed.get_or("api-base", std::string(sources::kOpenMeteoBaseUrl));
  live.once = parsed.has("once");
  const long long interval = parsed.get_int("interval").value_or(3600);
  if (interval < 1 || interval > 86400) parser.fail("--interval must be 1..86400 seconds");
  live.interval = std::chrono::seconds(interval);
  const long long horizon = parsed.get_int("horizon-days").value_or(16);
  if (horizon < 1 || horizon > 16) parser.fail("--horizon-days must be 1..16 (Open-Meteo's range)");
  live.horizon_ms = horizon * kDayMs;
  if (const auto path = parsed.get("events")) live.events_file = *path;
  const auto resolver = adapters::entities::EntityResolver::load(
      parsed.has("mappings") ? std::filesystem::path(*parsed.get("mappings"))
                             : adapters::entities::default_mappings_dir());
  auto venues = sources::load_venues(parsed.get_or("venues", sources::default_nfl_venues_path()));

  const Config config = config_from_args(parsed);
  init_command_logging(config, "collect-weather");
  auto context = BusContext::open(config);
  WeatherCollector collector(*context, std::move(venues));
  if (source == "file") {
    collector.set_events(live.events_file ? load_events_file(*live.events_file, resolver)
                                          : load_events_from_bus(*context));
    replay_file(*parsed.get("from-file"), fetch_time, collector, parser);
  } else {
    poll_live(live, *context, resolver, collector);
  }
  collector.flush();
  const auto summary = summary_of(collector.totals());
  log_info("collected", nlohmann::json(summary));
  out << summary.dump() << "\n";
  return 0;
}

}  // namespace sharpline::cli
