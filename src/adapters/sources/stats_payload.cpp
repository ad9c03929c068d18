#include "adapters/sources/stats_payload.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <exception>
#include <stdexcept>

#include "adapters/sources/iso_time.hpp"
#include "adapters/sources/json_depth.hpp"

namespace sharpline::adapters::sources {

void reject_deep_payload(const nlohmann::json& payload, std::string_view parser) {
  if (nested_deeper_than(payload))
    throw std::invalid_argument(std::string(parser) + ": payload nested deeper than " +
                                std::to_string(kMaxJsonDepth) + " levels");
}

double fahrenheit_to_celsius(double fahrenheit) {
  return (fahrenheit - 32.0) * 5.0 / 9.0;
}
double mph_to_kmh(double mph) {
  return mph * 1.609344;
}

namespace stats_json {
namespace {

using nlohmann::json;

// Times outside this window are corrupt payloads, not real games.
constexpr int64_t kEarliestMs = 946684800000LL;  // 2000-01-01
constexpr int64_t kLatestMs = 4102444800000LL;   // 2100-01-01

// Error messages quote the offending value, cut short: an item can be a whole nested object.
std::string quoted(const json& value) {
  std::string text = value.dump();
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

std::optional<int64_t> integer_in(std::string_view text) {
  int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

std::string at(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string at(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

const json* find(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

const json& require(const json& object, std::string_view key, const std::string& path) {
  const json* value = find(object, key);
  if (value == nullptr) throw Invalid{at(path, key), "missing"};
  return *value;
}

const json& require_object(const json& object, std::string_view key, const std::string& path) {
  const json& value = require(object, key, path);
  if (!value.is_object()) throw Invalid{at(path, key), "not an object: " + quoted(value)};
  return value;
}

const json& require_array(const json& object, std::string_view key, const std::string& path) {
  const json& value = require(object, key, path);
  if (!value.is_array()) throw Invalid{at(path, key), "not an array: " + quoted(value)};
  return value;
}

std::string require_string(const json& object, std::string_view key, const std::string& path) {
  const json& value = require(object, key, path);
  if (!value.is_string()) throw Invalid{at(path, key), "not a string: " + quoted(value)};
  if (value.get_ref<const std::string&>().empty()) throw Invalid{at(path, key), "empty"};
  return value.get<std::string>();
}

std::optional<std::string> optional_string(const json& object, std::string_view key,
                                           const std::string& path) {
  const json* value = find(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) throw Invalid{at(path, key), "not a string: " + quoted(*value)};
  return value->get<std::string>();
}

std::optional<bool> optional_bool(const json& object, std::string_view key,
                                  const std::string& path) {
  const json* value = find(object, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) throw Invalid{at(path, key), "not a boolean: " + quoted(*value)};
  return value->get<bool>();
}

std::optional<int64_t> optional_integer(const json& object, std::string_view key,
                                        const std::string& path) {
  const json* value = find(object, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_integer()) return value->get<int64_t>();
  if (value->is_string()) {
    if (auto parsed = integer_in(value->get_ref<const std::string&>())) return parsed;
  }
  throw Invalid{at(path, key), "not an integer: " + quoted(*value)};
}

std::optional<double> number_in(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // from_chars rejects a leading '+', which feeds use for signed values ("+1.5").
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> optional_number(const json& object, std::string_view key,
                                      const std::string& path) {
  const json* value = find(object, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) {
    const double number = value->get<double>();
    if (std::isfinite(number)) return number;
  } else if (value->is_string()) {
    if (auto parsed = number_in(value->get_ref<const std::string&>())) return parsed;
  }
  throw Invalid{at(path, key), "not a number: " + quoted(*value)};
}

std::string require_id(const json& object, std::string_view key, const std::string& path) {
  const json& value = require(object, key, path);
  if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
  if (value.is_string() && !value.get_ref<const std::string&>().empty())
    return value.get<std::string>();
  throw Invalid{at(path, key), "not an id: " + quoted(value)};
}

int64_t require_time(const json& object, std::string_view key, const std::string& path) {
  const json& value = require(object, key, path);
  if (!value.is_string()) throw Invalid{at(path, key), "not a string: " + quoted(value)};
  std::string text = value.get<std::string>();
  // ESPN drops the seconds: "2025-07-06T17:00Z".
  if (text.size() == 17 && text[10] == 'T' && text[13] == ':' && text[16] == 'Z')
    text.insert(16, ":00");
  const auto ms = parse_iso8601_ms(text);
  if (!ms) throw Invalid{at(path, key), "not an ISO-8601 UTC time: " + quoted(value)};
  if (*ms < kEarliestMs || *ms >= kLatestMs)
    throw Invalid{at(path, key), "outside 2000..2100: " + quoted(value)};
  return *ms;
}

domain::events::GameDay require_day(const json& object, std::string_view key,
                                    const std::string& path) {
  const json& value = require(object, key, path);
  const std::string where = at(path, key);
  if (!value.is_string()) throw Invalid{where, "not a string: " + quoted(value)};
  const std::string& text = value.get_ref<const std::string&>();
  const auto year =
      text.size() == 10 ? integer_in(std::string_view(text).substr(0, 4)) : std::nullopt;
  const auto month =
      text.size() == 10 ? integer_in(std::string_view(text).substr(5, 2)) : std::nullopt;
  const auto day =
      text.size() == 10 ? integer_in(std::string_view(text).substr(8, 2)) : std::nullopt;
  if (!year || !month || !day || text[4] != '-' || text[7] != '-')
    throw Invalid{where, "not a date like 2024-07-01: " + quoted(value)};
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(*year)},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok() || *year < 2000 || *year >= 2100)
    throw Invalid{where, "not a calendar date in 2000..2100: " + quoted(value)};
  return {static_cast<int>(*year), static_cast<int>(*month), static_cast<int>(*day)};
}

std::string team(const entities::EntityResolver& resolver, std::string_view sport,
                 const std::string& name, const std::string& path) {
  const auto canonical = resolver.resolve_team(sport, name);
  if (!canonical) throw Invalid{path, "unknown team '" + name + "' for " + std::string(sport)};
  return *canonical;
}

std::string event_id(const domain::events::EventIdentity& identity, const std::string& path) {
  try {
    return domain::events::canonical_event_id(identity);
  } catch (const std::exception& error) {
    throw Invalid{path, std::string("no canonical event id: ") + error.what()};
  }
}

}  // namespace stats_json
}  // namespace sharpline::adapters::sources
