#include "cli/commands/weather_collector.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "adapters/sources/open_meteo.hpp"

namespace sharpline::cli {
namespace {

constexpr const char* kCollectorName = "collector:open-meteo";
constexpr std::size_t kMaxRawBody = std::size_t{64} * 1024;

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  const auto radians = [](double degrees) { return degrees * std::numbers::pi / 180.0; };
  const double dlat = radians(lat2 - lat1);
  const double dlon = radians(lon2 - lon1);
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(radians(lat1)) * std::cos(radians(lat2)) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

bool plays_at(const adapters::sources::Venue& venue, const domain::Event& event) {
  return !event.neutral_site &&
         std::find(venue.teams.begin(), venue.teams.end(), event.home_team) != venue.teams.end();
}

}  // namespace

const adapters::sources::Venue* nearest_venue(const std::vector<adapters::sources::Venue>& venues,
                                              double latitude, double longitude) {
  const adapters::sources::Venue* best = nullptr;
  double best_km = kVenueMatchKm;
  for (const auto& venue : venues) {
    const double km = distance_km(latitude, longitude, venue.latitude, venue.longitude);
    if (km <= best_km) {
      best = &venue;
      best_km = km;
    }
  }
  return best;
}

WeatherCollector::WeatherCollector(BusContext& context,
                                   std::vector<adapters::sources::Venue> venues)
    : publisher_(context, kCollectorName), venues_(std::move(venues)) {}

void WeatherCollector::reject(std::string event_id, std::string reason, std::string_view raw,
                              int64_t fetched_ms, std::string_view kind) {
  adapters::sources::RejectedItem rejected;
  rejected.event_id = std::move(event_id);
  rejected.reason = std::move(reason);
  rejected.raw = std::string(raw.substr(0, kMaxRawBody));
  publisher_.dead_letter(rejected, fetched_ms, "open-meteo response", kind);
  ++totals_.deadletter;
}

void WeatherCollector::response(std::string_view body, int64_t fetched_ms,
                                std::optional<std::string> venue_name) {
  ++totals_.responses;
  adapters::sources::ForecastCoverage coverage;
  try {
    coverage = adapters::sources::open_meteo_coverage(body);
  } catch (const adapters::sources::OpenMeteoParseError& error) {
    reject({}, error.what(), body, fetched_ms, "deserialization");
    return;
  }
  const adapters::sources::Venue* venue = nullptr;
  if (venue_name) {
    const auto found = std::find_if(venues_.begin(), venues_.end(),
                                    [&](const auto& v) { return v.name == *venue_name; });
    if (found == venues_.end()) {
      reject({}, "open-meteo: unknown venue '" + *venue_name + "'", body, fetched_ms, "validation");
      return;
    }
    venue = &*found;
  } else if (coverage.latitude && coverage.longitude) {
    venue = nearest_venue(venues_, *coverage.latitude, *coverage.longitude);
  }
  if (venue == nullptr) {
    reject({},
           "open-meteo: no venue within " + std::to_string(static_cast<int>(kVenueMatchKm)) +
               " km of the forecast's grid point",
           body, fetched_ms, "validation");
    return;
  }
  for (const auto& event : events_) {
    if (!plays_at(*venue, event)) continue;
    if (event.commence_ms < coverage.from_ms || event.commence_ms >= coverage.until_ms) continue;
    adapters::sources::WeatherEventContext context;
    context.event_id = event.event_id;
    context.kickoff_ms = event.commence_ms;
    context.venue = venue->name;
    context.latitude = venue->latitude;
    context.longitude = venue->longitude;
    context.roof = venue->roof;
    context.observed_ms = fetched_ms;
    try {
      const auto report = adapters::sources::parse_open_meteo_forecast(body, context);
      if (tracker_.observe(report)) {
        publisher_.publish(report, fetched_ms);
        ++totals_.published;
      } else {
        ++totals_.unchanged;
      }
    } catch (const adapters::sources::OpenMeteoParseError& error) {
      reject(event.event_id, std::string("event ") + event.event_id + ": " + error.what(), body,
             fetched_ms, "validation");
    }
  }
}

std::vector<const adapters::sources::Venue*> WeatherCollector::venues_due(
    int64_t now_ms, int64_t horizon_ms) const {
  std::vector<const adapters::sources::Venue*> due;
  for (const auto& venue : venues_) {
    const bool any = std::any_of(events_.begin(), events_.end(), [&](const auto& event) {
      return plays_at(venue, event) && event.commence_ms > now_ms &&
             event.commence_ms <= now_ms + horizon_ms;
    });
    if (any) due.push_back(&venue);
  }
  return due;
}

}  // namespace sharpline::cli
