// The records of a `sharpline dump` (docs/cli.md): one JSON object per line of
// DIR/<topic>.jsonl, plus DIR/manifest.json. Values are kept decoded (Avro as natural JSON),
// not as Confluent wire bytes, because a schema id only means something to the registry that
// issued it: `sharpline replay --from-dump` re-encodes each value against the target bus.
//
//   {"topic","partition","offset","timestamp_ms",
//    "key":          UTF-8 string | null          (a key that is not UTF-8: null, plus
//                                                 "key_base64")
//    "headers":      {name: string}               (values that are not UTF-8 are base64,
//                                                 and their names are listed in
//                                                 "headers_base64"; a repeated name keeps the
//                                                 last value)
//    "value":        decoded record | null        (null for tombstones and raw values)
//    "value_base64": the raw value                (only for "bytes" topics and values that
//                                                 failed to decode)}
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sharpline::cli::replay {

// A dump file or manifest that cannot be read; the message names the file and line.
class DumpFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DumpRecord {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = 0;
  std::optional<std::string> key;                            // raw key bytes; nullopt: no key
  std::vector<std::pair<std::string, std::string>> headers;  // raw values, in record order
  nlohmann::json value;                                      // decoded value; null when absent
  std::optional<std::vector<uint8_t>> raw_value;             // set instead of value for raw bytes

  bool tombstone() const { return value.is_null() && !raw_value; }
  bool operator==(const DumpRecord&) const = default;
};

// One line of a dump file (no trailing newline).
std::string to_dump_line(const DumpRecord& record);
// Parses one line; `where` ("DIR/t.jsonl:12") prefixes every error.
DumpRecord parse_dump_line(std::string_view line, const std::string& where);

struct DumpTopicInfo {
  std::string file;          // "<topic>.jsonl", relative to the dump directory
  std::string value_schema;  // the topic spec's value schema stem, or "bytes"
  uint64_t records = 0;
  std::map<int32_t, int64_t> high_watermarks;  // partition -> high watermark at dump start

  bool operator==(const DumpTopicInfo&) const = default;
};

struct DumpManifest {
  std::string sharpline_version;
  int64_t created_ms = 0;
  std::string bootstrap;            // the bus the dump was read from
  std::vector<std::string> topics;  // in dump order (replay breaks ties by it)
  std::map<std::string, DumpTopicInfo> topic_info;

  bool operator==(const DumpManifest&) const = default;
};

nlohmann::ordered_json manifest_to_json(const DumpManifest& manifest);
// `where` names the manifest file in errors. Ordered, so the topics keep their dump order.
DumpManifest manifest_from_json(const nlohmann::ordered_json& json, const std::string& where);

}  // namespace sharpline::cli::replay
