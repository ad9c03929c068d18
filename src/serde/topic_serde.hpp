// Values on the bus: each declared topic's value schema, registered as subject "<topic>-value",
// and the Confluent wire format around Avro binary. Encoding validates against the topic's
// schema; decoding uses the writer's schema fetched by id, so records written with an older or
// newer schema version still decode.
//
// Not thread-safe (codecs keep scratch buffers): use one instance per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "serde/avro_schema.hpp"
#include "serde/json_avro_codec.hpp"
#include "serde/schema_registry.hpp"

namespace sharpline::serde {

inline std::string value_subject(const std::string& topic) {
  return topic + "-value";
}

class TopicSerde {
 public:
  // topic_schemas: every topic with an Avro value (raw-bytes topics such as changelogs are
  // left out).
  TopicSerde(std::shared_ptr<SchemaRegistry> registry,
             std::map<std::string, AvroSchema> topic_schemas);

  // Registers every topic's value schema in topic-name order. On an empty embedded registry
  // this order makes the ids the same in every process and across restarts.
  void register_all();

  bool has_schema(const std::string& topic) const { return topics_.contains(topic); }
  int32_t schema_id(const std::string& topic);
  const AvroSchema& schema(const std::string& topic) const;

  // Validates `record` against the topic's schema and appends the framed bytes to out.
  // Throws RecordError naming the field.
  void encode(const std::string& topic, const nlohmann::json& record, std::vector<uint8_t>& out);

  // Decodes framed bytes with the writer schema named by their id. Throws WireFormatError,
  // SchemaRegistryError (unknown id) or RecordError.
  nlohmann::json decode(std::span<const uint8_t> framed);

  SchemaRegistry& registry() { return *registry_; }

 private:
  struct TopicEntry {
    AvroSchema schema;
    JsonAvroCodec codec;
    int32_t id = -1;
  };
  TopicEntry& entry(const std::string& topic);

  std::shared_ptr<SchemaRegistry> registry_;
  std::map<std::string, TopicEntry> topics_;
  std::map<int32_t, JsonAvroCodec> readers_;  // writer schemas by id
  std::vector<uint8_t> scratch_;
};

}  // namespace sharpline::serde
