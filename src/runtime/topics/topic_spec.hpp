// Declared topics: the files under topics/ describe every topic the system uses.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sharpline::runtime::topics {

class TopicSpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TopicSpec {
  std::string name;
  std::string description;
  int partitions = 0;
  std::optional<int> replication_factor;      // unset: topics.replication.factor / broker default
  std::string key_type;                       // "string" (UTF-8 bytes, not registry-framed)
  std::string key_field;                      // the record field the key is taken from
  std::string value_schema;                   // stem of schemas/<stem>.avsc, or "bytes"
  std::string cleanup_policy;                 // "delete", "compact" or "compact,delete"
  std::optional<long long> retention_ms;      // -1 keeps forever
  std::string co_partition_group;             // topics joined by a stage share key and partitions
  std::map<std::string, std::string> config;  // further topic configs, passed unchanged

  // cleanup.policy, retention.ms and `config` as Kafka topic configs.
  std::map<std::string, std::string> kafka_configs() const;
};

// Loads every *.json under dir (sorted). Errors name the file and the field.
std::vector<TopicSpec> load_topic_specs(const std::string& dir);
TopicSpec parse_topic_spec(const std::string& json_text, const std::string& origin);

// Checks cross-topic rules: unique names, and one partition count per co-partition group.
void validate_topic_specs(const std::vector<TopicSpec>& specs);

// Finds topics/: explicit dir, else SHARPLINE_TOPICS_DIR, else the source tree.
std::string find_topics_dir(const std::string& configured);

}  // namespace sharpline::runtime::topics
