#include "runtime/topics/topic_spec.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace sharpline::runtime::topics {
namespace {

const std::set<std::string> kKnownFields = {
    "name",  "description",    "partitions",   "replication_factor", "key",
    "value", "cleanup_policy", "retention_ms", "co_partition_group", "config"};

template <typename T>
T field(const nlohmann::json& doc, const std::string& name, const std::string& origin) {
  if (!doc.contains(name)) throw TopicSpecError(origin + ": missing field '" + name + "'");
  try {
    return doc.at(name).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw TopicSpecError(origin + ": field '" + name + "' has the wrong type");
  }
}

}  // namespace

std::map<std::string, std::string> TopicSpec::kafka_configs() const {
  std::map<std::string, std::string> configs = config;
  configs["cleanup.policy"] = cleanup_policy;
  if (retention_ms) configs["retention.ms"] = std::to_string(*retention_ms);
  return configs;
}

TopicSpec parse_topic_spec(const std::string& json_text, const std::string& origin) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    throw TopicSpecError(origin + ": not valid JSON: " + e.what());
  }
  if (!doc.is_object()) throw TopicSpecError(origin + ": expected a JSON object");
  for (const auto& [name, value] : doc.items()) {
    if (!kKnownFields.contains(name))
      throw TopicSpecError(origin + ": unknown field '" + name + "'");
  }
  TopicSpec spec;
  spec.name = field<std::string>(doc, "name", origin);
  spec.description = doc.value("description", "");
  spec.partitions = field<int>(doc, "partitions", origin);
  if (spec.partitions < 1) throw TopicSpecError(origin + ": partitions must be at least 1");
  if (doc.contains("replication_factor")) {
    spec.replication_factor = field<int>(doc, "replication_factor", origin);
  }
  const auto key = field<nlohmann::json>(doc, "key", origin);
  spec.key_type = key.value("type", "string");
  spec.key_field = key.value("field", "");
  const auto value = field<nlohmann::json>(doc, "value", origin);
  spec.value_schema = value.value("schema", "");
  if (spec.value_schema.empty()) throw TopicSpecError(origin + ": value.schema is required");
  spec.cleanup_policy = doc.value("cleanup_policy", "delete");
  if (spec.cleanup_policy != "delete" && spec.cleanup_policy != "compact" &&
      spec.cleanup_policy != "compact,delete") {
    throw TopicSpecError(origin + ": cleanup_policy must be delete, compact or compact,delete");
  }
  if (doc.contains("retention_ms"))
    spec.retention_ms = field<long long>(doc, "retention_ms", origin);
  spec.co_partition_group = doc.value("co_partition_group", "");
  if (doc.contains("config")) {
    for (const auto& [name, v] : doc["config"].items()) {
      if (!v.is_string()) throw TopicSpecError(origin + ": config." + name + " must be a string");
      spec.config[name] = v.get<std::string>();
    }
  }
  return spec;
}

std::vector<TopicSpec> load_topic_specs(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw TopicSpecError("topics directory '" + dir + "' not found");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<TopicSpec> specs;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    specs.push_back(parse_topic_spec(text.str(), file.string()));
    if (specs.back().name + ".json" != file.filename().string()) {
      throw TopicSpecError(file.string() + ": file name must be <name>.json (" + specs.back().name +
                           ".json)");
    }
  }
  validate_topic_specs(specs);
  return specs;
}

void validate_topic_specs(const std::vector<TopicSpec>& specs) {
  std::set<std::string> names;
  std::map<std::string, const TopicSpec*> group_first;
  for (const auto& spec : specs) {
    if (!names.insert(spec.name).second)
      throw TopicSpecError("topic " + spec.name + " declared twice");
    if (spec.co_partition_group.empty()) continue;
    auto [it, inserted] = group_first.emplace(spec.co_partition_group, &spec);
    if (!inserted &&
        (it->second->partitions != spec.partitions || it->second->key_type != spec.key_type)) {
      throw TopicSpecError("co-partition group '" + spec.co_partition_group + "': " + spec.name +
                           " has " + std::to_string(spec.partitions) + " partitions and key " +
                           spec.key_type + " but " + it->second->name + " has " +
                           std::to_string(it->second->partitions) + " and " + it->second->key_type +
                           "; joined topics must match");
    }
  }
}

std::string find_topics_dir(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("SHARPLINE_TOPICS_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::string(SHARPLINE_SOURCE_DIR) + "/topics";
}

}  // namespace sharpline::runtime::topics
