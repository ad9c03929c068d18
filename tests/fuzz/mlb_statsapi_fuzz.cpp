// MLB StatsAPI payloads, each input read as a schedule, a live feed, a boxscore and a linescore
// (the last two for the first game the input itself yields, else a fixed one). Documented error:
// std::invalid_argument (not the expected top-level shape).
#include <nlohmann/json.hpp>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/mlb_statsapi.hpp"
#include "stats_checks.hpp"

using namespace sharpline::adapters::sources;
using sharpline::fuzz::check_parsed_stats;

namespace {

constexpr int64_t kPollMs = 1719878400000;  // 2024-07-02T00:00:00Z

sharpline::domain::Event fixed_game() {
  sharpline::domain::Event game;
  game.event_id = "baseball_mlb:2024-07-01:houston-astros@toronto-blue-jays";
  game.sport = "baseball_mlb";
  game.home_team = "Toronto Blue Jays";
  game.away_team = "Houston Astros";
  game.commence_ms = 1719864420000;
  game.status = "final";
  game.source = "mlb-statsapi";
  game.external_ids["mlb-statsapi"] = "744914";
  return game;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto resolver = sharpline::adapters::entities::EntityResolver::load();
  static const auto fallback = fixed_game();
  const nlohmann::json payload = nlohmann::json::parse(data, data + size, nullptr, false);
  if (payload.is_discarded()) return 0;
  std::optional<sharpline::domain::Event> game;
  try {
    const auto parsed = parse_mlb_schedule(payload, kPollMs, resolver);
    check_parsed_stats(parsed);
    if (!parsed.events.empty()) game = parsed.events.front();
  } catch (const std::invalid_argument&) {
  }
  try {
    const auto parsed = parse_mlb_live_feed(payload, kPollMs, resolver);
    check_parsed_stats(parsed);
    if (!game && !parsed.events.empty()) game = parsed.events.front();
  } catch (const std::invalid_argument&) {
  }
  const auto& known = game ? *game : fallback;
  try {
    check_parsed_stats(parse_mlb_boxscore(payload, known, kPollMs, resolver));
  } catch (const std::invalid_argument&) {
  }
  try {
    check_parsed_stats(parse_mlb_linescore(payload, known, kPollMs));
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
