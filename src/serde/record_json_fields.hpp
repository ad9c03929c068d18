// Internal to record_json.cpp and pipeline_record_json.cpp: readers for the fields of a record in
// natural JSON (see json_avro_codec.hpp), with one error style for every record: a RecordError
// whose path names the field ("price", "legs[1].price"). Not part of the serde interface.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "serde/errors.hpp"

namespace sharpline::serde::record_json_fields {

using nlohmann::json;

inline const json& field(const json& record, const char* name) {
  if (!record.is_object()) throw RecordError("", "expected a JSON object");
  const auto it = record.find(name);
  if (it == record.end()) throw RecordError(name, "missing");
  return *it;
}

inline bool has_value(const json& record, const char* name) {
  const auto it = record.find(name);
  return it != record.end() && !it->is_null();
}

inline std::string get_string(const json& record, const char* name) {
  const json& value = field(record, name);
  if (!value.is_string()) throw RecordError(name, "expected a string, got " + value.dump());
  return value.get<std::string>();
}

inline int64_t get_long(const json& record, const char* name) {
  const json& value = field(record, name);
  if (!value.is_number_integer())
    throw RecordError(name, "expected an integer, got " + value.dump());
  return value.get<int64_t>();
}

inline int32_t get_int(const json& record, const char* name) {
  const int64_t value = get_long(record, name);
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max())
    throw RecordError(name, "out of range for int: " + std::to_string(value));
  return static_cast<int32_t>(value);
}

inline double get_double(const json& record, const char* name) {
  const json& value = field(record, name);
  if (!value.is_number()) throw RecordError(name, "expected a number, got " + value.dump());
  return value.get<double>();
}

inline bool get_bool_or(const json& record, const char* name, bool fallback) {
  if (!has_value(record, name)) return fallback;
  const json& value = record.at(name);
  if (!value.is_boolean()) throw RecordError(name, "expected a boolean, got " + value.dump());
  return value.get<bool>();
}

template <typename T, typename Get>
std::optional<T> optional_of(const json& record, const char* name, Get get) {
  if (!has_value(record, name)) return std::nullopt;
  return get(record, name);
}

inline std::optional<std::string> opt_string(const json& r, const char* n) {
  return optional_of<std::string>(r, n, get_string);
}
inline std::optional<int64_t> opt_long(const json& r, const char* n) {
  return optional_of<int64_t>(r, n, get_long);
}
inline std::optional<int32_t> opt_int(const json& r, const char* n) {
  return optional_of<int32_t>(r, n, get_int);
}
inline std::optional<double> opt_double(const json& r, const char* n) {
  return optional_of<double>(r, n, get_double);
}

template <typename T>
json nullable(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// Checks one scalar item of a map or an array; `path` names it ("external_ids[\"espn\"]").
template <typename V>
V get_item(const json& item, const std::string& path) {
  if constexpr (std::is_same_v<V, std::string>) {
    if (!item.is_string()) throw RecordError(path, "expected a string, got " + item.dump());
  } else {
    if (!item.is_number()) throw RecordError(path, "expected a number, got " + item.dump());
  }
  return item.template get<V>();
}

// Maps default to {} in the schemas, so a missing map is an empty one.
template <typename V>
std::map<std::string, V> get_map(const json& record, const char* name) {
  std::map<std::string, V> out;
  if (!has_value(record, name)) return out;
  const json& value = record.at(name);
  if (!value.is_object()) throw RecordError(name, "expected an object, got " + value.dump());
  for (const auto& [key, item] : value.items())
    out.emplace(key, get_item<V>(item, std::string(name) + "[\"" + key + "\"]"));
  return out;
}

// The array field `name`, checked to be an array. Arrays without a schema default are required;
// with `missing_is_empty` (the field defaults to []) a missing or null array is an empty one.
inline const json& array_field(const json& record, const char* name, bool missing_is_empty,
                               const json& empty) {
  if (missing_is_empty && !has_value(record, name)) return empty;
  const json& value = field(record, name);
  if (!value.is_array()) throw RecordError(name, "expected an array, got " + value.dump());
  return value;
}

// An array of strings or numbers (V = std::string or double).
template <typename V>
std::vector<V> get_array(const json& record, const char* name, bool missing_is_empty = false) {
  static const json empty = json::array();
  std::vector<V> out;
  for (const json& item : array_field(record, name, missing_is_empty, empty)) {
    out.push_back(get_item<V>(item, std::string(name) + "[" + std::to_string(out.size()) + "]"));
  }
  return out;
}

// Runs `parse` on a nested record; a RecordError it throws gets `prefix` in front of its path,
// so the error names the field from the top ("legs[1].price", "steam.direction").
template <typename Parse>
auto nested(const std::string& prefix, const json& value, Parse parse) {
  try {
    return parse(value);
  } catch (const RecordError& error) {
    throw RecordError(error.path().empty() ? prefix : prefix + "." + error.path(), error.problem());
  }
}

// An array of records, each parsed by `parse` (json -> T).
template <typename T, typename Parse>
std::vector<T> get_records(const json& record, const char* name, Parse parse) {
  static const json empty = json::array();
  std::vector<T> out;
  for (const json& item : array_field(record, name, false, empty)) {
    out.push_back(nested(std::string(name) + "[" + std::to_string(out.size()) + "]", item, parse));
  }
  return out;
}

// A nullable record field (["null", Record], default null).
template <typename T, typename Parse>
std::optional<T> opt_record(const json& record, const char* name, Parse parse) {
  if (!has_value(record, name)) return std::nullopt;
  return nested(name, record.at(name), parse);
}

}  // namespace sharpline::serde::record_json_fields
