#include "serde/topic_serde.hpp"

#include "serde/errors.hpp"
#include "serde/wire_format.hpp"

namespace sharpline::serde {

TopicSerde::TopicSerde(std::shared_ptr<SchemaRegistry> registry,
                       std::map<std::string, AvroSchema> topic_schemas)
    : registry_(std::move(registry)) {
  for (auto& [topic, schema] : topic_schemas) {
    JsonAvroCodec codec(schema);
    topics_.emplace(topic, TopicEntry{std::move(schema), std::move(codec), -1});
  }
}

void TopicSerde::register_all() {
  for (auto& [topic, entry] : topics_) {
    entry.id = registry_->register_schema(value_subject(topic), entry.schema.text());
  }
}

TopicSerde::TopicEntry& TopicSerde::entry(const std::string& topic) {
  auto it = topics_.find(topic);
  if (it == topics_.end()) {
    throw SchemaError("topic '" + topic + "' has no Avro value schema");
  }
  return it->second;
}

int32_t TopicSerde::schema_id(const std::string& topic) {
  TopicEntry& e = entry(topic);
  if (e.id < 0) e.id = registry_->register_schema(value_subject(topic), e.schema.text());
  return e.id;
}

const AvroSchema& TopicSerde::schema(const std::string& topic) const {
  auto it = topics_.find(topic);
  if (it == topics_.end()) throw SchemaError("topic '" + topic + "' has no Avro value schema");
  return it->second.schema;
}

void TopicSerde::encode(const std::string& topic, const nlohmann::json& record,
                        std::vector<uint8_t>& out) {
  TopicEntry& e = entry(topic);
  const int32_t id = schema_id(topic);
  scratch_.clear();
  e.codec.encode(record, scratch_);
  frame(id, scratch_, out);
}

nlohmann::json TopicSerde::decode(std::span<const uint8_t> framed) {
  const Framed parts = unframe(framed);
  auto it = readers_.find(parts.schema_id);
  if (it == readers_.end()) {
    const std::string text = registry_->schema_by_id(parts.schema_id);
    it = readers_.emplace(parts.schema_id, JsonAvroCodec(AvroSchema::parse(text))).first;
  }
  return it->second.decode(parts.payload);
}

}  // namespace sharpline::serde
