#include "cli/replay/dump_format.hpp"

#include <algorithm>
#include <limits>

#include "serde/base64.hpp"
#include "serde/utf8.hpp"

namespace sharpline::cli::replay {
namespace {

using nlohmann::json;

std::string base64_of(std::string_view bytes) {
  return serde::base64_encode({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
}

[[noreturn]] void fail(const std::string& where, const std::string& message) {
  throw DumpFormatError(where + ": " + message);
}

std::vector<uint8_t> bytes_of_base64(const nlohmann::ordered_json& text, const std::string& where,
                                     const std::string& field) {
  if (!text.is_string()) fail(where, "\"" + field + "\" must be a base64 string");
  auto bytes = serde::base64_decode(text.get<std::string>());
  if (!bytes) fail(where, "\"" + field + "\" is not valid base64");
  return std::move(*bytes);
}

template <typename Json>
int64_t integer_field(const Json& object, const char* name, const std::string& where, int64_t min,
                      int64_t max) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_number_integer())
    fail(where, std::string("\"") + name + "\" must be an integer");
  const auto value = it->template get<int64_t>();
  if (value < min || value > max) fail(where, std::string("\"") + name + "\" is out of range");
  return value;
}

// Lines are parsed order-preserving so headers keep their record order; values go to the serde
// as plain json.
json plain(const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      json object = json::object();
      for (const auto& [key, item] : value.items()) object[key] = plain(item);
      return object;
    }
    case json::value_t::array: {
      json array = json::array();
      for (const auto& item : value) array.push_back(plain(item));
      return array;
    }
    case json::value_t::string:
      return value.get<std::string>();
    case json::value_t::boolean:
      return value.get<bool>();
    case json::value_t::number_integer:
      return value.get<int64_t>();
    case json::value_t::number_unsigned:
      return value.get<uint64_t>();
    case json::value_t::number_float:
      return value.get<double>();
    default:
      return nullptr;
  }
}

}  // namespace

std::string to_dump_line(const DumpRecord& record) {
  nlohmann::ordered_json line = {{"topic", record.topic},
                                 {"partition", record.partition},
                                 {"offset", record.offset},
                                 {"timestamp_ms", record.timestamp_ms}};
  const bool key_text = record.key && serde::is_valid_utf8(*record.key);
  line["key"] = key_text ? json(*record.key) : json();
  if (record.key && !key_text) line["key_base64"] = base64_of(*record.key);
  nlohmann::ordered_json headers = nlohmann::ordered_json::object();
  json encoded_names = json::array();
  for (const auto& [name, value] : record.headers) {
    if (serde::is_valid_utf8(value)) {
      headers[name] = value;
    } else {
      headers[name] = base64_of(value);
      encoded_names.push_back(name);
    }
  }
  line["headers"] = std::move(headers);
  if (!encoded_names.empty()) line["headers_base64"] = encoded_names;
  line["value"] = record.raw_value ? json() : record.value;
  if (record.raw_value) line["value_base64"] = serde::base64_encode(*record.raw_value);
  // Header names are caller data too: replace rather than throw on invalid UTF-8.
  return line.dump(-1, ' ', false, json::error_handler_t::replace);
}

DumpRecord parse_dump_line(std::string_view line, const std::string& where) {
  const auto parsed = nlohmann::ordered_json::parse(line, nullptr, false);
  if (parsed.is_discarded()) fail(where, "not valid JSON");
  if (!parsed.is_object()) fail(where, "not a JSON object");
  DumpRecord record;
  const auto topic = parsed.find("topic");
  if (topic == parsed.end() || !topic->is_string() || topic->get<std::string>().empty())
    fail(where, "\"topic\" must be a non-empty string");
  record.topic = topic->get<std::string>();
  record.partition = static_cast<int32_t>(
      integer_field(parsed, "partition", where, 0, std::numeric_limits<int32_t>::max()));
  record.offset = integer_field(parsed, "offset", where, 0, std::numeric_limits<int64_t>::max());
  record.timestamp_ms =
      integer_field(parsed, "timestamp_ms", where, std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max());

  if (const auto it = parsed.find("key_base64"); it != parsed.end()) {
    const auto bytes = bytes_of_base64(*it, where, "key_base64");
    record.key = std::string(bytes.begin(), bytes.end());
  } else if (const auto key = parsed.find("key"); key != parsed.end() && !key->is_null()) {
    if (!key->is_string()) fail(where, "\"key\" must be a string or null");
    record.key = key->get<std::string>();
  }

  std::vector<std::string> encoded_names;
  if (const auto it = parsed.find("headers_base64"); it != parsed.end()) {
    if (!it->is_array()) fail(where, "\"headers_base64\" must be an array of header names");
    for (const auto& name : *it) {
      if (!name.is_string()) fail(where, "\"headers_base64\" must be an array of header names");
      encoded_names.push_back(name.get<std::string>());
    }
  }
  if (const auto it = parsed.find("headers"); it != parsed.end() && !it->is_null()) {
    if (!it->is_object()) fail(where, "\"headers\" must be an object of strings");
    for (const auto& [name, value] : it->items()) {
      if (!value.is_string()) fail(where, "header \"" + name + "\" must be a string");
      if (std::find(encoded_names.begin(), encoded_names.end(), name) != encoded_names.end()) {
        const auto bytes = bytes_of_base64(value, where, "headers." + name);
        record.headers.emplace_back(name, std::string(bytes.begin(), bytes.end()));
      } else {
        record.headers.emplace_back(name, value.get<std::string>());
      }
    }
  }

  if (const auto it = parsed.find("value_base64"); it != parsed.end()) {
    record.raw_value = bytes_of_base64(*it, where, "value_base64");
  } else if (const auto value = parsed.find("value"); value != parsed.end()) {
    record.value = plain(*value);
  } else {
    fail(where, "\"value\" is missing (null for a tombstone)");
  }
  return record;
}

nlohmann::ordered_json manifest_to_json(const DumpManifest& manifest) {
  nlohmann::ordered_json topics = nlohmann::ordered_json::object();
  for (const auto& name : manifest.topics) {
    const auto it = manifest.topic_info.find(name);
    const DumpTopicInfo info = it == manifest.topic_info.end() ? DumpTopicInfo{} : it->second;
    nlohmann::ordered_json watermarks = nlohmann::ordered_json::object();
    for (const auto& [partition, high] : info.high_watermarks)
      watermarks[std::to_string(partition)] = high;
    topics[name] = {{"file", info.file},
                    {"value_schema", info.value_schema},
                    {"records", info.records},
                    {"high_watermarks", std::move(watermarks)}};
  }
  return {{"format", "sharpline-dump-v1"},
          {"sharpline_version", manifest.sharpline_version},
          {"created_ms", manifest.created_ms},
          {"bootstrap", manifest.bootstrap},
          {"topics", std::move(topics)}};
}

DumpManifest manifest_from_json(const nlohmann::ordered_json& parsed, const std::string& where) {
  if (!parsed.is_object()) fail(where, "not a JSON object");
  if (parsed.value("format", std::string()) != "sharpline-dump-v1")
    fail(where, R"(not a sharpline dump manifest ("format" is not "sharpline-dump-v1"))");
  DumpManifest manifest;
  manifest.sharpline_version = parsed.value("sharpline_version", std::string());
  if (const auto it = parsed.find("created_ms"); it != parsed.end() && it->is_number_integer())
    manifest.created_ms = it->get<int64_t>();
  manifest.bootstrap = parsed.value("bootstrap", std::string());
  const auto topics = parsed.find("topics");
  if (topics == parsed.end() || !topics->is_object()) fail(where, "\"topics\" must be an object");
  // ordered_json keeps the topics in dump order, which replay uses to break timestamp ties.
  for (const auto& [name, entry] : topics->items()) {
    std::string at = where;
    at += ": topic ";
    at += name;
    if (!entry.is_object()) fail(at, "must be an object");
    DumpTopicInfo info;
    info.file = entry.value("file", std::string());
    if (info.file.empty() || info.file.find('/') != std::string::npos)
      fail(at, "\"file\" must name a file in the dump directory");
    info.value_schema = entry.value("value_schema", std::string());
    info.records = static_cast<uint64_t>(
        integer_field(entry, "records", at, 0, std::numeric_limits<int64_t>::max()));
    if (const auto marks = entry.find("high_watermarks"); marks != entry.end()) {
      if (!marks->is_object()) fail(at, "\"high_watermarks\" must be an object");
      for (const auto& [partition, high] : marks->items()) {
        if (!high.is_number_integer()) fail(at, "high watermark of " + partition);
        try {
          info.high_watermarks[std::stoi(partition)] = high.get<int64_t>();
        } catch (const std::exception&) {
          fail(at, "partition '" + partition + "' is not a number");
        }
      }
    }
    manifest.topics.push_back(name);
    manifest.topic_info.emplace(name, std::move(info));
  }
  return manifest;
}

}  // namespace sharpline::cli::replay
