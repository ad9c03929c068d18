// Open-Meteo /v1/forecast responses. Each input is parsed for a kickoff 90 minutes after its
// first forecast hour (when that can be read) and for a fixed kickoff. Documented error:
// OpenMeteoParseError (also for text that is not JSON).
#include <nlohmann/json.hpp>
#include <optional>

#include "adapters/sources/open_meteo.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace sharpline::adapters::sources;

// The first hour of hourly.time, so that seeds reach the per-hour values.
std::optional<int64_t> first_hour_ms(std::string_view body) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  const auto hourly = doc.find("hourly");
  if (hourly == doc.end() || !hourly->is_object()) return std::nullopt;
  const auto time = hourly->find("time");
  if (time == hourly->end() || !time->is_array() || time->empty()) return std::nullopt;
  int64_t offset = 0;
  const auto o = doc.find("utc_offset_seconds");
  if (o != doc.end() && o->is_number_integer()) offset = o->get<int64_t>();
  if (offset < -86400 || offset > 86400) return std::nullopt;
  const auto& first = time->front();
  if (first.is_string()) return parse_open_meteo_time(first.get_ref<const std::string&>(), offset);
  return std::nullopt;
}

void parse(std::string_view body, int64_t kickoff_ms, bool with_venue) {
  WeatherEventContext event;
  event.event_id = "fuzz-event";
  event.kickoff_ms = kickoff_ms;
  event.observed_ms = 1756684800000;
  if (with_venue) {
    event.venue = "MetLife Stadium";
    event.latitude = 40.8135;
    event.longitude = -74.0745;
    event.roof = "outdoors";
  }
  try {
    const auto report = parse_open_meteo_forecast(body, event);
    SHARPLINE_FUZZ_CHECK(report.event_id == event.event_id);
    SHARPLINE_FUZZ_CHECK(report.observed_ms == event.observed_ms);
  } catch (const OpenMeteoParseError& e) {
    SHARPLINE_FUZZ_CHECK(!e.field().empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = sharpline::fuzz::as_text(data, size);
  if (const auto first = first_hour_ms(body)) parse(body, *first + 90 * 60 * 1000, size % 2 == 0);
  parse(body, 1756746000000, size % 2 == 1);  // 2025-09-01T17:00:00Z
  return 0;
}
