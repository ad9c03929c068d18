// ESPN scoreboard and summary payloads, each input read as both, for an NFL and an NBA league.
// Documented error: std::invalid_argument (not the expected top-level shape).
#include <nlohmann/json.hpp>

#include "adapters/entities/entity_resolver.hpp"
#include "adapters/sources/espn_scoreboard.hpp"
#include "stats_checks.hpp"

using namespace sharpline::adapters::sources;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto resolver = sharpline::adapters::entities::EntityResolver::load();
  const nlohmann::json payload = nlohmann::json::parse(data, data + size, nullptr, false);
  if (payload.is_discarded()) return 0;
  for (const char* sport : {"americanfootball_nfl", "basketball_nba"}) {
    try {
      sharpline::fuzz::check_parsed_stats(
          parse_espn_scoreboard(payload, sport, 1757483819000, resolver));
    } catch (const std::invalid_argument&) {
    }
    try {
      sharpline::fuzz::check_parsed_stats(
          parse_espn_summary(payload, sport, 1757483819000, resolver));
    } catch (const std::invalid_argument&) {
    }
  }
  return 0;
}
