#pragma once

// The weather collector's work per Open-Meteo response, whether it was recorded or just fetched:
// find the venue the forecast is for, the events played there within the forecast, and publish
// each event's kickoff-hour report when it changed. See docs/collectors-http.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sources/venues.hpp"
#include "cli/commands/collect_publisher.hpp"
#include "domain/collect/latest_record_tracker.hpp"
#include "domain/records/records.hpp"

namespace sharpline::cli {

struct WeatherTotals {
  std::size_t published = 0;   // reports new or changed
  std::size_t unchanged = 0;   // same forecast as last published
  std::size_t deadletter = 0;  // responses or (response, event) pairs that could not be used
  std::size_t responses = 0;   // responses read
  std::size_t failed_fetches = 0;
};

// A recorded or fetched response is matched to a venue within this distance of its grid point
// (Open-Meteo snaps coordinates to a model cell a few km away).
inline constexpr double kVenueMatchKm = 30.0;

// The venue nearest to (latitude, longitude) within kVenueMatchKm, else nullptr.
const adapters::sources::Venue* nearest_venue(const std::vector<adapters::sources::Venue>& venues,
                                              double latitude, double longitude);

class WeatherCollector {
 public:
  WeatherCollector(BusContext& context, std::vector<adapters::sources::Venue> venues);

  void set_events(std::vector<domain::Event> events) { events_ = std::move(events); }

  // One response. `venue` names the venue it was requested for (live fetches, recorded lines
  // that say so); otherwise the venue nearest the response's grid point. Every event at that
  // venue (home team plays there, not a neutral site) whose kickoff the forecast covers gets a
  // report: published if new or changed, else counted unchanged.
  void response(std::string_view body, int64_t fetched_ms,
                std::optional<std::string> venue = std::nullopt);
  // A fetch that brought no body (HTTP or transport failure): logged and counted only.
  void failed_fetch() { ++totals_.failed_fetches; }

  // Venues with at least one event whose kickoff is in (now, now + horizon): what to fetch.
  std::vector<const adapters::sources::Venue*> venues_due(int64_t now_ms, int64_t horizon_ms) const;

  void flush() { publisher_.flush(); }
  const WeatherTotals& totals() const { return totals_; }

 private:
  void reject(std::string event_id, std::string reason, std::string_view raw, int64_t fetched_ms,
              std::string_view kind);

  CollectPublisher publisher_;
  std::vector<adapters::sources::Venue> venues_;
  std::vector<domain::Event> events_;
  domain::collect::WeatherTracker tracker_;
  WeatherTotals totals_;
};

}  // namespace sharpline::cli
