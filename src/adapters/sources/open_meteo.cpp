#include "adapters/sources/open_meteo.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <vector>

namespace sharpline::adapters::sources {

namespace {

using nlohmann::json;

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kMaxUnixSeconds = 10'000'000'000'000;

std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  auto first = text.data() + pos;
  auto [end, ec] = std::from_chars(first, first + count, value);
  if (ec != std::errc{} || end != first + count) return std::nullopt;
  return value;
}

// A unit conversion to the record's unit, chosen by the response's hourly_units entry.
using Convert = std::function<double(double)>;

Convert temperature_unit(const std::string& unit) {
  if (unit == "°C") return [](double c) { return c; };
  if (unit == "°F") return [](double f) { return (f - 32.0) * 5.0 / 9.0; };
  return nullptr;
}
Convert speed_unit(const std::string& unit) {
  if (unit == "km/h") return [](double v) { return v; };
  if (unit == "mp/h" || unit == "mph") return [](double v) { return v * 1.609344; };
  if (unit == "m/s" || unit == "ms") return [](double v) { return v * 3.6; };
  if (unit == "kn") return [](double v) { return v * 1.852; };
  return nullptr;
}
Convert length_unit(const std::string& unit) {
  if (unit == "mm") return [](double v) { return v; };
  if (unit == "inch") return [](double v) { return v * 25.4; };
  return nullptr;
}
// Snow depth in mm of snow (not water); the caller turns it into water equivalent.
Convert snow_unit(const std::string& unit) {
  if (unit == "cm") return [](double v) { return v * 10.0; };
  if (unit == "inch") return [](double v) { return v * 25.4; };
  return nullptr;
}
Convert percent_unit(const std::string& unit) {
  if (unit == "%") return [](double v) { return v / 100.0; };
  return nullptr;
}
Convert degree_unit(const std::string& unit) {
  if (unit == "°") return [](double v) { return v; };
  return nullptr;
}

class Parser {
 public:
  Parser(std::string_view body, const WeatherEventContext& event) : event_(event) {
    root_ = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (root_.is_discarded()) throw OpenMeteoParseError("(document)", "not valid JSON");
    if (!root_.is_object()) throw OpenMeteoParseError("(document)", "expected a JSON object");
    hourly_ = &object_at(root_, "hourly", "hourly");
    if (auto it = root_.find("hourly_units"); it != root_.end()) {
      if (!it->is_object()) throw OpenMeteoParseError("hourly_units", "expected an object");
      units_ = &*it;
    }
  }

  ForecastCoverage coverage() const {
    const auto starts = hour_starts(utc_offset_seconds());
    ForecastCoverage covered;
    covered.latitude = optional_number(root_, "latitude");
    covered.longitude = optional_number(root_, "longitude");
    covered.from_ms = starts.front();
    covered.until_ms = starts.back() + kHourMs;
    return covered;
  }

  domain::WeatherReport parse() {
    auto offset = utc_offset_seconds();
    auto times = hour_starts(offset);
    auto index = kickoff_index(times);

    domain::WeatherReport report;
    report.event_id = event_.event_id;
    report.venue = event_.venue;
    report.latitude = event_.latitude ? event_.latitude : optional_number(root_, "latitude");
    report.longitude = event_.longitude ? event_.longitude : optional_number(root_, "longitude");
    report.forecast_for_ms = times[index];
    report.kind = "forecast";
    report.roof = event_.roof;
    report.observed_ms = event_.observed_ms;
    report.source = std::string(kOpenMeteoSource);

    // Open-Meteo stamps instant values (temperature, wind speed and direction) at the moment
    // itself, but sums and maxima (precipitation and its parts, its probability, gusts) at the
    // end of the hour they cover. The kickoff hour [t_i, t_i+1) is therefore instant values at i
    // and hour values at i + 1; for the last hour of the forecast the latter are unknown.
    const auto count = times.size();
    const auto hour_end = index + 1;
    report.temperature_c = value({"temperature_2m"}, index, count, "°C", temperature_unit);
    report.wind_speed_kmh =
        value({"wind_speed_10m", "windspeed_10m"}, index, count, "km/h", speed_unit);
    report.wind_direction_deg =
        value({"wind_direction_10m", "winddirection_10m"}, index, count, "°", degree_unit);
    report.precipitation_mm = hourly_->contains("precipitation")
                                  ? value({"precipitation"}, hour_end, count, "mm", length_unit)
                                  : summed_precipitation(hour_end, count);
    report.precipitation_probability =
        value({"precipitation_probability"}, hour_end, count, "%", percent_unit);
    report.wind_gust_kmh =
        value({"wind_gusts_10m", "windgusts_10m"}, hour_end, count, "km/h", speed_unit);
    return report;
  }

 private:
  static const json& object_at(const json& parent, const char* key, const std::string& path) {
    auto it = parent.find(key);
    if (it == parent.end()) throw OpenMeteoParseError(path, "missing");
    if (!it->is_object()) throw OpenMeteoParseError(path, "expected an object");
    return *it;
  }

  static std::optional<double> optional_number(const json& parent, const char* key) {
    auto it = parent.find(key);
    if (it == parent.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
  }

  // Open-Meteo gives one offset for the whole response and keeps it across DST changes (the
  // Toronto sample has 2026-03-08T02:00, a local time that does not exist that night), so the
  // offset, not the time-zone rules, turns the local time strings into UTC.
  int64_t utc_offset_seconds() const {
    auto it = root_.find("utc_offset_seconds");
    if (it == root_.end()) return 0;  // Open-Meteo's default timezone is GMT
    if (!it->is_number_integer()) {
      throw OpenMeteoParseError("utc_offset_seconds", "expected an integer");
    }
    return it->get<int64_t>();
  }

  std::vector<int64_t> hour_starts(int64_t offset) const {
    const json& time = array_at("time");
    if (time.empty()) throw OpenMeteoParseError("hourly.time", "empty");
    std::vector<int64_t> starts;
    starts.reserve(time.size());
    for (std::size_t i = 0; i < time.size(); ++i) {
      const auto& item = time[i];
      auto path = "hourly.time[" + std::to_string(i) + "]";
      if (item.is_number_integer()) {  // timeformat=unixtime: UTC seconds
        auto seconds = item.get<int64_t>();
        // Beyond year ±300000 the milliseconds would overflow; no forecast is that far out.
        if (seconds > kMaxUnixSeconds || seconds < -kMaxUnixSeconds) {
          throw OpenMeteoParseError(path, "time out of range");
        }
        starts.push_back(seconds * 1000);
      } else if (item.is_string()) {
        auto ms = parse_open_meteo_time(item.get_ref<const std::string&>(), offset);
        if (!ms) throw OpenMeteoParseError(path, "expected a time like 2026-03-04T13:00");
        starts.push_back(*ms);
      } else {
        throw OpenMeteoParseError(path, "expected a time string");
      }
      if (i > 0 && starts[i] <= starts[i - 1]) {
        throw OpenMeteoParseError(path, "times not in increasing order");
      }
    }
    return starts;
  }

  std::size_t kickoff_index(const std::vector<int64_t>& starts) const {
    auto kickoff = event_.kickoff_ms;
    for (std::size_t i = 0; i < starts.size(); ++i) {
      auto end = i + 1 < starts.size() ? starts[i + 1] : starts[i] + kHourMs;
      if (starts[i] <= kickoff && kickoff < end) return i;
    }
    throw OpenMeteoParseError("hourly.time", "kickoff " + std::to_string(kickoff) +
                                                 " ms is outside the forecast (" +
                                                 std::to_string(starts.front()) + " .. " +
                                                 std::to_string(starts.back() + kHourMs) + " ms)");
  }

  const json& array_at(const std::string& name) const {
    auto path = "hourly." + name;
    auto it = hourly_->find(name);
    if (it == hourly_->end()) throw OpenMeteoParseError(path, "missing");
    if (!it->is_array()) throw OpenMeteoParseError(path, "expected an array");
    return *it;
  }

  std::string unit_of(const std::string& name, const char* fallback) const {
    if (!units_) return fallback;
    auto it = units_->find(name);
    if (it == units_->end()) return fallback;
    if (!it->is_string()) throw OpenMeteoParseError("hourly_units." + name, "expected a string");
    return it->get<std::string>();
  }

  // The first present name among `names` (modern before legacy); absent variable, null value or
  // `index` past the end -> nullopt.
  // The whole array is checked, so a payload with a bad value elsewhere is rejected as a whole.
  std::optional<double> value(std::initializer_list<const char*> names, std::size_t index,
                              std::size_t count, const char* default_unit,
                              Convert (*unit_for)(const std::string&)) const {
    for (const char* name : names) {
      if (!hourly_->contains(name)) continue;
      const json& values = array_at(name);
      auto path = std::string("hourly.") + name;
      if (values.size() != count) {
        throw OpenMeteoParseError(path, std::to_string(values.size()) + " values for " +
                                            std::to_string(count) + " times");
      }
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i].is_null() && !values[i].is_number()) {
          throw OpenMeteoParseError(path + "[" + std::to_string(i) + "]", "expected a number");
        }
      }
      auto unit = unit_of(name, default_unit);
      auto convert = unit_for(unit);
      if (!convert)
        throw OpenMeteoParseError("hourly_units." + std::string(name),
                                  "unsupported unit '" + unit + "'");
      if (index >= count || values[index].is_null()) return std::nullopt;
      return convert(values[index].get<double>());
    }
    return std::nullopt;
  }

  // Older requests ask for the parts instead of `precipitation`. Open-Meteo defines
  // precipitation = rain + showers + snowfall as water, and snowfall in cm of snow with
  // 7 cm of snow = 10 mm of water; all three are needed, otherwise the sum is unknown.
  std::optional<double> summed_precipitation(std::size_t index, std::size_t count) const {
    if (!hourly_->contains("rain") || !hourly_->contains("showers") ||
        !hourly_->contains("snowfall")) {
      return std::nullopt;
    }
    auto rain = value({"rain"}, index, count, "mm", length_unit);
    auto showers = value({"showers"}, index, count, "mm", length_unit);
    auto snow_depth_mm = value({"snowfall"}, index, count, "cm", snow_unit);
    if (!rain || !showers || !snow_depth_mm) return std::nullopt;
    return *rain + *showers + *snow_depth_mm / 7.0;
  }

  const WeatherEventContext& event_;
  json root_;
  const json* hourly_ = nullptr;
  const json* units_ = nullptr;
};

}  // namespace

std::string open_meteo_forecast_url(std::string_view base_url, double latitude, double longitude,
                                    int forecast_days) {
  char coordinates[96];
  std::snprintf(coordinates, sizeof coordinates, "latitude=%.4f&longitude=%.4f", latitude,
                longitude);
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/v1/forecast?";
  url += coordinates;
  url +=
      "&hourly=temperature_2m,precipitation,precipitation_probability,wind_speed_10m,"
      "wind_gusts_10m,wind_direction_10m&timezone=GMT&forecast_days=";
  url += std::to_string(forecast_days);
  return url;
}

ForecastCoverage open_meteo_coverage(std::string_view body) {
  const WeatherEventContext none;
  return Parser(body, none).coverage();
}

std::optional<int64_t> parse_open_meteo_time(std::string_view text, int64_t utc_offset_seconds) {
  // YYYY-MM-DDTHH:MM[:SS]
  if ((text.size() != 16 && text.size() != 19) || text[4] != '-' || text[7] != '-' ||
      text[10] != 'T' || text[13] != ':' || (text.size() == 19 && text[16] != ':')) {
    return std::nullopt;
  }
  auto year = digits(text, 0, 4);
  auto month = digits(text, 5, 2);
  auto day = digits(text, 8, 2);
  auto hour = digits(text, 11, 2);
  auto minute = digits(text, 14, 2);
  auto second = text.size() == 19 ? digits(text, 17, 2) : std::optional<int>(0);
  if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 ||
      *second > 59) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year{*year},
                                   std::chrono::month{static_cast<unsigned>(*month)},
                                   std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  auto local = std::chrono::sys_days{date} + std::chrono::hours{*hour} +
               std::chrono::minutes{*minute} + std::chrono::seconds{*second};
  auto utc = local - std::chrono::seconds{utc_offset_seconds};
  return std::chrono::duration_cast<std::chrono::milliseconds>(utc.time_since_epoch()).count();
}

domain::WeatherReport parse_open_meteo_forecast(std::string_view body,
                                                const WeatherEventContext& event) {
  return Parser(body, event).parse();
}

}  // namespace sharpline::adapters::sources
